"""K8: the family's reaction or correction beside a contribution (service, screen and API)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from deelwijzer.cases import selectors, services
from deelwijzer.persons.gateway import InvalidPersonData, ProcessingRefused
from deelwijzer.policy import CaseRole
from deelwijzer.processing_log.selectors import entries_for_case
from deelwijzer.testing.factories import family_consent
from deelwijzer.testing.gateway import watch_queries

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


def contribute(demo, meeting, nature="fact", text="Moeder werkt niet", permission=False):
    return services.contribution_add(
        professional=demo.prof("ggz-zijlstroom"), consultation=meeting, text=text,
        categories=["aard-zorgen"], nature=nature, permission=permission)


# --- service ------------------------------------------------------------------------------------


def test_a_correction_is_logged_as_case_work_and_encrypted(demo, case, meeting):
    fact = contribute(demo, meeting)
    before = entries_for_case(case.reference).count()
    remark = services.contribution_remark_add(
        professional=demo.prof("ggz-zijlstroom"), contribution=fact, kind="correction",
        given_by=demo.mother, text="Moeder werkt sinds maart weer")
    assert remark.given_on == timezone.localdate()
    new = list(entries_for_case(case.reference))[before:]
    assert len(new) == 2  # one per household member
    assert all(e.action == "record" and e.allowed and e.case_ref == case.reference
               for e in new)
    assert all(list(e.categories) == services.case_work_categories(case) for e in new)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text_encrypted FROM cases_contributionremark")
        (raw,) = cursor.fetchone()
    assert b"maart" not in bytes(raw)
    views = services.contribution_remarks_view(professional=demo.prof("ggz-zijlstroom"),
                                               contribution=fact)
    assert [(v.remark.kind, v.given_by, v.text) for v in views] == [
        ("correction", "Eva Visser", "Moeder werkt sinds maart weer")]
    # the original stays readable beside the correction
    assert services.contribution_view(professional=demo.prof("ggz-zijlstroom"),
                                      contribution=fact) == "Moeder werkt niet"
    assert list(entries_for_case(case.reference))[-1].action == "view"


def test_an_opinion_is_not_corrected_but_gets_a_reaction(demo, case, meeting):
    opinion = contribute(demo, meeting, nature="opinion", text="Zorgen over slaap")
    with pytest.raises(InvalidPersonData) as error:
        services.contribution_remark_add(
            professional=demo.director, contribution=opinion, kind="correction",
            given_by=demo.mother, text="Klopt niet")
    assert (error.value.field, error.value.code) == \
        ("kind", "correction_of_fact_contribution_only")
    remark = services.contribution_remark_add(
        professional=demo.director, contribution=opinion, kind="reaction",
        given_by=demo.child, text="Ik slaap prima")
    assert remark.kind == "reaction"


def test_only_the_owner_participant_or_the_director_records(demo, case, meeting):
    fact = contribute(demo, meeting)
    for outsider in (demo.prof("veilig-thuis"), demo.prof("cjg-aldermeer")):
        with pytest.raises(InvalidPersonData) as error:
            services.contribution_remark_add(
                professional=outsider, contribution=fact, kind="reaction",
                given_by=demo.mother, text="Reactie")
        assert (error.value.field, error.value.code) == \
            ("professional", "not_contribution_owner_or_director")


def test_the_family_member_and_the_date_are_checked(demo, case, meeting):
    fact = contribute(demo, meeting)
    ggz = demo.prof("ggz-zijlstroom")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(InvalidPersonData) as error:
        services.contribution_remark_add(professional=ggz, contribution=fact, kind="reaction",
                                         given_by=demo.mother, text="x", given_on=tomorrow)
    assert (error.value.field, error.value.code) == ("given_on", "future")
    with pytest.raises(InvalidPersonData) as error:
        services.contribution_remark_add(professional=ggz, contribution=fact, kind="reaction",
                                         given_by=demo.mother, text="  ")
    assert (error.value.field, error.value.code) == ("text", "required")


def test_reading_the_remarks_follows_k5(demo, case, meeting):
    closed = contribute(demo, meeting)
    services.contribution_remark_add(professional=demo.prof("ggz-zijlstroom"),
                                     contribution=closed, kind="reaction",
                                     given_by=demo.mother, text="Reactie")
    with pytest.raises(ProcessingRefused) as error:
        services.contribution_remarks_view(professional=demo.prof("veilig-thuis"),
                                           contribution=closed)
    assert "K5" in error.value.decision.rule_ids


# --- screen -------------------------------------------------------------------------------------


def test_the_remark_shows_beside_the_contribution(demo, case, meeting, login):
    fact = contribute(demo, meeting)
    client = login(demo.prof("ggz-zijlstroom"))
    page = client.get(reverse("cases:contribution", args=[fact.pk])).content.decode()
    for label in ("Soort", "Gegeven door", "Datum", "Tekst"):
        assert label in page
    response = client.post(reverse("cases:contribution_remark_add", args=[fact.pk]), {
        "kind": "correction", "given_by": str(demo.mother.pk),
        "given_on": timezone.localdate().isoformat(), "text": "Moeder werkt weer"})
    assert response.status_code == 302
    found: list[str] = []
    with watch_queries(found):
        page = client.get(response["Location"]).content.decode()
    assert found == []  # personal data only through services and selectors
    assert "Moeder werkt niet" in page and "Moeder werkt weer" in page
    assert page.index("Moeder werkt niet") < page.index("Moeder werkt weer")
    assert "Eva Visser" in page


def test_the_screen_puts_the_error_beside_the_field_and_keeps_the_text(demo, case, meeting,
                                                                      login, mother_represents):
    # the director records too, and reads a contribution shared with it (K5) and with the
    # family's consent to GGZ's disclosure (S4)
    opinion = contribute(demo, meeting, nature="opinion", permission=True)
    family_consent(professional=demo.prof("ggz-zijlstroom"), persons=[demo.child, demo.mother],
                   purpose="veiligheid", recipient="jeugdbescherming", categories=["aard-zorgen"])
    client = login(demo.director)
    response = client.post(reverse("cases:contribution_remark_add", args=[opinion.pk]), {
        "kind": "correction", "given_by": str(demo.mother.pk),
        "given_on": timezone.localdate().isoformat(), "text": "Dat klopt niet"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dat klopt niet" in page
    assert 'class="error" role="alert">Soort:' in page


def test_no_form_for_another_partner(demo, case, meeting, login):
    shared = contribute(demo, meeting, permission=True)
    client = login(demo.prof("veilig-thuis"))
    page = client.get(reverse("cases:contribution", args=[shared.pk])).content.decode()
    assert "Gegeven door" not in page
    response = client.post(reverse("cases:contribution_remark_add", args=[shared.pk]), {
        "kind": "reaction", "given_by": str(demo.mother.pk), "text": "x"})
    assert response.status_code == 404


# --- API ----------------------------------------------------------------------------------------


def test_api_records_and_shows_the_remark(demo, case, meeting, api_client):
    fact = contribute(demo, meeting)
    client = api_client(demo.prof("ggz-zijlstroom"))
    response = client.post(f"{BASE}contributions/{fact.pk}/remarks/", {
        "kind": "correction", "given_by": demo.mother.pk, "text": "Moeder werkt weer"},
        format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["given_by"], body["given_by_name"], body["text"]) == \
        ("correction", demo.mother.pk, "Eva Visser", "Moeder werkt weer")
    view = client.get(f"{BASE}contributions/{fact.pk}/").json()
    assert view["text"] == "Moeder werkt niet"
    assert [r["text"] for r in view["remarks"]] == ["Moeder werkt weer"]


def test_api_field_error_and_not_found(demo, case, meeting, api_client):
    opinion = contribute(demo, meeting, nature="opinion")
    client = api_client(demo.prof("ggz-zijlstroom"))
    response = client.post(f"{BASE}contributions/{opinion.pk}/remarks/", {
        "kind": "correction", "given_by": demo.mother.pk, "text": "Klopt niet"},
        format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "kind"
    outsider = api_client(demo.prof("cjg-aldermeer"))
    response = outsider.post(f"{BASE}contributions/{opinion.pk}/remarks/", {
        "kind": "reaction", "given_by": demo.mother.pk, "text": "x"}, format="json")
    assert response.status_code == 404
    assert client.post(f"{BASE}contributions/{2**40}/remarks/", {
        "kind": "reaction", "given_by": demo.mother.pk, "text": "x"},
        format="json").status_code == 404
