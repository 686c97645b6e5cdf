from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CovenantConfig(AppConfig):
    name = "deelwijzer.covenant"
    label = "covenant"
    verbose_name = _("Covenant")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from deelwijzer.covenant.selectors import version_scope_begin, version_scope_end

        request_started.connect(version_scope_begin, dispatch_uid="covenant.version_scope")
        request_finished.connect(version_scope_end, dispatch_uid="covenant.version_scope")
