"""The processing log: entries, signed checkpoints, subject keys.

``LogEntry`` and ``Checkpoint`` are append-only: database triggers (migration 0002) refuse
UPDATE, DELETE and TRUNCATE, and their managers have no update or delete path. Entries are
written only by :mod:`deelwijzer.processing_log.services`, with raw SQL under the append lock.

An entry is its ``document`` (the canonical JSON the hash covers, see :mod:`.canonical`). The
columns the questions are asked by are generated from it by the database; every other field is
a read-only attribute decoded from the document.

``SubjectKey`` lives beside the log, not in it: deleting a subject's key row is how a data
subject is erased from the log (the pseudonym stays, nobody can link it any more).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from functools import cached_property
from typing import Any, NoReturn

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q
from django.db.models.expressions import Expression
from django.db.models.sql.compiler import SQLCompiler
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from deelwijzer.processing_log.canonical import decode, parse_datetime

SEPARATOR = ","
_CODES = re.compile(r"(?:[^,\s]+(?:,[^,\s]+)*)?")


class AppendOnly(Exception):
    """Raised on any attempt to change or remove processing-log rows through the ORM."""


def split_codes(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(SEPARATOR)) if value else ()


def join_codes(codes: Sequence[str]) -> str:
    """``a,b,c``; codes are non-empty and contain no comma and no whitespace."""
    joined = SEPARATOR.join(codes)
    if (
        not _CODES.fullmatch(joined)
        or (codes and joined.count(SEPARATOR) != len(codes) - 1)
        or (codes and "" in codes)
    ):
        bad = next((c for c in codes if not c or not _CODES.fullmatch(c) or "," in c), "")
        raise ValueError(f"invalid code {bad!r}: non-empty, no comma, no whitespace")
    return joined


@deconstructible(path="deelwijzer.processing_log.models.DocumentKey")
class DocumentKey(Expression):
    """A generated column's expression: one key of the entry's JSON ``document``.

    ``kind`` is ``text`` or ``datetime``. PostgreSQL needs immutable expressions in generated
    columns, and text-to-timestamp casts are not, so datetimes go through ``make_timestamp``.
    """

    def __init__(self, key: str, kind: str = "text") -> None:
        if not re.fullmatch(r"[a-z_]+", key) or kind not in ("text", "datetime"):
            raise ValueError(f"bad document key {key!r} ({kind})")
        super().__init__(output_field=models.TextField())
        self.key = key
        self.kind = kind

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, tuple[str | int, ...]]:
        raise NotImplementedError(f"no generated log columns for {connection.vendor}")

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, tuple[str | int, ...]]:
        return f"json_extract(\"document\", '$.{self.key}')", ()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, tuple[str | int, ...]]:
        text = f"(\"document\"::jsonb ->> '{self.key}')"
        if self.kind == "text":
            return text, ()
        parts = ", ".join([
            f"substr({text}, 1, 4)::integer", f"substr({text}, 6, 2)::integer",
            f"substr({text}, 9, 2)::integer", f"substr({text}, 12, 2)::integer",
            f"substr({text}, 15, 2)::integer", f"substr({text}, 18)::double precision",
        ])
        return f"(make_timestamp({parts}) AT TIME ZONE 'UTC')", ()


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """A queryset with no way to change or remove rows, nor to write them past the services."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly("the processing log is append-only")

    def delete(self) -> NoReturn:
        raise AppendOnly("the processing log is append-only")

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("the processing log is append-only")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("the processing log is append-only")

    def create(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly("append through deelwijzer.processing_log.services.log_append")

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("append through deelwijzer.processing_log.services.log_append")

    def get_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("append through deelwijzer.processing_log.services.log_append")


AppendOnlyManager = models.Manager.from_queryset(AppendOnlyQuerySet)


class _AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("the processing log is written only by its services")

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("the processing log is append-only")


class SeqField(models.BigIntegerField):  # type: ignore[type-arg]
    """The sequence number. On SQLite an ``integer`` primary key, the table's rowid itself:
    no separate index to write on every append, and a scan in seq order reads the table."""

    def db_type(self, connection: BaseDatabaseWrapper) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


def _generated(key: str, field: models.Field[Any, Any], kind: str = "text") -> Any:
    return models.GeneratedField(
        expression=DocumentKey(key, kind), output_field=field, db_persist=True
    )


class LogEntry(_AppendOnlyModel):
    """One line per data subject per processing operation (Logboek Dataverwerkingen)."""

    seq = SeqField(_("sequence number"), primary_key=True)
    entry_hash = models.CharField(_("entry hash"), max_length=64)
    document = models.TextField(_("document (hashed)"))
    # Generated from the document, for the questions the log answers.
    action = _generated("action", models.CharField(_("action"), max_length=16))
    subject_pseudonym = _generated(
        "subject_pseudonym", models.CharField(_("data subject (pseudonym)"), max_length=64)
    )
    recipient_partner = _generated(
        "recipient_partner", models.TextField(_("recipient partner"), null=True)
    )
    case_ref = _generated("case_ref", models.TextField(_("case"), null=True))
    started_at = _generated("started_at", models.DateTimeField(_("started at")), "datetime")

    objects = AppendOnlyManager()

    class Meta:
        verbose_name = _("processing log entry")
        verbose_name_plural = _("processing log entries")
        ordering = ["seq"]
        default_permissions = ("view",)
        base_manager_name = "objects"
        indexes = [
            models.Index(fields=["subject_pseudonym", "seq"], name="log_subject_seq"),
            models.Index(
                fields=["recipient_partner", "seq"],
                name="log_disclosed_to",
                condition=Q(action="disclose"),
            ),
            models.Index(
                fields=["case_ref", "seq"],
                name="log_case_seq",
                condition=Q(case_ref__isnull=False),
            ),
            # One time index: every index costs each append a page write.
            models.Index(fields=["started_at"], name="log_started_at"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.activity_id}"

    # --- the rest of the document, read-only ---------------------------------------------------

    @cached_property
    def data(self) -> dict[str, Any]:
        """The decoded document."""
        return decode(self.document)

    @property
    def prev_hash(self) -> str:
        return str(self.data["prev_hash"])

    @property
    def created_at(self) -> datetime:
        return parse_datetime(self.data["created_at"])

    @property
    def ended_at(self) -> datetime:
        return parse_datetime(self.data["ended_at"])

    @property
    def trace_id(self) -> str:
        return str(self.data["trace_id"])

    @property
    def span_id(self) -> str:
        return str(self.data["span_id"])

    @property
    def parent_span_id(self) -> str | None:
        return self.data["parent_span_id"]  # type: ignore[no-any-return]

    @property
    def activity_id(self) -> str:
        return str(self.data["activity_id"])

    @property
    def covenant_version(self) -> str:
        return str(self.data["covenant_version"])

    @property
    def purpose(self) -> str:
        return str(self.data["purpose"])

    @property
    def step(self) -> str | None:
        return self.data["step"]  # type: ignore[no-any-return]

    @property
    def actor_id(self) -> str:
        return str(self.data["actor_id"])

    @property
    def actor_partner(self) -> str:
        return str(self.data["actor_partner"])

    @property
    def ground(self) -> str | None:
        return self.data["ground"]  # type: ignore[no-any-return]

    @property
    def categories(self) -> tuple[str, ...]:
        return split_codes(self.data["categories"])

    @property
    def allowed(self) -> bool:
        return bool(self.data["allowed"])

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return split_codes(self.data["rule_ids"])

    @property
    def reasons(self) -> tuple[str, ...]:
        """The decision's reason codes (``deelwijzer.policy.CODES``)."""
        return split_codes(self.data["reasons"])

    @property
    def status(self) -> str:
        return str(self.data["status"])


class Checkpoint(_AppendOnlyModel):
    """A signed (Ed25519) commitment to the log up to ``seq``, chained to the one before."""

    number = models.BigIntegerField(_("number"), primary_key=True)
    seq = models.BigIntegerField(_("covers entries up to"))
    head_hash = models.CharField(_("hash of entry seq"), max_length=64)
    prev_checkpoint_hash = models.CharField(_("hash of the previous checkpoint"), max_length=64)
    created_at = models.DateTimeField(_("created at"))
    key_id = models.CharField(_("signing key id"), max_length=16)
    signature = models.CharField(_("signature (base64)"), max_length=88)

    objects = AppendOnlyManager()

    class Meta:
        verbose_name = _("processing log checkpoint")
        verbose_name_plural = _("processing log checkpoints")
        ordering = ["number"]
        default_permissions = ("view",)
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"checkpoint {self.number} (#{self.seq})"


class SubjectKey(models.Model):
    """The per-subject key of the pseudonym. Outside the log; deleted on erasure."""

    subject_id = models.TextField(primary_key=True)
    key = models.BinaryField()
    created_at = models.DateTimeField()

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return "subject key"
