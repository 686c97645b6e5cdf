"""The hot loop of verification: check a range of the hash chain, here or in a worker process.

Every entry stores its own hash and, in its document's header, its seq and the previous entry's
hash, so a range ``first..last`` can be checked on its own, given the stored hash of entry
``first - 1``: read the range's (entry_hash, document) in seq order, as the bytes the database
stores; each document must start with its seq and the previous hash and hash to its stored
hash, and the range must hold exactly ``last - first + 1`` rows (the seqs are distinct
integers within the range, so that many rows are exactly ``first..last``, in order).

``verify.verify_log`` runs these ranges one after another on its own connection, or, for a
large log, side by side in worker processes (``check_range``), each on a read-only connection
of its own. This module imports nothing from Django, so a worker is a fresh interpreter
(``spawn``) with a plain DB-API connection. It only says whether a range fits and where it
first does not; saying how (changed, missing, reordered, ...) is the verifier's diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from deelwijzer.processing_log.canonical import GENESIS_HASH, VERSION

FETCH = 10_000  # rows per fetch from a PostgreSQL server-side cursor
_HEADER = b'{"v":%d,"seq":' % VERSION + b'%d,"prev_hash":"%b",'  # of entry seq after prev

# (entry_hash, document) of seq first..last, in seq order, as stored (UTF-8 bytes): SQLite hands
# out a TEXT value cast to BLOB without decoding it; PostgreSQL sends text undecoded to a client
# whose encoding is SQL_ASCII, and psycopg then gives bytes (in the text and binary formats).
SQLITE_RANGE = ("SELECT CAST(entry_hash AS BLOB), CAST(document AS BLOB) FROM {table} "
                "WHERE seq >= ? AND seq <= ? ORDER BY seq")
POSTGRESQL_RANGE = ("SELECT entry_hash, document FROM {table} "
                    "WHERE seq >= %s AND seq <= %s ORDER BY seq")
SQLITE_HASH = "SELECT CAST(entry_hash AS BLOB) FROM {table} WHERE seq = ?"
POSTGRESQL_HASH = "SELECT entry_hash FROM {table} WHERE seq = %s"


def check_rows(
    rows: Iterable[tuple[bytes, bytes]], expected: int, prev: bytes, want: frozenset[int],
    hashes: dict[int, bytes],
) -> tuple[int, bytes]:
    """Check consecutive rows, the first of which should be entry ``expected`` following the
    hash ``prev``; stop at the first that does not fit. Returns the seq after the last entry
    that fits and that entry's hash; the hashes of the seqs in ``want`` go into ``hashes``."""
    for stored, raw in rows:
        if (
            not raw.startswith(_HEADER % (expected, prev))
            or sha256(raw).hexdigest().encode() != stored
        ):
            break
        if expected in want:
            hashes[expected] = stored
        prev = stored
        expected += 1
    return expected, prev


@dataclass(frozen=True, slots=True)
class Source:
    """Where a worker reads the log: ``sqlite`` with ``params={"path": ...}``, or
    ``postgresql`` with the keyword arguments of ``psycopg.connect``."""

    vendor: str
    params: dict[str, Any]
    table: str


@dataclass(frozen=True, slots=True)
class RangeResult:
    first: int
    last: int
    bad_seq: int | None  # the first seq in the range that does not fit; None: all fit
    hashes: dict[int, bytes]  # the stored hash of each asked-for seq that fits


def check_range(source: Source, first: int, last: int, want: frozenset[int]) -> RangeResult:
    """Check entries ``first..last``, starting from the stored hash of ``first - 1``."""
    execute, close = _connect(source)
    hashes: dict[int, bytes] = {}
    try:
        prev = GENESIS_HASH.encode()
        if first > 1:
            row = execute(SQLITE_HASH if source.vendor == "sqlite" else POSTGRESQL_HASH,
                          (first - 1,)).fetchone()
            if row is None:
                return RangeResult(first, last, first - 1, hashes)
            prev = bytes(row[0])
        sql = SQLITE_RANGE if source.vendor == "sqlite" else POSTGRESQL_RANGE
        end, _ = check_rows(execute(sql, (first, last)), first, prev, want, hashes)
        return RangeResult(first, last, None if end == last + 1 else end, hashes)
    finally:
        close()


def _connect(source: Source) -> tuple[Callable[[str, tuple[int, ...]], Any], Callable[[], None]]:
    """A read-only connection: ``execute(sql, params)`` giving an iterable cursor, and close."""
    if source.vendor == "sqlite":
        import sqlite3
        from pathlib import Path

        db = sqlite3.connect(f"{Path(source.params['path']).resolve().as_uri()}?mode=ro", uri=True)
        db.execute("PRAGMA mmap_size = 1073741824")

        def execute_sqlite(sql: str, params: tuple[int, ...]) -> Any:
            return db.execute(sql.format(table=source.table), params)

        return execute_sqlite, db.close
    import psycopg

    pg = psycopg.connect(**{**source.params, "client_encoding": "SQL_ASCII"})
    pg.read_only = True
    count = 0

    def execute_postgresql(sql: str, params: tuple[int, ...]) -> Any:
        nonlocal count
        count += 1
        # Server-side, FETCH rows at a time; binary results cost the server less.
        cursor = pg.cursor(name=f"deelwijzer_verify_{count}", binary=True)
        cursor.itersize = FETCH
        return cursor.execute(sql.format(table=source.table), params)

    return execute_postgresql, pg.close
