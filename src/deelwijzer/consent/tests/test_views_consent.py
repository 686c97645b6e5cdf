"""The consent screens: prefill, the age rule beside the field in Dutch, nothing typed lost,
withdrawal, the weighing, informing and the "Te informeren" list."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from deelwijzer.consent import services as consent_services
from deelwijzer.consent.selectors import informing_due_for
from deelwijzer.persons import gateway
from deelwijzer.persons import selectors as persons_selectors
from deelwijzer.persons import services as persons
from deelwijzer.policy import CaseRole
from deelwijzer.processing_log.selectors import entries_for_subject

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
CONTEXT = gateway.Context(purpose="veiligheid", ground="6.1.e", case_role=CaseRole.CASE_HOLDER)


def consent_post(demo, **overrides):
    data = {"person": demo.child.pk, "purpose": "veiligheid", "categories": ["gezondheid"],
            "recipients": ["gemeente-aldermeer"], "given_by": [str(demo.child.pk)],
            "given_on": TODAY.isoformat(), "valid_from": TODAY.isoformat(),
            "method": "signed_form", "told_withdrawable": "on",
            "obtained_by": str(demo.director.pk),
            "evidence": SimpleUploadedFile("form.pdf", b"%PDF-1.4 ondertekend",
                                           content_type="application/pdf")}
    data.update(overrides)
    return data


def test_the_record_form_is_prefilled_and_says_who_must_consent(demo, login):
    client = login(demo.director)
    url = (reverse("consent:record") + f"?person={demo.child.pk}&purpose=veiligheid"
           "&categories=gezondheid,school&recipient=gemeente-aldermeer")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    checked = re.findall(r'<input type="checkbox" name="(\w+)" value="([\w-]+)"[^>]* checked', page)
    assert set(checked) == {("categories", "gezondheid"), ("categories", "school"),
                            ("recipients", "gemeente-aldermeer")}
    assert "zowel het kind als een wettelijk vertegenwoordiger" in page


def test_a_13_year_old_alone_is_refused_beside_the_field_and_nothing_is_lost(demo, login):
    client = login(demo.director)
    response = client.post(reverse("consent:record"), consent_post(demo),
                           HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Gegeven door: voor een kind van 13 geven het kind én de ouder met gezag" in page
    assert "(S6, privacyprotocol art. 6.4b)" in page
    assert "gemeente-aldermeer" in page and 'value="veiligheid" selected' in page


def test_recording_withdrawing_and_the_history(demo, login):
    persons.representative_add(professional=demo.director, child=demo.child,
                               representative=demo.mother, kind="parent",
                               categories=["identiteit"], context=CONTEXT)
    client = login(demo.director)
    response = client.post(reverse("consent:record"), consent_post(
        demo, given_by=[str(demo.child.pk), str(demo.mother.pk)]))
    assert response.status_code == 302
    consent = persons_selectors.consents_of(demo.child)[0]
    evidence = client.get(reverse("consent:evidence", args=[consent.pk]))
    assert evidence.content == b"%PDF-1.4 ondertekend"
    assert entries_for_subject(demo.child.subject_id).last().action == "view"
    response = client.post(reverse("consent:withdraw", args=[consent.pk]),
                           {"on": TODAY.isoformat()})
    assert response.status_code == 302
    page = client.get(reverse("consent:person", args=[demo.child.pk]),
                      HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "ingetrokken" in page and "gegeven" in page


def test_another_partner_does_not_know_the_person_exists(demo, login):
    client = login(demo.prof("gemeente-aldermeer"))
    assert client.get(reverse("consent:person", args=[demo.child.pk])).status_code == 404
    assert client.get(reverse("consent:record") + f"?person={demo.child.pk}").status_code == 404


def test_the_weighing_form_names_the_missing_answer(demo, login):
    client = login(demo.director)
    data = {"person": str(demo.child.pk), "kind": "vital_interest", "purpose": "veiligheid",
            "categories": ["gezondheid"], "recipients": ["gemeente-aldermeer"],
            "why_no_consent": "Geen contact mogelijk", "functionary_name": "P. Vos",
            "functionary_function": "Aandachtsfunctionaris",
            "inform_by": (TODAY + dt.timedelta(days=3)).isoformat(),
            **{f"answer_{q}": "ja" for q in "abcdefgh"}}
    response = client.post(reverse("consent:justification_new"), data,
                           HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "levensbedreigende situatie" in response.content.decode()
    data["vital_motivation"] = "Acuut suïcidegevaar"
    response = client.post(reverse("consent:justification_new"), data)
    assert response.status_code == 302
    detail = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Acuut suïcidegevaar" in detail and "Nog niet geïnformeerd" in detail
    assert [d.reason for d in informing_due_for(demo.director)] == ["weighing"]


def test_reminders_list_a_consultation_without_the_family(demo, case, login):
    from deelwijzer.cases import services as cases

    consultation = cases.consultation_schedule(
        professional=demo.director, kind="named", date=TODAY - dt.timedelta(days=10),
        chair=demo.director, case=case, family_present=False,
        absence_motivation="Dreiging richting melder", informed_by=demo.director,
        inform_when="after")
    client = login(demo.director)
    page = client.get(reverse("consent:reminders"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Eva Visser" in page and "Noor Visser" in page and "te laat" in page
    for person in (demo.child, demo.mother):
        consent_services.informing_record(professional=demo.director, person=person, context=CONTEXT,
                                 timing="after", method="phone", consultation=consultation)
    assert informing_due_for(demo.director) == []


def test_informing_an_exception_needs_its_motivation(demo, login):
    client = login(demo.director)
    url = reverse("consent:informing_new", args=[demo.mother.pk])
    response = client.post(url, {"about": "processing", "timing": "before",
                                 "method": "exception",
                                 "review_on": (TODAY + dt.timedelta(days=30)).isoformat()},
                           HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "AVG art. 23" in response.content.decode()


def test_persons_page_is_paged_and_searched(demo, login):
    from deelwijzer.paging import PER_PAGE

    signal = gateway.Context(purpose="veiligheid", step="melding", ground="6.1.e")
    for i in range(PER_PAGE):
        persons.person_register(professional=demo.director, given_names=f"Kind{i:02d}",
                                family_name="Bakker", birth_date=dt.date(2012, 1, 1 + i % 28),
                                categories=["identiteit"], context=signal)
    client = login(demo.director)
    html = client.get(reverse("consent:persons")).content.decode()
    assert f"1–{PER_PAGE} van {PER_PAGE + 2}" in html and 'href="?page=2"' in html
    html = client.get(reverse("consent:persons"), {"search": "Eva"}).content.decode()
    assert "Eva Visser" in html and "Noor Visser" not in html and "Bakker" not in html
    html = client.get(reverse("consent:persons"), {"search": "2012-01-02"}).content.decode()
    assert "Kind01 Bakker" in html and "Kind00 Bakker" not in html


def test_persons_search_finds_nothing_of_another_partner(demo, login):
    stranger = login(demo.prof("ggz-zijlstroom"))
    html = stranger.get(reverse("consent:persons"), {"search": "Visser"}).content.decode()
    assert "Eva Visser" not in html and "Niemand die u mag zien voldoet hieraan." in html


def test_reminders_are_paged_and_filtered_overdue(demo, login):
    from deelwijzer.cases import services as cases
    from deelwijzer.paging import PER_PAGE

    signal = gateway.Context(purpose="veiligheid", step="melding", ground="6.1.e",
                             case_role=CaseRole.CASE_HOLDER)
    for i in range(PER_PAGE // 2 + 1):  # two persons each: PER_PAGE + 2 reminders, overdue
        child = persons.person_register(
            professional=demo.director, given_names=f"Kind{i:02d}", family_name="Bakker",
            birth_date=dt.date(2012, 1, 1 + i), categories=["identiteit"], context=signal)
        parent = persons.person_register(
            professional=demo.director, given_names=f"Ouder{i:02d}", family_name="Bakker",
            birth_date=dt.date(1985, 1, 1 + i), categories=["identiteit"], context=signal)
        household = persons.household_register(
            professional=demo.director, label=f"Gezin B{i}.",
            members=[(child, "child"), (parent, "parent")],
            categories=["gezinssamenstelling"], context=signal)
        case = cases.case_open(professional=demo.director, household=household,
                               statutory_task=demo.task, case_criterion=demo.criterion)
        cases.consultation_schedule(
            professional=demo.director, kind="named", date=TODAY - dt.timedelta(days=10),
            chair=demo.director, case=case, family_present=False,
            absence_motivation="Dreiging richting melder", informed_by=demo.director,
            inform_when="after")
    total = len(informing_due_for(demo.director))
    assert total > PER_PAGE
    client = login(demo.director)
    html = client.get(reverse("consent:reminders")).content.decode()
    assert f"1–{PER_PAGE} van {total}" in html and 'href="?page=2"' in html
    html = client.get(reverse("consent:reminders"), {"which": "overdue", "page": "2"}).content
    assert f"{PER_PAGE + 1}–{total} van {total}" in html.decode()
    assert 'href="?which=overdue&amp;page=1"' in html.decode()
