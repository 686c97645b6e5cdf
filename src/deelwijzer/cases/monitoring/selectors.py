"""The monitoring summary: per case its reference, step, dates and counts; nothing about the
family or what was said (P5, 001 privacyprotocol art. 4.3). Case references are not
identifying (they are the processing log's case_ref)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone

from deelwijzer.cases.models import ActionItem, Case, Consultation, Involvement
from deelwijzer.covenant.models import Partnership


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    step: str
    dossier_partner: str
    opened_on: dt.date
    closed_on: dt.date | None
    days_open: int
    partners: int
    consultations: int
    last_consultation: dt.date | None
    without_family: int
    actions: int
    actions_past_due: int


@dataclass(frozen=True)
class Summary:
    cases: list[CaseSummary]
    per_step: dict[str, int]  # open cases per step id
    open_cases: int
    closed_cases: int


def monitoring_summary(partnership: Partnership, today: dt.date | None = None) -> Summary:
    """One row per case of the partnership, open ones first, oldest first."""
    today = today or timezone.localdate()
    cases = (Case._records.filter(partnership=partnership).select_related("dossier_partner")
             .order_by("closed_at", "opened_at"))
    consultations: dict[int, dict[str, Any]] = {
        row["case_id"]: dict(row)
        for row in Consultation._records.filter(case__partnership=partnership)
        .values("case_id")
        .annotate(n=Count("pk"), last=Max("date"),
                  without=Count("pk", filter=Q(family_present=False)))
    }
    partners: Counter[int] = Counter(
        Involvement._records.filter(case__partnership=partnership)
        .values_list("case_id", "partner_id").distinct().values_list("case_id", flat=True))
    actions: dict[int, dict[str, Any]] = {
        row["consultation__case_id"]: dict(row)
        for row in ActionItem._records.filter(consultation__case__partnership=partnership)
        .values("consultation__case_id")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=Q(due__lt=today)))
    }
    rows = []
    for case in cases:
        held = consultations.get(case.pk, {})
        acts = actions.get(case.pk, {})
        opened = timezone.localdate(case.opened_at)
        closed = timezone.localdate(case.closed_at) if case.closed_at else None
        rows.append(CaseSummary(
            reference=case.reference, step=case.step, dossier_partner=case.dossier_partner.name,
            opened_on=opened, closed_on=closed, days_open=((closed or today) - opened).days,
            partners=partners.get(case.pk, 0), consultations=held.get("n", 0),
            last_consultation=held.get("last"), without_family=held.get("without", 0),
            actions=acts.get("n", 0),
            actions_past_due=0 if closed else acts.get("overdue", 0),
        ))
    per_step = Counter(r.step for r in rows if r.closed_on is None)
    return Summary(cases=rows, per_step=dict(per_step),
                   open_cases=sum(per_step.values()),
                   closed_cases=sum(1 for r in rows if r.closed_on is not None))
