"""Properties of the decision point on the demo covenant (hypothesis).

- closed world: any unknown identifier is refused;
- withdrawing a consent never turns a refusal into an allowance;
- adding a recipient to a purpose never removes an allowance anywhere (compiled twice);
- special and criminal data never reach a partner whose ``special_categories`` leave them out,
  and taking a partner's categories away never turns a refusal into an allowance (S3).

The request generator follows the covenant's structure (a purpose, one of its steps, its
categories, its partners), so a fair share of the generated requests is allowed and the
properties are not vacuous.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import replace
from functools import cache

from hypothesis import event, given, settings
from hypothesis import strategies as st

from deelwijzer.covenant.compiled import compile_covenant
from deelwijzer.covenant.schema import AvgGround, RecipientGround
from deelwijzer.covenant.tests.test_compiled import (
    ANSWERS,
    CHILD,
    MOTHER,
    TODAY,
    born,
    covenant,
    index,
)
from deelwijzer.policy import (
    AVG_GROUNDS,
    Action,
    Actor,
    CaseRole,
    ConsentRecord,
    CovenantIndex,
    DecisionRequest,
    Justification,
    JustificationKind,
    OnRecord,
    Subject,
    decide,
)

IX = index()
PURPOSES = sorted(IX.purpose_categories)
PARTNERS = sorted(IX.partners)
DATES = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31))
ROLE_VALUES = [*CaseRole, None]
SETTINGS = settings(max_examples=200, deadline=None)


def mostly(good: object, *others: object, weight: int = 6) -> st.SearchStrategy:  # type: ignore[type-arg]
    """Usually ``good`` (the value that lets a request through), sometimes one of ``others``."""
    return st.sampled_from([good] * weight + list(others))


def steps_of(purpose: str) -> list[str]:
    return sorted(s for s, p in IX.step_purpose.items() if p == purpose)


@st.composite
def consents(draw: st.DrawFn, purpose: str, categories: frozenset[str], recipients: list[str]) -> ConsentRecord:
    extra = draw(st.sets(st.sampled_from(sorted(IX.categories)), max_size=2))
    dropped = draw(mostly(frozenset(), *({c} for c in sorted(categories))))
    return ConsentRecord(
        consent_id=draw(st.sampled_from(["c1", "c2", "c3"])),
        subject_id=draw(mostly(CHILD, "kind-2")),
        given_by=draw(mostly(frozenset({CHILD, MOTHER}), frozenset({CHILD}), frozenset({MOTHER}),
                             frozenset({"buurvrouw"}), weight=3)),
        purpose=draw(mostly(purpose, *PURPOSES)),
        categories=frozenset((categories - dropped) | extra),
        recipients=draw(mostly(frozenset(recipients), frozenset(recipients[:1]))),
        valid_from=draw(mostly(dt.date(2025, 1, 1)) | DATES),
        valid_until=draw(mostly(None) | DATES),
        withdrawn_on=draw(mostly(None) | DATES),
        written=draw(mostly(True, False)),
        active_act=draw(mostly(True, False)),
    )


@st.composite
def justifications(draw: st.DrawFn, categories: frozenset[str], recipients: list[str]) -> Justification:
    answers = {q: a for q, a in ANSWERS.items() if draw(st.integers(0, 9)) > 0}
    return Justification(
        kind=draw(st.sampled_from([*JustificationKind, "onbekend"])),
        answers=answers,
        functionary=draw(st.sampled_from(["", "aandachtsfunctionaris"])),
        why_no_consent=draw(st.sampled_from(["", "weigert"])),
        recipients=frozenset(draw(st.sets(st.sampled_from(recipients)))),
        categories=frozenset(draw(st.sets(st.sampled_from(sorted(categories))))),
        client_informed_on=draw(st.none() | DATES),
        inform_by=draw(st.none() | DATES),
        vital_motivation=draw(st.sampled_from(["", "levensgevaar"])),
    )


@st.composite
def requests(draw: st.DrawFn) -> DecisionRequest:
    purpose = draw(st.sampled_from(PURPOSES))
    step = draw(st.sampled_from([None, *steps_of(purpose)]))
    recipients = sorted(IX.purpose_recipients[purpose])
    pool = sorted(IX.step_visible[step]) if step else sorted(IX.purpose_categories[purpose])
    categories = frozenset(draw(st.lists(st.sampled_from(pool or ["identiteit"]), min_size=1, max_size=3)))
    partner = draw(st.sampled_from([*recipients, *recipients, *recipients, *PARTNERS]))
    grounds = IX.purpose_grounds[purpose]
    ground = draw(st.sampled_from([grounds.get(partner, "6.1.e")] * 4 + sorted(AVG_GROUNDS)))
    on_record = OnRecord(
        consents=tuple(draw(st.lists(consents(purpose, categories, recipients), max_size=3))),
        justification=draw(st.none() | justifications(categories, recipients)),
        legal_duty=draw(mostly(None, "Jeugdwet art. 7.3.11 lid 4", weight=3)),
        informed=draw(mostly(True, False, weight=2)),
        contributor=draw(mostly(None, partner, *PARTNERS, weight=12)),
        contributor_permission=draw(mostly(True, False, weight=2)),
        police_origin_purpose=draw(mostly(None, purpose, *PURPOSES, weight=12)),
        origin_purpose=draw(mostly(None, purpose, *PURPOSES, weight=12)),
    )
    return DecisionRequest(
        actor=Actor(
            professional_id="prof",
            partner=partner,
            roles=frozenset(draw(st.sets(st.sampled_from(["professional", "privacy_officer"])))),
            vog_valid=draw(mostly(True, False)),
            declaration_signed=draw(mostly(True, False)),
            case_role=draw(mostly(CaseRole.CASE_HOLDER, *ROLE_VALUES, weight=4)),
        ),
        action=draw(st.sampled_from(list(Action))),
        subject=Subject(CHILD, born(draw(st.integers(0, 30))), (MOTHER,)),
        categories=categories,
        purpose=purpose,
        step=step,
        ground=ground,
        recipient=draw(st.sampled_from([None, *recipients, *recipients, *recipients, *PARTNERS])),
        on_record=on_record,
        today=TODAY,
        dossier_holder=draw(mostly(partner, None, *PARTNERS)),
    )


UNKNOWN = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12).filter(
    lambda s: s not in IX.partners
    and s not in IX.purpose_categories
    and s not in IX.categories
    and s not in IX.step_purpose
)
UNKNOWN_CODES = {"unknown_partner", "unknown_purpose", "unknown_category", "unknown_step",
                 "unknown_ground", "ground_missing"}


def with_unknown(request: DecisionRequest, field: str, value: str) -> DecisionRequest:
    on_record = request.on_record
    if field == "partner":
        return replace(request, actor=replace(request.actor, partner=value))
    if field == "category":
        return replace(request, categories=request.categories | {value})
    if field in ("contributor", "origin_purpose", "police_origin_purpose"):
        return replace(request, on_record=replace(on_record, **{field: value}))
    if field == "ground":
        return replace(request, ground=value if value not in AVG_GROUNDS else "")
    return replace(request, **{field: value})


@SETTINGS
@given(
    requests(),
    st.sampled_from(["purpose", "category", "partner", "recipient", "step", "ground", "contributor",
                     "origin_purpose", "police_origin_purpose", "dossier_holder"]),
    UNKNOWN,
)
def test_any_unknown_identifier_is_refused(request: DecisionRequest, field: str, value: str) -> None:
    decision = decide(IX, with_unknown(request, field, value))
    assert not decision.allowed
    assert UNKNOWN_CODES & {r.code for r in decision.reasons}, decision.reasons


@SETTINGS
@given(requests(), st.none() | st.just("") | UNKNOWN)
def test_a_missing_or_unknown_ground_is_refused(request: DecisionRequest, ground: str | None) -> None:
    decision = decide(IX, replace(request, ground=ground))
    assert not decision.allowed
    assert {"ground_missing", "unknown_ground"} & {r.code for r in decision.reasons}


@SETTINGS
@given(requests(), st.data())
def test_withdrawing_a_consent_never_turns_a_refusal_into_an_allowance(
    request: DecisionRequest, data: st.DataObject
) -> None:
    consents = request.on_record.consents
    if not consents:
        consents = (data.draw(consents_for(request)),)
        request = replace(request, on_record=replace(request.on_record, consents=consents))
    before = decide(IX, request)
    event(f"allowed before: {before.allowed}")
    which = data.draw(st.integers(0, len(consents) - 1))
    when = data.draw(DATES)
    old = consents[which].withdrawn_on
    withdrawn = replace(consents[which], withdrawn_on=when if old is None else min(old, when))
    after = decide(IX, replace(request, on_record=replace(
        request.on_record, consents=(*consents[:which], withdrawn, *consents[which + 1:]))))
    assert before.allowed or not after.allowed


def consents_for(request: DecisionRequest) -> st.SearchStrategy[ConsentRecord]:
    return consents(request.purpose, request.categories, sorted(IX.purpose_recipients[request.purpose]))


@cache
def with_recipient(purpose: str, partner: str, ground: str) -> CovenantIndex:
    c = covenant()
    added = RecipientGround(partner=partner, ground=AvgGround(ground), basis="toegevoegd")
    purposes = [
        p.model_copy(update={"recipients": [*p.recipients, added]}) if p.id == purpose else p
        for p in c.purposes
    ]
    return compile_covenant(c.model_copy(update={"purposes": purposes}), "plus-ontvanger")


@st.composite
def additions(draw: st.DrawFn) -> tuple[str, str, str]:
    purpose = draw(st.sampled_from(PURPOSES))
    outside = sorted(IX.partners - IX.purpose_recipients[purpose])
    partner = draw(st.sampled_from(outside or PARTNERS))
    return purpose, partner, draw(st.sampled_from(sorted(AVG_GROUNDS)))


@SETTINGS
@given(requests(), additions())
def test_adding_a_recipient_never_removes_an_allowance(
    request: DecisionRequest, addition: tuple[str, str, str]
) -> None:
    purpose, partner, ground = addition
    if partner in IX.purpose_recipients[purpose]:
        return  # the covenant already names it (a purpose with every partner)
    before = decide(IX, request)
    event(f"allowed before: {before.allowed}")
    after = decide(with_recipient(purpose, partner, ground), request)
    assert after.allowed or not before.allowed, after.reasons


def holder(request: DecisionRequest) -> str | None:
    """The partner that comes to hold or know the data of the request (S3)."""
    if request.action in (Action.DISCLOSE, Action.EXPORT):
        return request.recipient
    return request.actor.partner


@st.composite
def special_requests(draw: st.DrawFn) -> DecisionRequest:
    """Requests with special or criminal data that pass every other check: the actor is a
    recipient of the purpose with its own ground, a legal duty lifts secrecy, the subject is
    informed; any action, any recipient of the purpose."""
    purposes = [p for p in PURPOSES if IX.purpose_categories[p] & IX.special_or_criminal]
    purpose = draw(st.sampled_from(purposes))
    recipients = sorted(IX.purpose_recipients[purpose])
    partner = draw(st.sampled_from(recipients))
    pool = sorted(IX.purpose_categories[purpose])
    special = sorted(IX.purpose_categories[purpose] & IX.special_or_criminal)
    categories = frozenset(draw(st.lists(st.sampled_from(pool), max_size=2))) | {
        draw(st.sampled_from(special))}
    return DecisionRequest(
        actor=Actor("prof", partner, frozenset({"professional", "privacy_officer"}), True, True,
                    CaseRole.CASE_HOLDER),
        action=draw(st.sampled_from(list(Action))),
        subject=Subject(CHILD, born(13), (MOTHER,)),
        categories=categories,
        purpose=purpose,
        step=None,
        ground=IX.purpose_grounds[purpose][partner],
        recipient=draw(st.sampled_from(recipients)),
        on_record=OnRecord(legal_duty="Jeugdwet art. 7.3.11 lid 4", informed=True),
        today=TODAY,
        dossier_holder=partner,
    )


@SETTINGS
@given(requests() | special_requests())
def test_special_data_reaches_only_partners_whose_task_allows_it(request: DecisionRequest) -> None:
    decision = decide(IX, request)
    special = request.categories & IX.special_or_criminal
    event(f"allowed: {decision.allowed}, special: {bool(special)}")
    if decision.allowed and special and request.action != Action.ERASE:
        partner = holder(request)
        assert partner is not None
        assert special <= IX.partner_special[partner], (partner, special)


@cache
def without_special(partner: str) -> CovenantIndex:
    c = covenant()
    partners = [
        p.model_copy(update={"special_categories": []}) if p.id == partner else p
        for p in c.partners
    ]
    return compile_covenant(c.model_copy(update={"partners": partners}), "zonder-bijzonder")


@SETTINGS
@given(requests() | special_requests(), st.sampled_from(PARTNERS))
def test_taking_a_partners_special_categories_away_never_allows_more(
    request: DecisionRequest, partner: str
) -> None:
    before = decide(IX, request)
    after = decide(without_special(partner), request)
    event(f"allowed before: {before.allowed}, after: {after.allowed}")
    assert before.allowed or not after.allowed, after.reasons
    if request.action != Action.ERASE and holder(request) == partner and (
            request.categories & IX.special_or_criminal):
        assert not after.allowed


def test_the_generator_produces_allowed_requests() -> None:
    allowed = 0

    @settings(max_examples=200, deadline=None, database=None)
    @given(requests())
    def count(request: DecisionRequest) -> None:
        nonlocal allowed
        allowed += decide(IX, request).allowed

    count()
    assert allowed >= 5, allowed


@SETTINGS
@given(requests(), st.dates(min_value=dt.date(2025, 1, 1), max_value=TODAY))
def test_after_withdrawal_the_consent_no_longer_carries_a_disclosure(
    request: DecisionRequest, when: dt.date
) -> None:
    before = decide(IX, request)
    used = {r.params["consent"] for r in before.reasons if r.code == "consent_valid"}
    event(f"rests on a consent: {bool(used)}")
    withdrawn = tuple(
        replace(c, withdrawn_on=when) if c.consent_id in used else c
        for c in request.on_record.consents
    )
    after = decide(IX, replace(request, on_record=replace(request.on_record, consents=withdrawn)))
    assert not any(r.code == "consent_valid" and r.params["consent"] in used for r in after.reasons)
