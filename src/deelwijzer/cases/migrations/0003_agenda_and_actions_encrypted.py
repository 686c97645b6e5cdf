"""Named agendas and action-item descriptions encrypted at rest like the minutes; the day the
family was informed (K4, T4)."""

from django.db import migrations, models


def encrypt_existing(apps, schema_editor):
    from deelwijzer.persons import crypto

    Consultation = apps.get_model("cases", "Consultation")
    ActionItem = apps.get_model("cases", "ActionItem")
    for consultation in Consultation._default_manager.filter(kind="named").exclude(agenda=""):
        consultation.agenda_encrypted = crypto.encrypt(consultation.agenda)
        consultation.agenda = ""
        consultation.save(update_fields=["agenda_encrypted", "agenda"])
    for item in ActionItem._default_manager.all():
        item.description_encrypted = crypto.encrypt(item.description)
        item.save(update_fields=["description_encrypted"])


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_named_minutes_encrypted'),
    ]

    operations = [
        migrations.AddField(
            model_name='actionitem',
            name='description_encrypted',
            field=models.BinaryField(default=b''),
        ),
        migrations.AddField(
            model_name='consultation',
            name='agenda_encrypted',
            field=models.BinaryField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='consultation',
            name='family_informed_on',
            field=models.DateField(blank=True, null=True, verbose_name='family informed on'),
        ),
        migrations.AlterField(
            model_name='consultation',
            name='agenda',
            field=models.TextField(blank=True, default='', help_text='anonymous consultations only: checked, not identifying', verbose_name='agenda'),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='actionitem',
            name='description',
        ),
    ]
