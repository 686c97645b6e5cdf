"""The cases API: the whole flow, and every refusal path with its rule id and article."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.cases import selectors, services
from deelwijzer.persons.models import Person
from deelwijzer.policy import CaseRole
from deelwijzer.processing_log.selectors import entries_for_case
from deelwijzer.testing.factories import family_consent

pytestmark = pytest.mark.django_db

BASE = "/api/v1/cases/"


def involve(demo, case, partner, role=CaseRole.CONTENT):
    return services.case_involve(professional=demo.director, case=case,
                                 partner=demo.partner(partner), role=role, reason="Nodig",
                                 invitee=demo.prof(partner))


@pytest.fixture
def meeting(demo, case):
    ggz = involve(demo, case, "ggz-zijlstroom")
    vt = involve(demo, case, "veilig-thuis")
    director = selectors.involvement_of(case, demo.director)
    return services.consultation_schedule(
        professional=demo.director, kind="named", date=timezone.localdate(),
        chair=demo.director, case=case, participants=[director, ggz, vt], agenda="Zorgen")


def refused(response, rule):
    assert response.status_code == 403, response.content
    body = response.json()
    assert body["allowed"] is False and rule in body["rule_ids"]
    reason = next(r for r in body["reasons"] if r["rule_id"] == rule)
    assert reason["article"] and reason["message"]
    return body


def test_the_whole_flow_through_the_api(demo, api_client):
    client = api_client(demo.director)
    today = timezone.localdate()
    response = client.post(f"{BASE}open/", {
        "members": [
            {"given_names": "Sem", "family_name": "de Jong", "relation": "child",
             "birth_date": today.replace(year=today.year - 9).isoformat()},
            {"given_names": "Anna", "family_name": "de Jong", "relation": "parent",
             "birth_date": "1990-04-02", "bsn": "111222333"},
        ],
        "representatives": [{"child": 0, "representative": 1, "kind": "parent"}],
        "statutory_task": demo.task, "case_criterion": demo.criterion}, format="json")
    assert response.status_code == 201, response.content
    case_id = response.json()["id"]
    assert [c["id"] for c in client.get(BASE).json()["results"]] == [case_id]
    detail = client.get(f"{BASE}{case_id}/").json()
    assert [m["given_names"] for m in detail["members"]] == ["Sem", "Anna"]
    assert detail["representatives"][0]["kind"] == "parent"
    assert "aard-zorgen" in detail["current_step"]["record"]

    ggz = demo.prof("ggz-zijlstroom")
    response = client.post(f"{BASE}{case_id}/involvements/", {
        "partner": "ggz-zijlstroom", "invitee": ggz.pk, "role": "content",
        "reason": "Behandeling"}, format="json")
    assert response.status_code == 201, response.content
    ggz_involvement = response.json()["id"]
    director_involvement = detail["involvements"][0]["id"]
    response = client.post(f"{BASE}{case_id}/consultations/", {
        "date": today.isoformat(), "chair": demo.director.pk,
        "participants": [director_involvement, ggz_involvement], "agenda": "Zorgen",
        "family_present": False}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "absence_motivation"
    response = client.post(f"{BASE}{case_id}/consultations/", {
        "date": today.isoformat(), "chair": demo.director.pk,
        "participants": [director_involvement, ggz_involvement], "agenda": "Zorgen",
        "family_present": False, "absence_motivation": "Acuut",
        "informed_by": demo.director.pk, "inform_when": "after"}, format="json")
    assert response.status_code == 201, response.content
    consultation = response.json()["id"]
    assert client.get(f"{BASE}").json()["results"][0]["family_not_informed"] == 1

    ggz_client = api_client(ggz)
    response = ggz_client.post(f"{BASE}consultations/{consultation}/contributions/add/", {
        "text": "Zorgen over slaap", "categories": ["aard-zorgen"], "nature": "opinion",
        "permission": True}, format="json")
    assert response.status_code == 201, response.content
    contribution = response.json()["id"]
    listed = client.get(f"{BASE}consultations/{consultation}/contributions/").json()["results"]
    assert listed[0]["shared_with_you"] is True and "text" not in listed[0]
    # Shared with the meeting, it is still GGZ's disclosure to Jeugdbescherming (S4).
    assert refused(client.get(f"{BASE}contributions/{contribution}/"), "S4")
    family = list(Person._records.filter(given_names__in=["Sem", "Anna"]).order_by("pk"))
    family_consent(professional=ggz, persons=family, purpose="veiligheid",
                   recipient="jeugdbescherming", categories=["aard-zorgen"])
    assert client.get(f"{BASE}contributions/{contribution}/").json()["text"] == \
        "Zorgen over slaap"

    response = client.post(f"{BASE}consultations/{consultation}/actions/add/", {
        "description": "Huisbezoek", "owner": ggz_involvement,
        "due": (today + dt.timedelta(days=7)).isoformat()}, format="json")
    assert response.status_code == 201, response.content
    assert [a["description"] for a in ggz_client.get(
        f"{BASE}consultations/{consultation}/actions/").json()["results"]] == ["Huisbezoek"]

    response = client.post(f"{BASE}consultations/{consultation}/minutes/record/", {
        "minutes": "Afspraken", "categories": ["aard-zorgen"]}, format="json")
    assert response.status_code == 200, response.content
    # The director's minutes reach GGZ as Jeugdbescherming's disclosure (S4).
    assert refused(ggz_client.get(f"{BASE}consultations/{consultation}/minutes/"), "S4")
    family_consent(professional=demo.director, persons=family, purpose="veiligheid",
                   recipient="ggz-zijlstroom", categories=["aard-zorgen"])
    assert ggz_client.get(f"{BASE}consultations/{consultation}/minutes/").json()["minutes"] \
        == "Afspraken"

    response = client.post(f"{BASE}consultations/{consultation}/family-informed/", {},
                           format="json")
    assert response.status_code == 200 and response.json()["family_informed_on"]
    assert client.post(f"{BASE}{case_id}/step/", {"to_step": "analyse"},
                       format="json").json()["step"] == "analyse"
    assert client.post(f"{BASE}{case_id}/close/").json()["closed_at"]
    reference = detail["reference"]
    assert entries_for_case(reference).count() > 10


def test_a_case_of_others_is_not_found(demo, case, meeting, api_client):
    outsider = api_client(demo.prof("cjg-aldermeer"))
    assert outsider.get(f"{BASE}{case.pk}/").status_code == 404
    assert outsider.get(f"{BASE}consultations/{meeting.pk}/contributions/").status_code == 404
    assert outsider.get(f"{BASE}{2**40}/").status_code == 404
    assert outsider.get(BASE).json()["results"] == []


def test_k5_another_partners_contribution_without_permission(demo, case, meeting, api_client):
    contribution = services.contribution_add(
        professional=demo.prof("ggz-zijlstroom"), consultation=meeting,
        text="Moeder in behandeling", categories=["aard-zorgen"], nature="fact")
    client = api_client(demo.prof("veilig-thuis"))
    listed = client.get(f"{BASE}consultations/{meeting.pk}/contributions/").json()["results"]
    assert listed[0]["shared_with_you"] is False
    body = refused(client.get(f"{BASE}contributions/{contribution.pk}/"), "K5")
    assert "Moeder" not in str(body)


def test_s1_a_category_the_step_does_not_record(demo, case, meeting, api_client):
    response = api_client(demo.prof("ggz-zijlstroom")).post(
        f"{BASE}consultations/{meeting.pk}/contributions/add/",
        {"text": "Diagnose", "categories": ["gezondheid"], "nature": "fact"}, format="json")
    refused(response, "S1")
    response = api_client(demo.director).post(
        f"{BASE}consultations/{meeting.pk}/minutes/record/",
        {"minutes": "Diagnose", "categories": ["gezondheid"]}, format="json")
    refused(response, "S1")


def test_p4_an_informant_reads_nothing(demo, case, meeting, api_client):
    involve(demo, case, "politie", role=CaseRole.INFORMANT)
    client = api_client(demo.prof("politie"))
    refused(client.get(f"{BASE}{case.pk}/"), "P4")
    shared = services.contribution_add(
        professional=demo.prof("ggz-zijlstroom"), consultation=meeting, text="Zorgen",
        categories=["aard-zorgen"], nature="fact", permission=True)
    refused(client.get(f"{BASE}contributions/{shared.pk}/"), "P4")


def test_p3_shell_partner_without_declaration(demo, case, api_client):
    undeclared = Professional.objects.get(username="zonder-verklaring")
    response = api_client(demo.director).post(f"{BASE}{case.pk}/involvements/", {
        "partner": "politie", "invitee": undeclared.pk, "role": "informant",
        "reason": "Incidenten"}, format="json")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("invitee", "declaration_missing")
    assert "(P3)" in error["message"]


def test_s1_a_step_whose_purpose_the_director_has_no_part_in(demo, case, api_client):
    client = api_client(demo.director)
    for step in ("analyse", "beschermingsonderzoek", "plan", "uitvoering",
                 "uitvoering-maatregel", "evaluatie", "afsluiting"):
        assert client.post(f"{BASE}{case.pk}/step/", {"to_step": step},
                           format="json").status_code == 200
    refused(client.post(f"{BASE}{case.pk}/step/", {"to_step": "monitoring"}, format="json"),
            "S1")


def test_k2_anonymous_consultation_with_a_name(demo, api_client):
    client = api_client(demo.director)
    response = client.post(f"{BASE}consultations/anonymous/", {
        "date": timezone.localdate().isoformat(), "chair": demo.director.pk,
        "agenda": "Zorgen over de moeder Fatima en haar kind"}, format="json")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("agenda", "name")
    assert "(K2)" in error["message"]
    response = client.post(f"{BASE}consultations/anonymous/", {
        "date": timezone.localdate().isoformat(), "chair": demo.director.pk,
        "agenda": "Meisje van 13, zorgen thuis."}, format="json")
    assert response.status_code == 201 and response.json()["case"] is None


def test_bad_input_is_a_400_never_a_500(demo, case, api_client):
    client = api_client(demo.director)
    for path, body in [
        ("open/", {"members": "x"}),
        ("open/", {"members": [{"given_names": "A"}], "statutory_task": 1}),
        (f"{case.pk}/involvements/", {"partner": "onbekend", "role": "content",
                                      "reason": "x"}),
        (f"{case.pk}/consultations/", {"date": "2026-01-01", "chair": 2**31 - 1,
                                       "participants": [2**31 - 1], "family_present": True}),
        (f"{case.pk}/step/", {"to_step": "nergens"}),
    ]:
        assert client.post(f"{BASE}{path}", body, format="json").status_code == 400, path


def test_a_consultation_with_its_agenda_is_read_through_the_policy(demo, case, meeting,
                                                                    api_client):
    response = api_client(demo.director).get(f"{BASE}consultations/{meeting.pk}/")
    assert response.status_code == 200, response.content
    assert response.json()["agenda"] == "Zorgen"
    assert any(e.action == "view" for e in entries_for_case(case.reference))
    involve(demo, case, "politie", role=CaseRole.INFORMANT)
    refused(api_client(demo.prof("politie")).get(f"{BASE}consultations/{meeting.pk}/"), "P4")
    assert api_client(demo.prof("rvdk")).get(
        f"{BASE}consultations/{meeting.pk}/").status_code == 404
