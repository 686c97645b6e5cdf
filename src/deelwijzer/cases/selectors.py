"""Reads of cases, involvements and action items (no content: that is read through services)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.models import ActionItem, Case, Consultation, Involvement
from deelwijzer.policy import CaseRole


def case_by_reference(reference: str) -> Case | None:
    return Case._records.filter(reference=reference).first()


def involvement_of(case: Case, professional: Professional) -> Involvement | None:
    """The professional's own involvement in the case (P4 need to know is personal)."""
    return Involvement._records.filter(case=case, professional=professional).first()


def case_role_of(case: Case, professional: Professional) -> CaseRole | None:
    """K3: the professional's role in the case; None when not involved (P4 refuses then)."""
    involvement = involvement_of(case, professional)
    return CaseRole(involvement.role) if involvement else None


def involvements(case: Case) -> QuerySet[Involvement]:
    return Involvement._records.filter(case=case).select_related("partner", "professional")


def action_items_for(professional: Professional, consultation: Consultation) -> list[ActionItem]:
    """K6: the case director sees every action item; anyone else only the items they own: their
    own involvement's, or their partner's when that involvement names no professional."""
    items = ActionItem._records.filter(consultation=consultation).select_related(
        "owner", "owner__partner").order_by("due", "pk")
    case = consultation.case
    if case is not None and case.director_id == professional.pk:
        return list(items)
    return list(items.filter(
        Q(owner__professional=professional)
        | Q(owner__professional__isnull=True, owner__partner_id=professional.partner_id)))
