"""The child process of the crash test: ``python -m deelwijzer.processing_log.tests.burst MODE``.

- ``migrate``: migrate the database of ``DATABASE_URL``;
- ``burst``: append as fast as it can, each append its own committed transaction (single
  appends and small batches in turn), printing the seq of every committed entry, flushed;
- ``fill N``: append N entries in batches, then sign a checkpoint;
- ``append N NAME``: print ``ready``, wait for a line on stdin, then append N entries for
  subjects other writers log too (single appends, and batches of 3 and of 20 in turn), each call
  its own committed transaction, and print the number appended;
- ``tamper SEQ change|delete``: as an attacker: drop the triggers, change or delete entry SEQ,
  put the triggers back;
- ``verify [PROCESSES]``: print one JSON object: the verification result (in PROCESSES
  processes when given, however small the log) and the seqs present.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from itertools import pairwise


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijzer.conf.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from deelwijzer.processing_log import triggers
    from deelwijzer.processing_log.models import LogEntry
    from deelwijzer.processing_log.services import (
        LogRecord,
        checkpoint_create,
        log_append,
        log_append_many,
    )
    from deelwijzer.processing_log.verify import verify_log

    def record(n: int) -> LogRecord:
        return LogRecord(
            activity_id="burst/1/veiligheid-kind/-", covenant_version="1",
            purpose="veiligheid-kind", step=None, action="view",
            subject_id=f"person:{n % 97}", actor_id="1", actor_partner="gi",
            recipient_partner=None, ground="6.1.e", categories=("naw",), allowed=True,
            rule_ids=("S1",),
        )

    mode = sys.argv[1]
    if mode == "migrate":
        call_command("migrate", verbosity=0)
        print("migrated", flush=True)
    elif mode == "burst":
        print("ready", flush=True)
        n = 0
        while True:
            n += 1
            records = [record(n + i) for i in range(1 if n % 4 else 3)]
            entries = [log_append(records[0])] if len(records) == 1 else log_append_many(records)
            sys.stdout.write("".join(f"{e.seq}\n" for e in entries))
            sys.stdout.flush()
    elif mode == "append":
        count, name = int(sys.argv[2]), sys.argv[3]
        print("ready", flush=True)
        sys.stdin.readline()
        n = done = 0
        while done < count:
            n += 1
            size = min((1, 1, 3, 1, 20)[n % 5], count - done)
            batch = [replace(record(done + i), actor_id=name) for i in range(size)]
            if size == 1:
                log_append(batch[0])
            else:
                log_append_many(batch)
            done += size
        print(done, flush=True)
    elif mode == "fill":
        count = int(sys.argv[2])
        for start in range(0, count, 250):
            log_append_many([record(n) for n in range(start, min(start + 250, count))])
        checkpoint_create()
        print("filled", flush=True)
    elif mode == "tamper":
        seq, how = int(sys.argv[2]), sys.argv[3]
        triggers.drop(connection)
        with connection.cursor() as cursor:
            if how == "change":
                cursor.execute(
                    "UPDATE processing_log_logentry SET document = REPLACE(document, "
                    "'\"view\"', '\"copy\"') WHERE seq = %s", [seq])
            else:
                cursor.execute("DELETE FROM processing_log_logentry WHERE seq = %s", [seq])
        triggers.install(connection)
        print("tampered", flush=True)
    elif mode == "verify":
        processes = int(sys.argv[2]) if len(sys.argv) > 2 else None
        result = verify_log(processes=processes, parallel_min_entries=1)
        entries = list(LogEntry.objects.order_by("seq"))
        seqs = [entry.seq for entry in entries]
        created = [entry.created_at for entry in entries]
        actors = [entry.actor_id for entry in entries]
        changes = sum(a != b for a, b in pairwise(actors))  # one writer's entry after another's
        print(json.dumps({"created_non_decreasing": all(a <= b for a, b in pairwise(created)),
                          "actors": sorted(set(actors)), "interleaved": changes >= len(set(actors)),
                          "ok": result.ok, "count": result.count, "problem": result.problem,
                          "kind": result.kind, "entry_seq": result.entry_seq,
                          "checkpoint": result.checkpoint, "processes": result.processes,
                          "seqs": seqs}))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
