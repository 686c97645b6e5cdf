"""The partnership page, documents, signatures, import and diff, as a professional sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from deelwijzer.covenant.models import VersionStatus
from deelwijzer.covenant.services import covenant_version_import
from deelwijzer.covenant.tests.test_services_versions import sign_all
from deelwijzer.testing.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(minimal_covenant_text):
    return covenant_version_import(text=minimal_covenant_text)


def test_partnership_page_shows_partners_purposes_steps_and_status(login, version):
    user = ProfessionalFactory(partner=version.partnership.partners.get(key="gemeente"))
    response = login(user).get(reverse("covenant:partnership"), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Gemeente Kleinstad", "Veilig Thuis Kleinstad", "Politie eenheid Kleinstad",
                 "Veiligheid van het kind", "Analyse", "Jeugdwet art. 2.3"):
        assert text in page
    assert 'data-status="draft"' in page


def test_other_partnerships_versions_are_not_visible(login, version):
    outsider = ProfessionalFactory()  # a partner of another partnership
    response = login(outsider).get(reverse("covenant:version", args=[version.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["covenant", "protocol", "leaflet"])
def test_documents_download(login, version, kind):
    client = login(ProfessionalFactory(partner=version.partnership.partners.first()))
    pdf = client.get(reverse("covenant:document", args=[version.pk, kind, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    docx = client.get(reverse("covenant:document", args=[version.pk, kind, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    html = client.get(reverse("covenant:document", args=[version.pk, kind, "html"]))
    assert "Samenwerkingsverband Proef Klein" in html.content.decode()


def test_partner_admin_records_signature_in_the_page(login, version):
    gemeente = version.partnership.partners.get(key="gemeente")
    client = login(ProfessionalFactory(partner=gemeente, roles=["partner_admin"]))
    page = client.get(reverse("covenant:version", args=[version.pk])).content.decode()
    assert reverse("covenant:sign", args=[version.pk, gemeente.pk]) in page
    other = version.partnership.partners.get(key="politie")
    assert reverse("covenant:sign", args=[version.pk, other.pk]) not in page
    client.post(reverse("covenant:sign", args=[version.pk, gemeente.pk]),
                {"signed_on": "2026-01-05"})
    assert version.signatures.get().signed_on == dt.date(2026, 1, 5)
    refused = client.post(reverse("covenant:sign", args=[version.pk, other.pk]),
                          {"signed_on": "2026-01-05"}, follow=True)
    assert version.signatures.count() == 1
    assert "Politie eenheid Kleinstad" in refused.content.decode()


def test_import_shows_every_error_with_its_line(login, version, minimal_covenant_text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(ProfessionalFactory(roles=["privacy_officer"],
                                       partner=version.partnership.partners.first()))
    bad = minimal_covenant_text.replace("purposes:", "purpsoes:")
    response = client.post(reverse("covenant:import"),
                           {"file": SimpleUploadedFile("c.yaml", bad.encode())})
    page = response.content.decode()
    assert 'id="import-errors"' in page and "purpsoes" in page
    assert version.partnership.versions.count() == 1


def test_import_is_only_for_privacy_officers(login, version):
    client = login(ProfessionalFactory(partner=version.partnership.partners.first()))
    assert client.get(reverse("covenant:import")).status_code == 404


def test_diff_page_lists_changes(login, version, minimal_covenant_text):
    sign_all(version)
    amended = covenant_version_import(
        text=minimal_covenant_text.replace('version: "2026.1"', 'version: "2026.2"'))
    client = login(ProfessionalFactory(partner=version.partnership.partners.first()))
    page = client.get(reverse("covenant:diff", args=[amended.pk, version.pk])).content.decode()
    assert "2026.2" in page and 'data-kind="changed"' in page
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE


def test_api_lists_versions_with_signatures(login, version):
    client = login(ProfessionalFactory(partner=version.partnership.partners.first()))
    listing = client.get("/api/v1/covenant/versions/").json()
    assert [v["status"] for v in listing["results"]] == ["draft"]
    assert listing["count"] == 1 and listing["next"] is None
    detail = client.get(f"/api/v1/covenant/versions/{version.pk}/").json()
    assert {s["partner"] for s in detail["signatures"]} == {"gemeente", "veilig-thuis", "politie"}
    assert all(s["signed_on"] is None for s in detail["signatures"])
