from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessingLogConfig(AppConfig):
    name = "deelwijzer.processing_log"
    label = "processing_log"
    verbose_name = _("Processing log")
    default_auto_field = "django.db.models.BigAutoField"
