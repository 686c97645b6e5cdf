"""The OpenAPI schema at /api/v1/schema/ only for a professional with a login or a token."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from deelwijzer.testing.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db


def test_the_schema_needs_authentication():
    response = APIClient().get("/api/v1/schema/")
    assert response.status_code in (401, 403)
    assert b"openapi" not in response.content


def test_a_professional_with_a_token_gets_the_schema(api_client):
    response = api_client(ProfessionalFactory()).get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Deelwijzer API"
