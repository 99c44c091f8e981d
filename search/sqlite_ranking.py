"""The SQLite part of `search.database_backend`: imported only on SQLite, since the library's SQLite
module declares a model (its full-text table) that exists only there."""

from django.db import connection
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class RankedOnce:
    """For both query compilers (search and autocomplete): the matches with their scores, best first."""

    def ranked_ids(self, config, start, stop):
        """[(object id, score)] of the queryset's objects that match, best first, sliced; None when the
        query is not a plain ranked search (match all, negated), which the library handles as before."""
        ranked = self._ranked(config)
        if ranked is None:
            return None
        return list(ranked.values_list("index_entry__object_id", "score")[start:stop])

    def best_by_type(self, config, per_type):
        """[(object id, content type id, count, title)]: the best `per_type` matches of each specific
        type, with how many of that type match and their indexed titles, in one query; None as above.

        SQLite computes bm25() only in the query that runs the match, so the windows number the rows
        of the ranked query from outside it."""
        ranked = self._ranked(config)
        if ranked is None:
            return None
        inner, params = (
            ranked.annotate(
                object=F("index_entry__object_id"),
                kind=F("index_entry__content_type"),
                heading=F("index_entry__title"),
            )
            .values_list("object", "kind", "score", "newest", "heading")
            .query.sql_with_params()
        )
        # Only the ORM's own SQL and a fixed clause are put in; the values are bound parameters.
        sql = f"""
            SELECT object, kind, found, heading FROM (
                SELECT object, kind, heading,
                    ROW_NUMBER() OVER (PARTITION BY kind ORDER BY score, newest DESC) AS place,
                    COUNT(*) OVER (PARTITION BY kind) AS found
                FROM ({inner})
            ) WHERE place <= %s
            ORDER BY kind, place
        """  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, per_type))
            return cursor.fetchall()

    def _ranked(self, config):
        query = sqlite.normalize(self.query)
        if isinstance(query, (MatchAll, Not)) or not self.order_by_relevance:
            return None
        # The same match and rank expressions as the library's SQLiteSearchQueryCompiler.search().
        match = sqlite.MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config)
        )
        return (
            sqlite.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
            )
            # Each match is looked up by primary key: cheap for few matches and for many.
            .filter(Exists(self.queryset.order_by().filter(pk=OuterRef("index_entry__object_id"))))
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            # Ties as the library breaks them: the newest object first.
            .annotate(newest=Cast("index_entry__object_id", self.queryset.model._meta.pk))
            .order_by("score", F("newest").desc())
        )


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

    def best_by_type(self, per_type):
        compiler = self.query_compiler
        return compiler.best_by_type(compiler.get_config(self.backend), per_type)


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
    results_class = SearchResults
