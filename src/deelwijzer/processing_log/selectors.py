"""Reading the processing log: the questions people ask, each answered through an index.

- everything about one data subject (an access request, R1): ``log_subject_seq``
- every disclosure to one partner (V4): the partial index ``log_disclosed_to``
- everything in one case: ``log_case_seq``
- everything in a time window (a breach): ``log_started_at``

All return querysets in log order (by seq), so callers can slice, count or stream them.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from deelwijzer.processing_log.models import Checkpoint, LogEntry
from deelwijzer.processing_log.services import subject_pseudonym


def entries_for_subject(subject_id: str) -> QuerySet[LogEntry]:
    """Every entry about one data subject; none once the subject's key is destroyed."""
    pseudonym = subject_pseudonym(subject_id)
    if pseudonym is None:
        return LogEntry.objects.none()
    return LogEntry.objects.filter(subject_pseudonym=pseudonym).order_by("seq")


def entries_for_pseudonym(pseudonym: str) -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(subject_pseudonym=pseudonym).order_by("seq")


def disclosures_to_partner(partner: str) -> QuerySet[LogEntry]:
    """Every disclosure (allowed or refused) with this partner as recipient."""
    return LogEntry.objects.filter(action="disclose", recipient_partner=partner).order_by("seq")


def entries_for_case(case_ref: str) -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(case_ref=case_ref).order_by("seq")


def entries_between(start: datetime | None, end: datetime | None) -> QuerySet[LogEntry]:
    """Entries whose processing started in ``[start, end)``; None leaves that side open."""
    entries = LogEntry.objects.all()
    if start is not None:
        entries = entries.filter(started_at__gte=start)
    if end is not None:
        entries = entries.filter(started_at__lt=end)
    return entries.order_by("seq")


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-number").first()
