"""API: a person's consent page (who gives consent, representatives, weighings, informings,
what is still to be told) and a consent's evidence, as the consent screens give them."""

from __future__ import annotations

import base64

import pytest
from django.utils import timezone

from deelwijzer.processing_log.selectors import entries_for_subject

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF = b"%PDF-1.4 ondertekend"


def record_consent(client, demo):
    response = client.post("/api/v1/consent/", {
        "person": demo.child.pk, "given_by": [demo.child.pk, demo.mother.pk],
        "purpose": "veiligheid", "categories": ["aard-zorgen"],
        "recipients": ["gemeente-aldermeer"], "valid_from": TODAY.isoformat(),
        "method": "signed_form", "told_withdrawable": True, "evidence_name": "form.pdf",
        "evidence_base64": base64.b64encode(PDF).decode()}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_the_consent_page_of_a_person(demo, case, mother_represents, api_client):
    client = api_client(demo.director)
    informed = client.post("/api/v1/consent/informing/", {
        "person": demo.child.pk, "purpose": "veiligheid", "timing": "before",
        "method": "in_person", "informed_on": TODAY.isoformat()}, format="json")
    assert informed.status_code == 201, informed.json()
    before = entries_for_subject(demo.child.subject_id).count()
    response = client.get(f"/api/v1/consent/persons/{demo.child.pk}/summary/")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["person"] == demo.child.pk
    assert body["givers_required"] == "child_and_representative"  # Noor is 13 (S6)
    assert [r["id"] for r in body["representatives"]] == [demo.mother.pk]
    assert [(i["about"], i["method"]) for i in body["informings"]] == [
        ("processing", "in_person")]
    assert body["justifications"] == [] and body["dues"] == []
    assert entries_for_subject(demo.child.subject_id).count() == before  # not logged


def test_the_evidence_is_a_logged_view_and_a_file(demo, case, mother_represents, api_client):
    client = api_client(demo.director)
    consent = record_consent(client, demo)
    before = entries_for_subject(demo.child.subject_id).count()
    response = client.get(f"/api/v1/consent/{consent}/evidence/",
                          HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="form.pdf"'
    entries = list(entries_for_subject(demo.child.subject_id))
    assert len(entries) == before + 1
    assert (entries[-1].action, entries[-1].allowed) == ("view", True)


def test_a_caller_without_business_gets_404_and_nothing_is_logged(demo, case,
                                                                   mother_represents,
                                                                   api_client):
    consent = record_consent(api_client(demo.director), demo)
    other = api_client(demo.prof("cjg-aldermeer"))
    before = entries_for_subject(demo.child.subject_id).count()
    assert other.get(f"/api/v1/consent/persons/{demo.child.pk}/summary/").status_code == 404
    response = other.get(f"/api/v1/consent/{consent}/evidence/")
    assert response.status_code == 404
    assert PDF not in response.content
    assert entries_for_subject(demo.child.subject_id).count() == before


def test_a_consent_without_an_evidence_document_is_not_found(demo, case, mother_represents, api_client):
    client = api_client(demo.director)
    response = client.post("/api/v1/consent/", {
        "person": demo.mother.pk, "given_by": [demo.mother.pk], "purpose": "veiligheid",
        "categories": ["aard-zorgen"], "recipients": ["gemeente-aldermeer"],
        "valid_from": TODAY.isoformat(), "method": "oral_confirmed", "told_withdrawable": True,
        "statement": "Eva stemt in met delen met de gemeente."}, format="json")
    assert response.status_code == 201, response.json()
    assert client.get(f"/api/v1/consent/{response.json()['id']}/evidence/").status_code == 404
