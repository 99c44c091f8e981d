"""publiccode.yml for a product: export, validation and import.

The file follows the publiccode.yml standard (https://github.com/publiccodeyml/publiccode.yml). We
write version 0.5, whose keys version 0.7 also accepts unchanged, because national software registries
still read 0.5. No maintained validator exists on PyPI, so the standard's required keys and value
rules are checked here; every problem is reported in Danish, all at once.
"""

import datetime
import re
from dataclasses import dataclass

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from .models import JoiningStage, ProductStatus

PUBLICCODE_VERSION = "0.5"
SUPPORTED_VERSIONS = {"0.2", "0.3", "0.4", "0.5", "0.7"}
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
STATUS_TO_DEVELOPMENT = {
    ProductStatus.PROJEKT: "development",
    ProductStatus.PRODUKT: "stable",
    ProductStatus.UDFASET: "obsolete",
}
DEVELOPMENT_TO_STATUS = {
    "concept": ProductStatus.PROJEKT,
    "development": ProductStatus.PROJEKT,
    "beta": ProductStatus.PROJEKT,
    "stable": ProductStatus.PRODUKT,
    "obsolete": ProductStatus.UDFASET,
}
SPDX_EXPRESSION = re.compile(r"^[A-Za-z0-9.+\-]+(\s+(AND|OR|WITH)\s+[A-Za-z0-9.+\-()]+)*$")
MAX_SIZE = 256 * 1024


def as_data(product, request=None):
    """The product as a publiccode.yml document (a dict)."""
    landing_url = product.get_full_url(request)
    agreements = product.joining_agreements.filter(stage=JoiningStage.TILSLUTTET).select_related(
        "organisation"
    )
    suppliers = list(product.suppliers.select_related("organisation").order_by("organisation__name"))
    contacts = list(product.contacts.select_related("person__organisation").order_by("sort_order", "pk"))
    data = {
        "publiccodeYmlVersion": PUBLICCODE_VERSION,
        "name": product.title,
        "url": product.repository_url or landing_url,
        "landingURL": landing_url,
    }
    if product.roadmap_url:
        data["roadmap"] = product.roadmap_url
    data["platforms"] = ["web"]
    if product.category_list():
        data["categories"] = product.category_list()
    data["developmentStatus"] = STATUS_TO_DEVELOPMENT[product.status]
    data["softwareType"] = "standalone/web"
    used_by = sorted(agreement.organisation.name for agreement in agreements)
    if used_by:
        data["usedBy"] = used_by
    description = {"da": _description(product.title, product.tagline, product.introduction, product)}
    if product.tagline_en or product.introduction_en:
        # The features are written in Danish only, so the English description leaves them out.
        description["en"] = _description(product.title, product.tagline_en, product.introduction_en, product)
        del description["en"]["features"]
    data["description"] = description
    data["legal"] = {"license": product.licence}
    contractors = [
        {
            "name": supplier.organisation.name,
            "until": supplier.contract_until,
            **({"website": supplier.organisation.website} if supplier.organisation.website else {}),
        }
        for supplier in suppliers
        if supplier.contract_until
    ]
    maintenance = {"type": "contract" if contractors else "community"}
    if contractors:
        maintenance["contractors"] = contractors
    maintenance["contacts"] = [
        {
            "name": contact.person.name,
            **({"email": contact.person.email} if contact.person.email else {}),
            **({"phone": contact.person.phone} if contact.person.phone else {}),
            **({"affiliation": contact.person.organisation.name} if contact.person.organisation_id else {}),
        }
        for contact in contacts
    ]
    data["maintenance"] = maintenance
    data["localisation"] = {"localisationReady": False, "availableLanguages": ["da"]}
    return data


def _description(name, short, long, product):
    description = {"localisedName": name, "shortDescription": short, "longDescription": long}
    if product.documentation_url:
        description["documentation"] = product.documentation_url
    description["features"] = product.feature_list()
    return description


def export_yaml(product, request=None):
    return yaml.safe_dump(as_data(product, request), allow_unicode=True, sort_keys=False, width=100)


# --- validation -------------------------------------------------------------------------------------


def _is_url(value):
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True


def _is_date(value):
    if isinstance(value, datetime.date):
        return True
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def parse(text):
    """(data, problems): the parsed document and a list of readable problems (empty when valid)."""
    if len(text.encode("utf-8")) > MAX_SIZE:
        return None, [_("Filen er for stor (højst 256 kB).")]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _(" (linje %(line)s)") % {"line": mark.line + 1} if mark else ""
        return None, [_("Filen er ikke gyldig YAML%(where)s.") % {"where": where}]
    if not isinstance(data, dict):
        return None, [
            _("Filen skal indeholde en samling af nøgler og værdier, som publiccode.yml beskriver.")
        ]
    return data, validate(data)


def validate(data):
    problems = []

    def missing(key):
        problems.append(_("Feltet '%(key)s' mangler.") % {"key": key})

    def wrong(key, expected):
        problems.append(_("Feltet '%(key)s' skal være %(expected)s.") % {"key": key, "expected": expected})

    def string(key, value, required=True):
        if value is None or value == "":
            if required:
                missing(key)
            return False
        if not isinstance(value, str):
            wrong(key, _("en tekst"))
            return False
        return True

    def url(key, value, required=False):
        if string(key, value, required) and not _is_url(value):
            wrong(key, _("en gyldig webadresse (http eller https)"))

    version = data.get("publiccodeYmlVersion")
    if string("publiccodeYmlVersion", version) and version not in SUPPORTED_VERSIONS:
        problems.append(
            _("Versionen '%(version)s' understøttes ikke; brug en af %(versions)s.")
            % {"version": version, "versions": ", ".join(sorted(SUPPORTED_VERSIONS))}
        )
    string("name", data.get("name"))
    url("url", data.get("url"), required=True)
    url("landingURL", data.get("landingURL"))
    url("roadmap", data.get("roadmap"))
    platforms = data.get("platforms")
    if platforms is None:
        missing("platforms")
    elif not isinstance(platforms, list) or not platforms or not all(isinstance(p, str) for p in platforms):
        wrong("platforms", _("en ikke-tom liste af tekster"))
    categories = data.get("categories")
    if categories is not None and (
        not isinstance(categories, list) or not all(isinstance(c, str) and c for c in categories)
    ):
        wrong("categories", _("en liste af tekster"))
    status = data.get("developmentStatus")
    if string("developmentStatus", status) and status not in DEVELOPMENT_STATUSES:
        wrong(
            "developmentStatus", _("en af %(values)s") % {"values": ", ".join(sorted(DEVELOPMENT_STATUSES))}
        )
    software_type = data.get("softwareType")
    if string("softwareType", software_type) and software_type not in SOFTWARE_TYPES:
        wrong("softwareType", _("en af %(values)s") % {"values": ", ".join(sorted(SOFTWARE_TYPES))})
    used_by = data.get("usedBy")
    if used_by is not None and (
        not isinstance(used_by, list) or not all(isinstance(u, str) for u in used_by)
    ):
        wrong("usedBy", _("en liste af tekster"))

    description = data.get("description")
    if description is None:
        missing("description")
    elif not isinstance(description, dict) or not description:
        wrong("description", _("en samling med mindst ét sprog, f.eks. 'da' eller 'en'"))
    else:
        for language, text in description.items():
            prefix = f"description.{language}"
            if not isinstance(text, dict):
                wrong(prefix, _("en samling af nøgler og værdier"))
                continue
            short = text.get("shortDescription")
            if string(f"{prefix}.shortDescription", short) and len(short) > 150:
                wrong(f"{prefix}.shortDescription", _("højst 150 tegn"))
            long = text.get("longDescription")
            if string(f"{prefix}.longDescription", long) and not 150 <= len(long) <= 10000:
                wrong(f"{prefix}.longDescription", _("mellem 150 og 10.000 tegn"))
            url(f"{prefix}.documentation", text.get("documentation"))
            features = text.get("features")
            if features is not None and (
                not isinstance(features, list) or not all(isinstance(f, str) for f in features)
            ):
                wrong(f"{prefix}.features", _("en liste af tekster"))

    legal = data.get("legal")
    if legal is None:
        missing("legal")
    elif not isinstance(legal, dict):
        wrong("legal", _("en samling af nøgler og værdier"))
    else:
        licence = legal.get("license")
        if string("legal.license", licence) and not SPDX_EXPRESSION.match(licence):
            wrong("legal.license", _("en SPDX-licensbetegnelse, f.eks. MPL-2.0"))

    maintenance = data.get("maintenance")
    if maintenance is None:
        missing("maintenance")
    elif not isinstance(maintenance, dict):
        wrong("maintenance", _("en samling af nøgler og værdier"))
    else:
        kind = maintenance.get("type")
        if string("maintenance.type", kind) and kind not in MAINTENANCE_TYPES:
            wrong(
                "maintenance.type", _("en af %(values)s") % {"values": ", ".join(sorted(MAINTENANCE_TYPES))}
            )
        contacts = maintenance.get("contacts")
        if kind in {"internal", "community"} and not contacts:
            problems.append(
                _("'maintenance.contacts' skal udfyldes, når vedligeholdelsen er %(type)s.") % {"type": kind}
            )
        if contacts is not None:
            if not isinstance(contacts, list):
                wrong("maintenance.contacts", _("en liste"))
            else:
                for number, contact in enumerate(contacts, start=1):
                    if not isinstance(contact, dict) or not contact.get("name"):
                        missing(f"maintenance.contacts[{number}].name")
        contractors = maintenance.get("contractors")
        if kind == "contract" and not contractors:
            problems.append(_("'maintenance.contractors' skal udfyldes, når vedligeholdelsen er contract."))
        if contractors is not None:
            if not isinstance(contractors, list):
                wrong("maintenance.contractors", _("en liste"))
            else:
                for number, contractor in enumerate(contractors, start=1):
                    key = f"maintenance.contractors[{number}]"
                    if not isinstance(contractor, dict):
                        wrong(key, _("en samling af nøgler og værdier"))
                        continue
                    string(f"{key}.name", contractor.get("name"))
                    until = contractor.get("until")
                    if until is None:
                        missing(f"{key}.until")
                    elif not _is_date(until):
                        wrong(f"{key}.until", _("en dato som ÅÅÅÅ-MM-DD"))

    localisation = data.get("localisation")
    if localisation is None:
        missing("localisation")
    elif not isinstance(localisation, dict):
        wrong("localisation", _("en samling af nøgler og værdier"))
    else:
        if not isinstance(localisation.get("localisationReady"), bool):
            wrong("localisation.localisationReady", _("true eller false"))
        languages = localisation.get("availableLanguages")
        if not isinstance(languages, list) or not languages:
            wrong("localisation.availableLanguages", _("en ikke-tom liste af sprogkoder"))
    return problems


# --- import -----------------------------------------------------------------------------------------


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str


def proposed_values(data, product, landing_url):
    """The product fields the document sets, as {field: value}. Who uses and supplies the product is
    kept in joining agreements and supplier records, so those keys are not imported."""
    description = data.get("description", {})
    da = description.get("da") or {}
    en = description.get("en") or {}
    values = {
        "title": data["name"],
        "repository_url": "" if data["url"] == landing_url else data["url"],
        "roadmap_url": data.get("roadmap", ""),
        "status": DEVELOPMENT_TO_STATUS[data["developmentStatus"]],
        "categories": " ".join(data.get("categories") or []),
        "licence": data["legal"]["license"],
    }
    if da:
        values.update(
            tagline=da.get("shortDescription", ""),
            introduction=da.get("longDescription", ""),
            documentation_url=da.get("documentation", ""),
            features="\n".join(da.get("features") or []),
        )
    if en:
        values.update(
            tagline_en=en.get("shortDescription", ""), introduction_en=en.get("longDescription", "")
        )
    return values


def changes_for(product, data, landing_url):
    """What importing the document would change on the product, field by field."""
    changes = []
    for field, new in proposed_values(data, product, landing_url).items():
        old = getattr(product, field)
        if (old or "") != (new or ""):
            label = str(product._meta.get_field(field).verbose_name)
            display_old = product.get_status_display() if field == "status" else old
            display_new = dict(ProductStatus.choices)[new] if field == "status" else new
            changes.append(Change(field=field, label=label, old=display_old, new=str(display_new)))
    return changes


def apply(product, data, landing_url):
    for field, value in proposed_values(data, product, landing_url).items():
        setattr(product, field, value)
    return product
