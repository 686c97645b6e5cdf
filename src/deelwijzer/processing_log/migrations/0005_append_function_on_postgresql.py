"""On PostgreSQL, the server-side function of a single append (``functions.py``): the lock, a
new subject key, the entry if the head and the key are as the client saw them, in one prepared
statement. Nothing happens on SQLite."""

from django.db import migrations

from deelwijzer.processing_log.functions import POSTGRESQL_DROP_V1, POSTGRESQL_INSTALL_V1


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in POSTGRESQL_INSTALL_V1:
        schema_editor.execute(sql, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in POSTGRESQL_DROP_V1:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("processing_log", "0004_subject_keys_without_rowid_on_sqlite"),
    ]

    operations = [
        migrations.RunPython(install, drop, elidable=False),
    ]
