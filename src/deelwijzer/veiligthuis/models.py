"""Veilig Thuis advice requests and reports (S12; 003 art. 10): only through services and
selectors.

An advice request names no one (003 art. 10.2) and is checked for identifying input; it is still
kept behind the private ``_records`` manager, because the check is a guard rail. A report
(melding) names a person: its texts are encrypted at rest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AdviceRequest(models.Model):
    """A professional asks Veilig Thuis for advice without identifying data (advies vragen)."""

    partnership = models.ForeignKey(
        "covenant.Partnership", on_delete=models.PROTECT, related_name="+")
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("asked by"))
    asker_partner = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("asking partner"))
    question = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    advice = models.TextField(_("advice"), blank=True, default="")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    _records = models.Manager()

    class Meta:
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        default_manager_name = "_records"

    def __str__(self) -> str:
        return f"advice request #{self.pk}"


class Report(models.Model):
    """A report (melding) to Veilig Thuis about a person, after the meldcode's five steps."""

    partnership = models.ForeignKey(
        "covenant.Partnership", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("person"))
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("reported by"))
    reporter_partner = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT,
                                         related_name="+", verbose_name=_("reporting partner"))
    recipient = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT,
                                  related_name="+")
    purpose = models.CharField(max_length=64)
    step = models.CharField(max_length=64)
    categories = models.JSONField(default=list)
    legal_power = models.CharField(max_length=300)
    concerns_encrypted = models.BinaryField()
    # The meldcode steps: their dates in plain (process information), the notes encrypted as
    # one JSON object {"1": "...", ...}.
    step_dates = models.JSONField(default=dict)
    step_notes_encrypted = models.BinaryField()
    family_informed_before = models.BooleanField(_("family told beforehand"))
    not_informed_reason_encrypted = models.BinaryField(null=True, blank=True)
    family_informed_on = models.DateField(_("family informed on"), null=True, blank=True)
    covenant_version = models.CharField(max_length=80)
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    _records = models.Manager()

    class Meta:
        verbose_name = _("report to Veilig Thuis")
        verbose_name_plural = _("reports to Veilig Thuis")
        default_manager_name = "_records"

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"report #{self.pk}"
