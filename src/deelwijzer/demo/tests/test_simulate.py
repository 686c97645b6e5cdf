"""deelwijzer simulate: processing of every kind, all of it logged and verifiable."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from deelwijzer.processing_log.models import LogEntry
from deelwijzer.processing_log.verify import verify_log

pytestmark = pytest.mark.django_db


def test_simulate_processes_records_views_disclosures_and_refusals():
    out = StringIO()
    call_command("simulate", "--events", "150", stdout=out)
    text = out.getvalue()
    for outcome in ("record:allowed", "view:allowed", "disclose:allowed", "disclose:refused"):
        assert outcome in text
    assert any(not e.allowed for e in LogEntry.objects.filter(action="disclose"))
    assert LogEntry.objects.count() >= 150
    assert verify_log().ok
