"""Appending, pseudonyms, erasure, selectors, and the ORM's closed doors."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from django.db import transaction

from deelwijzer.processing_log import selectors
from deelwijzer.processing_log.models import AppendOnly, Checkpoint, LogEntry
from deelwijzer.processing_log.services import (
    LogRecordInvalid,
    checkpoint_create,
    log_append,
    log_append_many,
    subject_key_destroy,
    subject_pseudonym,
)
from deelwijzer.processing_log.verify import verify_log

from .conftest import make_record

pytestmark = pytest.mark.django_db


def test_append_then_verify(record):
    first = log_append(record(subject_id="person:1"))
    second = log_append(record(subject_id="person:2", action="disclose",
                               recipient_partner="veilig-thuis"))
    assert (first.seq, second.seq) == (1, 2)
    assert second.prev_hash == first.entry_hash
    assert first.prev_hash == "0" * 64
    result = verify_log()
    assert result.ok and result.count == 2 and result.problem is None


def test_an_entry_reads_back_as_written(record):
    started = dt.datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=dt.UTC)
    entry = log_append(record(
        subject_id="person:7", action="disclose", recipient_partner="veilig-thuis",
        categories=("gezondheid",), rule_ids=("S4", "S9"), allowed=False, status="refused",
        trace_id="4bf92f3577b34da6a3ce929d0e0e4736", span_id="00f067aa0ba902b7",
        parent_span_id="b7ad6b7169203331", started_at=started,
        ended_at=started + dt.timedelta(milliseconds=3), step=None, case_ref="c-9",
    ))
    stored = LogEntry.objects.get(seq=entry.seq)
    for name in ("seq", "entry_hash", "document", "action", "subject_pseudonym",
                 "recipient_partner", "case_ref", "started_at", "ended_at", "trace_id",
                 "span_id", "parent_span_id", "categories", "rule_ids", "allowed", "status",
                 "step", "purpose", "activity_id", "covenant_version", "actor_id",
                 "actor_partner", "ground", "created_at", "prev_hash"):
        assert getattr(stored, name) == getattr(entry, name), name
    assert stored.started_at == started
    assert stored.categories == ("gezondheid",) and stored.rule_ids == ("S4", "S9")
    assert stored.allowed is False and stored.step is None


def test_the_log_holds_only_a_pseudonym(record):
    entry = log_append(record(subject_id="person:4242"))
    assert "person:4242" not in entry.document
    assert entry.subject_pseudonym == subject_pseudonym("person:4242")
    assert len(entry.subject_pseudonym) == 64
    assert subject_pseudonym("person:4243") is None  # no key, no pseudonym


def test_generated_ids_have_the_trace_context_shape(record):
    first, second = log_append_many([record(), record()])
    assert len(first.trace_id) == 32 and int(first.trace_id, 16)
    assert len(first.span_id) == 16 and int(first.span_id, 16)
    assert first.trace_id == second.trace_id  # one operation, one trace
    assert first.span_id != second.span_id


def test_append_many_chains_in_order(record):
    entries = log_append_many([record(subject_id=f"person:{i}") for i in range(50)])
    assert [e.seq for e in entries] == list(range(1, 51))
    assert all(b.prev_hash == a.entry_hash for a, b in itertools.pairwise(entries))
    assert verify_log().count == 50


def test_created_at_never_decreases(record):
    entries = [log_append(record()) for _ in range(20)]
    times = [LogEntry.objects.get(seq=e.seq).created_at for e in entries]
    assert times == sorted(times)


def test_the_entry_rolls_back_with_the_callers_transaction(record):
    log_append(record())

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        log_append(record())
        raise Boom
    entry = log_append(record())
    assert entry.seq == 2  # no gap: the rolled-back seq is taken again
    assert verify_log().ok


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("action", "shred"),
        ("status", "maybe"),
        ("subject_id", ""),
        ("purpose", None),
        ("trace_id", "XYZ"),
        ("trace_id", "0" * 32),
        ("span_id", "abc"),
        ("categories", ("a,b",)),
        ("categories", ("with space",)),
        ("rule_ids", ("",)),
        ("categories", "naw"),
        ("allowed", "yes"),
        ("started_at", dt.datetime(2026, 1, 1)),  # naive
        ("actor_id", "nul\x00"),
    ],
)
def test_invalid_records_are_refused_before_anything_is_written(record, field, value):
    with pytest.raises(LogRecordInvalid):
        log_append(record(**{field: value}))
    assert LogEntry.objects.count() == 0


def test_an_invalid_record_in_a_batch_writes_nothing(record):
    with pytest.raises(LogRecordInvalid):
        log_append_many([record(), record(action="shred")])
    assert LogEntry.objects.count() == 0


def test_erasing_a_subject_keeps_the_entries_verifiable(record):
    kept = log_append(record(subject_id="person:1"))
    erased = [log_append(record(subject_id="person:2")) for _ in range(3)]
    pseudonym = subject_pseudonym("person:2")
    assert pseudonym == erased[0].subject_pseudonym
    checkpoint_create()
    subject_key_destroy("person:2")
    assert subject_pseudonym("person:2") is None
    assert list(selectors.entries_for_subject("person:2")) == []
    # The entries are still there, under a pseudonym nobody can link any more.
    assert LogEntry.objects.filter(subject_pseudonym=pseudonym).count() == 3
    assert subject_pseudonym("person:1") == kept.subject_pseudonym
    assert verify_log().ok
    again = log_append(record(subject_id="person:2"))
    assert again.subject_pseudonym != pseudonym
    assert verify_log().ok


def test_selectors_answer_the_questions(record):
    t0 = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    log_append(record(subject_id="person:1", case_ref="c-1", started_at=t0))
    log_append(record(subject_id="person:2", action="disclose", recipient_partner="politie",
                      case_ref="c-1", started_at=t0 + dt.timedelta(hours=1)))
    log_append(record(subject_id="person:1", action="disclose", recipient_partner="ggz",
                      case_ref="c-2", started_at=t0 + dt.timedelta(hours=2)))
    log_append(record(subject_id="person:1", action="view", recipient_partner="politie",
                      case_ref=None, started_at=t0 + dt.timedelta(hours=3)))
    assert [e.seq for e in selectors.entries_for_subject("person:1")] == [1, 3, 4]
    assert [e.seq for e in selectors.disclosures_to_partner("politie")] == [2]
    assert [e.seq for e in selectors.entries_for_case("c-1")] == [1, 2]
    between = selectors.entries_between(t0 + dt.timedelta(minutes=30), t0 + dt.timedelta(hours=3))
    assert [e.seq for e in between] == [2, 3]
    assert [e.seq for e in selectors.entries_between(None, t0 + dt.timedelta(minutes=1))] == [1]


def test_the_orm_has_no_way_to_change_the_log(record):
    entry = log_append(record())
    checkpoint = checkpoint_create()
    for model, obj in ((LogEntry, entry), (Checkpoint, checkpoint)):
        with pytest.raises(AppendOnly):
            model.objects.filter(pk=obj.pk).update(status="x")
        with pytest.raises(AppendOnly):
            model.objects.filter(pk=obj.pk).delete()
        with pytest.raises(AppendOnly):
            model.objects.all().delete()
        with pytest.raises(AppendOnly):
            obj.save()
        with pytest.raises(AppendOnly):
            obj.delete()
        with pytest.raises(AppendOnly):
            model.objects.create()
        with pytest.raises(AppendOnly):
            model._base_manager.all().delete()
    assert verify_log().ok


def test_a_checkpoint_signs_the_log_and_repeats_when_nothing_changed(record):
    log_append_many([record() for _ in range(3)])
    first = checkpoint_create()
    assert (first.number, first.seq) == (1, 3)
    assert checkpoint_create().number == 1
    log_append(record())
    second = checkpoint_create()
    assert (second.number, second.seq) == (2, 4)
    result = verify_log()
    assert result.ok and result.checkpoint == 2 and result.checkpoint_seq == 4


def test_a_checkpoint_of_the_empty_log(record):
    assert checkpoint_create().seq == 0
    assert verify_log().ok
    log_append(record())
    assert verify_log().ok


def test_empty_log_verifies():
    result = verify_log()
    assert result.ok and result.count == 0 and result.checkpoint is None


def test_make_record_helper_is_valid():
    assert make_record().action == "view"


@pytest.mark.parametrize("text", [
    "plain", 'quote " and \\ backslash', "tab\tnewline\ncontrol\x01\x1f", "é ü ß € 𝄞 中文",
    "</script>", "\u2028\u2029", "\x7f",
])
def test_the_body_is_the_canonical_encoding(text):
    """The body is assembled string by string; it must be what the JSON encoder writes."""
    from deelwijzer.processing_log.canonical import BODY_KEYS, encode_body
    from deelwijzer.processing_log.services import _prepare

    now = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    for step, recipient, parent in ((text, text, "b7ad6b7169203331"), (None, None, None)):
        prepared = _prepare(make_record(
            activity_id=text, covenant_version=text, purpose=text, step=step,
            actor_id=text, actor_partner=text, recipient_partner=recipient, ground=step,
            case_ref=recipient, parent_span_id=parent, allowed=parent is None,
        ), "4bf92f3577b34da6a3ce929d0e0e4736", now, "2026-03-01 09:30:00.000000")
        body = prepared.body("ab" * 32)
        values = json.loads("{" + body)
        assert tuple(values) == BODY_KEYS
        assert body == encode_body(values)
        assert values["subject_pseudonym"] == "ab" * 32
        for name in ("activity_id", "covenant_version", "purpose", "step", "actor_id",
                     "actor_partner", "recipient_partner", "ground", "case_ref",
                     "parent_span_id", "allowed"):
            assert values[name] == getattr(prepared.record, name), name


def test_a_returned_entry_is_a_loaded_model_instance(record):
    entry = log_append(record())
    stored = LogEntry.objects.get(seq=entry.seq)
    assert entry._state.adding is False and entry._state.db == stored._state.db
    assert entry == stored and entry.pk == stored.pk
    for field in LogEntry._meta.concrete_fields:
        assert getattr(entry, field.attname) == getattr(stored, field.attname), field.name


def test_on_sqlite_subject_keys_have_no_rowid_table():
    """One page per new subject key instead of two (migration 0004)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'processing_log_subjectkey'"
        )
        (ddl,) = cursor.fetchone()
    assert ddl.endswith("WITHOUT ROWID")


def _pg_cache():
    from django.db import DEFAULT_DB_ALIAS, connections

    from deelwijzer.processing_log.services import _PG_CACHE

    connection = connections[DEFAULT_DB_ALIAS]

    if connection.vendor != "postgresql":
        pytest.skip("the one-round-trip append is PostgreSQL's")
    return connection, _PG_CACHE


def test_pg_a_stale_remembered_head_is_never_trusted(record):
    """Another writer appended: the remembered head is wrong, the append still chains."""
    connection, caches = _pg_cache()
    first = log_append(record(subject_id="person:1"))
    log_append(record(subject_id="person:1"))
    cache = caches[connection]
    cache.head = (first.seq, first.entry_hash, "2000-01-01 00:00:00.000000")  # stale
    third = log_append(record(subject_id="person:1"))
    assert third.seq == 3 and third.prev_hash == LogEntry.objects.get(seq=2).entry_hash
    cache.head = (7, "ab" * 32, "2000-01-01 00:00:00.000000")  # never was
    log_append(record(subject_id="person:2"))
    assert verify_log().ok and verify_log().count == 4


def test_pg_a_key_destroyed_elsewhere_is_not_used_again(record):
    """Another process erased the subject: its remembered key must not make a pseudonym."""
    connection, caches = _pg_cache()
    old = log_append(record(subject_id="person:9"))
    assert caches[connection].keys["person:9"]
    with connection.cursor() as cursor:  # as subject_key_destroy in another process would
        cursor.execute("DELETE FROM processing_log_subjectkey WHERE subject_id = 'person:9'")
    new = log_append(record(subject_id="person:9"))
    assert new.subject_pseudonym != old.subject_pseudonym
    assert new.subject_pseudonym == subject_pseudonym("person:9")
    assert verify_log().ok


def test_pg_created_at_follows_the_remembered_head(record):
    connection, caches = _pg_cache()
    first = log_append(record(subject_id="person:3"))
    later = "2999-01-01 00:00:00.000000"  # as if the clock ran back since the head was written
    cache = caches[connection]
    assert cache.head is not None and cache.head[:2] == (first.seq, first.entry_hash)
    cache.head = (first.seq, first.entry_hash, later)
    second = log_append(record(subject_id="person:3"))
    assert second.data["created_at"] == later
    assert verify_log().ok


@pytest.mark.parametrize("size", [0, 1, 32, 64, 65, 100])
def test_the_pseudonym_is_hmac_sha256(size):
    import hashlib
    import hmac
    import os

    from deelwijzer.processing_log.services import _pseudonym

    key = os.urandom(size)
    for subject in ("person:1", "persoon:é", ""):
        assert _pseudonym(key, subject) == hmac.new(key, subject.encode(), hashlib.sha256).hexdigest()


def test_utc_text_is_format_datetime():
    from deelwijzer.processing_log.canonical import format_datetime
    from deelwijzer.processing_log.services import _utc_text

    for value in (dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC),
                  dt.datetime(2026, 3, 1, 9, 30, 0, 1, tzinfo=dt.UTC),
                  dt.datetime.now(dt.UTC)):
        assert _utc_text(value) == format_datetime(value)
