"""The consent API: field errors (400 naming field and rule), refusals (403 with rule id and
article), 404 for what the caller may not see."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.utils import timezone

from deelwijzer.persons import gateway
from deelwijzer.persons import services as persons
from deelwijzer.policy import CaseRole

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF64 = base64.b64encode(b"%PDF-1.4 formulier").decode()
CONTEXT = gateway.Context(purpose="veiligheid", ground="6.1.e", case_role=CaseRole.CASE_HOLDER)


def body(demo, **overrides):
    data = {"person": demo.child.pk, "given_by": [demo.child.pk], "purpose": "veiligheid",
            "categories": ["gezondheid"], "recipients": ["gemeente-aldermeer"],
            "valid_from": TODAY.isoformat(), "method": "signed_form",
            "told_withdrawable": True, "evidence_name": "form.pdf", "evidence_base64": PDF64}
    data.update(overrides)
    return data


def test_the_age_rule_is_a_field_error_in_dutch(demo, api_client):
    client = api_client(demo.director)
    response = client.post("/api/v1/consent/", body(demo), format="json",
                           HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("given_by",
                                               "consent_age_child_and_representative")
    assert error["message"].startswith("Gegeven door: voor een kind van 13")
    assert "S6, privacyprotocol art. 6.4b" in error["message"]


def test_told_withdrawable_and_evidence_are_field_errors(demo, api_client):
    client = api_client(demo.director)
    response = client.post("/api/v1/consent/", body(
        demo, person=demo.mother.pk, given_by=[demo.mother.pk], told_withdrawable=False),
        format="json")
    assert response.json()["errors"][0]["field"] == "told_withdrawable"
    response = client.post("/api/v1/consent/", body(
        demo, person=demo.mother.pk, given_by=[demo.mother.pk], evidence_base64="TVqQ"),
        format="json")
    assert (response.json()["errors"][0]["field"],
            response.json()["errors"][0]["code"]) == ("evidence", "file_type")
    response = client.post("/api/v1/consent/", body(
        demo, person=demo.mother.pk, given_by=[demo.mother.pk], evidence_base64="!!"),
        format="json")
    assert response.status_code == 400


def test_record_withdraw_and_the_refusal_after(demo, api_client):
    persons.representative_add(professional=demo.director, child=demo.child,
                               representative=demo.mother, kind="parent",
                               categories=["identiteit"], context=CONTEXT)
    client = api_client(demo.director)
    response = client.post("/api/v1/consent/", body(
        demo, given_by=[demo.child.pk, demo.mother.pk]), format="json")
    assert response.status_code == 201, response.json()
    consent = response.json()
    assert consent["status"] == "valid" and consent["has_evidence"]
    item = persons.dossier_item_record(professional=demo.director, person=demo.child,
                                       text="Diagnose", categories=["gezondheid"],
                                       nature="fact", context=CONTEXT)
    persons.dossier_item_disclose(professional=demo.director, item=item,
                                  recipient=demo.partner("gemeente-aldermeer"),
                                  context=CONTEXT)
    response = client.post(f"/api/v1/consent/{consent['id']}/withdraw/", {}, format="json")
    assert response.status_code == 200
    assert [e["kind"] for e in response.json()["history"]] == ["given", "withdrawn"]
    listed = client.get(f"/api/v1/consent/persons/{demo.child.pk}/").json()
    assert listed["count"] == 1
    assert listed["results"][0]["status"] == "withdrawn"
    assert [e["kind"] for e in listed["results"][0]["history"]] == ["given", "withdrawn"]
    with pytest.raises(gateway.ProcessingRefused):
        persons.dossier_item_disclose(professional=demo.director, item=item,
                                      recipient=demo.partner("gemeente-aldermeer"),
                                      context=CONTEXT)


def test_a_refusal_names_the_rule_and_the_article(demo, api_client):
    """Jeugdbescherming takes no part in the purpose "evaluatie" (non-identifiable data only):
    the decision point refuses recording a weighing there, and the 403 names rule and article."""
    client = api_client(demo.director)
    response = client.post("/api/v1/consent/justifications/", {
        "person": demo.child.pk, "kind": "conflict_of_duties", "purpose": "evaluatie",
        "recipients": ["gemeente-aldermeer"], "categories": ["procesinformatie"],
        "answers": {q: "ja" for q in "abcdefgh"}, "why_no_consent": "geen contact",
        "functionary_name": "P. Vos", "functionary_function": "FG",
        "inform_by": (TODAY + dt.timedelta(days=3)).isoformat()}, format="json",
        HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 403, response.json()
    refusal = response.json()
    assert refusal["allowed"] is False and "S1" in refusal["rule_ids"]
    assert all(r["article"] for r in refusal["reasons"])


def test_a_weighing_with_a_missing_answer_names_the_question(demo, api_client):
    client = api_client(demo.director)
    data = {"person": demo.child.pk, "kind": "conflict_of_duties", "purpose": "veiligheid",
            "recipients": ["gemeente-aldermeer"], "categories": ["gezondheid"],
            "answers": {q: "ja" for q in "abcdefg"}, "why_no_consent": "geen contact",
            "functionary_name": "P. Vos", "functionary_function": "FG",
            "inform_by": (TODAY + dt.timedelta(days=3)).isoformat()}
    response = client.post("/api/v1/consent/justifications/", data, format="json",
                           HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Vraag h: dit veld is verplicht."
    data["answers"]["h"] = "kind afhankelijk"
    response = client.post("/api/v1/consent/justifications/", data, format="json")
    assert response.status_code == 201
    weighing = response.json()["id"]
    detail = client.get(f"/api/v1/consent/justifications/{weighing}/").json()
    assert detail["texts"]["h"] == "kind afhankelijk"
    reminders = client.get("/api/v1/consent/reminders/").json()
    assert [r["reason"] for r in reminders["results"]] == ["weighing"]
    response = client.post("/api/v1/consent/informing/", {
        "person": demo.child.pk, "purpose": "veiligheid", "timing": "after",
        "method": "phone", "justification": weighing}, format="json")
    assert response.status_code == 201
    assert client.get("/api/v1/consent/reminders/").json()["results"] == []


def test_what_the_caller_may_not_see_is_not_found(demo, api_client):
    client = api_client(demo.prof("gemeente-aldermeer"))
    assert client.get(f"/api/v1/consent/persons/{demo.child.pk}/").status_code == 404
    assert client.post("/api/v1/consent/", body(demo), format="json").status_code == 404
    assert client.get("/api/v1/consent/justifications/999999/").status_code == 404
    assert client.post("/api/v1/consent/items/999999/remarks/",
                       {"kind": "reaction", "given_by": 1, "text": "x"},
                       format="json").status_code == 404


def test_a_remark_through_the_api(demo, api_client):
    item = persons.dossier_item_record(professional=demo.director, person=demo.child,
                                       text="Verzuim 12 dagen", categories=["school"],
                                       nature="fact", context=CONTEXT)
    client = api_client(demo.director)
    response = client.post(f"/api/v1/consent/items/{item.pk}/remarks/", {
        "kind": "correction", "given_by": demo.mother.pk, "text": "Het waren 2 dagen"},
        format="json")
    assert response.status_code == 201, response.json()
    response = client.post(f"/api/v1/consent/items/{item.pk}/remarks/", {
        "kind": "own_statement", "given_by": demo.mother.pk, "text": "x"}, format="json",
        HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "statement_on_opinion_only"
