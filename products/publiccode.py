"""publiccode.yml for a product: export, and import through the admin.

The file follows the publiccode.yml standard (https://github.com/publiccodeyml/publiccode.yml) at its
current version string, "0". Its rules live in `products.publiccode_standard`, which checks every export
and every import. Addresses in the file are the site's public address (`home.addresses.absolute_url`), since
crawlers read the file outside any request.
"""

import datetime
import re
from dataclasses import dataclass

import yaml
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from community.models import Organisation
from home.addresses import absolute_url
from home.models import SiteSettings

from . import publiccode_standard as standard
from .models import ContactPerson, ContactRole, JoiningStage, ProductContact, ProductPage, ProductStatus

PUBLICCODE_VERSION = standard.CURRENT_VERSION
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
MAX_SIZE = 256 * 1024
# What a file may hold once YAML's aliases are expanded: a small file can repeat one long text thousands
# of times through aliases, and every step after parsing (checking, the preview, the saved draft) works on
# the expanded document. The longest text the standard allows is longDescription's 10,000 characters; a
# text up to twice that is let through so the standard's check names the field. No real publiccode.yml
# comes near the other limits.
MAX_ALIASES = 100
MAX_NODES = 10_000
MAX_DEPTH = 20
MAX_LIST = 500
MAX_TEXT = 20_000
MAX_EXPANDED_TEXT = MAX_SIZE
DANISH_PHONE = re.compile(r"^(\d{2} ?){3}\d{2}$")


def product_path(product):
    return product.get_url_parts()[2]


def international_phone(phone):
    """A Danish number as the standard's readers expect it (+45 …); others as typed."""
    return f"+45 {phone}" if DANISH_PHONE.match(phone.strip()) else phone


def as_data(product):
    """The product as a publiccode.yml document (a dict)."""
    landing_url = absolute_url(product_path(product))
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
    version, released_on = product.latest_version
    if version:
        data["softwareVersion"] = version
    if released_on:
        data["releaseDate"] = released_on.isoformat()
    if product.logo_id:
        data["logo"] = absolute_url(product.logo.get_rendition("max-512x512|format-png").url)
    data["organisation"] = {"name": SiteSettings.load().organisation_name, "uri": absolute_url("/")}
    if product.roadmap_url:
        data["roadmap"] = product.roadmap_url
    data["platforms"] = product.platforms.split()
    if product.category_list():
        data["categories"] = product.category_list()
    data["developmentStatus"] = STATUS_TO_DEVELOPMENT[product.status]
    data["softwareType"] = product.software_type
    used_by = sorted(agreement.organisation.name for agreement in agreements)
    if used_by:
        data["usedBy"] = used_by
    audience = {"countries": ["DK"]}
    if product.scope.split():
        audience = {"scope": product.scope.split(), **audience}
    data["intendedAudience"] = audience
    description = {"da": _description(product.title, product.tagline, product.introduction, product, False)}
    if product.tagline_en and product.introduction_en and product.feature_list(english=True):
        description["en"] = _description(
            product.title, product.tagline_en, product.introduction_en, product, True
        )
    data["description"] = description
    data["legal"] = {"license": product.licence}
    contractors = [
        {
            "name": supplier.organisation.name,
            "until": supplier.contract_until.isoformat(),
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
            **({"phone": international_phone(contact.person.phone)} if contact.person.phone else {}),
            **({"affiliation": contact.person.organisation.name} if contact.person.organisation_id else {}),
        }
        for contact in contacts
    ]
    data["maintenance"] = maintenance
    data["localisation"] = {
        "localisationReady": product.localisation_ready,
        "availableLanguages": product.available_languages.split(),
    }
    return data


def _description(name, short, long, product, english):
    description = {"localisedName": name, "shortDescription": short, "longDescription": long}
    if product.documentation_url:
        description["documentation"] = product.documentation_url
    description["features"] = product.feature_list(english=english)
    return description


def export_yaml(product):
    return yaml.safe_dump(as_data(product), allow_unicode=True, sort_keys=False, width=100)


def catalogue():
    """Every product visitors may open with its publiccode data, for crawlers: {"products": [...]},
    each with its problems by the standard (an empty list when valid)."""
    products = ProductPage.objects.visible_to_public().select_related("logo").order_by("title", "pk")
    entries = []
    for product in products:
        data = as_data(product)
        errors, _warnings = standard.check(data)
        entries.append({"slug": product.slug, "publiccode": data, "valid": not errors})
    return {"publiccodeYmlVersion": PUBLICCODE_VERSION, "count": len(entries), "products": entries}


# --- reading a file safely ---------------------------------------------------------------------------


class TooLarge(Exception):
    """The document would exceed a limit; its message says which, in Danish."""


class LimitedLoader(yaml.SafeLoader):
    """YAML's safe loader with limits checked on the composed node graph, before any Python object is
    built: alias uses and nesting depth while composing, then the expanded size (each alias counted as
    often as it is used) of lists, texts and the whole document. Text in block style (`>` and `|`) loses
    the newline YAML keeps at its end, which no field of a product wants."""

    def __init__(self, stream):
        super().__init__(stream)
        self.aliases = 0
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise TooLarge(
                    _("Filen bruger for mange YAML-henvisninger (aliaser): højst %(count)s.")
                    % {"count": MAX_ALIASES}
                )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise TooLarge(_("Filen er indlejret for dybt: højst %(count)s niveauer.") % {"count": MAX_DEPTH})
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_block_text(self, node):
        text = self.construct_scalar(node)
        return text.rstrip("\n") if node.style in (">", "|") else text


LimitedLoader.add_constructor("tag:yaml.org,2002:str", LimitedLoader.construct_block_text)


def _line(node):
    return node.start_mark.line + 1


def expanded_size(root):
    """(nodes, characters) of the document with every alias expanded, computed once per node, so a file
    of nested aliases is measured without being expanded. Raises TooLarge past a limit."""
    sizes, open_nodes = {}, set()

    def size(node):
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise TooLarge(_("Filen henviser til sig selv (linje %(line)s).") % {"line": _line(node)})
        open_nodes.add(key)
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > MAX_TEXT:
                raise TooLarge(
                    _("En tekst i filen (linje %(line)s) er %(length)s tegn; højst %(count)s.")
                    % {"line": _line(node), "length": len(node.value), "count": MAX_TEXT}
                )
            nodes, characters = 1, len(node.value)
        else:
            children = (
                node.value if isinstance(node, yaml.SequenceNode) else [n for p in node.value for n in p]
            )
            items = len(node.value)
            if items > MAX_LIST:
                raise TooLarge(
                    _("En liste i filen (linje %(line)s) har %(length)s punkter; højst %(count)s.")
                    % {"line": _line(node), "length": items, "count": MAX_LIST}
                )
            nodes, characters = 1, 0
            for child in children:
                child_nodes, child_characters = size(child)
                nodes, characters = nodes + child_nodes, characters + child_characters
        if nodes > MAX_NODES:
            raise TooLarge(_("Filen har for mange værdier: højst %(count)s.") % {"count": MAX_NODES})
        if characters > MAX_EXPANDED_TEXT:
            raise TooLarge(
                _(
                    "Filen bliver for stor, når dens YAML-henvisninger (aliaser) er udfoldet: højst %(count)s tegn."
                )
                % {"count": MAX_EXPANDED_TEXT}
            )
        open_nodes.discard(key)
        sizes[key] = nodes, characters
        return sizes[key]

    size(root)


def load(text):
    """The document in `text`, refused with TooLarge before it is built if it would exceed a limit."""
    loader = LimitedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        expanded_size(node)
        return loader.construct_document(node)
    except RecursionError as error:
        raise TooLarge(
            _("Filen er indlejret for dybt: højst %(count)s niveauer.") % {"count": MAX_DEPTH}
        ) from error
    finally:
        loader.dispose()


# --- validation -------------------------------------------------------------------------------------


def parse(text):
    """(data, problems): the parsed document and a list of readable problems (empty when valid)."""
    if len(text.encode("utf-8")) > MAX_SIZE:
        return None, [_("Filen er for stor (højst 256 kB).")]
    try:
        data = load(text)
    except TooLarge as error:
        return None, [str(error)]
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
    """The standard's errors in the document (warnings are advice and do not refuse it)."""
    return standard.check(data)[0]


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
    release = data.get("releaseDate")
    values = {
        "title": data["name"],
        "repository_url": "" if data["url"] == landing_url else data["url"],
        "roadmap_url": data.get("roadmap", ""),
        "status": DEVELOPMENT_TO_STATUS[data["developmentStatus"]],
        "categories": " ".join(data.get("categories") or []),
        "scope": " ".join((data.get("intendedAudience") or {}).get("scope") or []),
        "software_type": data["softwareType"],
        "platforms": " ".join(data["platforms"]),
        "software_version": data.get("softwareVersion", ""),
        "release_date": datetime.date.fromisoformat(str(release)) if release else None,
        "licence": data["legal"]["license"],
        "localisation_ready": data["localisation"]["localisationReady"],
        "available_languages": " ".join(data["localisation"]["availableLanguages"]),
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
            tagline_en=en.get("shortDescription", ""),
            introduction_en=en.get("longDescription", ""),
            features_en="\n".join(en.get("features") or []),
        )
    return values


# The keys `proposed_values` and `contacts_to_import` read (publiccodeYmlVersion and landingURL are only
# checked). Everything else in a file is named in the preview as not imported: who uses and supplies a
# product is kept in joining agreements and supplier records, which have more in them than the file can
# say.
IMPORTED_KEYS = {
    "publiccodeYmlVersion",
    "name",
    "url",
    "landingURL",
    "roadmap",
    "developmentStatus",
    "categories",
    "intendedAudience.scope",
    "softwareType",
    "platforms",
    "softwareVersion",
    "releaseDate",
    "legal.license",
    "localisation.localisationReady",
    "localisation.availableLanguages",
    "description.da.shortDescription",
    "description.da.longDescription",
    "description.da.documentation",
    "description.da.features",
    "description.en.shortDescription",
    "description.en.longDescription",
    "description.en.features",
    "maintenance.type",
    "maintenance.contacts",
}


def ignored_keys(data):
    """The keys of the document that the import leaves out, as dotted paths (`maintenance.contacts`)."""
    ignored = []

    def walk(mapping, prefix):
        for key, value in mapping.items():
            path = f"{prefix}{key}"
            if path in IMPORTED_KEYS:
                continue
            if isinstance(value, dict):
                walk(value, f"{path}.")
            else:
                ignored.append(path)

    walk(data, "")
    return ignored


@dataclass
class ImportedContact:
    person: ContactPerson  # unsaved when the register has no one by the file's e-mail (or name)
    role: str

    @property
    def is_new(self):
        return self.person.pk is None

    def __str__(self):
        return f"{self.person.name} ({self.person.email})" if self.person.email else self.person.name

    def get_role_display(self):
        return ContactRole(self.role).label


def contacts_to_import(product, data):
    """The contacts in `maintenance.contacts` that are not among the product's contact persons (matched
    by e-mail, else by name), each as a person of the register (the same e-mail, else the same name
    without an e-mail) or a new one, with the role the file implies: the supplier's contact where the
    product is maintained by contract, else a member of its coordination group. The editor may change
    the role afterwards."""
    maintenance = data.get("maintenance") or {}
    role = (
        ContactRole.LEVERANDOER if maintenance.get("type") == "contract" else ContactRole.KOORDINATIONSGRUPPE
    )
    known = [contact.person for contact in product.contacts.all()]
    emails = {person.email.casefold() for person in known if person.email}
    names = {person.name.casefold() for person in known}
    imported = []
    for contact in maintenance.get("contacts") or []:
        name, email = str(contact["name"]).strip(), str(contact.get("email") or "").strip()
        if (email.casefold() in emails) if email else (name.casefold() in names):
            continue
        emails.add(email.casefold())
        names.add(name.casefold())
        register = (
            ContactPerson.objects.filter(email__iexact=email)
            if email
            else ContactPerson.objects.filter(name__iexact=name, email="")
        )
        person = register.order_by("pk").first()
        if person is None:
            affiliation = str(contact.get("affiliation") or "").strip()
            person = ContactPerson(
                name=name,
                email=email,
                phone=str(contact.get("phone") or "").strip(),
                organisation=Organisation.objects.filter(name__iexact=affiliation).first()
                if affiliation
                else None,
            )
        imported.append(ImportedContact(person=person, role=role))
    return imported


def contact_problems(imported):
    """The new persons' fields the register would refuse (an e-mail address that is not one), as
    "name: field: message"."""
    problems = []
    for contact in imported:
        if contact.is_new:
            try:
                contact.person.full_clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    label = ContactPerson._meta.get_field(field).verbose_name
                    problems.append(f"{contact.person.name}: {label}: {' '.join(messages)}")
    return problems


def add_contacts(product, imported):
    """Adds the contacts to the product (a draft: they are on the site once it is approved); new persons
    go into the register of contact persons."""
    for contact in imported:
        if contact.is_new:
            contact.person.save()
        product.contacts.add(ProductContact(person=contact.person, role=contact.role))


def changes_for(product, data, landing_url):
    """What importing the document would change on the product, field by field."""
    changes = []
    for field, new in proposed_values(data, product, landing_url).items():
        old = getattr(product, field)
        if (old or "") != (new or "") and not (isinstance(old, bool) and old == new):
            label = str(product._meta.get_field(field).verbose_name)
            display_old = product.get_status_display() if field == "status" else old
            display_new = dict(ProductStatus.choices)[new] if field == "status" else new
            display_old, display_new = ("" if v is None else v for v in (display_old, display_new))
            changes.append(Change(field=field, label=label, old=display_old, new=str(display_new)))
    return changes


def apply(product, data, landing_url):
    for field, value in proposed_values(data, product, landing_url).items():
        setattr(product, field, value)
    return product


def publiccode_yml(request, slug):
    product = ProductPage.objects.visible_to_public().filter(slug=slug).first()
    if product is None:
        raise Http404
    response = HttpResponse(export_yaml(product), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="publiccode.yml"'
    return response


def publiccode_json(request):
    """Every product's publiccode data in one document, for crawlers of software catalogues."""
    return JsonResponse(catalogue(), json_dumps_params={"ensure_ascii": False})
