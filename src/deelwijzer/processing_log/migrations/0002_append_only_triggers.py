"""Append-only in the database: triggers refuse UPDATE, DELETE and TRUNCATE on the log."""

from django.db import migrations

from deelwijzer.processing_log.triggers import drop_sql, install_sql


def install(apps, schema_editor):
    for sql in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)


def drop(apps, schema_editor):
    for sql in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("processing_log", "0001_initial")]

    operations = [migrations.RunPython(install, drop, elidable=False)]
