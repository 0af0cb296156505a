"""The committed OpenAPI schema is current, and the API keeps to it: schemathesis
generates requests from docs/openapi.yaml for every operation (bounded, to keep the suite
fast) and checks that nothing answers 5xx and every response conforms to the schema."""

from pathlib import Path

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import translation
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from regie.api.models import ApiToken
from regie.core.roles import Role
from tests.api.conftest import make_reports
from tests.factories import PIPFactory, PIPVersieFactory

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


@pytest.mark.django_db
def test_committed_schema_is_current(tmp_path):
    fresh = tmp_path / "openapi.yaml"
    with translation.override("nl"):
        call_command("spectacular", file=str(fresh), validate=True)
    assert fresh.read_text() == SCHEMA_PATH.read_text(), (
        "docs/openapi.yaml is stale: run `regie spectacular --file docs/openapi.yaml`"
    )


schema = schemathesis.openapi.from_path(SCHEMA_PATH)


@pytest.fixture
def wsgi_app():
    # As Django's test client does: keep the test's database connection (and its
    # transaction) open across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(params=[Role.AANBIEDER, Role.KLANTMANAGER])
def auth_header(request, world, no_rate_limit):
    user = world.users[request.param]
    pip = PIPFactory(inburgeraar=world.person)
    PIPVersieFactory(pip=pip, nummer=1, vastgesteld=True, aanbieder=world.aanbieder)
    make_reports(world.person, world.aanbieder)
    _token, raw = ApiToken.issue(user, "schemathesis")
    return {"Authorization": f"Token {raw}"}


@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_schema(case, auth_header, wsgi_app):
    response = case.call(app=wsgi_app, headers=auth_header)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
