"""Forms of the case screens. Every control has a stable, visible label (Dutch through the
catalogue); choices come from the covenant and the case's selectors, never from the models."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from deelwijzer.cases.choices import (
    CaseRoleChoice,
    ContributionNature,
    ContributionRemarkKind,
    InformWhen,
    MemberRelation,
    RepresentativeKindChoice,
)

MEMBER_SLOTS = 4


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _text(label: Any, required: bool = True, rows: int = 4, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


class BringInForm(forms.Form):
    """K1: the household (up to four members) and the case, on one flow."""

    statutory_task = forms.ChoiceField(label=_("Statutory task"), widget=forms.RadioSelect,
                                       help_text=_("The task of your organisation the case "
                                                   "comes from (K1)."))
    case_criterion = forms.ChoiceField(label=_("Case criterion"), widget=forms.RadioSelect,
                                       help_text=_("Why this case belongs in the partnership."))

    def __init__(self, *args: Any, tasks: Iterable[str] = (), criteria: Iterable[str] = (),
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statutory_task"].choices = [(t, t) for t in tasks]  # type: ignore[attr-defined]
        self.fields["case_criterion"].choices = [(c, c) for c in criteria]  # type: ignore[attr-defined]
        others = [(str(n), _("member %(n)s") % {"n": n}) for n in range(1, MEMBER_SLOTS + 1)]
        for n in range(1, MEMBER_SLOTS + 1):
            first = n == 1
            label = {"n": n}
            self.fields[f"given_names_{n}"] = forms.CharField(
                label=_("Given names (member %(n)s)") % label, required=first, max_length=200)
            self.fields[f"family_name_{n}"] = forms.CharField(
                label=_("Family name (member %(n)s)") % label, required=first, max_length=200)
            self.fields[f"birth_date_{n}"] = forms.DateField(
                label=_("Date of birth (member %(n)s)") % label, required=False,
                widget=DateInput())
            self.fields[f"bsn_{n}"] = forms.CharField(
                label=_("BSN (member %(n)s)") % label, required=False, max_length=9,
                help_text=_("Optional; checked with the eleven test."))
            self.fields[f"street_{n}"] = forms.CharField(
                label=_("Street and number (member %(n)s)") % label, required=False,
                max_length=200)
            self.fields[f"postal_code_{n}"] = forms.CharField(
                label=_("Postal code (member %(n)s)") % label, required=False, max_length=7)
            self.fields[f"city_{n}"] = forms.CharField(
                label=_("City (member %(n)s)") % label, required=False, max_length=100)
            self.fields[f"relation_{n}"] = forms.ChoiceField(
                label=_("Relation (member %(n)s)") % label, required=False,
                choices=[("", "—"), *MemberRelation.choices])
            self.fields[f"representatives_{n}"] = forms.MultipleChoiceField(
                label=_("Legal representatives of member %(n)s") % label, required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[c for c in others if c[0] != str(n)],
                help_text=_("Only for minors: who holds parental authority or guardianship."))
            self.fields[f"representative_kind_{n}"] = forms.ChoiceField(
                label=_("Kind of representation (member %(n)s)") % label, required=False,
                choices=[("", "—"), *RepresentativeKindChoice.choices])

    def member_numbers(self) -> list[int]:
        """The member slots that were filled in."""
        data = self.cleaned_data
        return [n for n in range(1, MEMBER_SLOTS + 1)
                if data.get(f"given_names_{n}") or data.get(f"family_name_{n}")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, MEMBER_SLOTS + 1):
            if not (data.get(f"given_names_{n}") or data.get(f"family_name_{n}")):
                continue
            for name in ("given_names", "family_name", "birth_date", "relation"):
                if not data.get(f"{name}_{n}") and f"{name}_{n}" not in self.errors:
                    self.add_error(f"{name}_{n}", forms.Field.default_error_messages["required"])
            reps = data.get(f"representatives_{n}") or []
            if reps and not data.get(f"representative_kind_{n}"):
                self.add_error(f"representative_kind_{n}",
                               forms.Field.default_error_messages["required"])
            for rep in reps:
                if not (data.get(f"given_names_{rep}") or data.get(f"family_name_{rep}")):
                    self.add_error(f"representatives_{n}",
                                   _("member %(n)s is not filled in.") % {"n": rep})
        return data

    def member_sets(self) -> list[list[forms.BoundField]]:
        return [[self[f"{name}_{n}"] for name in (
            "given_names", "family_name", "birth_date", "relation", "bsn", "street",
            "postal_code", "city", "representatives", "representative_kind")]
            for n in range(1, MEMBER_SLOTS + 1)]


class InvolveForm(forms.Form):
    """K3, C4, P3: a partner by necessity, with a role and a reason."""

    partner = forms.ChoiceField(label=_("Partner"))
    invitee = forms.ChoiceField(label=_("Professional"), required=False,
                                help_text=_("Required for a shell partner: a professional who "
                                            "signed the confidentiality declaration (C4, P3)."))
    role = forms.ChoiceField(label=_("Role"), choices=CaseRoleChoice.choices,
                             widget=forms.RadioSelect)
    reason = _text(_("Reason"), rows=3, help_text=_(
        "Why this partner is needed for the case (need to know); no more than necessary."))

    def __init__(self, *args: Any, partners: Iterable[tuple[str, str]] = (),
                 professionals: Iterable[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", "—"), *partners]  # type: ignore[attr-defined]
        self.fields["invitee"].choices = [("", "—"), *professionals]  # type: ignore[attr-defined]


class AbsenceForm(forms.Form):
    """K4, T4: without the family: why, who informs them, before or after."""

    absence_motivation = _text(_("Why the family is not present"), required=False, rows=3)
    informed_by = forms.ChoiceField(label=_("Who informs the family"), required=False)
    inform_when = forms.ChoiceField(label=_("When the family is informed"), required=False,
                                    choices=InformWhen.choices, widget=forms.RadioSelect,
                                    help_text=_("Beforehand; afterwards only if unavoidable."))

    def __init__(self, *args: Any, informers: Iterable[tuple[str, str]] = (),
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["informed_by"].choices = [("", "—"), *informers]  # type: ignore[attr-defined]


class ScheduleForm(AbsenceForm):
    """K2-K4: a named consultation of a case."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    chair = forms.ChoiceField(label=_("Chair"))
    participants = forms.MultipleChoiceField(label=_("Participants"),
                                             widget=forms.CheckboxSelectMultiple)
    agenda = _text(_("Agenda"), required=False, rows=4)
    family_present = forms.TypedChoiceField(
        label=_("Is the family present?"), widget=forms.RadioSelect,
        choices=[("yes", _("Yes, the family takes part")),
                 ("no", _("No, without the family"))],
        coerce=lambda v: v == "yes", help_text=_("Talk with the family, not about them (K4)."))

    field_order = ["date", "chair", "participants", "agenda", "family_present",
                   "absence_motivation", "informed_by", "inform_when"]

    def __init__(self, *args: Any, chairs: Iterable[tuple[str, str]] = (),
                 involvements: Iterable[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].choices = [("", "—"), *chairs]  # type: ignore[attr-defined]
        self.fields["participants"].choices = list(involvements)  # type: ignore[attr-defined]


class AnonymousForm(forms.Form):
    """K2: an anonymous consultation: nothing identifying."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    chair = forms.ChoiceField(label=_("Chair"))
    agenda = _text(_("Agenda"), required=False, help_text=_(
        "No names, BSN, postal codes or exact dates. The check is a guard rail, not a "
        "guarantee: a name at the start of a sentence is not recognised."))

    def __init__(self, *args: Any, chairs: Iterable[tuple[str, str]] = (),
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].choices = [("", "—"), *chairs]  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    minutes = _text(_("Minutes"), rows=8)
    categories = forms.MultipleChoiceField(
        label=_("Data categories in the minutes"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the categories the current step allows to record (S1)."))

    def __init__(self, *args: Any, categories: Iterable[tuple[str, str]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if categories is None:  # anonymous: no categories, nothing identifying
            del self.fields["categories"]
            self.fields["minutes"].help_text = AnonymousForm.base_fields["agenda"].help_text
        else:
            self.fields["categories"].choices = list(categories)  # type: ignore[attr-defined]


class ContributionForm(forms.Form):
    """K5, K8: what your organisation brings in."""

    text = _text(_("Contribution"), rows=6)
    categories = forms.MultipleChoiceField(
        label=_("Data categories"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the categories the current step allows to record (S1)."))
    nature = forms.ChoiceField(label=_("Fact or opinion"), choices=ContributionNature.choices,
                               widget=forms.RadioSelect, help_text=_(
                                   "Facts and opinions are kept apart (K8)."))
    permission = forms.BooleanField(
        label=_("Other participants may use this contribution"), required=False,
        help_text=_("Without permission others see only that you contributed (K5)."))

    def __init__(self, *args: Any, categories: Iterable[tuple[str, str]] = (),
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = list(categories)  # type: ignore[attr-defined]


class ActionItemForm(forms.Form):
    """K6: an action with its owner and due date."""

    description = _text(_("Action"), rows=3)
    owner = forms.ChoiceField(label=_("Owner"))
    due = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args: Any, owners: Iterable[tuple[str, str]] = (),
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "—"), *owners]  # type: ignore[attr-defined]


class InformedForm(forms.Form):
    informed_on = forms.DateField(label=_("Family informed on"), widget=DateInput())


class ContributionRemarkForm(forms.Form):
    """K8: the family's reaction to a contribution, or the correction of a factual error."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ContributionRemarkKind.choices,
                             widget=forms.RadioSelect,
                             help_text=_("Only a contribution marked fact is corrected; the "
                                         "original text stays visible."))
    given_by = forms.ChoiceField(label=_("Given by"))
    given_on = forms.DateField(label=_("Date"), widget=DateInput())
    text = _text(_("Text"))

    def __init__(self, *args: Any, family: Iterable[tuple[str, str]] = (),
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].choices = [("", "—"), *family]  # type: ignore[attr-defined]


class CaseFilterForm(forms.Form):
    """Search, filters and order of the case list (GET: a page can be bookmarked)."""

    search = forms.CharField(label=_("Search"), required=False, max_length=100,
                             help_text=_("Part of the case number or the household's name."))
    step = forms.ChoiceField(label=_("Step"), required=False)
    state = forms.ChoiceField(label=_("Open or closed"), required=False, choices=[
        ("", _("All cases")), ("open", pgettext_lazy("status", "Open")),
        ("closed", _("Closed"))])
    partner = forms.ChoiceField(label=_("Partner involved"), required=False)
    order = forms.ChoiceField(label=_("Order"), required=False, choices=[
        ("recent", _("Open first, newest first")), ("reference", _("Case number")),
        ("step", _("Step"))])

    def __init__(self, *args: Any, steps: dict[str, str], partners: dict[str, str],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        step: Any = self.fields["step"]
        step.choices = [("", _("All steps")), *steps.items()]
        partner: Any = self.fields["partner"]
        partner.choices = [("", _("All partners")), *partners.items()]
