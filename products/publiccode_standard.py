"""The publiccode.yml standard's rules (version 0, which includes 0.2–0.5 and 0.7), as the reference
parser (publiccode-parser-go) applies them where a fault shows without fetching URLs or repository
files: required keys, the type of every key, unknown keys, the vocabularies of categories, scopes,
statuses, software and maintenance types, text lengths (in characters as people see them), SPDX licence
expressions, BCP 47 language tags, ISO 3166-1 country codes, dates, the form of URLs and e-mail
addresses, and which maintenance keys go together. Every problem is reported in Danish, all at once.

`check(data)` returns (errors, warnings): a file with errors is refused, warnings are advice (deprecated
keys, an older version string), as the reference parser gives them.
"""

import datetime
import functools
import re
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

# "0" is the current version string; the others are older names of the same major version.
CURRENT_VERSION = "0"
SUPPORTED_VERSIONS = [
    "0",
    *("0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5", "0.5.0", "0.7", "0.7.0"),
]
DEVELOPMENT_STATUSES = ["concept", "development", "beta", "stable", "obsolete"]
SOFTWARE_TYPES = [
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
]
MAINTENANCE_TYPES = ["internal", "contract", "community", "none"]
CATEGORIES = [
    "accounting",
    "agile-project-management",
    "applicant-tracking",
    "application-development",
    "appointment-scheduling",
    "backup",
    "billing-and-invoicing",
    "blog",
    "budgeting",
    "business-intelligence",
    "business-process-management",
    "cad",
    "call-center-management",
    "cloud-management",
    "collaboration",
    "communications",
    "compliance-management",
    "contact-management",
    "content-management",
    "crm",
    "customer-service-and-support",
    "data-analytics",
    "data-collection",
    "data-visualization",
    "design",
    "design-system",
    "digital-asset-management",
    "digital-citizenship",
    "document-management",
    "donor-management",
    "e-commerce",
    "e-signature",
    "educational-content",
    "email-management",
    "email-marketing",
    "employee-management",
    "enterprise-project-management",
    "enterprise-social-networking",
    "erp",
    "event-management",
    "facility-management",
    "feedback-and-reviews-management",
    "financial-reporting",
    "fleet-management",
    "fundraising",
    "gamification",
    "geographic-information-systems",
    "grant-management",
    "graphic-design",
    "help-desk",
    "hr",
    "ide",
    "identity-management",
    "instant-messaging",
    "integrated-library-system",
    "inventory-management",
    "it-asset-management",
    "it-development",
    "it-management",
    "it-security",
    "it-service-management",
    "knowledge-management",
    "learning-management-system",
    "marketing",
    "mind-mapping",
    "mobile-marketing",
    "mobile-payment",
    "network-management",
    "office",
    "online-booking",
    "online-community",
    "payment-gateway",
    "payroll",
    "predictive-analysis",
    "procurement",
    "productivity-suite",
    "project-collaboration",
    "project-management",
    "property-management",
    "real-estate-management",
    "regulations-and-directives",
    "remote-support",
    "resource-management",
    "sales-management",
    "seo",
    "service-desk",
    "social-media-management",
    "survey",
    "talent-management",
    "task-management",
    "taxes-management",
    "test-management",
    "time-management",
    "time-tracking",
    "translation",
    "video-conferencing",
    "video-editing",
    "visitor-management",
    "voip",
    "warehouse-management",
    "web-collaboration",
    "web-conferencing",
    "whistleblowing",
    "website-builder",
    "workflow-management",
    "other",
]
SCOPES = [
    "agriculture",
    "culture",
    "defence",
    "education",
    "emergency-services",
    "employment",
    "energy",
    "environment",
    "finance-and-economic-development",
    "foreign-affairs",
    "government",
    "healthcare",
    "infrastructures",
    "justice",
    "local-authorities",
    "manufacturing",
    "research",
    "science-and-technology",
    "security",
    "society",
    "sport",
    "tourism",
    "transportation",
    "welfare",
]
SUPPORT_ALIASES = ["gdpr", "eidas", "nis2", "cra", "spid", "cie", "anpr", "pagopa", "io"]
LOGO_EXTENSIONS = (".svg", ".svgz", ".png")
MIME_TYPE = re.compile(r"^[A-Za-z0-9][\w!#$&^.+-]{0,126}/[A-Za-z0-9][\w!#$&^.+-]{0,126}$")
COUNTRY = re.compile(r"^([A-Z]{2}|[a-z]{2})$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@functools.cache
def _licensing():
    # Loaded on first use: reading the SPDX licence list adds 30 ms to every process's start.
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def is_spdx_expression(value):
    """A licence expression of SPDX identifiers (MPL-2.0, EUPL-1.2, GPL-3.0-or-later OR MIT …)."""
    if not value.strip():
        return False
    try:
        return not _licensing().validate(value).errors
    except Exception:  # the library raises on expressions it cannot parse at all
        return False


def is_language_tag(value):
    """A well-formed, registered BCP 47 tag in its canonical form (en-GB, not en-gb or en_GB)."""
    # Loaded on first use: the language registry adds 25 ms to every process's start.
    import langcodes

    return "_" not in value and langcodes.tag_is_valid(value) and langcodes.standardize_tag(value) == value


def is_country(value):
    """An ISO 3166-1 alpha-2 code (upper case; lower case is deprecated but accepted)."""
    # Loaded on first use, as in `is_language_tag`.
    import langcodes

    return bool(COUNTRY.match(value)) and langcodes.tag_is_valid(f"und-{value.upper()}")


def length(text):
    """Characters as a reader counts them: a letter with combining accents is one."""
    return sum(1 for ch in unicodedata.normalize("NFC", text) if not unicodedata.combining(ch))


def is_url(value, http=False):
    parts = urlsplit(value)
    if not parts.scheme or not parts.netloc or any(ch.isspace() for ch in value):
        return False
    return parts.scheme in ("http", "https") if http else bool(re.match(r"^[a-z][a-z0-9+.-]*$", parts.scheme))


def is_uri(value):
    """An organisation's URI: a web address or a URN (urn:nid:nss)."""
    if value.lower().startswith("urn:"):
        return bool(re.match(r"^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$", value, re.IGNORECASE))
    return is_url(value)


def is_date(value):
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return True
    if not isinstance(value, str) or not DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_email(value):
    try:
        EmailValidator()(value)
    except ValidationError:
        return False
    return True


class Checker:
    """Walks a document, collecting problems keyed by the path of the key (`description.en.features`)."""

    def __init__(self):
        self.errors, self.warnings = [], []

    # --- reporting ---
    def error(self, key, message):
        self.errors.append(
            _("Feltet '%(key)s' %(message)s") % {"key": key, "message": message} if key else message
        )

    def warn(self, key, message):
        self.warnings.append(_("Feltet '%(key)s' %(message)s") % {"key": key, "message": message})

    def wrong_type(self, key, expected):
        self.error(key, _("skal være %(expected)s.") % {"expected": expected})

    # --- shapes ---
    def mapping(self, key, value, allowed, required=()):
        """A mapping with only `allowed` keys and all `required` ones; False when not a mapping."""
        if not isinstance(value, dict):
            self.wrong_type(key, _("en samling af nøgler og værdier"))
            return False
        for name in value:
            if name not in allowed:
                self.error(self.join(key, name), _("er ikke en nøgle i standarden."))
        for name in required:
            if value.get(name) is None:
                self.error(self.join(key, name), _("mangler."))
        return True

    @staticmethod
    def join(key, name):
        return f"{key}.{name}" if key else str(name)

    def text(self, key, value, maximum=None, minimum=None):
        if not isinstance(value, str):
            self.wrong_type(key, _("en tekst"))
            return False
        if maximum is not None and length(value) > maximum:
            self.error(
                key,
                _("må højst være %(count)s tegn (er %(length)s).")
                % {"count": maximum, "length": length(value)},
            )
        if minimum is not None and length(value) < minimum:
            self.error(
                key,
                _("skal være mindst %(count)s tegn (er %(length)s).")
                % {"count": minimum, "length": length(value)},
            )
        return True

    def texts(self, key, value, each=None, nonempty=False):
        """A list of texts, each passing `each(text)` if given."""
        if not isinstance(value, list):
            self.wrong_type(key, _("en liste"))
            return
        if nonempty and not value:
            self.error(key, _("skal have mindst ét punkt."))
        for number, item in enumerate(value):
            if self.text(f"{key}[{number}]", item) and each:
                each(f"{key}[{number}]", item)

    def choice(self, key, value, choices):
        if self.text(key, value) and value not in choices:
            self.error(key, _("skal være en af %(values)s.") % {"values": ", ".join(choices)})

    def vocabulary(self, choices, what):
        def check(key, value):
            if value not in choices:
                self.error(
                    key, _("'%(value)s' er ikke %(what)s i standarden.") % {"value": value, "what": what}
                )

        return check

    def url(self, key, value, http=True):
        if self.text(key, value) and not is_url(value, http=http):
            expected = _("en webadresse (http eller https)") if http else _("en adresse (URL)")
            self.wrong_type(key, expected)

    def date(self, key, value):
        if not is_date(value):
            self.wrong_type(key, _("en dato som ÅÅÅÅ-MM-DD"))

    def boolean(self, key, value):
        if not isinstance(value, bool):
            self.wrong_type(key, _("true eller false"))

    def email(self, key, value):
        if self.text(key, value) and not is_email(value):
            self.wrong_type(key, _("en e-mailadresse"))

    def relative_path_or_url(self, key, value, extensions=None):
        if not self.text(key, value):
            return
        if value.startswith("/") or value.lower().startswith("file:"):
            self.error(key, _("skal være en relativ sti eller en webadresse."))
        elif extensions and not urlsplit(value).path.lower().endswith(extensions):
            self.error(key, _("skal være en fil af typen %(types)s.") % {"types": ", ".join(extensions)})

    def organisation(self, key, value):
        if self.mapping(key, value, {"name", "uri"}, required=["uri"]):
            if value.get("name") is not None:
                self.text(f"{key}.name", value["name"])
            if (
                value.get("uri") is not None
                and self.text(f"{key}.uri", value["uri"])
                and not is_uri(value["uri"])
            ):
                self.wrong_type(f"{key}.uri", _("en URI (en webadresse eller en URN)"))

    def list_of(self, key, value, each):
        if not isinstance(value, list):
            self.wrong_type(key, _("en liste"))
            return
        for number, item in enumerate(value):
            each(f"{key}[{number}]", item)


TOP_LEVEL = {
    "publiccodeYmlVersion",
    "name",
    "applicationSuite",
    "url",
    "landingURL",
    "isBasedOn",
    "softwareVersion",
    "releaseDate",
    "logo",
    "monochromeLogo",
    "organisation",
    "inputTypes",
    "outputTypes",
    "platforms",
    "categories",
    "usedBy",
    "fundedBy",
    "roadmap",
    "developmentStatus",
    "softwareType",
    "supports",
    "intendedAudience",
    "description",
    "legal",
    "maintenance",
    "localisation",
    "dependsOn",
    "IT",
    "it",
}
DESCRIPTION = {
    "localisedName",
    "genericName",
    "shortDescription",
    "longDescription",
    "documentation",
    "apiDocumentation",
    "features",
    "screenshots",
    "videos",
    "awards",
}


def check(data):
    """(errors, warnings) of a parsed publiccode.yml document."""
    c = Checker()
    if not isinstance(data, dict):
        c.error("", _("Filen skal indeholde en samling af nøgler og værdier, som publiccode.yml beskriver."))
        return c.errors, c.warnings
    required = ["publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus", "softwareType"]
    required += ["description", "legal", "maintenance", "localisation"]
    c.mapping("", data, TOP_LEVEL, required)
    get = data.get

    version = get("publiccodeYmlVersion")
    if version is not None:
        if not isinstance(version, str):
            c.wrong_type("publiccodeYmlVersion", _("en tekst i anførselstegn, f.eks. '0'"))
        elif version not in SUPPORTED_VERSIONS:
            c.error(
                "publiccodeYmlVersion",
                _("versionen '%(version)s' findes ikke; brug '%(current)s'.")
                % {"version": version, "current": CURRENT_VERSION},
            )
        elif version != CURRENT_VERSION and not version.startswith("0.7"):
            c.warn(
                "publiccodeYmlVersion",
                _("'%(version)s' er ikke den nyeste version; brug '0'.") % {"version": version},
            )
    for key in ["name", "applicationSuite", "softwareVersion"]:
        if get(key) is not None:
            c.text(key, get(key))
    if get("url") is not None:
        c.url("url", get("url"), http=False)
    for key in ["landingURL", "roadmap"]:
        if get(key) is not None:
            c.url(key, get(key))
    based_on = get("isBasedOn")
    if based_on is not None:
        if isinstance(based_on, str):
            c.url("isBasedOn", based_on, http=False)
        else:
            c.list_of("isBasedOn", based_on, lambda key, value: c.url(key, value, http=False))
    if get("releaseDate") is not None:
        c.date("releaseDate", get("releaseDate"))
    if get("logo") is not None:
        c.relative_path_or_url("logo", get("logo"), LOGO_EXTENSIONS)
    if get("monochromeLogo") is not None:
        c.warn("monochromeLogo", _("er forældet; brug 'logo'."))
        c.relative_path_or_url("monochromeLogo", get("monochromeLogo"), LOGO_EXTENSIONS)
    if get("organisation") is not None:
        c.organisation("organisation", get("organisation"))
    for key in ["inputTypes", "outputTypes"]:
        if get(key) is not None:
            c.warn(key, _("er forældet og kan fjernes."))

            def mime(path, value):
                if not MIME_TYPE.match(value):
                    c.wrong_type(path, _("en MIME-type, f.eks. text/csv"))

            c.texts(key, get(key), mime)
    if get("platforms") is not None:
        c.texts("platforms", get("platforms"), nonempty=True)
    if get("categories") is not None:
        c.texts("categories", get("categories"), c.vocabulary(CATEGORIES, _("en kategori")))
    if get("usedBy") is not None:
        c.texts("usedBy", get("usedBy"))
    if get("fundedBy") is not None:
        c.list_of("fundedBy", get("fundedBy"), c.organisation)
    if get("developmentStatus") is not None:
        c.choice("developmentStatus", get("developmentStatus"), DEVELOPMENT_STATUSES)
    if get("softwareType") is not None:
        c.choice("softwareType", get("softwareType"), SOFTWARE_TYPES)
    if get("supports") is not None:
        c.list_of("supports", get("supports"), lambda key, value: check_support(c, key, value))
    if get("intendedAudience") is not None:
        check_audience(c, get("intendedAudience"))
    if get("description") is not None:
        check_description(c, get("description"))
    if get("legal") is not None:
        check_legal(c, get("legal"))
    if get("maintenance") is not None:
        check_maintenance(c, get("maintenance"))
    if get("localisation") is not None:
        check_localisation(c, get("localisation"))
    if get("dependsOn") is not None:
        check_dependencies(c, get("dependsOn"))
    if "it" in data:
        c.warn("it", _("er forældet; brug 'IT'."))
    return c.errors, c.warnings


def check_support(c, key, value):
    if (
        c.mapping(key, value, {"id"}, required=["id"])
        and value.get("id") is not None
        and c.text(f"{key}.id", value["id"])
    ):
        support = value["id"]
        if support.startswith("alias:"):
            if support[6:] not in SUPPORT_ALIASES:
                c.error(f"{key}.id", _("'%(value)s' er ikke et kendt alias.") % {"value": support})
        elif not is_uri(support):
            c.wrong_type(f"{key}.id", _("et alias eller en URI"))


def check_audience(c, audience):
    if not c.mapping("intendedAudience", audience, {"scope", "countries", "unsupportedCountries"}):
        return
    if audience.get("scope") is not None:
        c.texts(
            "intendedAudience.scope",
            audience["scope"],
            c.vocabulary(SCOPES, _("et anvendelsesområde (scope)")),
        )
    for key in ["countries", "unsupportedCountries"]:
        if audience.get(key) is not None:

            def country(path, value):
                if not is_country(value):
                    c.wrong_type(path, _("en landekode efter ISO 3166-1, f.eks. DK"))
                elif value.islower():
                    c.warn(
                        path,
                        _("landekoder skrives med store bogstaver ('%(code)s').") % {"code": value.upper()},
                    )

            c.texts(f"intendedAudience.{key}", audience[key], country)


def check_description(c, description):
    if not isinstance(description, dict) or not description:
        c.wrong_type("description", _("en samling med mindst ét sprog, f.eks. 'da' eller 'en'"))
        return
    for language, text in description.items():
        key = f"description.{language}"
        if not isinstance(language, str) or not is_language_tag(language):
            c.error(
                key,
                _("'%(language)s' er ikke en sprogkode efter BCP 47, f.eks. da eller en-GB.")
                % {"language": language},
            )
        if not c.mapping(
            key, text, DESCRIPTION, required=["shortDescription", "longDescription", "features"]
        ):
            continue
        if text.get("localisedName") is not None:
            c.text(f"{key}.localisedName", text["localisedName"])
        if text.get("genericName") is not None:
            c.warn(f"{key}.genericName", _("er forældet og kan fjernes."))
            c.text(f"{key}.genericName", text["genericName"], maximum=35)
        if text.get("shortDescription") is not None:
            c.text(f"{key}.shortDescription", text["shortDescription"], maximum=150)
        if text.get("longDescription") is not None:
            c.text(f"{key}.longDescription", text["longDescription"], minimum=150, maximum=10000)
        for name in ["documentation", "apiDocumentation"]:
            if text.get(name) is not None:
                c.url(f"{key}.{name}", text[name])
        if text.get("features") is not None:
            c.texts(f"{key}.features", text["features"], nonempty=True)
        for name in ["screenshots", "awards"]:
            if text.get(name) is not None:
                c.texts(f"{key}.{name}", text[name])
        if text.get("videos") is not None:
            c.texts(f"{key}.videos", text["videos"], lambda path, value: c.url(path, value))


def check_legal(c, legal):
    allowed = {"license", "mainCopyrightOwner", "repoOwner", "authorsFile"}
    if not c.mapping("legal", legal, allowed, required=["license"]):
        return
    licence = legal.get("license")
    if licence is not None and c.text("legal.license", licence) and not is_spdx_expression(licence):
        c.wrong_type("legal.license", _("et SPDX-licensudtryk, f.eks. MPL-2.0 eller EUPL-1.2"))
    if legal.get("mainCopyrightOwner") is not None:
        c.text("legal.mainCopyrightOwner", legal["mainCopyrightOwner"])
    if legal.get("repoOwner") is not None:
        c.warn("legal.repoOwner", _("er forældet; brug 'organisation.name'."))
        c.text("legal.repoOwner", legal["repoOwner"])
    if legal.get("authorsFile") is not None:
        c.warn("legal.authorsFile", _("er forældet og kan fjernes."))
        c.relative_path_or_url("legal.authorsFile", legal["authorsFile"])


def check_maintenance(c, maintenance):
    if not c.mapping("maintenance", maintenance, {"type", "contractors", "contacts"}, required=["type"]):
        return
    kind = maintenance.get("type")
    if kind is not None:
        c.choice("maintenance.type", kind, MAINTENANCE_TYPES)
    contractors, contacts = maintenance.get("contractors"), maintenance.get("contacts")
    if kind == "contract" and not contractors:
        c.error("maintenance.contractors", _("skal udfyldes, når vedligeholdelsen er 'contract'."))
    if contractors is not None and kind != "contract":
        c.error("maintenance.contractors", _("må kun angives, når vedligeholdelsen er 'contract'."))
    if kind in ("internal", "community") and not contacts:
        c.error(
            "maintenance.contacts", _("skal udfyldes, når vedligeholdelsen er '%(type)s'.") % {"type": kind}
        )

    def contractor(key, value):
        if not c.mapping(key, value, {"name", "email", "website", "until"}, required=["name", "until"]):
            return
        if value.get("name") is not None:
            c.text(f"{key}.name", value["name"])
        if value.get("email") is not None:
            c.email(f"{key}.email", value["email"])
        if value.get("website") is not None:
            c.url(f"{key}.website", value["website"])
        if value.get("until") is not None:
            c.date(f"{key}.until", value["until"])

    def contact(key, value):
        if not c.mapping(key, value, {"name", "email", "affiliation", "phone"}, required=["name"]):
            return
        for name in ["name", "affiliation", "phone"]:
            if value.get(name) is not None:
                c.text(f"{key}.{name}", value[name])
        if value.get("email") is not None:
            c.email(f"{key}.email", value["email"])

    if contractors is not None:
        c.list_of("maintenance.contractors", contractors, contractor)
    if contacts is not None:
        c.list_of("maintenance.contacts", contacts, contact)


def check_localisation(c, localisation):
    required = ["localisationReady", "availableLanguages"]
    if not c.mapping("localisation", localisation, set(required), required=required):
        return
    if localisation.get("localisationReady") is not None:
        c.boolean("localisation.localisationReady", localisation["localisationReady"])
    languages = localisation.get("availableLanguages")
    if languages is not None:

        def language(key, value):
            if not is_language_tag(value):
                c.wrong_type(key, _("en sprogkode efter BCP 47, f.eks. da eller en-GB"))

        c.texts("localisation.availableLanguages", languages, language, nonempty=True)


def check_dependencies(c, depends_on):
    if not c.mapping("dependsOn", depends_on, {"open", "proprietary", "hardware"}):
        return

    def dependency(key, value):
        allowed = {"name", "versionMin", "versionMax", "optional", "version"}
        if not c.mapping(key, value, allowed, required=["name"]):
            return
        for name in ["name", "versionMin", "versionMax", "version"]:
            if value.get(name) is not None:
                c.text(f"{key}.{name}", value[name])
        if value.get("optional") is not None:
            c.boolean(f"{key}.optional", value["optional"])

    for kind in ["open", "proprietary", "hardware"]:
        if depends_on.get(kind) is not None:
            c.list_of(f"dependsOn.{kind}", depends_on[kind], dependency)
