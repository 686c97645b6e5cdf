"""The child process of the crash test: ``python -m deelwijzer.processing_log.tests.burst MODE``.

- ``migrate``: migrate the database of ``DATABASE_URL``;
- ``burst``: append as fast as it can, each append its own committed transaction (single
  appends and small batches in turn), printing the seq of every committed entry, flushed;
- ``verify``: print one JSON object: the verification result and the seqs present.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijzer.conf.test")
    import django

    django.setup()
    from django.core.management import call_command

    from deelwijzer.processing_log.models import LogEntry
    from deelwijzer.processing_log.services import LogRecord, log_append, log_append_many
    from deelwijzer.processing_log.verify import verify_log

    mode = sys.argv[1]
    if mode == "migrate":
        call_command("migrate", verbosity=0)
        print("migrated", flush=True)
    elif mode == "burst":
        print("ready", flush=True)
        n = 0
        while True:
            n += 1
            records = [
                LogRecord(
                    activity_id="burst/1/veiligheid-kind/-", covenant_version="1",
                    purpose="veiligheid-kind", step=None, action="view",
                    subject_id=f"person:{(n + i) % 97}", actor_id="1", actor_partner="gi",
                    recipient_partner=None, ground="6.1.e", categories=("naw",), allowed=True,
                    rule_ids=("S1",),
                )
                for i in range(1 if n % 4 else 3)
            ]
            entries = [log_append(records[0])] if len(records) == 1 else log_append_many(records)
            sys.stdout.write("".join(f"{e.seq}\n" for e in entries))
            sys.stdout.flush()
    elif mode == "verify":
        result = verify_log()
        seqs = list(LogEntry.objects.order_by("seq").values_list("seq", flat=True))
        print(json.dumps({"ok": result.ok, "count": result.count, "problem": result.problem,
                          "seqs": seqs}))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
