"""Reads of advice requests and reports without their content."""

from __future__ import annotations

from django.db.models import F, QuerySet

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.selectors import cases_involving as cases_involving
from deelwijzer.cases.selectors import person_visible_to as person_visible_to
from deelwijzer.cases.selectors import persons_visible_to as persons_visible_to
from deelwijzer.cases.selectors import works_with_clients
from deelwijzer.selectors import ALL, Listing, Window, window_of
from deelwijzer.veiligthuis.models import AdviceRequest, Report

# The partner that is Veilig Thuis in the covenant (DESIGN.md: the covenant format has no
# field for it yet).
VEILIG_THUIS = "veilig-thuis"



def _id(pk: object) -> int:
    """A database id from user input; ValueError when it cannot be one."""
    value = int(str(pk))
    if not 0 < value < 2**63:
        raise ValueError(pk)
    return value


def is_veilig_thuis(professional: Professional) -> bool:
    """A Veilig Thuis professional (P5: in a care role; its administrators see no reports)."""
    partner = professional.partner
    return (partner is not None and partner.key == VEILIG_THUIS
            and works_with_clients(professional))


def _advice_requests_for(professional: Professional) -> QuerySet[AdviceRequest]:
    """Veilig Thuis staff: every advice request of the partnership; others: their own."""
    requests = AdviceRequest._records.select_related("asker", "asker_partner", "answered_by")
    partner = professional.partner
    if partner is not None and is_veilig_thuis(professional):
        requests = requests.filter(partnership_id=partner.partnership_id)
    else:
        requests = requests.filter(asker=professional)
    # Open ones first on every database (PostgreSQL sorts NULL last, SQLite first).
    return requests.order_by(F("answered_at").asc(nulls_first=True), "-asked_at", "-pk")


def advice_request_for(professional: Professional, pk: object) -> AdviceRequest | None:
    try:
        return _advice_requests_for(professional).filter(pk=_id(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def _reports_for(professional: Professional) -> QuerySet[Report]:
    """Veilig Thuis staff: the reports it received; others: the reports they made."""
    reports = Report._records.select_related("person", "reporter", "reporter_partner")
    if is_veilig_thuis(professional):
        reports = reports.filter(recipient_id=professional.partner_id)
    else:
        reports = reports.filter(reporter=professional)
    return reports.order_by("-reported_at", "-pk")


def report_for(professional: Professional, pk: object) -> Report | None:
    try:
        return _reports_for(professional).filter(pk=_id(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


# Public readers return lists: a queryset evaluated in a view would query personal-data tables
# outside the gateway (tests/test_gateway.py watches that).


def advice_requests_for(professional: Professional, *, status: str = "",
                        window: Window = ALL) -> Listing[AdviceRequest]:
    """Veilig Thuis staff: every advice request of the partnership; others: their own. Open
    ones first, newest first; ``status`` "open" or "answered". Two queries whatever the
    window."""
    rows = _advice_requests_for(professional)
    if status == "open":
        rows = rows.filter(answered_at__isnull=True)
    elif status == "answered":
        rows = rows.filter(answered_at__isnull=False)
    return window_of(rows, window)


def reports_for(professional: Professional, *, family: str = "",
                window: Window = ALL) -> Listing[Report]:
    """Veilig Thuis staff: the reports it received; others: the reports they made; newest
    first. ``family`` "to_inform" (not told beforehand and not informed since) or "informed".
    Two queries whatever the window."""
    rows = _reports_for(professional)
    if family == "to_inform":
        rows = rows.filter(family_informed_before=False, family_informed_on__isnull=True)
    elif family == "informed":
        rows = rows.exclude(family_informed_before=False, family_informed_on__isnull=True)
    return window_of(rows, window)
