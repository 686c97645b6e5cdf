"""Forms of the data request screens. Choices come from selectors, passed in by the view; the
rules are the services' (errors land on the field through ``persons.errors.form_error``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from deelwijzer.datarequests.choices import Outcome

Choices = list[tuple[str, str]]


def _text(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": 3}))


class DataRequestForm(forms.Form):
    person = forms.ChoiceField(label=_("Person"), required=False)
    case = forms.ChoiceField(label=_("Case (optional)"), required=False)
    provider = forms.ChoiceField(label=_("Asked partner"), required=False)
    purpose = forms.ChoiceField(label=_("Purpose"), required=False,
                                help_text=_("The covenant purpose you ask for (004 rule 6)."))
    categories = forms.MultipleChoiceField(label=_("Data categories asked for"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    legal_basis = forms.CharField(
        label=_("Legal ground"), required=False, max_length=300,
        help_text=_("The statutory task or provision you ask on, e.g. Jeugdwet art. 1.1."))
    question = _text(_("Question"), _("What do you ask, and for which interest of the child?"))
    necessity = _text(_("Necessity"), _("Why do you need this for your own task (004 rule 5)?"))
    subsidiarity = _text(_("Why less would not do"),
                         _("Could the purpose be reached with less or no personal data, or "
                           "through the family itself?"))
    proportionality = _text(_("Proportionality"),
                            _("Why is asking this in proportion to the intrusion?"))
    why_no_consent = _text(
        _("Why without consent"),
        _("Asking tells the other partner that your organisation knows this person. Without "
          "a consent on record, say why consent could not be asked (K9)."))
    answer_by = forms.DateField(label=_("Answer wanted by (optional)"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    not_a_recheck = forms.BooleanField(
        label=_("I do not ask this to check another professional's judgement again "
                "(004 rule 4)."), required=False)

    def __init__(self, *args: Any, persons: Choices, cases: Choices, providers: Choices,
                 purposes: Choices, categories: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", "—")]
        self.fields["person"].choices = blank + persons  # type: ignore[attr-defined]
        self.fields["case"].choices = blank + cases  # type: ignore[attr-defined]
        self.fields["provider"].choices = blank + providers  # type: ignore[attr-defined]
        self.fields["purpose"].choices = blank + purposes  # type: ignore[attr-defined]
        self.fields["categories"].choices = categories  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Answer"), required=False, choices=Outcome.choices,
                                widget=forms.RadioSelect)
    items = forms.MultipleChoiceField(
        label=_("Dossier items to provide"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only items with the categories asked for; each is decided and logged."))
    legal_duty = forms.CharField(
        label=_("Statutory duty or power to provide (optional)"), required=False,
        max_length=300,
        help_text=_("E.g. Wmo 2015 art. 5.2.6 or Jeugdwet art. 7.3.11 lid 4. Without it, a "
                    "consent on record is needed (S4)."))
    motivation = _text(_("Motivation"),
                       _("Which parts you give and why not the rest, or why you refuse."))
    alternative = _text(_("Another way to help"),
                        _("Where possible: how you can still help (004 rule 10)."))

    def __init__(self, *args: Any, items: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = items  # type: ignore[attr-defined]


class RequestFilterForm(forms.Form):
    """Search, filters and order of the data request list (GET: a page can be bookmarked)."""

    search = forms.CharField(label=_("Search"), required=False, max_length=100,
                             help_text=_("Part of the person's name."))
    direction = forms.ChoiceField(label=_("Direction"), required=False, choices=[
        ("", _("To my organisation and asked by me")),
        ("incoming", _("To my organisation")), ("outgoing", _("Asked by me"))])
    status = forms.ChoiceField(label=_("Open or answered"), required=False, choices=[
        ("", _("All requests")), ("open", pgettext_lazy("status", "Open")),
        ("answered", _("Answered"))])
    due = forms.ChoiceField(label=_("Answer wanted by"), required=False, choices=[
        ("", _("Any date")), ("overdue", _("Past the wanted date")),
        ("week", _("Within a week"))])
    order = forms.ChoiceField(label=_("Order"), required=False, choices=[
        ("recent", _("Open first, newest first")),
        ("deadline", _("Open first, soonest wanted answer first"))])
