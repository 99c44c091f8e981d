"""The member directory on the search engine (osmem-server over HTTP) never holds a product visitors may
not open: a restriction added after the member index was built updates the documents of its users and
supplier at once, lifting it restores them, and an index built while it is restricted never names it.
On the site tests/restricted_content.py builds (the fixtures site_for_a_restricted_product and zylofonia)."""

import pytest
from wagtail.models import PageViewRestriction

from tests.restricted_content import (
    KINDS,
    NAME,
    assert_directory_hides_it,
    assert_nowhere,
    restrict,
)

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.mark.parametrize("kind", KINDS)
def test_the_member_index_forgets_a_product_restricted_after_it_was_built(
    client, engine, zylofonia, django_capture_on_commit_callbacks, kind
):
    """On the search engine: the member documents are built while the product is public; restricting it
    updates the documents of its users and supplier at once, and lifting the restriction restores them."""
    from search.engine import alias_name, rebuild
    from search.engine import client as engine_client

    rebuild()

    def documents():
        response = engine_client().search(
            index=alias_name(),
            body={"query": {"terms": {"slug": ["ballerup-kommune", "magenta-aps"]}}, "size": 10},
        )
        return {hit["_source"]["slug"]: hit["_source"] for hit in response["hits"]["hits"]}

    assert "zylofonia" in documents()["ballerup-kommune"]["products_used"]
    assert "zylofonia" in documents()["magenta-aps"]["products_supplied"]

    with django_capture_on_commit_callbacks(execute=True):
        restriction = restrict(zylofonia["product"], kind)
    assert "zylofonia" not in documents()["ballerup-kommune"]["products_used"]
    assert "zylofonia" not in documents()["magenta-aps"]["products_supplied"]
    assert_nowhere(client, zylofonia)
    assert_directory_hides_it(client, "zylofonia")

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert "zylofonia" in documents()["ballerup-kommune"]["products_used"]
    html = client.get("/medlemmer/", {"bruger": "zylofonia"}).content.decode()
    assert NAME in html and "/medlemmer/ballerup-kommune/" in html


def test_the_member_index_built_while_restricted_never_holds_it(client, engine, zylofonia):
    from search.engine import rebuild

    restrict(zylofonia["product"], PageViewRestriction.LOGIN)
    rebuild()
    assert_nowhere(client, zylofonia)
    assert_directory_hides_it(client, "zylofonia")
