from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "deelwijzer.sharing"
    label = "sharing"
    verbose_name = _("May I share this?")
