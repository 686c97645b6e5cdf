"""Writing the processing log: append entries, pseudonymise and erase subjects, checkpoints.

Every function here joins the caller's transaction (``atomic(savepoint=False)``): the entry
commits or rolls back together with the processing it records. Called outside a transaction,
each call is its own committed, durable transaction.

Appends are serialised: on PostgreSQL by a transaction-level advisory lock, on SQLite by the
write lock the transaction holds from its start (the settings open transactions with
``BEGIN IMMEDIATE``). Under that lock the last entry is read through the primary key; the next
seq is its seq plus one (no gaps: a rolled-back append takes its seq with it) and its hash is
the next prev_hash. Everything that does not depend on the last entry (validation, the JSON of
the record) is done before the lock. The hot path is raw SQL on the DB-API cursor: the ORM
and Django's cursor wrapper cost more than the statements.
"""

from __future__ import annotations

import base64
import hashlib
import json.encoder as json_encoder
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.utils import timezone
from psycopg import ClientCursor
from psycopg import Cursor as ServerCursor

from deelwijzer.processing_log import keys
from deelwijzer.processing_log.canonical import (
    GENESIS_HASH,
    document,
    entry_hash,
    format_datetime,
)
from deelwijzer.processing_log.functions import APPEND_LOCK, APPEND_ONE_CALL
from deelwijzer.processing_log.models import Checkpoint, LogEntry, SubjectKey, join_codes

__all__ = [
    "ACTIONS",
    "STATUSES",
    "LogRecord",
    "LogRecordInvalid",
    "checkpoint_create",
    "checkpoint_digest",
    "checkpoint_message",
    "log_append",
    "log_append_many",
    "subject_key_destroy",
    "subject_pseudonym",
]

ACTIONS = frozenset({"record", "view", "disclose", "copy", "export", "erase"})
STATUSES = frozenset({"ok", "refused", "error"})

ENTRY_TABLE = LogEntry._meta.db_table
KEY_TABLE = SubjectKey._meta.db_table
CHECKPOINT_TABLE = Checkpoint._meta.db_table

_ENTRY_FIELDS = [f.attname for f in LogEntry._meta.concrete_fields]
_CHECKPOINT_FIELDS = [f.attname for f in Checkpoint._meta.concrete_fields]
_TRACE_ID = re.compile(r"[0-9a-f]{32}")
_SPAN_ID = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True, slots=True)
class LogRecord:
    """What a service tells the log about one processing of one data subject's data."""

    activity_id: str  # "<partnership>/<covenant version>/<purpose>/<step or ->"
    covenant_version: str
    purpose: str
    step: str | None
    action: str  # record / view / disclose / copy / export / erase
    subject_id: str  # e.g. "person:42"; the log stores only a keyed-hash pseudonym of it
    actor_id: str  # the professional
    actor_partner: str  # the professional's partner
    recipient_partner: str | None
    ground: str | None
    categories: tuple[str, ...]
    allowed: bool
    rule_ids: tuple[str, ...]
    case_ref: str | None = None
    trace_id: str | None = None  # W3C trace-context: 32 lowercase hex; generated when None
    span_id: str | None = None  # 16 lowercase hex; generated when None
    parent_span_id: str | None = None
    started_at: datetime | None = None  # default: the time of the call
    ended_at: datetime | None = None  # default: the time of the call
    status: str = "ok"  # ok / refused / error
    # The decision's reason codes (deelwijzer.policy.CODES): with the covenant version they
    # give back the exact sentences the professional was shown (policy.explain).
    reasons: tuple[str, ...] = ()


class LogRecordInvalid(ValueError):
    """A record the log will not take; the message names the field."""


# --- validation ---------------------------------------------------------------------------------

_REQUIRED = ("activity_id", "covenant_version", "purpose", "action", "subject_id", "actor_id",
             "actor_partner")
_OPTIONAL = ("step", "recipient_partner", "ground", "case_ref")


def _check_text(r: LogRecord) -> None:
    required = (r.activity_id, r.covenant_version, r.purpose, r.action, r.subject_id,
                r.actor_id, r.actor_partner)
    optional = (r.step, r.recipient_partner, r.ground, r.case_ref)
    for name, value in zip(_REQUIRED, required, strict=True):
        if not isinstance(value, str) or not value or "\x00" in value:
            raise LogRecordInvalid(f"{name}: a non-empty string without NUL, got {value!r}")
    for name, maybe in zip(_OPTIONAL, optional, strict=True):
        if maybe is not None and (not isinstance(maybe, str) or "\x00" in maybe):
            raise LogRecordInvalid(f"{name}: a string without NUL, or None, got {maybe!r}")


class _IdBytes(threading.local):
    """Random bytes for trace and span ids, read from ``os.urandom`` 4 KiB at a time instead of
    one getrandom(2) system call per id (two per append). Per thread; a forked child starts
    afresh (it must not repeat its parent's ids). Subject keys are not taken from here: a key
    is read when it is made and leaves no copy behind in a buffer."""

    def __init__(self) -> None:
        self.buffer = b""
        self.at = 0


_id_bytes = _IdBytes()


def _fresh_id_bytes() -> None:
    global _id_bytes
    _id_bytes = _IdBytes()


os.register_at_fork(after_in_child=_fresh_id_bytes)


def _random_hex(size: int) -> str:
    """``size`` random lowercase hex digits (``size`` even)."""
    pool = _id_bytes
    at, end = pool.at, pool.at + size // 2
    if end > len(pool.buffer):
        pool.buffer, at, end = os.urandom(4096), 0, size // 2
    pool.at = end
    return pool.buffer[at:end].hex()


def _hex_id(name: str, value: str | None, pattern: re.Pattern[str], size: int) -> str:
    if value is None:
        return _random_hex(size)
    if not isinstance(value, str) or not pattern.fullmatch(value) or value == "0" * size:
        raise LogRecordInvalid(f"{name}: {size} lowercase hex digits, not all zero: {value!r}")
    return value


# Validated code tuples and their joined form: a service logs the same few over and over.
_JOINED: dict[tuple[str, ...], str] = {}


def _codes(name: str, value: object) -> str:
    if type(value) is tuple:
        joined = _JOINED.get(value)
        if joined is not None:
            return joined
    if not isinstance(value, tuple | list) or not all(isinstance(c, str) for c in value):
        raise LogRecordInvalid(f"{name}: a tuple of strings is required, got {value!r}")
    try:
        joined = join_codes(value)
    except ValueError as error:
        raise LogRecordInvalid(f"{name}: {error}") from None
    if type(value) is tuple and all(type(c) is str for c in value):
        if len(_JOINED) >= 4096:
            _JOINED.clear()
        _JOINED[value] = joined
    return joined


def _when(name: str, value: datetime | None, default: datetime) -> datetime:
    if value is None:
        return default
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise LogRecordInvalid(f"{name}: an aware datetime is required, got {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A validated record, encoded as far as it can be before the append lock."""

    subject_id: str
    record: LogRecord
    before: str  # the JSON body up to the pseudonym: '"trace_id":...,"action":"view",'
    after: str  # the JSON body after the pseudonym: '"actor_id":...}'
    started_at: datetime

    def body(self, pseudonym: str) -> str:
        return f'{self.before}"subject_pseudonym":"{pseudonym}",{self.after}'


# The JSON of one string, exactly as the canonical encoder writes it (ensure_ascii off): the
# body is assembled from these instead of running the encoder over a dict (half the time).
_json_str = json_encoder.encode_basestring


def _json_opt(value: str | None) -> str:
    return "null" if value is None else _json_str(value)


def _prepare(record: LogRecord, trace_id: str, now: datetime, now_text: str) -> _Prepared:
    if type(record) is not LogRecord:
        raise LogRecordInvalid(f"a LogRecord is required, got {type(record).__name__}")
    _check_text(record)
    if record.action not in ACTIONS:
        raise LogRecordInvalid(f"action: one of {sorted(ACTIONS)}, got {record.action!r}")
    if record.status not in STATUSES:
        raise LogRecordInvalid(f"status: one of {sorted(STATUSES)}, got {record.status!r}")
    if record.allowed is not True and record.allowed is not False:
        raise LogRecordInvalid(f"allowed: a bool is required, got {record.allowed!r}")
    started = _when("started_at", record.started_at, now)
    trace = trace_id if record.trace_id is None else _hex_id(
        "trace_id", record.trace_id, _TRACE_ID, 32)
    span = _hex_id("span_id", record.span_id, _SPAN_ID, 16)
    parent = None if record.parent_span_id is None else _hex_id(
        "parent_span_id", record.parent_span_id, _SPAN_ID, 16)
    categories = _codes("categories", record.categories)
    rule_ids = _codes("rule_ids", record.rule_ids)
    reasons = _codes("reasons", record.reasons)
    started_text = now_text if record.started_at is None else format_datetime(started)
    ended_text = now_text if record.ended_at is None else format_datetime(
        _when("ended_at", record.ended_at, now))
    # Keys in BODY_KEYS order: the text canonical.encode_body gives for these values (a test
    # checks).
    before = (
        f'"trace_id":"{trace}","span_id":"{span}","parent_span_id":{_json_opt(parent)},'
        f'"activity_id":{_json_str(record.activity_id)},'
        f'"covenant_version":{_json_str(record.covenant_version)},'
        f'"purpose":{_json_str(record.purpose)},"step":{_json_opt(record.step)},'
        f'"action":"{record.action}",'
    )
    after = (
        f'"actor_id":{_json_str(record.actor_id)},'
        f'"actor_partner":{_json_str(record.actor_partner)},'
        f'"recipient_partner":{_json_opt(record.recipient_partner)},'
        f'"ground":{_json_opt(record.ground)},"categories":{_json_str(categories)},'
        f'"allowed":{"true" if record.allowed else "false"},"rule_ids":{_json_str(rule_ids)},'
        f'"reasons":{_json_str(reasons)},"case_ref":{_json_opt(record.case_ref)},'
        f'"started_at":"{started_text}","ended_at":"{ended_text}","status":"{record.status}"}}'
    )
    if not (before.isascii() and after.isascii()):
        try:
            before.encode()
            after.encode()
        except UnicodeEncodeError as error:
            raise LogRecordInvalid(f"a text field is not valid Unicode: {error}") from None
    return _Prepared(record.subject_id, record, before, after, started)


# --- the append lock and the subject keys -------------------------------------------------------

_LOCK_SQL = "SELECT pg_advisory_xact_lock(%s)"
_LAST_SQL = f"SELECT seq, entry_hash FROM {ENTRY_TABLE} ORDER BY seq DESC LIMIT 1"  # noqa: S608
_KEY = f"SELECT key FROM {KEY_TABLE} WHERE subject_id = %s"  # noqa: S608
_KEY_INSERT = (
    f"INSERT INTO {KEY_TABLE} (subject_id, key, created_at) VALUES (%s, %s, %s)"  # noqa: S608
)
_INSERT = (
    f"INSERT INTO {ENTRY_TABLE} (seq, entry_hash, document) VALUES (%s, %s, %s)"  # noqa: S608
)


def _qmark(sql: str) -> str:
    return sql.replace("%s", "?")


# Indexed by "is SQLite": the DB-API cursor of sqlite3 takes qmark placeholders.
_KEY_SQL = (_KEY, _qmark(_KEY))
_KEY_INSERT_SQL = (_KEY_INSERT, _qmark(_KEY_INSERT))
_INSERT_SQL = (_INSERT, _qmark(_INSERT))


def _lock_last(cursor: Any, vendor: str) -> tuple[int, str]:
    """Take the append lock and read the last (seq, entry_hash), or (0, genesis)."""
    if vendor == "postgresql":
        cursor.execute(_LOCK_SQL, [APPEND_LOCK])
    cursor.execute(_LAST_SQL)
    row = cursor.fetchone()
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))


# SQLite, one subject: the last entry and the subject's key in one statement (the write lock
# is already held: the transaction began IMMEDIATE).
_LAST_KEY_SQLITE = (
    f"SELECT (SELECT seq FROM {ENTRY_TABLE} ORDER BY seq DESC LIMIT 1), "  # noqa: S608
    f"(SELECT entry_hash FROM {ENTRY_TABLE} ORDER BY seq DESC LIMIT 1), "
    f"(SELECT key FROM {KEY_TABLE} WHERE subject_id = ?)"
)


def _sqlite_last_key(cursor: Any, subject: str) -> tuple[int, str, dict[str, bytes]]:
    cursor.execute(_LAST_KEY_SQLITE, (subject,))
    seq, digest, key = cursor.fetchone()
    found = {} if key is None else {subject: bytes(key)}
    return (0, GENESIS_HASH, found) if seq is None else (int(seq), str(digest), found)


# The last second _utc_text formatted: ((second, minute, hour, day, month, year), its text).
_SECOND: tuple[tuple[int, ...], str] = ((), "")


def _utc_text(now: datetime) -> str:
    """``format_datetime`` for a datetime already in UTC (as ``datetime.now(UTC)`` gives):
    ``YYYY-MM-DD HH:MM:SS.ffffff`` without the ``+00:00``. The text up to the second is
    remembered: an aware ``isoformat`` costs more than twice as much."""
    global _SECOND
    second = (now.second, now.minute, now.hour, now.day, now.month, now.year)
    last = _SECOND
    if last[0] != second:
        last = _SECOND = (second, now.isoformat(" ")[:19])
    return f"{last[1]}.{now.microsecond:06d}"


_IPAD = bytes(x ^ 0x36 for x in range(256))
_OPAD = bytes(x ^ 0x5C for x in range(256))


def _pseudonym(key: bytes, subject_id: str) -> str:
    """HMAC-SHA256(key, subject_id), hex (RFC 2104 written out: OpenSSL's HMAC looks the digest
    up by name on every call, which costs more than the two hashes; a test compares with
    ``hmac``). Keys are 32 bytes, shorter than the 64-byte block."""
    block = (key if len(key) <= 64 else hashlib.sha256(key).digest()).ljust(64, b"\0")
    inner = hashlib.sha256(block.translate(_IPAD) + subject_id.encode()).digest()
    return hashlib.sha256(block.translate(_OPAD) + inner).hexdigest()


def _subject_keys(cursor: Any, subject_ids: Sequence[str], sqlite: bool) -> dict[str, bytes]:
    """The keys the subjects have (under the append lock)."""
    found: dict[str, bytes] = {}
    select = _KEY_SQL[sqlite]
    for subject in subject_ids:
        cursor.execute(select, (subject,))
        row = cursor.fetchone()
        if row is not None:
            found[subject] = bytes(row[0])
    return found


# --- appending ----------------------------------------------------------------------------------


def log_append(record: LogRecord) -> LogEntry:
    """Append one line (one data subject, one operation) in the caller's transaction."""
    return log_append_many((record,))[0]


def log_append_many(records: Sequence[LogRecord]) -> list[LogEntry]:
    """Append several lines in one go, in order, in the caller's transaction.

    Records without a trace id share one generated trace id (one operation); each record
    without a span id gets its own.
    """
    if not records:
        return []
    batch_trace = _random_hex(32)
    now = datetime.now(UTC)
    now_text = _utc_text(now)
    prepared = [_prepare(record, batch_trace, now, now_text) for record in records]
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.connection is None:
        connection.ensure_connection()
    if connection.in_atomic_block or not connection.autocommit:
        with transaction.atomic(using=connection.alias, savepoint=False):
            return _append(connection, prepared, own_transaction=False)
    # On its own: one short transaction, begun and committed on the DB-API connection. This
    # is what atomic() would do here, without its bookkeeping (a third of the time per append).
    try:
        return _append(connection, prepared, own_transaction=True)
    except BaseException:
        connection.connection.rollback()
        raise


def _append(
    connection: BaseDatabaseWrapper, prepared: Sequence[_Prepared], *, own_transaction: bool
) -> list[LogEntry]:
    """Lock, read the last entry, insert; begin and commit too when ``own_transaction``.

    On the DB-API cursor. On PostgreSQL a single record is first tried in one prepared
    statement (``_pg_append_one``); otherwise (with client-side binding, Django's default) the
    statements travel in two round trips: begin, lock, last entry and subject keys in one; new
    keys, entries and commit in the other.
    """
    vendor = connection.vendor
    sqlite = vendor == "sqlite"
    if vendor == "postgresql" and len(prepared) == 1:
        cache = _PG_CACHE.setdefault(connection, _PgCache())
        with connection.wrap_database_errors:
            for _attempt in range(2):
                if cache.head is None:
                    break
                done = _pg_append_one(connection, prepared[0], cache)
                if done is not None:
                    return done
    subjects = list(dict.fromkeys(p.subject_id for p in prepared))
    cursor = connection.connection.cursor()
    batched = vendor == "postgresql" and isinstance(cursor, ClientCursor)
    try:
        with connection.wrap_database_errors:
            if batched:
                seq, prev, found = _pg_lock_last_keys(cursor, subjects, own_transaction)
            else:
                if own_transaction:
                    cursor.execute("BEGIN IMMEDIATE" if sqlite else "BEGIN")
                if sqlite and len(subjects) == 1:
                    seq, prev, found = _sqlite_last_key(cursor, subjects[0])
                else:
                    seq, prev = _lock_last(cursor, vendor)
                    found = _subject_keys(cursor, subjects, sqlite)
            # Taken under the lock, so created_at never decreases along the chain.
            now = datetime.now(UTC)
            created = _utc_text(now)
            new_keys = [
                (subject, os.urandom(32), created if sqlite else now)
                for subject in subjects if subject not in found
            ]
            found.update((subject, key) for subject, key, _when in new_keys)
            entries, rows = _entries(connection.alias, prepared, found, seq, prev, created, now)
            if batched:
                _pg_insert(cursor, new_keys, rows, own_transaction)
                cache = _PG_CACHE.setdefault(connection, _PgCache())
                cache.head = (rows[-1][0], rows[-1][1], created)
                if len(subjects) == 1:
                    cache.remember(subjects[0], found[subjects[0]])
            else:
                if new_keys:
                    cursor.executemany(_KEY_INSERT_SQL[sqlite], new_keys)
                if len(rows) == 1:
                    cursor.execute(_INSERT_SQL[sqlite], rows[0])
                else:
                    cursor.executemany(_INSERT_SQL[sqlite], rows)
                if own_transaction:
                    cursor.execute("COMMIT")
    finally:
        cursor.close()
    return entries


def _entries(
    alias: str, prepared: Sequence[_Prepared], keys: dict[str, bytes], seq: int, prev: str,
    created: str, now: datetime,
) -> tuple[list[LogEntry], list[tuple[int, str, str]]]:
    """The entries after (seq, prev) and their rows (seq, entry_hash, document)."""
    rows: list[tuple[int, str, str]] = []
    entries: list[LogEntry] = []
    plain = not (pre_init.receivers or post_init.receivers)  # no receiver for any model
    for p in prepared:
        seq += 1
        pseudonym = _pseudonym(keys[p.subject_id], p.subject_id)
        text = document(seq, prev, created, p.body(pseudonym))
        digest = entry_hash(text)
        rows.append((seq, digest, text))
        record = p.record
        # In the model's field order: seq, entry_hash, document, then the generated ones.
        values = (
            seq, digest, text, record.action, pseudonym, record.recipient_partner,
            record.case_ref, p.started_at,
        )
        entries.append(
            _loaded(alias, values) if plain else LogEntry.from_db(alias, _ENTRY_FIELDS, values)
        )
        prev = digest
    return entries, rows


def _loaded(alias: str, values: tuple[Any, ...]) -> LogEntry:
    """``LogEntry.from_db(alias, _ENTRY_FIELDS, values)`` without ``Model.__init__``: the same
    instance (state: loaded from ``alias``), for when no pre_init/post_init receiver listens."""
    entry: LogEntry = _new_entry(LogEntry)
    state = ModelState()
    state.adding = False
    state.db = alias
    entry.__dict__.update(zip(_ENTRY_FIELDS, values, strict=True))
    entry._state = state
    return entry


_new_entry = LogEntry.__new__


# --- PostgreSQL: one statement per append --------------------------------------------------------
#
# A process remembers, per connection, the head of the chain it last saw (seq, hash, created_at)
# and the keys of the subjects it last logged. An append is then one prepared statement, the
# server-side function ``functions.APPEND_ONE``: the append lock, (a new subject's key, ON
# CONFLICT DO NOTHING,) the entry INSERTed only if, under the lock, the last entry is still that
# head and the subject's key is still that key; else the head and the key as they are now.
# Nothing remembered is trusted: when another writer appended, or the key was destroyed or
# differs, nothing is inserted and the append is done again with what the same statement
# returned (and after a second miss, the two-round-trip way).


class _PgCache:
    __slots__ = ("cursor", "head", "keys")

    def __init__(self) -> None:
        self.head: tuple[int, str, str] | None = None  # seq, entry_hash, created_at text
        self.keys: dict[str, bytes] = {}
        self.cursor: Any = None  # a server-side binding cursor on the DB-API connection

    def remember(self, subject: str, key: bytes | None) -> None:
        if key is None:
            self.keys.pop(subject, None)
            return
        if len(self.keys) >= 10_000:
            self.keys.clear()
        self.keys[subject] = key


_PG_CACHE: WeakKeyDictionary[BaseDatabaseWrapper, _PgCache] = WeakKeyDictionary()


def _pg_append_one(
    connection: BaseDatabaseWrapper, prepared: _Prepared, cache: _PgCache
) -> list[LogEntry] | None:
    """One append in one statement (``functions.APPEND_ONE``), if the remembered head and key
    still hold; else None (and the cache holds what the database has now). On its own (the
    connection in autocommit) the statement is its own transaction: no BEGIN, no COMMIT."""
    assert cache.head is not None
    seq, prev, head_created = cache.head
    subject = prepared.subject_id
    key = cache.keys.get(subject)
    new_key = key is None
    if key is None:
        key = os.urandom(32)
    now = datetime.now(UTC)
    # Never before the entry it follows (that is the head, or nothing is inserted).
    created = max(_utc_text(now), head_created)
    entries, rows = _entries(connection.alias, (prepared,), {subject: key}, seq, prev, created,
                             now)
    cursor = cache.cursor
    raw = connection.connection
    if cursor is None or cursor.connection is not raw or cursor.closed:
        cursor = cache.cursor = ServerCursor(raw)
    row = rows[0]
    cursor.execute(APPEND_ONE_CALL, (row[0], row[1], row[2], None if seq == 0 else prev,
                                     subject, key, new_key, now))
    inserted, head_seq, head_hash, created_text, current_key = cursor.fetchone()
    if inserted:
        cache.head = (row[0], row[1], created)
        cache.remember(subject, key)
        return entries
    cache.head = (
        (0, GENESIS_HASH, "") if head_seq is None
        else (int(head_seq), str(head_hash), str(created_text))
    )
    cache.remember(subject, None if current_key is None else bytes(current_key))
    return None


_PG_LOCK_LAST_KEYS = (
    f"{_LOCK_SQL}; {_LAST_SQL}; "  # noqa: S608
    f"SELECT subject_id, key FROM {KEY_TABLE} WHERE subject_id = ANY(%s)"
)


def _pg_lock_last_keys(
    cursor: Any, subjects: list[str], begin: bool
) -> tuple[int, str, dict[str, bytes]]:
    """One round trip: (begin,) lock, read the last entry and the subjects' keys."""
    cursor.execute(("BEGIN; " if begin else "") + _PG_LOCK_LAST_KEYS, [APPEND_LOCK, subjects])
    if begin:
        cursor.nextset()
    cursor.nextset()
    last = cursor.fetchone()
    cursor.nextset()
    found = {subject: bytes(key) for subject, key in cursor.fetchall()}
    seq, prev = (0, GENESIS_HASH) if last is None else (int(last[0]), str(last[1]))
    return seq, prev, found


def _pg_insert(
    cursor: Any, new_keys: list[tuple[str, bytes, Any]], rows: list[tuple[int, str, str]],
    commit: bool,
) -> None:
    """One round trip: the new keys, the entries (and commit)."""
    statements: list[str] = []
    params: list[Any] = []
    for start in range(0, len(new_keys), 1000):
        chunk = new_keys[start:start + 1000]
        statements.append(
            f"INSERT INTO {KEY_TABLE} (subject_id, key, created_at) VALUES "  # noqa: S608
            + ", ".join(["(%s, %s, %s)"] * len(chunk))
        )
        params.extend(value for row in chunk for value in row)
    for start in range(0, len(rows), 1000):
        chunk_rows = rows[start:start + 1000]
        statements.append(
            f"INSERT INTO {ENTRY_TABLE} (seq, entry_hash, document) VALUES "  # noqa: S608
            + ", ".join(["(%s, %s, %s)"] * len(chunk_rows))
        )
        params.extend(value for row in chunk_rows for value in row)
    if commit:
        statements.append("COMMIT")
    cursor.execute("; ".join(statements), params)


# --- subjects -----------------------------------------------------------------------------------


def subject_pseudonym(subject_id: str) -> str | None:
    """The pseudonym the log uses for this subject; None when there is no key (erased)."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(_KEY, [subject_id])
        row = cursor.fetchone()
    return None if row is None else _pseudonym(bytes(row[0]), subject_id)


def subject_key_destroy(subject_id: str) -> None:
    """Erase the subject from the log: delete the key, keep the (now unlinkable) pseudonym.

    The entries stay and still verify. A later append for the same subject id gets a new key
    and so a new pseudonym, unlinkable to the old one. Copies of the key outside the live
    table (backups, the SQLite WAL until its next checkpoint, PostgreSQL dead tuples until
    VACUUM) disappear on their own schedule; see DESIGN.md.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic(using=connection.alias, savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {KEY_TABLE} WHERE subject_id = %s", [subject_id]  # noqa: S608
        )
    cache = _PG_CACHE.get(connection)
    if cache is not None:  # only a shortcut: every append checks the key under its lock
        cache.remember(subject_id, None)


# --- checkpoints --------------------------------------------------------------------------------

CHECKPOINT_PREFIX = "dwlog-checkpoint/1"


def checkpoint_message(
    *, number: int, seq: int, head_hash: str, prev_checkpoint_hash: str, created_at: datetime,
    key_id: str,
) -> bytes:
    """The bytes a checkpoint's signature covers."""
    return "\n".join([
        CHECKPOINT_PREFIX, str(number), str(seq), head_hash, prev_checkpoint_hash,
        format_datetime(created_at), key_id,
    ]).encode()


def checkpoint_digest(checkpoint: Checkpoint) -> str:
    """What the next checkpoint commits to: the hash of this one's message and signature."""
    message = checkpoint_message(
        number=checkpoint.number, seq=checkpoint.seq, head_hash=checkpoint.head_hash,
        prev_checkpoint_hash=checkpoint.prev_checkpoint_hash,
        created_at=checkpoint.created_at, key_id=checkpoint.key_id,
    )
    return hashlib.sha256(message + b"\n" + checkpoint.signature.encode()).hexdigest()


def checkpoint_create() -> Checkpoint:
    """Sign the log as it is now. When nothing was appended since the last one, return that.

    Raises :class:`deelwijzer.processing_log.keys.SigningKeyUnavailable` without a key.
    """
    private = keys.signing_key()
    kid = keys.key_id(private.public_key())
    connection = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic(using=connection.alias, savepoint=False):
        with connection.cursor() as cursor:
            seq, head_hash = _lock_last(cursor, connection.vendor)
        last: Checkpoint | None = Checkpoint.objects.order_by("-number").first()
        if last is not None and last.seq == seq and last.head_hash == head_hash:
            return last
        number = 1 if last is None else last.number + 1
        prev = GENESIS_HASH if last is None else checkpoint_digest(last)
        created = timezone.now()
        message = checkpoint_message(
            number=number, seq=seq, head_hash=head_hash, prev_checkpoint_hash=prev,
            created_at=created, key_id=kid,
        )
        signature = base64.b64encode(private.sign(message)).decode()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {CHECKPOINT_TABLE} (number, seq, head_hash, "  # noqa: S608
                "prev_checkpoint_hash, created_at, key_id, signature) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [number, seq, head_hash, prev,
                 format_datetime(created) if connection.vendor == "sqlite" else created,
                 kid, signature],
            )
    checkpoint: Checkpoint = Checkpoint.from_db(
        connection.alias, _CHECKPOINT_FIELDS,
        (number, seq, head_hash, prev, created, kid, signature),
    )
    return checkpoint
