"""The choices of the cases models, importable by views, forms and the API (no personal data)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseRoleChoice(models.TextChoices):
    """K3: the values of ``deelwijzer.policy.CaseRole``."""

    CASE_HOLDER = "case_holder", _("case holder")
    CONTENT = "content", _("content")
    ADVISER = "adviser", _("adviser or expert")
    INFORMANT = "informant", _("informant")
    OTHER = "other", _("other")


class ConsultationKind(models.TextChoices):
    NAMED = "named", _("named case consultation")
    ANONYMOUS = "anonymous", _("anonymous consultation")


class InformWhen(models.TextChoices):
    """K4, T4: the family is informed beforehand; afterwards only if unavoidable."""

    BEFORE = "before", _("before the consultation")
    AFTER = "after", _("after the consultation")


class ContributionNature(models.TextChoices):
    """K8: facts and opinions are kept apart."""

    FACT = "fact", _("fact")
    OPINION = "opinion", _("opinion")


class MemberRelation(models.TextChoices):
    """The values of ``deelwijzer.persons.models.HouseholdRelation`` (for the bring-in form)."""

    CHILD = "child", _("child")
    PARENT = "parent", _("parent or carer")
    OTHER = "other", _("other household member")


class RepresentativeKindChoice(models.TextChoices):
    """The values of ``deelwijzer.persons.models.RepresentativeKind`` (S6 reads them)."""

    PARENT_WITH_AUTHORITY = "parent", _("parent with parental authority")
    GUARDIAN = "guardian", _("guardian")


class ContributionRemarkKind(models.TextChoices):
    """K8: what the family adds beside a contribution: the values (and labels) of
    ``deelwijzer.persons.choices.RemarkKind`` that apply to an inbreng (no own statement: that
    belongs in the partner's dossier)."""

    REACTION = "reaction", _("reaction")
    CORRECTION = "correction", _("correction of a factual error")
