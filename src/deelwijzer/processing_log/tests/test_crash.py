"""SIGKILL during a burst of appends: afterwards the log verifies and no committed entry is gone.

The child process appends, each append its own committed transaction, and prints the seq of
every entry once its transaction has committed. It is killed with SIGKILL mid-burst (mid-
transaction, most likely). On SQLite the database is a file shared with the child (WAL with
synchronous=NORMAL, as configured for every SQLite database); on PostgreSQL it is the test
database, which is why the test is transactional (its rows are really committed).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

CHILD = [sys.executable, "-m", "deelwijzer.processing_log.tests.burst"]


def child_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "deelwijzer.conf.test"}
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'log.sqlite3'}"
        done = subprocess.run([*CHILD, "migrate"], env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
    else:
        s = connection.settings_dict
        auth = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
        env["DATABASE_URL"] = (
            f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
        )
    return env


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("at_least", [200, 1000])
def test_sigkill_mid_burst_loses_no_committed_entry(tmp_path, at_least):
    env = child_env(tmp_path)
    child = subprocess.Popen([*CHILD, "burst"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    lines: list[str] = []

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    while len(lines) < at_least + 1 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.005)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    reader.join(timeout=30)
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
    assert lines and lines[0] == "ready\n"
    committed = [int(line) for line in lines[1:] if line.endswith("\n")]
    assert len(committed) >= at_least

    done = subprocess.run([*CHILD, "verify"], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    after = json.loads(done.stdout)
    assert after["ok"], after["problem"]
    present = after["seqs"]
    assert present == list(range(1, len(present) + 1))  # no gaps
    assert set(committed) <= set(present)  # every committed entry survived
    assert after["count"] == len(present)
