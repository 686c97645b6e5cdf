"""The team coordinator's monitoring page (P5): counts and stages, no content."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.cases.monitoring.selectors import monitoring_summary
from deelwijzer.covenant.selectors import policy_index, version_in_force
from deelwijzer.covenant.views import user_partnership


@login_required
def monitoring(request: HttpRequest) -> HttpResponse:
    user = cast(Professional, request.user)
    if not user.has_role(Role.TEAM_COORDINATOR):
        raise PermissionDenied
    partnership = user_partnership(user)
    if partnership is None:
        return render(request, "cases/monitoring.html", {"summary": None})
    summary = monitoring_summary(partnership)
    version = version_in_force(partnership)
    steps = policy_index(version).step_names if version else {}
    per_step = [(steps.get(step, step), summary.per_step.get(step, 0)) for step in steps]
    per_step += [(step, n) for step, n in summary.per_step.items() if step not in steps]
    return render(request, "cases/monitoring.html", {
        "summary": summary, "per_step": per_step,
        "rows": [(case, steps.get(case.step, case.step)) for case in summary.cases],
    })
