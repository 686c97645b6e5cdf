""""Mag ik dit delen?" and the person's dossier: the questions a professional asks before
sharing, answered by the same decision point that will decide the processing.

- ``share_check`` is a preview (``persons.gateway.decision_preview``): nothing is recorded,
  shown or disclosed, so nothing is logged. It returns the answer with every reason as one
  sentence with its article, the conditions, and what is missing with a link to fix it.
- ``share_disclose``, ``share_item_record``, ``share_item_view`` and ``share_item_copy`` are
  processings: they build the Context (``share_context``) and call the persons gateway
  services, which ask the policy and write the processing log in one transaction.

The Context: within a case it is ``cases.services.case_context`` (the purpose of the case's
step by default, the step itself, the professional's role in the case). Outside a case there is
no role: the professional reaches only what it recorded itself, for the purpose it recorded it
for (P4, ``recorded_by``), and P4 refuses anything else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import case_context
from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.selectors import policy_index, version_in_force
from deelwijzer.persons.errors import register
from deelwijzer.persons.gateway import (
    Context,
    Grounds,
    InvalidPersonData,
    NoCovenantInForce,
    decision_preview,
    gateway,
)
from deelwijzer.persons.models import Disclosure, DossierItem, Person
from deelwijzer.persons.services import (
    dossier_item_copy,
    dossier_item_disclose,
    dossier_item_disclose_preview,
    dossier_item_record,
    dossier_item_view,
    remarks_view,
)
from deelwijzer.policy import (
    Action,
    CovenantIndex,
    Decision,
    Justification,
    Reason,
    explain,
    explain_condition,
)
from deelwijzer.policy.explain import citation
from deelwijzer.sharing import selectors
from deelwijzer.sharing.missing import Missing, missing_for

register(
    codes={
        "not_visible": _("you cannot see this (it is not in your dossier or your cases)."),
        "not_own_partner": _("without a case, only persons your organisation registered."),
        "item_or_categories": _("choose a dossier item or describe the information by its "
                                "data categories, not both."),
        "other_person": _("this item is about another person."),
    },
    fields={
        "person": _("About whom"),
        "item": _("Dossier item"),
        "recipient": _("With whom"),
        "purpose": _("Purpose"),
        "case": _("Case"),
        "step": _("Step"),
        "contributor": _("Contributed by"),
        "origin": _("Obtained for"),
        "informed": _("Person informed"),
    },
)

# The questions of "Mag ik dit delen?" in order, with the answers each one sets.
QUESTIONS: dict[str, tuple[str, ...]] = {
    "person": ("person", "case", "item", "categories", "contributor", "permission", "origin"),
    "case": ("case",),
    "what": ("item", "categories", "contributor", "permission", "origin"),
    "recipient": ("recipient",),
    "purpose": ("purpose",),
}


def flow_url(params: dict[str, str], question: str, changes: dict[str, str] | None = None) -> str:
    """The URL of a question of "Mag ik dit delen?" with the other answers kept (``answer``:
    straight to the answer)."""
    answers = {**params, **(changes or {})}
    for name in QUESTIONS.get(question, ()):
        if name not in (changes or {}):
            answers.pop(name, None)
    query = urlencode({k: v for k, v in answers.items() if v})
    return reverse("sharing:start") + (f"?{query}" if query else "")


def partnership_index(professional: Professional) -> CovenantIndex:
    """The compiled covenant version in force for the professional's partnership."""
    if professional.partner is None:
        raise InvalidPersonData("professional", "no_partner")
    version = version_in_force(professional.partner.partnership)
    if version is None:
        raise NoCovenantInForce("no covenant version in force for this partnership")
    return policy_index(version)


def share_context(*, professional: Professional, person: Person, purpose: str | None,
                  case: Case | None = None) -> Context:
    """The Context to process the person's data in (see the module docstring)."""
    if case is not None:
        return case_context(case, professional, purpose or None)
    if not purpose:
        raise InvalidPersonData("purpose", "required")
    index = partnership_index(professional)
    partner = professional.partner.key if professional.partner else ""
    return Context(purpose=purpose, ground=index.purpose_grounds.get(purpose, {}).get(partner),
                   step=None, case_ref=None, case_role=None)


def _lang() -> str:
    return get_language() or "nl"


def reason_dicts(reasons: Iterable[Reason], index: CovenantIndex) -> list[dict[str, str]]:
    """Each reason as the API and the screens show it: rule id, code, article, sentence."""
    lang = _lang()
    return [
        {"rule_id": r.rule, "code": r.code,
         "article": citation(index, r.articles[0], lang) if r.articles else "",
         "message": explain(r, index, lang)}
        for r in reasons
    ]


@dataclass(frozen=True)
class ShareAnswer:
    """The answer of "Mag ik dit delen?": the preview of the decision point, explained."""

    allowed: bool
    covenant_version: str
    rule_ids: list[str]
    reasons: list[dict[str, str]]
    conditions: list[str]
    missing: list[Missing]
    context: Context
    categories: list[str]
    recipient: str
    decision: Decision = field(repr=False)
    index: CovenantIndex = field(repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed, "covenant_version": self.covenant_version,
            "rule_ids": self.rule_ids, "reasons": self.reasons, "conditions": self.conditions,
            "missing": [{"kind": m.kind, "message": m.message, "url": m.url}
                        for m in self.missing],
            "purpose": self.context.purpose, "step": self.context.step,
            "case": self.context.case_ref, "categories": self.categories,
            "recipient": self.recipient,
        }


def share_check(
    *,
    professional: Professional,
    person: Person,
    recipient: str,
    purpose: str | None = None,
    categories: Iterable[str] = (),
    item: DossierItem | None = None,
    case: Case | None = None,
    contributor: str | None = None,
    contributor_permission: bool = False,
    origin_purpose: str | None = None,
    justification: Justification | None = None,
    flow_params: dict[str, str] | None = None,
) -> ShareAnswer:
    """Would disclosing this to ``recipient`` be allowed now? Logs nothing (a preview).

    With ``item`` the item's categories, owner (K5 contributor) and purpose (S2 origin) count,
    as ``share_disclose`` will pass them; without, the described ``categories`` with the
    optional contributor and origin purpose.
    """
    if item is not None and item.person_id != person.pk:
        raise InvalidPersonData("item", "other_person")
    context = share_context(professional=professional, person=person, purpose=purpose,
                            case=case)
    grounds = Grounds(justification=justification, contributor_permission=contributor_permission)
    if item is not None:  # exactly what ``share_disclose`` will ask
        chosen = frozenset(item.categories)
        decision, index = dossier_item_disclose_preview(
            professional=professional, item=item, recipient=recipient, context=context,
            grounds=grounds)
    else:
        # Described data outside a case is what the professional knows itself: its own record.
        chosen = frozenset(categories)
        decision, index = decision_preview(
            professional=professional, person=person, action=Action.DISCLOSE,
            categories=chosen, context=context, recipient=recipient,
            grounds=dataclasses.replace(grounds, origin_purpose=origin_purpose or None),
            contributor=contributor or None, author=professional.pk if case is None else None)
    params = flow_params or {}
    lang = _lang()
    shown = decision.reasons if decision.allowed else decision.refusals
    missing = missing_for(
        decision=decision, index=index, person=person.pk, categories=chosen,
        recipient=recipient, purpose=context.purpose, step=context.step,
        flow=lambda question, changes: flow_url(params, question, changes),
        explain=lambda reason: explain(reason, index, lang))
    return ShareAnswer(
        allowed=decision.allowed, covenant_version=decision.covenant_version,
        rule_ids=list(decision.rule_ids), reasons=reason_dicts(shown, index),
        conditions=[explain_condition(c, index, lang) for c in decision.conditions],
        missing=missing, context=context, categories=sorted(chosen), recipient=recipient,
        decision=decision, index=index)


@gateway
def share_disclose(*, professional: Professional, item: DossierItem, recipient: Partner,
                   purpose: str | None = None, case: Case | None = None) -> Disclosure:
    """Disclose a dossier item as "Mag ik dit delen?" previewed it: the same Context and
    grounds (the item's purpose as the origin, S2), asked again and logged (V4)."""
    context = share_context(professional=professional, person=item.person, purpose=purpose,
                            case=case)
    return dossier_item_disclose(professional=professional, item=item, recipient=recipient,
                                 context=context, grounds=Grounds(origin_purpose=item.purpose))


def _item_case(professional: Professional, item: DossierItem) -> Case | None:
    if not item.case_ref:
        return None
    return selectors.case_of_person(professional, item.person, item.case_ref)


def item_context(*, professional: Professional, item: DossierItem) -> Context:
    """The Context to read an item in: its case (at the case's current step) when the
    professional sees that case, else the item's own purpose and step."""
    case = _item_case(professional, item)
    if case is not None:
        return case_context(case, professional, item.purpose)
    context = share_context(professional=professional, person=item.person, purpose=item.purpose)
    return Context(purpose=context.purpose, ground=context.ground, step=item.step or None,
                   case_ref=None, case_role=context.case_role)


@gateway
def share_item_view(*, professional: Professional, item: DossierItem) -> str:
    """Open an item's content: asked and logged as a view (K5 for others' items)."""
    return dossier_item_view(professional=professional, item=item,
                             context=item_context(professional=professional, item=item))


@gateway
def share_item_remarks(*, professional: Professional, item: DossierItem) -> list[tuple[Any, str]]:
    """K8: the family's reactions and corrections beside an item of the own dossier, and the
    subject's own statements about it, with their texts (one logged view when there are any)."""
    return remarks_view(professional=professional, person=item.person, item=item,
                        context=item_context(professional=professional, item=item))


@gateway
def share_item_record(*, professional: Professional, person: Person, text: str,
                      categories: Iterable[str], nature: str, purpose: str | None,
                      case: Case | None = None) -> DossierItem:
    """Record a dossier item (K8: fact or opinion), within a case at the case's step."""
    context = share_context(professional=professional, person=person, purpose=purpose,
                            case=case)
    return dossier_item_record(professional=professional, person=person, text=text,
                               categories=categories, nature=nature, context=context)


@gateway
def share_item_copy(*, professional: Professional, item: DossierItem, informed: bool,
                    purpose: str | None = None, case: Case | None = None) -> DossierItem:
    """K7: copy an item disclosed to the own partner into its own dossier, only when the person
    is informed and (for a secrecy holder) consented. The disclosure to the own partner is the
    contributing partner's agreement to this use (K5)."""
    context = share_context(professional=professional, person=item.person, purpose=purpose,
                            case=case)
    permission = selectors.was_disclosed_to_own_partner(professional, item)
    return dossier_item_copy(
        professional=professional, item=item, context=context,
        grounds=Grounds(informed=informed, contributor_permission=permission,
                        origin_purpose=item.purpose))
