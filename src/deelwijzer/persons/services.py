"""The gateway: the only code that reads or writes personal data.

Every service first asks the decision point and appends the processing-log line (one per data
subject), then, only when allowed, performs the processing, all in one database transaction.
A refusal commits its log line and nothing else, then raises ``ProcessingRefused`` carrying
the decision, whose reasons the UI and API render with their articles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.access import login_blockers
from deelwijzer.accounts.models import Professional
from deelwijzer.covenant.models import CovenantVersion, Partner, Partnership
from deelwijzer.covenant.selectors import policy_index, version_in_force
from deelwijzer.persons import crypto
from deelwijzer.persons.choices import (
    ConsentMethod,
    InformingAbout,
    InformingMethod,
    InformingTiming,
    JustificationKindChoice,
    RemarkKind,
)
from deelwijzer.persons.errors import register
from deelwijzer.persons.models import (
    Consent,
    ConsentEvent,
    ConsentEventKind,
    Disclosure,
    DossierItem,
    Household,
    HouseholdMember,
    Informing,
    Person,
    Remark,
    Representative,
)
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
    age_on,
    citation,
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

    def __init__(self, field: str, code: str, params: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code
        self.params: Mapping[str, str] = params or {}


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
        subject=_subject(person),
        categories=frozenset(categories),
        purpose=context.purpose,
        step=context.step,
        ground=context.ground,
        recipient=recipient,
        on_record=OnRecord(
            consents=_consents(person),
            justification=justification,
            legal_duty=grounds.legal_duty,
            informed=grounds.informed or _informed_on_record(person, partner_key,
                                                             context.purpose),
            contributor=contributor,
            contributor_permission=grounds.contributor_permission,
            police_origin_purpose=grounds.police_origin_purpose,
            origin_purpose=grounds.origin_purpose,
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


def _justification_record_for(person: Person, partner: str, purpose: str, recipient: str | None,
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
    record = _justification_record_for(person, partner, purpose, recipient, categories)
    return _as_policy_justification(record) if record else None


def _informed_on_record(person: Person, partner: str, purpose: str) -> bool:
    """T1, K7: the partner informed the person (not an exception) about this purpose."""
    if not person.pk or not partner:
        return False
    return Informing._records.filter(
        person=person, partner__key=partner, informed_on__isnull=False,
    ).filter(models.Q(purpose=purpose) | models.Q(purpose="")).exists()


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
    """Read an item's content (logged as a view). K5: another partner's item only when it was
    disclosed to the reader's partner (the owner's decision to give it) ; S2: the item's
    purpose is the origin the reading purpose must be compatible with."""
    received = professional.partner_id is not None and Disclosure._records.filter(
        item=item, recipient_id=professional.partner_id).exists()
    _process(professional=professional, person=item.person, action=Action.VIEW,
             categories=item.categories, context=context,
             grounds=Grounds(contributor_permission=received, origin_purpose=item.purpose),
             contributor=item.owning_partner.key)
    return crypto.decrypt(item.content_encrypted)


def _from_item(item: DossierItem, grounds: Grounds | None) -> Grounds:
    """S2: data obtained for the item's purpose; the caller's grounds may name another origin."""
    grounds = grounds or Grounds()
    if grounds.origin_purpose is None and item.purpose:
        grounds = dataclasses.replace(grounds, origin_purpose=item.purpose)
    return grounds


@gateway
def dossier_item_disclose(*, professional: Professional, item: DossierItem, recipient: Partner,
                          context: Context, grounds: Grounds | None = None) -> Disclosure:
    """Give an item to another partner (S2, S4, S9, K5); recorded for the subject (V4)."""
    grounds = _from_item(item, grounds)
    decision, _ = _process(
        professional=professional, person=item.person, action=Action.DISCLOSE,
        categories=item.categories, context=context, recipient=recipient.key, grounds=grounds,
        contributor=item.owning_partner.key)
    consent_id = next((r.params.get("consent") for r in decision.reasons
                       if r.params.get("consent")), None)
    weighed = any(r.code in _ON_WEIGHING for r in decision.reasons)
    justification = None
    if weighed and grounds.justification is None:
        justification = _justification_record_for(
            item.person, _own_partner(professional).key, context.purpose, recipient.key,
            frozenset(item.categories))
    return Disclosure._records.create(
        item=item, recipient=recipient, purpose=context.purpose, ground=context.ground or "",
        disclosed_by=professional,
        consent=Consent._records.filter(pk=consent_id).first() if consent_id else None,
        justification=justification,
    )


_ON_WEIGHING = frozenset({"secrecy_justification", "known_to_partner_only"})


@gateway
def dossier_item_copy(*, professional: Professional, item: DossierItem, context: Context,
                      grounds: Grounds | None = None) -> DossierItem:
    """Copy an item into the own partner's dossier (K7: only when necessary, informed,
    with consent)."""
    partner = _own_partner(professional)
    _decision, version = _process(
        professional=professional, person=item.person, action=Action.COPY_TO_OWN_DOSSIER,
        categories=item.categories, context=context, recipient=partner.key,
        grounds=_from_item(item, grounds), contributor=item.owning_partner.key)
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
    Remark._records.filter(models.Q(person=person) | models.Q(given_by=person)).delete()
    Informing._records.filter(person=person).delete()
    JustificationRecord._records.filter(person=person).delete()
    ConsentEvent._records.filter(consent__person=person).delete()
    for consent in Consent._records.filter(person=person):
        consent.given_by.clear()
        consent.delete()
    Representative._records.filter(child=person).delete()
    Representative._records.filter(representative=person).delete()
    HouseholdMember._records.filter(person=person).delete()
    subject = person.subject_id
    person.delete()
    subject_key_destroy(subject)


# --- consent (S5, S6) --------------------------------------------------------------------------

EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


@dataclass(frozen=True)
class Evidence:
    """An uploaded document proving a consent (S5: the burden of proof lies with the
    controller): a scan or photo of the signed form, PDF, JPEG or PNG, at most 5 MB."""

    name: str
    data: bytes


def _evidence_type(evidence: Evidence) -> str:
    if not evidence.data:
        raise InvalidPersonData("evidence", "required")
    if len(evidence.data) > EVIDENCE_MAX_BYTES:
        raise InvalidPersonData("evidence", "too_large", {"limit": "5 MB"})
    for magic, content_type in EVIDENCE_TYPES:
        if evidence.data.startswith(magic):
            return content_type
    raise InvalidPersonData("evidence", "file_type")


def _index_for(person: Person) -> CovenantIndex:
    return policy_index(_version(person.partnership))


def _representative_ids(person: Person) -> set[int]:
    return set(Representative._records.filter(child=person)
               .values_list("representative_id", flat=True))


def consent_givers_required(person: Person, on: dt.date | None = None) -> str:
    """S6 (003 art. 8): who gives consent for this person on the day: "representatives" (under
    12), "child_and_representative" (12 to 15) or "subject" (16 and older), by the covenant's
    numbers."""
    index = _index_for(person)
    age = age_on(person.birth_date, on or timezone.localdate())
    if age < index.representatives_only_below:
        return "representatives"
    if age < index.child_alone_from:
        return "child_and_representative"
    return "subject"


def _check_givers(person: Person, given_by: list[Person], on: dt.date) -> None:
    """S6 at recording: refuse givers that do not satisfy the age rule, naming the field, the
    rule and its article in the covenant."""
    representatives = _representative_ids(person)
    ids = {p.pk for p in given_by}
    if ids - representatives - {person.pk}:
        raise InvalidPersonData("given_by", "not_subject_or_representative")
    index = _index_for(person)
    age = age_on(person.birth_date, on)
    by_representative = bool(ids & representatives)
    by_subject = person.pk in ids
    needed = consent_givers_required(person, on)
    code = {"representatives": "consent_needs_representative",
            "child_and_representative": "consent_needs_child_and_representative",
            "subject": "consent_needs_subject"}[needed]
    articles = index.code_articles.get(code) or index.rule_articles.get("S6", ())
    params = {"age": str(age),
              "article": citation(index, articles[0], get_language() or "nl") if articles else ""}
    if needed == "representatives" and not by_representative:
        raise InvalidPersonData("given_by", "consent_age_representative", params)
    if needed == "child_and_representative" and not (by_representative and by_subject):
        raise InvalidPersonData("given_by", "consent_age_child_and_representative", params)
    if needed == "subject" and not by_subject:
        raise InvalidPersonData("given_by", "consent_age_subject", params)


@gateway
def consent_record(*, professional: Professional, person: Person, given_by: Iterable[Person],
                   purpose: str, categories: Iterable[str], recipients: Iterable[str],
                   valid_from: dt.date, context: Context, valid_until: dt.date | None = None,
                   written: bool = True, active_act: bool = True,
                   method: str | None = None, given_on: dt.date | None = None,
                   told_withdrawable: bool = False, obtained_by: Professional | None = None,
                   evidence: Evidence | None = None, statement: str = "") -> Consent:
    """Record a consent with its scope and who gave it (S5, S6). ``context`` is the purpose
    and step in which it is recorded; the consent's own purpose may differ.

    S6 is checked on ``given_on`` (default today): under 12 a legal representative, 12 to 15
    the child and a representative, from 16 the person; nobody else. With ``method`` (how it
    was given) the full S5 record is required: that the person was told it can be withdrawn,
    and the evidence (a document, or the text of the signed statement); ``obtained_by``
    (default: the recording professional) works for the recording partner. Without ``method``
    (callers from before these fields) the consent is recorded as before.
    """
    given_by = list(given_by)
    if not given_by:
        raise InvalidPersonData("given_by", "required")
    given_on = given_on or timezone.localdate()
    if given_on > timezone.localdate():
        raise InvalidPersonData("given_on", "future")
    if valid_until is not None and valid_until < valid_from:
        raise InvalidPersonData("valid_until", "before_valid_from")
    categories, recipients = sorted(set(categories)), sorted(set(recipients))
    if not categories:
        raise InvalidPersonData("categories", "required")
    if not recipients:
        raise InvalidPersonData("recipients", "required")
    index = _index_for(person)
    if set(recipients) - index.partners:
        raise InvalidPersonData("recipients", "unknown")
    if purpose not in index.purpose_grounds:
        raise InvalidPersonData("purpose", "unknown")
    _check_givers(person, given_by, given_on)
    partner = _own_partner(professional)
    content_type, blob = "", None
    if method is not None:
        if method not in ConsentMethod.values:
            raise InvalidPersonData("method", "unknown")
        if not told_withdrawable:
            raise InvalidPersonData("told_withdrawable", "told_withdrawable")
        if evidence is None and not statement.strip():
            raise InvalidPersonData("evidence", "evidence_required")
        if evidence is not None:
            content_type = _evidence_type(evidence)
            blob = crypto.encrypt_bytes(evidence.data)
        obtained_by = obtained_by or professional
        if obtained_by.partner_id != partner.pk:
            raise InvalidPersonData("obtained_by", "other_partner")
        written, active_act = True, True
    # Recording a consent is recording its scope: the policy checks that the purpose and the
    # categories exist and belong together (S1), and the log line names them.
    _process(professional=professional, person=person, action=Action.RECORD,
             categories=categories, context=context)
    consent = Consent._records.create(
        person=person, purpose=purpose, categories=categories, recipients=recipients,
        valid_from=valid_from, valid_until=valid_until, written=written, active_act=active_act,
        obtained_by_partner=partner, recorded_by=professional,
        method=method or "", given_on=given_on, told_withdrawable=told_withdrawable,
        obtained_by=obtained_by,
        evidence_encrypted=blob,
        evidence_name=evidence.name[:200] if evidence else "",
        evidence_content_type=content_type,
        evidence_size=len(evidence.data) if evidence else 0,
        statement_encrypted=crypto.encrypt(statement.strip()) if statement.strip() else None,
    )
    consent.given_by.set(given_by)
    ConsentEvent._records.create(consent=consent, kind=ConsentEventKind.GIVEN, on=given_on,
                                 by=obtained_by or professional)
    return consent


@gateway
def consent_change(*, professional: Professional, consent: Consent, context: Context,
                   valid_until: dt.date | None, evidence: Evidence | None = None) -> Consent:
    """Change a consent's end date or add its evidence; the change is in its history. A wider
    or other scope (purpose, data, recipients) is a new consent: the person must be able to
    oversee what they agree to (003 art. 7.5)."""
    if consent.withdrawn_on is not None:
        raise InvalidPersonData("consent", "already_withdrawn")
    if valid_until is not None and valid_until < consent.valid_from:
        raise InvalidPersonData("valid_until", "before_valid_from")
    content_type = _evidence_type(evidence) if evidence is not None else ""
    _process(professional=professional, person=consent.person, action=Action.RECORD,
             categories=consent.categories, context=context)
    changed = []
    if valid_until != consent.valid_until:
        consent.valid_until = valid_until
        changed.append("valid_until")
    if evidence is not None:
        consent.evidence_encrypted = crypto.encrypt_bytes(evidence.data)
        consent.evidence_name = evidence.name[:200]
        consent.evidence_content_type = content_type
        consent.evidence_size = len(evidence.data)
        changed += ["evidence_encrypted", "evidence_name", "evidence_content_type",
                    "evidence_size"]
    if changed:
        consent.save(update_fields=changed)
        ConsentEvent._records.create(
            consent=consent, kind=ConsentEventKind.CHANGED, on=timezone.localdate(),
            by=professional,
            detail=", ".join(sorted({"evidence" if c.startswith("evidence") else c
                                     for c in changed})))
    return consent


@gateway
def consent_withdraw(*, professional: Professional, consent: Consent, context: Context,
                     on: dt.date | None = None) -> None:
    """Withdraw a consent: no further disclosures from that day (S5); the history stays."""
    if consent.withdrawn_on is not None:
        raise InvalidPersonData("consent", "already_withdrawn")
    _process(professional=professional, person=consent.person, action=Action.RECORD,
             categories=consent.categories, context=context)
    consent.withdrawn_on = on or timezone.localdate()
    consent.withdrawn_by = professional
    consent.save(update_fields=["withdrawn_on", "withdrawn_by"])
    ConsentEvent._records.create(consent=consent, kind=ConsentEventKind.WITHDRAWN,
                                 on=consent.withdrawn_on, by=professional)


@gateway
def consent_evidence_view(*, professional: Professional, consent: Consent,
                          context: Context) -> tuple[str, str, bytes]:
    """The evidence document of a consent (name, content type, bytes), read as a logged view."""
    if consent.evidence_encrypted is None:
        raise InvalidPersonData("evidence", "none")
    _process(professional=professional, person=consent.person, action=Action.VIEW,
             categories=consent.categories, context=context,
             contributor=consent.obtained_by_partner.key)
    return (consent.evidence_name, consent.evidence_content_type,
            crypto.decrypt_bytes(consent.evidence_encrypted))


@gateway
def consent_statement_view(*, professional: Professional, consent: Consent,
                           context: Context) -> str:
    """The text of the signed consent statement, read as a logged view."""
    if consent.statement_encrypted is None:
        return ""
    _process(professional=professional, person=consent.person, action=Action.VIEW,
             categories=consent.categories, context=context,
             contributor=consent.obtained_by_partner.key)
    return crypto.decrypt(consent.statement_encrypted)


# --- sharing without consent: the recorded weighing (S7) --------------------------------------

# What the log line of recording a weighing or an informing names: the record itself says
# something about the person's situation; the first category the step (or purpose) records.
WEIGHING_CATEGORIES = ("aard-zorgen", "hulpverlening", "identiteit")
INFORMING_CATEGORIES = ("hulpverlening", "identiteit", "aard-zorgen")


def _fit(person: Person, context: Context, preferred: tuple[str, ...]) -> list[str]:
    index = _index_for(person)
    if context.step is not None:
        allowed = index.step_record.get(context.step, frozenset())
    else:
        allowed = index.purpose_categories.get(context.purpose, frozenset())
    return [next((c for c in preferred if c in allowed), preferred[0])]


def _filled(text: str) -> str:
    return text.strip()


@gateway
def justification_record(
    *,
    professional: Professional,
    person: Person,
    kind: str,
    purpose: str,
    recipients: Iterable[str],
    categories: Iterable[str],
    answers: Mapping[str, str],
    why_no_consent: str,
    functionary_name: str,
    functionary_function: str,
    context: Context,
    vital_motivation: str = "",
    client_informed_on: dt.date | None = None,
    inform_by: dt.date | None = None,
    inform_exception: bool = False,
    exception_motivation: str = "",
    exception_review_on: dt.date | None = None,
) -> JustificationRecord:
    """Record the weighing for sharing without consent (S7; 003 art. 9.2-9.4): the answers to
    questions a-h, why consent was impossible, the functionary consulted, what goes to whom,
    and when the client is (or was) informed, or an AVG art. 23 exception with its motivation
    and review date (T3). A vital interest needs the extra motivation of a very serious,
    life-threatening situation (9.2). The gateway then puts it on record for every disclosure
    of this partner for this person, purpose and recipient."""
    if kind not in JustificationKindChoice.values:
        raise InvalidPersonData("kind", "unknown")
    index = _index_for(person)
    if purpose not in index.purpose_grounds:
        raise InvalidPersonData("purpose", "unknown")
    recipients, categories = sorted(set(recipients)), sorted(set(categories))
    if not recipients:
        raise InvalidPersonData("recipients", "required")
    if set(recipients) - index.partners:
        raise InvalidPersonData("recipients", "unknown")
    if not categories:
        raise InvalidPersonData("categories", "required")
    if set(categories) - index.purpose_categories[purpose]:
        raise InvalidPersonData("categories", "not_in_purpose")
    clean = {q: _filled(answers.get(q, "")) for q in WEIGHING_QUESTIONS}
    for question, answer in clean.items():
        if not answer:
            raise InvalidPersonData(f"answer_{question}", "required")
    for field, value in (("why_no_consent", why_no_consent),
                         ("functionary_name", functionary_name),
                         ("functionary_function", functionary_function)):
        if not value.strip():
            raise InvalidPersonData(field, "required")
    if kind == JustificationKindChoice.VITAL_INTEREST and not vital_motivation.strip():
        raise InvalidPersonData("vital_motivation", "vital_required")
    today = timezone.localdate()
    plans = sum((client_informed_on is not None, inform_by is not None, inform_exception))
    if plans == 0:
        raise InvalidPersonData("inform_by", "inform_not_planned")
    if plans > 1:
        raise InvalidPersonData("inform_by", "inform_one_plan")
    if client_informed_on is not None and client_informed_on > today:
        raise InvalidPersonData("client_informed_on", "future")
    if inform_by is not None and inform_by < today:
        raise InvalidPersonData("inform_by", "past")
    if inform_exception:
        if not exception_motivation.strip():
            raise InvalidPersonData("exception_motivation", "required")
        if exception_review_on is None:
            raise InvalidPersonData("exception_review_on", "required")
        if exception_review_on < today:
            raise InvalidPersonData("exception_review_on", "past")
    partner = _own_partner(professional)
    _decision, version = _process(professional=professional, person=person,
                                  action=Action.RECORD,
                                  categories=_fit(person, context, WEIGHING_CATEGORIES),
                                  context=context)
    text = {**clean, "why_no_consent": why_no_consent.strip(),
            "vital_motivation": vital_motivation.strip(),
            "exception_motivation": exception_motivation.strip()}
    return JustificationRecord._records.create(
        person=person, kind=kind, purpose=purpose, recipients=recipients,
        categories=categories, answers_encrypted=crypto.encrypt(json.dumps(text)),
        functionary_name=functionary_name.strip(),
        functionary_function=functionary_function.strip(),
        client_informed_on=client_informed_on, inform_by=inform_by,
        inform_exception=inform_exception,
        exception_review_on=exception_review_on if inform_exception else None,
        owning_partner=partner, case_ref=context.case_ref or "",
        covenant_version=version.label, recorded_by=professional,
    )


@gateway
def justification_view(*, professional: Professional, justification: JustificationRecord,
                       context: Context) -> dict[str, str]:
    """The texts of a weighing (answers a-h, why no consent, motivations), a logged view."""
    _process(professional=professional, person=justification.person, action=Action.VIEW,
             categories=_fit(justification.person, context, WEIGHING_CATEGORIES),
             context=context, contributor=justification.owning_partner.key)
    texts: dict[str, str] = json.loads(crypto.decrypt(justification.answers_encrypted))
    return texts


# --- informing (T1, T3, T4, K4) ---------------------------------------------------------------


def _household_ids(person: Person) -> set[int]:
    return set(HouseholdMember._records.filter(person=person)
               .values_list("household_id", flat=True))


@gateway
def informing_record(
    *,
    professional: Professional,
    person: Person,
    context: Context,
    about: str = InformingAbout.PROCESSING,
    timing: str = InformingTiming.BEFORE,
    method: str = InformingMethod.IN_PERSON,
    informed_on: dt.date | None = None,
    consultation: Any = None,
    justification: JustificationRecord | None = None,
    note: str = "",
    exception_motivation: str = "",
    review_on: dt.date | None = None,
) -> Informing:
    """Record that, when, how and by whom a person was informed (T1, K4), before or after (T4),
    or, with ``method="exception"``, an AVG art. 23 exception to informing for now (T3, 001
    protocol 7.6): motivated and with a review date. ``consultation`` (a named
    cases.Consultation of a case of the person's household) marks the family informed about a
    consultation held without them; ``justification`` the client informed of a disclosure
    without consent."""
    if about not in InformingAbout.values:
        raise InvalidPersonData("about", "unknown")
    if timing not in InformingTiming.values:
        raise InvalidPersonData("timing", "unknown")
    if method not in InformingMethod.values:
        raise InvalidPersonData("method", "unknown")
    today = timezone.localdate()
    if method == InformingMethod.EXCEPTION:
        if not exception_motivation.strip():
            raise InvalidPersonData("exception_motivation", "required")
        if review_on is None:
            raise InvalidPersonData("review_on", "required")
        if review_on < today:
            raise InvalidPersonData("review_on", "past")
        informed_on = None
    else:
        informed_on = informed_on or today
        if informed_on > today:
            raise InvalidPersonData("informed_on", "future")
        review_on = None
    if consultation is not None:
        case = getattr(consultation, "case", None)
        if case is None or case.household_id not in _household_ids(person):
            raise InvalidPersonData("consultation", "not_in_case")
        about = InformingAbout.CONSULTATION
    if justification is not None:
        if justification.person_id != person.pk:
            raise InvalidPersonData("justification", "other_person")
        about = InformingAbout.DISCLOSURE
    partner = _own_partner(professional)
    _process(professional=professional, person=person, action=Action.RECORD,
             categories=_fit(person, context, INFORMING_CATEGORIES), context=context)
    text = (exception_motivation if method == InformingMethod.EXCEPTION else note).strip()
    return Informing._records.create(
        person=person, about=about, timing=timing, method=method, informed_on=informed_on,
        informed_by=professional, partner=partner,
        purpose="" if about == InformingAbout.PROCESSING and not context.purpose
        else context.purpose,
        consultation=consultation, justification=justification,
        note_encrypted=crypto.encrypt(text) if text else None,
        exception_review_on=review_on, case_ref=context.case_ref or "",
        recorded_by=professional,
    )


# --- K8: reactions, corrections, own statements -----------------------------------------------


@gateway
def remark_add(
    *,
    professional: Professional,
    kind: str,
    given_by: Person,
    text: str,
    context: Context,
    item: DossierItem | None = None,
    person: Person | None = None,
    given_on: dt.date | None = None,
    categories: Iterable[str] = (),
) -> Remark:
    """K8 (003 art. 15.7; 001 Bijlage 2): the family's reaction to a dossier item, the
    correction of a factual error in it (the original stays as history), or the subject's own
    statement (eigen verklaring), about an opinion in an item or on its own. Recorded in the
    own partner's dossier, encrypted, and logged as a RECORD."""
    if kind not in RemarkKind.values:
        raise InvalidPersonData("kind", "unknown")
    if not text.strip():
        raise InvalidPersonData("text", "required")
    partner = _own_partner(professional)
    if item is not None:
        person = item.person
        if item.owning_partner_id != partner.pk:
            raise InvalidPersonData("item", "not_own_dossier")
        if kind == RemarkKind.CORRECTION and item.nature != "fact":
            raise InvalidPersonData("kind", "correction_of_fact_only")
        if kind == RemarkKind.OWN_STATEMENT and item.nature != "opinion":
            raise InvalidPersonData("kind", "statement_on_opinion_only")
        categories = item.categories
    elif kind != RemarkKind.OWN_STATEMENT:
        raise InvalidPersonData("item", "required")
    if person is None:
        raise InvalidPersonData("person", "required")
    family = {person.pk} | _representative_ids(person)
    if kind != RemarkKind.OWN_STATEMENT:
        family |= set(HouseholdMember._records.filter(household_id__in=_household_ids(person))
                      .values_list("person_id", flat=True))
    if given_by.pk not in family:
        raise InvalidPersonData("given_by", "not_family")
    given_on = given_on or timezone.localdate()
    if given_on > timezone.localdate():
        raise InvalidPersonData("given_on", "future")
    categories = sorted(set(categories)) or _fit(person, context, INFORMING_CATEGORIES)
    _process(professional=professional, person=person, action=Action.RECORD,
             categories=categories, context=context)
    return Remark._records.create(
        person=person, item=item, kind=kind, given_by=given_by, given_on=given_on,
        text_encrypted=crypto.encrypt(text.strip()), categories=categories,
        owning_partner=partner, recorded_by=professional,
    )


@gateway
def remarks_view(*, professional: Professional, person: Person, context: Context,
                 item: DossierItem | None = None) -> list[tuple[Remark, str]]:
    """The reactions, corrections and own statements about a person (or one item) in the own
    partner's dossier (C5), oldest first, with their texts: one logged view."""
    partner = _own_partner(professional)
    remarks = list(Remark._records.filter(person=person, owning_partner=partner,
                                          **({"item": item} if item else {}))
                   .select_related("given_by", "item")
                   .order_by("given_on", "pk"))
    if not remarks:
        return []
    _process(professional=professional, person=person, action=Action.VIEW,
             categories=sorted({c for r in remarks for c in r.categories}), context=context,
             contributor=partner.key)
    return [(r, crypto.decrypt(r.text_encrypted)) for r in remarks]


# --- the error catalogue of these services ------------------------------------------------------

register(
    codes={
        "consent_age_representative": _(
            "for a child of %(age)s the parent(s) with authority or the guardian give consent "
            "(S6, %(article)s)."),
        "consent_age_child_and_representative": _(
            "for a child of %(age)s the child and a parent with authority (or the guardian) "
            "both give consent (S6, %(article)s)."),
        "consent_age_subject": _(
            "someone of %(age)s gives consent personally; a parent's consent does not replace "
            "it (S6, %(article)s)."),
        "not_subject_or_representative": _(
            "only the person and their legal representatives can give consent (S6)."),
        "told_withdrawable": _(
            "tell the person that consent can always be withdrawn, and record that you did "
            "(S5, privacy protocol art. 6.4c)."),
        "evidence_required": _(
            "add the evidence: the signed form as a document, or the text of the signed "
            "statement (S5: the burden of proof lies with the controller)."),
        "too_large": _("the file is larger than %(limit)s."),
        "file_type": _("only PDF, JPEG or PNG files are accepted."),
        "none": _("there is no document."),
        "already_withdrawn": _("this consent has already been withdrawn."),
        "not_in_purpose": _("this data category is not part of the purpose in the covenant."),
        "vital_required": _(
            "a vital interest needs the extra motivation of a very serious, life-threatening "
            "situation (S7, 003 art. 9.2)."),
        "inform_not_planned": _(
            "record whether and when the client is informed: the date they were informed, the "
            "date by which you will inform them, or an AVG art. 23 exception (S7, T4)."),
        "inform_one_plan": _(
            "choose one: informed on a date, to be informed by a date, or an exception."),
        "past": _("the date lies in the past."),
        "other_person": _("this belongs to another person."),
        "not_own_dossier": _("only the partner that keeps this item can add to it (C5)."),
        "correction_of_fact_only": _(
            "only facts are corrected; add a reaction or an own statement to an opinion (K8)."),
        "statement_on_opinion_only": _(
            "an own statement is about an opinion; correct a fact or add a reaction (K8)."),
        "not_family": _("this is not the person or a member of their family (K8)."),
    },
    fields={
        "given_on": _("Given on"),
        "method": _("How consent was given"),
        "told_withdrawable": _("Told that consent can be withdrawn"),
        "evidence": _("Evidence"),
        "statement": _("Signed statement"),
        "obtained_by": _("Obtained by"),
        "purpose": _("Purpose"),
        "consent": _("Consent"),
        "kind": _("Kind"),
        "why_no_consent": _("Why consent was not possible"),
        "functionary_name": _("Functionary consulted"),
        "functionary_function": _("Function of the functionary"),
        "vital_motivation": _("Life-threatening situation"),
        "client_informed_on": _("Client informed on"),
        "inform_by": _("Client informed by"),
        "exception_motivation": _("Why the client is not informed (AVG art. 23)"),
        "exception_review_on": _("Review the exception on"),
        "review_on": _("Review the exception on"),
        "about": _("Informed about"),
        "timing": _("Before or after"),
        "informed_on": _("Informed on"),
        "consultation": _("Consultation"),
        "justification": _("Weighing"),
        "item": _("Dossier item"),
        "person": _("Person"),
        "answer_a": _("Question a"),
        "answer_b": _("Question b"),
        "answer_c": _("Question c"),
        "answer_d": _("Question d"),
        "answer_e": _("Question e"),
        "answer_f": _("Question f"),
        "answer_g": _("Question g"),
        "answer_h": _("Question h"),
    },
)
