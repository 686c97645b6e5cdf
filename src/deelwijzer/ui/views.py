"""The home page: one page, with the sections each of the user's roles needs."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.cases.selectors import case_counts_for, upcoming_consultations
from deelwijzer.consent.selectors import informing_due_for
from deelwijzer.covenant.models import VersionStatus
from deelwijzer.covenant.selectors import version_covenant, version_in_force
from deelwijzer.covenant.views import user_partnership
from deelwijzer.datarequests.selectors import open_requests_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = cast(Professional, request.user)
    partnership = user_partnership(user)
    in_force = version_in_force(partnership) if partnership else None
    draft = (
        partnership.versions.filter(status=VersionStatus.DRAFT).first() if partnership else None
    )
    covenant = version_covenant(in_force) if in_force else None
    own_partner = None
    if covenant is not None and user.partner_id:
        own_partner = next(
            (p for p in covenant.partners if user.partner and p.id == user.partner.key), None)
    awaiting_own_signature = bool(
        draft
        and user.has_role(Role.PARTNER_ADMIN)
        and user.partner_id
        and not draft.signatures.filter(partner_id=user.partner_id).exists()
    )
    roles = user.roles
    is_practitioner = bool(roles & {Role.PROFESSIONAL, Role.CASE_DIRECTOR, Role.CHAIR})
    return render(request, "ui/home.html", {
        "today": _today(user) if is_practitioner and in_force else None,
        "partnership": partnership,
        "in_force": in_force,
        "draft": draft,
        "covenant": covenant,
        "own_partner": own_partner,
        "awaiting_own_signature": awaiting_own_signature,
        "is_practitioner": is_practitioner,
        "is_case_director": Role.CASE_DIRECTOR in roles,
        "is_chair": Role.CHAIR in roles,
        "is_team_coordinator": Role.TEAM_COORDINATOR in roles,
        "is_privacy_officer": Role.PRIVACY_OFFICER in roles,
        "is_partner_admin": Role.PARTNER_ADMIN in roles,
        "is_system_admin": Role.SYSTEM_ADMIN in roles,
    })


def _today(user: Professional) -> dict[str, object]:
    """What needs the professional's attention, where it works: deadlines and missing steps
    (counts only; the pages they link to show the rest)."""
    today = timezone.localdate()
    cases, not_informed = case_counts_for(user)
    dues = informing_due_for(user)
    upcoming, next_date = upcoming_consultations(user, today)
    return {
        "cases": cases,
        "not_informed": not_informed,
        "to_inform": len(dues),
        "overdue": sum(1 for d in dues if d.overdue),
        "consultations": upcoming,
        "next_consultation": next_date,
        "requests": open_requests_to(user),
    }
