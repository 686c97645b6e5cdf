"""``deelwijzer flush`` (run between transactional tests) gets past the triggers, and puts
them back."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from deelwijzer.processing_log.models import LogEntry
from deelwijzer.processing_log.services import checkpoint_create, log_append
from deelwijzer.processing_log.verify import verify_log

from .conftest import make_record


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_restores_the_triggers():
    log_append(make_record())
    checkpoint_create()
    call_command("flush", interactive=False, verbosity=0)
    assert LogEntry.objects.count() == 0
    result = verify_log()
    assert result.ok and not result.warnings  # the triggers are back
    log_append(make_record())
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute("DELETE FROM processing_log_logentry")
    # The teardown flushes again, with an entry in the log.
