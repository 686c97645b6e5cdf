"""Reads for the consent screens: which persons a professional may see, the Context to process
them in, and what the professional still has to inform people about ("Te informeren").

Object access (P4 need to know): a professional sees a member of a household of a case they are
involved in, and outside a case a person they registered or recorded something about themselves
(``cases.selectors.person_visible_to``). Anything else is "not found".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.models import Case, Consultation, Involvement
from deelwijzer.cases.selectors import cases_involving as cases_involving
from deelwijzer.cases.selectors import person_visible_to as person_visible_to
from deelwijzer.cases.selectors import persons_search as persons_search
from deelwijzer.cases.selectors import persons_visible_to as persons_visible_to
from deelwijzer.cases.services import case_context
from deelwijzer.covenant.selectors import policy_index, version_in_force
from deelwijzer.persons import selectors as persons
from deelwijzer.persons.gateway import Context
from deelwijzer.persons.models import Person
from deelwijzer.policy import age_on

# T4 (004 rule 2): afterwards "only if unavoidable" and then soon; the covenant names no number
# of days, so the reminder for a consultation held without the family falls due a week later.
INFORM_AFTER_DAYS = 7


def case_for(professional: Professional, person: Person) -> Case | None:
    """The newest open case of the person's households the professional is involved in."""
    households = persons.household_ids_of(person)
    involvement = (Involvement._records.filter(case__household_id__in=households,
                                               case__closed_at__isnull=True,
                                               professional=professional)
                   .select_related("case").order_by("-case__opened_at").first())
    return involvement.case if involvement else None


def context_for(professional: Professional, person: Person, purpose: str) -> Context:
    """The Context to record or read about this person for ``purpose``: in the professional's
    case of the person's household (its reference and the professional's role), without the
    step's limits (consent, weighing and informing are not the step's own data); outside a
    case without a role: the professional then reaches only what it recorded itself (P4)."""
    case = case_for(professional, person)
    if case is not None:
        return dataclasses.replace(case_context(case, professional, purpose), step=None)
    version = version_in_force(person.partnership)
    partner = professional.partner
    ground = None
    if version is not None and partner is not None:
        ground = policy_index(version).purpose_grounds.get(purpose, {}).get(partner.key)
    return Context(purpose=purpose, ground=ground, case_role=None)


# --- Te informeren ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """Someone the professional must still inform (T4, K4), or an exception to review (T3)."""

    person: Person
    reason: str  # "weighing" | "weighing_exception" | "exception" | "consultation_before"
    #              | "consultation_after"
    due: dt.date
    case_ref: str = ""
    consultation_id: int | None = None
    justification_id: int | None = None

    @property
    def overdue(self) -> bool:
        return self.due < timezone.localdate()


def _consultation_dues(professional: Professional) -> list[Due]:
    consultations = list(Consultation._records.filter(
        kind="named", family_present=False, informed_by=professional,
        case__closed_at__isnull=True).select_related("case", "partnership"))
    if not consultations:
        return []
    informed = persons.informings_for_consultations([c.pk for c in consultations])
    members = persons.persons_by_household(
        [c.case.household_id for c in consultations if c.case is not None])
    dues = []
    for consultation in consultations:
        case = consultation.case
        if case is None or getattr(consultation, "family_informed_on", None):
            continue
        version = version_in_force(consultation.partnership)
        below = policy_index(version).representatives_only_below if version else 12
        after = consultation.inform_when == "after"
        due = consultation.date + dt.timedelta(days=INFORM_AFTER_DAYS if after else 0)
        for person in members[case.household_id]:
            if (consultation.pk, person.pk) in informed:
                continue
            if age_on(person.birth_date, consultation.date) < below:
                continue  # T1 with 003 art. 11.2: a young child is informed through its parents
            dues.append(Due(person, "consultation_after" if after else "consultation_before",
                            due, case.reference, consultation_id=consultation.pk))
    return dues


def informing_due_for(professional: Professional) -> list[Due]:
    """What the professional must still inform people about, overdue first, then by date:
    consultations held (or to be held) without the family where they were named to inform,
    disclosures on a weighing whose client is to be informed by a date, and exceptions
    (AVG art. 23) that come up for review."""
    dues = _consultation_dues(professional)
    for weighing in persons.open_weighings_to_inform(professional.pk):
        if weighing.inform_exception and weighing.exception_review_on:
            dues.append(Due(weighing.person, "weighing_exception", weighing.exception_review_on,
                            weighing.case_ref, justification_id=weighing.pk))
        elif weighing.inform_by:
            dues.append(Due(weighing.person, "weighing", weighing.inform_by, weighing.case_ref,
                            justification_id=weighing.pk))
    for exception in persons.open_exceptions(professional.pk):
        if exception.exception_review_on:
            dues.append(Due(exception.person, "exception", exception.exception_review_on,
                            exception.case_ref))
    return sorted(dues, key=lambda d: (not d.overdue, d.due, d.person.pk))


def informing_due_count(professional: Professional) -> int:
    """The number for a badge on other screens."""
    return len(informing_due_for(professional))
