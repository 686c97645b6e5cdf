"""Professionals (the users) and their roles (P1-P5)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.roles import Role


class RoleChoices(models.TextChoices):
    PROFESSIONAL = Role.PROFESSIONAL.value, _("professional")
    CASE_DIRECTOR = Role.CASE_DIRECTOR.value, _("case director")
    CHAIR = Role.CHAIR.value, _("chair")
    TEAM_COORDINATOR = Role.TEAM_COORDINATOR.value, _("team coordinator")
    PRIVACY_OFFICER = Role.PRIVACY_OFFICER.value, _("privacy officer")
    PARTNER_ADMIN = Role.PARTNER_ADMIN.value, _("partner administrator")
    SYSTEM_ADMIN = Role.SYSTEM_ADMIN.value, _("system administrator")


class RoleAssignment(models.Model):
    professional = models.ForeignKey(
        "accounts.Professional", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleChoices.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["professional", "role"], name="role_once")
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class Professional(AbstractUser):
    """A user. P1: business contact data only: name, partner, function, work e-mail, phone."""

    partner = models.ForeignKey(
        "covenant.Partner", on_delete=models.PROTECT, null=True, blank=True,
        related_name="professionals", verbose_name=_("partner"),
    )
    function = models.CharField(_("function"), max_length=200, blank=True)
    phone = models.CharField(_("business phone"), max_length=30, blank=True)
    vog_date = models.DateField(
        _("VOG date"), null=True, blank=True,
        help_text=_("Date of the certificate of good conduct; no login when older than 3 years."),
    )
    confidentiality_declaration_date = models.DateField(
        _("confidentiality declaration signed on"), null=True, blank=True,
        help_text=_("Required for staff of shell partners."),
    )

    class Meta:
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        ordering = ["last_name", "first_name"]

    @property
    def roles(self) -> frozenset[Role]:
        cached: frozenset[Role] | None = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = frozenset(Role(r.role) for r in self.role_assignments.all())
            self._roles_cache = cached
        return cached

    def has_role(self, role: Role) -> bool:
        return role in self.roles


class ApiToken(models.Model):
    """A personal API token (``Authorization: Token <key>``) with its professional's rights and
    nothing more. Only a SHA-256 hash of the key is stored; the key is shown once, at creation
    (``deelwijzer apitoken create USERNAME``)."""

    professional = models.ForeignKey(Professional, on_delete=models.CASCADE,
                                     related_name="api_tokens", verbose_name=_("professional"))
    prefix = models.CharField(_("prefix"), max_length=8, db_index=True,
                              help_text=_("The first characters of the key, to recognise it."))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.professional.username})"
