"""API of the covenant screens: the partnership, importing, withdrawing, comparing and signing
versions, and the documents; the same services as the screens."""

from __future__ import annotations

import pytest
from django.utils import timezone

from deelwijzer.covenant.models import VersionStatus
from deelwijzer.covenant.services import covenant_version_import
from deelwijzer.covenant.tests.test_services_versions import sign_all
from deelwijzer.testing.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/covenant/"


@pytest.fixture
def version(minimal_covenant_text):
    return covenant_version_import(text=minimal_covenant_text)


def member(version, key="gemeente", roles=None):
    return ProfessionalFactory(partner=version.partnership.partners.get(key=key),
                               roles=roles or ["professional"])


def test_the_partnership_with_its_newest_version(api_client, version):
    body = api_client(member(version)).get(BASE).json()
    assert body["partnership"]["name"] == version.partnership.name
    assert body["in_force"] is None and body["latest"]["id"] == version.pk
    assert body["can_manage"] is False


def test_import_as_privacy_officer_with_every_issue_and_its_line(api_client, version,
                                                                 minimal_covenant_text):
    client = api_client(member(version, roles=["privacy_officer"]))
    bad = client.post(f"{BASE}versions/import/",
                      {"source": minimal_covenant_text.replace("purposes:", "purpsoes:")},
                      format="json")
    assert bad.status_code == 400
    errors = bad.json()["errors"]
    assert errors and {e["field"] for e in errors} == {"source"}
    assert any("purpsoes" in e["message"] and "regel" in e["message"] for e in errors)
    missing = client.post(f"{BASE}versions/import/", {}, format="json")
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "source"
    # A second draft while one awaits signatures: the service's rule, a 409.
    second = client.post(f"{BASE}versions/import/", {"source": minimal_covenant_text.replace(
        'version: "2026.1"', 'version: "2026.2"')}, format="json")
    assert second.status_code == 409
    assert "concept" in second.json()["detail"]
    assert version.partnership.versions.count() == 1


def test_import_and_withdraw_are_not_for_others(api_client, version, minimal_covenant_text):
    client = api_client(member(version, roles=["partner_admin"]))
    response = client.post(f"{BASE}versions/import/", {"source": minimal_covenant_text},
                           format="json")
    assert response.status_code == 404
    withdraw = client.post(f"{BASE}versions/{version.pk}/withdraw/")
    assert withdraw.status_code == 403
    assert version.partnership.versions.count() == 1


def test_withdraw_a_draft_and_not_a_signed_one(api_client, version, minimal_covenant_text):
    officer = api_client(member(version, roles=["privacy_officer"]))
    admin = api_client(member(version, roles=["partner_admin"]))
    gemeente = version.partnership.partners.get(key="gemeente")
    signed = admin.post(f"{BASE}versions/{version.pk}/sign/{gemeente.pk}/",
                        {"signed_on": timezone.localdate().isoformat()}, format="json")
    assert signed.status_code == 201, signed.json()
    refused = officer.post(f"{BASE}versions/{version.pk}/withdraw/")
    assert refused.status_code == 409 and refused.json()["errors"] == []
    version.signatures.all().delete()
    done = officer.post(f"{BASE}versions/{version.pk}/withdraw/")
    assert done.status_code == 204
    assert not version.partnership.versions.exists()


def test_signing_as_the_partners_administrator(api_client, version):
    gemeente = version.partnership.partners.get(key="gemeente")
    politie = version.partnership.partners.get(key="politie")
    client = api_client(member(version, roles=["partner_admin"]))
    url = f"{BASE}versions/{version.pk}/sign/{gemeente.pk}/"
    assert client.post(url, {}, format="json").json()["errors"][0]["field"] == "signed_on"
    done = client.post(url, {"signed_on": "2026-01-05"}, format="json")
    assert done.status_code == 201
    signed = {s["partner"]: s["signed_on"] for s in done.json()["signatures"]}
    assert signed["gemeente"] == "2026-01-05" and signed["politie"] is None
    again = client.post(url, {"signed_on": "2026-01-05"}, format="json")
    assert again.status_code == 409
    other = client.post(f"{BASE}versions/{version.pk}/sign/{politie.pk}/",
                        {"signed_on": "2026-01-05"}, format="json")
    assert other.status_code == 403
    assert "Politie eenheid Kleinstad" in other.json()["detail"]
    assert version.signatures.count() == 1


def test_diff_and_another_partnerships_versions(api_client, version, minimal_covenant_text):
    sign_all(version)
    amended = covenant_version_import(
        text=minimal_covenant_text.replace('version: "2026.1"', 'version: "2026.2"'))
    client = api_client(member(version))
    body = client.get(f"{BASE}versions/{amended.pk}/diff/{version.pk}/").json()
    assert (body["old"]["id"], body["new"]["id"]) == (version.pk, amended.pk)
    assert any(c["kind"] == "changed" for c in body["changes"])
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE
    outsider = api_client(ProfessionalFactory())
    assert outsider.get(f"{BASE}versions/{amended.pk}/diff/{version.pk}/").status_code == 404
    assert outsider.get(f"{BASE}versions/{version.pk}/documents/covenant.pdf").status_code == 404


@pytest.mark.parametrize(("ext", "start"), [("pdf", b"%PDF"), ("docx", b"PK")])
def test_documents(api_client, version, ext, start):
    client = api_client(member(version))
    response = client.get(f"{BASE}versions/{version.pk}/documents/leaflet.{ext}",
                          HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200 and response.content.startswith(start)
    assert "attachment" in response["Content-Disposition"]
    assert client.get(f"{BASE}versions/{version.pk}/documents/memo.pdf").status_code == 404


def test_versions_list_is_a_page_newest_first(api_client, version, minimal_covenant_text):
    sign_all(version)
    amended = covenant_version_import(
        text=minimal_covenant_text.replace('version: "2026.1"', 'version: "2026.2"'))
    client = api_client(member(version))
    page = client.get(f"{BASE}versions/", {"limit": 1}).json()
    assert page["count"] == 2 and [v["id"] for v in page["results"]] == [amended.pk]
    assert "offset=1" in page["next"]
    rest = client.get(f"{BASE}versions/", {"limit": 1, "offset": 1}).json()
    assert [v["id"] for v in rest["results"]] == [version.pk] and rest["next"] is None
    assert api_client(ProfessionalFactory()).get(f"{BASE}versions/").json()["count"] == 0
    response = client.get(f"{BASE}versions/", {"offset": "a"})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "offset"
