"""Forms of the dossier screens and of "Mag ik dit delen?". Choices come from the covenant in
force and the selectors; the forms never read personal data themselves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.choices import ContributionNature

Choices = list[tuple[str, str]]


class ItemRecordForm(forms.Form):
    """Record a dossier item (K8: facts and opinions apart)."""

    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Write facts and opinions in separate items."))
    nature = forms.ChoiceField(label=_("Fact or opinion"), choices=ContributionNature.choices,
                               widget=forms.RadioSelect)
    categories = forms.MultipleChoiceField(label=_("Data categories"),
                                           widget=forms.CheckboxSelectMultiple)
    case = forms.ChoiceField(label=_("Case"), required=False)
    purpose = forms.ChoiceField(
        label=_("Purpose"), required=False,
        help_text=_("Within a case, leave empty to use the purpose of the case's current step."))

    def __init__(self, *args: Any, categories: Choices, purposes: Choices, cases: Choices,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = categories  # type: ignore[attr-defined]
        self.fields["purpose"].choices = [("", "—"), *purposes]  # type: ignore[attr-defined]
        self.fields["case"].choices = [("", _("Not in a case")), *cases]  # type: ignore[attr-defined]


class CopyForm(forms.Form):
    """K7: copy into the own dossier only when necessary, informed, with consent."""

    informed = forms.BooleanField(
        label=_("The person (or the legal representatives) has been informed that we record "
                "this in our own dossier"), required=False)
    case = forms.ChoiceField(label=_("Case"), required=False)
    purpose = forms.ChoiceField(label=_("Purpose"), required=False)

    def __init__(self, *args: Any, purposes: Choices, cases: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [("", "—"), *purposes]  # type: ignore[attr-defined]
        self.fields["case"].choices = [("", _("Not in a case")), *cases]  # type: ignore[attr-defined]


# --- "Mag ik dit delen?": one question per step ------------------------------------------------


class PersonQuestion(forms.Form):
    person = forms.ChoiceField(label=_("About whom do you want to share something?"),
                               widget=forms.RadioSelect)

    def __init__(self, *args: Any, persons: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = persons  # type: ignore[attr-defined]


class CaseQuestion(forms.Form):
    case = forms.ChoiceField(label=_("In which case do you work with this person?"),
                             widget=forms.RadioSelect)

    def __init__(self, *args: Any, cases: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = cases  # type: ignore[attr-defined]


class WhatQuestion(forms.Form):
    item = forms.ChoiceField(label=_("An item from your dossier"), required=False,
                             widget=forms.RadioSelect)
    categories = forms.MultipleChoiceField(
        label=_("Or describe the information by its data categories"), required=False,
        widget=forms.CheckboxSelectMultiple)
    contributor = forms.ChoiceField(
        label=_("Who brought this information in?"), required=False,
        help_text=_("Another partner's contribution may be used only with its permission (K5)."))
    permission = forms.BooleanField(
        label=_("That partner agreed to this use"), required=False)
    origin = forms.ChoiceField(
        label=_("For which purpose was it obtained?"), required=False,
        help_text=_("Data obtained for one purpose is not used for an incompatible one (S2)."))

    def __init__(self, *args: Any, items: Choices, categories: Choices, partners: Choices,
                 purposes: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = items  # type: ignore[attr-defined]
        self.fields["categories"].choices = categories  # type: ignore[attr-defined]
        self.fields["contributor"].choices = [  # type: ignore[attr-defined]
            ("", _("My own organisation")), *partners]
        self.fields["origin"].choices = [  # type: ignore[attr-defined]
            ("", _("The same purpose as now")), *purposes]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("item") and data.get("categories"):
            self.add_error("categories", _("choose a dossier item or describe the information "
                                           "by its data categories, not both."))
        elif not data.get("item") and not data.get("categories"):
            self.add_error("categories", _("choose a dossier item or at least one data "
                                           "category."))
        return data


class RecipientQuestion(forms.Form):
    recipient = forms.ChoiceField(label=_("With which partner do you want to share it?"),
                                  widget=forms.RadioSelect)

    def __init__(self, *args: Any, partners: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = partners  # type: ignore[attr-defined]


class PurposeQuestion(forms.Form):
    purpose = forms.ChoiceField(label=_("For which purpose?"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, purposes: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = purposes  # type: ignore[attr-defined]


class DiscloseForm(forms.Form):
    """The disclosure "Mag ik dit delen?" previewed: asked again when it happens."""

    item = forms.IntegerField(min_value=1)
    recipient = forms.CharField(max_length=64)
    purpose = forms.CharField(max_length=64, required=False)
    case = forms.CharField(max_length=20, required=False)


class PersonSearchForm(forms.Form):
    """The search box of the persons list (GET: a page can be bookmarked)."""

    search = forms.CharField(label=_("Search"), required=False, max_length=100,
                             help_text=_("Words of the name, a date of birth (1-5-2013) or a "
                                         "BSN."))
