"""Mutation tests: an attacker with database access drops the triggers, then changes, deletes,
swaps or inserts one row; ``verify_log`` fails and names the entry, and how."""

from __future__ import annotations

import base64
import json

import pytest
from django.db import DatabaseError, connection, transaction

from deelwijzer.processing_log.canonical import document, entry_hash
from deelwijzer.processing_log.models import Checkpoint, LogEntry
from deelwijzer.processing_log.services import checkpoint_create, log_append, log_append_many
from deelwijzer.processing_log.verify import verify_log

from .conftest import OTHER_KEY, make_record, public_key_b64

pytestmark = pytest.mark.django_db

N = 12
POSITIONS = [1, 2, 6, 11, N]
TABLE = "processing_log_logentry"


@pytest.fixture
def log() -> list[LogEntry]:
    """N entries, signed by a checkpoint at the end (so the tail is covered too)."""
    entries = log_append_many([make_record(subject_id=f"person:{i}") for i in range(N)])
    checkpoint_create()
    assert verify_log().ok
    return entries


def row(seq: int) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT entry_hash, document FROM {TABLE} WHERE seq = %s", [seq])
        return cursor.fetchone()


def renumber(attacker, *, start: int, by: int) -> None:
    """Move rows seq >= start by ``by``, one at a time so the primary key never clashes."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq FROM {TABLE} WHERE seq >= %s ORDER BY seq", [start])
        seqs = [s for (s,) in cursor.fetchall()]
    for seq in (reversed(seqs) if by > 0 else seqs):
        attacker(f"UPDATE {TABLE} SET seq = %s WHERE seq = %s", [seq + by, seq])


def assert_named(kind: str, seq: int) -> None:
    result = verify_log()
    assert not result.ok, result
    assert (result.kind, result.entry_seq) == (kind, seq), result
    assert result.count == min(seq - 1, result.count)
    assert result.problem and str(seq) in result.problem


# --- changing -------------------------------------------------------------------------------


@pytest.mark.parametrize("seq", POSITIONS)
def test_changing_a_field_of_any_entry_is_named(log, attacker, seq):
    _hash, doc = row(seq)
    assert '"actor_id":"17"' in doc
    attacker(f"UPDATE {TABLE} SET document = %s WHERE seq = %s",
             [doc.replace('"actor_id":"17"', '"actor_id":"99"'), seq])
    assert_named("changed", seq)


@pytest.mark.parametrize("seq", POSITIONS)
def test_changing_the_stored_hash_is_named(log, attacker, seq):
    attacker(f"UPDATE {TABLE} SET entry_hash = %s WHERE seq = %s", ["f" * 64, seq])
    assert_named("changed", seq)


@pytest.mark.parametrize("seq", [1, 6, 11])
def test_rewriting_an_entry_with_a_recomputed_hash_is_named(log, attacker, seq):
    _hash, doc = row(seq)
    forged = doc.replace('"allowed":true', '"allowed":false')
    attacker(f"UPDATE {TABLE} SET document = %s, entry_hash = %s WHERE seq = %s",
             [forged, entry_hash(forged), seq])
    assert_named("changed", seq)


# --- deleting --------------------------------------------------------------------------------


@pytest.mark.parametrize("seq", POSITIONS)
def test_deleting_any_entry_is_named(log, attacker, seq):
    attacker(f"DELETE FROM {TABLE} WHERE seq = %s", [seq])
    assert_named("missing", seq)


@pytest.mark.parametrize("seq", [1, 2, 6, 11])
def test_deleting_and_renumbering_is_named(log, attacker, seq):
    attacker(f"DELETE FROM {TABLE} WHERE seq = %s", [seq])
    renumber(attacker, start=seq + 1, by=-1)
    assert_named("missing", seq)


def test_cutting_off_the_tail_is_named_by_the_checkpoint(log, attacker):
    attacker(f"DELETE FROM {TABLE} WHERE seq > %s", [8])
    assert_named("missing", 9)
    assert verify_log().other_seq == N


# --- swapping --------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [(1, 2), (1, N), (6, 7), (3, 9), (N - 1, N)])
def test_swapping_two_entries_is_named(log, attacker, a, b):
    hash_a, doc_a = row(a)
    hash_b, doc_b = row(b)
    attacker(f"UPDATE {TABLE} SET entry_hash = %s, document = %s WHERE seq = %s",
             [hash_b, doc_b, a])
    attacker(f"UPDATE {TABLE} SET entry_hash = %s, document = %s WHERE seq = %s",
             [hash_a, doc_a, b])
    assert_named("reordered", a)
    assert verify_log().other_seq == b


# --- inserting -------------------------------------------------------------------------------


@pytest.mark.parametrize("seq", POSITIONS)
def test_inserting_a_foreign_entry_anywhere_is_named(log, attacker, seq):
    _hash, doc = row(seq)
    renumber(attacker, start=seq, by=1)
    foreign = doc.replace('"actor_id":"17"', '"actor_id":"66"')
    attacker(f"INSERT INTO {TABLE} (seq, entry_hash, document) VALUES (%s, %s, %s)",
             [seq, "e" * 64, foreign])
    assert_named("inserted", seq)


@pytest.mark.parametrize("seq", [1, 2, 6, N])
def test_inserting_a_well_forged_entry_is_named(log, attacker, seq):
    """The attacker knows the format: the new entry links to its predecessor and hashes right."""
    prev = "0" * 64 if seq == 1 else row(seq - 1)[0]
    _hash, doc = row(seq)
    data = json.loads(doc)
    renumber(attacker, start=seq, by=1)
    body = doc.split(f'"created_at":"{data["created_at"]}",', 1)[1]
    forged = document(seq, prev, data["created_at"], body.replace('"17"', '"66"'))
    attacker(f"INSERT INTO {TABLE} (seq, entry_hash, document) VALUES (%s, %s, %s)",
             [seq, entry_hash(forged), forged])
    assert_named("inserted", seq)


def test_appending_a_copy_at_the_end_is_named(log, attacker):
    hash_3, doc_3 = row(3)
    attacker(f"INSERT INTO {TABLE} (seq, entry_hash, document) VALUES (%s, %s, %s)",
             [N + 1, hash_3, doc_3])
    assert_named("inserted", N + 1)


# --- checkpoints -----------------------------------------------------------------------------


def test_a_tampered_checkpoint_signature_fails(log, attacker):
    forged = base64.b64encode(b"\x01" * 64).decode()
    attacker("UPDATE processing_log_checkpoint SET signature = %s WHERE number = 1", [forged])
    result = verify_log()
    assert (result.ok, result.kind, result.problem_checkpoint) == (
        False, "checkpoint_signature", 1)
    assert "signature" in result.problem


def test_a_checkpoint_moved_to_another_seq_fails(log, attacker):
    attacker("UPDATE processing_log_checkpoint SET seq = 5 WHERE number = 1")
    result = verify_log()
    assert (result.ok, result.kind, result.entry_seq) == (False, "checkpoint_signature", 5)


def test_a_removed_checkpoint_is_noticed(log, attacker):
    log_append(make_record())
    checkpoint_create()
    attacker("DELETE FROM processing_log_checkpoint WHERE number = 1")
    result = verify_log()
    assert (result.ok, result.kind, result.problem_checkpoint) == (
        False, "checkpoint_signature", 2)


def test_a_rewritten_chain_does_not_match_the_checkpoint(log, attacker):
    """Everything from entry 4 on rewritten with recomputed hashes: only the signature knows."""
    prev = row(3)[0]
    for seq in range(4, N + 1):
        _hash, doc = row(seq)
        data = json.loads(doc)
        body = doc.split(f'"created_at":"{data["created_at"]}",', 1)[1]
        if seq == 4:
            body = body.replace('"allowed":true', '"allowed":false')
        forged = document(seq, prev, data["created_at"], body)
        prev = entry_hash(forged)
        attacker(f"UPDATE {TABLE} SET entry_hash = %s, document = %s WHERE seq = %s",
                 [prev, forged, seq])
    result = verify_log()
    assert (result.ok, result.kind, result.entry_seq) == (False, "checkpoint_mismatch", N)
    assert result.count == N - 1


def test_a_checkpoint_signed_with_an_unknown_key_fails(log, monkeypatch):
    monkeypatch.setenv("DEELWIJZER_LOG_SIGNING_KEY", OTHER_KEY)
    result = verify_log()
    assert (result.ok, result.kind) == (False, "checkpoint_signature")
    assert "unknown key" in result.problem
    # An auditor (or a rotated deployment) lists the old public key.
    from .conftest import SIGNING_KEY

    monkeypatch.setenv("DEELWIJZER_LOG_PUBLIC_KEYS", public_key_b64(SIGNING_KEY))
    assert verify_log().ok


def test_verifying_with_public_keys_only(log, monkeypatch):
    from .conftest import SIGNING_KEY

    monkeypatch.delenv("DEELWIJZER_LOG_SIGNING_KEY")
    monkeypatch.setenv("DEELWIJZER_LOG_PUBLIC_KEYS", public_key_b64(SIGNING_KEY))
    assert verify_log().ok


# --- the table itself ------------------------------------------------------------------------


def test_missing_triggers_are_a_warning(log, attacker):
    result = verify_log()
    assert result.ok
    assert result.warnings and "triggers" in result.warnings[0]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_generated_column_redefined_is_noticed(log):
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN action DROP EXPRESSION")
    result = verify_log()
    assert (result.ok, result.kind) == (False, "schema")
    assert "action" in result.problem


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_a_generated_column_redefined_is_noticed_on_sqlite(log):
    """SQLite cannot alter a column: the attacker rebuilds the table with a lying column."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sql FROM sqlite_master WHERE name = '{TABLE}'")
        ddl = cursor.fetchone()[0]
        lying = ddl.replace("json_extract(\"document\", '$.action')", "'view'")
        assert lying != ddl
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO old_log")
        cursor.execute(lying)
        cursor.execute(f"INSERT INTO {TABLE} (seq, entry_hash, document) "
                       "SELECT seq, entry_hash, document FROM old_log")
    result = verify_log()
    assert (result.ok, result.kind) == (False, "schema")


# --- append-only in the database ---------------------------------------------------------------


@pytest.mark.parametrize("table", [TABLE, "processing_log_checkpoint"])
@pytest.mark.parametrize("statement", ["UPDATE {table} SET seq = seq", "DELETE FROM {table}"])
def test_the_database_refuses_update_and_delete(log, table, statement):
    with (pytest.raises(DatabaseError, match="append-only"), transaction.atomic(),
          connection.cursor() as cursor):
        cursor.execute(statement.format(table=table))
    assert verify_log().ok


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.parametrize("table", [TABLE, "processing_log_checkpoint"])
def test_postgresql_refuses_truncate(log, table):
    with (pytest.raises(DatabaseError, match="append-only"), transaction.atomic(),
          connection.cursor() as cursor):
        cursor.execute(f"TRUNCATE {table}")


def test_checkpoint_rows_exist(log):
    assert Checkpoint.objects.count() == 1
