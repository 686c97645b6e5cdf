"""Headers on every answer that may carry personal data: not stored by any cache, and a strict
Content-Security-Policy (deelwijzer.middleware)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deelwijzer.covenant.services import covenant_version_import
from deelwijzer.testing.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db

STRICT = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def assert_not_stored(response):
    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"


def test_a_page_of_a_logged_in_professional_is_not_stored_and_strict(login):
    response = login(ProfessionalFactory()).get(reverse("ui:home"))
    assert response.status_code == 200
    assert_not_stored(response)
    assert response["Content-Security-Policy"] == STRICT


def test_the_login_page_and_its_redirects_too():
    client = Client()
    page = client.get(reverse("accounts:login"))
    assert_not_stored(page)
    assert page["Content-Security-Policy"] == STRICT
    redirect = client.get(reverse("ui:home"))
    assert redirect.status_code == 302
    assert_not_stored(redirect)


def test_an_api_answer_is_not_stored(api_client):
    response = api_client(ProfessionalFactory()).get("/api/v1/cases/")
    assert response.status_code == 200
    assert_not_stored(response)
    assert response["Content-Security-Policy"] == STRICT


def test_an_api_refusal_is_not_stored_either():
    response = Client().get("/api/v1/cases/")
    assert response.status_code in (401, 403)
    assert_not_stored(response)


def test_the_standalone_document_runs_no_scripts(login, minimal_covenant_text):
    version = covenant_version_import(text=minimal_covenant_text)
    client = login(ProfessionalFactory(partner=version.partnership.partners.first()))
    response = client.get(reverse("covenant:document", args=[version.pk, "leaflet", "html"]))
    assert response.status_code == 200
    assert_not_stored(response)
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "frame-ancestors 'none'" in policy and "form-action 'none'" in policy
