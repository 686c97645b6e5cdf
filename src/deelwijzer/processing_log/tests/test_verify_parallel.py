"""Verification in parallel processes: a large log that fits verifies in several processes
with the same result as one process; a log that does not fit is named exactly as the
sequential verifier names it.

The worker processes read the log through connections of their own, so the log lives where
they can see it: a database file on SQLite, the (committed, hence transactional) test database
on PostgreSQL; the child process of the crash test writes and verifies it."""

from __future__ import annotations

import json
import subprocess

import pytest

from .test_crash import CHILD, child_env

pytestmark = pytest.mark.django_db(transaction=True)

N = 2_000


def child(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([*CHILD, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def verify(env: dict[str, str], processes: int) -> dict[str, object]:
    result = json.loads(child(env, "verify", str(processes)))
    del result["seqs"]
    return result


@pytest.fixture
def env(tmp_path):
    env = child_env(tmp_path)
    child(env, "fill", str(N))
    return env


def test_a_log_that_fits_verifies_in_two_processes_as_in_one(env):
    parallel = verify(env, 2)
    assert parallel["processes"] == 2
    assert parallel["ok"] and parallel["count"] == N and parallel["checkpoint"] == 1
    assert {**parallel, "processes": 1} == verify(env, 1)


@pytest.mark.parametrize(("seq", "how", "kind"), [
    (1, "change", "changed"),
    (N // 2 + 1, "change", "changed"),  # the first entry of a range
    (N // 2, "delete", "missing"),  # the last entry of a range
    (N, "change", "changed"),
])
def test_a_log_that_does_not_fit_is_named_as_one_process_names_it(env, seq, how, kind):
    child(env, "tamper", str(seq), how)
    parallel = verify(env, 2)
    assert not parallel["ok"]
    assert (parallel["kind"], parallel["entry_seq"]) == (kind, seq), parallel
    assert parallel == verify(env, 1)


def test_a_range_that_cannot_be_read_leaves_it_to_one_process(tmp_path):
    from deelwijzer.processing_log.chain import Source
    from deelwijzer.processing_log.verify import TABLE, _check_ranges

    nowhere = Source("sqlite", {"path": str(tmp_path / "absent.sqlite3")}, TABLE)
    assert _check_ranges(nowhere, [(1, 10), (11, 20), (21, 30)], frozenset(), 2) is None
