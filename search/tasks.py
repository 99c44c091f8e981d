"""Background work of the search app: keeping the member index in step with the database."""

import logging

from django_tasks import task

from .directory import SearchUnavailable, engine_configured

logger = logging.getLogger(__name__)


@task()
def sync_members(ids):
    """Write the current state of these organisations to the member index. When the engine does not
    answer, the change is only logged: the database keeps it, and the next `search_reindex` heals
    the index."""
    # The engine's clients are large: a site without an engine never loads them.
    from .engine import ENGINE_ERRORS, update_members

    if not engine_configured():
        return 0
    try:
        update_members(sorted(set(ids)))
    except (SearchUnavailable, *ENGINE_ERRORS) as error:
        logger.warning("Member index not updated for %s (run search_reindex later): %s", ids, error)
        return 0
    return len(ids)
