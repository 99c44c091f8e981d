"""Site search: one search over every published, public page type and every model other apps register
with the `site_search_querysets` hook (a function returning the queryset of what visitors may find,
whose model is `index.Indexed` and has `get_absolute_url`). Nothing here names a content type, so
events, news and ideas appear as soon as their apps exist.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.i18n import DEFAULT_LANGUAGE, localized_path
from home.locales import active_locale, default_locale

from .directory import highlight
from .words import NO_MATCH, title_match

SNIPPET_FIELDS = ("search_description", "introduction", "intro", "tagline", "need", "description", "summary")
SUGGESTIONS = 8
# How many matches per suggestion are read, to put titles that start with the typed text first.
SUGGESTION_CANDIDATES = 5
PREVIEW = 3  # hits shown for each type before the visitor chooses one
PREVIEW_GROUPS = 6  # types shown with hits; a word found in every type would otherwise take many queries


def public_pages():
    """The pages a visitor of the active language finds: that language's pages, and in a translated
    language also the Danish pages not yet translated into it (they are served under its prefix too)."""
    return Page.objects.live().public().filter(depth__gt=1).filter(in_visitors_language())


def in_visitors_language():
    # The locales are kept per page cache generation (home.locales): a search asks the database for none.
    active, default = active_locale(), default_locale()
    if active.pk == default.pk:
        return Q(locale=active)
    translated = Page.objects.live().filter(locale=active).values_list("translation_key", flat=True)
    return Q(locale=active) | (Q(locale=default) & ~Q(translation_key__in=list(translated)))


def registered_querysets():
    return [fn() for fn in hooks.get_hooks("site_search_querysets")]


def type_key(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


@dataclass
class Hit:
    title: str
    url: str
    snippet_html: str
    type_label: str
    details: list = field(default_factory=list)  # what tells like hits apart: an event's date and place
    lang: str = ""  # the language of the title, where it is not the page's (lang="da")
    snippet_lang: str = ""  # the snippet's, likewise


@dataclass
class Group:
    key: str
    label: str
    count: int
    queryset: object  # a queryset whose .search() gives this group's hits
    best: list | None = None  # ids of the best PREVIEW hits, when the backend gave them
    found: list | None = None  # the best PREVIEW hits themselves, when they were searched for already
    titles: list = field(default_factory=list)  # the best hits' own titles
    title_match: int = NO_MATCH  # how well the best matching of those titles matches the words

    def search(self, text):
        return get_search_backend().search(text, self.queryset, operator="and")


def snippet_text(obj):
    """The first text of the hit, and whether it is in the visitor's language from a field the model
    has for it (tagline_en)."""
    language = get_language()
    for name in SNIPPET_FIELDS:
        translated = getattr(obj, f"{name}_{language}", "")
        if isinstance(translated, str) and translated.strip():
            return translated, True
        value = getattr(obj, name, "")
        if isinstance(value, str) and value.strip():
            return value, False
    return "", False


def text_language(obj):
    """The language a hit is written in: a page's own (its locale, the active or the default one,
    known without a query), else the default language, in which members and editors write outside
    pages."""
    if isinstance(obj, Page) and obj.locale_id == active_locale().pk:
        return get_language()
    return DEFAULT_LANGUAGE


def own_title(obj):
    return obj.title if isinstance(obj, Page) else str(obj)


def parent_titles(objects):
    """{path: title} of the parents of the pages whose type is titled with its parent in results
    (`search_result_in_parent`: a product's tab "Om" is "OS2mo › Om"), in one query."""
    paths = {
        obj.path[: -Page.steplen]
        for obj in objects
        if isinstance(obj, Page) and getattr(obj, "search_result_in_parent", False)
    }
    return dict(Page.objects.filter(path__in=paths).values_list("path", "title")) if paths else {}


def to_hit(obj, terms, type_label, parents):
    # A Danish page found from the English search keeps the visitor in English (see home.i18n).
    url = localized_path(obj.get_url()) if isinstance(obj, Page) else obj.get_absolute_url()
    title = own_title(obj)
    parent = parents.get(obj.path[: -Page.steplen]) if isinstance(obj, Page) else None
    if parent:
        title = f"{parent} › {title}"
    details = obj.search_result_details() if hasattr(obj, "search_result_details") else []
    text, translated = snippet_text(obj)
    text = Truncator(text).chars(600)
    language = text_language(obj)
    lang = language if language != get_language() else ""
    return Hit(
        title=title,
        url=url or "",
        snippet_html=highlight(text, terms, length=220),
        type_label=type_label,
        details=[str(detail) for detail in details if detail],
        lang=lang,
        snippet_lang="" if translated else lang,
    )


class SiteSearch:
    def __init__(self, text):
        self.text = text

    @cached_property
    def groups(self):
        """Every type with hits, with its count: pages by their specific type, and the registered models.

        A type whose best hit is titled with the words comes first, an exact title before the rest
        (`search.words.title_match`), so "os2mo" starts with the product OS2mo, however many events
        and news mention it; then the types with most hits.

        A backend that ranks the best few pages of each type with their counts and titles in one query
        (`search.database_backend`) is asked that; otherwise the counts come from a facet, and each
        type's best hits are searched on their own."""
        groups = []
        if not self.text:
            return groups
        language = in_visitors_language()
        # Wagtail's rule for what is private, read once (each `.public()` reads the view restrictions
        # again) for every type's pages.
        private = Page.objects.private_q()
        pages = Page.objects.live().exclude(private).filter(depth__gt=1).filter(language)
        counts, best = self._page_counts_and_best(pages)
        for pk, count in counts.items():
            content_type = ContentType.objects.get_for_id(pk) if pk else None
            model = content_type.model_class() if content_type else None
            if model is None or not count:
                continue
            ranked = best.get(pk)
            group = Group(
                key=type_key(model),
                label=capfirst(model._meta.verbose_name_plural),
                count=count,
                # The type's own queryset finds its hits in their own type in one query.
                queryset=model.objects.live().exclude(private).filter(language, content_type=content_type),
                best=[object_id for object_id, _title in ranked] if ranked else None,
                titles=[title for _object_id, title in ranked] if ranked else [],
            )
            groups.append(group)
        for queryset in registered_querysets():
            model = queryset.model
            count = get_search_backend().search(self.text, queryset, operator="and").count()
            if count:
                groups.append(
                    Group(type_key(model), capfirst(model._meta.verbose_name_plural), count, queryset)
                )
        for group in groups:
            if group.best is None:
                group.found = list(group.search(self.text)[:PREVIEW])
                group.titles = [own_title(obj) for obj in group.found]
            group.title_match = max(
                (title_match(title, self.text) for title in group.titles), default=NO_MATCH
            )
        groups.sort(key=lambda g: (-g.title_match, -g.count, g.label))
        return groups

    def _page_counts_and_best(self, pages):
        """({content type id: count}, {content type id: [(id, title) of its best PREVIEW pages]}); the
        best are left out when the backend cannot rank them with the counts."""
        results = get_search_backend().search(self.text, pages, operator="and")
        ranked = results.best_by_type(PREVIEW) if hasattr(results, "best_by_type") else None
        if ranked is None:
            return results.facet("content_type_id"), {}
        counts, best = {}, defaultdict(list)
        for object_id, content_type_id, count, title in ranked:
            counts[content_type_id] = count
            best[content_type_id].append((int(object_id), title))
        return counts, best

    @property
    def total(self):
        return sum(g.count for g in self.groups)

    def group(self, key):
        return next((g for g in self.groups if g.key == key), None)

    def hits(self, group, start, stop):
        return self._to_hits(group, group.search(self.text)[start:stop])

    def previews(self):
        """[(group, its best PREVIEW hits)] for every group; only the first PREVIEW_GROUPS show hits,
        the rest their count and a link (the type links above list them all too). One query for each
        group ranked with the counts; the others' hits were searched for already."""
        previews = []
        for number, group in enumerate(self.groups):
            if number >= PREVIEW_GROUPS:
                previews.append((group, []))
            elif group.found is not None:
                previews.append((group, self._to_hits(group, group.found)))
            else:
                # The ids came from the filtered search, so the type's own table is enough.
                found = group.queryset.model.objects.defer_streamfields().in_bulk(group.best)
                previews.append(
                    (group, self._to_hits(group, [found[pk] for pk in group.best if pk in found]))
                )
        return previews

    def _to_hits(self, group, objects):
        terms = [t for t in self.text.split() if t]
        # Titled with the words first, on every backend; otherwise in the backend's order.
        objects = sorted(objects, key=lambda obj: -title_match(own_title(obj), self.text))
        parents = parent_titles(objects)
        return [to_hit(obj, terms, group.label, parents) for obj in objects]


def suggestions(text):
    """Titles starting with what the visitor has typed: public pages first, then registered models."""
    if not text:
        return []
    # Many titles name a product ("Møde i styregruppen for OS2mo, …"): of the best matches, those that
    # start with what was typed come first, so "OS2m" suggests OS2mo itself before its meetings.
    prefix = text.casefold()
    candidates = get_search_backend().autocomplete(text, public_pages(), operator="and")[
        : SUGGESTIONS * SUGGESTION_CANDIDATES
    ]
    pages = sorted(candidates, key=lambda page: not page.title.casefold().startswith(prefix))
    found = [{"label": page.title, "url": page.get_url()} for page in pages[:SUGGESTIONS]]
    for queryset in registered_querysets():
        if len(found) >= SUGGESTIONS:
            break
        if not queryset.model.get_autocomplete_search_fields():
            continue
        for obj in get_search_backend().autocomplete(text, queryset, operator="and")[
            : SUGGESTIONS - len(found)
        ]:
            found.append({"label": str(obj), "url": obj.get_absolute_url()})
    return found
