"""schemathesis against the API's own OpenAPI schema: every operation, a few generated requests
each, sent as the chair and as a member without grants (with their tokens) through the WSGI
app. No answer may be a 5xx, and every documented answer must match the schema."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.tokens import token_create
from tests.security.world import SecurityWorld

pytestmark = pytest.mark.django_db

# A few examples per operation keeps the run to seconds; `make test-fuzz` style runs can raise it.
EXAMPLES = 6
PERSONAS = ("chair", "member")


def _schema() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(_schema())
app = WSGIHandler()


def test_every_operation_is_generated():
    operations = {
        f"{result.ok().method.upper()} {result.ok().path}" for result in schema.get_all_operations()
    }
    assert operations == {
        "GET /api/v1/actions/",
        "GET /api/v1/actions/{id}/",
        "POST /api/v1/actions/{id}/updates/",
        "GET /api/v1/committees/",
        "GET /api/v1/committees/{short_name}/",
        "GET /api/v1/items/",
        "GET /api/v1/items/{id}/",
        "GET /api/v1/meetings/",
        "GET /api/v1/meetings/{id}/",
    }


@pytest.fixture
def open_connection():
    """Keep the test's database connection (and its transaction) across requests: the WSGI
    handler closes it when a request finishes, as Django's test client stops it doing."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(sworld: SecurityWorld) -> dict[str, str]:
    """A token for each persona."""
    return {p: token_create(user=sworld.users[p], name="schemathesis")[1] for p in PERSONAS}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(
    case, sworld: SecurityWorld, tokens: dict[str, str], open_connection
):
    for persona in PERSONAS:
        case.call_and_validate(
            app=app,
            headers={"Authorization": f"Token {tokens[persona]}"},
            checks=[not_a_server_error, response_schema_conformance],
        )
