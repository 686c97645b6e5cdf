"""Cases, consultations, contributions and action items through the gateway (K1-K8, P3, P4)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.cases import selectors, services
from deelwijzer.persons.gateway import InvalidPersonData, ProcessingRefused
from deelwijzer.policy import CaseRole
from deelwijzer.processing_log.selectors import entries_for_case
from deelwijzer.processing_log.verify import verify_log
from deelwijzer.testing.factories import family_consent

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)


def involve(demo, case, partner, role=CaseRole.CONTENT, reason="GGZ-behandeling loopt"):
    return services.case_involve(professional=demo.director, case=case,
                                 partner=demo.partner(partner), role=role, reason=reason,
                                 invitee=demo.prof(partner))


def named(demo, case, *involvements, **kwargs):
    director_involvement = selectors.involvement_of(case, demo.director)
    return services.consultation_schedule(
        professional=demo.director, kind="named", date=TODAY, chair=demo.director, case=case,
        participants=[director_involvement, *involvements], agenda="Bespreking", **kwargs)


# --- cases --------------------------------------------------------------------------------------


def test_open_a_case_logs_a_record_per_household_member(demo, case):
    assert re.fullmatch(rf"C-{timezone.localdate().year}-0001", case.reference)
    assert case.step == "melding"
    assert case.dossier_partner == demo.director.partner
    assert case.initiating_partner == demo.director.partner
    assert selectors.case_role_of(case, demo.director) == CaseRole.CASE_HOLDER
    entries = list(entries_for_case(case.reference))
    assert len(entries) == 2
    assert all(e.allowed and e.action == "record" and e.step == "melding" for e in entries)
    assert str(case) == case.reference  # nothing identifying


def test_references_count_up(demo, case):
    second = services.case_open(professional=demo.director, household=demo.household,
                                statutory_task=demo.task, case_criterion=demo.criterion)
    assert second.reference.endswith("-0002")


@pytest.mark.parametrize(("field", "value", "code"), [
    ("case_criterion", "Het gezin woont ergens anders", "not_in_covenant"),
    ("case_criterion", "  ", "required"),
    ("statutory_task", "Fraudebestrijding", "not_a_task_of_partner"),
])
def test_open_refuses_what_the_covenant_does_not_name(demo, field, value, code):
    arguments = {"statutory_task": demo.task, "case_criterion": demo.criterion, field: value}
    with pytest.raises(InvalidPersonData) as error:
        services.case_open(professional=demo.director, household=demo.household, **arguments)
    assert (error.value.field, error.value.code) == (field, code)


def test_the_director_must_be_a_case_director(demo):
    with pytest.raises(InvalidPersonData) as error:
        services.case_open(professional=demo.director, household=demo.household,
                           statutory_task=demo.task, case_criterion=demo.criterion,
                           director=demo.prof("cjg-aldermeer"))
    assert (error.value.field, error.value.code) == ("director", "not_case_director")


def test_involve_partners_with_role_and_reason(demo, case):
    involvement = involve(demo, case, "ggz-zijlstroom")
    assert involvement.role == "content" and involvement.invited_at is not None
    assert services.case_context(case, demo.prof("ggz-zijlstroom")).case_role == "content"
    partner_only = services.case_involve(
        professional=demo.director, case=case, partner=demo.partner("rvdk"),
        role=CaseRole.ADVISER, reason="Advies over een maatregel")
    assert partner_only.professional is None
    with pytest.raises(InvalidPersonData) as error:
        involve(demo, case, "ggz-zijlstroom")
    assert error.value.code == "already_involved"
    with pytest.raises(InvalidPersonData) as error:
        involve(demo, case, "veilig-thuis", reason=" ")
    assert (error.value.field, error.value.code) == ("reason", "required")


def test_only_the_director_involves(demo, case):
    with pytest.raises(InvalidPersonData) as error:
        services.case_involve(professional=demo.prof("cjg-aldermeer"), case=case,
                              partner=demo.partner("cjg-aldermeer"), role="content", reason="x",
                              invitee=demo.prof("cjg-aldermeer"))
    assert error.value.code == "not_case_director"


def test_shell_partner_needs_a_named_professional_with_a_declaration(demo, case):
    police = demo.partner("politie")
    assert police.is_shell
    with pytest.raises(InvalidPersonData) as error:
        services.case_involve(professional=demo.director, case=case, partner=police,
                              role="informant", reason="Incidenten in de wijk")
    assert (error.value.field, error.value.code) == ("invitee", "shell_needs_professional")
    undeclared = Professional.objects.get(username="zonder-verklaring")
    with pytest.raises(InvalidPersonData) as error:
        services.case_involve(professional=demo.director, case=case, partner=police,
                              role="informant", reason="Incidenten in de wijk",
                              invitee=undeclared)
    assert (error.value.field, error.value.code) == ("invitee", "declaration_missing")
    involvement = involve(demo, case, "politie", role=CaseRole.INFORMANT)
    assert involvement.partner == police


def test_steps_advance_only_in_the_covenants_order(demo, case):
    with pytest.raises(InvalidPersonData) as error:
        services.case_step_advance(professional=demo.director, case=case, to_step="plan")
    assert (error.value.field, error.value.code) == ("step", "not_next")
    services.case_step_advance(professional=demo.director, case=case, to_step="analyse")
    assert case.step == "analyse"
    assert services.case_context(case, demo.director).step == "analyse"
    with pytest.raises(InvalidPersonData):
        services.case_step_advance(professional=demo.director, case=case, to_step="melding")


def test_context_for_another_purpose_has_no_step(demo, case):
    context = services.case_context(case, demo.director, purpose="hulp-en-ondersteuning")
    assert (context.purpose, context.step, context.case_ref) == (
        "hulp-en-ondersteuning", None, case.reference)
    assert context.ground == "6.1.e"


# --- consultations ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "code"), [
    ("Meisje, BSN 111222333, zorgen thuis", "bsn"),
    ("Gezin woont op 1234 AB, zorgen thuis", "postal_code"),
    ("Kind geboren 03-04-2013, zorgen thuis", "birth_date"),
    ("Kind geboren 3 april 2013", "birth_date"),
    ("Zorgen over de moeder Fatima en haar kind", "name"),
    ("Vraag van mevrouw de Vries", "name"),
])
def test_anonymous_consultation_refuses_identifying_input(demo, text, code):
    with pytest.raises(InvalidPersonData) as error:
        services.consultation_schedule(professional=demo.director, kind="anonymous",
                                       date=TODAY, chair=demo.director, agenda=text)
    assert (error.value.field, error.value.code) == ("agenda", code)


def test_anonymous_consultation_stores_no_case_and_no_person(demo, case):
    consultation = services.consultation_schedule(
        professional=demo.director, kind="anonymous", date=TODAY, chair=demo.director,
        agenda="Meisje van 13, zorgen over veiligheid thuis. Advies gevraagd aan Veilig Thuis.")
    assert consultation.case is None and consultation.kind == "anonymous"
    with pytest.raises(InvalidPersonData) as error:
        services.consultation_minutes_record(professional=demo.director,
                                             consultation=consultation,
                                             minutes="Besproken met Jan.")
    assert (error.value.field, error.value.code) == ("minutes", "name")
    with pytest.raises(InvalidPersonData) as error:
        services.consultation_schedule(professional=demo.director, kind="anonymous",
                                       date=TODAY, chair=demo.director, case=case)
    assert (error.value.field, error.value.code) == ("case", "anonymous")
    with pytest.raises(InvalidPersonData) as error:
        services.contribution_add(professional=demo.director, consultation=consultation,
                                  text="x", categories=["aard-zorgen"], nature="fact")
    assert (error.value.field, error.value.code) == ("consultation", "anonymous")


def test_family_absent_requires_motivation_informer_and_when(demo, case):
    with pytest.raises(InvalidPersonData) as error:
        named(demo, case, family_present=False)
    assert (error.value.field, error.value.code) == ("absence_motivation", "required")
    with pytest.raises(InvalidPersonData) as error:
        named(demo, case, family_present=False, absence_motivation="Acute onveiligheid")
    assert (error.value.field, error.value.code) == ("informed_by", "required")
    consultation = named(demo, case)
    assert consultation.family_present
    with pytest.raises(InvalidPersonData) as error:
        services.consultation_record_family_absence(
            professional=demo.director, consultation=consultation,
            motivation="Acute onveiligheid", informed_by=demo.director, inform_when="")
    assert (error.value.field, error.value.code) == ("inform_when", "required")
    with pytest.raises(InvalidPersonData) as error:
        services.consultation_record_family_absence(
            professional=demo.director, consultation=consultation,
            motivation="Acute onveiligheid", informed_by=demo.prof("cjg-aldermeer"),
            inform_when="before")
    assert (error.value.field, error.value.code) == ("informed_by", "not_involved")
    services.consultation_record_family_absence(
        professional=demo.director, consultation=consultation, motivation="Acute onveiligheid",
        informed_by=demo.director, inform_when="before")
    assert not consultation.family_present
    assert consultation.informed_by == demo.director and consultation.inform_when == "before"


# --- contributions ------------------------------------------------------------------------------


@pytest.fixture
def meeting(demo, case):
    ggz = involve(demo, case, "ggz-zijlstroom")
    vt = involve(demo, case, "veilig-thuis", role=CaseRole.ADVISER, reason="Melding gedaan")
    return named(demo, case, ggz, vt), ggz, vt


def test_contributions_are_logged_and_encrypted(demo, case, meeting):
    consultation, _ggz, _vt = meeting
    before = entries_for_case(case.reference).count()
    contribution = services.contribution_add(
        professional=demo.prof("ggz-zijlstroom"), consultation=consultation,
        text="Moeder is in behandeling", categories=["aard-zorgen"], nature="fact")
    assert contribution.owner_partner.key == "ggz-zijlstroom"
    assert (contribution.step, contribution.purpose) == ("melding", "veiligheid")
    new = list(entries_for_case(case.reference))[before:]
    assert len(new) == 2 and all(e.action == "record" and e.allowed for e in new)
    assert all(e.actor_partner == "ggz-zijlstroom" for e in new)
    with connection.cursor() as cursor:
        cursor.execute("SELECT content_encrypted FROM cases_contribution")
        (raw,) = cursor.fetchone()
    assert b"behandeling" not in bytes(raw)


def test_contribution_outside_the_step_is_refused_and_logged(demo, case, meeting):
    consultation, _ggz, _vt = meeting
    with pytest.raises(ProcessingRefused) as error:
        services.contribution_add(professional=demo.prof("ggz-zijlstroom"),
                                  consultation=consultation, text="Diagnose",
                                  categories=["gezondheid"], nature="fact")
    assert "S1" in error.value.decision.rule_ids
    assert not list(entries_for_case(case.reference))[-1].allowed


def test_only_participants_contribute(demo, case, meeting):
    consultation, _ggz, _vt = meeting
    with pytest.raises(InvalidPersonData) as error:
        services.contribution_add(professional=demo.prof("cjg-aldermeer"),
                                  consultation=consultation, text="x",
                                  categories=["aard-zorgen"], nature="fact")
    assert (error.value.field, error.value.code) == ("professional", "not_participant")


def test_another_partner_views_a_contribution_only_with_permission(demo, case, meeting,
                                                                    mother_represents):
    consultation, _ggz, _vt = meeting
    ggz, vt = demo.prof("ggz-zijlstroom"), demo.prof("veilig-thuis")
    closed = services.contribution_add(professional=ggz, consultation=consultation,
                                       text="Moeder is in behandeling",
                                       categories=["aard-zorgen"], nature="fact")
    shared = services.contribution_add(professional=ggz, consultation=consultation,
                                       text="Zorgen over slaap", categories=["aard-zorgen"],
                                       nature="opinion", permission=True)
    with pytest.raises(ProcessingRefused) as error:
        services.contribution_view(professional=vt, contribution=closed)
    assert error.value.decision.rule_ids == ("K5",)
    last = list(entries_for_case(case.reference))[-1]
    assert (last.action, last.allowed, list(last.rule_ids)) == ("view", False, ["K5"])
    # With permission, the contribution is still a disclosure from GGZ to Veilig Thuis: GGZ's
    # secrecy needs the family's consent (S4), as "Mag ik dit delen?" would say.
    with pytest.raises(ProcessingRefused) as error:
        services.contribution_view(professional=vt, contribution=shared)
    assert error.value.decision.rule_ids == ("S4",)
    last = list(entries_for_case(case.reference))[-1]
    assert (last.action, last.actor_partner, last.recipient_partner, last.allowed) == (
        "disclose", "ggz-zijlstroom", "veilig-thuis", False)
    family_consent(professional=ggz, persons=[demo.child, demo.mother], purpose="veiligheid",
                   recipient="veilig-thuis", categories=["aard-zorgen"])
    before = entries_for_case(case.reference).count()
    assert services.contribution_view(professional=vt, contribution=shared) == \
        "Zorgen over slaap"
    opened = list(entries_for_case(case.reference))[before:]
    assert [(e.action, e.actor_partner, e.recipient_partner) for e in opened] == [
        ("disclose", "ggz-zijlstroom", "veilig-thuis")] * 2 + [
        ("view", "veilig-thuis", None)] * 2
    assert all(e.allowed for e in opened) and "K5" in opened[-1].rule_ids
    assert services.contribution_view(professional=ggz, contribution=closed) == \
        "Moeder is in behandeling"  # the owner reads its own


def test_a_professional_not_involved_is_refused(demo, case, meeting):
    consultation, _ggz, _vt = meeting
    shared = services.contribution_add(professional=demo.prof("ggz-zijlstroom"),
                                       consultation=consultation, text="Zorgen",
                                       categories=["aard-zorgen"], nature="fact",
                                       permission=True)
    outsider = demo.prof("cjg-aldermeer")
    assert services.case_context(case, outsider).case_role is None
    with pytest.raises(ProcessingRefused) as error:
        services.contribution_view(professional=outsider, contribution=shared)
    assert "P4" in error.value.decision.rule_ids
    last = list(entries_for_case(case.reference))[-1]
    assert not last.allowed and "P4" in last.rule_ids


# --- action items -------------------------------------------------------------------------------


def test_action_items_are_visible_only_to_their_owners_and_the_director(demo, case, meeting):
    consultation, ggz, vt = meeting
    mine = services.action_item_add(professional=demo.director, consultation=consultation,
                                    description="Huisbezoek plannen", owner=ggz,
                                    due=TODAY + dt.timedelta(days=7))
    theirs = services.action_item_add(professional=demo.director, consultation=consultation,
                                      description="Veiligheidsplan opstellen", owner=vt,
                                      due=TODAY + dt.timedelta(days=14))
    assert services.action_items_for(demo.director, consultation) == [mine, theirs]
    assert services.action_items_for(demo.prof("ggz-zijlstroom"), consultation) == [mine]
    assert services.action_items_for(demo.prof("veilig-thuis"), consultation) == [theirs]
    assert services.action_items_for(demo.prof("cjg-aldermeer"), consultation) == []
    with pytest.raises(InvalidPersonData) as error:
        services.action_item_add(professional=demo.prof("ggz-zijlstroom"),
                                 consultation=consultation, description="x", owner=ggz,
                                 due=TODAY)
    assert error.value.code == "not_director_or_chair"


def test_a_whole_consultation_leaves_a_verifiable_log(demo, case, meeting):
    consultation, ggz, _vt = meeting
    services.consultation_record_family_absence(
        professional=demo.director, consultation=consultation, motivation="Acute onveiligheid",
        informed_by=demo.director, inform_when="after")
    contribution = services.contribution_add(
        professional=demo.prof("ggz-zijlstroom"), consultation=consultation, text="Zorgen",
        categories=["aard-zorgen"], nature="fact")
    with pytest.raises(ProcessingRefused):
        services.contribution_view(professional=demo.prof("veilig-thuis"),
                                   contribution=contribution)
    services.action_item_add(professional=demo.director, consultation=consultation,
                             description="Gezin informeren", owner=ggz, due=TODAY)
    result = verify_log()
    assert result.ok, result.problem
    assert result.count >= entries_for_case(case.reference).count() > 0


def test_named_minutes_go_through_the_policy_and_are_encrypted(demo, case, meeting,
                                                              mother_represents):
    consultation, _ggz, _vt = meeting
    with pytest.raises(InvalidPersonData) as error:
        services.consultation_minutes_record(professional=demo.director,
                                             consultation=consultation, minutes="Besproken")
    assert (error.value.field, error.value.code) == ("categories", "required")
    before = entries_for_case(case.reference).count()
    services.consultation_minutes_record(
        professional=demo.director, consultation=consultation,
        minutes="Moeder Eva vertelde over de zorgen", categories=["aard-zorgen"])
    assert entries_for_case(case.reference).count() == before + 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT minutes, minutes_encrypted FROM cases_consultation")
        plain, raw = cursor.fetchone()
    assert plain == "" and b"Eva" not in bytes(raw)
    vt = demo.prof("veilig-thuis")
    with pytest.raises(ProcessingRefused) as refused:  # Jeugdbescherming's disclosure (S4)
        services.consultation_minutes_view(professional=vt, consultation=consultation)
    assert refused.value.decision.rule_ids == ("S4",)
    family_consent(professional=demo.director, persons=[demo.child, demo.mother],
                   purpose="veiligheid", recipient="veilig-thuis", categories=["aard-zorgen"])
    assert services.consultation_minutes_view(
        professional=vt, consultation=consultation).startswith("Moeder")
    with pytest.raises(ProcessingRefused) as refused:
        services.consultation_minutes_view(professional=demo.prof("cjg-aldermeer"),
                                           consultation=consultation)
    assert "P4" in refused.value.decision.rule_ids


def test_a_closed_case_takes_no_new_involvements(demo, case):
    services.case_close(professional=demo.director, case=case)
    assert case.closed_at is not None
    with pytest.raises(InvalidPersonData) as error:
        involve(demo, case, "ggz-zijlstroom")
    assert (error.value.field, error.value.code) == ("case", "closed")


def test_a_shell_informant_contributes_but_reads_nothing(demo, case, meeting):
    consultation, ggz, _vt = meeting
    police = involve(demo, case, "politie", role=CaseRole.INFORMANT, reason="Incidenten")
    consultation = named(demo, case, ggz, police)
    own = services.contribution_add(professional=demo.prof("politie"), consultation=consultation,
                                    text="Twee meldingen huiselijk geweld",
                                    categories=["aard-zorgen"], nature="fact")
    other = services.contribution_add(professional=demo.prof("ggz-zijlstroom"),
                                      consultation=consultation, text="Zorgen",
                                      categories=["aard-zorgen"], nature="fact", permission=True)
    assert own.owner_partner.key == "politie"
    with pytest.raises(ProcessingRefused) as error:
        services.contribution_view(professional=demo.prof("politie"), contribution=other)
    assert "P4" in error.value.decision.rule_ids


def test_an_informant_opens_its_own_contribution_and_sees_its_own_actions(demo, case, meeting):
    """K3, K6: the informant's own work is the one thing of the case it sees."""
    consultation, ggz, _vt = meeting
    police = involve(demo, case, "politie", role=CaseRole.INFORMANT, reason="Incidenten")
    consultation = named(demo, case, ggz, police)
    agent = demo.prof("politie")
    own = services.contribution_add(professional=agent, consultation=consultation,
                                    text="Twee meldingen huiselijk geweld",
                                    categories=["aard-zorgen"], nature="fact")
    assert services.contribution_view(professional=agent, contribution=own) == \
        "Twee meldingen huiselijk geweld"
    services.action_item_add(professional=demo.director, consultation=consultation,
                             description="Wijkagent loopt langs", owner=police, due=TODAY)
    services.action_item_add(professional=demo.director, consultation=consultation,
                             description="GGZ belt moeder", owner=ggz, due=TODAY)
    seen = services.action_items_view(professional=agent, consultation=consultation)
    assert [a.description for a in seen] == ["Wijkagent loopt langs"]
    with pytest.raises(ProcessingRefused) as error:
        services.consultation_minutes_view(
            professional=agent, consultation=services.consultation_minutes_record(
                professional=demo.director, consultation=consultation, minutes="Verslag",
                categories=["aard-zorgen"]))
    assert error.value.decision.rule_ids == ("P4",)
