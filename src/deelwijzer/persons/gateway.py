"""The gateway: the one mechanism through which personal data is processed.

Every domain service (``persons.services``, ``consent.services``, ``cases.services``, ...) runs
inside ``@gateway`` and calls ``process``: it asks the decision point and appends the
processing-log line (one per data subject), then, only when allowed, the service performs the
processing, all in one database transaction. A refusal commits its log line and nothing else,
then raises ``ProcessingRefused`` carrying the decision, whose reasons the UI and API render
with their articles. ``decision_preview`` asks the same question without processing.

The inventory of every route by which personal data becomes known, with the action and request
it maps to, is docs/routes.md; who may reach an object at all is docs/adr/0002-need-to-know.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from django.db import models, transaction
from django.utils import timezone

from deelwijzer.accounts.access import login_blockers
from deelwijzer.accounts.models import Professional
from deelwijzer.covenant.models import CovenantVersion, Partner, Partnership
from deelwijzer.covenant.selectors import policy_index, version_in_force
from deelwijzer.persons import crypto
from deelwijzer.persons.models import Consent, Informing, Person, Representative
from deelwijzer.persons.models import Justification as JustificationRecord
from deelwijzer.policy import (
    WEIGHING_QUESTIONS,
    Action,
    Actor,
    CaseRole,
    ConsentRecord,
    CovenantIndex,
    Decision,
    DecisionRequest,
    Justification,
    OnRecord,
    Subject,
    decide,
)
from deelwijzer.processing_log.services import LogRecord, log_append_many

P = ParamSpec("P")
R = TypeVar("R")


class ProcessingRefused(Exception):
    """The decision point refused; the refusal is in the processing log. ``index`` is the
    covenant version's index the decision was made with, to explain the reasons
    (``deelwijzer.persons.errors.refusal_reasons``)."""

    def __init__(self, decision: Decision, index: CovenantIndex) -> None:
        super().__init__(", ".join(decision.rule_ids))
        self.decision = decision
        self.index = index


class NoCovenantInForce(LookupError):
    """The partnership has no covenant version in force: nothing may be processed."""


class InvalidPersonData(ValueError):
    """Input no processing may store; ``field`` names the field, ``code`` the rule."""

    def __init__(self, field: str, code: str, params: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code
        self.params: Mapping[str, str] = params or {}



@dataclass(frozen=True)
class Context:
    """Why and in which capacity a professional processes (S1, P4)."""

    purpose: str
    ground: str | None
    step: str | None = None
    case_ref: str | None = None
    case_role: CaseRole | None = None  # from the case (``cases.services.case_context``) only
    trace_id: str | None = None
    dossier_holder: str | None = None  # C5, K7: the partner keeping the case dossier


@dataclass(frozen=True)
class Grounds:
    """What is on record beyond consents when sharing (S4, S7, K5, K7, S11, S2)."""

    justification: Justification | None = None
    legal_duty: str | None = None
    informed: bool = False
    contributor_permission: bool = False
    police_origin_purpose: str | None = None
    origin_purpose: str | None = None


def gateway(func: Callable[P, R]) -> Callable[P, R]:
    """Run a service in one transaction; a refusal commits its log line, then re-raises."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        refused: ProcessingRefused | None = None
        with transaction.atomic():
            try:
                return func(*args, **kwargs)
            except ProcessingRefused as error:
                refused = error  # leave the block normally: the log line commits
        raise refused

    return wrapper


def version_for(partnership: Partnership) -> CovenantVersion:
    version = version_in_force(partnership)
    if version is None:
        raise NoCovenantInForce("no covenant version in force for this partnership")
    return version


def _actor(professional: Professional, case_role: CaseRole | None, today: dt.date) -> Actor:
    codes = {b.code for b in login_blockers(professional, today)}
    partner = professional.partner
    return Actor(
        professional_id=str(professional.pk),
        partner=partner.key if partner else "",
        roles=frozenset(str(r) for r in professional.roles),
        vog_valid=not codes & {"vog_missing", "vog_expired"},
        declaration_signed="declaration_missing" not in codes,
        case_role=case_role,
    )


@dataclass(frozen=True)
class _OnRecord:
    """What is on record about the persons of one processing, read once for all of them: per
    person id the representatives' subject ids (S6), the consents (S5), and whether the
    processing partner informed the person about the purpose (T1, K7)."""

    representatives: Mapping[int, tuple[str, ...]]
    consents: Mapping[int, tuple[ConsentRecord, ...]]
    informed: frozenset[int]


def _on_record(persons: Iterable[Person], partner: str, purpose: str) -> _OnRecord:
    """Three queries, however many persons."""
    by_pk = {p.pk: p for p in persons if p.pk}
    reps: dict[int, list[str]] = {pk: [] for pk in by_pk}
    for rep in Representative._records.filter(child_id__in=by_pk).select_related(
            "representative").order_by("representative_id"):
        reps[rep.child_id].append(rep.representative.subject_id)
    consents: dict[int, list[ConsentRecord]] = {pk: [] for pk in by_pk}
    for consent in Consent._records.filter(person_id__in=by_pk).prefetch_related("given_by"):
        consents[consent.person_id].append(ConsentRecord(
            consent_id=str(consent.pk),
            subject_id=by_pk[consent.person_id].subject_id,
            given_by=frozenset(p.subject_id for p in consent.given_by.all()),
            purpose=consent.purpose,
            categories=frozenset(consent.categories),
            recipients=frozenset(consent.recipients),
            valid_from=consent.valid_from,
            valid_until=consent.valid_until,
            withdrawn_on=consent.withdrawn_on,
            written=consent.written,
            active_act=consent.active_act,
        ))
    informed: frozenset[int] = frozenset()
    if partner and by_pk:
        informed = frozenset(Informing._records.filter(
            person_id__in=by_pk, partner__key=partner, informed_on__isnull=False,
        ).filter(models.Q(purpose=purpose) | models.Q(purpose="")).values_list(
            "person_id", flat=True))
    return _OnRecord({pk: tuple(v) for pk, v in reps.items()},
                     {pk: tuple(v) for pk, v in consents.items()}, informed)


def _request(
    *,
    professional: Professional,
    person: Person,
    action: Action,
    categories: Iterable[str],
    context: Context,
    today: dt.date,
    facts: _OnRecord,
    recipient: str | None = None,
    grounds: Grounds | None = None,
    contributor: str | None = None,
    author: int | None = None,
) -> DecisionRequest:
    """The question to the decision point, with everything on record about the person: its
    consents, the no-consent weighing its partner recorded for this purpose and recipient (S7),
    and whether its partner informed the person (T1, K7). Explicit ``grounds`` add to that: a
    justification passed by the caller is used instead of the one on record."""
    grounds = grounds or Grounds()
    partner_key = professional.partner.key if professional.partner else ""
    justification = grounds.justification
    if justification is None and action in _NEEDS_WEIGHING and person.pk:
        justification = _justification_on_record(
            person, partner_key, context.purpose, recipient, frozenset(categories))
    categories = frozenset(categories)
    return DecisionRequest(
        actor=_actor(professional, context.case_role, today),
        action=action,
        subject=Subject(subject_id=person.subject_id, birth_date=person.birth_date,
                        representatives=facts.representatives.get(person.pk, ())),
        categories=frozenset(categories),
        purpose=context.purpose,
        step=context.step,
        ground=context.ground,
        recipient=recipient,
        on_record=OnRecord(
            consents=facts.consents.get(person.pk, ()),
            justification=justification,
            legal_duty=grounds.legal_duty,
            informed=grounds.informed or person.pk in facts.informed,
            contributor=contributor,
            contributor_permission=grounds.contributor_permission,
            police_origin_purpose=grounds.police_origin_purpose,
            origin_purpose=grounds.origin_purpose,
            own_work=author is not None and author == professional.pk,
        ),
        today=today,
        dossier_holder=context.dossier_holder,
    )


_NEEDS_WEIGHING = frozenset({Action.DISCLOSE, Action.EXPORT})


def _as_policy_justification(record: JustificationRecord) -> Justification:
    """The recorded weighing as the decision point reads it. An AVG art. 23 exception (T3)
    postpones informing until its review date: the policy reads that date as ``inform_by``, so
    after it, sharing on this weighing stops until the exception is reviewed."""
    answers: dict[str, str] = json.loads(crypto.decrypt(record.answers_encrypted))
    informed_on = record.client_informed_on
    if informed_on is None:
        informing = (Informing._records.filter(justification=record, informed_on__isnull=False)
                     .order_by("informed_on").first())
        informed_on = informing.informed_on if informing else None
    return Justification(
        kind=record.kind,
        answers={q: answers.get(q, "") for q in WEIGHING_QUESTIONS},
        functionary=f"{record.functionary_name} ({record.functionary_function})".strip(" ()"),
        why_no_consent=answers.get("why_no_consent", ""),
        recipients=frozenset(record.recipients),
        categories=frozenset(record.categories),
        client_informed_on=informed_on,
        inform_by=record.exception_review_on if record.inform_exception else record.inform_by,
        vital_motivation=answers.get("vital_motivation", ""),
    )


def justification_record_for(person: Person, partner: str, purpose: str, recipient: str | None,
                              categories: frozenset[str]) -> JustificationRecord | None:
    """The newest weighing the partner recorded for this person, purpose and recipient that
    covers the categories; else the newest for the recipient (the policy then says what it
    lacks); else None."""
    if recipient is None:
        return None
    found = [j for j in JustificationRecord._records.filter(
                 person=person, purpose=purpose, owning_partner__key=partner,
             ).order_by("-recorded_at", "-pk")[:50]
             if recipient in j.recipients]
    covering = [j for j in found if categories <= set(j.categories)]
    chosen = covering or found
    return chosen[0] if chosen else None


def _justification_on_record(person: Person, partner: str, purpose: str, recipient: str | None,
                             categories: frozenset[str]) -> Justification | None:
    record = justification_record_for(person, partner, purpose, recipient, categories)
    return _as_policy_justification(record) if record else None


def process(
    *,
    professional: Professional,
    person: Person,
    action: Action,
    categories: Iterable[str],
    context: Context,
    recipient: str | None = None,
    grounds: Grounds | None = None,
    contributor: str | None = None,
    author: int | None = None,
) -> tuple[Decision, CovenantVersion]:
    """Ask the policy and append the log line; raise ProcessingRefused when it says no.

    ``contributor`` is the partner whose data it is (K5); ``author`` the professional whose own
    work it is: who recorded it, or to whom an action is assigned (P4: outside a case, and as
    an informant, a professional reaches only its own work)."""
    [result] = process_all(
        professional=professional, persons=[person], action=action, categories=categories,
        context=context, recipient=recipient, grounds=grounds, contributor=contributor,
        author=author)
    return result


def _version_index(persons: Sequence[Person]) -> tuple[CovenantVersion, CovenantIndex]:
    if any(p.partnership_id != persons[0].partnership_id for p in persons):
        raise ValueError("one processing is about persons of one partnership")
    version = version_for(persons[0].partnership)
    return version, policy_index(version)


def _decide_each(index: CovenantIndex, *, professional: Professional,
                 persons: Sequence[Person], action: Action, categories: Iterable[str],
                 context: Context, **question: Any) -> Iterable[
                     tuple[Person, DecisionRequest, Decision, dt.datetime]]:
    """The one place the policy is asked, for processing and previews alike: the decision for
    each person, with what is on record about them read once for all."""
    categories = frozenset(categories)
    partner_key = professional.partner.key if professional.partner else ""
    facts = _on_record(persons, partner_key, context.purpose)
    today = timezone.localdate()
    for person in persons:
        started = timezone.now()
        request = _request(professional=professional, person=person, action=action,
                           categories=categories, context=context, today=today,
                           facts=facts, **question)
        yield person, request, decide(index, request), started


def preview_all(
    *,
    professional: Professional,
    persons: Sequence[Person],
    action: Action,
    categories: Iterable[str],
    context: Context,
    recipient: str | None = None,
    grounds: Grounds | None = None,
    contributor: str | None = None,
    author: int | None = None,
) -> list[Decision]:
    """``decision_preview`` for each of ``persons``, in a fixed number of queries."""
    if not persons:
        return []
    _version, index = _version_index(persons)
    return [decision for _p, _r, decision, _s in _decide_each(
        index, professional=professional, persons=persons, action=action,
        categories=categories, context=context, recipient=recipient, grounds=grounds,
        contributor=contributor, author=author)]


def process_all(
    *,
    professional: Professional,
    persons: Sequence[Person],
    action: Action,
    categories: Iterable[str],
    context: Context,
    recipient: str | None = None,
    grounds: Grounds | None = None,
    contributor: str | None = None,
    author: int | None = None,
) -> list[tuple[Decision, CovenantVersion]]:
    """``process`` for each of ``persons`` (e.g. every member of a household), in order, with
    what is on record about them read once for all and their log lines appended in one batch:
    a fixed number of queries, however many persons. As a loop of ``process`` would, it stops
    at the first refusal: the lines up to and including the refused one are logged, then
    ProcessingRefused is raised."""
    if not persons:
        return []
    version, index = _version_index(persons)
    records: list[LogRecord] = []
    results: list[tuple[Decision, CovenantVersion]] = []
    refused: ProcessingRefused | None = None
    for person, request, decision, started in _decide_each(
            index, professional=professional, persons=persons, action=action,
            categories=categories, context=context, recipient=recipient, grounds=grounds,
            contributor=contributor, author=author):
        records.append(LogRecord(
            activity_id=f"{persons[0].partnership.key}/{version.label}/{context.purpose}/"
                        f"{context.step or '-'}",
            covenant_version=version.label,
            purpose=context.purpose,
            step=context.step,
            action=action.value,
            subject_id=person.subject_id,
            actor_id=str(professional.pk),
            actor_partner=request.actor.partner,
            recipient_partner=recipient,
            ground=context.ground,
            categories=tuple(sorted(request.categories)),
            allowed=decision.allowed,
            rule_ids=decision.rule_ids,
            reasons=tuple(r.code for r in decision.reasons),
            case_ref=context.case_ref,
            trace_id=context.trace_id,
            started_at=started,
            ended_at=timezone.now(),
            status="ok" if decision.allowed else "refused",
        ))
        if not decision.allowed:
            refused = ProcessingRefused(decision, index)
            break
        results.append((decision, version))
    log_append_many(records)
    if refused is not None:
        raise refused
    return results


def decision_preview(
    *,
    professional: Professional,
    person: Person,
    action: Action,
    categories: Iterable[str],
    context: Context,
    recipient: str | None = None,
    grounds: Grounds | None = None,
    contributor: str | None = None,
    author: int | None = None,
) -> tuple[Decision, CovenantIndex]:
    """What the decision point would answer now ("Mag ik dit delen?"), without processing.

    Nothing is recorded, shown or disclosed, so nothing is logged; the processing that follows
    (e.g. ``dossier_item_disclose``) asks again and is logged. The answer is built from exactly
    the same request as ``process`` builds.
    """
    _version, index = _version_index([person])
    [(_person, _request_made, decision, _started)] = _decide_each(
        index, professional=professional, persons=[person], action=action,
        categories=categories, context=context, recipient=recipient, grounds=grounds,
        contributor=contributor, author=author)
    return decision, index


def own_partner(professional: Professional) -> Partner:
    if professional.partner is None:
        raise InvalidPersonData("professional", "no_partner")
    return professional.partner


def index_for(person: Person) -> CovenantIndex:
    return policy_index(version_for(person.partnership))


# What the log line of recording a weighing or an informing names: the record itself says
# something about the person's situation; the first category the step (or purpose) records.
WEIGHING_CATEGORIES = ("aard-zorgen", "hulpverlening", "identiteit")
INFORMING_CATEGORIES = ("hulpverlening", "identiteit", "aard-zorgen")


def record_categories(person: Person, context: Context, preferred: tuple[str, ...]) -> list[str]:
    """The first of ``preferred`` that the step (or else the purpose) records."""
    index = index_for(person)
    if context.step is not None:
        allowed = index.step_record.get(context.step, frozenset())
    else:
        allowed = index.purpose_categories.get(context.purpose, frozenset())
    return [next((c for c in preferred if c in allowed), preferred[0])]


