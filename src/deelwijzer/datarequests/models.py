"""Data requests (gegevensverzoeken, S10): personal data, only through services and selectors.

A request names a person, so it tells the providing partner that the person is known to the
asking partner (buitenkant-informatie, K9): the texts about the person are encrypted at rest,
and the records are reached only through the private ``_records`` manager.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.datarequests.choices import Status


class DataRequest(models.Model):
    """One partner's professional asks another partner for data about a person (S10)."""

    partnership = models.ForeignKey(
        "covenant.Partnership", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("person"))
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("case"))
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("asked by"))
    asker_partner = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("asking partner"))
    provider = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("asked partner"))
    purpose = models.CharField(_("purpose"), max_length=64)
    step = models.CharField(max_length=64, blank=True, default="")
    ground = models.CharField(_("AVG ground"), max_length=16)
    legal_basis = models.CharField(_("legal ground"), max_length=300)
    categories = models.JSONField(default=list, help_text="the data categories asked for")
    question_encrypted = models.BinaryField()
    necessity_encrypted = models.BinaryField()
    subsidiarity_encrypted = models.BinaryField()
    proportionality_encrypted = models.BinaryField()
    why_no_consent_encrypted = models.BinaryField(null=True, blank=True)
    not_a_recheck = models.BooleanField(default=False)
    answer_by = models.DateField(_("answer wanted by"), null=True, blank=True)
    covenant_version = models.CharField(max_length=80)
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    motivation_encrypted = models.BinaryField(null=True, blank=True)
    alternative_encrypted = models.BinaryField(null=True, blank=True)
    answer_legal_duty = models.CharField(max_length=300, blank=True, default="")

    _records = models.Manager()

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        default_manager_name = "_records"
        indexes = [models.Index(fields=["provider", "status"]),
                   models.Index(fields=["asker", "status"])]

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"data request #{self.pk}"


class RequestDisclosure(models.Model):
    """V4: a disclosure (through the gateway) that answered a request."""

    request = models.ForeignKey(DataRequest, on_delete=models.PROTECT, related_name="+")
    disclosure = models.ForeignKey("persons.Disclosure", on_delete=models.PROTECT,
                                   related_name="+")

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"
        constraints = [models.UniqueConstraint(fields=["request", "disclosure"],
                                               name="request_disclosure_once")]

    def __str__(self) -> str:
        return f"request disclosure #{self.pk}"
