"""What the home app registers with Wagtail: one address per page in each language, and revision
comparisons that show only real changes."""

from django.http import HttpResponseRedirect
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language
from wagtail import hooks

from . import compare, i18n  # noqa: F401 (compare registers its comparisons)


@hooks.register("before_serve_page")
def to_the_translation(page, request, serve_args, serve_kwargs):
    """A page reached in another language than its own has one address there if it is translated:
    the English front page falls back to the Danish tree for paths it lacks, so /en/om-os2/ would show
    the Danish page although /en/about-os2/ translates it. The visitor is sent to the translation (with
    the rest of the path of a page with its own sub-addresses, and the query)."""
    language = get_language()
    if i18n.language_of(page) == language:
        return None
    translation = i18n.page_versions(request, page).get(language)
    if translation is None:
        return None  # not translated: the page itself, with the language's interface
    here = i18n.localized_path(page.url)
    rest = request.path[len(here) :] if here and request.path.startswith(here) else ""
    query = request.META.get("QUERY_STRING", "")
    # Temporary: an editor may unpublish the translation again.
    return HttpResponseRedirect(translation.url + rest + ("?" + iri_to_uri(query) if query else ""))
