"""Throughput of the API under ``deelwijzer serve`` against a bare Django + DRF app (issue 10).

On a prepared database of its own (migrate + loaddemo + ``simulate --events N``, or
``--scale NAME`` where ``simulate`` has it), it starts ``deelwijzer serve`` (production
settings) and, in the same run, a bare Django + DRF project generated in a temporary folder
(one model, ``rest_framework.authtoken`` token auth, a GET of a small JSON and a POST writing
one row, on the same database vendor and the same connection settings) under the same
gunicorn settings (the same ``deelwijzer.server`` code: workers, sync worker, preload, no
access log). Both are driven by the same load generator with the same bounded mix and
concurrency: ``--concurrency`` threads, each on ``http.client`` (a new connection per request:
the sync workers close it), taking the next operation of one fixed shuffled schedule until
``--duration`` seconds have passed. The baseline answers a read of the mix with its GET and
a write with its POST.

Printed: requests/s, p50/p95/p99 per operation, errors, and ``ratio`` = ours / baseline
requests/s; with ``--json`` one JSON object on the last line. Afterwards it checks that
``deelwijzer log verify`` passes and that the processing log gained exactly one line per
subject per successful processing (warm-up included: a case read is one VIEW line per
household member, as the answer lists them; a disclosure or a refused disclosure one line for
the item's person; listing cases and the sharing check log nothing).

    .venv/bin/python bench/api.py                      # SQLite, 4 clients, 20 s per server
    .venv/bin/python bench/api.py --json --duration 30
    .venv/bin/python bench/api.py --db postgres         # runs itself under scripts/with-postgres
    scripts/with-postgres .venv/bin/python bench/api.py --db postgres --json
    .venv/bin/python bench/api.py --conn-max-age 0      # a new database connection per request
    .venv/bin/python bench/api.py --baseline api-baseline.json   # exit 1 on a regression > 25%

Targets (measured, not asserted): ratio >= 0.6 on SQLite and on PostgreSQL, 0 errors,
log_exact true.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from deelwijzer.testing.servers import (  # noqa: E402
    Server,
    Site,
    serving,
    site,
    wait_until_serving,
)

REGRESSION = 0.25
HIGHER_IS_BETTER = ("rps", "ratio")
WARMUP_ROUNDS = 2  # times through the mix before the timed run, per server


@dataclass(frozen=True)
class Op:
    """One operation of the mix: ``weight`` shares of the schedule; ``build(targets)`` gives
    (method, path, body); ``expect`` the status of success; ``subjects(targets, answer)`` the
    log lines one success appends; ``write``: the baseline answers it with its POST."""

    name: str
    weight: int
    build: Callable[[dict[str, Any]], tuple[str, str, dict[str, Any] | None]] | None
    expect: int = 200
    subjects: Callable[[dict[str, Any], Any], int] = lambda _t, _a: 0
    write: bool = False
    check: Callable[[Any], bool] = lambda _a: True
    note: str = ""


def _disclose(key: str) -> Callable[[dict[str, Any]], tuple[str, str, dict[str, Any] | None]]:
    return lambda t: ("POST", "/api/v1/share/disclose/", t[key])


# The mix. Adding an operation is one line; `build=None` marks one the API does not
# have yet (left out of the run and listed as pending).
MIX: tuple[Op, ...] = (
    Op("cases_list", 3, lambda t: ("GET", "/api/v1/cases/", None)),
    Op("cases_search", 1, lambda t: ("GET", f"/api/v1/cases/?search={t['case_search']}", None)),
    Op("persons_search", 1, lambda t: ("GET",
                                       f"/api/v1/share/persons/?search={t['person_search']}",
                                       None)),
    Op("case_read", 3, lambda t: ("GET", f"/api/v1/cases/{t['case_id']}/", None),
       subjects=lambda _t, a: len(a["members"])),
    Op("dossier_read", 3, lambda t: ("GET", f"/api/v1/share/persons/{t['check']['person']}/",
                                     None)),
    Op("share_check", 2, lambda t: ("POST", "/api/v1/share/check/", t["check"])),
    Op("record_item", 2, lambda t: ("POST", f"/api/v1/share/persons/{t['check']['person']}/items/",
                                    t["record"]), expect=201, subjects=lambda _t, _a: 1,
       write=True),
    Op("disclose", 1, _disclose("disclose"), expect=201, subjects=lambda _t, _a: 1, write=True),
    Op("disclose_refused", 1, _disclose("refused"), expect=403, subjects=lambda _t, _a: 1,
       write=True, check=lambda a: bool(a.get("rule_ids")) and a.get("allowed") is False),
)

DISCOVER = """
from deelwijzer.accounts.models import Professional
from deelwijzer.covenant.models import Partner
from deelwijzer.sharing import selectors
from deelwijzer.sharing.services import share_check
from deelwijzer.persons.models import HouseholdMember
me = Professional.objects.get(username=%(user)r)
partners = [p.key for p in Partner.objects.filter(partnership=me.partner.partnership)
            if p.pk != me.partner_id]
found = {}
for case in selectors.cases_visible(me):
    found.setdefault("case_id", case.pk)
    found.setdefault("case_search", case.household.label.split()[-1])
    for member in HouseholdMember._records.filter(household_id=case.household_id):
        person = member.person
        found.setdefault("person_search", person.family_name[:4])
        for item in selectors.dossier_items_held(me, person).rows:
            for recipient in partners:
                answer = share_check(professional=me, person=person, recipient=recipient,
                                     item=item, case=case)
                body = {"item": item.pk, "recipient": recipient, "case": case.reference}
                key = "disclose" if answer.allowed else "refused"
                if key not in found and (answer.allowed or answer.rule_ids):
                    found[key] = body
                    found["rules_" + key] = list(answer.rule_ids)
                    if answer.allowed:
                        found["check"] = {"person": person.pk, **body}
                        found["record"] = {"text": "Bench: waarneming op school",
                                           "nature": "fact", "categories": item.categories,
                                           "case": case.reference}
            if "disclose" in found and "refused" in found:
                break
        if "disclose" in found and "refused" in found:
            break
    if "disclose" in found and "refused" in found:
        break
print(json.dumps(found))
"""

LOG_COUNT = """
from deelwijzer.processing_log.models import LogEntry
print(json.dumps(LogEntry.objects.count()))
"""

# --- the baseline: a bare Django + DRF project --------------------------------------------

BASELINE_SETTINGS = '''
import dj_database_url, os
SECRET_KEY = "baseline-bench-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "rest_framework",
                  "rest_framework.authtoken", "notes"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "notes.urls"
DATABASES = {"default": dj_database_url.parse(
    os.environ["DATABASE_URL"], conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", 60)),
    conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # as Deelwijzer's
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
'''

BASELINE_APP = {
    "notes/__init__.py": "",
    "notes/models.py": '''
from django.db import models
class Note(models.Model):
    text = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
''',
    "notes/urls.py": '''
from django.urls import path
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView
from notes.models import Note

class Small(APIView):
    def get(self, request):
        return Response({"id": 1, "reference": "C-2026-0001", "step": "analyse",
                         "user": request.user.username, "items": [1, 2, 3]})

class Write(APIView):
    class Input(serializers.Serializer):
        text = serializers.CharField(max_length=200)
    def post(self, request):
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        note = Note.objects.create(text=data.validated_data["text"])
        return Response({"id": note.pk, "text": note.text}, status=status.HTTP_201_CREATED)

urlpatterns = [path("small/", Small.as_view()), path("write/", Write.as_view())]
''',
}

BASELINE_SERVE = """
import sys
sys.path.insert(0, %(folder)r)
import django
django.setup()
from deelwijzer.server import DeelwijzerServer, server_options
DeelwijzerServer(server_options(bind=%(bind)r, workers=%(workers)d, threads=1, timeout=30,
                                graceful_timeout=30, access_log=None, preload=True)).run()
"""


def baseline_project(folder: Path) -> None:
    (folder / "notes").mkdir(parents=True, exist_ok=True)
    (folder / "baseline_settings.py").write_text(BASELINE_SETTINGS)
    for name, text in BASELINE_APP.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip())


class BaselineSite:
    """The bare project's own database (same vendor and server as ours) and its processes."""

    def __init__(self, ours: Site) -> None:
        self.ours = ours
        self.folder = ours.folder / "baseline"
        baseline_project(self.folder)
        if ours.vendor == "sqlite":
            self.url = f"sqlite:///{self.folder / 'baseline.sqlite3'}"
        else:
            self.url = ours.database_url + "_baseline"
            self._psql(f'CREATE DATABASE "{self.url.rsplit("/", 1)[1]}"')

    def _psql(self, statement: str) -> None:
        import psycopg

        admin = self.ours.database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin.replace("postgres://", "postgresql://", 1),
                             autocommit=True) as conn:
            conn.execute(statement)

    def drop(self) -> None:
        if self.ours.vendor != "sqlite":
            self._psql(f'DROP DATABASE IF EXISTS "{self.url.rsplit("/", 1)[1]}" WITH (FORCE)')

    def env(self, extra: dict[str, str]) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("DEELWIJZER_", "DJANGO_", "DATABASE_"))}
        env.update(DJANGO_SETTINGS_MODULE="baseline_settings", DATABASE_URL=self.url,
                   PYTHONPATH=os.pathsep.join(
                       p for p in (str(self.folder), os.environ.get("PYTHONPATH", "")) if p),
                   **extra)
        return env

    def prepare(self, extra: dict[str, str]) -> str:
        """migrate, one user, its token."""
        script = (f"import sys; sys.path.insert(0, {str(self.folder)!r})\n"
                  "import django; django.setup()\n"
                  "from django.core.management import call_command\n"
                  "call_command('makemigrations', 'notes', verbosity=0)\n"
                  "call_command('migrate', verbosity=0)\n"
                  "from django.contrib.auth.models import User\n"
                  "from rest_framework.authtoken.models import Token\n"
                  "user = User.objects.create_user('bench')\n"
                  "print(Token.objects.create(user=user).key)\n")
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script], env=self.env(extra), cwd=self.folder,
            capture_output=True, text=True, check=True, timeout=300)
        return done.stdout.strip().splitlines()[-1]

    def start(self, workers: int, extra: dict[str, str]) -> Server:
        from deelwijzer.testing.servers import free_port

        port = free_port()
        log = self.folder / f"serve-{port}.log"
        code = BASELINE_SERVE % {"folder": str(self.folder), "bind": f"127.0.0.1:{port}",
                                 "workers": workers}
        with open(log, "wb") as out:
            process = subprocess.Popen([sys.executable, "-c", code], env=self.env(extra),  # noqa: S603
                                       cwd=self.folder, stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        server = Server(port, process, log)
        try:
            wait_until_serving(server)
        except BaseException:
            server.stop()
            raise
        return server


# --- the load -----------------------------------------------------------------------------

@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    subjects: int = 0
    ok: int = 0


Request = tuple[str, str, str, dict[str, Any] | None, Op]  # op name, method, path, body, op


def schedule(mix: list[Op], targets: dict[str, Any], baseline: bool) -> list[Request]:
    """One round of the mix (each operation its weight times), shuffled with a fixed seed."""
    rounds: list[Request] = []
    for op in mix:
        assert op.build is not None
        if baseline:
            method, path, body = (("POST", "/write/", {"text": f"a row for {op.name}"})
                                  if op.write else ("GET", "/small/", None))
        else:
            method, path, body = op.build(targets)
        rounds.extend([(op.name, method, path, body, op)] * op.weight)
    random.Random(2026).shuffle(rounds)  # noqa: S311 - a fixed schedule, not a secret
    return rounds


def one(port: int, token: str, request: Request, baseline: bool) -> tuple[bool, float, Any, str]:
    name, method, path, body, op = request
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": f"Token {token}", "Accept": "application/json",
               "X-Forwarded-Proto": "https"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    start = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        conn.close()
    except OSError as error:
        return False, time.perf_counter() - start, None, f"{name}: {error!r}"
    elapsed = time.perf_counter() - start
    expect = (201 if op.write else 200) if baseline else op.expect
    try:
        answer = json.loads(raw) if raw else None
    except ValueError:
        answer = None
    if response.status != expect or (not baseline and not op.check(answer or {})):
        return False, elapsed, answer, f"{name}: {response.status} {raw[:200]!r}"
    return True, elapsed, answer, ""


def drive(port: int, token: str, rounds: list[Request], concurrency: int, duration: float,
          targets: dict[str, Any], baseline: bool, tally: Tally, warmup: bool = False) -> float:
    """``concurrency`` threads through the schedule, round after round, until ``duration``
    (or, for the warm-up, WARMUP_ROUNDS rounds). Returns the elapsed seconds."""
    lock = threading.Lock()
    position = [0]
    limit = len(rounds) * WARMUP_ROUNDS if warmup else None
    deadline = time.perf_counter() + duration

    def worker() -> None:
        while True:
            with lock:
                n = position[0]
                if (limit is not None and n >= limit) or (
                        limit is None and time.perf_counter() >= deadline):
                    return
                position[0] += 1
            request = rounds[n % len(rounds)]
            ok, elapsed, answer, error = one(port, token, request, baseline)
            op = request[4]
            with lock:
                if ok:
                    tally.ok += 1
                    if not baseline:
                        tally.subjects += op.subjects(targets, answer)
                    if not warmup:
                        tally.latencies.setdefault(op.name, []).append(elapsed)
                else:
                    tally.errors[op.name] = tally.errors.get(op.name, 0) + 1
                    if len(tally.error_samples) < 5:
                        tally.error_samples.append(error)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(tally: Tally, elapsed: float) -> dict[str, Any]:
    ops = {}
    for name, values in tally.latencies.items():
        ops[name] = {"count": len(values), "p50_ms": round(percentile(values, 0.50) * 1e3, 1),
                     "p95_ms": round(percentile(values, 0.95) * 1e3, 1),
                     "p99_ms": round(percentile(values, 0.99) * 1e3, 1)}
    timed = sum(len(v) for v in tally.latencies.values())
    return {"rps": round(timed / elapsed, 1), "requests": timed,
            "errors": sum(tally.errors.values()), "errors_by_op": tally.errors,
            "error_samples": tally.error_samples, "ops": ops}


def run(args: argparse.Namespace) -> dict[str, Any]:
    mix = [op for op in MIX if op.build is not None]
    pending = {op.name: op.note for op in MIX if op.build is None}
    extra: dict[str, str] = {}
    if args.conn_max_age is not None:
        extra["DATABASE_CONN_MAX_AGE"] = str(args.conn_max_age)
    with site("benchapi", keep=args.keep) as s:
        print(f"Preparing the database ({s.vendor}) ...", file=sys.stderr)
        started = time.perf_counter()
        scale = args.scale if args.scale else None
        if scale and "--scale" not in s.cli("simulate", "--help").stdout:
            print("simulate has no --scale yet; using --events", file=sys.stderr)
            scale = None
        s.prepare(events=args.events, scale=scale)
        token = s.token(args.user)
        targets = s.python(DISCOVER % {"user": args.user})
        missing = [k for k in ("case_id", "disclose", "refused", "check") if k not in targets]
        if missing:
            raise SystemExit(f"bench/api.py: the prepared database has no {missing} for "
                             f"{args.user}; raise --events")
        prepared_s = time.perf_counter() - started
        baseline = BaselineSite(s)
        try:
            baseline_token = baseline.prepare(extra)
            log_before = s.python(LOG_COUNT)
            ours = Tally()
            print(f"deelwijzer serve, {args.workers} workers, {args.concurrency} clients, "
                  f"{args.duration} s ...", file=sys.stderr)
            with serving(s, "--workers", str(args.workers), "--no-access-log", env=extra) as (
                    server,):
                rounds = schedule(mix, targets, baseline=False)
                drive(server.port, token, rounds, args.concurrency, 0, targets, False, ours,
                      warmup=True)
                ours_s = drive(server.port, token, rounds, args.concurrency, args.duration,
                               targets, False, ours)
            log_after = s.python(LOG_COUNT)
            print("baseline (bare Django + DRF) ...", file=sys.stderr)
            base = Tally()
            server = baseline.start(args.workers, extra)
            try:
                rounds = schedule(mix, targets, baseline=True)
                drive(server.port, baseline_token, rounds, args.concurrency, 0, targets, True,
                      base, warmup=True)
                base_s = drive(server.port, baseline_token, rounds, args.concurrency,
                               args.duration, targets, True, base)
            finally:
                server.stop()
        finally:
            baseline.drop()
        verify = s.cli("log", "verify", "--lang", "en", check=False)
    ours_summary, base_summary = summary(ours, ours_s), summary(base, base_s)
    gained = log_after - log_before
    return {
        "bench": "api",
        "db": s.vendor,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "workers": args.workers,
        "concurrency": args.concurrency,
        "duration_s": args.duration,
        "conn_max_age": args.conn_max_age if args.conn_max_age is not None else "default (60)",
        "events": args.events,
        "prepare_s": round(prepared_s, 1),
        "rps": ours_summary["rps"],
        "baseline_rps": base_summary["rps"],
        "ratio": round(ours_summary["rps"] / base_summary["rps"], 3)
        if base_summary["rps"] else None,
        "errors": ours_summary["errors"],
        "baseline_errors": base_summary["errors"],
        "ops": ours_summary["ops"],
        "baseline_ops": base_summary["ops"],
        "errors_by_op": ours_summary["errors_by_op"],
        "error_samples": ours_summary["error_samples"] + base_summary["error_samples"],
        "pending_ops": pending,
        "rule_ids_refused": targets.get("rules_refused"),
        "log_gained": gained,
        "log_expected": ours.subjects,
        "log_exact": gained == ours.subjects,
        "log_verify": verify.returncode == 0,
        "log_verify_output": (verify.stdout + verify.stderr).strip().splitlines()[-1:]
        if verify.stdout or verify.stderr else [],
    }


def report(result: dict[str, Any]) -> None:
    print(f"\nAPI under deelwijzer serve vs a bare Django + DRF app — {result['db']}, "
          f"{result['workers']} workers, {result['concurrency']} clients, "
          f"{result['duration_s']} s each, conn_max_age {result['conn_max_age']}, "
          f"{result['cpus']} CPUs")
    print(f"\n{'operation':<18}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for label, ops in (("ours", result["ops"]), ("baseline", result["baseline_ops"])):
        print(f"-- {label}")
        for name, o in ops.items():
            print(f"{name:<18}{o['count']:>7}{o['p50_ms']:>9}{o['p95_ms']:>9}{o['p99_ms']:>9}")
    for name, note in result["pending_ops"].items():
        print(f"{name:<18}  {note}")
    print(f"\nrequests/s: ours {result['rps']}, baseline {result['baseline_rps']}; "
          f"ratio {result['ratio']} (target >= 0.6)")
    print(f"errors: ours {result['errors']} {result['errors_by_op'] or ''}, "
          f"baseline {result['baseline_errors']}")
    for sample in result["error_samples"]:
        print(f"    {sample}")
    print(f"processing log: gained {result['log_gained']} lines, expected "
          f"{result['log_expected']} (one per subject per successful processing): "
          f"{'exact' if result['log_exact'] else 'NOT EXACT'}; log verify: "
          f"{'passes' if result['log_verify'] else 'FAILS'} {result['log_verify_output']}")


def compare(result: dict[str, Any], baseline_file: Path) -> list[str]:
    before = json.loads(baseline_file.read_text().strip().splitlines()[-1])
    worse = []
    for key in HIGHER_IS_BETTER:
        if before.get(key) and result.get(key) is not None and \
                result[key] < before[key] * (1 - REGRESSION):
            worse.append(f"{key}: {before[key]} -> {result[key]}")
    for name, o in result["ops"].items():
        old = before.get("ops", {}).get(name)
        if old and o["p95_ms"] > old["p95_ms"] * (1 + REGRESSION):
            worse.append(f"{name} p95_ms: {old['p95_ms']} -> {o['p95_ms']}")
    return worse


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (4)")
    parser.add_argument("--duration", type=float, default=20, help="seconds per server (20)")
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers of both servers (default: 2 x CPUs + 1)")
    parser.add_argument("--events", type=int, default=150,
                        help="simulate --events N for the prepared database (150)")
    parser.add_argument("--scale", default="", help="simulate --scale NAME, where it exists")
    parser.add_argument("--user", default="regisseur", help="the demo professional (regisseur)")
    parser.add_argument("--conn-max-age", type=int, default=None,
                        help="DATABASE_CONN_MAX_AGE of both servers (default: the settings')")
    parser.add_argument("--json", action="store_true", help="one JSON object on the last line")
    parser.add_argument("--baseline", type=Path, help="a saved --json output to compare with")
    parser.add_argument("--keep", action="store_true", help="keep the database and folder")
    args = parser.parse_args()
    if args.db == "postgres" and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # A throw-away server for this run.
        script = str(ROOT / "scripts" / "with-postgres")
        os.execv(script, [script, sys.executable, *sys.argv])  # noqa: S606
    if args.db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    if args.workers is None:
        from deelwijzer.server import default_workers

        args.workers = default_workers()
    result = run(args)
    report(result)
    worse = compare(result, args.baseline) if args.baseline else []
    for line in worse:
        print(f"regression: {line}")
    if args.json:
        print(json.dumps(result))
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
