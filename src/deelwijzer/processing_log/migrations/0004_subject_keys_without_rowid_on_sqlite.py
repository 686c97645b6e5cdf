"""On SQLite, the subject keys become a ``WITHOUT ROWID`` table: the rows live in the primary
key's B-tree, so the first append for a subject writes one page for its key instead of two
(the table and its primary-key index). About 20 µs of every such append; see DESIGN.md.

Django cannot express this, and a later migration that alters ``SubjectKey`` on SQLite makes
Django rebuild the table as an ordinary one: correct, only that page slower. Nothing happens
on PostgreSQL.
"""

from django.db import migrations

TABLE = "processing_log_subjectkey"
COLUMNS = '"subject_id" text NOT NULL PRIMARY KEY, "key" BLOB NOT NULL, "created_at" datetime NOT NULL'


def rebuild(without_rowid):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        suffix = " WITHOUT ROWID" if without_rowid else ""
        for sql in (
            f'CREATE TABLE "{TABLE}__new" ({COLUMNS}){suffix}',
            f'INSERT INTO "{TABLE}__new" (subject_id, key, created_at) '
            f'SELECT subject_id, key, created_at FROM "{TABLE}"',
            f'DROP TABLE "{TABLE}"',
            f'ALTER TABLE "{TABLE}__new" RENAME TO "{TABLE}"',
        ):
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("processing_log", "0003_seq_is_the_rowid_on_sqlite"),
    ]

    operations = [
        migrations.RunPython(rebuild(True), rebuild(False), elidable=False),
    ]
