"""The open data API's frame: one read-only Django Ninja API under /api/v1/ whose routers live with their
data (`products/api.py`, `community/*/api.py`), its OpenAPI 3.1 description generated from their code.

What every endpoint shares is here: errors as RFC 9457 problem details, page-number pagination with
`next` links, CSV responses, and `ApiMiddleware` (a rate limit per client with 429 and Retry-After,
conditional GET with ETag and Last-Modified, and problem details for errors raised outside the API's
views). CORS for GET comes from django-cors-headers (CORS_URLS_REGEX in the settings).
"""

import csv
import functools
import io
import json
import time

from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer
from pydantic import BaseModel, ConfigDict, TypeAdapter

from community import ratelimit

PREFIX = "/api/v1/"
PROBLEM_TYPE = "application/problem+json"
CSV_TYPE = "text/csv; charset=utf-8"
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 200

DESCRIPTION = """\
OS2's open data: products with their governance levels, users, suppliers and prices; member
organisations; events; news; ideas. Everything here is public on the site; nothing else is.

* Read-only, anonymous, JSON. Lists are paged (`page`, `page_size` up to 200) with a `next` link,
  in a stable order.
* Answers carry `ETag` and `Last-Modified`; send `If-None-Match` or `If-Modified-Since` to get
  `304 Not Modified`.
* Any origin may read the API from a browser (CORS).
* Each client may make 600 requests a minute; beyond that the answer is `429` with `Retry-After`.
* Errors are problem details (RFC 9457, `application/problem+json`).
* Spreadsheets: `products.csv`, `joinings.csv`, `prices.csv` and `organisations.csv` (UTF-8 with BOM,
  `;`-separated).
"""


class Data(BaseModel):
    """The schema of an answer built as plain dicts and lists, which Pydantic checks by itself. Ninja's
    `Schema` first wraps every object, each nested one too, to read a Django model's attributes: for the
    200 products with their 30,000 users that took most of the answer's time."""

    model_config = ConfigDict(from_attributes=True)


class Named(Data):
    """Something the API names by its address slug and its name (a product, an organisation, a tag)."""

    slug: str
    name: str


class Problem(Schema):
    """An error as RFC 9457 describes it."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[dict] | None = None


def problem(status, title, detail=None, errors=None):
    body = {"type": "about:blank", "title": str(title), "status": status}
    if detail:
        body["detail"] = str(detail)
    if errors:
        body["errors"] = errors
    return JsonResponse(
        body, status=status, content_type=PROBLEM_TYPE, json_dumps_params={"ensure_ascii": False}
    )


TITLES = {
    400: gettext_lazy("Ugyldig forespørgsel"),
    404: gettext_lazy("Findes ikke"),
    405: gettext_lazy("Metoden er ikke tilladt"),
    429: gettext_lazy("For mange forespørgsler"),
}


def title_for(status):
    return str(TITLES.get(status, _("Fejl")) if status < 500 else _("Serverfejl"))


class OpenDataAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Errors are documented as problem details (Ninja names JSON), and every operation may answer
        429 with Retry-After (the rate limit is middleware, so Ninja does not know it)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_TYPE] = content.pop("application/json")
                operation["responses"]["429"] = {
                    "description": "Too many requests from this client: wait as long as Retry-After says.",
                    "headers": {
                        "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
                    },
                    "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                }
        return schema

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        return dated(response)


def dated(response):
    """Last-Modified is when the answer was built: a cached answer is dropped on any change (see
    os2site.page_cache), so nothing it shows changed after that."""
    if response.status_code == 200 and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(time.time())
    return response


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Danish letters as themselves


api = OpenDataAPI(
    renderer=Renderer(),
    title="OS2 open data",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url=None,
)


def docs(request):
    """The human documentation at /api/: Swagger UI from the site's own static files."""
    return Swagger(settings={"docExpansion": "list", "defaultModelsExpandDepth": 0}).render_page(request, api)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    errors = [
        {"location": ".".join(str(part) for part in error.get("loc", [])), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    return problem(400, title_for(400), _("En eller flere parametre er ugyldige."), errors)


@api.exception_handler(Http404)
def not_found(request, exc):
    return problem(404, title_for(404), _("Der er intet på denne adresse."))


@api.exception_handler(HttpError)
def http_error(request, exc):
    return problem(exc.status_code, title_for(exc.status_code), str(exc))


# Every operation with parameters may answer with these besides its own (429: see get_openapi_schema).
ERRORS = {400: Problem}


def responses(schema, *statuses):
    """The documented answers of an operation: its schema, the shared errors and `statuses`."""
    return {200: schema, **ERRORS, **dict.fromkeys(statuses, Problem)}


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="Items per page, at most 200.")


def page_of(request, items, paging, build=None, schema=None):
    """One page of `items` (a queryset or list) as {count, next, previous, results}; `build(page)`
    turns the page's objects into results (so related rows are read for that page only). With the
    results' `schema` (the list's item schema), the page is answered as JSON at once (`page_json`)."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    start = (paging.page - 1) * paging.page_size
    page = list(items[start : start + paging.page_size])
    page = {
        "count": count,
        "next": _page_url(request, paging.page + 1) if start + paging.page_size < count else None,
        "previous": _page_url(request, paging.page - 1) if paging.page > 1 and count else None,
        "results": build(page) if build else page,
    }
    return page_json(page, schema) if schema else page


@functools.cache
def _adapter(schema):
    return TypeAdapter(schema)


def page_json(page, schema):
    """A page as a JSON response, each result checked against `schema` and written out one at a time.
    Left to Ninja, a page is held four times over at once: the results as built, as Pydantic models
    (each nested dict one more), dumped back to dicts, and as a JSON text; for 200 products with their
    30,000 users that took 118 MB for 6.5 MB of JSON, and the worker kept the memory after the answer
    (docs/performance.md). Here each result is dropped once written, so only the built results and
    the JSON are held."""
    adapter = _adapter(schema)
    results = page["results"]
    parts = []
    for index, result in enumerate(results):
        # Dumped and written as Ninja's renderer writes a whole answer, so the JSON is the same text.
        parts.append(_json(adapter.dump_python(adapter.validate_python(result))))
        results[index] = None  # its dicts can go now
    head = _json({name: page[name] for name in ("count", "next", "previous")})
    body = "".join([head[:-1], ', "results": [', ", ".join(parts), "]}"]).encode()
    return dated(HttpResponse(body, content_type=api.get_content_type()))


def _json(data):
    return json.dumps(data, cls=Renderer.encoder_class, **Renderer.json_dumps_params)


def _page_url(request, number):
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


def page_schema(item):
    """The schema of one page of `item`s."""
    return type(
        f"{item.__name__}Page",
        (Schema,),
        {
            "__annotations__": {
                "count": int,
                "next": str | None,
                "previous": str | None,
                "results": list[item],
            },
        },
    )


CSV_RESPONSE = {
    "responses": {
        200: {
            "description": "CSV (UTF-8 with BOM, ;-separated)",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


def csv_response(filename, header, rows):
    """A spreadsheet as Danish spreadsheet programs open it: UTF-8 with a byte order mark, `;` between
    fields (a comma is the Danish decimal sign)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return dated(response)


class ApiMiddleware:
    """Under /api/v1/: the rate limit (before the page cache, so cached answers count too), conditional
    GET (Django's ETag from the content, 304 for a matching If-None-Match or If-Modified-Since), and
    problem details for errors that did not come from an API view (an unknown address)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.conditional = ConditionalGetMiddleware(get_response)

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method in ("GET", "HEAD") and not ratelimit.allow_request("api", request):
            response = problem(429, title_for(429), _("Vent lidt, og prøv igen."))
            response["Retry-After"] = str(ratelimit.seconds_left("api"))
            return response
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(PROBLEM_TYPE):
            allowed = response.get("Allow")
            response = problem(response.status_code, title_for(response.status_code))
            if allowed:
                response["Allow"] = allowed
        return self.conditional.process_response(request, response)
