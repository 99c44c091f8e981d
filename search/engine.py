"""The member directory on Elasticsearch or OpenSearch.

Member documents and queries are built with `elasticsearch.dsl` and sent as plain JSON through the
client `SEARCH_ENGINE` names (`elasticsearch` or `opensearch`), since both engines share the query
language but not their clients. Search reads an alias; `rebuild()` fills a new index and moves the
alias in one step, so search never sees an empty or half-built index.
"""

import logging
import re
import time

import elastic_transport
import elasticsearch
import opensearchpy.exceptions
from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.dsl import (
    A,
    Completion,
    Date,
    Document,
    Index,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    normalizer,
    token_filter,
)
from opensearchpy import OpenSearch

from .directory import (
    FACETS,
    SUGGESTIONS,
    DirectoryResult,
    MemberHit,
    SearchUnavailable,
    directory_members,
    facet_labels,
    highlight,
    member_documents,
)

logger = logging.getLogger(__name__)

BATCH = 500


def danish_analyzer():
    """Danish text: lower case, æ/ø/å folded (so "Koebenhavn", "Kobenhavn" and "København" meet),
    and Danish stop words and stemming where the engine has them (SEARCH_DANISH_STEMMER)."""
    filters = ["lowercase"]
    if settings.SEARCH_DANISH_STEMMER:
        filters += [
            token_filter("danish_stop_words", "stop", stopwords="_danish_"),
            token_filter("danish_stemming", "stemmer", language="danish"),
        ]
    filters.append("asciifolding")
    return analyzer("danish_folded", tokenizer="standard", filter=filters)


def folded_analyzer():
    return analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])


def member_document_class():
    """The mapping of a member document (built per call so the stemmer setting is read at runtime)."""
    text = danish_analyzer()

    class MemberDocument(Document):
        name = Text(
            analyzer=text,
            fields={"sort": Keyword(normalizer=normalizer("lowercase_sort", filter=["lowercase"]))},
        )
        suggest = Completion(analyzer=folded_analyzer())
        slug = Keyword()
        kind = Keyword()
        region = Keyword()
        description = Text(analyzer=text)
        why_os2 = Text(analyzer=text)
        member_since = Date()
        products_used = Keyword(multi=True)
        products_supplied = Keyword(multi=True)
        agreements = Keyword(multi=True)

    return MemberDocument


def alias_name():
    return f"{settings.SEARCH_INDEX_PREFIX}_members"


def index_body():
    index = Index("members")
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(member_document_class())
    return index.to_dict()


def client():
    """A client of the configured engine: short timeouts and no retries, so a dead engine is noticed
    within SEARCH_TIMEOUT and the site falls back instead of hanging."""
    timeout = settings.SEARCH_TIMEOUT
    if settings.SEARCH_ENGINE == "opensearch":
        return OpenSearch(hosts=[settings.SEARCH_URL], timeout=timeout, max_retries=0, retry_on_timeout=False)
    return Elasticsearch(settings.SEARCH_URL, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


# The exceptions that mean "the engine did not answer as it should", from either client.
ENGINE_ERRORS = (
    ConnectionError,
    TimeoutError,
    opensearchpy.exceptions.TransportError,
    opensearchpy.exceptions.ImproperlyConfigured,
    opensearchpy.exceptions.SerializationError,
    elasticsearch.ApiError,
    elastic_transport.TransportError,
)


def to_source(document):
    words = document["name"].split()
    source = dict(document)
    source.pop("id")
    source["member_since"] = document["member_since"].isoformat() if document["member_since"] else None
    # Typing any word of the name suggests it: "Kommune" finds every municipality.
    source["suggest"] = [" ".join(words[i:]) for i in range(len(words))]
    return source


def bulk_actions(index, documents):
    lines = []
    for document in documents:
        lines.append({"index": {"_index": index, "_id": str(document["id"])}})
        lines.append(to_source(document))
    return lines


def _bulk(es, index, documents, refresh=False):
    if not documents:
        return
    response = es.bulk(body=bulk_actions(index, documents), refresh="true" if refresh else "false")
    if response.get("errors"):
        failed = [item for item in response["items"] if item.get("index", {}).get("error")]
        raise SearchUnavailable(f"{len(failed)} member documents were refused: {failed[:1]}")


def rebuild(progress=None):
    """Build a new member index from the database and point the alias at it; old indexes are
    removed afterwards. `progress(n)` is called after each batch. Returns (index name, count)."""
    es = client()
    alias = alias_name()
    new_index = f"{alias}_{time.strftime('%Y%m%d%H%M%S')}_{time.monotonic_ns() % 1_000_000:06d}"
    es.indices.create(index=new_index, body=index_body())
    members = directory_members().order_by("pk")
    count = 0
    ids = list(members.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        documents = member_documents(members.filter(pk__in=ids[start : start + BATCH]))
        _bulk(es, new_index, documents)
        count += len(documents)
        if progress:
            progress(len(documents))
    es.indices.refresh(index=new_index)
    old = _aliased_indexes(es, alias)
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    if es.indices.exists(index=alias) and not old:
        # A plain index took the alias's name (written before any rebuild): replace it.
        es.indices.delete(index=alias)
    actions.append({"add": {"index": new_index, "alias": alias}})
    es.indices.update_aliases(body={"actions": actions})
    for name in old:
        if name != new_index:
            es.indices.delete(index=name)
    return new_index, count


def _aliased_indexes(es, alias):
    try:
        return list(es.indices.get_alias(name=alias).keys())
    except ENGINE_ERRORS as error:
        if getattr(error, "status_code", None) == 404 or "404" in str(error):
            return []
        raise


def ensure_index(es):
    """The alias exists (an empty index behind it) so single updates have somewhere to go."""
    alias = alias_name()
    if not es.indices.exists(index=alias):
        rebuild()


def update_members(ids):
    """Write the current state of the given organisations: index members, remove the rest."""
    es = client()
    ensure_index(es)
    alias = alias_name()
    members = list(directory_members().filter(pk__in=ids))
    _bulk(es, alias, member_documents(members), refresh=True)
    gone = set(ids) - {m.pk for m in members}
    for pk in gone:
        try:
            es.delete(index=alias, id=str(pk), refresh="true")
        except ENGINE_ERRORS as error:
            if getattr(error, "status_code", None) != 404 and "404" not in str(error):
                raise


class EngineDirectory:
    name = "engine"

    def _filter(self, key, values):
        field = next(f.field for f in FACETS if f.key == key)
        return Q("terms", **{field: values})

    def build(self, query):
        """The whole request as an `elasticsearch.dsl` Search: the words score hits, chosen facets
        filter them afterwards (post_filter), and each facet's counts apply the other facets."""
        search = Search()
        if query.text:
            search = search.query(
                Q(
                    "multi_match",
                    query=query.text,
                    fields=["name^3", "description", "why_os2"],
                    operator="and",
                    fuzziness="AUTO",
                    prefix_length=1,
                )
            )
        else:
            search = search.query(Q("match_all"))
        chosen = [self._filter(key, values) for key, values in query.filters.items()]
        if chosen:
            search = search.post_filter(Q("bool", filter=chosen))
        for facet in FACETS:
            others = [self._filter(k, v) for k, v in query.filters_except(facet.key).items()]
            bucket = A("filter", filter=Q("bool", filter=others) if others else Q("match_all"))
            search.aggs.bucket(facet.key, bucket).bucket("values", A("terms", field=facet.field, size=200))
        sorting = {
            "relevans": ["_score", {"name.sort": "asc"}],
            "navn": [{"name.sort": "asc"}],
            "-navn": [{"name.sort": "desc"}],
            "nyeste": [{"member_since": {"order": "desc", "missing": "_last"}}, {"name.sort": "asc"}],
        }[query.sort]
        search = search.sort(*sorting)
        search = search.highlight("name", "description", number_of_fragments=0)
        search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"])
        return search.extra(from_=query.offset, size=query.per_page, track_total_hits=True)

    def search(self, query):
        try:
            response = client().search(index=alias_name(), body=self.build(query).to_dict())
        except ENGINE_ERRORS as error:
            logger.warning("Member search engine failed: %s", error)
            raise SearchUnavailable(str(error)) from error
        total = response["hits"]["total"]
        total = total["value"] if isinstance(total, dict) else total
        terms = query.terms
        hits = []
        for hit in response["hits"]["hits"]:
            source = hit["_source"]
            # Highlights are recomputed from the stored text with the same rules as the database, so
            # every fragment is escaped by us; the engine decides only what matched.
            hits.append(
                MemberHit(
                    pk=int(hit["_id"]),
                    name=source["name"],
                    slug=source["slug"],
                    kind=source["kind"],
                    region=source.get("region") or "",
                    name_html=highlight(source["name"], _marked(hit, "name") or terms),
                    snippet_html=highlight(
                        source.get("description") or "", _marked(hit, "description") or terms, length=200
                    ),
                )
            )
        facets = {
            facet.key: {
                bucket["key"]: bucket["doc_count"]
                for bucket in response["aggregations"][facet.key]["values"]["buckets"]
                if bucket["key"] != ""
            }
            for facet in FACETS
        }
        return DirectoryResult(total=total, hits=hits, facets=facets, query=query, labels=facet_labels())

    def autocomplete(self, prefix):
        if not prefix:
            return []
        search = Search().suggest(
            "members",
            prefix,
            completion={"field": "suggest", "size": SUGGESTIONS * 2, "skip_duplicates": True},
        )
        try:
            response = client().search(index=alias_name(), body=search.extra(size=0).to_dict())
        except ENGINE_ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        seen, found = set(), []
        for option in response["suggest"]["members"][0]["options"]:
            source = option["_source"]
            if source["slug"] not in seen:
                seen.add(source["slug"])
                found.append({"name": source["name"], "slug": source["slug"]})
        return found[:SUGGESTIONS]


def _marked(hit, field):
    """The words the engine marked in one field of a hit."""

    fragments = hit.get("highlight", {}).get(field, [])
    return [word for fragment in fragments for word in re.findall(r"<mark>(.*?)</mark>", fragment)]
