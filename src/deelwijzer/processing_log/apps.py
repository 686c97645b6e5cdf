from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ProcessingLogConfig(AppConfig):
    name = "deelwijzer.processing_log"
    label = "processing_log"
    verbose_name = _("Processing log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deelwijzer.processing_log.checks import signing_key_check

        checks.register(signing_key_check, checks.Tags.security, deploy=True)
