from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VeiligThuisConfig(AppConfig):
    name = "deelwijzer.veiligthuis"
    label = "veiligthuis"
    verbose_name = _("Veilig Thuis advice and reports")
