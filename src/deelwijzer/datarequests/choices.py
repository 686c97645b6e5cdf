"""The choices of the datarequests models, importable by views, forms and the API."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """S10 (004 rules 7-10): the providing partner's own answer."""

    PROVIDED = "provided", _("provided")
    PARTLY = "partly", _("partly provided")
    REFUSED = "refused", _("refused")


class Status(models.TextChoices):
    OPEN = "open", _("open")
    PROVIDED = "provided", _("provided")
    PARTLY = "partly", _("partly provided")
    REFUSED = "refused", _("refused")
