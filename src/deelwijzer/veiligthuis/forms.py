"""Forms of the Veilig Thuis screens; the rules are the services' (``form_error``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from deelwijzer.veiligthuis.choices import MeldcodeStep

Choices = list[tuple[str, str]]
GUARD_RAIL = _("No name, BSN, postal code, exact date or other detail that shows who it is "
               "about (003 art. 10.2). The check is a guard rail, not a guarantee.")


class AdviceForm(forms.Form):
    question = forms.CharField(label=_("Question"), required=False, help_text=GUARD_RAIL,
                               widget=forms.Textarea(attrs={"rows": 5}))


class AdviceAnswerForm(forms.Form):
    advice = forms.CharField(label=_("Advice"), required=False, help_text=GUARD_RAIL,
                             widget=forms.Textarea(attrs={"rows": 5}))


class ReportForm(forms.Form):
    person = forms.ChoiceField(label=_("Person"), required=False)
    concerns = forms.CharField(label=_("Concerns"), required=False,
                               help_text=_("The signals and concerns you report; facts and "
                                           "opinions apart (K8)."),
                               widget=forms.Textarea(attrs={"rows": 4}))
    categories = forms.MultipleChoiceField(label=_("Data categories you give"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    family_informed_before = forms.TypedChoiceField(
        label=_("Was the family told about the report beforehand?"), required=False,
        choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect,
        coerce=lambda v: v == "yes", empty_value=None)
    not_informed_reason = forms.CharField(
        label=_("Why the family was not told"), required=False,
        help_text=_("Only when telling them would endanger the child, someone else or you "
                    "(003 art. 10.3; T3). Inform them afterwards."),
        widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, persons: Choices, categories: Choices,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—"), *persons]  # type: ignore[attr-defined]
        self.fields["categories"].choices = categories  # type: ignore[attr-defined]
        for step in MeldcodeStep:
            self.fields[f"step_{step.value}_date"] = forms.DateField(
                label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
            self.fields[f"step_{step.value}_notes"] = forms.CharField(
                label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def steps(self) -> list[tuple[Any, Any, Any]]:
        """(step, date field, notes field) for the template's fieldsets."""
        return [(step, self[f"step_{step.value}_date"], self[f"step_{step.value}_notes"])
                for step in MeldcodeStep]


class FamilyInformedForm(forms.Form):
    family_informed_on = forms.DateField(label=_("Family informed on"), required=False,
                                         widget=forms.DateInput(attrs={"type": "date"}))


class StartFilterForm(forms.Form):
    """The filters of the two lists on the start page (GET: a page can be bookmarked)."""

    advice = forms.ChoiceField(label=_("Advice requests"), required=False, choices=[
        ("", _("All advice requests")), ("open", pgettext_lazy("status", "Open")),
        ("answered", _("Answered"))])
    family = forms.ChoiceField(label=_("Reports"), required=False, choices=[
        ("", _("All reports")), ("to_inform", _("Family not yet informed")),
        ("informed", _("Family informed"))])
