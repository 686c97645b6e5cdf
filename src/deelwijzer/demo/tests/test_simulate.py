"""deelwijzer simulate: processing of every kind, all of it logged and verifiable; --scale: a
region in bulk that works like one made through the services."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.selectors import case_for, involvement_list, persons_visible_to
from deelwijzer.demo.scale import SIZES, size_for
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


# --- --scale ---------------------------------------------------------------------------------

SMALL = SIZES["small"]


def count(label: str) -> int:
    return apps.get_model(label)._default_manager.count()


def scale(*args: str) -> str:
    out = StringIO()
    call_command("simulate", "--scale", "small", *args, stdout=out)
    return out.getvalue()


def test_a_small_region_works_like_one_made_through_the_services(login):
    text = scale()
    # The sizes asked for, and a log that verifies, in time order, with its refusals.
    assert count("persons.Person") == SMALL.persons
    assert count("cases.Case") == SMALL.cases
    assert LogEntry.objects.count() == SMALL.log_lines
    assert f"Log: {SMALL.log_lines:,} lines" in text
    for kind in ("DossierItem", "Consultation", "Contribution", "ActionItem", "Consent",
                 "Informing", "Disclosure"):
        assert f" {kind}" in text
    assert verify_log().ok
    entries = list(LogEntry.objects.order_by("seq"))
    assert [e.started_at for e in entries] == sorted(e.started_at for e in entries)
    refused = [e for e in entries if not e.allowed]
    assert refused and all(e.rule_ids and e.status == "refused" for e in refused)

    # Every person is known to someone through the normal selectors; nobody is in every case.
    persons = set(apps.get_model("persons.Person")._default_manager.values_list("pk", flat=True))
    seen: set[int] = set()
    for professional in Professional.objects.all():
        seen |= {p.pk for p in persons_visible_to(professional)}
    assert seen == persons
    involvements = apps.get_model("cases.Involvement")._default_manager
    assert max(involvements.filter(professional=p).count()
               for p in Professional.objects.all()) < SMALL.cases

    # A generated case opens for a professional involved in it.
    case = apps.get_model("cases.Case")._default_manager.filter(closed_at=None).first()
    involved = [i.professional for i in involvement_list(case)
                if i.professional and i.professional != case.director]
    professional = involved[0] if involved else case.director
    assert case_for(professional, case.pk) is not None
    client = login(professional)
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert client.get("/cases/").status_code == 200
    assert client.get("/api/v1/cases/").status_code == 200

    # Not twice.
    with pytest.raises(CommandError, match="already holds generated region data"):
        scale()
    assert count("cases.Case") == SMALL.cases


def test_too_few_log_lines_leave_nothing_behind():
    with pytest.raises(CommandError, match="at least that many"):
        scale("--log-lines", "100")
    assert count("cases.Case") == 0
    assert not Professional.objects.filter(username__endswith="-prof-001").exists()


def test_a_factor_scales_the_region():
    tenth = size_for("0.1")
    assert (tenth.persons, tenth.cases, tenth.log_lines) == (1_000, 300, 100_000)
    with pytest.raises(ValueError, match="--scale"):
        size_for("huge")
