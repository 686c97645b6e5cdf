"""On SQLite, seq becomes an ``integer`` primary key: the rowid itself, not a second index.

Altering the column makes Django rebuild the table on SQLite, which drops its triggers: they
are installed again. On PostgreSQL the column type does not change and nothing happens.
"""

from django.db import migrations

import deelwijzer.processing_log.models
from deelwijzer.processing_log.triggers import drop_sql, install_sql


def reinstall_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in (*drop_sql("sqlite"), *install_sql("sqlite")):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("processing_log", "0002_append_only_triggers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="logentry",
            name="seq",
            field=deelwijzer.processing_log.models.SeqField(
                primary_key=True, serialize=False, verbose_name="sequence number"
            ),
        ),
        migrations.RunPython(reinstall_triggers, reinstall_triggers, elidable=False),
    ]
