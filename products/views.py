"""What the catalogue and product pages do with a request: the catalogue with its filters, a product's
header and tab list, its overview, a request to join it, and its governance tab. The pages (`pages.py`) route here; this module
works on the page it is given, so it needs no page model of its own. The admin's views are in `admin`."""

from collections import namedtuple
from functools import partial

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet, Value
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks

from community import ratelimit
from community.following.forms import follow_context
from community.joining.pages import JoinPage
from community.members.models import organisation_url_for_slug
from home.html import link_items
from home.i18n import DEFAULT_LANGUAGE, content_language, localized_path
from home.models import with_localized_items
from os2site.page_cache import CLOCK_BOUND_SECONDS, PART_SECONDS, cached_part, kept_by_what_it_shows

from . import emails
from .catalogue import Catalogue
from .forms import JoinRequestForm
from .governance import governance_for, level_for
from .join_requests import JoinKind
from .joining import agreement_template, offer_for
from .relations import JoiningStage, price_table

# The tab that tells how to join a product, linked from its key facts.
JOIN_TAB_SLUG = "tilslutning"
# The tab that shows the product's working groups in full; the overview lists them briefly and links there.
GROUPS_TAB_SLUG = "arbejdsgrupper"
# How many users the overview lists before "Vis alle".
USERS_SHOWN = 8
# A supplier among the rows of a product's organisations (no joining stage is called so).
SUPPLIER = "leverandoer"


def catalogue(request, index):
    """The catalogue's products, filtered and sorted as the visitor asked (see `catalogue`)."""
    return Catalogue(index.listing_root, request)


def shared_part(request, product, name, vary, build, seconds=None):
    """A part of the product's pages that is the same for every visitor, cached as fresh as a cached
    page (see os2site.page_cache). A preview shows the draft's own tabs, contacts and prices."""
    if getattr(request, "is_preview", False):
        return build()
    return cached_part(request, f"product-{name}", [product.pk, *vary], build, seconds or PART_SECONDS)


def product_context(request, product, current_tab):
    """What every tab of the product shows: its header, badge and the tab list."""
    context = {"product": product}
    context.update(
        shared_part(request, product, "header", [current_tab], partial(header, request, product, current_tab))
    )
    if current_tab == "governance":
        # The badge in the header needs only the level; the governance tab shows everything.
        context["governance"] = governance_for([product])[product.pk]
    return context


# A published tab as the header shows it.
Tab = namedtuple("Tab", "pk title slug")


def tabs_and_tags(product):
    """The product's published tabs (in the page tree's order) and its tags (by name), read in one
    query: after a change, when the header is built again, a round trip less than reading them apart."""
    tabs, tags = product.tabs(), product.tags.order_by("name")
    if not isinstance(tags, QuerySet):
        # A preview's draft holds its tags in memory, which cannot be read as one query.
        return [Tab(tab.pk, tab.title, tab.slug) for tab in tabs], list(tags)
    rows = (
        tabs.order_by()
        .annotate(kind=Value("tab"), key=F("path"))
        .values_list("kind", "key", "pk", "title", "slug")
        .union(
            tags.order_by()
            .annotate(kind=Value("tag"), key=F("name"))
            .values_list("kind", "key", "pk", "name", "slug"),
            all=True,
        )
        .order_by("kind", "key")
    )
    found = {"tab": [], "tag": []}
    for kind, _key, pk, title, slug in rows:
        found[kind].append(Tab(pk, title, slug) if kind == "tab" else Tag(pk=pk, name=title, slug=slug))
    return found["tab"], found["tag"]


def header(request, product, current_tab):
    # In the visitor's language: a Danish product under /en/ keeps its English visitors there.
    product_url = product.get_url(request)
    url = localized_path(product_url)
    tab_pages, tags = tabs_and_tags(product)
    # The structured data lists the tags too: read here, not again.
    product.sorted_tags = tags
    tabs = [{"title": _("Overblik"), "url": url, "current": current_tab == "overview"}]
    # The tabs' titles are in the product's language: Danish ones marked as such in English.
    lang = content_language(request, product)
    tabs += [
        {
            "title": tab.title,
            "url": localized_path(tab_url(product_url, tab)),
            "current": current_tab == tab.pk,
            "lang": lang,
        }
        for tab in tab_pages
    ]
    tabs.append(
        {"title": _("Governance"), "url": url + "governance/", "current": current_tab == "governance"}
    )
    return {
        "product_url": url,
        "product_tabs": tabs,
        # The level, label and explanation only, read without the assessments' details.
        "governance": None if current_tab == "governance" else level_for(product),
        "product_tags": tags,
        # The key facts' "how to join" link: the tab of that name, if the product has one.
        "join_url": next((tab_url(product_url, tab) for tab in tab_pages if tab.slug == JOIN_TAB_SLUG), None),
        "groups_tab_url": next(
            (localized_path(tab_url(product_url, tab)) for tab in tab_pages if tab.slug == GROUPS_TAB_SLUG),
            None,
        ),
        # Addresses follow the page tree: the catalogue's is the product's without its last part.
        "catalogue_url": url[: url.rstrip("/").rfind("/") + 1],
    }


def tab_url(product_url, tab):
    """A tab's address, as Wagtail gives a child page's: its parent's with its slug added (none where
    the product has none)."""
    return f"{product_url}{tab.slug}/" if product_url else None


def overview_context(request, product):
    """What only the overview tab shows: users, suppliers, prices, contacts."""
    rows = organisation_rows(product)
    contacts = product.contacts.select_related("person__organisation", "person__photo").order_by(
        "sort_order", "pk"
    )
    return {
        # Hundreds of organisations as HTML cost more to make than to read: kept across editorial
        # changes while the rows are the same (a changed name, stage or role shows at once).
        **kept_by_what_it_shows(request, "product-organisations:v1", rows, partial(organisation_lists, rows)),
        "price_table": price_table(product.prices.values_list("size", "member", "joining_fee", "yearly_fee")),
        "contacts": list(contacts),
        # What the releases' list shows, as plain values (cheaper to read and to cache than the releases).
        "releases": list(product.releases.values("version", "released_on", "notes", "url")),
    }


def organisation_rows(product):
    """(kind, name, slug, role) of the product's users, pledges and suppliers, by name: a stage of
    joining or SUPPLIER, and a supplier's role."""
    # Hundreds of organisations can use a product: their names and addresses are read as plain rows.
    # Users, pledges and suppliers in one query (a round trip less after every change).
    agreements = product.joining_agreements.order_by("organisation__name")
    supplier_records = product.suppliers.order_by("organisation__name")
    if isinstance(agreements, QuerySet) and isinstance(supplier_records, QuerySet):
        return list(
            agreements.order_by()
            .values_list("stage", "organisation__name", "organisation__slug", Value(""))
            .union(
                supplier_records.order_by().values_list(
                    Value(SUPPLIER), "organisation__name", "organisation__slug", "role"
                ),
                all=True,
            )
            .order_by("organisation__name")
        )
    # A preview's draft holds its relations in memory, which cannot be read as one query.
    return [
        *((*row, "") for row in agreements.values_list("stage", "organisation__name", "organisation__slug")),
        *(
            (SUPPLIER, *row)
            for row in supplier_records.values_list("organisation__name", "organisation__slug", "role")
        ),
    ]


def organisation_lists(rows):
    """The overview's users, pledges and suppliers as HTML (with the users' and pledges' counts),
    made from `organisation_rows` in one pass, with the address pattern reversed once."""
    organisation_url = organisation_url_for_slug()
    users, pledges, suppliers = [], [], []
    # The roles are written in Danish: marked as such on the English page.
    role_lang = DEFAULT_LANGUAGE if get_language() != DEFAULT_LANGUAGE else ""
    for kind, name, slug, role in rows:
        if kind == SUPPLIER:
            suppliers.append(
                {"name": name, "url": organisation_url(slug), "note": role, "note_lang": role_lang}
            )
        elif kind == JoiningStage.TILSLUTTET:
            users.append({"name": name, "url": organisation_url(slug)})
        elif kind == JoiningStage.TILSAGN:
            pledges.append({"name": name, "url": organisation_url(slug)})
    return {
        "user_count": len(users),
        # A few users at once, the rest behind "Vis alle" (a <details>, so without JavaScript too).
        "users_first_html": link_items(users[:USERS_SHOWN]),
        "users_rest_html": link_items(users[USERS_SHOWN:]),
        "pledge_count": len(pledges),
        "pledges_html": link_items(pledges),
        "suppliers_html": link_items(suppliers),
    }


def sections(request, product):
    """Other modules (events, news, ideas) add their sections about this product through this hook;
    their links keep a visitor of the English site in English."""
    return sorted(
        (
            with_localized_items(section)
            for hook in hooks.get_hooks("product_page_sections")
            for section in hook(request, product)
            if section.get("items")
        ),
        key=lambda section: section.get("order", 0),
    )


def overview(request, product, join_form=None, status=200):
    context = product.get_context(request)
    context.update(shared_part(request, product, "overview", [], partial(overview_context, request, product)))
    # The next events move on with the clock, so they are kept only briefly.
    context["sections"] = shared_part(
        request, product, "sections", [], partial(sections, request, product), CLOCK_BOUND_SECONDS
    )
    # The follow box and joining are the visitor's own: never part of what is cached for everyone.
    context.update(follow_context(request, product))
    # Joining: their organisation's price and form (see products.joining).
    context.update(join_context(request, product, join_form))
    return TemplateResponse(request, product.get_template(request), context, status=status)


def governance_tab(request, product):
    context = product.get_context(request, current_tab="governance")
    return TemplateResponse(request, "products/product_page_governance.html", context)


def join_context(request, product, form=None):
    """The join part of a product's overview for this visitor (anonymous visitors all get the same)."""
    offer = offer_for(product, request.user)
    if offer is None:
        return {"join": None}
    if form is None and offer.may_request:
        form = JoinRequestForm(offer=offer)
    return {
        "join": offer,
        "join_form": form,
        "join_template": agreement_template() if offer.may_request else None,
        # With the request, Wagtail reads the sites' root paths once for the page, not again here.
        "join_action": join_action(request, product),
        "membership_url": membership_url(request) if offer.non_member else None,
    }


def join_action(request, product):
    url = product.get_url(request)
    return localized_path(url + product.reverse_subpage("join")) if url else ""


def membership_url(request):
    """Where an organisation applies to join OS2 ("Bliv medlem"), in the visitor's language."""
    page = JoinPage.objects.live().filter(locale__language_code=get_language()).first()
    page = page or JoinPage.objects.live().first()
    return localized_path(page.get_url(request)) if page else None


def join_product(request, product):
    """A member organisation's request to pledge support to or join `product`. Sent once: what is
    wrong is said on the product page with everything typed kept; a valid request is saved, the
    secretariat and coordinators are told, and the person returns to the page with a confirmation."""
    page_url = localized_path(product.url) + "#tilslut"
    if request.method != "POST":
        return redirect(page_url)
    offer = offer_for(product, request.user)
    if offer is None:
        raise Http404
    form = JoinRequestForm(request.POST, request.FILES, offer=offer)
    if not form.is_valid():
        return product.overview(request, join_form=form, status=400)
    if not ratelimit.allow_request("product-join", request):
        form.add_error(None, ratelimit.TOO_MANY)
        return product.overview(request, join_form=form, status=429)
    join_request = form.save(commit=False)
    join_request.product = product
    join_request.organisation = offer.organisation
    join_request.requested_by = request.user
    join_request.kind = offer.kind
    join_request.size = offer.organisation.municipality_size
    if offer.price:
        join_request.joining_fee, join_request.yearly_fee = offer.price.joining_fee, offer.price.yearly_fee
    try:
        with transaction.atomic():
            join_request.save()
    except IntegrityError:
        # A colleague's request (or a double click) got there first: the page now says so.
        form = JoinRequestForm(request.POST, offer=offer_for(product, request.user))
        form.is_valid()
        return product.overview(request, join_form=form, status=400)
    emails.join_requested(join_request, language=get_language())
    messages.success(
        request,
        gettext("Tak. Jeres tilsagn er sendt til sekretariatet, som vender tilbage.")
        if join_request.kind == JoinKind.TILSAGN
        else gettext("Tak. Jeres anmodning om tilslutning er sendt til sekretariatet, som vender tilbage."),
    )
    return redirect(page_url)
