"""Recompute the chain and the checkpoints; name the first entry that does not fit, and how.

Each entry is stored as the document its hash covers, so verifying is: stream (seq, hash,
document) in primary-key chunks, check that the document starts with its seq and the previous
hash, hash it, compare. Only after the first anomaly does a slower diagnosis run, with a few
lookups, to say what happened:

- ``changed``: the entry's hash does not match its content (or, when the hash was recomputed
  too, the next entry still links to the original);
- ``missing``: a seq is absent, an entry was removed and the later ones renumbered, or a
  checkpoint covers entries the log no longer has;
- ``reordered``: the entry is genuine but belongs elsewhere in the chain;
- ``inserted``: the entry is not part of the chain (a copy of another, or a foreign entry the
  rest of the chain does not link through);
- ``checkpoint_signature``: a checkpoint's signature, key or chain of checkpoints is wrong;
- ``checkpoint_mismatch``: the log at a checkpoint's seq is not what the checkpoint signed
  (the entries up to it were rewritten with recomputed hashes);
- ``schema``: a column the log is queried by is no longer generated from the hashed document.

What no check can see: entries appended after the last checkpoint can be removed, or forged
with valid hashes, by someone with write access to the database. Checkpoints, kept or
published outside the database, bound that window.
"""

from __future__ import annotations

import base64
import binascii
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from deelwijzer.processing_log import keys, triggers
from deelwijzer.processing_log.canonical import GENESIS_HASH, VERSION, with_seq
from deelwijzer.processing_log.chain import (
    POSTGRESQL_RANGE,
    SQLITE_RANGE,
    RangeResult,
    Source,
    check_range,
    check_rows,
)
from deelwijzer.processing_log.models import Checkpoint, LogEntry
from deelwijzer.processing_log.services import checkpoint_digest, checkpoint_message

CHANGED = "changed"
MISSING = "missing"
REORDERED = "reordered"
INSERTED = "inserted"
CHECKPOINT_SIGNATURE = "checkpoint_signature"
CHECKPOINT_MISMATCH = "checkpoint_mismatch"
SCHEMA = "schema"

KINDS = (CHANGED, MISSING, REORDERED, INSERTED, CHECKPOINT_SIGNATURE, CHECKPOINT_MISMATCH, SCHEMA)

TABLE = LogEntry._meta.db_table


class LogUnavailable(Exception):
    """The log cannot be verified at all (no table: the database is not migrated)."""


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    count: int  # entries verified (before the first problem)
    checkpoint: int | None  # number of the latest checkpoint verified
    problem: str | None  # one English sentence
    entry_seq: int | None  # the first entry that does not fit
    kind: str | None = None  # one of KINDS
    other_seq: int | None = None  # the other end: the last missing seq, where an entry belongs
    checkpoint_seq: int | None = None  # the seq the latest verified checkpoint covers
    problem_checkpoint: int | None = None  # the checkpoint a checkpoint problem is about
    warnings: tuple[str, ...] = ()  # not a failure: e.g. the append-only triggers are gone
    processes: int = 1  # how many processes hashed the chain


@dataclass(frozen=True, slots=True)
class _Finding:
    kind: str
    seq: int
    problem: str
    other: int | None = None
    checkpoint: int | None = None


# --- checkpoints --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CheckpointState:
    checkpoint: Checkpoint
    problem: str | None  # why its signature or place in the chain of checkpoints is wrong


def _checkpoint_states() -> list[_CheckpointState]:
    checkpoints = list(Checkpoint.objects.order_by("number"))
    if not checkpoints:
        return []
    try:
        public_keys = keys.verification_keys()
        key_problem = None
    except keys.SigningKeyUnavailable as error:
        public_keys, key_problem = {}, f"no key to verify checkpoints ({error})"
    states: list[_CheckpointState] = []
    previous: Checkpoint | None = None
    for checkpoint in checkpoints:
        states.append(_CheckpointState(
            checkpoint, key_problem or _checkpoint_problem(checkpoint, previous, public_keys)
        ))
        previous = checkpoint
    return states


def _checkpoint_problem(
    checkpoint: Checkpoint, previous: Checkpoint | None, public_keys: dict[str, Any]
) -> str | None:
    number = checkpoint.number
    if previous is None:
        if number != 1 or checkpoint.prev_checkpoint_hash != GENESIS_HASH:
            return f"checkpoint {number} is not the first checkpoint: earlier ones are missing"
    else:
        if number != previous.number + 1:
            return f"checkpoints {previous.number + 1} to {number - 1} are missing"
        if checkpoint.prev_checkpoint_hash != checkpoint_digest(previous):
            return f"checkpoint {number} does not follow checkpoint {previous.number}"
        if checkpoint.seq < previous.seq:
            return f"checkpoint {number} covers fewer entries than checkpoint {previous.number}"
    public = public_keys.get(checkpoint.key_id)
    if public is None:
        return f"checkpoint {number} is signed with an unknown key ({checkpoint.key_id})"
    try:
        signature = base64.b64decode(checkpoint.signature, validate=True)
    except (binascii.Error, ValueError):
        signature = b""
    message = checkpoint_message(
        number=number, seq=checkpoint.seq, head_hash=checkpoint.head_hash,
        prev_checkpoint_hash=checkpoint.prev_checkpoint_hash,
        created_at=checkpoint.created_at, key_id=checkpoint.key_id,
    )
    if not keys.verify_signature(public, signature, message):
        return f"the signature of checkpoint {number} is wrong"
    return None


# --- the table itself ---------------------------------------------------------------------------


def _schema_problem(connection: BaseDatabaseWrapper) -> str | None:
    """Whether the generated columns are still generated from the document, as migrated.

    The hash covers the document; the columns the log is queried by are derived from it by
    the database. Someone who redefines such a column could make queries lie while every hash
    still verifies, so the definitions are compared with the model's.
    """
    fields = [f for f in LogEntry._meta.concrete_fields if getattr(f, "generated", False)]
    expected = {
        str(f.column): f.generated_sql(connection)[0]  # type: ignore[attr-defined]
        for f in fields
    }
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE]
            )
            row = cursor.fetchone()
            ddl = row[0] if row else ""
            for column, sql in expected.items():
                pattern = (rf'"{re.escape(column)}" [^,]*?GENERATED ALWAYS AS '
                           rf"\({re.escape(sql)}\) STORED")
                if not re.search(pattern, ddl):
                    return f"column {column} is no longer generated from the document"
            return None
        cursor.execute(
            "SELECT a.attname, a.attgenerated, pg_get_expr(d.adbin, d.adrelid) "
            "FROM pg_attribute a LEFT JOIN pg_attrdef d "
            "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
            [TABLE],
        )
        actual = {name: (generated, expr) for name, generated, expr in cursor.fetchall()}
        # PostgreSQL normalises expressions; let it normalise ours the same way.
        columns = ", ".join(
            f"{connection.ops.quote_name(c)} {f.db_type(connection)} "
            f"GENERATED ALWAYS AS ({expected[c]}) STORED"
            for f in fields for c in [str(f.column)]
        )
        with transaction.atomic(using=connection.alias):
            cursor.execute(
                f"CREATE TEMPORARY TABLE processing_log_expected (document text, {columns}) "
                "ON COMMIT DROP"
            )
            cursor.execute(
                "SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
                "JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                "WHERE a.attrelid = 'processing_log_expected'::regclass"
            )
            wanted = dict(cursor.fetchall())
            transaction.set_rollback(True, using=connection.alias)
    for column, expr in wanted.items():
        generated, actual_expr = actual.get(column, ("", None))
        if generated != "s" or actual_expr != expr:
            return f"column {column} is no longer generated from the document"
    return None


def _trigger_warning(connection: BaseDatabaseWrapper) -> str | None:
    names = {
        sql.split()[2] for sql in triggers.install_sql(connection.vendor)
        if sql.lstrip().startswith("CREATE TRIGGER")
    }
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        present = {row[0] for row in cursor.fetchall()}
    missing = sorted(names - present)
    if missing:
        return "append-only triggers are missing: " + ", ".join(missing)
    return None


# --- streaming ----------------------------------------------------------------------------------

Row = tuple[int, str, str]  # seq, entry_hash, document


def _rows(
    connection: BaseDatabaseWrapper, after: int, chunk_size: int, limit: int | None = None
) -> Iterator[list[Row]]:
    """(seq, entry_hash, document) chunks in seq order, from seq ``after + 1``.

    On the DB-API cursor: Django's cursor wrapper costs a sixth of the verification time.
    """
    sql = (
        f"SELECT seq, entry_hash, document FROM {TABLE} "  # noqa: S608
        "WHERE seq > %s ORDER BY seq LIMIT %s"
    )
    if connection.vendor == "sqlite":
        sql = sql.replace("%s", "?")
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            while True:
                size = chunk_size if limit is None else min(chunk_size, limit)
                cursor.execute(sql, (after, size))
                chunk = cursor.fetchall()
                if not chunk:
                    return
                yield chunk
                after = chunk[-1][0]
                if limit is not None:
                    limit -= len(chunk)
                    if limit <= 0:
                        return
                if len(chunk) < size:
                    return
        finally:
            cursor.close()


def _end(connection: BaseDatabaseWrapper) -> int:
    """The highest seq in the log (0 when it is empty)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(seq) FROM {TABLE}")  # noqa: S608
        return int(cursor.fetchone()[0] or 0)


def _range_rows(
    connection: BaseDatabaseWrapper, first: int, last: int
) -> Iterator[tuple[bytes, bytes]]:
    """(entry_hash, document) of entries ``first..last`` as stored bytes (see ``chain``), on
    this connection: it sees the caller's transaction."""
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            if connection.vendor == "sqlite":
                yield from cursor.execute(SQLITE_RANGE.format(table=TABLE), (first, last))
            else:
                cursor.execute(POSTGRESQL_RANGE.format(table=TABLE), (first, last))
                for stored, document in cursor:
                    yield stored.encode(), document.encode()
        finally:
            cursor.close()


def _next_row(connection: BaseDatabaseWrapper, seq: int) -> Row | None:
    """The entry at ``seq`` or, when there is none, the first one after it."""
    for chunk in _rows(connection, seq - 1, 1, limit=1):
        return chunk[0]
    return None


def _row(connection: BaseDatabaseWrapper, seq: int) -> Row | None:
    """The entry at ``seq``, or None."""
    found = _next_row(connection, seq)
    return found if found is not None and found[0] == seq else None


def _seqs_with_hash(digest: str) -> list[int]:
    """Entries whose stored hash is ``digest`` (a scan: used only after a problem is found)."""
    return list(
        LogEntry.objects.filter(entry_hash=digest).order_by("seq").values_list("seq", flat=True)
    )


# Parallel verification: below this many entries one process is done before others have started.
PARALLEL_MIN_ENTRIES = 100_000
PARALLEL_RANGES_PER_PROCESS = 4


def verify_log(
    *, chunk_size: int = 20_000, using: str = DEFAULT_DB_ALIAS, processes: int | None = None,
    parallel_min_entries: int = PARALLEL_MIN_ENTRIES,
) -> VerifyResult:
    """Recompute every entry hash and link, and check every checkpoint against the chain.

    A large log is hashed in ``processes`` processes side by side (default: one per CPU this
    process may use), when the log can be read from other processes: a database file or a
    server, and no transaction of this connection is open (its writes would be invisible to
    them). When anything does not fit, the sequential verifier runs and names it.
    """
    connection = connections[using]
    if TABLE not in connection.introspection.table_names():
        raise LogUnavailable(f"there is no table {TABLE}: run deelwijzer migrate")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Read the file through a memory map: a fifth faster on a large log. Per connection.
            cursor.execute("PRAGMA mmap_size = 1073741824")
    warning = _trigger_warning(connection)
    warnings: tuple[str, ...] = (warning,) if warning else ()
    try:
        schema = _schema_problem(connection)
    except DatabaseError as error:  # e.g. no right to create a temporary table
        schema = None
        warnings = (*warnings, f"the generated columns could not be checked: {error}")
    if schema:
        return VerifyResult(
            ok=False, count=0, checkpoint=None, problem=schema, entry_seq=None, kind=SCHEMA,
            warnings=warnings,
        )
    states = _checkpoint_states()
    if processes is None:
        processes = min(_cpus(), 8)
    source = _source(connection) if processes > 1 else None
    if source is not None:
        done = _verify_parallel(connection, source, states, processes, parallel_min_entries)
        if done is not None:
            return VerifyResult(**{**done, "warnings": warnings})
    return _verify_sequential(connection, states, chunk_size, warnings)


def _cpus() -> int:
    """The CPUs this process may run on (all of them where the OS cannot say)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _source(connection: BaseDatabaseWrapper) -> Source | None:
    """Where other processes can read this connection's log, or None when they cannot."""
    if connection.in_atomic_block:
        return None
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db():  # type: ignore[attr-defined]
            return None
        return Source("sqlite", {"path": str(connection.settings_dict["NAME"])}, TABLE)
    if connection.vendor == "postgresql":
        params = {
            key: value for key, value in connection.get_connection_params().items()
            if isinstance(value, str | int) and key != "client_encoding"
        }
        return Source("postgresql", params, TABLE)
    return None


def _verify_parallel(
    connection: BaseDatabaseWrapper, source: Source, states: list[_CheckpointState],
    processes: int, min_entries: int,
) -> dict[str, Any] | None:
    """Hash the log up to its current end in ranges, side by side; the fields of a passing
    VerifyResult, or None when anything does not fit (or a worker failed)."""
    if any(state.problem for state in states):
        return None
    end = _end(connection)  # after reading the checkpoints: the end covers them all
    if end < max(min_entries, 2):
        return None
    want = frozenset(state.checkpoint.seq for state in states)
    if max(want, default=0) > end:
        return None
    count = min(processes * PARALLEL_RANGES_PER_PROCESS, end)
    bounds = [end * i // count for i in range(count + 1)]
    ranges = [(bounds[i] + 1, bounds[i + 1]) for i in range(count)]
    results = _check_ranges(source, ranges, want, processes)
    if results is None:
        return None
    hashes = {0: GENESIS_HASH.encode()}
    for part in results:
        hashes.update(part.hashes)
    pending = sorted(states, key=lambda s: (s.checkpoint.seq, s.checkpoint.number))
    if any(hashes.get(s.checkpoint.seq) != s.checkpoint.head_hash.encode() for s in pending):
        return None
    last = pending[-1].checkpoint if pending else None
    return {
        "ok": True, "count": end, "checkpoint": None if last is None else last.number,
        "problem": None, "entry_seq": None,
        "checkpoint_seq": None if last is None else last.seq, "processes": processes,
    }


def _check_ranges(
    source: Source, ranges: list[tuple[int, int]], want: frozenset[int], processes: int
) -> list[RangeResult] | None:
    """Check the ranges in ``processes`` processes: this one and ``processes - 1`` workers.
    The workers take ranges from the front, this process from the back (those no worker has
    started yet), so it works while the workers start and nobody waits for long. None when a
    range does not fit or a worker fails."""
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited state
    done: dict[int, RangeResult] = {}
    try:
        with ProcessPoolExecutor(processes - 1, mp_context=spawn) as pool:
            try:
                futures = [pool.submit(check_range, source, a, b, want) for a, b in ranges]
                for index in reversed(range(len(ranges))):
                    if not futures[index].cancel():
                        break
                    done[index] = check_range(source, *ranges[index], want)
                    if done[index].bad_seq is not None:
                        return None
                for index, future in enumerate(futures):
                    if index not in done:
                        done[index] = future.result()
                        if done[index].bad_seq is not None:
                            return None
            finally:
                pool.shutdown(cancel_futures=True)  # what no worker has started, when leaving early
    except Exception:  # a range could not be read: the sequential verifier will say why
        return None
    return [done[index] for index in range(len(ranges))]


def _verify_sequential(
    connection: BaseDatabaseWrapper, states: list[_CheckpointState], chunk_size: int,
    warnings: tuple[str, ...],
) -> VerifyResult:
    pending = sorted(states, key=lambda s: (s.checkpoint.seq, s.checkpoint.number))
    verified: Checkpoint | None = None
    expected = 1
    last = GENESIS_HASH
    index = 0

    def checkpoints_at(seq: int, digest: str) -> _Finding | None:
        """Check the checkpoints covering exactly ``seq`` (whose hash is ``digest``)."""
        nonlocal index, verified
        while index < len(pending) and pending[index].checkpoint.seq == seq:
            state = pending[index]
            cp = state.checkpoint
            if state.problem:
                return _Finding(CHECKPOINT_SIGNATURE, seq, state.problem, checkpoint=cp.number)
            if cp.head_hash != digest:
                return _Finding(
                    CHECKPOINT_MISMATCH, seq,
                    f"checkpoint {cp.number} signed a different log up to entry {seq}: "
                    f"entries up to {seq} were rewritten",
                    checkpoint=cp.number,
                )
            verified = cp
            index += 1
        return None

    def result(finding: _Finding | None) -> VerifyResult:
        count = expected - 1 if finding is None else min(expected - 1, max(finding.seq - 1, 0))
        return VerifyResult(
            ok=finding is None,
            count=count,
            checkpoint=None if verified is None else verified.number,
            problem=None if finding is None else finding.problem,
            entry_seq=None if finding is None else finding.seq,
            kind=None if finding is None else finding.kind,
            other_seq=None if finding is None else finding.other,
            checkpoint_seq=None if verified is None else verified.seq,
            problem_checkpoint=None if finding is None else finding.checkpoint,
            warnings=warnings,
        )

    finding = checkpoints_at(0, GENESIS_HASH)
    if finding:
        return result(finding)
    end = _end(connection)
    want = frozenset(state.checkpoint.seq for state in pending)
    prev = GENESIS_HASH.encode()
    for first in range(1, end + 1, chunk_size):
        range_end = min(first + chunk_size - 1, end)
        hashes: dict[int, bytes] = {}
        expected, prev = check_rows(_range_rows(connection, first, range_end), expected, prev,
                                    want, hashes)
        last = prev.decode()
        # The checkpoints over the entries that fit, in order, before the first that does not.
        while index < len(pending) and pending[index].checkpoint.seq < expected:
            seq = pending[index].checkpoint.seq
            digest = hashes[seq].decode()
            finding = checkpoints_at(seq, digest)
            if finding:
                return result(_refine(connection, finding, seq + 1, digest))
        if expected != range_end + 1:
            found = _next_row(connection, expected)
            if found is None:  # appended and gone? cannot be: append-only; be safe
                return result(_Finding(MISSING, expected, f"entry {expected} is missing"))
            return result(_diagnose(connection, found, expected, last))
    if index < len(pending):
        cp = pending[index].checkpoint
        end = expected - 1
        return result(_Finding(
            MISSING, expected,
            f"checkpoint {cp.number} covers entries up to {cp.seq}, but the log ends at {end}: "
            + (f"entry {expected} is missing" if cp.seq == expected
               else f"entries {expected} to {cp.seq} are missing"),
            other=cp.seq, checkpoint=cp.number,
        ))
    return result(None)


# --- diagnosis ----------------------------------------------------------------------------------

_HEADER = re.compile(r'\{"v":(\d+),"seq":(\d+),"prev_hash":"([0-9a-f]{64})",')


def _hash(document: str) -> str:
    return sha256(document.encode()).hexdigest()


def _genuine(row: Row | None) -> bool:
    """Whether a row is an untouched entry at its own place (its document states its seq)."""
    if row is None:
        return False
    seq, stored, doc = row
    header = _HEADER.match(doc)
    return header is not None and int(header[2]) == seq and _hash(doc) == stored


def _refine(
    connection: BaseDatabaseWrapper, finding: _Finding, expected: int, last: str
) -> _Finding:
    """A checkpoint that does not match may have a plainer cause the next entry shows: a
    well-forged entry inserted just before the checkpoint's seq."""
    if finding.kind != CHECKPOINT_MISMATCH:
        return finding
    following = _row(connection, expected)
    if following is None:
        return finding
    seq, stored, doc = following
    if doc.startswith(f'{{"v":{VERSION},"seq":{seq},"prev_hash":"{last}",') and (
        _hash(doc) == stored
    ):
        return finding
    better = _diagnose(connection, following, expected, last)
    return better if better.seq < expected else finding


def _diagnose(
    connection: BaseDatabaseWrapper, row: Row, expected: int, last: str
) -> _Finding:
    """Say what is wrong at the first row that does not fit (everything before it does)."""
    seq, stored, doc = row
    if seq > expected:
        text = (f"entry {expected} is missing" if seq == expected + 1
                else f"entries {expected} to {seq - 1} are missing")
        return _Finding(MISSING, expected, text, other=seq - 1)
    if seq < expected:  # only possible without the primary key
        return _Finding(REORDERED, seq, f"entry {seq} appears twice or out of order")
    header = _HEADER.match(doc)
    if header is None or int(header[1]) != VERSION:
        return _Finding(CHANGED, seq, f"entry {seq} was changed: it is not a log document")
    doc_seq, prev = int(header[2]), header[3]

    # Where does this document belong? Where it says, if its hash is right; else try the
    # places a moved entry comes from (its seq edited to hide the move).
    origin: int | None = doc_seq if _hash(doc) == stored else None
    if origin is None:
        holders = _seqs_with_hash(prev)
        for candidate in (seq - 1, seq + 1, *(h + 1 for h in holders)):
            if (
                candidate >= 1
                and candidate != doc_seq
                and _hash(with_seq(doc, doc_seq, candidate)) == stored
            ):
                origin = candidate
                break

    if origin == seq:
        # A genuine entry for this place that links to something other than its predecessor.
        holders = [s for s in _seqs_with_hash(prev) if s != seq]
        if not holders:
            if seq == 1:
                return _Finding(INSERTED, 1, "entry 1 does not link to the start of the log")
            return _Finding(
                CHANGED, seq - 1,
                f"entry {seq - 1} was rewritten with a recomputed hash: entry {seq} still "
                "links to the original",
            )
        if holders[0] < seq - 1:
            return _Finding(
                INSERTED, holders[0] + 1,
                f"entry {holders[0] + 1} was inserted: entry {seq} links to entry {holders[0]}",
                other=seq - 1,
            )
        return _Finding(
            REORDERED, seq, f"entry {seq} is out of order: it links to entry {holders[0]}",
            other=holders[0] + 1,
        )

    copies = [s for s in _seqs_with_hash(stored) if s != seq]
    for other in copies:
        if _genuine(_row(connection, other)):
            return _Finding(
                INSERTED, seq, f"entry {seq} was inserted: it is a copy of entry {other}",
                other=other,
            )

    if origin is not None:
        if origin == seq - 1:
            return _Finding(
                INSERTED, seq - 1,
                f"entry {seq - 1} was inserted: entry {seq} was written as entry {seq - 1}",
                other=seq,
            )
        if origin == seq + 1 and not _seqs_with_hash(prev):
            return _Finding(
                MISSING, seq,
                f"entry {seq} is missing: it was removed and the later entries renumbered",
            )
        return _Finding(
            REORDERED, seq, f"entry {seq} holds entry {origin}: entries were moved or swapped",
            other=origin,
        )

    following = _row(connection, seq + 1)
    if following is not None:
        _next_seq, next_stored, next_doc = following
        next_header = _HEADER.match(next_doc)
        if (
            next_header is not None
            and int(next_header[2]) == seq
            and next_header[3] == last
            and _hash(next_doc) == next_stored
        ):
            return _Finding(
                INSERTED, seq,
                f"entry {seq} was inserted: the entry after it was written as entry {seq}",
            )
    return _Finding(CHANGED, seq, f"entry {seq} was changed: its hash does not match its content")
