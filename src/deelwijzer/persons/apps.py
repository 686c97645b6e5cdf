from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PersonsConfig(AppConfig):
    name = "deelwijzer.persons"
    label = "persons"
    verbose_name = _("Persons and dossiers")

    def ready(self) -> None:
        from deelwijzer.persons.checks import data_key_check

        checks.register(data_key_check, checks.Tags.security, deploy=True)
