from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """The words of a visitor's query: control characters and quotes (query syntax some backends
    reject) become spaces, whitespace is collapsed, and the length is capped."""
    text = "".join(" " if (not char.isprintable() or char in '"\\') else char for char in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search(request):
    """Site search over published, public pages; the same code on every search backend."""
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "page_obj": page_obj,
            "query_string": urlencode({"q": query}) if query else "",
        },
    )
