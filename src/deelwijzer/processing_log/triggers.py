"""The database triggers that make the log append-only, per vendor.

Installed by migration 0002. ``LogEntry`` and ``Checkpoint`` refuse UPDATE, DELETE and (on
PostgreSQL) TRUNCATE. The SQL is versioned: never edit a ``*_V1`` constant, add ``*_V2`` with a
new migration instead. On SQLite, a later migration that alters these tables makes Django
rebuild the table, which drops its triggers: such a migration must install them again.

Only ``deelwijzer flush`` (which empties the whole database, used between transactional tests)
drops and re-creates them, inside its own transaction.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

ENTRY = "processing_log_logentry"
CHECKPOINT = "processing_log_checkpoint"

_ABORT = "processing log is append-only: {op} on {table} refused"

SQLITE_INSTALL_V1: tuple[str, ...] = tuple(
    f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
    f"BEGIN SELECT RAISE(ABORT, '{_ABORT.format(op=op, table=table)}'); END"
    for table in (ENTRY, CHECKPOINT)
    for op in ("UPDATE", "DELETE")
)

SQLITE_DROP_V1: tuple[str, ...] = tuple(
    f"DROP TRIGGER IF EXISTS {table}_no_{op}"
    for table in (ENTRY, CHECKPOINT)
    for op in ("update", "delete")
)

POSTGRESQL_INSTALL_V1: tuple[str, ...] = (
    """
    CREATE OR REPLACE FUNCTION processing_log_refuse() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'processing log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    *(
        sql
        for table in (ENTRY, CHECKPOINT)
        for sql in (
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION processing_log_refuse()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION processing_log_refuse()",
        )
    ),
)

POSTGRESQL_DROP_V1: tuple[str, ...] = (
    *(
        f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}"
        for table in (ENTRY, CHECKPOINT)
        for name in ("append_only", "no_truncate")
    ),
    "DROP FUNCTION IF EXISTS processing_log_refuse()",
)


def install_sql(vendor: str) -> tuple[str, ...]:
    if vendor == "sqlite":
        return SQLITE_INSTALL_V1
    if vendor == "postgresql":
        return POSTGRESQL_INSTALL_V1
    raise NotImplementedError(f"the processing log has no append-only triggers for {vendor}")


def drop_sql(vendor: str) -> tuple[str, ...]:
    if vendor == "sqlite":
        return SQLITE_DROP_V1
    if vendor == "postgresql":
        return POSTGRESQL_DROP_V1
    raise NotImplementedError(f"the processing log has no append-only triggers for {vendor}")


def install(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for sql in install_sql(connection.vendor):
            cursor.execute(sql)


def drop(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for sql in drop_sql(connection.vendor):
            cursor.execute(sql)
