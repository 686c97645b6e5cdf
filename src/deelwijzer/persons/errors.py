"""What the user reads when a service says no: input errors and policy refusals.

Services raise ``InvalidPersonData(field, code)`` for input no processing may store and
``ProcessingRefused(decision, index)`` when the decision point says no. Screens and the API
render both with this module, so the professional reads the same sentence everywhere:

- :func:`invalid_message`: "Geboortedatum: de datum ligt in de toekomst." (the field's label
  and the rule, in the active language).
- :func:`refusal_reasons`: one dict per blocking reason with its DOMAIN rule id, the code, the
  article it rests on and the plain sentence from ``deelwijzer.policy.explain``.

Apps add their own codes and field labels with :func:`register`, at import time of their
services module, so the catalogue stays next to the code that raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from deelwijzer.policy import explain, explain_condition
from deelwijzer.policy.explain import citation

if TYPE_CHECKING:
    from deelwijzer.persons.gateway import InvalidPersonData, ProcessingRefused

CODES: dict[str, Promise] = {
    "required": _("this field is required."),
    "unknown": _("this value is not known in the covenant."),
    "elfproef": _("this is not a valid BSN (it fails the eleven test)."),
    "future": _("the date lies in the future."),
    "other_partnership": _("this belongs to another partnership."),
    "other_partner": _("this professional works for another partner."),
    "no_partner": _("your account is not linked to a partner."),
    "self": _("a person cannot represent themselves."),
    "fact_or_opinion": _("choose whether this is a fact or an opinion (K8)."),
    "before_valid_from": _("the end date lies before the start date."),
    "not_case_director": _("only the case director may do this."),
    "not_involved": _("only professionals involved in the case may do this (need to know)."),
    "not_participant": _("only participants of this consultation may do this."),
    "not_director_or_chair": _("only the case director or the chair may do this."),
    "closed": _("the case is closed."),
    "not_next": _("a case moves only to the next step of the work process."),
    "not_a_task_of_partner": _("this is not a statutory task of your organisation in the "
                               "covenant."),
    "not_in_covenant": _("this is not one of the covenant's criteria."),
    "no_members": _("the household has no members."),
    "anonymous": _("an anonymous consultation has no case, participants or contributions."),
    "not_in_case": _("this does not belong to the case."),
    "shell_needs_professional": _("a shell partner takes part only with a named professional "
                                  "(C4)."),
    "declaration_missing": _("this professional has not signed the confidentiality "
                             "declaration (P3)."),
    "already_involved": _("this professional is already involved in the case."),
    # K2: what makes a text identifying in an anonymous consultation.
    "bsn": _("an anonymous consultation may not contain a BSN (K2)."),
    "birth_date": _("an anonymous consultation may not contain an exact date; it may be a "
                    "birth date (K2)."),
    "postal_code": _("an anonymous consultation may not contain a postal code (K2)."),
    "name": _("an anonymous consultation may not contain a name (K2)."),
}

FIELDS: dict[str, Promise] = {
    "given_names": _("Given names"),
    "family_name": _("Family name"),
    "birth_date": _("Date of birth"),
    "bsn": _("BSN"),
    "categories": _("Data categories"),
    "recipients": _("Recipients"),
    "given_by": _("Given by"),
    "valid_until": _("Valid until"),
    "text": _("Text"),
    "nature": _("Fact or opinion"),
    "members": _("Members"),
    "representative": _("Representative"),
    "professional": _("You"),
}


def register(*, codes: Mapping[str, Promise] = {}, fields: Mapping[str, Promise] = {}) -> None:
    """Add an app's error codes and field labels to the catalogue."""
    CODES.update(codes)
    FIELDS.update(fields)


def field_label(field: str) -> str:
    return str(FIELDS.get(field, field.replace("_", " ").capitalize()))


def code_text(code: str, params: Mapping[str, str] | None = None) -> str:
    """The rule's sentence; ``params`` fill its ``%(name)s`` placeholders (e.g. the age)."""
    text = str(CODES.get(code, code.replace("_", " ") + "."))
    if params:
        try:
            return text % dict(params)
        except (KeyError, ValueError, TypeError):
            return text
    return text


def invalid_message(error: InvalidPersonData) -> str:
    """E.g. "BSN: this is not a valid BSN (it fails the eleven test)." in the active language."""
    return f"{field_label(error.field)}: {code_text(error.code, getattr(error, 'params', None))}"


def _lang() -> str:
    return get_language() or "nl"


def refusal_reasons(error: ProcessingRefused) -> list[dict[str, Any]]:
    """Each blocking reason of a refusal: rule id, code, cited article and the sentence."""
    lang = _lang()
    return [
        {
            "rule_id": reason.rule,
            "code": reason.code,
            "article": citation(error.index, reason.articles[0], lang) if reason.articles else "",
            "message": explain(reason, error.index, lang),
        }
        for reason in error.decision.refusals
    ]


def refusal_body(error: ProcessingRefused) -> dict[str, Any]:
    """The API's JSON body for a refusal (and the data the refusal template renders)."""
    decision = error.decision
    return {
        "allowed": False,
        "detail": str(_("The covenant does not allow this processing.")),
        "covenant_version": decision.covenant_version,
        "rule_ids": list(decision.rule_ids),
        "reasons": refusal_reasons(error),
        "conditions": [explain_condition(c, error.index, _lang()) for c in decision.conditions],
    }


def form_error(form: Any, error: InvalidPersonData) -> None:
    """Put a service's input error on the form field it names (or on the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, invalid_message(error) if field is None
                   else code_text(error.code, getattr(error, "params", None)))
