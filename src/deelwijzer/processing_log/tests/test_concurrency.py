"""Several processes append to the same log at once: the chain stays one chain.

Three OS processes (``burst.py append``), each with a connection of its own, are released
together and append for subjects they share (so they also race to create the same subject's
key), single appends and batches in turn, each call its own committed transaction. Afterwards
the log verifies, holds exactly as many entries as were appended, without gaps, and
``created_at`` never decreases along the chain. On SQLite the database is a file the processes
share (WAL, ``BEGIN IMMEDIATE``); on PostgreSQL the test database (so the test is
transactional: the rows are really committed), where the processes take the append lock in turn
and mostly append with the one-statement function, retrying when another process moved the head.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from deelwijzer.processing_log.tests.test_crash import CHILD, child_env

WRITERS = 3
EACH = 300


@pytest.mark.django_db(transaction=True)
def test_processes_appending_at_once_keep_one_verifiable_chain(tmp_path):
    env = child_env(tmp_path)
    writers = [
        subprocess.Popen([*CHILD, "append", str(EACH), f"writer-{n}"], env=env,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for n in range(WRITERS)
    ]
    try:
        for writer in writers:  # every writer is set up before any appends
            assert writer.stdout is not None
            assert writer.stdout.readline() == "ready\n", writer.stderr
        for writer in writers:
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        outputs = [writer.communicate(timeout=300) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert out.strip() == str(EACH)

    done = subprocess.run([*CHILD, "verify"], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    after = json.loads(done.stdout)
    assert after["ok"], after["problem"]
    assert after["count"] == WRITERS * EACH
    assert after["seqs"] == list(range(1, WRITERS * EACH + 1))
    assert after["created_non_decreasing"]
    assert sorted(after["actors"]) == [f"writer-{n}" for n in range(WRITERS)]
    assert after["interleaved"]  # the writers really did append at the same time
