"""Every step of a consultation is in the processing log; agendas and actions are encrypted;
the household is read through the policy; bringing in a case registers the household."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from deelwijzer.cases import selectors, services
from deelwijzer.persons.gateway import InvalidPersonData, ProcessingRefused
from deelwijzer.policy import CaseRole
from deelwijzer.processing_log.selectors import entries_for_case, entries_for_subject
from deelwijzer.processing_log.verify import verify_log

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)


def new_lines(case, before):
    return list(entries_for_case(case.reference))[before:]


def count(case):
    return entries_for_case(case.reference).count()


def involve(demo, case, partner, role=CaseRole.CONTENT):
    return services.case_involve(professional=demo.director, case=case,
                                 partner=demo.partner(partner), role=role, reason="Nodig",
                                 invitee=demo.prof(partner))


def test_each_step_of_a_consultation_is_logged_per_household_member(demo, case):
    before = count(case)
    ggz = involve(demo, case, "ggz-zijlstroom")
    lines = new_lines(case, before)
    assert len(lines) == 2 and all(line.allowed and line.action == "record" for line in lines)
    assert {line.recipient_partner for line in lines} == {"ggz-zijlstroom"}
    assert {tuple(line.categories) for line in lines} == {("gezinssamenstelling",)}
    subjects = {demo.child.subject_id, demo.mother.subject_id}
    for subject in subjects:
        assert entries_for_subject(subject).filter(case_ref=case.reference).count() >= 2

    director = selectors.involvement_of(case, demo.director)
    before = count(case)
    consultation = services.consultation_schedule(
        professional=demo.director, kind="named", date=TODAY, chair=demo.director, case=case,
        participants=[director, ggz], agenda="Zorgen over Noor bespreken")
    assert len(new_lines(case, before)) == 2

    before = count(case)
    services.consultation_record_family_absence(
        professional=demo.director, consultation=consultation, motivation="Acute onveiligheid",
        informed_by=demo.director, inform_when="after")
    assert len(new_lines(case, before)) == 2
    assert selectors.uninformed_consultations(case) == [consultation]

    before = count(case)
    services.consultation_family_informed(professional=demo.director,
                                          consultation=consultation)
    assert len(new_lines(case, before)) == 2
    assert selectors.uninformed_consultations(case) == []

    before = count(case)
    item = services.action_item_add(professional=demo.director, consultation=consultation,
                                    description="Huisbezoek bij Eva", owner=ggz, due=TODAY)
    assert len(new_lines(case, before)) == 2
    assert [v.description for v in services.action_items_view(
        professional=demo.prof("ggz-zijlstroom"), consultation=consultation)] == \
        ["Huisbezoek bij Eva"]
    assert services.action_items_view(professional=demo.prof("veilig-thuis"),
                                      consultation=consultation) == []

    assert services.consultation_agenda_view(
        professional=demo.prof("ggz-zijlstroom"), consultation=consultation) == \
        "Zorgen over Noor bespreken"
    last = list(entries_for_case(case.reference))[-1]
    assert (last.action, last.allowed) == ("view", True)

    with connection.cursor() as cursor:
        cursor.execute("SELECT agenda, agenda_encrypted FROM cases_consultation")
        plain, raw = cursor.fetchone()
        cursor.execute("SELECT description_encrypted FROM cases_actionitem WHERE id = %s",
                       [item.pk])
        (description,) = cursor.fetchone()
    assert plain == "" and b"Noor" not in bytes(raw) and b"Eva" not in bytes(description)

    before = count(case)
    services.case_step_advance(professional=demo.director, case=case, to_step="analyse")
    lines = new_lines(case, before)
    assert len(lines) == 2 and {line.step for line in lines} == {"analyse"}
    assert {tuple(line.categories) for line in lines} == {("hulpverlening",)}

    before = count(case)
    services.case_close(professional=demo.director, case=case)
    assert len(new_lines(case, before)) == 2
    result = verify_log()
    assert result.ok, result.problem


def test_a_step_whose_purpose_the_director_has_no_part_in_is_refused(demo, case):
    """C6, S1: advancing is logged under the new step; the case stays where it was."""
    for step in ("analyse", "beschermingsonderzoek", "plan", "uitvoering",
                 "uitvoering-maatregel", "evaluatie", "afsluiting"):
        services.case_step_advance(professional=demo.director, case=case, to_step=step)
    with pytest.raises(ProcessingRefused) as error:
        services.case_step_advance(professional=demo.director, case=case, to_step="monitoring")
    assert "S1" in error.value.decision.rule_ids
    case.refresh_from_db()
    assert case.step == "afsluiting"
    last = list(entries_for_case(case.reference))[-1]
    assert (last.step, last.allowed) == ("monitoring", False)


def test_the_case_view_shows_what_the_step_makes_visible(demo, case):
    view = services.case_view(professional=demo.director, case=case)
    assert [(m.given_names, m.age, m.relation) for m in view.members] == [
        ("Noor", 13, "child"), ("Eva", view.members[1].age, "parent")]
    assert view.categories == ["identiteit", "gezinssamenstelling"]
    for step in ("analyse", "beschermingsonderzoek", "plan", "uitvoering"):
        services.case_step_advance(professional=demo.director, case=case, to_step=step)
    view = services.case_view(professional=demo.director, case=case)
    assert view.categories == ["identiteit"]
    assert {m.relation for m in view.members} == {""}


def test_an_informant_does_not_read_the_household(demo, case):
    involve(demo, case, "politie", role=CaseRole.INFORMANT)
    with pytest.raises(ProcessingRefused) as error:
        services.case_view(professional=demo.prof("politie"), case=case)
    assert "P4" in error.value.decision.rule_ids


def test_only_the_informer_or_the_director_records_the_family_informed(demo, case):
    ggz = involve(demo, case, "ggz-zijlstroom")
    present = services.consultation_schedule(
        professional=demo.director, kind="named", date=TODAY, chair=demo.director, case=case,
        participants=[ggz])
    with pytest.raises(InvalidPersonData) as error:
        services.consultation_family_informed(professional=demo.director,
                                              consultation=present)
    assert error.value.code == "family_present"
    absent = services.consultation_schedule(
        professional=demo.director, kind="named", date=TODAY, chair=demo.director, case=case,
        participants=[ggz], family_present=False, absence_motivation="Acuut",
        informed_by=demo.director, inform_when="before")
    with pytest.raises(InvalidPersonData) as error:
        services.consultation_family_informed(professional=demo.prof("ggz-zijlstroom"),
                                              consultation=absent)
    assert error.value.code == "not_informer"


def test_bring_in_registers_the_household_and_opens_the_case(demo):
    today = timezone.localdate()
    case = services.case_bring_in(
        professional=demo.director,
        members=[
            services.MemberInput("Sem", "de Jong", today.replace(year=today.year - 8), "child",
                                 bsn="111222333"),
            services.MemberInput("Anna", "de Jong", dt.date(1990, 1, 2), "parent",
                                 street="Dorpsstraat 1", postal_code="9791 aa", city="Aldermeer"),
        ],
        representatives=[services.RepresentativeInput(0, 1, "parent")],
        statutory_task=demo.task, case_criterion=demo.criterion)
    view = services.case_view(professional=demo.director, case=case)
    assert [m.given_names for m in view.members] == ["Sem", "Anna"]
    assert [(r.child, r.representative, r.kind) for r in view.representatives] == [
        ("Sem de Jong", "Anna de Jong", "parent")]
    assert selectors.case_role_of(case, demo.director) == CaseRole.CASE_HOLDER


def test_bring_in_logs_the_household_registration_under_the_case(demo):
    """Everything in one case starts with registering its household: the persons, the
    household and the representatives are logged with the case reference."""
    today = timezone.localdate()
    case = services.case_bring_in(
        professional=demo.director,
        members=[
            services.MemberInput("Sem", "de Jong", today.replace(year=today.year - 8), "child"),
            services.MemberInput("Anna", "de Jong", dt.date(1990, 1, 2), "parent"),
        ],
        representatives=[services.RepresentativeInput(0, 1, "parent")],
        statutory_task=demo.task, case_criterion=demo.criterion)
    recorded = [sorted(e.categories) for e in entries_for_case(case.reference)]
    assert recorded == [
        ["identiteit"], ["identiteit"],  # the two persons
        ["gezinssamenstelling"], ["gezinssamenstelling"],  # the household
        ["gezag-en-maatregelen"],  # Anna represents Sem
        ["gezinssamenstelling", "identiteit"], ["gezinssamenstelling", "identiteit"],  # opened
    ]
    assert case.reference == f"C-{today.year}-0001"


@pytest.mark.parametrize(("change", "field", "code"), [
    ({"statutory_task": "Fraudebestrijding"}, "statutory_task", "not_a_task_of_partner"),
    ({"members": []}, "members", "required"),
    ({"bsn": "123456789"}, "bsn", "elfproef"),
])
def test_bring_in_checks_before_recording(demo, change, field, code):
    from deelwijzer.processing_log.models import LogEntry

    before = LogEntry.objects.count()
    bsn = change.pop("bsn", "")
    arguments = {
        "members": [services.MemberInput("Sem", "de Jong", dt.date(2018, 1, 1), "child",
                                         bsn=bsn)],
        "statutory_task": demo.task, "case_criterion": demo.criterion, **change}
    with pytest.raises(InvalidPersonData) as error:
        services.case_bring_in(professional=demo.director, **arguments)
    assert (error.value.field, error.value.code) == (field, code)
    assert LogEntry.objects.count() == before
