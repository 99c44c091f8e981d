"""The PostgreSQL part of `search.database_backend`: imported only on PostgreSQL."""

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from modelsearch.backends.database.postgres import postgres
from modelsearch.query import MatchAll, Not


class PostgresSearchResults(postgres.PostgresSearchResults):
    def best_by_type(self, per_type):
        """[(object id, content type id, count, title)]: the best `per_type` matches of each specific type,
        with how many of that type match and their titles, in one query; None when the query is not a
        plain ranked search."""
        compiler = self.query_compiler
        if isinstance(compiler.query, (MatchAll, Not)) or not compiler.order_by_relevance:
            return None
        ranked = compiler.search(
            compiler.get_config(self.backend), None, None, score_field="_score", backend=self.backend
        )
        return list(
            ranked.annotate(
                place=Window(
                    RowNumber(), partition_by=F("content_type"), order_by=[F("_score").desc(), F("pk").desc()]
                ),
                found=Window(Count("*"), partition_by=F("content_type")),
            )
            .filter(place__lte=per_type)
            .values_list("pk", "content_type", "found", "title")
        )


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    results_class = PostgresSearchResults
