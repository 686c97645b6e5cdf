"""Consent (S5, S6), sharing without consent (S7), informing (T1, T3, T4, K4) and K8 remarks,
against the demo covenant."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone
from django.utils.translation import override

from deelwijzer.consent import services as consent_services
from deelwijzer.consent.services import Evidence
from deelwijzer.persons import gateway, selectors
from deelwijzer.persons import services as persons
from deelwijzer.persons.errors import invalid_message
from deelwijzer.persons.gateway import InvalidPersonData, ProcessingRefused
from deelwijzer.policy import CaseRole
from deelwijzer.processing_log.selectors import entries_for_subject

pytestmark = pytest.mark.django_db

ANALYSE = gateway.Context(purpose="veiligheid", step="analyse", ground="6.1.e",
                          case_role=CaseRole.CASE_HOLDER, case_ref="C-1")
SHARE = gateway.Context(purpose="veiligheid", ground="6.1.e", case_role=CaseRole.CASE_HOLDER,
                        case_ref="C-1")
PDF = b"%PDF-1.4\n% signed consent form\n"
TODAY = timezone.localdate()
ANSWERS = {q: f"antwoord {q}" for q in "abcdefgh"}


def born(years: int, days: int = 0) -> dt.date:
    """A birth date: ``years`` old today, ``days`` after the birthday (negative: before)."""
    return TODAY.replace(year=TODAY.year - years) - dt.timedelta(days=days)


def child_of(demo, years: int, days: int = 10):
    child = persons.person_register(
        professional=demo.director, given_names="Kind", family_name="Visser",
        birth_date=born(years, days), categories=["identiteit"], context=ANALYSE)
    persons.representative_add(professional=demo.director, child=child,
                               representative=demo.mother, kind="parent",
                               categories=["identiteit"], context=ANALYSE)
    return child


def consent(demo, person, given_by, **kwargs):
    values = {"purpose": "veiligheid", "categories": ["gezondheid"],
              "recipients": ["gemeente-aldermeer"], "valid_from": TODAY,
              "method": "signed_form", "told_withdrawable": True,
              "evidence": Evidence("toestemming.pdf", PDF)}
    values.update(kwargs)
    return consent_services.consent_record(professional=demo.director, person=person,
                                  given_by=given_by, context=ANALYSE, **values)


def health_item(demo, person):
    return persons.dossier_item_record(professional=demo.director, person=person,
                                       text="Diagnose ADHD", categories=["gezondheid"],
                                       nature="fact", context=ANALYSE)


# --- S6: who gives consent, on the day -------------------------------------------------------


@pytest.mark.parametrize(("years", "days", "givers", "ok"), [
    (11, 1, "parent", True),  # 11: the representative
    (11, 1, "child", False),
    (12, -1, "parent", True),  # the day before the 12th birthday: still 11
    (12, 0, "parent", False),  # on the 12th birthday: child and parent
    (12, 0, "both", True),
    (15, 1, "both", True),
    (15, 1, "child", False),
    (16, -1, "child", False),  # the day before the 16th birthday: still 15
    (16, 0, "child", True),  # from 16: the young person alone
    (16, 0, "parent", False),
])
def test_recording_checks_the_age_rule_on_the_day(demo, years, days, givers, ok):
    child = child_of(demo, years, days)
    given_by = {"parent": [demo.mother], "child": [child], "both": [child, demo.mother]}[givers]
    if ok:
        assert consent(demo, child, given_by).pk
        return
    with pytest.raises(InvalidPersonData) as error:
        consent(demo, child, given_by)
    assert error.value.field == "given_by"
    assert error.value.code.startswith("consent_age_")
    with override("nl"):
        message = invalid_message(error.value)
    assert message.startswith("Gegeven door: ")
    assert "S6" in message and "privacyprotocol art." in message


def test_the_refusal_for_a_13_year_old_reads_as_the_rule(demo):
    with pytest.raises(InvalidPersonData) as error:
        consent(demo, demo.child, [demo.child])
    with override("nl"):
        assert invalid_message(error.value) == (
            "Gegeven door: voor een kind van 13 geven het kind én de ouder met gezag (of de "
            "voogd) toestemming (S6, privacyprotocol art. 6.4b).")


def test_only_the_person_or_a_representative_gives_consent(demo):
    stranger = persons.person_register(
        professional=demo.director, given_names="Buur", family_name="Jansen",
        birth_date=dt.date(1970, 1, 1), categories=["identiteit"], context=ANALYSE)
    with pytest.raises(InvalidPersonData) as error:
        consent(demo, demo.mother, [demo.mother, stranger])
    assert (error.value.field, error.value.code) == ("given_by", "not_subject_or_representative")


# --- S5: how it was given, the evidence, withdrawable ----------------------------------------


def test_consent_needs_told_withdrawable_and_evidence(demo):
    with pytest.raises(InvalidPersonData) as error:
        consent(demo, demo.mother, [demo.mother], told_withdrawable=False)
    assert (error.value.field, error.value.code) == ("told_withdrawable", "told_withdrawable")
    with pytest.raises(InvalidPersonData) as error:
        consent(demo, demo.mother, [demo.mother], evidence=None)
    assert (error.value.field, error.value.code) == ("evidence", "evidence_required")
    with pytest.raises(InvalidPersonData) as error:
        consent(demo, demo.mother, [demo.mother], evidence=Evidence("x.exe", b"MZ\x90"))
    assert (error.value.field, error.value.code) == ("evidence", "file_type")
    big = Evidence("groot.pdf", PDF + b"0" * consent_services.EVIDENCE_MAX_BYTES)
    with pytest.raises(InvalidPersonData) as error:
        consent(demo, demo.mother, [demo.mother], evidence=big)
    assert (error.value.field, error.value.code) == ("evidence", "too_large")
    with override("nl"):
        assert "5 MB" in invalid_message(error.value)
    statement = consent(demo, demo.mother, [demo.mother], evidence=None,
                        statement="Ik geef toestemming. Getekend, E. Visser")
    assert statement.method == "signed_form" and statement.told_withdrawable


def test_evidence_is_encrypted_and_read_only_through_a_logged_view(demo):
    given = consent(demo, demo.mother, [demo.mother])
    with connection.cursor() as cursor:
        cursor.execute("SELECT evidence_encrypted FROM persons_consent WHERE id = %s",
                       [given.pk])
        (raw,) = cursor.fetchone()
    assert b"signed consent form" not in bytes(raw)
    before = entries_for_subject(demo.mother.subject_id).count()
    name, content_type, data = consent_services.consent_evidence_view(
        professional=demo.director, consent=given, context=ANALYSE)
    assert (name, content_type, data) == ("toestemming.pdf", "application/pdf", PDF)
    last = list(entries_for_subject(demo.mother.subject_id))[-1]
    assert entries_for_subject(demo.mother.subject_id).count() == before + 1
    assert (last.action, last.allowed) == ("view", True)


def test_withdrawal_stops_a_disclosure_that_was_allowed_a_moment_before(demo):
    item = health_item(demo, demo.child)
    persons.representative_add(professional=demo.director, child=demo.child,
                               representative=demo.mother, kind="parent",
                               categories=["identiteit"], context=ANALYSE)
    given = consent(demo, demo.child, [demo.child, demo.mother])
    gemeente = demo.partner("gemeente-aldermeer")
    first = persons.dossier_item_disclose(professional=demo.director, item=item,
                                          recipient=gemeente, context=SHARE)
    assert first.consent == given
    consent_services.consent_withdraw(professional=demo.director, consent=given, context=ANALYSE)
    with pytest.raises(ProcessingRefused) as refused:
        persons.dossier_item_disclose(professional=demo.director, item=item,
                                      recipient=gemeente, context=SHARE)
    codes = [r.code for r in refused.value.decision.refusals]
    assert "consent_withdrawn" in codes and "S5" in refused.value.decision.rule_ids
    last = list(entries_for_subject(demo.child.subject_id))[-1]
    assert (last.action, last.allowed) == ("disclose", False)
    history = [(e.kind, e.by) for e in selectors.consent_events(given)]
    assert history == [("given", demo.director), ("withdrawn", demo.director)]
    assert selectors.consent_status(given).code == "withdrawn"
    with pytest.raises(InvalidPersonData):
        consent_services.consent_withdraw(professional=demo.director, consent=given, context=ANALYSE)


def test_a_change_is_in_the_history(demo):
    given = consent(demo, demo.mother, [demo.mother])
    consent_services.consent_change(professional=demo.director, consent=given, context=ANALYSE,
                           valid_until=TODAY + dt.timedelta(days=90))
    events = selectors.consent_events(given)
    assert [e.kind for e in events] == ["given", "changed"]
    assert events[1].detail == "valid_until"


# --- S7: the weighing on record is what the gateway reads ------------------------------------


def weighing(demo, person, **kwargs):
    values = {"kind": "conflict_of_duties", "purpose": "veiligheid",
              "recipients": ["gemeente-aldermeer"], "categories": ["gezondheid"],
              "answers": ANSWERS, "why_no_consent": "Moeder weigert elk gesprek",
              "functionary_name": "P. Vos", "functionary_function": "Aandachtsfunctionaris",
              "inform_by": TODAY + dt.timedelta(days=7)}
    values.update(kwargs)
    return consent_services.justification_record(professional=demo.director, person=person,
                                        context=ANALYSE, **values)


def test_the_gateway_reads_the_weighing_on_record(demo):
    item = health_item(demo, demo.child)
    gemeente = demo.partner("gemeente-aldermeer")
    with pytest.raises(ProcessingRefused) as refused:
        persons.dossier_item_disclose(professional=demo.director, item=item,
                                      recipient=gemeente, context=SHARE)
    assert "S4" in refused.value.decision.rule_ids
    recorded = weighing(demo, demo.child)
    disclosure = persons.dossier_item_disclose(professional=demo.director, item=item,
                                               recipient=gemeente, context=SHARE)
    assert disclosure.justification == recorded and disclosure.consent is None
    decision, _index = gateway.decision_preview(
        professional=demo.director, person=demo.child,
        action=persons.Action.DISCLOSE,
        categories=["gezondheid"], context=SHARE, recipient="gemeente-aldermeer",
        contributor="jeugdbescherming")
    assert decision.allowed and "S7" in decision.rule_ids
    assert [c.code for c in decision.conditions] == ["inform_client"]
    # Another recipient is not covered by the weighing.
    with pytest.raises(ProcessingRefused) as refused:
        persons.dossier_item_disclose(professional=demo.director, item=item,
                                      recipient=demo.partner("rvdk"), context=SHARE)
    assert "S4" in refused.value.decision.rule_ids


def test_a_weighing_answers_every_question(demo):
    with pytest.raises(InvalidPersonData) as error:
        weighing(demo, demo.child, answers={**ANSWERS, "h": " "})
    assert (error.value.field, error.value.code) == ("answer_h", "required")
    with pytest.raises(InvalidPersonData) as error:
        weighing(demo, demo.child, kind="vital_interest")
    assert (error.value.field, error.value.code) == ("vital_motivation", "vital_required")
    with pytest.raises(InvalidPersonData) as error:
        weighing(demo, demo.child, inform_by=None)
    assert (error.value.field, error.value.code) == ("inform_by", "inform_not_planned")
    with pytest.raises(InvalidPersonData) as error:
        weighing(demo, demo.child, inform_by=None, inform_exception=True,
                 exception_review_on=TODAY + dt.timedelta(days=30))
    assert (error.value.field, error.value.code) == ("exception_motivation", "required")
    with pytest.raises(InvalidPersonData) as error:
        weighing(demo, demo.child, functionary_function="")
    assert error.value.field == "functionary_function"


def test_informing_the_client_is_read_with_the_weighing(demo):
    recorded = weighing(demo, demo.child)
    assert selectors.open_weighings_to_inform(demo.director.pk) == [recorded]
    consent_services.informing_record(professional=demo.director, person=demo.child, context=SHARE,
                             timing="after", method="phone", justification=recorded)
    assert selectors.open_weighings_to_inform(demo.director.pk) == []
    assert selectors.justification_informed_on(recorded) == TODAY
    texts = consent_services.justification_view(professional=demo.director, justification=recorded,
                                       context=ANALYSE)
    assert texts["why_no_consent"] == "Moeder weigert elk gesprek" and texts["h"] == "antwoord h"


# --- informing ---------------------------------------------------------------------------------


def test_an_exception_needs_a_motivation_and_a_review_date(demo):
    with pytest.raises(InvalidPersonData) as error:
        consent_services.informing_record(professional=demo.director, person=demo.mother,
                                 context=SHARE, method="exception",
                                 review_on=TODAY + dt.timedelta(days=14))
    assert (error.value.field, error.value.code) == ("exception_motivation", "required")
    with pytest.raises(InvalidPersonData) as error:
        consent_services.informing_record(professional=demo.director, person=demo.mother,
                                 context=SHARE, method="exception",
                                 exception_motivation="Strafrechtelijk onderzoek loopt")
    assert (error.value.field, error.value.code) == ("review_on", "required")
    exception = consent_services.informing_record(
        professional=demo.director, person=demo.mother, context=SHARE, method="exception",
        exception_motivation="Strafrechtelijk onderzoek loopt",
        review_on=TODAY + dt.timedelta(days=14))
    assert exception.informed_on is None
    assert selectors.open_exceptions(demo.director.pk) == [exception]
    last = list(entries_for_subject(demo.mother.subject_id))[-1]
    assert (last.action, last.allowed) == ("record", True)


def test_a_copy_into_the_own_dossier_reads_that_the_person_was_informed(demo):
    """K7: a partner that is not the dossier holder copies only after informing (and with
    consent, its partner having secrecy); the gateway now reads the informing on record."""
    item = health_item(demo, demo.child)
    ggz = demo.prof("ggz-zijlstroom")
    context = gateway.Context(purpose="veiligheid", ground="6.1.b",
                              case_role=CaseRole.CONTENT, case_ref="C-1")
    decision, _ = gateway.decision_preview(
        professional=ggz, person=demo.child, action=persons.Action.COPY_TO_OWN_DOSSIER,
        categories=["gezondheid"], context=context, contributor="jeugdbescherming",
        grounds=gateway.Grounds(contributor_permission=True))
    assert "copy_not_informed" in [r.code for r in decision.refusals]
    consent_services.informing_record(professional=ggz, person=demo.child, context=context,
                             about="own_dossier", method="in_person")
    decision, _ = gateway.decision_preview(
        professional=ggz, person=demo.child, action=persons.Action.COPY_TO_OWN_DOSSIER,
        categories=["gezondheid"], context=context, contributor="jeugdbescherming",
        grounds=gateway.Grounds(contributor_permission=True))
    assert "copy_not_informed" not in [r.code for r in decision.refusals]
    assert item.pk


# --- K8 ----------------------------------------------------------------------------------------


def test_a_correction_keeps_the_original_and_a_statement_sits_beside_an_opinion(demo):
    fact = health_item(demo, demo.child)
    opinion = persons.dossier_item_record(
        professional=demo.director, person=demo.child, text="Moeder lijkt overbelast",
        categories=["veiligheidstaxatie"], nature="opinion", context=ANALYSE)
    with pytest.raises(InvalidPersonData) as error:
        persons.remark_add(professional=demo.director, kind="correction", item=opinion,
                           given_by=demo.mother, text="Klopt niet", context=ANALYSE)
    assert error.value.code == "correction_of_fact_only"
    persons.remark_add(professional=demo.director, kind="correction", item=fact,
                       given_by=demo.mother, text="Diagnose is ADD, niet ADHD",
                       context=ANALYSE)
    with pytest.raises(InvalidPersonData) as error:  # not yet on record as representative
        persons.remark_add(professional=demo.director, kind="own_statement", item=opinion,
                           given_by=demo.mother, text="Ik ben niet overbelast", context=ANALYSE)
    assert (error.value.field, error.value.code) == ("given_by", "not_family")
    persons.representative_add(professional=demo.director, child=demo.child,
                               representative=demo.mother, kind="parent",
                               categories=["identiteit"], context=ANALYSE)
    persons.remark_add(professional=demo.director, kind="own_statement", item=opinion,
                       given_by=demo.mother, text="Ik ben niet overbelast", context=ANALYSE)
    assert selectors.corrected_item_ids(demo.child) == {fact.pk}
    assert persons.dossier_item_view(professional=demo.director, item=fact,
                                     context=ANALYSE) == "Diagnose ADHD"  # original kept
    remarks = persons.remarks_view(professional=demo.director, person=demo.child,
                                   context=ANALYSE)
    assert [(r.kind, text) for r, text in remarks] == [
        ("correction", "Diagnose is ADD, niet ADHD"), ("own_statement", "Ik ben niet overbelast")]
    actions = [(e.action, e.allowed) for e in entries_for_subject(demo.child.subject_id)]
    assert actions[-3:] == [("record", True), ("view", True), ("view", True)]


def test_only_family_reacts_and_only_the_keeping_partner_records_it(demo):
    fact = health_item(demo, demo.child)
    stranger = persons.person_register(
        professional=demo.director, given_names="Buur", family_name="Jansen",
        birth_date=dt.date(1970, 1, 1), categories=["identiteit"], context=ANALYSE)
    with pytest.raises(InvalidPersonData) as error:
        persons.remark_add(professional=demo.director, kind="reaction", item=fact,
                           given_by=stranger, text="Onzin", context=ANALYSE)
    assert (error.value.field, error.value.code) == ("given_by", "not_family")
    with pytest.raises(InvalidPersonData) as error:
        persons.remark_add(professional=demo.prof("gemeente-aldermeer"), kind="reaction",
                           item=fact, given_by=demo.mother, text="Reactie", context=ANALYSE)
    assert (error.value.field, error.value.code) == ("item", "not_own_dossier")
