"""``deelwijzer flush``: Django's flush, which must get past the log's append-only triggers.

Flush empties every table of the database: it is the "drop the database" of the test suite
(TransactionTestCase runs it after every transactional test). The triggers refuse DELETE and
TRUNCATE on the log, so this command drops them, flushes and installs them again, all in one
transaction: if anything fails, the triggers are back as they were.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from deelwijzer.processing_log import triggers


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        tables = connection.introspection.table_names()
        if triggers.ENTRY not in tables:
            super().handle(**options)
            return
        with transaction.atomic(using=connection.alias):
            triggers.drop(connection)
            super().handle(**options)
            triggers.install(connection)
