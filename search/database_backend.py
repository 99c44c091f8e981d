"""Wagtail's database search backend, with two additions.

On SQLite, results ordered by relevance are ranked in one pass over the full-text index
(`search.sqlite_ranking`). The library's SQLite backend orders by a correlated subquery that runs the
full-text match once for every matching row, so a common word ("kommune" matches over a thousand
organisations) took about 0.4 s, and one in every event's text several seconds. Here the matching ids
are ranked in one query, and the page of objects is fetched by id in a second. Counts, facets, filters
and the results are the same; MySQL uses the library's backend unchanged.

On SQLite and PostgreSQL, search results also answer `best_by_type(per_type)`: the best few matches
of each specific type with how many of that type match, in one query (`search.sqlite_ranking`,
`search.postgres_ranking`). Site search shows that for every type it finds, which otherwise takes a
count and a search per type.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend's module
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:  # set by the call above
        # Each database's part is imported only on that database (see the modules).
        from .sqlite_ranking import SQLiteSearchBackend

        return SQLiteSearchBackend(params)
    if connection.vendor == "postgresql":
        from .postgres_ranking import PostgresSearchBackend

        return PostgresSearchBackend(params)
    return backend
