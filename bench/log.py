"""Throughput of the processing log (issue 3, item 8).

Measures, on a fresh database of its own:

- ``durability``: what a committed append survives as the database is configured for the run
  (SQLite: journal mode and synchronous level; PostgreSQL: fsync and synchronous_commit);
- ``append_per_s``: durable single appends, each ``log_append`` its own committed transaction
  (SQLite: WAL, synchronous=NORMAL, BEGIN IMMEDIATE, as configured in the settings), on an empty
  log, every append for a new subject (so it writes the subject's key too);
  ``append_per_s_1m`` the same at the end of the 1M-entry log (subjects that have keys);
- ``sqlite_floor_per_s`` (SQLite): the same statements and commits as ``append_per_s`` on a bare
  ``sqlite3`` connection to a database with the same schema, documents prepared beforehand: what
  the database and the disk allow on this machine, the ceiling for ``append_per_s``;
- ``pg_floor_per_s`` (PostgreSQL): a bare psycopg loop, one ``INSERT`` per transaction
  (autocommit, prepared after 5 executions), into a copy of the entry table (``LIKE ...
  INCLUDING ALL``: same columns, generated columns and indexes), documents prepared
  beforehand, its rounds taken in turn with the appends'; ``pg_append_ratio`` = append_per_s /
  pg_floor_per_s; ``pg_floor_plain_per_s`` the same into a copy whose generated columns are plain
  (values computed beforehand): the difference is what the generated columns cost;
- ``many_per_s``: ``log_append_many`` in batches of 1,000 records, each call its own
  transaction (``--many`` records, median of 5 rounds), at the start of the log;
- ``verify_per_s``: ``verify_log()`` over the whole 1M-entry log (every hash and link, the
  checkpoint), entries per second;
- ``hashlib_per_s``: a bare ``hashlib.sha256`` chain, in the same run, over as many entries of
  the same documents (``h = sha256(h + document).digest()``, documents already in memory);
  ``verify_ratio`` = verify_per_s / hashlib_per_s;
- ``subject_query_ms_1m``: one subject's history (``entries_for_subject``, read to the end) on the
  1M-entry log, the median over 50 subjects (about ten entries each);
  ``subject_query_ms_10m`` with ``--ten-million``.

The 1M entries are written with ``log_append_many`` in batches of 5,000 (the chain computed in
Python, rows inserted with executemany or multi-row VALUES), through the triggers.

SQLite by default (a temporary file database, migrated here); PostgreSQL when DATABASE_URL is
set (a database ``deelwijzer_bench_<pid>`` is created on that server and dropped afterwards).

    .venv/bin/python bench/log.py                  # readable figures
    .venv/bin/python bench/log.py --json           # ... and one JSON object on the last line
    .venv/bin/python bench/log.py --json > base.json
    .venv/bin/python bench/log.py --baseline base.json   # exit 1 on a regression > 25%
    scripts/with-postgres .venv/bin/python bench/log.py --json

Targets: append_per_s >= 5,000 on SQLite, pg_append_ratio >= 0.5 on PostgreSQL,
verify_ratio >= 0.5, subject_query_ms_1m <= 50.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

REGRESSION = 0.25  # --baseline: fail when a figure gets more than 25% worse
HIGHER_IS_BETTER = ("append_per_s", "append_per_s_1m", "many_per_s", "verify_per_s",
                    "verify_ratio", "pg_append_ratio")
LOWER_IS_BETTER = ("subject_query_ms_1m", "subject_query_ms_10m")
SUBJECTS_PER_MILLION = 100_000
BATCH = 5_000
ROUNDS = 5  # single appends are timed in rounds; the median is reported


@contextmanager
def bench_database(keep: bool) -> Iterator[str]:
    """Point DATABASE_URL at a fresh database for this run; remove it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url or url.startswith("sqlite"):
        folder = Path(tempfile.mkdtemp(prefix="deelwijzer-bench-log-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
        try:
            yield "sqlite"
        finally:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
        return
    import psycopg

    name = f"deelwijzer_bench_{os.getpid()}"
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    try:
        yield "postgresql"
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "deelwijzer.conf.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def record(n: int, subjects: int, **overrides: Any) -> Any:
    from deelwijzer.processing_log.services import LogRecord

    action = ("view", "view", "record", "disclose", "view", "copy")[n % 6]
    values: dict[str, Any] = {
        "activity_id": f"toekomst/2024-1/veiligheid-kind/{('signaal', 'analyse', 'plan')[n % 3]}",
        "covenant_version": "2024-1",
        "purpose": "veiligheid-kind",
        "step": ("signaal", "analyse", "plan")[n % 3],
        "action": action,
        "subject_id": f"person:{n % subjects}",
        "actor_id": str(1000 + n % 300),
        "actor_partner": ("jeugdbescherming", "veilig-thuis", "ggz", "gemeente")[n % 4],
        "recipient_partner": ("raad", "politie", "ggz")[n % 3] if action == "disclose" else None,
        "ground": "6.1.e",
        "categories": ("naw", "gezondheid") if n % 2 else ("naw",),
        "allowed": n % 7 != 0,
        "rule_ids": ("S1", "S4") if n % 7 else ("S4",),
        "case_ref": f"case-{n % 20_000}" if n % 5 else None,
        "status": "ok" if n % 7 else "refused",
    }
    values.update(overrides)
    return LogRecord(**values)


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def append_rounds(count: int, subjects: int) -> Iterator[tuple[float, float]]:
    """``count`` single appends in ROUNDS rounds: per round, appends per second and CPU
    microseconds (this process) per append."""
    from deelwijzer.processing_log.services import log_append

    size = count // ROUNDS
    for first in range(0, size * ROUNDS, size):
        records = [record(n, subjects) for n in range(first, first + size)]
        cpu, start = time.process_time(), time.perf_counter()
        for r in records:
            log_append(r)
        yield size / (time.perf_counter() - start), (time.process_time() - cpu) / size * 1e6


MANY_BATCH = 1_000


def many_rounds(count: int, subjects: int, first: int) -> tuple[int, float]:
    """``log_append_many`` with batches of MANY_BATCH records (each call its own transaction,
    records numbered from ``first``, so a mix of known and new subjects), ``count`` records in
    ROUNDS rounds: the median records per second and CPU µs per record."""
    from deelwijzer.processing_log.services import log_append_many

    size = max(count // ROUNDS, MANY_BATCH)
    rounds = []
    for start in range(first, first + size * ROUNDS, size):
        batches = [[record(n, subjects) for n in range(at, min(at + MANY_BATCH, start + size))]
                   for at in range(start, start + size, MANY_BATCH)]
        cpu, begin = time.process_time(), time.perf_counter()
        for batch in batches:
            log_append_many(batch)
        rounds.append((size / (time.perf_counter() - begin),
                       (time.process_time() - cpu) / size * 1e6))
    return medians(rounds)


def medians(rounds: Iterable[tuple[float, float]]) -> tuple[int, float]:
    """The median rate and the median CPU time per operation of some rounds."""
    rates, cpus = zip(*rounds, strict=True)
    return round(statistics.median(rates)), round(statistics.median(cpus), 1)


def measure_appends(count: int, subjects: int) -> dict[str, tuple[int, float]]:
    """Single appends (median appends/s and CPU µs per append over the rounds) and the floor
    (SQLite: bare sqlite3; PostgreSQL: bare psycopg, with and without generated columns), its
    rounds taken in turn with the appends' (same conditions)."""
    from django.db import connection

    appends = append_rounds(count, subjects)
    ours, floor, plain = [], [], []
    if connection.vendor == "sqlite":
        for bare in sqlite_floor(count):
            ours.append(next(appends))
            floor.append(bare)
        return {"append": medians(ours), "sqlite_floor": medians(floor)}
    for bare, bare_plain in pg_floor(count):
        ours.append(next(appends))
        floor.append(bare)
        plain.append(bare_plain)
    return {"append": medians(ours), "pg_floor": medians(floor),
            "pg_floor_plain": medians(plain)}


def durability() -> str:
    """What a committed append survives, as the database is configured for this run."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            journal = str(cursor.fetchone()[0])
            cursor.execute("PRAGMA synchronous")
            level = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[int(cursor.fetchone()[0])]
            survives = (
                "a process crash; an OS crash or power loss may roll back the last commits"
                if journal == "wal" and level == "NORMAL"
                else "an OS crash or power loss too" if level in ("FULL", "EXTRA")
                else "not even a process crash reliably"
            )
            return f"journal_mode={journal}, synchronous={level}: survives {survives}"
        cursor.execute("SHOW fsync")
        fsync = str(cursor.fetchone()[0])
        cursor.execute("SHOW synchronous_commit")
        sync = str(cursor.fetchone()[0])
    if fsync == "on" and sync != "off":
        return f"fsync={fsync}, synchronous_commit={sync}: survives a server crash"
    return (f"fsync={fsync}, synchronous_commit={sync}: committed, but NOT durable against a "
            "server or OS crash (a throw-away test server)")


def sqlite_floor(count: int) -> Iterator[tuple[float, float]]:
    """The same statements as one single append, on a bare ``sqlite3`` connection, without
    Django or the log's Python: BEGIN IMMEDIATE, the last entry and the subject's key, a new
    key, the entry, COMMIT; same schema (tables, indexes, triggers), same pragmas, a new
    subject each time (as ``append_per_s``). Documents are prepared beforehand. What the
    database and the disk allow on this machine: the ceiling for ``append_per_s``. In ROUNDS
    rounds, as ``append_rounds``."""
    import sqlite3

    from django.db import connection
    from django.utils import timezone

    from deelwijzer.processing_log.canonical import format_datetime
    from deelwijzer.processing_log.services import _prepare, _pseudonym

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND "
            "tbl_name IN ('processing_log_logentry', 'processing_log_subjectkey') "
            "ORDER BY type = 'table' DESC"
        )
        schema = [row[0] for row in cursor.fetchall()]
    path = Path(str(connection.settings_dict["NAME"])).with_name("floor.sqlite3")
    db = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("journal_mode", "synchronous", "wal_autocheckpoint"):  # as the settings
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA {pragma}")
                db.execute(f"PRAGMA {pragma}={cursor.fetchone()[0]}")
        for sql in schema:
            db.execute(sql)
        now = timezone.now()
        text = format_datetime(now)
        keys = [(f"floor:{n}", os.urandom(32)) for n in range(count)]
        bodies = [
            _prepare(record(n, count), "0af7651916cd43dd8448eb211c80319c", now, text)
            .body(_pseudonym(key, subject))
            for n, (subject, key) in enumerate(keys)
        ]
        cur = db.cursor()
        size = count // ROUNDS
        for first in range(0, size * ROUNDS, size):
            cpu, start = time.process_time(), time.perf_counter()
            _floor_appends(cur, keys[first:first + size], bodies[first:first + size], text)
            yield size / (time.perf_counter() - start), (time.process_time() - cpu) / size * 1e6
    finally:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def pg_floor(count: int) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """A bare psycopg loop, one row per transaction, without Django or the log's Python: per
    round, (rate, CPU µs) into a copy of the entry table (``LIKE ... INCLUDING ALL``: the same
    columns, generated columns, constraints and indexes; no triggers) and the same into a copy
    whose generated columns are plain ones, their values computed beforehand
    (``EXCLUDING GENERATED``): what the generated columns cost. Each INSERT is sent on an
    autocommit connection, so it is its own transaction, committed in the same round trip; the
    statement is prepared on the server (psycopg prepares it after 5 executions). Documents are
    prepared beforehand. In ROUNDS rounds, as ``append_rounds``; the two tables in turn."""
    import psycopg
    from django.db import connection
    from django.utils import timezone

    from deelwijzer.processing_log.canonical import document, entry_hash, format_datetime
    from deelwijzer.processing_log.services import _prepare, _pseudonym

    s = connection.settings_dict
    db = psycopg.connect(
        dbname=s["NAME"], user=s["USER"] or None, password=s["PASSWORD"] or None,
        host=s["HOST"] or None, port=s["PORT"] or None, autocommit=True,
    )
    try:
        generated = db.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = "
            "'processing_log_logentry'::regclass AND attgenerated = 's' ORDER BY attnum"
        ).fetchall()
        columns = [name for (name,) in generated]
        db.execute("CREATE TABLE bench_floor (LIKE processing_log_logentry INCLUDING ALL)")
        db.execute("CREATE TABLE bench_floor_plain "
                   "(LIKE processing_log_logentry INCLUDING ALL EXCLUDING GENERATED)")
        now = timezone.now()
        text = format_datetime(now)
        rows, plain_rows, prev = [], [], "0" * 64
        for n in range(count):
            r = record(n, count)
            pseudonym = _pseudonym(os.urandom(32), f"floor:{n}")
            body = _prepare(r, "0af7651916cd43dd8448eb211c80319c", now, text).body(pseudonym)
            doc = document(n + 1, prev, text, body)
            prev = entry_hash(doc)
            rows.append((n + 1, prev, doc))
            derived = {"action": r.action, "subject_pseudonym": pseudonym,
                       "recipient_partner": r.recipient_partner, "case_ref": r.case_ref,
                       "started_at": now}
            plain_rows.append((n + 1, prev, doc, *(derived[c] for c in columns)))
        insert = "INSERT INTO bench_floor (seq, entry_hash, document) VALUES (%s, %s, %s)"
        insert_plain = (
            f"INSERT INTO bench_floor_plain (seq, entry_hash, document, {', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * (3 + len(columns)))})"
        )
        cur = db.cursor()
        size = count // ROUNDS
        for first in range(0, size * ROUNDS, size):
            figures = []
            for sql, batch in ((insert, rows), (insert_plain, plain_rows)):
                cpu, start = time.process_time(), time.perf_counter()
                for row in batch[first:first + size]:
                    cur.execute(sql, row)
                figures.append((size / (time.perf_counter() - start),
                                (time.process_time() - cpu) / size * 1e6))
            yield figures[0], figures[1]
    finally:
        for table in ("bench_floor", "bench_floor_plain"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.close()


def _floor_appends(cur: Any, keys: list[tuple[str, bytes]], bodies: list[str], text: str) -> None:
    from deelwijzer.processing_log.canonical import document, entry_hash

    for (subject, key), body in zip(keys, bodies, strict=True):
        cur.execute("BEGIN IMMEDIATE")
        cur.execute(
            "SELECT (SELECT seq FROM processing_log_logentry ORDER BY seq DESC LIMIT 1), "
            "(SELECT entry_hash FROM processing_log_logentry ORDER BY seq DESC LIMIT 1), "
            "(SELECT key FROM processing_log_subjectkey WHERE subject_id = ?)", (subject,)
        )
        seq, prev, _key = cur.fetchone()
        seq = (seq or 0) + 1
        doc = document(seq, prev or "0" * 64, text, body)
        cur.execute("INSERT INTO processing_log_subjectkey (subject_id, key, created_at) "
                    "VALUES (?, ?, ?)", (subject, key, text))
        cur.execute("INSERT INTO processing_log_logentry (seq, entry_hash, document) "
                    "VALUES (?, ?, ?)", (seq, entry_hash(doc), doc))
        cur.execute("COMMIT")


def build(target: int, subjects: int, report: Callable[[str], None]) -> float:
    """Fill the log up to ``target`` entries in batches; entries per second."""
    from deelwijzer.processing_log.models import LogEntry
    from deelwijzer.processing_log.services import log_append_many

    have = LogEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    start = time.perf_counter()
    n = have
    while n < target:
        size = min(BATCH, target - n)
        log_append_many([record(n + i, subjects) for i in range(size)])
        n += size
        if n % 200_000 < BATCH:
            report(f"  ... {n:,} entries")
    return (n - have) / max(time.perf_counter() - start, 1e-9)


VERIFY_ROUNDS = 3


def measure_verify() -> dict[str, Any]:
    """``verify_log()`` as ``deelwijzer log verify`` runs it (in parallel where it can), the
    bare chain over as many entries, and ``verify_log`` in one process, taken in turn
    VERIFY_ROUNDS times (the same conditions for each ratio): medians of the rates and of the
    per-round ratios."""
    from deelwijzer.processing_log.services import checkpoint_create
    from deelwijzer.processing_log.verify import verify_log

    checkpoint_create()
    chain = bare_chain()
    rounds: list[tuple[float, float, float]] = []
    for _ in range(VERIFY_ROUNDS):
        seconds, result = timed(verify_log)
        one_seconds, one = timed(lambda: verify_log(processes=1))
        for outcome in (result, one):
            if not outcome.ok:
                raise SystemExit(f"the benchmark log does not verify: {outcome.problem}")
        rounds.append((result.count / seconds, chain(result.count), one.count / one_seconds))
    verify, bare, single = (statistics.median(column) for column in zip(*rounds, strict=True))
    return {
        "verify_per_s": round(verify),
        "verify_processes": result.processes,
        "verify_per_s_1proc": round(single),
        "hashlib_per_s": round(bare),
        "verify_ratio": round(statistics.median(v / h for v, h, _ in rounds), 3),
        "verify_ratio_1proc": round(statistics.median(o / h for _, h, o in rounds), 3),
        "verified": result.count,
    }


def bare_chain() -> Callable[[int], float]:
    """A bare SHA-256 chain over ``count`` entries of the log's own documents (the first
    100,000, over and over): entries per second."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document FROM processing_log_logentry ORDER BY seq LIMIT 100000"
        )
        documents = [document.encode() for (document,) in cursor.fetchall()]
    sha256 = hashlib.sha256

    def run(count: int) -> float:
        start = time.perf_counter()
        digest = b""
        remaining = count
        while remaining > 0:
            for document in documents[:remaining]:
                digest = sha256(digest + document).digest()
            remaining -= len(documents)
        return count / (time.perf_counter() - start)

    return run


def measure_subject_query(subjects: int, samples: int = 50) -> tuple[float, float]:
    """Median milliseconds to read one subject's whole history; mean entries per subject."""
    from deelwijzer.processing_log.selectors import entries_for_subject

    rng = random.Random(3)  # noqa: S311 (a fixed sample, not a secret)
    times: list[float] = []
    sizes: list[int] = []
    for subject in rng.sample(range(subjects), samples):
        start = time.perf_counter()
        history = list(entries_for_subject(f"person:{subject}"))
        times.append((time.perf_counter() - start) * 1000)
        sizes.append(len(history))
    return statistics.median(times), statistics.mean(sizes)


def run(args: argparse.Namespace, say: Callable[[str], None]) -> dict[str, Any]:
    from django.db import connection

    subjects = SUBJECTS_PER_MILLION * args.rows // 1_000_000
    result: dict[str, Any] = {
        "database": connection.vendor,
        "database_version": ".".join(map(str, connection.get_database_version())),
        "python": platform.python_version(),
        "rows": args.rows,
    }
    say(f"processing log on {connection.vendor} {result['database_version']}")
    result["durability"] = durability()
    say(f"durability of a commit: {result['durability']}")
    measured = measure_appends(args.appends, subjects)
    rate, cpu = measured["append"]
    result["append_per_s"], result["append_cpu_us"] = rate, cpu
    say(f"durable single appends (new log):    {rate:>10,} /s   ({cpu} µs CPU each; "
        f"{args.appends:,} appends, each its own transaction, each a new subject; median of "
        f"{ROUNDS} rounds)")
    if "sqlite_floor" in measured:
        floor = measured["sqlite_floor"][0]
        result["sqlite_floor_per_s"] = floor
        say(f"  the same statements, bare sqlite3: {floor:>10,} /s"
            "   (no Django, no log Python: the ceiling on this machine; rounds in turn)")
    if "pg_floor" in measured:
        (floor, floor_cpu), (plain, _) = measured["pg_floor"], measured["pg_floor_plain"]
        result["pg_floor_per_s"], result["pg_floor_cpu_us"] = floor, floor_cpu
        result["pg_floor_plain_per_s"] = plain
        result["pg_append_ratio"] = round(rate / floor, 3)
        say(f"  bare psycopg INSERT, autocommit:   {floor:>10,} /s   ({floor_cpu} µs CPU each; "
            f"a copy of the entry table, one row per transaction, rounds in turn; appends at "
            f"{result['pg_append_ratio']:.0%} of it)")
        say(f"  the same, generated columns plain: {plain:>10,} /s   (values computed "
            f"beforehand: what the generated columns cost)")
    result["many_per_s"], result["many_cpu_us"] = many_rounds(
        args.many, subjects, first=args.appends)
    say(f"log_append_many, batches of {MANY_BATCH:,}: {result['many_per_s']:>10,} /s   "
        f"({result['many_cpu_us']} µs CPU per record; {args.many:,} records, median of "
        f"{ROUNDS} rounds)")
    say(f"building a {args.rows:,}-entry log ({subjects:,} subjects) ...")
    result["build_per_s"] = round(build(args.rows, subjects, say))
    say(f"bulk appends (batches of {BATCH:,}):    {result['build_per_s']:>10,} /s")
    result["append_per_s_1m"] = medians(append_rounds(args.appends, subjects))[0]
    say(f"durable single appends (1M log):     {result['append_per_s_1m']:>10,} /s")
    verified = measure_verify()
    count = verified.pop("verified")
    result.update(verified)
    say(f"verify ({count:,} entries, {result['verify_processes']} processes): "
        f"{result['verify_per_s']:>10,} /s   (median of {VERIFY_ROUNDS} rounds)")
    say(f"  the same in one process:           {result['verify_per_s_1proc']:>10,} /s")
    say(f"bare hashlib chain, same count:      {result['hashlib_per_s']:>10,} /s"
        f"   (verify at {result['verify_ratio']:.0%} of it; in one process "
        f"{result['verify_ratio_1proc']:.0%}; ratios per round, in turn)")
    median, size = measure_subject_query(subjects)
    result["subject_query_ms_1m"] = round(median, 2)
    result["subject_entries_1m"] = round(size, 1)
    say(f"one subject's history (1M log):      {median:>10.2f} ms"
        f"   (median of 50 subjects, {size:.1f} entries each)")
    if args.ten_million:
        say("building the log up to 10,000,000 entries ...")
        build(10_000_000, subjects, say)
        median, size = measure_subject_query(subjects)
        result["subject_query_ms_10m"] = round(median, 2)
        result["subject_entries_10m"] = round(size, 1)
        say(f"one subject's history (10M log):     {median:>10.2f} ms"
            f"   (median of 50 subjects, {size:.1f} entries each)")
    return result


def compare(result: dict[str, Any], baseline_file: Path) -> list[str]:
    lines = [line for line in baseline_file.read_text("utf-8").splitlines() if line.strip()]
    baseline = json.loads(lines[-1])
    problems = []
    for key in HIGHER_IS_BETTER:
        old, new = baseline.get(key), result.get(key)
        if old and new is not None and new < old * (1 - REGRESSION):
            problems.append(f"{key}: {new} < {old} - 25%")
    for key in LOWER_IS_BETTER:
        old, new = baseline.get(key), result.get(key)
        if old and new is not None and new > old * (1 + REGRESSION):
            problems.append(f"{key}: {new} > {old} + 25%")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON object")
    parser.add_argument("--baseline", type=Path, help="saved --json output to compare with")
    parser.add_argument("--appends", type=int, default=5_000, help="single appends to time")
    parser.add_argument("--many", type=int, default=50_000,
                        help="records to append with log_append_many in batches of 1,000")
    parser.add_argument("--rows", type=int, default=1_000_000, help="size of the large log")
    parser.add_argument("--ten-million", action="store_true",
                        help="also grow the log to 10M entries and time the subject query")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args(argv)

    def say(line: str) -> None:
        print(line, flush=True)

    with bench_database(args.keep):
        setup_django()
        result = run(args, say)
        from django.db import connections

        connections.close_all()
    status = 0
    if args.baseline is not None:
        regressions = compare(result, args.baseline)
        for line in regressions:
            say(f"REGRESSION {line}")
        if regressions:
            status = 1
        else:
            say(f"no regression against {args.baseline}")
    if args.json:
        print(json.dumps(result, sort_keys=True))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
