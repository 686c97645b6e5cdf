"""deelwijzer simulate: processing of every kind, all of it logged and verifiable."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from deelwijzer.processing_log.models import LogEntry
from deelwijzer.processing_log.verify import verify_log

pytestmark = pytest.mark.django_db


def test_simulate_processes_cases_consultations_requests_consents_and_refusals():
    out = StringIO()
    call_command("simulate", "--events", "250", stdout=out)
    text = out.getvalue()
    for outcome in ("case:allowed", "record:allowed", "view:allowed", "consent:allowed",
                    "disclose:allowed", "disclose:refused", "consultation:allowed",
                    "contribution:allowed", "action:allowed", "request:allowed",
                    "answer:allowed"):
        assert outcome in text
    assert LogEntry.objects.exclude(case_ref=None).exclude(case_ref="").exists()
    assert any(not e.allowed for e in LogEntry.objects.filter(action="disclose"))
    assert LogEntry.objects.count() >= 150
    assert verify_log().ok
