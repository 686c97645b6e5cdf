"""Cases, their participants and consultations (K1-K8, C4-C5).

These records are personal data: a case ties a household to partners and professionals, and
consultations carry what partners say about the family. Like ``deelwijzer.persons.models`` they
have no ``objects`` manager, only the private ``_records`` manager, and only
``deelwijzer.cases.services`` and ``.selectors`` touch them (ARCHITECTURE "The one invariant").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.choices import (
    CaseRoleChoice,
    ConsultationKind,
    ContributionNature,
    ContributionRemarkKind,
    InformWhen,
)


class Case(models.Model):
    """A case (casus) brought in by an initiating partner from its statutory task (K1); the case
    director's partner keeps the dossier (C5, K7)."""

    reference = models.CharField(_("reference"), max_length=20, unique=True,
                                 help_text="non-identifying, e.g. C-2026-0001; the log's case_ref")
    partnership = models.ForeignKey(
        "covenant.Partnership", on_delete=models.PROTECT, related_name="+")
    initiating_partner = models.ForeignKey(
        "covenant.Partner", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("initiating partner"))
    statutory_task = models.TextField(_("statutory task"))
    case_criterion = models.TextField(_("case criterion"))
    director = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("case director"))
    dossier_partner = models.ForeignKey(
        "covenant.Partner", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("dossier partner"))
    step = models.CharField(_("work-process step"), max_length=64)
    household = models.ForeignKey("persons.Household", on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("household"))
    covenant_version = models.CharField(max_length=80)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    _records = models.Manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        default_manager_name = "_records"

    def __str__(self) -> str:  # the reference is not identifying
        return self.reference


class Involvement(models.Model):
    """A partner (and, once named, its professional) taking part in a case with a role and a
    reason (K3). Shell partners only when invited for this case, with a declaration (C4, P3)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("partner"))
    professional = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("professional"))
    role = models.CharField(_("role"), max_length=16, choices=CaseRoleChoice.choices)
    reason = models.TextField(_("reason"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    _records = models.Manager()

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        default_manager_name = "_records"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "professional"], condition=models.Q(professional__isnull=False),
                name="involvement_professional_once"),
        ]

    def __str__(self) -> str:
        return f"involvement #{self.pk}"


class Consultation(models.Model):
    """A case consultation (casusoverleg) or an anonymous one (casuïstiekoverleg, K2): an
    anonymous consultation has no case and stores nothing identifying."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    partnership = models.ForeignKey(
        "covenant.Partnership", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=ConsultationKind.choices)
    date = models.DateField(_("date"))
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("chair"))
    family_present = models.BooleanField(_("family present"), default=True)
    absence_motivation = models.TextField(_("why the family is absent"), blank=True, default="")
    informed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("who informs the family"))
    inform_when = models.CharField(_("family informed"), max_length=6,
                                   choices=InformWhen.choices, blank=True, default="")
    agenda = models.TextField(_("agenda"), blank=True, default="",
                              help_text="anonymous consultations only: checked, not identifying")
    # Named consultations: the agenda is personal data, encrypted at rest (read through
    # ``consultation_agenda_view``).
    agenda_encrypted = models.BinaryField(null=True, blank=True)
    # K4, T4: the day the family was told about a consultation held without them.
    family_informed_on = models.DateField(_("family informed on"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True, default="",
                               help_text="anonymous consultations only: checked, not identifying")
    # Named consultations: the minutes are personal data, encrypted at rest, with the data
    # categories the policy decided on when they were recorded.
    minutes_encrypted = models.BinaryField(null=True, blank=True)
    minutes_categories = models.JSONField(default=list, blank=True)
    # Who recorded the minutes, under which purpose: another partner reads them as that
    # partner's disclosure (S4).
    minutes_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                            null=True, blank=True, related_name="+")
    minutes_purpose = models.CharField(max_length=64, blank=True, default="")
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    _records = models.Manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        default_manager_name = "_records"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="anonymous", case__isnull=True)
                           | models.Q(kind="named", case__isnull=False)),
                name="consultation_anonymous_has_no_case"),
        ]

    def __str__(self) -> str:
        return f"consultation #{self.pk}"


class ConsultationParticipant(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="+")
    involvement = models.ForeignKey(Involvement, on_delete=models.PROTECT, related_name="+")

    _records = models.Manager()

    class Meta:
        default_manager_name = "_records"
        constraints = [
            models.UniqueConstraint(fields=["consultation", "involvement"],
                                    name="participant_once"),
        ]

    def __str__(self) -> str:
        return f"participant #{self.pk}"


class Contribution(models.Model):
    """What a partner brings into a consultation (inbreng). The owner keeps control (K5): others
    use it only with ``permission``. The text is encrypted at rest."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="+")
    owner_partner = models.ForeignKey("covenant.Partner", on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("owner"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("author"))
    content_encrypted = models.BinaryField()
    categories = models.JSONField(default=list)
    nature = models.CharField(_("fact or opinion"), max_length=10,
                              choices=ContributionNature.choices)
    permission = models.BooleanField(_("others may use it"), default=False)
    purpose = models.CharField(max_length=64)
    step = models.CharField(max_length=64)
    covenant_version = models.CharField(max_length=80)
    recorded_at = models.DateTimeField(auto_now_add=True)

    _records = models.Manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        default_manager_name = "_records"

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"contribution #{self.pk}"


class ContributionRemark(models.Model):
    """K8: the family's reaction to a contribution, or the correction of a factual error in it
    (only of a contribution marked fact). The contribution is not changed: its original text
    stays readable beside the correction. The text is encrypted at rest."""

    contribution = models.ForeignKey(Contribution, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=ContributionRemarkKind.choices)
    given_by = models.ForeignKey("persons.Person", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("given by"))
    given_on = models.DateField(_("given on"))
    text_encrypted = models.BinaryField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    _records = models.Manager()

    class Meta:
        verbose_name = _("reaction or correction")
        verbose_name_plural = _("reactions and corrections")
        default_manager_name = "_records"

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"contribution remark #{self.pk}"


class ActionItem(models.Model):
    """K6: an action from the consultation; visible only to its owner and the case director."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="+")
    # Encrypted at rest; read through ``action_items_view`` (owner and case director only).
    description_encrypted = models.BinaryField(default=b"")
    owner = models.ForeignKey(Involvement, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("owner"))
    due = models.DateField(_("due date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    _records = models.Manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        default_manager_name = "_records"

    def __str__(self) -> str:  # never the content: it may reach logs
        return f"action item #{self.pk}"
