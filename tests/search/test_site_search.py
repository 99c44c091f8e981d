"""Site search finds published pages, is marked noindex, and answers any query without a 500."""

import pytest


def test_search_finds_the_governance_page(client, demo):
    response = client.get("/soeg/", {"q": "governance"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/om-os2/governance/"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_search_without_results_helps_the_visitor(client, demo):
    html = client.get("/soeg/", {"q": "zzzyyyxxx"}).content.decode()
    assert "0 resultater" in html
    assert "Prøv et andet" in html


@pytest.mark.parametrize(
    "query",
    ['"', "AND OR NOT", "*", "æøå ÆØÅ", "\x00\x01", "a" * 10_000, "<script>alert(1)</script>", "(", "-"],
)
def test_any_query_gets_an_answer(client, demo, query):
    response = client.get("/soeg/", {"q": query, "page": "x"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
