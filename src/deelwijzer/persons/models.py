"""The personal data the core protects: persons, representatives, households, dossier items,
consents and disclosures.

Only ``deelwijzer.persons.services`` and ``.selectors`` touch these models (ARCHITECTURE "The
one invariant"). They have no ``objects`` manager: the records are reached through the private
``_records`` manager, and import-linter forbids views, APIs, admin, commands and templates tags
from importing this module. A test walks every entry point to prove it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    """A data subject (betrokkene): a child, a parent, another household member."""

    subject_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(
        "covenant.Partnership", on_delete=models.PROTECT, related_name="+")
    given_names = models.CharField(_("given names"), max_length=200)
    family_name = models.CharField(_("family name"), max_length=200)
    birth_date = models.DateField(_("date of birth"))
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, default="")
    street = models.CharField(_("street and number"), max_length=200, blank=True, default="")
    postal_code = models.CharField(_("postal code"), max_length=7, blank=True, default="")
    city = models.CharField(_("city"), max_length=100, blank=True, default="")
    registered_by_partner = models.ForeignKey(
        "covenant.Partner", on_delete=models.PROTECT, related_name="+")
    categories = models.JSONField(default=list, help_text="what registration recorded")
    registered_at = models.DateTimeField(auto_now_add=True)

    _records = models.Manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        default_manager_name = "_records"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "bsn"], condition=~models.Q(bsn=""),
                name="person_bsn_unique_in_partnership"),
        ]

    def __str__(self) -> str:
        return f"{self.given_names} {self.family_name}"

    @property
    def subject_id(self) -> str:
        """The identifier the policy and the processing log know this person by."""
        return f"person:{self.subject_uuid}"


class RepresentativeKind(models.TextChoices):
    PARENT_WITH_AUTHORITY = "parent", _("parent with parental authority")
    GUARDIAN = "guardian", _("guardian")


class Representative(models.Model):
    """A legal representative (wettelijk vertegenwoordiger) of a minor (S6)."""

    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    representative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=RepresentativeKind.choices)

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"
        constraints = [
            models.UniqueConstraint(fields=["child", "representative"], name="representative_once"),
            models.CheckConstraint(condition=~models.Q(child=models.F("representative")),
                                   name="representative_not_self"),
        ]

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"{self.get_kind_display()} #{self.pk}"



class Household(models.Model):
    """A family system (gezinssysteem)."""

    partnership = models.ForeignKey(
        "covenant.Partnership", on_delete=models.PROTECT, related_name="+")
    label = models.CharField(_("label"), max_length=200)
    members = models.ManyToManyField(Person, through="HouseholdMember", related_name="+")

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"household #{self.pk}"



class HouseholdRelation(models.TextChoices):
    CHILD = "child", _("child")
    PARENT = "parent", _("parent or carer")
    OTHER = "other", _("other household member")


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(_("relation"), max_length=10, choices=HouseholdRelation.choices)

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="member_once")
        ]

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"member #{self.pk}"



class Nature(models.TextChoices):
    FACT = "fact", _("fact")
    OPINION = "opinion", _("opinion")


class DossierItem(models.Model):
    """One piece of information about a person, kept by its owning partner (C5, K8).

    The content is encrypted at rest; the categories, nature and purpose are not content.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    content_encrypted = models.BinaryField()
    categories = models.JSONField(default=list)
    nature = models.CharField(_("fact or opinion"), max_length=10, choices=Nature.choices)
    owning_partner = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT,
                                       related_name="+")
    purpose = models.CharField(max_length=64)
    step = models.CharField(max_length=64, blank=True, default="")
    case_ref = models.CharField(max_length=64, blank=True, default="")
    covenant_version = models.CharField(max_length=80)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    copied_from = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"
        indexes = [models.Index(fields=["person", "owning_partner"])]

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"dossier item #{self.pk}"



class Consent(models.Model):
    """A consent with its scope (S5: purpose, categories, recipients, period), who gave it (S6)
    and how. Withdrawal stops further disclosures at once; nothing is deleted."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    given_by = models.ManyToManyField(Person, related_name="+")
    purpose = models.CharField(max_length=64)
    categories = models.JSONField(default=list)
    recipients = models.JSONField(default=list)
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    written = models.BooleanField(default=True)
    active_act = models.BooleanField(default=True)
    obtained_by_partner = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT,
                                            related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(null=True, blank=True)

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"consent #{self.pk}"



class Disclosure(models.Model):
    """V4: a disclosure (verstrekking) of a dossier item to another partner."""

    item = models.ForeignKey(DossierItem, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=64)
    ground = models.CharField(max_length=32)
    disclosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    disclosed_at = models.DateTimeField(auto_now_add=True)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"disclosure #{self.pk}"
