"""Partnerships, their partners and the versions of their covenant (C1, C8, C9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Partnership(models.Model):
    """A samenwerkingsverband. Its content lives in the covenant versions."""

    key = models.SlugField(_("identifier"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=200)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return self.name


class PartnerKind(models.TextChoices):
    CORE = "core", _("core partner")
    SHELL = "shell", _("shell partner")


class Partner(models.Model):
    """A signing organisation, its own controller (C5). Synced from the covenant."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="partners")
    key = models.SlugField(_("identifier"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=PartnerKind.choices)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="partner_key_unique")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_shell(self) -> bool:
        return self.kind == PartnerKind.SHELL


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft: awaiting signatures")
    IN_FORCE = "in_force", _("in force")
    SUPERSEDED = "superseded", _("superseded")


class CovenantVersion(models.Model):
    """One version of a partnership's covenant and privacy protocol, as imported YAML."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version number"))
    label = models.CharField(_("version label"), max_length=50)
    source = models.TextField(_("covenant source (YAML)"))
    source_sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    in_force_since = models.DateTimeField(_("in force since"), null=True, blank=True)

    class Meta:
        verbose_name = _("covenant version")
        verbose_name_plural = _("covenant versions")
        ordering = ["partnership", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["partnership"], condition=models.Q(status="in_force"),
                name="one_version_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} v{self.number} ({self.label})"


class Signature(models.Model):
    """A partner's signature on a version, recorded by an authorised person of that partner."""

    version = models.ForeignKey(
        CovenantVersion, on_delete=models.PROTECT, related_name="signatures"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="signatures")
    signatory_name = models.CharField(_("signatory"), max_length=200)
    signatory_function = models.CharField(_("function"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["version", "partner"], name="one_signature_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.version}"
