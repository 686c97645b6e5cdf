"""The choices of the veiligthuis app, importable by views, forms and the API."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeldcodeStep(models.IntegerChoices):
    """The five steps of the Meldcode huiselijk geweld en kindermishandeling (003 art. 10.4)."""

    SIGNALS = 1, _("1. Map the signals")
    CONSULT = 2, _("2. Consult a colleague and, if needed, Veilig Thuis")
    CONVERSATION = 3, _("3. Talk with the client")
    WEIGH = 4, _("4. Weigh (assessment framework)")
    DECIDE = 5, _("5. Decide: organise help and/or report")
