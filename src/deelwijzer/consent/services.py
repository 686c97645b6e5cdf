"""Consent (S5, S6), the weighing for sharing without consent (S7) and informing (T1, T3, T4,
K4), through the gateway: each service asks ``gateway.process`` before it touches the data."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.models import Professional
from deelwijzer.persons import crypto
from deelwijzer.persons.choices import (
    ConsentMethod,
    InformingAbout,
    InformingMethod,
    InformingTiming,
    JustificationKindChoice,
)
from deelwijzer.persons.errors import register
from deelwijzer.persons.gateway import (
    INFORMING_CATEGORIES,
    WEIGHING_CATEGORIES,
    Context,
    InvalidPersonData,
    gateway,
    index_for,
    own_partner,
    process,
    record_categories,
)
from deelwijzer.persons.models import (
    Consent,
    ConsentEvent,
    ConsentEventKind,
    Informing,
    Person,
)
from deelwijzer.persons.models import Justification as JustificationRecord
from deelwijzer.persons.selectors import household_ids_of, representative_ids_of
from deelwijzer.policy import (
    WEIGHING_QUESTIONS,
    Action,
    age_on,
    citation,
)

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


def consent_givers_required(person: Person, on: dt.date | None = None) -> str:
    """S6 (003 art. 8): who gives consent for this person on the day: "representatives" (under
    12), "child_and_representative" (12 to 15) or "subject" (16 and older), by the covenant's
    numbers."""
    index = index_for(person)
    age = age_on(person.birth_date, on or timezone.localdate())
    if age < index.representatives_only_below:
        return "representatives"
    if age < index.child_alone_from:
        return "child_and_representative"
    return "subject"


def _check_givers(person: Person, given_by: list[Person], on: dt.date) -> None:
    """S6 at recording: refuse givers that do not satisfy the age rule, naming the field, the
    rule and its article in the covenant."""
    representatives = representative_ids_of(person)
    ids = {p.pk for p in given_by}
    if ids - representatives - {person.pk}:
        raise InvalidPersonData("given_by", "not_subject_or_representative")
    index = index_for(person)
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
    index = index_for(person)
    if set(recipients) - index.partners:
        raise InvalidPersonData("recipients", "unknown")
    if purpose not in index.purpose_grounds:
        raise InvalidPersonData("purpose", "unknown")
    _check_givers(person, given_by, given_on)
    partner = own_partner(professional)
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
    process(professional=professional, person=person, action=Action.RECORD,
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
    process(professional=professional, person=consent.person, action=Action.RECORD,
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
    process(professional=professional, person=consent.person, action=Action.RECORD,
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
    process(professional=professional, person=consent.person, action=Action.VIEW,
             categories=consent.categories, context=context,
             contributor=consent.obtained_by_partner.key, author=consent.recorded_by_id)
    return (consent.evidence_name, consent.evidence_content_type,
            crypto.decrypt_bytes(consent.evidence_encrypted))


@gateway
def consent_statement_view(*, professional: Professional, consent: Consent,
                           context: Context) -> str:
    """The text of the signed consent statement, read as a logged view."""
    if consent.statement_encrypted is None:
        return ""
    process(professional=professional, person=consent.person, action=Action.VIEW,
             categories=consent.categories, context=context,
             contributor=consent.obtained_by_partner.key, author=consent.recorded_by_id)
    return crypto.decrypt(consent.statement_encrypted)


# --- sharing without consent: the recorded weighing (S7) --------------------------------------

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
    index = index_for(person)
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
    partner = own_partner(professional)
    _decision, version = process(
        professional=professional, person=person, action=Action.RECORD,
        categories=record_categories(person, context, WEIGHING_CATEGORIES), context=context)
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
    process(professional=professional, person=justification.person, action=Action.VIEW,
             categories=record_categories(justification.person, context, WEIGHING_CATEGORIES),
             context=context, contributor=justification.owning_partner.key,
             author=justification.recorded_by_id)
    texts: dict[str, str] = json.loads(crypto.decrypt(justification.answers_encrypted))
    return texts


# --- informing (T1, T3, T4, K4) ---------------------------------------------------------------


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
        if case is None or case.household_id not in household_ids_of(person):
            raise InvalidPersonData("consultation", "not_in_case")
        about = InformingAbout.CONSULTATION
    if justification is not None:
        if justification.person_id != person.pk:
            raise InvalidPersonData("justification", "other_person")
        about = InformingAbout.DISCLOSURE
    partner = own_partner(professional)
    process(professional=professional, person=person, action=Action.RECORD,
             categories=record_categories(person, context, INFORMING_CATEGORIES), context=context)
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
