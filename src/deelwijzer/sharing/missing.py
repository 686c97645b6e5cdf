"""What is missing before a refused sharing may happen, concretely, with a link to fix it.

Every refusal code the decision point can give (``deelwijzer.policy.codes.CODES``) maps to one
kind of missing step here; a code without a mapping falls back to "other", with the reason's own
sentence. A test checks that every refusal code is mapped.

Links go to the screens that record what is missing (consent, the no-consent weighing) and
otherwise back to the question of "Mag ik dit delen?" that changes the answer. The consent
screens are built in the consent app: when their URL names do not exist (yet), the plain path
is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from deelwijzer.policy import CODES, CovenantIndex, Decision, Reason


class Kind:
    CONSENT = "consent"
    CONSENT_GIVERS = "consent_givers"
    JUSTIFICATION = "justification"
    INFORM_FAMILY = "inform_family"
    CONTRIBUTOR_PERMISSION = "contributor_permission"
    STEP = "step"
    KNOWN_TO_PARTNER_ONLY = "known_to_partner_only"
    CATEGORIES = "categories"
    PURPOSE = "purpose"
    RECIPIENT = "recipient"
    INVOLVEMENT = "involvement"
    ACCESS = "access"
    OTHER = "other"


# Refusal code -> kind of missing step. Codes with allowed=True never refuse.
KINDS: dict[str, str] = {
    "vog_invalid": Kind.ACCESS,
    "declaration_missing": Kind.ACCESS,
    "no_client_role": Kind.ACCESS,
    "not_involved": Kind.INVOLVEMENT,
    "informant_own_data_only": Kind.INVOLVEMENT,
    "erase_not_allowed": Kind.INVOLVEMENT,
    "unknown_partner": Kind.RECIPIENT,
    "unknown_purpose": Kind.PURPOSE,
    "unknown_category": Kind.CATEGORIES,
    "unknown_action": Kind.OTHER,
    "no_categories": Kind.CATEGORIES,
    "unknown_step": Kind.STEP,
    "ground_missing": Kind.PURPOSE,
    "unknown_ground": Kind.PURPOSE,
    "partner_not_in_purpose": Kind.PURPOSE,
    "ground_mismatch": Kind.PURPOSE,
    "category_not_in_purpose": Kind.CATEGORIES,
    "step_not_in_purpose": Kind.PURPOSE,
    "category_not_in_step_record": Kind.STEP,
    "category_not_in_step_share": Kind.STEP,
    "category_not_in_step": Kind.STEP,
    "incompatible_purpose": Kind.PURPOSE,
    "no_legal_exception": Kind.CATEGORIES,
    "special_not_in_purpose": Kind.CATEGORIES,
    "special_not_for_recipient": Kind.CATEGORIES,
    "bsn_not_in_purpose": Kind.CATEGORIES,
    "secrecy_needs_consent": Kind.CONSENT,
    "consent_other_subject": Kind.CONSENT,
    "consent_other_purpose": Kind.CONSENT,
    "consent_categories_missing": Kind.CONSENT,
    "consent_recipient_missing": Kind.CONSENT,
    "consent_not_yet_valid": Kind.CONSENT,
    "consent_expired": Kind.CONSENT,
    "consent_withdrawn": Kind.CONSENT,
    "consent_not_written": Kind.CONSENT,
    "consent_not_active": Kind.CONSENT,
    "consent_needs_representative": Kind.CONSENT_GIVERS,
    "consent_needs_child_and_representative": Kind.CONSENT_GIVERS,
    "consent_needs_subject": Kind.CONSENT_GIVERS,
    "justification_incomplete": Kind.JUSTIFICATION,
    "justification_kind_unknown": Kind.JUSTIFICATION,
    "vital_motivation_missing": Kind.JUSTIFICATION,
    "justification_recipient_missing": Kind.JUSTIFICATION,
    "justification_categories_missing": Kind.JUSTIFICATION,
    "inform_not_planned": Kind.INFORM_FAMILY,
    "inform_date_past": Kind.INFORM_FAMILY,
    "beyond_minimum": Kind.CATEGORIES,
    "recipient_missing": Kind.RECIPIENT,
    "recipient_not_in_purpose": Kind.RECIPIENT,
    "police_purpose_bound": Kind.PURPOSE,
    "contributor_permission_missing": Kind.CONTRIBUTOR_PERMISSION,
    "copy_not_informed": Kind.INFORM_FAMILY,
    "copy_needs_consent": Kind.CONSENT,
    "known_to_partner_weighing_missing": Kind.JUSTIFICATION,
}

REFUSAL_CODES = frozenset(code for code, c in CODES.items() if not c.allowed)

# Refusals after which sharing only "known to us" (K9) may still be possible: no consent, or
# special data the recipient may not receive (002: "is in treatment" instead of a diagnosis).
_K9_HINT = frozenset({"secrecy_needs_consent", "special_not_for_recipient"})


@dataclass(frozen=True)
class Missing:
    kind: str
    message: str
    url: str


def _url(name: str, fallback: str, params: dict[str, str]) -> str:
    """A URL of another app's screen with query parameters; the plain path when the name does
    not exist (yet)."""
    try:
        path = reverse(name)
    except NoReverseMatch:
        path = fallback
    query = urlencode({k: v for k, v in params.items() if v})
    return f"{path}?{query}" if query else path


def consent_url(*, person: int, purpose: str, categories: Iterable[str], recipient: str) -> str:
    return _url("consent:record", "/consent/record/", {
        "person": str(person), "purpose": purpose, "categories": ",".join(sorted(categories)),
        "recipient": recipient})


def justification_url(*, person: int, purpose: str, categories: Iterable[str],
                      recipient: str) -> str:
    return _url("consent:justification_new", "/consent/justification/new/", {
        "person": str(person), "purpose": purpose, "categories": ",".join(sorted(categories)),
        "recipient": recipient})


def _names(index: CovenantIndex, ids: Iterable[str], names: dict[str, str] | None = None) -> str:
    lookup = names if names is not None else dict(index.category_names)
    return ", ".join(lookup.get(i, i) for i in sorted(ids)) or "-"


def missing_for(
    *,
    decision: Decision,
    index: CovenantIndex,
    person: int,
    categories: frozenset[str],
    recipient: str,
    purpose: str,
    step: str | None,
    flow: Callable[[str, dict[str, str]], str],
    explain: Callable[[Reason], str],
) -> list[Missing]:
    """The missing steps for a refused decision, each once, in the order of the reasons.

    ``flow(question, changes)`` gives the URL of the question of "Mag ik dit delen?" that
    changes the answer (``changes`` replaces answers, e.g. the categories).
    """
    if decision.allowed:
        return []
    found: dict[tuple[str, str], Missing] = {}
    consent_link = consent_url(person=person, purpose=purpose, categories=categories,
                               recipient=recipient)
    weighing_link = justification_url(person=person, purpose=purpose, categories=categories,
                                      recipient=recipient)
    partner_names = dict(index.partner_names)
    purpose_names = dict(index.purpose_names)
    codes = {r.code for r in decision.refusals}

    def add(kind: str, message: str, url: str) -> None:
        found.setdefault((kind, url), Missing(kind, message, url))

    for reason in decision.refusals:
        kind = KINDS.get(reason.code, Kind.OTHER)
        if kind == Kind.CONSENT:
            add(kind, _("Record the consent of the person (or the legal representatives) for "
                        "this purpose, these data and this recipient."), consent_link)
            if reason.code == "secrecy_needs_consent":
                add(Kind.JUSTIFICATION, _(
                    "Or, only when consent cannot be asked or obtained: record the weighing "
                    "without consent (conflict of duties or vital interest, S7)."),
                    weighing_link)
        elif kind == Kind.CONSENT_GIVERS:
            add(kind, _("The consent on record was not given by the right people for the "
                        "person's age: record a consent given by them."), consent_link)
        elif kind == Kind.JUSTIFICATION:
            add(kind, _("Without consent: record and complete the weighing (conflict of "
                        "duties or vital interest, questions a to h) for this recipient and "
                        "these data."), weighing_link)
        elif kind == Kind.INFORM_FAMILY:
            add(kind, _("Inform the family (or record when they will be informed) and note "
                        "it in the weighing."), weighing_link)
        elif kind == Kind.CONTRIBUTOR_PERMISSION:
            contributor = reason.params.get("contributor", "")
            add(kind, _("Ask %(partner)s, who contributed this information, for permission "
                        "to use it (K5), and record that answer.") % {
                            "partner": partner_names.get(contributor, contributor)},
                flow("what", {}))
        elif kind == Kind.STEP:
            allowed_here = categories & index.step_share.get(step or "", frozenset())
            if allowed_here:
                add(kind, _("This step of the case does not share %(not)s. Share only what "
                            "this step allows (%(allowed)s), or wait until the case reaches a "
                            "step that shares it.") % {
                                "not": _names(index, categories - allowed_here),
                                "allowed": _names(index, allowed_here)},
                    flow("answer", {"categories": ",".join(sorted(allowed_here)),
                                    "item": ""}))
            else:
                add(kind, _("This step of the case does not share these data: wait until "
                            "the case reaches a step that shares them, or choose other data."),
                    flow("what", {}))
        elif kind == Kind.CATEGORIES and reason.code == "special_not_for_recipient":
            holder = reason.params.get("partner", "")
            barred = (categories & index.special_or_criminal) - index.partner_special.get(
                holder, frozenset())
            add(kind, _("%(partner)s may not receive %(not)s under its statutory task, whatever "
                        "consent or weighing is on record: leave these data out.") % {
                            "partner": partner_names.get(holder, holder),
                            "not": _names(index, barred)},
                flow("what", {}))
        elif kind == Kind.CATEGORIES:
            allowed_here = categories & index.purpose_categories.get(purpose, frozenset())
            allowed_here -= index.restricted_categories - index.categories_with_exception
            if reason.code == "beyond_minimum":
                allowed_here -= index.special_or_criminal
            add(kind, _("Share fewer data: leave out what the covenant does not allow for this "
                        "purpose (%(not)s).") % {"not": _names(index, categories - allowed_here)},
                flow("what", {}))
        elif kind == Kind.PURPOSE:
            add(kind, _("Choose a purpose of the covenant for which your organisation and the "
                        "data qualify (%(purpose)s does not).") % {
                            "purpose": purpose_names.get(purpose, purpose)},
                flow("purpose", {}))
        elif kind == Kind.RECIPIENT:
            recipients = index.purpose_recipients.get(purpose, frozenset())
            add(kind, _("Share only with a partner that contributes to this purpose: "
                        "%(partners)s.") % {"partners": _names(index, recipients, partner_names)},
                flow("recipient", {}))
        elif kind == Kind.INVOLVEMENT:
            add(kind, _("Only professionals with a role in the case see or share its data: "
                        "ask the case director to name you in the case, with your role."), "")
        elif kind == Kind.ACCESS:
            add(kind, explain(reason), "")
        else:
            add(Kind.OTHER, explain(reason), "")

    # K9: a secrecy holder may, by exception, share only "known to us" after a lighter weighing.
    known = index.known_to_partner
    if codes & _K9_HINT and known and not categories <= known:
        shareable = known & index.purpose_categories.get(purpose, frozenset())
        if step is not None:
            shareable &= index.step_share.get(step, frozenset())
        if shareable:
            add(Kind.KNOWN_TO_PARTNER_ONLY, _(
                "Without consent, consider sharing only that the person is known to your "
                "organisation (%(known)s, K9), after a lighter weighing.") % {
                    "known": _names(index, shareable)},
                flow("answer", {"categories": ",".join(sorted(shareable)), "item": ""}))
    return list(found.values())
