"""The OpenAPI description is valid OpenAPI 3.1 generated from the code, and the API does what it says:
schemathesis sends every operation generated parameters over HTTP to the live test server, and each
answer has a documented status, content type and shape, and is never a server error."""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("GET", "/api/v1/products"),
    ("GET", "/api/v1/products/{slug}"),
    ("GET", "/api/v1/products.csv"),
    ("GET", "/api/v1/joinings.csv"),
    ("GET", "/api/v1/prices.csv"),
    ("GET", "/api/v1/organisations"),
    ("GET", "/api/v1/organisations/{slug}"),
    ("GET", "/api/v1/organisations.csv"),
    ("GET", "/api/v1/events"),
    ("GET", "/api/v1/events/{slug}"),
    ("GET", "/api/v1/news"),
    ("GET", "/api/v1/news/{slug}"),
    ("GET", "/api/v1/ideas"),
    ("GET", "/api/v1/ideas/{idea_id}"),
    ("GET", "/api/v1/projects"),
    ("GET", "/api/v1/projects/{slug}"),
}


@pytest.mark.factories
def test_the_description_is_valid_openapi_3_1_and_names_every_operation(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200

    def no_repeated_keys(pairs):
        keys = [key for key, _value in pairs]
        assert len(keys) == len(set(keys)), keys  # JSON parsers differ on repeats; Swagger UI refuses them
        return dict(pairs)

    document = json.loads(response.content, object_pairs_hook=no_repeated_keys)
    validate(document)
    assert document["openapi"].startswith("3.1")
    found = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    assert found == OPERATIONS
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert "application/problem+json" in responses["429"]["content"], path
        assert item["get"]["summary"] and item["get"]["operationId"]


# Operations whose parameters can be invalid (the others take any text, or nothing).
CONSTRAINED = {
    ("GET", path)
    for path in [
        "/api/v1/products",
        "/api/v1/organisations",
        "/api/v1/events",
        "/api/v1/news",
        "/api/v1/ideas",
    ]
} | {("GET", "/api/v1/ideas/{idea_id}")}
CASES = [(*operation, schemathesis.GenerationMode.POSITIVE) for operation in sorted(OPERATIONS)] + [
    (*operation, schemathesis.GenerationMode.NEGATIVE) for operation in sorted(CONSTRAINED)
]


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_every_operation_answers_as_described(live_demo, method, path, mode):
    """Each operation with generated parameters against the running server: valid ones, and invalid
    ones where a parameter can be invalid. On the demo, served by the live server the browser tests
    share: every operation then has real rows and addresses to answer with."""
    schema = schemathesis.openapi.from_url(f"{live_demo.url}/api/v1/openapi.json")
    operation = schema[path][method]

    @given(case=operation.as_strategy(mode))
    @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def answers_as_described(case):
        case.call_and_validate()

    answers_as_described()
