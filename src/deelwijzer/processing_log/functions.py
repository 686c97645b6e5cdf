"""The server-side function of a single append on PostgreSQL (installed by migration 0005).

``processing_log_append_v1`` does under the append lock what a single append needs, in one
statement the client can send prepared (psycopg prepares a statement on the server after it has
run five times on a connection, unless the settings' ``prepare_threshold`` is None): take the
append lock; insert the subject's new key (when the client made one; ``ON CONFLICT DO
NOTHING``); insert the entry only if the last entry is still the head the client built it on and
the subject's key is still the key its pseudonym was made with. It returns whether it inserted
and, when it did not, the head and the key as they are now, so the client can build the entry
again. Nothing the client remembers is trusted: both conditions are evaluated under the lock.

Each statement in a PL/pgSQL function takes a new snapshot (READ COMMITTED, a VOLATILE
function), so the statements after the lock see every append committed before it was granted.
The plans of the statements are cached per connection.

The SQL is versioned: never edit a ``*_V1`` constant, add ``*_V2`` with a new migration.
"""

from __future__ import annotations

import hashlib

# pg_advisory_xact_lock key: the first 8 bytes of SHA-256("deelwijzer.processing_log") as int64
APPEND_LOCK = int.from_bytes(
    hashlib.sha256(b"deelwijzer.processing_log").digest()[:8], "big", signed=True
)

APPEND_ONE = "processing_log_append_v1"

POSTGRESQL_INSTALL_V1: tuple[str, ...] = (
    f"""
    CREATE OR REPLACE FUNCTION {APPEND_ONE}(
        p_seq bigint, p_hash text, p_document text, p_prev text, p_subject text, p_key bytea,
        p_new_key boolean, p_now timestamptz,
        OUT inserted boolean, OUT head_seq bigint, OUT head_hash text, OUT head_created text,
        OUT subject_key bytea)
    LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock({APPEND_LOCK});
        IF p_new_key THEN
            INSERT INTO processing_log_subjectkey (subject_id, key, created_at)
            VALUES (p_subject, p_key, p_now) ON CONFLICT (subject_id) DO NOTHING;
        END IF;
        INSERT INTO processing_log_logentry (seq, entry_hash, document)
        SELECT p_seq, p_hash, p_document
        WHERE (SELECT e.entry_hash FROM processing_log_logentry e ORDER BY e.seq DESC LIMIT 1)
              IS NOT DISTINCT FROM p_prev
          AND EXISTS (SELECT 1 FROM processing_log_subjectkey k
                      WHERE k.subject_id = p_subject AND k.key = p_key);
        inserted := FOUND;
        IF inserted THEN
            RETURN;
        END IF;
        -- created_at by position, not by parsing JSON: a damaged head must not stop appends.
        SELECT e.seq, e.entry_hash,
               substr(e.document, strpos(e.document, '"created_at":"') + 14, 26)
        INTO head_seq, head_hash, head_created
        FROM processing_log_logentry e ORDER BY e.seq DESC LIMIT 1;
        SELECT k.key INTO subject_key FROM processing_log_subjectkey k
        WHERE k.subject_id = p_subject;
    END;
    $$
    """,  # noqa: S608 (constants only)
)

POSTGRESQL_DROP_V1: tuple[str, ...] = (
    f"DROP FUNCTION IF EXISTS {APPEND_ONE}(bigint, text, text, text, text, bytea, boolean, "
    "timestamptz)",
)

# The call, with psycopg's server-side parameters (a plain psycopg cursor, not Django's
# client-side binding one), so it can be prepared.
APPEND_ONE_CALL = f"SELECT * FROM {APPEND_ONE}(%s, %s, %s, %s, %s, %s, %s, %s)"  # noqa: S608

