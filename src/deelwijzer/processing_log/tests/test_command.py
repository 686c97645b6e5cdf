"""``deelwijzer log verify | export | checkpoint``: messages, exit status, never a traceback."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from deelwijzer.processing_log.services import checkpoint_create, log_append, log_append_many

from .conftest import make_record

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("log", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_verify_an_empty_log():
    assert run("verify") == (0, "het logboek is leeg: niets te verifiëren\n", "")
    assert run("verify", "--lang", "en")[1] == "the log is empty: nothing to verify\n"


def test_verify_names_the_checkpoint():
    log_append_many([make_record() for _ in range(5)])
    checkpoint_create()
    code, out, _err = run("verify", "--lang", "en")
    assert code == 0
    assert out.splitlines()[0] == "5 entries verified up to checkpoint 1 (entry 5)"
    log_append(make_record())
    code, out, _err = run("verify")
    assert code == 0
    assert out.splitlines() == [
        "6 logregels geverifieerd tot en met controlepunt 1 (logregel 5)",
        "  1 logregels na het laatste controlepunt zijn nog niet ondertekend "
        "(deelwijzer log checkpoint)",
    ]


def test_verify_in_one_process_and_a_bad_number_of_processes():
    log_append_many([make_record() for _ in range(3)])
    code, out, _err = run("verify", "--processes", "1", "--lang", "en")
    assert code == 0 and out.startswith("3 entries verified")
    assert run("verify", "--processes", "0") == (
        2, "", "--processes: een aantal van 1 of meer, niet 0\n"
    )


def test_verify_without_checkpoint():
    log_append(make_record())
    code, out, _err = run("verify", "--lang", "en")
    assert code == 0 and out.startswith("1 entries verified; there is no checkpoint yet")


def test_verify_names_the_first_entry_that_does_not_fit(attacker):
    log_append_many([make_record() for _ in range(5)])
    attacker("DELETE FROM processing_log_logentry WHERE seq = 3")
    code, out, err = run("verify")
    assert code == 1
    assert out.splitlines() == ["het logboek klopt niet: logregel 3 ontbreekt",
                                "  de 2 logregels ervoor kloppen"]
    assert "waarschuwing" in err  # the triggers are gone
    code, out, _err = run("verify", "--lang", "en")
    assert code == 1 and out.startswith("the log does not verify: entry 3 is missing")


def test_verify_without_the_table_is_no_traceback():
    with connection.cursor() as cursor:  # inside the test's transaction: rolled back after
        cursor.execute("DROP TABLE processing_log_logentry")
    code, out, err = run("verify")
    assert code == 2 and out == ""
    assert err.startswith("het logboek kan niet worden gelezen: LogUnavailable")
    assert "Traceback" not in err


def test_export_writes_logboek_dataverwerkingen_json_lines(tmp_path):
    log_append(make_record(subject_id="person:1", action="disclose",
                           recipient_partner="veilig-thuis", status="refused", allowed=False))
    log_append(make_record(subject_id="person:2"))
    target = tmp_path / "log.jsonl"
    code, _out, err = run("export", "--output", str(target), "--lang", "en")
    assert code == 0 and err == f"2 entries exported to {target}\n"
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    first = lines[0]
    assert set(first) == {"trace_id", "span_id", "parent_span_id", "name", "status",
                          "start_time", "end_time", "resource", "attributes"}
    assert first["name"] == "disclose" and first["status"] == "Unset"
    attributes = first["attributes"]
    assert attributes["dpl.core.processing_activity_id"].startswith(
        "urn:deelwijzer:processing-activity:toekomst/2024-1/")
    assert len(attributes["dpl.core.data_subject_id"]) == 64
    assert "person:1" not in target.read_text()
    assert attributes["deelwijzer.decision.rule_ids"] == ["S1", "S4"]
    assert attributes["deelwijzer.recipient.partner"] == "veilig-thuis"
    assert attributes["deelwijzer.log.seq"] == 1
    assert lines[1]["status"] == "Ok"
    assert first["start_time"].endswith("Z")


def test_export_to_stdout_with_a_window():
    log_append(make_record())
    code, out, _err = run("export", "--since", "2000-01-01", "--until", "2999-12-31")
    assert code == 0 and len(out.splitlines()) == 1
    code, out, _err = run("export", "--until", "2000-01-01")
    assert code == 0 and out == ""
    code, _out, err = run("export", "--since", "gisteren")
    assert code == 2 and "onbekend tijdstip" in err


def test_checkpoint_command(monkeypatch):
    log_append(make_record())
    code, out, _err = run("checkpoint", "--lang", "en")
    assert code == 0 and out.startswith("checkpoint 1 created: entries up to 1 signed with key ")


def test_checkpoint_without_a_key_in_production(monkeypatch, settings):
    settings.DEBUG = False
    settings.DEELWIJZER_ALLOW_DEMO = False
    monkeypatch.delenv("DEELWIJZER_LOG_SIGNING_KEY")
    code, out, err = run("checkpoint")
    assert code == 2 and out == ""
    assert err.startswith("kan geen controlepunt ondertekenen: set DEELWIJZER_LOG_SIGNING_KEY")
