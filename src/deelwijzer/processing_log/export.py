"""The log as JSON lines in the shape of Logboek Dataverwerkingen (Logius, LDV).

One line per entry, the fields of the standard's Logboek interface:

==================  ==========================================================================
LDV field           from the entry
==================  ==========================================================================
trace_id            trace_id (W3C trace-context, 32 hex)
span_id             span_id (16 hex)
parent_span_id      parent_span_id, or null
name                the action: record, view, disclose, copy, export, erase
status              ``Ok`` (status ok), ``Unset`` (refused: handled without a fault, as the
                    standard asks for an outcome the input did not allow), ``Error`` (error)
start_time          started_at, ISO 8601 UTC with microseconds
end_time            ended_at, idem
resource            ``{"attributes": {"service.name": "deelwijzer"}}``
attributes          see below
==================  ==========================================================================

Attributes in the standard's ``dpl.core`` namespace:

- ``dpl.core.processing_activity_id``: ``urn:deelwijzer:processing-activity:<activity_id>``
  (the standard asks for a URI pointing into the register of processing activities; the
  activity id is ``<partnership>/<covenant version>/<purpose>/<step or ->``)
- ``dpl.core.data_subject_id``: the subject's pseudonym (never the subject id itself)
- ``dpl.core.data_subject_id_type``: ``urn:deelwijzer:subject-pseudonym:hmac-sha256``

Everything else sits in a ``deelwijzer.`` namespace, as the standard's extension rules allow
for an organisation's own attributes: who acted (``deelwijzer.actor.id``,
``deelwijzer.actor.partner``), the recipient, purpose, step, covenant version, legal ground,
data categories, the decision (``deelwijzer.decision.allowed``, ``deelwijzer.decision.rule_ids``),
the case, and the entry's place in the chain (``deelwijzer.log.seq``, ``.prev_hash``,
``.entry_hash``, ``.created_at``) so an export can be checked against the log.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any, Protocol

from django.db.models import QuerySet

from deelwijzer.processing_log.canonical import parse_datetime
from deelwijzer.processing_log.models import LogEntry, split_codes

STATUS = {"ok": "Ok", "refused": "Unset", "error": "Error"}
ACTIVITY_URN = "urn:deelwijzer:processing-activity:"
SUBJECT_ID_TYPE = "urn:deelwijzer:subject-pseudonym:hmac-sha256"


def _time(value: str) -> str:
    return parse_datetime(value).isoformat(timespec="microseconds").replace("+00:00", "Z")


def ldv_record(seq: int, entry_hash: str, data: dict[str, Any]) -> dict[str, Any]:
    """One entry (its decoded document) in the shape of Logboek Dataverwerkingen."""
    attributes: dict[str, Any] = {
        "dpl.core.processing_activity_id": ACTIVITY_URN + data["activity_id"],
        "dpl.core.data_subject_id": data["subject_pseudonym"],
        "dpl.core.data_subject_id_type": SUBJECT_ID_TYPE,
        "deelwijzer.action": data["action"],
        "deelwijzer.actor.id": data["actor_id"],
        "deelwijzer.actor.partner": data["actor_partner"],
        "deelwijzer.recipient.partner": data["recipient_partner"],
        "deelwijzer.purpose": data["purpose"],
        "deelwijzer.step": data["step"],
        "deelwijzer.covenant.version": data["covenant_version"],
        "deelwijzer.ground": data["ground"],
        "deelwijzer.categories": list(split_codes(data["categories"])),
        "deelwijzer.decision.allowed": data["allowed"],
        "deelwijzer.decision.rule_ids": list(split_codes(data["rule_ids"])),
        "deelwijzer.decision.reasons": list(split_codes(data["reasons"])),
        "deelwijzer.case_ref": data["case_ref"],
        "deelwijzer.status": data["status"],
        "deelwijzer.log.seq": seq,
        "deelwijzer.log.prev_hash": data["prev_hash"],
        "deelwijzer.log.entry_hash": entry_hash,
        "deelwijzer.log.created_at": _time(data["created_at"]),
    }
    return {
        "trace_id": data["trace_id"],
        "span_id": data["span_id"],
        "parent_span_id": data["parent_span_id"],
        "name": data["action"],
        "status": STATUS.get(data["status"], "Unset"),
        "start_time": _time(data["started_at"]),
        "end_time": _time(data["ended_at"]),
        "resource": {"attributes": {"service.name": "deelwijzer"}},
        "attributes": {k: v for k, v in attributes.items() if v is not None},
    }


def export_entries(
    *, since: datetime | None = None, until: datetime | None = None
) -> Iterator[dict[str, Any]]:
    """The entries whose processing started in ``[since, until)``, in log order."""
    entries: QuerySet[LogEntry] = LogEntry.objects.all()
    if since is not None:
        entries = entries.filter(started_at__gte=since)
    if until is not None:
        entries = entries.filter(started_at__lt=until)
    rows = entries.order_by("seq").values_list("seq", "entry_hash", "document")
    for seq, entry_hash, document in rows.iterator(chunk_size=5000):
        yield ldv_record(seq, entry_hash, json.loads(document))


class Writer(Protocol):
    def write(self, text: str, /) -> int: ...


def write_jsonl(
    out: Writer, *, since: datetime | None = None, until: datetime | None = None
) -> int:
    count = 0
    for record in export_entries(since=since, until=until):
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count
