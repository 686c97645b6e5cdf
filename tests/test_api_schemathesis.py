"""Schemathesis fuzzes every operation of the committed OpenAPI file (docs/openapi.yaml),
authenticated with a personal API token of the demo case director: no input may give a server
error. (The OpenAPI file itself is checked for drift against the code in scripts/test.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.tokens import api_token_create

OPENAPI = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"

schema = schemathesis.openapi.from_path(OPENAPI)
schema.app = get_wsgi_application()


@pytest.fixture
def director_key(demo, case) -> Iterator[str]:
    """The demo partnership with a case, and the case director's token.

    Schemathesis calls the WSGI app directly, not through Django's test client, so Django's
    end-of-request handler would close the test's database connection (and with it the test
    transaction on PostgreSQL); it is held back here, as the test client does."""
    _token, key = api_token_create(professional=Professional.objects.get(username="regisseur"))
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield key
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@pytest.mark.django_db
def test_no_operation_gives_a_server_error(case, director_key):
    case.call_and_validate(headers={"Authorization": f"Token {director_key}"},
                           checks=[not_a_server_error])
