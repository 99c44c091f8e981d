"""The member directory (/medlemmer/) and site search (/soeg/): one view each for every backend."""

import logging
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from home.forms import clean_query

from .database import DatabaseDirectory
from .directory import FACETS, SORTS, DirectoryQuery, SearchUnavailable, engine_configured
from .site import SiteSearch, suggestions

logger = logging.getLogger(__name__)


def get_directory():
    """The configured implementation: the search engine when SEARCH_URL is set, else the database.
    Both build on `directory`, so the choice is made here rather than there."""
    if engine_configured():
        # The engine's clients are large: a site without an engine never loads them.
        from .engine import EngineDirectory

        return EngineDirectory()
    return DatabaseDirectory()


def engine_errors():
    """The search engine clients' errors, imported only when an exception is being handled (Python
    evaluates an `except` clause's expression only then): the clients are large, and a site without
    an engine, or a request the engine answers, never needs them."""
    from .engine import ENGINE_ERRORS

    return ENGINE_ERRORS


RESULTS_PER_PAGE = 10


def _params(query, **changes):
    """The directory's URL parameters for `query` with `changes` (a facet key -> values, "q", "sort");
    paging starts over whenever anything changes."""
    params = [("q", query.text)] if query.text else []
    filters = {**query.filters, **{k: v for k, v in changes.items() if k not in {"q", "sort"}}}
    for facet in FACETS:
        params += [(facet.key, value) for value in filters.get(facet.key, [])]
    sort = changes.get("sort", query.sort)
    if sort != ("relevans" if query.text else "navn"):
        params.append(("sort", sort))
    return urlencode(params)


def directory(request):
    """The member directory: words, facets that combine, sorting and paging, all in the URL."""
    query = DirectoryQuery.from_params(request.GET)
    notice = ""
    try:
        result = get_directory().search(query)
    except SearchUnavailable:
        notice = _(
            "Søgemaskinen svarer ikke lige nu, så medlemslisten kommer direkte fra databasen og kan "
            "være mindre præcis. Prøv igen om lidt."
        )
        result = DatabaseDirectory().search(query)
    facets = []
    for facet, values in result.facet_list:
        chosen = query.filters.get(facet.key, [])
        for value in values:
            toggled = [v for v in chosen if v != value.value] if value.selected else [*chosen, value.value]
            value.url = "?" + _params(query, **{facet.key: toggled})
        facets.append({"facet": facet, "values": values, "chosen": bool(chosen)})
    response = TemplateResponse(
        request,
        "search/directory.html",
        {
            "query": query,
            "result": result,
            "facets": facets,
            "notice": notice,
            "sorts": [(key, label) for key, label in SORTS.items() if key != "relevans" or query.text],
            "paging_query": _params(query),
            "clear_url": "?" + _params(query, **{f.key: [] for f in FACETS}),
            "has_filters": bool(query.filters),
            "previous_page": query.page - 1 if query.page > 1 else None,
            "next_page": query.page + 1 if query.page < result.pages else None,
            "meta_description": _(
                "Find OS2s medlemmer og partnere: kommuner, regioner, statslige myndigheder og "
                "leverandører, og se hvilke produkter de bruger og leverer til."
            ),
        },
    )
    return _not_cached_if(notice, response)


def _not_cached_if(degraded, response):
    """An answer given while the engine is down is not kept in the page cache, so the full answer is
    back as soon as the engine is."""
    if degraded:
        add_never_cache_headers(response)
    return response


def directory_suggestions(request):
    """Members whose name starts with what the visitor has typed, as JSON for the search field."""
    text = clean_query(request.GET.get("q", ""))[:100]
    degraded = False
    try:
        found = get_directory().autocomplete(text)
    except SearchUnavailable:
        found = DatabaseDirectory().autocomplete(text)
        degraded = True
    response = JsonResponse(
        {
            "suggestions": [
                {"label": m["name"], "url": reverse("organisation_detail", kwargs={"slug": m["slug"]})}
                for m in found
            ]
        }
    )
    return _not_cached_if(degraded, response)


def search(request):
    """Site search over every public page type and every registered model, grouped by type; one view
    for every search backend."""
    text = clean_query(request.GET.get("q", ""))
    chosen = request.GET.get("type", "")
    site_search = SiteSearch(text)
    context = {"search_query": text, "groups": [], "total": 0, "chosen": None, "error": ""}
    try:
        groups = site_search.groups
        context.update(groups=groups, total=site_search.total)
        group = site_search.group(chosen) if chosen else None
        if group:
            page_obj = Paginator(group.search(text), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
            start = page_obj.start_index() - 1 if page_obj.object_list else 0
            context.update(
                chosen=group,
                page_obj=page_obj,
                hits=site_search.hits(group, start, start + RESULTS_PER_PAGE),
                query_string=urlencode({"q": text, "type": group.key}),
            )
        else:
            context["previews"] = site_search.previews()
    except engine_errors() as error:
        logger.warning("Site search engine failed: %s", error)
        context.update(
            groups=[],
            total=0,
            chosen=None,
            previews=[],
            error=_(
                "Søgningen er midlertidigt utilgængelig, fordi søgemaskinen ikke svarer. Prøv igen om lidt, "
                "eller find vej via menuen."
            ),
        )
    context["query_q"] = urlencode({"q": text}) if text else ""
    return _not_cached_if(context["error"], TemplateResponse(request, "search/search.html", context))


def search_suggestions(request):
    text = clean_query(request.GET.get("q", ""))[:100]
    try:
        found = suggestions(text)
    except engine_errors() as error:
        logger.warning("Site search suggestions failed: %s", error)
        return _not_cached_if(True, JsonResponse({"suggestions": []}))
    return JsonResponse({"suggestions": found})
