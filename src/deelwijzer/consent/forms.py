"""Forms of the consent screens. The choices come from the covenant in force and the person's
family; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijzer.covenant.schema import Covenant
from deelwijzer.persons.choices import (
    WEIGHING_LABELS,
    ConsentMethod,
    InformingAbout,
    InformingMethod,
    InformingTiming,
    JustificationKindChoice,
    RemarkKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _purposes(covenant: Covenant) -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in covenant.purposes]


def _categories(covenant: Covenant) -> list[tuple[str, str]]:
    return [(c.id, c.name) for c in covenant.data_categories]


def _partners(covenant: Covenant) -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in covenant.partners]


class ScopeForm(forms.Form):
    """The "eis der gerichtheid" (S5, 003 art. 7.5): purpose, data, recipients."""

    purpose = forms.ChoiceField(label=_("Purpose"))
    categories = forms.MultipleChoiceField(label=_("Data categories"),
                                           widget=forms.CheckboxSelectMultiple)
    recipients = forms.MultipleChoiceField(label=_("Recipients"),
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = _purposes(covenant)  # type: ignore[attr-defined]
        self.fields["categories"].choices = _categories(covenant)  # type: ignore[attr-defined]
        self.fields["recipients"].choices = _partners(covenant)  # type: ignore[attr-defined]


class ConsentForm(ScopeForm):
    given_by = forms.MultipleChoiceField(label=_("Given by"), widget=forms.CheckboxSelectMultiple)
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE, required=False,
                                  help_text=_("Leave empty when no end date was agreed."))
    method = forms.ChoiceField(label=_("How consent was given"), choices=ConsentMethod.choices,
                               widget=forms.RadioSelect)
    told_withdrawable = forms.BooleanField(
        label=_("I told the person that consent can always be withdrawn"), required=False)
    evidence = forms.FileField(label=_("Evidence: the signed form (PDF, JPEG or PNG, at most "
                                       "5 MB)"), required=False)
    statement = forms.CharField(label=_("Or: the text of the signed statement"),
                                widget=forms.Textarea(attrs={"rows": 3}), required=False)
    obtained_by = forms.ChoiceField(label=_("Obtained by"))

    def __init__(self, *args: Any, givers: list[tuple[str, str]],
                 colleagues: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].choices = givers  # type: ignore[attr-defined]
        self.fields["obtained_by"].choices = colleagues  # type: ignore[attr-defined]


class WithdrawForm(forms.Form):
    on = forms.DateField(label=_("Withdrawn on"), widget=DATE)


class JustificationForm(ScopeForm):
    person = forms.ChoiceField(label=_("Person"))
    kind = forms.ChoiceField(label=_("Basis"), choices=JustificationKindChoice.choices,
                             widget=forms.RadioSelect)
    why_no_consent = forms.CharField(label=_("Why consent could not be asked or obtained"),
                                     widget=forms.Textarea(attrs={"rows": 3}))
    vital_motivation = forms.CharField(
        label=_("Vital interest only: the very serious, life-threatening situation"),
        widget=forms.Textarea(attrs={"rows": 3}), required=False)
    functionary_name = forms.CharField(label=_("Functionary consulted: name"), max_length=200)
    functionary_function = forms.CharField(label=_("Functionary consulted: function"),
                                           max_length=200)
    client_informed_on = forms.DateField(label=_("The client was informed on"), widget=DATE,
                                         required=False)
    inform_by = forms.DateField(label=_("Or: the client will be informed by"), widget=DATE,
                                required=False)
    inform_exception = forms.BooleanField(
        label=_("Or: the client is not informed for now (AVG art. 23 exception)"),
        required=False)
    exception_motivation = forms.CharField(
        label=_("Why informing would endanger someone or a criminal investigation"),
        widget=forms.Textarea(attrs={"rows": 2}), required=False)
    exception_review_on = forms.DateField(label=_("Review the exception on"), widget=DATE,
                                          required=False)

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = people  # type: ignore[attr-defined]
        for question, label in WEIGHING_LABELS.items():
            self.fields[f"answer_{question}"] = forms.CharField(
                label=label, widget=forms.Textarea(attrs={"rows": 2}))

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer_{q}"] for q in WEIGHING_LABELS]


class InformingForm(forms.Form):
    about = forms.ChoiceField(label=_("Informed about"), choices=InformingAbout.choices)
    timing = forms.ChoiceField(label=_("Before or after"), choices=InformingTiming.choices,
                               widget=forms.RadioSelect)
    method = forms.ChoiceField(label=_("How"), choices=InformingMethod.choices)
    informed_on = forms.DateField(label=_("Informed on"), widget=DATE, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False)
    exception_motivation = forms.CharField(
        label=_("Exception only: why informing would endanger someone or a criminal "
                "investigation (AVG art. 23)"),
        widget=forms.Textarea(attrs={"rows": 2}), required=False)
    review_on = forms.DateField(label=_("Exception only: review on"), widget=DATE,
                                required=False)


class RemarkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RemarkKind.choices,
                             widget=forms.RadioSelect)
    given_by = forms.ChoiceField(label=_("From"))
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, family: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].choices = family  # type: ignore[attr-defined]


class PersonSearchForm(forms.Form):
    """The search box of the persons list (GET: a page can be bookmarked)."""

    search = forms.CharField(label=_("Search"), required=False, max_length=100,
                             help_text=_("Words of the name, a date of birth (1-5-2013) or a "
                                         "BSN."))


class ReminderFilterForm(forms.Form):
    """Which reminders "To inform" shows (GET)."""

    which = forms.ChoiceField(label=_("Show"), required=False, choices=[
        ("", _("Everyone to inform")), ("overdue", _("Only overdue"))])
