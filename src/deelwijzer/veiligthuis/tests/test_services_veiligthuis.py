"""Veilig Thuis (S12; 003 art. 10): anonymous advice, and reports after the meldcode."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from deelwijzer.persons.errors import invalid_message
from deelwijzer.persons.gateway import InvalidPersonData, ProcessingRefused
from deelwijzer.processing_log.selectors import entries_for_subject
from deelwijzer.veiligthuis import selectors, services
from deelwijzer.veiligthuis.tests.helpers import report, steps

pytestmark = pytest.mark.django_db


def test_advice_without_identifying_data(demo):
    asker = demo.prof("cjg-aldermeer")
    advice = services.advice_request_create(
        professional=asker, question="Een meisje van 13 vertelt over harde klappen thuis. "
                                     "Wat zijn de volgende stappen?")
    vt = demo.prof("veilig-thuis")
    assert selectors.advice_requests_for(vt).rows == [advice]
    assert selectors.advice_requests_for(asker).rows == [advice]
    assert selectors.advice_requests_for(demo.prof("rvdk")).rows == []
    services.advice_request_answer(professional=vt, advice_request=advice,
                                   advice="Bespreek de zorgen met de moeder en doorloop de "
                                          "meldcode.")
    advice.refresh_from_db()
    assert advice.answered_at is not None


@pytest.mark.parametrize(("text", "code"), [
    ("Het gaat om Noor, bsn 111222333.", "bsn"),
    ("Geboren op 3-4-2013, zorgen thuis.", "birth_date"),
    ("Woont in 9791 AB met moeder.", "postal_code"),
    ("Het meisje heet mevrouw Visser.", "name"),
])
def test_identifying_advice_is_refused_naming_the_field(demo, text, code):
    with pytest.raises(InvalidPersonData) as error:
        services.advice_request_create(professional=demo.director, question=text)
    assert (error.value.field, error.value.code) == ("question", code)
    with translation.override("nl"):
        assert invalid_message(error.value).startswith("Vraag:")


def test_only_veilig_thuis_answers_advice(demo):
    advice = services.advice_request_create(professional=demo.director,
                                            question="Hoe ga ik om met zorgen over een baby?")
    with pytest.raises(InvalidPersonData) as error:
        services.advice_request_answer(professional=demo.prof("rvdk"), advice_request=advice,
                                       advice="Zo.")
    assert error.value.code == "not_veilig_thuis"


def test_a_report_is_a_disclosure_to_veilig_thuis_on_the_meldrecht(demo):
    made = report(demo)
    [line] = [e for e in entries_for_subject(demo.child.subject_id) if e.action == "disclose"]
    assert line.recipient_partner == "veilig-thuis"
    assert '"allowed":true' in line.document.replace(" ", "")
    assert "secrecy_legal_duty" in line.document
    vt = demo.prof("veilig-thuis")
    assert selectors.reports_for(vt).rows == [made]
    assert selectors.reports_for(demo.director).rows == [made]
    texts = services.report_texts(professional=vt, report=made)
    assert texts.step_notes[4] == "Notitie stap 4"
    assert b"Blauwe" not in bytes(made.concerns_encrypted)
    with pytest.raises(InvalidPersonData):
        services.report_texts(professional=demo.prof("rvdk"), report=made)


def test_every_meldcode_step_needs_date_and_notes(demo):
    with pytest.raises(InvalidPersonData) as error:
        report(demo, steps=steps(skip=(4,)))
    assert (error.value.field, error.value.code) == ("step_4_date", "required")
    future = steps()
    future[2] = (timezone.localdate() + dt.timedelta(days=1), "x")
    with pytest.raises(InvalidPersonData) as error:
        report(demo, steps=future)
    assert (error.value.field, error.value.code) == ("step_2_date", "future")


def test_not_telling_the_family_needs_a_reason_and_they_are_told_afterwards(demo):
    with pytest.raises(InvalidPersonData) as error:
        report(demo, family_informed_before=False, steps=steps(skip=(3,)))
    assert (error.value.field, error.value.code) == ("not_informed_reason", "required")
    made = report(demo, family_informed_before=False, steps=steps(skip=(3,)),
                  not_informed_reason="Moeder is de vermoedelijke pleger; veiligheid kind.")
    assert made.family_informed_on is None
    services.report_record_family_informed(professional=demo.director, report=made,
                                           on=timezone.localdate())
    made.refresh_from_db()
    assert made.family_informed_on == timezone.localdate()


def test_the_conversation_step_is_required_when_the_family_was_told(demo):
    with pytest.raises(InvalidPersonData) as error:
        report(demo, steps=steps(skip=(3,)))
    assert error.value.field == "step_3_date"


def test_the_policy_still_decides_the_categories(demo):
    with pytest.raises(ProcessingRefused) as error:
        report(demo, categories=["gezondheid"])
    assert "S1" in error.value.decision.rule_ids
    assert not selectors.reports_for(demo.director).rows


def test_veilig_thuis_does_not_report_to_itself(demo):
    with pytest.raises(InvalidPersonData) as error:
        report(demo, professional=demo.prof("veilig-thuis"))
    assert error.value.code == "is_veilig_thuis"
