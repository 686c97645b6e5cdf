"""Schemathesis fuzzes every operation of the committed OpenAPI file (docs/openapi.yaml),
authenticated with a personal API token of the demo case director: no input may give a server
error. (The OpenAPI file itself is checked for drift against the code in scripts/test.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.tokens import api_token_create

OPENAPI = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"

schema = schemathesis.openapi.from_path(OPENAPI)
schema.app = get_wsgi_application()


@pytest.fixture
def director_key(demo, case) -> str:
    """The demo partnership with a case, and the case director's token."""
    _token, key = api_token_create(professional=Professional.objects.get(username="regisseur"))
    return key


@schema.parametrize()
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@pytest.mark.django_db
def test_no_operation_gives_a_server_error(case, director_key):
    case.call_and_validate(headers={"Authorization": f"Token {director_key}"},
                           checks=[not_a_server_error])
