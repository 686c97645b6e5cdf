"""The personal data the core protects: persons, representatives, households, dossier items,
consents and disclosures.

Only the gateway (``deelwijzer.persons.gateway``), the services and the selectors touch these
models (ARCHITECTURE "The one invariant"). They have no ``objects`` manager: the records are
reached through the private ``_records`` manager, and import-linter forbids views, APIs, admin,
commands and templates tags from importing this module. A test walks every entry point to prove it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.persons.choices import (
    ConsentMethod,
    InformingAbout,
    InformingMethod,
    InformingTiming,
    JustificationKindChoice,
    RemarkKind,
)


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
    # P4: outside a case only the professional who registered a person knows it exists.
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="+")
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
    # S11: police data keeps the purpose the police gave it for, through every copy.
    police_purpose = models.CharField(max_length=64, blank=True, default="")
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
    # S5 (001 protocol 6.4c; 003 art. 7.5): how it was given, the evidence, that the person was
    # told it can be withdrawn, and who obtained it. Empty ``method``: recorded by a caller that
    # did not state these (before they existed); the screens show it as "not recorded".
    method = models.CharField(_("how consent was given"), max_length=16, blank=True, default="",
                              choices=ConsentMethod.choices)
    given_on = models.DateField(_("given on"), null=True, blank=True)
    told_withdrawable = models.BooleanField(_("told that consent can be withdrawn"),
                                            default=False)
    obtained_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("obtained by"))
    evidence_encrypted = models.BinaryField(null=True, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True, default="")
    evidence_content_type = models.CharField(max_length=40, blank=True, default="")
    evidence_size = models.PositiveIntegerField(default=0)
    statement_encrypted = models.BinaryField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"consent #{self.pk}"


class ConsentEventKind(models.TextChoices):
    GIVEN = "given", _("given")
    CHANGED = "changed", _("changed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class ConsentEvent(models.Model):
    """The history of a consent (S5: the burden of proof lies with the controller): given,
    changed, withdrawn, by whom and when. Never changed or deleted."""

    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ConsentEventKind.choices)
    on = models.DateField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    detail = models.CharField(max_length=200, blank=True, default="",
                              help_text="what changed; never content")
    recorded_at = models.DateTimeField(auto_now_add=True)

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"consent event #{self.pk}"


class Justification(models.Model):
    """S7: the recorded weighing for sharing without consent (003 art. 9.2-9.4; 001 protocol
    6.4e). The answers to questions a-h, why consent was impossible and the vital-interest
    motivation are free text about a person: encrypted together as one JSON document."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("basis"), max_length=24, choices=JustificationKindChoice.choices)
    purpose = models.CharField(max_length=64)
    recipients = models.JSONField(default=list)
    categories = models.JSONField(default=list)
    answers_encrypted = models.BinaryField()
    functionary_name = models.CharField(_("functionary consulted"), max_length=200)
    functionary_function = models.CharField(_("function of the functionary"), max_length=200)
    client_informed_on = models.DateField(null=True, blank=True)
    inform_by = models.DateField(null=True, blank=True)
    # T3 (001 protocol 7.6; AVG art. 23): not informing for now, motivated, until a review date.
    inform_exception = models.BooleanField(default=False)
    exception_review_on = models.DateField(null=True, blank=True)
    owning_partner = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT,
                                       related_name="+")
    case_ref = models.CharField(max_length=64, blank=True, default="")
    covenant_version = models.CharField(max_length=80)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"
        indexes = [models.Index(fields=["person", "purpose"])]

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"justification #{self.pk}"


class Informing(models.Model):
    """T1, T3, T4, K4: that, when, how and by whom a person was informed (before or after), or
    an AVG art. 23 exception (motivated, with a review date) to not inform for now."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    about = models.CharField(_("about"), max_length=16, choices=InformingAbout.choices)
    timing = models.CharField(_("before or after"), max_length=6, choices=InformingTiming.choices)
    method = models.CharField(_("how"), max_length=16, choices=InformingMethod.choices)
    informed_on = models.DateField(_("informed on"), null=True, blank=True)
    informed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("informed by"))
    partner = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=64, blank=True, default="")
    consultation = models.ForeignKey("cases.Consultation", on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")
    justification = models.ForeignKey(Justification, on_delete=models.PROTECT, null=True,
                                      blank=True, related_name="+")
    note_encrypted = models.BinaryField(null=True, blank=True)
    exception_review_on = models.DateField(_("review on"), null=True, blank=True)
    case_ref = models.CharField(max_length=64, blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"
        indexes = [models.Index(fields=["person", "about"])]

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"informing #{self.pk}"


class Remark(models.Model):
    """K8 (003 art. 15.7; 001 Bijlage 2 fact finding 6-8): the family's reaction or correction
    beside a dossier item, or the subject's own statement (eigen verklaring). A correction marks
    the item corrected; the original stays readable as history."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(DossierItem, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=RemarkKind.choices)
    given_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("from"))
    given_on = models.DateField(_("given on"))
    text_encrypted = models.BinaryField()
    categories = models.JSONField(default=list)
    owning_partner = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT,
                                       related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"remark #{self.pk}"



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
    justification = models.ForeignKey("Justification", on_delete=models.PROTECT, null=True,
                                      blank=True, related_name="+")

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"disclosure #{self.pk}"
