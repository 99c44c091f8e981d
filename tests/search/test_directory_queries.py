"""The member directory's page costs a fixed number of database queries, however many members,
facet values or filters there are; so do a profile page and the suggestions."""

import pytest


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "kommune"},
        {"q": "kommune", "type": "kommune", "region": ["midtjylland", "nordjylland"], "bruger": "os2mo"},
        {"aftale": "partneraftale", "leverer": "os2mo", "sort": "nyeste", "page": "2"},
    ],
)
def test_directory_query_budget(client, demo, django_assert_max_num_queries, params):
    client.get("/medlemmer/")
    with django_assert_max_num_queries(14):
        assert client.get("/medlemmer/", params).status_code == 200


def test_suggestions_query_budget(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get("/medlemmer/forslag/", {"q": "kommune"}).status_code == 200
