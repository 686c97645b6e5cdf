"""API: share_check (a preview with what is missing) and share_disclose (decided and logged)."""

from __future__ import annotations

import pytest

from deelwijzer.processing_log.selectors import entries_for_case, entries_for_subject

pytestmark = pytest.mark.django_db

CHECK = "/api/v1/share/check/"
DISCLOSE = "/api/v1/share/disclose/"


def test_check_refused_names_rule_article_and_what_is_missing(demo, case, api_client):
    client = api_client(demo.director)
    before = entries_for_subject(demo.child.subject_id).count()
    response = client.post(CHECK, {"person": demo.child.pk, "categories": ["aard-zorgen"],
                                   "recipient": "gemeente-aldermeer", "case": case.reference},
                           format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["allowed"] is False and "S4" in body["rule_ids"]
    s4 = next(r for r in body["reasons"] if r["code"] == "secrecy_needs_consent")
    assert s4["article"].startswith("privacyprotocol art. 6.4")
    assert s4["message"].endswith(f"({s4['article']})")
    kinds = {m["kind"]: m for m in body["missing"]}
    assert kinds["consent"]["url"] == (
        f"/consent/record/?person={demo.child.pk}&purpose=veiligheid&categories=aard-zorgen"
        "&recipient=gemeente-aldermeer")
    assert {"justification", "known_to_partner_only"} <= set(kinds)
    assert body["purpose"] == "veiligheid" and body["step"] == "melding"
    assert entries_for_subject(demo.child.subject_id).count() == before  # nothing logged


def test_check_and_disclose_allowed_after_consent(demo, case, concern, consent_for_gemeente,
                                                  api_client):
    client = api_client(demo.director)
    check = client.post(CHECK, {"person": demo.child.pk, "item": concern.pk,
                                "recipient": "gemeente-aldermeer", "case": case.reference},
                        format="json").json()
    assert check["allowed"] is True and check["missing"] == []
    assert {"S4", "S6", "V4"} <= set(check["rule_ids"])
    response = client.post(DISCLOSE, {"item": concern.pk, "recipient": "gemeente-aldermeer",
                                      "case": case.reference}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["recipient_name"] == "Gemeente Aldermeer"
    assert body["consent"] == consent_for_gemeente.pk
    last = list(entries_for_case(case.reference))[-1]
    assert (last.action, last.allowed, last.recipient_partner) == (
        "disclose", True, "gemeente-aldermeer")


def test_disclose_refused_is_403_with_reasons(demo, case, concern, api_client):
    client = api_client(demo.director)
    response = client.post(DISCLOSE, {"item": concern.pk, "recipient": "gemeente-aldermeer",
                                      "case": case.reference}, format="json")
    assert response.status_code == 403
    body = response.json()
    assert body["allowed"] is False and "S4" in body["rule_ids"]
    assert all(r["article"] for r in body["reasons"])


def test_p4_a_professional_not_named_in_the_case_does_not_learn_the_person_exists(
        demo, case, api_client):
    """Need to know is personal (P4): the partner's involvement without a named professional
    gives its professionals nothing, not even that the child is a case (K9)."""
    from deelwijzer.cases import services as cases

    cases.case_involve(professional=demo.director, case=case,
                       partner=demo.partner("ggz-zijlstroom"), role="content",
                       reason="GGZ kent het gezin")
    response = api_client(demo.prof("ggz-zijlstroom")).post(
        CHECK, {"person": demo.child.pk, "categories": ["aard-zorgen"],
                "recipient": "gemeente-aldermeer", "case": case.reference}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("payload", [
    {},
    {"person": "x", "recipient": "gemeente-aldermeer", "categories": ["aard-zorgen"]},
    {"person": 1, "recipient": "gemeente-aldermeer"},
    {"person": 1, "recipient": "gemeente-aldermeer", "categories": ["aard-zorgen"]},
    {"person": 1, "recipient": "gemeente-aldermeer", "categories": ["a"], "item": 1,
     "purpose": "veiligheid"},
    {"person": 2**40, "recipient": "x", "categories": ["x"], "purpose": "x"},
])
def test_check_bad_input_is_400(demo, api_client, payload):
    response = api_client(demo.director).post(CHECK, payload, format="json")
    assert response.status_code == 400


def test_unknown_values_are_explained_by_the_policy(demo, api_client):
    body = api_client(demo.director).post(CHECK, {
        "person": demo.child.pk, "categories": ["geheim"], "recipient": "nergens",
        "purpose": "fraude"}, format="json").json()
    assert body["allowed"] is False
    assert {"unknown_category", "unknown_partner", "unknown_purpose"} <= {
        r["code"] for r in body["reasons"]}


def test_what_one_may_not_see_is_404(demo, case, concern, api_client):
    other = api_client(demo.prof("cjg-aldermeer"))
    assert other.post(CHECK, {"person": demo.child.pk, "categories": ["aard-zorgen"],
                              "recipient": "gemeente-aldermeer", "purpose": "veiligheid"},
                      format="json").status_code == 404
    assert other.post(DISCLOSE, {"item": concern.pk, "recipient": "gemeente-aldermeer",
                                 "purpose": "veiligheid"}, format="json").status_code == 404
    director = api_client(demo.director)
    assert director.post(CHECK, {"person": 999999, "categories": ["aard-zorgen"],
                                 "recipient": "gemeente-aldermeer", "purpose": "veiligheid"},
                         format="json").status_code == 404
    assert director.post(CHECK, {"person": demo.child.pk, "categories": ["aard-zorgen"],
                                 "recipient": "gemeente-aldermeer", "case": "C-0000-0000"},
                         format="json").status_code == 404
    assert director.post(DISCLOSE, {"item": concern.pk, "recipient": "nergens",
                                    "case": case.reference}, format="json").status_code == 404
