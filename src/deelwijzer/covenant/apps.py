from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CovenantConfig(AppConfig):
    name = "deelwijzer.covenant"
    label = "covenant"
    verbose_name = _("Covenant")
