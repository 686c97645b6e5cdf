"""Veilig Thuis: advice without identifying data, and reports after the meldcode (S12; 003
art. 10; DOMAIN T3, T4).

- ``advice_request_create`` / ``advice_request_answer``: no person, no consent, nothing
  identifying (003 art. 10.2): the texts pass ``deelwijzer.cases.anonymity.identifying`` and a
  hit is refused naming the field. Nothing is logged: no data subject is processed.
- ``report_create``: a report (melding) about a person, with the five meldcode steps, whether
  the family was told beforehand and, if not, why not. The report is a DISCLOSE to Veilig
  Thuis through the gateway, at the covenant's first work-process step (the signal), with
  the meldrecht (Wmo 2015 art. 5.2.6) on record as the statutory power that lifts secrecy.
- ``report_record_family_informed``: T4, the family informed afterwards.

See DESIGN.md beside this file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.services import check_anonymous
from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.selectors import policy_index, version_covenant
from deelwijzer.persons import crypto
from deelwijzer.persons.errors import register
from deelwijzer.persons.gateway import (
    Context,
    Grounds,
    InvalidPersonData,
    gateway,
    own_partner,
    process,
    version_for,
)
from deelwijzer.persons.models import Person
from deelwijzer.policy import Action, CaseRole
from deelwijzer.veiligthuis.choices import MeldcodeStep
from deelwijzer.veiligthuis.models import AdviceRequest, Report
from deelwijzer.veiligthuis.selectors import VEILIG_THUIS, is_veilig_thuis, person_visible_to

# The statutory power to report that lifts professional secrecy (the "meldrecht").
MELDRECHT = "Wmo 2015 art. 5.2.6 (meldrecht Veilig Thuis)"
# Steps that may stay empty when the family was not told beforehand (safety).
OPTIONAL_WITHOUT_FAMILY = frozenset({MeldcodeStep.CONVERSATION.value})

register(
    codes={
        "not_veilig_thuis": _("only a professional of Veilig Thuis may do this."),
        "is_veilig_thuis": _("Veilig Thuis does not report to itself."),
        "already_answered": _("this request has already been answered."),
        "not_known": _("you may only ask about a person your organisation knows or a member "
                       "of a case you are involved in."),
        "not_reporter": _("only the professional who made the report may record this."),
        "already_informed": _("the family was already told beforehand."),
        "not_party": _("only the reporter and Veilig Thuis may read this report."),
    },
    fields={
        "question": _("Question"),
        "advice": _("Advice"),
        "concerns": _("Concerns"),
        "not_informed_reason": _("Why the family was not told"),
        "family_informed_on": _("Family informed on"),
        "family_informed_before": _("Family told beforehand"),
        **{f"step_{s.value}_date": format_lazy(_("Date of step {step}"), step=s.value)
           for s in MeldcodeStep},
        **{f"step_{s.value}_notes": format_lazy(_("Notes of step {step}"), step=s.value)
           for s in MeldcodeStep},
    },
)


@dataclass(frozen=True)
class ReportTexts:
    concerns: str
    step_notes: dict[int, str]
    not_informed_reason: str


def _required(value: str, field: str) -> str:
    if not value or not value.strip():
        raise InvalidPersonData(field, "required")
    return value.strip()



# --- advice -----------------------------------------------------------------------------------


@gateway
def advice_request_create(*, professional: Professional, question: str) -> AdviceRequest:
    """Ask Veilig Thuis for advice without identifying data (003 art. 10.2): no consent, no
    person, nothing logged."""
    partner = own_partner(professional)
    question = _required(question, "question")
    check_anonymous(partner.partnership, question=question)
    return AdviceRequest._records.create(partnership=partner.partnership, asker=professional,
                                         asker_partner=partner, question=question)


@gateway
def advice_request_answer(*, professional: Professional, advice_request: AdviceRequest,
                          advice: str) -> AdviceRequest:
    """A Veilig Thuis professional answers; the advice names no one either."""
    if not is_veilig_thuis(professional):
        raise InvalidPersonData("professional", "not_veilig_thuis")
    partner = own_partner(professional)
    if advice_request.partnership_id != partner.partnership_id:
        raise InvalidPersonData("advice", "other_partnership")
    if advice_request.answered_at is not None:
        raise InvalidPersonData("advice", "already_answered")
    advice = _required(advice, "advice")
    check_anonymous(partner.partnership, advice=advice)
    advice_request.advice = advice
    advice_request.answered_by = professional
    advice_request.answered_at = timezone.now()
    advice_request.save(update_fields=["advice", "answered_by", "answered_at"])
    return advice_request


# --- reports ----------------------------------------------------------------------------------


def _steps(steps: Mapping[int, tuple[dt.date | None, str]], family_informed_before: bool,
           today: dt.date) -> tuple[dict[str, str], dict[str, str]]:
    """The meldcode steps (003 art. 10.4): each with a date (not in the future) and notes; step
    3 (the conversation with the client) may stay empty when the family was not told."""
    dates: dict[str, str] = {}
    notes: dict[str, str] = {}
    for step in MeldcodeStep:
        date, note = steps.get(step.value, (None, ""))
        note = (note or "").strip()
        if step.value in OPTIONAL_WITHOUT_FAMILY and not family_informed_before \
                and date is None and not note:
            continue
        if date is None:
            raise InvalidPersonData(f"step_{step.value}_date", "required")
        if date > today:
            raise InvalidPersonData(f"step_{step.value}_date", "future")
        if not note:
            raise InvalidPersonData(f"step_{step.value}_notes", "required")
        dates[str(step.value)] = date.isoformat()
        notes[str(step.value)] = note
    return dates, notes


@gateway
def report_create(
    *,
    professional: Professional,
    person: Person,
    concerns: str,
    categories: Iterable[str],
    steps: Mapping[int, tuple[dt.date | None, str]],
    family_informed_before: bool,
    not_informed_reason: str = "",
) -> Report:
    """S12: report to Veilig Thuis after the meldcode. A DISCLOSE of ``categories`` to Veilig
    Thuis at the covenant's first step, decided and logged; the meldrecht is the ground on
    record (Grounds.legal_duty). The reporter gives its own partner's data (K3 informant)."""
    partner = own_partner(professional)
    if is_veilig_thuis(professional):
        raise InvalidPersonData("professional", "is_veilig_thuis")
    partnership = partner.partnership
    if person_visible_to(professional, person.pk) is None:
        raise InvalidPersonData("person", "not_known")
    version = version_for(partnership)
    index = policy_index(version)
    concerns = _required(concerns, "concerns")
    categories = sorted(set(categories))
    if not categories:
        raise InvalidPersonData("categories", "required")
    if not set(categories) <= index.categories:
        raise InvalidPersonData("categories", "unknown")
    dates, notes = _steps(steps, family_informed_before, timezone.localdate())
    reason = "" if family_informed_before else _required(not_informed_reason,
                                                         "not_informed_reason")
    recipient = Partner.objects.filter(partnership=partnership, key=VEILIG_THUIS).first()
    if recipient is None:
        raise InvalidPersonData("recipient", "unknown")
    step = version_covenant(version).steps[0].id
    purpose = index.step_purpose[step]
    context = Context(purpose=purpose, ground=index.purpose_grounds[purpose].get(partner.key),
                      step=step, case_role=CaseRole.INFORMANT)
    process(professional=professional, person=person, action=Action.DISCLOSE,
             categories=categories, context=context, recipient=recipient.key,
             grounds=Grounds(legal_duty=MELDRECHT, informed=family_informed_before))
    return Report._records.create(
        partnership=partnership, person=person, reporter=professional, reporter_partner=partner,
        recipient=recipient, purpose=purpose, step=step, categories=categories,
        legal_power=MELDRECHT, concerns_encrypted=crypto.encrypt(concerns), step_dates=dates,
        step_notes_encrypted=crypto.encrypt(json.dumps(notes)),
        family_informed_before=family_informed_before,
        not_informed_reason_encrypted=crypto.encrypt(reason) if reason else None,
        covenant_version=version.label,
    )


@gateway
def report_record_family_informed(*, professional: Professional, report: Report,
                                  on: dt.date) -> Report:
    """T4 (004 rule 2): the family not told beforehand is informed afterwards."""
    if report.reporter_id != professional.pk:
        raise InvalidPersonData("professional", "not_reporter")
    if report.family_informed_before:
        raise InvalidPersonData("family_informed_on", "already_informed")
    if on > timezone.localdate():
        raise InvalidPersonData("family_informed_on", "future")
    report.family_informed_on = on
    report.save(update_fields=["family_informed_on"])
    return report


def report_texts(*, professional: Professional, report: Report) -> ReportTexts:
    """The report's texts for the reporter and Veilig Thuis, to whom they were disclosed (that
    disclosure is the logged processing; DESIGN.md)."""
    if report.reporter_id != professional.pk and not (
            is_veilig_thuis(professional) and report.recipient_id == professional.partner_id):
        raise InvalidPersonData("professional", "not_party")
    notes = json.loads(crypto.decrypt(bytes(report.step_notes_encrypted)))
    reason = report.not_informed_reason_encrypted
    return ReportTexts(
        concerns=crypto.decrypt(bytes(report.concerns_encrypted)),
        step_notes={int(k): v for k, v in notes.items()},
        not_informed_reason=crypto.decrypt(bytes(reason)) if reason else "",
    )
