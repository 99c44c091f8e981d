"""The SQLite part of `search.database_backend`: imported only on SQLite, since the library's SQLite
module declares a model (its full-text table) that exists only there."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class RankedOnce:
    """For both query compilers (search and autocomplete): the matches with their scores, best first."""

    def ranked_ids(self, config, start, stop):
        """[(object id, score)] of the queryset's objects that match, best first, sliced; None when the
        query is not a plain ranked search (match all, negated), which the library handles as before."""
        query = sqlite.normalize(self.query)
        if isinstance(query, (MatchAll, Not)) or not self.order_by_relevance:
            return None
        # The same match and rank expressions as the library's SQLiteSearchQueryCompiler.search().
        match = sqlite.MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config)
        )
        ranked = (
            sqlite.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
            )
            # Each match is looked up by primary key: cheap for few matches and for many.
            .filter(Exists(self.queryset.order_by().filter(pk=OuterRef("index_entry__object_id"))))
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            # Ties as the library breaks them: the newest object first.
            .order_by("score", Cast("index_entry__object_id", self.queryset.model._meta.pk).desc())
            .values_list("index_entry__object_id", "score")
        )
        return list(ranked[start:stop])


class SearchQueryCompiler(RankedOnce, sqlite.SQLiteSearchQueryCompiler):
    pass


class AutocompleteQueryCompiler(RankedOnce, sqlite.SQLiteAutocompleteQueryCompiler):
    pass


class SearchResults(sqlite.SQLiteSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        ranked = compiler.ranked_ids(compiler.get_config(self.backend), self.start, self.stop)
        if ranked is None:
            return super()._do_search()
        by_id = compiler.queryset.model._meta.pk.to_python
        scores = {by_id(object_id): score for object_id, score in ranked}
        objects = {obj.pk: obj for obj in compiler.queryset.filter(pk__in=list(scores))}
        results = [objects[pk] for pk in scores if pk in objects]
        if self._score_field:
            for obj in results:
                setattr(obj, self._score_field, scores[obj.pk])
        return results


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
    results_class = SearchResults
