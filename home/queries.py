"""Query expressions more than one app uses."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_per_row(related, field):
    """An annotation counting the rows of `related` whose `field` points at the outer row, 0 if none.
    A subquery rather than Count over a join: the join is grouped by every column of the outer rows,
    which at tens of thousands of related rows took tens of milliseconds. The rows are counted, not
    their ids: PostgreSQL then answers from the index on `field` alone (an index-only scan), where
    counting ids read every row (the front page's most used products: 30,000 joining agreements)."""
    counted = (
        related.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(count=Count("*"))
        .values("count")
    )
    return Coalesce(Subquery(counted), 0)
