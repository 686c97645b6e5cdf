"""Table-driven: every rule the decision point applies, allowed and refused, on the demo covenant.

Each case changes one thing in an allowed base request (``test_compiled.request``) and names the
reason it expects: DOMAIN rule, reason code, and the article cited first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from deelwijzer.covenant.compiled import compile_covenant
from deelwijzer.covenant.tests.test_compiled import (
    CHILD,
    MOTHER,
    TODAY,
    actor,
    consent,
    covenant,
    index,
    justification,
    request,
    subject,
)
from deelwijzer.policy import (
    Action,
    CaseRole,
    Condition,
    DecisionRequest,
    JustificationKind,
    OnRecord,
    decide,
    explain,
)


@dataclass(frozen=True)
class Case:
    name: str
    request: DecisionRequest
    allowed: bool
    rule: str
    code: str
    article: str | None  # the article cited first; None: the covenant maps none
    covenant: str = "toekomstscenario"


NO_CONSENT = OnRecord()
POLITIE = actor(partner="politie", declaration_signed=True, case_role=CaseRole.CONTENT)
GGZ = actor(partner="ggz-zijlstroom", case_role=CaseRole.CONTENT)
RECORD_SIGNAL = {"action": Action.RECORD, "recipient": None, "on_record": NO_CONSENT}
LIGHT_ANSWERS = {q: "afgewogen" for q in "bcde"}


def with_consent(age: int, given_by: set[str], **changes: object) -> DecisionRequest:
    return request(
        subject=subject(age),
        consents=(consent(given_by=frozenset(given_by)),),
        **changes,  # type: ignore[arg-type]
    )


def birthday(birth: dt.date, today: dt.date, given_by: set[str]) -> DecisionRequest:
    return request(
        subject=subject(birth_date=birth),
        consents=(consent(given_by=frozenset(given_by), valid_from=dt.date(2020, 1, 1)),),
        today=today,
    )


def weighed(**changes: object) -> OnRecord:
    return OnRecord(justification=justification(**changes))


CASES = [
    # P2, P3, P4
    Case("P2 valid VOG", request(), True, "P2", "vog_valid", "pp-6.3"),
    Case("P2 no valid VOG", request(actor=actor(vog_valid=False)), False, "P2", "vog_invalid", "pp-6.3"),
    Case(
        "P3 shell partner with declaration records a signal",
        request(actor=POLITIE, purpose="veiligheid", step="analyse",
                categories=frozenset({"strafrechtelijk"}), **RECORD_SIGNAL),
        True, "P3", "declaration_signed", "pp-6.1",
    ),
    Case(
        "P3 shell partner without declaration",
        request(actor=replace(POLITIE, declaration_signed=False), purpose="veiligheid",
                step="analyse", categories=frozenset({"strafrechtelijk"}), **RECORD_SIGNAL),
        False, "P3", "declaration_missing", "pp-6.1",
    ),
    Case("P4 case holder", request(), True, "P4", "involved", "pp-3.2"),
    Case(
        "P4 not involved, records its own data",
        request(actor=actor(case_role=None), categories=frozenset({"identiteit"}), **RECORD_SIGNAL),
        True, "P4", "involved", "pp-3.2",
    ),
    Case(
        "P4 not involved, views",
        request(actor=actor(case_role=None), action=Action.VIEW, recipient=None),
        False, "P4", "not_involved", "pp-3.2",
    ),
    Case(
        "P4 informant views",
        request(actor=actor(case_role=CaseRole.INFORMANT), action=Action.VIEW, recipient=None),
        False, "P4", "informant_own_data_only", "pp-3.2",
    ),
    Case(
        "P4 informant passes on another partner's data",
        request(actor=actor(case_role=CaseRole.INFORMANT),
                on_record=OnRecord(consents=(consent(),), contributor="cjg-aldermeer",
                                   contributor_permission=True)),
        False, "P4", "informant_own_data_only", "pp-3.2",
    ),
    Case(
        "P5 a partner administrator reaches no client data, whatever its case role",
        request(actor=actor(roles=frozenset({"partner_admin"}))),
        False, "P5", "no_client_role", "pp-4.3",
    ),
    Case(
        "P5 the team coordinator records nothing",
        request(actor=actor(roles=frozenset({"team_coordinator"}), case_role=None),
                categories=frozenset({"identiteit"}), **RECORD_SIGNAL),
        False, "P5", "no_client_role", "pp-4.3",
    ),
    Case(
        "P5 the privacy officer erases its partner's data",
        request(actor=actor(roles=frozenset({"privacy_officer"}), case_role=None),
                action=Action.ERASE, recipient=None, on_record=NO_CONSENT),
        True, "P4", "involved", "pp-3.2",
    ),
    Case(
        "P4 not involved, views what it recorded itself for that purpose",
        request(actor=actor(case_role=None), action=Action.VIEW, recipient=None,
                on_record=OnRecord(own_work=True, origin_purpose="hulp-en-ondersteuning")),
        True, "P4", "involved", "pp-3.2",
    ),
    Case(
        "P4 not involved, its own record for another purpose",
        request(actor=actor(case_role=None), action=Action.VIEW, recipient=None, purpose="veiligheid",
                step=None, on_record=OnRecord(own_work=True, origin_purpose="hulp-en-ondersteuning")),
        False, "P4", "not_involved", "pp-3.2",
    ),
    Case(
        "P4 informant views its own contribution",
        request(actor=actor(case_role=CaseRole.INFORMANT), action=Action.VIEW, recipient=None,
                on_record=OnRecord(own_work=True)),
        True, "P4", "involved", "pp-3.2",
    ),
    Case(
        "P4 informant copies its own work",
        request(actor=actor(case_role=CaseRole.INFORMANT), action=Action.COPY_TO_OWN_DOSSIER,
                recipient=None, on_record=OnRecord(own_work=True, informed=True)),
        False, "P4", "informant_own_data_only", "pp-3.2",
    ),
    Case(
        "P4 erase by a content professional",
        request(actor=actor(case_role=CaseRole.CONTENT), action=Action.ERASE, recipient=None),
        False, "P4", "erase_not_allowed", "ov-8.4",
    ),
    Case(
        "P4 erase by the case holder",
        request(action=Action.ERASE, recipient=None, on_record=NO_CONSENT),
        True, "P4", "involved", "pp-3.2",
    ),
    # S1
    Case("S1 purpose, ground, categories", request(), True, "S1", "purpose_and_ground", "pp-5.1"),
    Case("S1 unknown purpose", request(purpose="fraudebestrijding"), False, "S1", "unknown_purpose", "pp-3.1"),
    Case("S1 unknown category", request(categories=frozenset({"dna"})), False, "S1", "unknown_category", "pp-3.1"),
    Case("S1 no categories", request(categories=frozenset()), False, "S1", "no_categories", "pp-3.1"),
    Case("S1 unknown step", request(step="stap-9"), False, "S1", "unknown_step", "pp-3.1"),
    Case("S1 unknown recipient", request(recipient="buurman"), False, "S1", "unknown_partner", "pp-5.1"),
    Case("S1 unknown actor partner", request(actor=actor(partner="x")), False, "S1", "unknown_partner", "pp-5.1"),
    Case("S1 no ground", request(ground=None), False, "S1", "ground_missing", "pp-5.1"),
    Case("S1 unknown ground", request(ground="6.1.z"), False, "S1", "unknown_ground", "pp-5.1"),
    Case("S1 other ground than the covenant's", request(ground="6.1.f"), False, "S1", "ground_mismatch", "pp-5.1"),
    Case(
        "S1 legal obligation ground with a legal duty on record",
        request(ground="6.1.c", on_record=OnRecord(legal_duty="Jeugdwet art. 7.3.11 lid 4")),
        True, "S1", "purpose_and_ground", "pp-5.1",
    ),
    Case(
        "S1 partner without a ground for the purpose",
        request(actor=POLITIE, categories=frozenset({"identiteit"}), **RECORD_SIGNAL),
        False, "S1", "partner_not_in_purpose", "pp-5.1",
    ),
    Case(
        "S1 category outside the purpose",
        request(actor=actor(partner="gemeente-aldermeer"), purpose="monitoring", step=None,
                categories=frozenset({"school"}), **RECORD_SIGNAL),
        False, "S1", "category_not_in_purpose", "pp-3.1",
    ),
    Case("S1 step of another purpose", request(step="melding"), False, "S1", "step_not_in_purpose", "pp-3.1"),
    Case(
        "S1 step does not share the category",
        request(categories=frozenset({"aard-zorgen"})),
        False, "S1", "category_not_in_step_share", "pp-3.1",
    ),
    Case(
        "S1 step does not record the category",
        request(step="afsluiting", categories=frozenset({"gezondheid"}), **RECORD_SIGNAL),
        False, "S1", "category_not_in_step_record", "pp-3.1",
    ),
    Case(
        "S1 step neither records nor shares the category",
        request(step="afsluiting", action=Action.VIEW, recipient=None,
                categories=frozenset({"school"})),
        False, "S1", "category_not_in_step", "pp-3.1",
    ),
    # S2
    Case(
        "S2 data from a purpose the new one lists as compatible",
        request(on_record=OnRecord(consents=(consent(),), origin_purpose="veiligheid")),
        True, "S2", "compatible_purpose", "pp-3.4",
    ),
    Case(
        "S2 data from a purpose the new one does not list",
        request(on_record=OnRecord(consents=(consent(),), origin_purpose="monitoring")),
        False, "S2", "incompatible_purpose", "pp-3.4",
    ),
    # S3
    Case("S3 health data with its exception", request(), True, "S3", "special_exception", "pp-4.1"),
    Case(
        "S3 criminal data outside the purpose",
        request(categories=frozenset({"strafrechtelijk"})),
        False, "S3", "special_not_in_purpose", "pp-4.1",
    ),
    Case(
        "S3 BSN outside the purpose",
        request(actor=actor(partner="gemeente-aldermeer"), purpose="monitoring", step=None,
                categories=frozenset({"bsn"}), **RECORD_SIGNAL),
        False, "S3", "bsn_not_in_purpose", "pp-4.1",
    ),
    Case(
        "S3 health data to a partner whose task allows it",
        request(), True, "S3", "special_for_recipient", "pp-4.2",
    ),
    Case(
        "S3 health data to the housing corporation, complete weighing on record",
        request(recipient="woningcorporatie", on_record=weighed()),
        False, "S3", "special_not_for_recipient", "pp-4.2",
    ),
    Case(
        "S3 criminal data to the police on a weighing",
        request(purpose="veiligheid", step="analyse", recipient="politie",
                categories=frozenset({"strafrechtelijk"}),
                on_record=weighed(recipients=frozenset({"politie"}),
                                  categories=frozenset({"strafrechtelijk"}))),
        True, "S3", "special_for_recipient", "pp-4.2",
    ),
    Case(
        "S3 the police records health data",
        request(actor=POLITIE, purpose="veiligheid", step="analyse",
                categories=frozenset({"gezondheid"}), **RECORD_SIGNAL),
        False, "S3", "special_not_for_recipient", "pp-4.2",
    ),
    # S4
    Case("S4 secrecy with consent", request(), True, "S4", "secrecy_consent", "pp-6.4b"),
    Case(
        "S4 secrecy with a legal duty",
        request(on_record=OnRecord(legal_duty="Jeugdwet art. 7.3.11 lid 4")),
        True, "S4", "secrecy_legal_duty", "pp-6.4",
    ),
    Case("S4 secrecy without consent", request(on_record=NO_CONSENT), False, "S4", "secrecy_needs_consent", "pp-6.4b"),
    # S5
    Case("S5 valid consent", request(), True, "S5", "consent_valid", "pp-6.4b"),
    Case("S5 withdrawn today", request(consents=(consent(withdrawn_on=TODAY),)), False, "S5", "consent_withdrawn", "pp-6.4d"),
    Case(
        "S5 withdrawn earlier",
        request(consents=(consent(withdrawn_on=dt.date(2026, 3, 1)),)),
        False, "S5", "consent_withdrawn", "pp-6.4d",
    ),
    Case("S5 not written", request(consents=(consent(written=False),)), False, "S5", "consent_not_written", "pp-6.4c"),
    Case("S5 no active act", request(consents=(consent(active_act=False),)), False, "S5", "consent_not_active", "pp-6.4b"),
    Case(
        "S5 expired",
        request(consents=(consent(valid_until=dt.date(2026, 5, 31)),)),
        False, "S5", "consent_expired", "pp-6.4b",
    ),
    Case(
        "S5 not yet valid",
        request(consents=(consent(valid_from=dt.date(2026, 6, 2)),)),
        False, "S5", "consent_not_yet_valid", "pp-6.4b",
    ),
    Case(
        "S5 does not cover every category",
        request(categories=frozenset({"identiteit", "school"})),
        False, "S5", "consent_categories_missing", "pp-6.4b",
    ),
    Case("S5 another recipient", request(recipient="veilig-thuis"), False, "S5", "consent_recipient_missing", "pp-6.4b"),
    Case(
        "S5 another purpose",
        request(consents=(consent(purpose="veiligheid"),)),
        False, "S5", "consent_other_purpose", "pp-6.4b",
    ),
    Case(
        "S5 another subject",
        request(consents=(consent(subject_id="kind-2"),)),
        False, "S5", "consent_other_subject", "pp-6.4b",
    ),
    # S6: ages 11/12, 15/16, birthdays
    Case("S6 age 11, representative", with_consent(11, {MOTHER}), True, "S6", "consent_by_representative", "pp-6.4b"),
    Case("S6 age 11, child alone", with_consent(11, {CHILD}), False, "S6", "consent_needs_representative", "pp-6.4b"),
    Case("S6 age 12, both", with_consent(12, {CHILD, MOTHER}), True, "S6", "consent_by_child_and_representative", "pp-6.4b"),
    Case("S6 age 12, representative alone", with_consent(12, {MOTHER}), False, "S6", "consent_needs_child_and_representative", "pp-6.4b"),
    Case("S6 age 12, child alone", with_consent(12, {CHILD}), False, "S6", "consent_needs_child_and_representative", "pp-6.4b"),
    Case("S6 age 15, both", with_consent(15, {CHILD, MOTHER}), True, "S6", "consent_by_child_and_representative", "pp-6.4b"),
    Case("S6 age 15, child alone", with_consent(15, {CHILD}), False, "S6", "consent_needs_child_and_representative", "pp-6.4b"),
    Case("S6 age 16, child alone", with_consent(16, {CHILD}), True, "S6", "consent_by_subject", "pp-6.4b"),
    Case("S6 age 16, representative alone", with_consent(16, {MOTHER}), False, "S6", "consent_needs_subject", "pp-6.4b"),
    Case(
        "S6 the day before the 12th birthday: the representative alone suffices",
        birthday(dt.date(2014, 6, 1), dt.date(2026, 5, 31), {MOTHER}),
        True, "S6", "consent_by_representative", "pp-6.4b",
    ),
    Case(
        "S6 on the 12th birthday the child consents too",
        birthday(dt.date(2014, 6, 1), TODAY, {MOTHER}),
        False, "S6", "consent_needs_child_and_representative", "pp-6.4b",
    ),
    Case(
        "S6 on the 16th birthday the young person decides alone",
        birthday(dt.date(2010, 6, 1), TODAY, {CHILD}),
        True, "S6", "consent_by_subject", "pp-6.4b",
    ),
    Case(
        "S6 born 29 February: 11 on 28 February 2024",
        birthday(dt.date(2012, 2, 29), dt.date(2024, 2, 28), {MOTHER}),
        True, "S6", "consent_by_representative", "pp-6.4b",
    ),
    Case(
        "S6 born 29 February: 12 on 29 February 2024",
        birthday(dt.date(2012, 2, 29), dt.date(2024, 2, 29), {MOTHER}),
        False, "S6", "consent_needs_child_and_representative", "pp-6.4b",
    ),
    Case(
        "S6 born 29 February: still 15 on 28 February 2028",
        birthday(dt.date(2012, 2, 29), dt.date(2028, 2, 28), {CHILD}),
        False, "S6", "consent_needs_child_and_representative", "pp-6.4b",
    ),
    Case(
        "S6 born 29 February: 16 on 29 February 2028",
        birthday(dt.date(2012, 2, 29), dt.date(2028, 2, 29), {CHILD}),
        True, "S6", "consent_by_subject", "pp-6.4b",
    ),
    # S7
    Case(
        "S7 complete weighing (vital interest)",
        request(on_record=weighed(kind=JustificationKind.VITAL_INTEREST,
                                  vital_motivation="levensbedreigend")),
        True, "S7", "weighing_recorded", "pp-6.4e",
    ),
    Case(
        "S7 question h unanswered",
        request(on_record=weighed(answers={**{q: "x" for q in "abcdefg"}, "h": " "})),
        False, "S7", "justification_incomplete", "pp-6.4e",
    ),
    Case(
        "S7 no functionary consulted",
        request(on_record=weighed(functionary="")),
        False, "S7", "justification_incomplete", "pp-6.4e",
    ),
    Case(
        "S7 not said whether and when the client is informed",
        request(on_record=weighed(inform_by=None)),
        False, "S7", "inform_not_planned", "pp-6.4e",
    ),
    Case(
        "S7 informing date passed",
        request(on_record=weighed(inform_by=dt.date(2026, 5, 1))),
        False, "S7", "inform_date_past", "pp-6.4e",
    ),
    Case(
        "S7 vital interest without the extra motivation",
        request(on_record=weighed(kind=JustificationKind.VITAL_INTEREST)),
        False, "S7", "vital_motivation_missing", "pp-6.4e",
    ),
    Case("S7 unknown kind", request(on_record=weighed(kind="onderbuik")), False, "S7", "justification_kind_unknown", "pp-6.4e"),
    Case(
        "S7 recipient not in the weighing",
        request(recipient="veilig-thuis", on_record=weighed()),
        False, "S7", "justification_recipient_missing", "pp-6.4e",
    ),
    Case(
        "S7 general category not in the weighing",
        request(categories=frozenset({"identiteit", "school"}),
                on_record=weighed(kind=JustificationKind.LEGAL_DUTY)),
        False, "S7", "justification_categories_missing", "pp-6.4e",
    ),
    # S8
    Case("S8 conflict of duties, only the data weighed", request(on_record=weighed()), True, "S8", "minimal_sharing", "pp-6.4e"),
    Case(
        "S8 conflict of duties, health data not weighed",
        request(on_record=weighed(categories=frozenset({"identiteit"}))),
        False, "S8", "beyond_minimum", "pp-6.4e",
    ),
    # S9
    Case("S9 recipient contributes to the purpose", request(), True, "S9", "recipient_in_purpose", "pp-3.2"),
    Case("S9 recipient outside the purpose", request(recipient="politie"), False, "S9", "recipient_not_in_purpose", "pp-3.2"),
    Case("S9 no recipient named", request(recipient=None), False, "S9", "recipient_missing", "pp-3.2"),
    # S11 (the demo maps no article to S11: it cites purpose binding, S2)
    Case(
        "S11 police data for the purpose it was given for",
        request(purpose="veiligheid", step="analyse", recipient="rvdk",
                categories=frozenset({"strafrechtelijk"}),
                on_record=OnRecord(legal_duty="Jeugdwet art. 7.3.11 lid 4",
                                   police_origin_purpose="veiligheid")),
        True, "S11", "police_purpose_kept", "pp-3.4",
    ),
    Case(
        "S11 police data for another, even compatible, purpose",
        request(on_record=OnRecord(consents=(consent(),), police_origin_purpose="veiligheid")),
        False, "S11", "police_purpose_bound", "pp-3.4",
    ),
    # K5
    Case(
        "K5 contributor agreed",
        request(on_record=OnRecord(consents=(consent(),), contributor="cjg-aldermeer",
                                   contributor_permission=True)),
        True, "K5", "contributor_permission", "b2-2.2.5",
    ),
    Case(
        "K5 contributor did not agree",
        request(on_record=OnRecord(consents=(consent(),), contributor="cjg-aldermeer")),
        False, "K5", "contributor_permission_missing", "b2-2.2.5",
    ),
    Case(
        "K5 another partner reads a contribution with the contributor's permission",
        request(action=Action.VIEW, recipient=None, step=None,
                on_record=OnRecord(contributor="cjg-aldermeer", contributor_permission=True)),
        True, "K5", "contributor_permission", "b2-2.2.5",
    ),
    Case(
        "K5 another partner may not read a contribution without that permission",
        request(action=Action.VIEW, recipient=None, step=None,
                on_record=OnRecord(contributor="cjg-aldermeer")),
        False, "K5", "contributor_permission_missing", "b2-2.2.5",
    ),
    # K7
    Case(
        "K7 the dossier holder copies into its dossier",
        request(action=Action.COPY_TO_OWN_DOSSIER, recipient=None, dossier_holder="jeugdbescherming",
                on_record=NO_CONSENT),
        True, "K7", "copy_by_dossier_holder", "ov-8.4",
    ),
    Case(
        "K7 another partner copies after informing, with consent",
        request(actor=GGZ, ground="6.1.b", action=Action.COPY_TO_OWN_DOSSIER, recipient=None,
                dossier_holder="jeugdbescherming",
                on_record=OnRecord(consents=(consent(),), informed=True)),
        True, "K7", "copy_informed", "ov-8.4",
    ),
    Case(
        "K7 another partner copies without informing",
        request(actor=GGZ, ground="6.1.b", action=Action.COPY_TO_OWN_DOSSIER, recipient=None,
                dossier_holder="jeugdbescherming"),
        False, "K7", "copy_not_informed", "ov-8.4",
    ),
    Case(
        "K7 another partner copies on a weighing instead of consent",
        request(actor=GGZ, ground="6.1.b", action=Action.COPY_TO_OWN_DOSSIER, recipient=None,
                dossier_holder="jeugdbescherming",
                on_record=OnRecord(justification=justification(recipients=frozenset({"ggz-zijlstroom"})),
                                   informed=True)),
        False, "K7", "copy_needs_consent", "ov-8.4",
    ),
    # K9 (the demo maps no article to K9: it cites secrecy, S4)
    Case(
        "K9 only 'known to us', lighter weighing",
        request(recipient="woningcorporatie", categories=frozenset({"bekend-bij"}),
                on_record=weighed(answers=LIGHT_ANSWERS, functionary="", inform_by=None)),
        True, "K9", "known_to_partner_only", "pp-6.4e",
    ),
    Case(
        "K9 only 'known to us', but no weighing of the interests",
        request(recipient="woningcorporatie", categories=frozenset({"bekend-bij"}),
                on_record=weighed(answers={"b": "belang"}, functionary="", inform_by=None)),
        False, "K9", "known_to_partner_weighing_missing", "pp-6.4e",
    ),
    # V4 (the demo maps no article to V4; the lokale behandelteams covenant does)
    Case("V4 a disclosure is logged", request(), True, "V4", "disclosure_logged", None),
    Case(
        "V4 a disclosure is logged (lokale behandelteams)",
        request(actor=actor(partner="gemeente-weert"), purpose="eigen-taak-zorg", step=None,
                recipient="cjg-midden-limburg", categories=frozenset({"identiteit"}),
                consents=(consent(purpose="eigen-taak-zorg",
                                  recipients=frozenset({"cjg-midden-limburg"})),)),
        True, "V4", "disclosure_logged", "pr-4", covenant="lokale-behandelteams",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule(case: Case) -> None:
    decision = decide(index(case.covenant), case.request)
    assert decision.allowed is case.allowed, [(r.rule, r.code, dict(r.params)) for r in decision.reasons]
    found = [r for r in decision.reasons if r.code == case.code]
    assert found, [(r.rule, r.code) for r in decision.reasons]
    reason = found[0]
    assert reason.rule == case.rule
    assert reason.allowed is case.allowed
    assert case.rule in decision.rule_ids
    if case.article is None:
        assert reason.articles == ()
    else:
        assert reason.articles[0] == case.article
    assert explain(reason, index(case.covenant))
    if not case.allowed:
        assert decision.conditions == ()
        assert all(not r.allowed for r in decision.reasons)


def test_every_rule_in_scope_has_an_allowed_and_a_refused_case() -> None:
    in_scope = {"P2", "P3", "P4", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S11",
                "K5", "K7", "K9"}
    for rule in in_scope:
        assert {c.allowed for c in CASES if c.rule == rule} == {True, False}, rule
    # V4 never refuses: a refused disclosure is not logged as a disclosure (test below)
    assert any(c.rule == "V4" and c.allowed for c in CASES)


def test_a_refused_disclosure_carries_no_disclosure_log_reason() -> None:
    decision = decide(index(), request(on_record=NO_CONSENT))
    assert not decision.allowed
    assert "V4" not in decision.rule_ids


def test_a_weighing_attaches_the_inform_condition() -> None:
    decision = decide(index(), request(on_record=weighed()))
    assert decision.allowed
    assert decision.conditions == (Condition("inform_client", dt.date(2026, 6, 15)),)
    informed = decide(index(), request(on_record=weighed(client_informed_on=dt.date(2026, 5, 30),
                                                          inform_by=None)))
    assert informed.conditions == (Condition("client_informed", dt.date(2026, 5, 30)),)


def test_the_explanation_of_the_issue() -> None:
    decision = decide(index(), request(on_record=NO_CONSENT))
    assert explain(decision.reasons[0], index()) == (
        "Delen mag niet: gegevens onder beroepsgeheim vragen toestemming "
        "(privacyprotocol art. 6.4b)"
    )
    assert explain(decision.reasons[0], index(), "en") == (
        "Sharing refused: data under professional secrecy needs consent "
        "(privacy protocol art. 6.4b)"
    )


def test_refusals_explain_why_the_closest_consent_does_not_count() -> None:
    far = consent(consent_id="ver", purpose="veiligheid", written=False, withdrawn_on=TODAY)
    near = consent(consent_id="dichtbij", withdrawn_on=TODAY)
    decision = decide(index(), request(consents=(far, near)))
    codes = [(r.code, r.params.get("consent")) for r in decision.reasons]
    assert codes == [("secrecy_needs_consent", None), ("consent_withdrawn", "dichtbij")]
    assert explain(decision.reasons[1], index()) == (
        "Delen mag niet meer: toestemming dichtbij is ingetrokken op 1 juni 2026 "
        "(privacyprotocol art. 6.4d)"
    )


def test_any_valid_consent_among_several_suffices() -> None:
    decision = decide(index(), request(consents=(consent(consent_id="oud", withdrawn_on=TODAY),
                                                 consent(consent_id="nieuw"))))
    assert decision.allowed
    assert [r.params["consent"] for r in decision.reasons if r.code == "consent_valid"] == ["nieuw"]


def test_consents_are_not_combined() -> None:
    identity = consent(consent_id="a", categories=frozenset({"identiteit"}))
    health = consent(consent_id="b", categories=frozenset({"gezondheid"}))
    assert not decide(index(), request(consents=(identity, health))).allowed


def test_a_category_without_its_legal_exception_is_refused() -> None:
    c = covenant()
    bare = c.model_copy(update={"data_categories": [
        d.model_copy(update={"exception": None}) if d.id == "gezondheid" else d
        for d in c.data_categories
    ]})
    decision = decide(compile_covenant(bare, "zonder"), request())
    assert not decision.allowed
    reason = next(r for r in decision.reasons if r.code == "no_legal_exception")
    assert (reason.rule, reason.articles[0], reason.params["categories"]) == ("S3", "pp-4.1", "gezondheid")


def without_secrecy(*partners: str) -> object:
    c = covenant()
    return compile_covenant(c.model_copy(update={"partners": [
        p.model_copy(update={"secrecy": []}) if p.id in partners else p for p in c.partners
    ]}), "zonder-geheim")


def test_a_partner_without_secrecy_shares_without_consent() -> None:
    ix = without_secrecy("jeugdbescherming")
    decision = decide(ix, request(on_record=NO_CONSENT))  # type: ignore[arg-type]
    assert decision.allowed
    assert "S4" not in decision.rule_ids and "V4" in decision.rule_ids


def test_police_secrecy_passes_on_to_a_partner_without_its_own() -> None:
    ix = without_secrecy("jeugdbescherming")
    police_data = request(purpose="veiligheid", step="analyse", recipient="rvdk",
                          categories=frozenset({"strafrechtelijk"}),
                          on_record=OnRecord(police_origin_purpose="veiligheid"))
    decision = decide(ix, police_data)  # type: ignore[arg-type]
    assert not decision.allowed
    assert "secrecy_needs_consent" in [r.code for r in decision.reasons]


def test_k7_a_partner_without_secrecy_copies_after_informing() -> None:
    ix = without_secrecy("ggz-zijlstroom")
    copy = request(actor=GGZ, ground="6.1.b", action=Action.COPY_TO_OWN_DOSSIER, recipient=None,
                   dossier_holder="jeugdbescherming", on_record=OnRecord(informed=True))
    decision = decide(ix, copy)  # type: ignore[arg-type]
    assert decision.allowed, decision.reasons
    assert "copy_informed" in [r.code for r in decision.reasons]
    assert not decide(ix, replace(copy, on_record=OnRecord())).allowed  # type: ignore[arg-type]


def test_vital_interest_ground_is_accepted_with_a_vital_justification() -> None:
    vital = weighed(kind=JustificationKind.VITAL_INTEREST, vital_motivation="levensgevaar")
    assert decide(index(), request(ground="6.1.d", on_record=vital)).allowed
    assert not decide(index(), request(ground="6.1.d", on_record=weighed())).allowed


def test_vital_motivation_may_also_be_an_answer() -> None:
    vital = weighed(kind=JustificationKind.VITAL_INTEREST,
                    answers={**{q: "x" for q in "abcdefgh"}, "vital_motivation": "levensgevaar"})
    assert decide(index(), request(on_record=vital)).allowed


# --- S3: special and criminal data only for the partners whose task allows them -------------

TO_HOUSING = {"purpose": "veiligheid", "step": "analyse", "recipient": "woningcorporatie"}
EVERYONE = frozenset({"woningcorporatie", "ggz-zijlstroom", "politie", "rvdk"})


@pytest.mark.parametrize("categories", [{"gezondheid"}, {"strafrechtelijk"},
                                        {"gezondheid", "strafrechtelijk", "identiteit"}])
def test_no_weighing_or_consent_lets_the_housing_corporation_receive_special_data(
        categories: set[str]) -> None:
    wanted = frozenset(categories)
    weighing = weighed(recipients=EVERYONE, categories=wanted)
    consented = OnRecord(consents=(consent(purpose="veiligheid", categories=wanted,
                                           recipients=EVERYONE),))
    duty = OnRecord(legal_duty="Jeugdwet art. 7.3.11 lid 4")
    for on_record in (weighing, consented, duty):
        decision = decide(index(), request(categories=wanted, on_record=on_record, **TO_HOUSING))
        assert not decision.allowed
        reason = next(r for r in decision.reasons if r.code == "special_not_for_recipient")
        special = sorted(wanted - {"identiteit"})
        assert dict(reason.params) == {"categories": ", ".join(special),
                                       "partner": "woningcorporatie"}
        # The same data to a partner whose task allows it: the same record suffices.
        assert decide(index(), request(categories=wanted, on_record=on_record,
                                       **{**TO_HOUSING, "recipient": "rvdk"})).allowed


def test_the_refusal_names_the_partner_the_data_and_the_article() -> None:
    decision = decide(index(), request(recipient="woningcorporatie", on_record=weighed()))
    assert [r.code for r in decision.reasons] == ["special_not_for_recipient"]
    assert explain(decision.reasons[0], index()) == (
        "Mag niet: Zijlwonen mag volgens het convenant geen Gegevens over gezondheid ontvangen "
        "of vastleggen; een afweging of toestemming geeft daarvoor geen grondslag "
        "(privacyprotocol art. 4.2)"
    )


def test_known_to_partner_still_goes_to_the_housing_corporation_on_the_light_weighing() -> None:
    light = weighed(answers=LIGHT_ANSWERS, functionary="", inform_by=None,
                    recipients=EVERYONE)
    known = request(categories=frozenset({"bekend-bij"}), on_record=light, **TO_HOUSING)
    assert decide(index(), known).allowed
    with_diagnosis = replace(known, categories=frozenset({"bekend-bij", "gezondheid"}))
    assert "special_not_for_recipient" in [r.code for r in decide(index(), with_diagnosis).reasons]


@pytest.mark.parametrize(("action", "partner", "allowed"), [
    (Action.RECORD, "politie", False),  # the police may hold criminal data, not health data
    (Action.VIEW, "politie", False),
    (Action.COPY_TO_OWN_DOSSIER, "politie", False),
    (Action.RECORD, "rvdk", True),
    (Action.VIEW, "rvdk", True),
    (Action.COPY_TO_OWN_DOSSIER, "rvdk", True),
])
def test_the_own_partner_holds_what_it_records_views_or_copies(
        action: Action, partner: str, allowed: bool) -> None:
    ix = without_secrecy("politie", "rvdk")
    professional = actor(partner=partner, declaration_signed=True, case_role=CaseRole.CONTENT)
    wanted = request(actor=professional, action=action, purpose="veiligheid", step="analyse",
                     recipient=None, categories=frozenset({"gezondheid"}),
                     on_record=OnRecord(informed=True))
    decision = decide(ix, wanted)  # type: ignore[arg-type]
    codes = [r.code for r in decision.reasons]
    assert ("special_not_for_recipient" not in codes) is allowed, codes
    assert decision.allowed is allowed, codes


def test_an_export_is_checked_against_its_recipient() -> None:
    export = request(action=Action.EXPORT, recipient="woningcorporatie", on_record=weighed())
    assert "special_not_for_recipient" in [r.code for r in decide(index(), export).reasons]


def test_erasure_is_not_limited_by_the_partner_list() -> None:
    erase = request(actor=actor(partner="politie", declaration_signed=True), action=Action.ERASE,
                    purpose="veiligheid", step="analyse", recipient=None,
                    categories=frozenset({"gezondheid"}), on_record=NO_CONSENT)
    assert "special_not_for_recipient" not in [r.code for r in decide(index(), erase).reasons]


def test_a_partner_that_lists_nothing_receives_nothing() -> None:
    c = covenant()
    silent = c.model_copy(update={"partners": [
        p.model_copy(update={"special_categories": []}) if p.id == "ggz-zijlstroom" else p
        for p in c.partners
    ]})
    decision = decide(compile_covenant(silent, "ggz-zwijgt"), request())
    assert [r.code for r in decision.reasons] == ["special_not_for_recipient"]


def test_unknown_identifiers_stop_the_decision_with_only_those_reasons() -> None:
    decision = decide(index(), request(purpose="fraude", categories=frozenset({"dna"}), step="x"))
    assert not decision.allowed
    assert {r.code for r in decision.reasons} == {"unknown_purpose", "unknown_category", "unknown_step"}


def test_an_unknown_action_is_refused() -> None:
    decision = decide(index(), request(action="publish"))  # type: ignore[arg-type]
    assert [r.code for r in decision.reasons] == ["unknown_action"]
