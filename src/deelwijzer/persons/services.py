"""The gateway: the only code that reads or writes personal data.

Every service first asks the decision point and appends the processing-log line (one per data
subject), then, only when allowed, performs the processing, all in one database transaction.
A refusal commits its log line and nothing else, then raises ``ProcessingRefused`` carrying
the decision, whose reasons the UI and API render with their articles.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from django.db import transaction
from django.utils import timezone

from deelwijzer.accounts.access import login_blockers
from deelwijzer.accounts.models import Professional
from deelwijzer.covenant.models import CovenantVersion, Partner, Partnership
from deelwijzer.covenant.selectors import policy_index, version_in_force
from deelwijzer.persons import crypto
from deelwijzer.persons.models import (
    Consent,
    Disclosure,
    DossierItem,
    Household,
    HouseholdMember,
    Person,
    Representative,
)
from deelwijzer.policy import (
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
from deelwijzer.processing_log.services import LogRecord, log_append, subject_key_destroy

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

    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


def bsn_is_valid(bsn: str) -> bool:
    """The elfproef: nine digits whose weighted sum (9..2, and -1 for the last) divides by 11."""
    if not re.fullmatch(r"[0-9]{9}", bsn) or bsn == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1), strict=True))
    return (total - int(bsn[8])) % 11 == 0


@dataclass(frozen=True)
class Context:
    """Why and in which capacity a professional processes (S1, P4)."""

    purpose: str
    ground: str | None
    step: str | None = None
    case_ref: str | None = None
    case_role: CaseRole | None = CaseRole.CASE_HOLDER
    trace_id: str | None = None


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


def _version(partnership: Partnership) -> CovenantVersion:
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


def _subject(person: Person) -> Subject:
    reps: Iterable[Person] = []
    if person.pk:
        reps = Person._records.filter(
            pk__in=Representative._records.filter(child=person).values("representative_id"))
    return Subject(
        subject_id=person.subject_id,
        birth_date=person.birth_date,
        representatives=tuple(r.subject_id for r in reps),
    )


def _consents(person: Person) -> tuple[ConsentRecord, ...]:
    if not person.pk:
        return ()
    return tuple(
        ConsentRecord(
            consent_id=str(consent.pk),
            subject_id=person.subject_id,
            given_by=frozenset(p.subject_id for p in consent.given_by.all()),
            purpose=consent.purpose,
            categories=frozenset(consent.categories),
            recipients=frozenset(consent.recipients),
            valid_from=consent.valid_from,
            valid_until=consent.valid_until,
            withdrawn_on=consent.withdrawn_on,
            written=consent.written,
            active_act=consent.active_act,
        )
        for consent in Consent._records.filter(person=person).prefetch_related("given_by")
    )


def _request(
    *,
    professional: Professional,
    person: Person,
    action: Action,
    categories: Iterable[str],
    context: Context,
    today: dt.date,
    recipient: str | None = None,
    grounds: Grounds | None = None,
    contributor: str | None = None,
) -> DecisionRequest:
    """The question to the decision point, with everything on record about the person."""
    grounds = grounds or Grounds()
    return DecisionRequest(
        actor=_actor(professional, context.case_role, today),
        action=action,
        subject=_subject(person),
        categories=frozenset(categories),
        purpose=context.purpose,
        step=context.step,
        ground=context.ground,
        recipient=recipient,
        on_record=OnRecord(
            consents=_consents(person),
            justification=grounds.justification,
            legal_duty=grounds.legal_duty,
            informed=grounds.informed,
            contributor=contributor,
            contributor_permission=grounds.contributor_permission,
            police_origin_purpose=grounds.police_origin_purpose,
            origin_purpose=grounds.origin_purpose,
        ),
        today=today,
    )


def _process(
    *,
    professional: Professional,
    person: Person,
    action: Action,
    categories: Iterable[str],
    context: Context,
    recipient: str | None = None,
    grounds: Grounds | None = None,
    contributor: str | None = None,
) -> tuple[Decision, CovenantVersion]:
    """Ask the policy and append the log line; raise ProcessingRefused when it says no."""
    started = timezone.now()
    t0 = time.perf_counter()
    today = timezone.localdate()
    version = _version(person.partnership)
    request = _request(professional=professional, person=person, action=action,
                       categories=categories, context=context, today=today,
                       recipient=recipient, grounds=grounds, contributor=contributor)
    index = policy_index(version)
    decision = decide(index, request)
    log_append(LogRecord(
        activity_id=f"{person.partnership.key}/{version.label}/{context.purpose}/"
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
        ended_at=started + dt.timedelta(seconds=time.perf_counter() - t0),
        status="ok" if decision.allowed else "refused",
    ))
    if not decision.allowed:
        raise ProcessingRefused(decision, index)
    return decision, version


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
) -> tuple[Decision, CovenantIndex]:
    """What the decision point would answer now ("Mag ik dit delen?"), without processing.

    Nothing is recorded, shown or disclosed, so nothing is logged; the processing that follows
    (e.g. ``dossier_item_disclose``) asks again and is logged. The answer is built from exactly
    the same request as ``_process`` builds.
    """
    version = _version(person.partnership)
    index = policy_index(version)
    request = _request(professional=professional, person=person, action=action,
                       categories=categories, context=context, today=timezone.localdate(),
                       recipient=recipient, grounds=grounds, contributor=contributor)
    return decide(index, request), index


def _own_partner(professional: Professional) -> Partner:
    if professional.partner is None:
        raise InvalidPersonData("professional", "no_partner")
    return professional.partner


# --- persons, representatives, households ------------------------------------------------------


@gateway
def person_register(
    *,
    professional: Professional,
    given_names: str,
    family_name: str,
    birth_date: dt.date,
    categories: Iterable[str],
    context: Context,
    bsn: str = "",
    street: str = "",
    postal_code: str = "",
    city: str = "",
) -> Person:
    """Record a data subject; ``categories`` name what is recorded (identity, BSN, ...)."""
    if not given_names.strip() or not family_name.strip():
        raise InvalidPersonData("family_name" if given_names.strip() else "given_names",
                                "required")
    if bsn and not bsn_is_valid(bsn):
        raise InvalidPersonData("bsn", "elfproef")
    if birth_date > timezone.localdate():
        raise InvalidPersonData("birth_date", "future")
    partner = _own_partner(professional)
    person = Person(
        partnership=partner.partnership, given_names=given_names, family_name=family_name,
        birth_date=birth_date, bsn=bsn, street=street, postal_code=postal_code, city=city,
        registered_by_partner=partner, categories=sorted(set(categories)),
    )
    _process(professional=professional, person=person, action=Action.RECORD,
             categories=person.categories, context=context)
    person.save()
    return person


@gateway
def representative_add(*, professional: Professional, child: Person, representative: Person,
                       kind: str, categories: Iterable[str], context: Context) -> None:
    """Record who legally represents a minor (S6 reads it)."""
    if child.pk == representative.pk:
        raise InvalidPersonData("representative", "self")
    _process(professional=professional, person=child, action=Action.RECORD,
             categories=categories, context=context)
    Representative._records.get_or_create(child=child, representative=representative,
                                          defaults={"kind": kind})


@gateway
def household_register(*, professional: Professional, label: str,
                       members: Iterable[tuple[Person, str]], categories: Iterable[str],
                       context: Context) -> Household:
    """Record a family system: one log line per member (one per data subject)."""
    members = list(members)
    if not members:
        raise InvalidPersonData("members", "required")
    categories = list(categories)
    for person, _relation in members:
        _process(professional=professional, person=person, action=Action.RECORD,
                 categories=categories, context=context)
    household = Household._records.create(partnership=members[0][0].partnership, label=label)
    HouseholdMember._records.bulk_create(
        HouseholdMember(household=household, person=p, relation=r) for p, r in members)
    return household


# --- dossier items ----------------------------------------------------------------------------


@gateway
def dossier_item_record(*, professional: Professional, person: Person, text: str,
                        categories: Iterable[str], nature: str, context: Context) -> DossierItem:
    """Record information about a person in the own partner's dossier (K8: fact or opinion)."""
    if not text.strip():
        raise InvalidPersonData("text", "required")
    if nature not in {"fact", "opinion"}:
        raise InvalidPersonData("nature", "fact_or_opinion")
    categories = sorted(set(categories))
    _decision, version = _process(professional=professional, person=person,
                                  action=Action.RECORD, categories=categories, context=context)
    return DossierItem._records.create(
        person=person, content_encrypted=crypto.encrypt(text), categories=categories,
        nature=nature, owning_partner=_own_partner(professional), purpose=context.purpose,
        step=context.step or "", case_ref=context.case_ref or "", covenant_version=version.label,
        recorded_by=professional,
    )


@gateway
def dossier_item_view(*, professional: Professional, item: DossierItem,
                      context: Context) -> str:
    """Read an item's content (logged as a view)."""
    _process(professional=professional, person=item.person, action=Action.VIEW,
             categories=item.categories, context=context,
             contributor=item.owning_partner.key)
    return crypto.decrypt(item.content_encrypted)


@gateway
def dossier_item_disclose(*, professional: Professional, item: DossierItem, recipient: Partner,
                          context: Context, grounds: Grounds | None = None) -> Disclosure:
    """Give an item to another partner (S4, S9, K5); recorded for the subject (V4)."""
    decision, _ = _process(
        professional=professional, person=item.person, action=Action.DISCLOSE,
        categories=item.categories, context=context, recipient=recipient.key, grounds=grounds,
        contributor=item.owning_partner.key)
    consent_id = next((r.params.get("consent") for r in decision.reasons
                       if r.params.get("consent")), None)
    return Disclosure._records.create(
        item=item, recipient=recipient, purpose=context.purpose, ground=context.ground or "",
        disclosed_by=professional,
        consent=Consent._records.filter(pk=consent_id).first() if consent_id else None,
    )


@gateway
def dossier_item_copy(*, professional: Professional, item: DossierItem, context: Context,
                      grounds: Grounds | None = None) -> DossierItem:
    """Copy an item into the own partner's dossier (K7: only when necessary, informed,
    with consent)."""
    partner = _own_partner(professional)
    _decision, version = _process(
        professional=professional, person=item.person, action=Action.COPY_TO_OWN_DOSSIER,
        categories=item.categories, context=context, recipient=partner.key, grounds=grounds,
        contributor=item.owning_partner.key)
    return DossierItem._records.create(
        person=item.person, content_encrypted=item.content_encrypted,
        categories=item.categories, nature=item.nature, owning_partner=partner,
        purpose=context.purpose, step=context.step or "", case_ref=context.case_ref or "",
        covenant_version=version.label, recorded_by=professional, copied_from=item,
    )


@gateway
def person_export(*, professional: Professional, person: Person,
                  context: Context) -> dict[str, object]:
    """Everything the own partner holds about a person (access request R1), logged."""
    partner = _own_partner(professional)
    items = list(DossierItem._records.filter(person=person, owning_partner=partner))
    categories = sorted({c for item in items for c in item.categories} | set(person.categories))
    _process(professional=professional, person=person, action=Action.EXPORT,
             categories=categories, context=context)
    return {
        "person": {
            "given_names": person.given_names, "family_name": person.family_name,
            "birth_date": person.birth_date.isoformat(), "bsn": person.bsn,
            "address": " ".join(x for x in (person.street, person.postal_code, person.city) if x),
        },
        "items": [
            {"recorded_at": i.recorded_at.isoformat(), "nature": i.nature,
             "categories": i.categories, "purpose": i.purpose, "step": i.step,
             "content": crypto.decrypt(i.content_encrypted)}
            for i in items
        ],
        "disclosures": [
            {"recipient": d.recipient.name, "purpose": d.purpose,
             "disclosed_at": d.disclosed_at.isoformat()}
            for d in Disclosure._records.filter(item__in=items).select_related("recipient")
        ],
    }


@gateway
def person_erase(*, professional: Professional, person: Person, context: Context) -> None:
    """Erase a person's data held by the partnership and destroy the log pseudonym key, so the
    processing log keeps its lines but no readable identity (R1 erasure)."""
    items = DossierItem._records.filter(person=person)
    categories = sorted({c for item in items for c in item.categories} | set(person.categories))
    _process(professional=professional, person=person, action=Action.ERASE,
             categories=categories, context=context)
    Disclosure._records.filter(item__person=person).delete()
    DossierItem._records.filter(person=person, copied_from__isnull=False).delete()
    items.delete()
    for consent in Consent._records.filter(person=person):
        consent.given_by.clear()
        consent.delete()
    Representative._records.filter(child=person).delete()
    Representative._records.filter(representative=person).delete()
    HouseholdMember._records.filter(person=person).delete()
    subject = person.subject_id
    person.delete()
    subject_key_destroy(subject)


# --- consent ----------------------------------------------------------------------------------


@gateway
def consent_record(*, professional: Professional, person: Person, given_by: Iterable[Person],
                   purpose: str, categories: Iterable[str], recipients: Iterable[str],
                   valid_from: dt.date, context: Context, valid_until: dt.date | None = None,
                   written: bool = True, active_act: bool = True) -> Consent:
    """Record a consent with its scope and who gave it (S5, S6). ``context`` is the purpose
    and step in which it is recorded; the consent's own purpose may differ."""
    given_by = list(given_by)
    if not given_by:
        raise InvalidPersonData("given_by", "required")
    if valid_until is not None and valid_until < valid_from:
        raise InvalidPersonData("valid_until", "before_valid_from")
    categories, recipients = sorted(set(categories)), sorted(set(recipients))
    if not categories:
        raise InvalidPersonData("categories", "required")
    if not recipients:
        raise InvalidPersonData("recipients", "required")
    # Recording a consent is recording its scope: the policy checks that the purpose and the
    # categories exist and belong together (S1), and the log line names them.
    _process(professional=professional, person=person, action=Action.RECORD,
             categories=categories, context=context)
    consent = Consent._records.create(
        person=person, purpose=purpose, categories=categories, recipients=recipients,
        valid_from=valid_from, valid_until=valid_until, written=written, active_act=active_act,
        obtained_by_partner=_own_partner(professional), recorded_by=professional,
    )
    consent.given_by.set(given_by)
    return consent


@gateway
def consent_withdraw(*, professional: Professional, consent: Consent, context: Context,
                     on: dt.date | None = None) -> None:
    """Withdraw a consent: no further disclosures from that day (S5); the history stays."""
    _process(professional=professional, person=consent.person, action=Action.RECORD,
             categories=consent.categories, context=context)
    consent.withdrawn_on = on or timezone.localdate()
    consent.save(update_fields=["withdrawn_on"])
