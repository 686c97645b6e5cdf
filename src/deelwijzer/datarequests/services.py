"""Data requests (gegevensverzoeken, S10; 004 rules 4-10), behind the persons gateway.

- ``data_request_create``: the asking professional states purpose, categories, legal ground,
  necessity, subsidiarity and proportionality, and confirms the request does not re-check
  another professional's judgement (004 rule 4). Asking tells the asked partner that the
  person is known to the asking partner: that is a DISCLOSE of ``bekend-bij`` to the asked
  partner under the request's purpose, decided and logged by the policy (K9, S4).
- ``data_request_answer``: the asked partner's professional answers by its own weighing
  (004 rules 7-10): provided or partly (chosen dossier items, each through
  ``persons.services.dossier_item_disclose``), or refused with a motivation and, where
  possible, another way to help.

See DESIGN.md beside this file for the choices made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.models import Case
from deelwijzer.cases.selectors import (
    case_members,
    involvement_of,
    person_visible_to,
    works_with_clients,
)
from deelwijzer.cases.services import case_context
from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.selectors import policy_index
from deelwijzer.datarequests.choices import Outcome, Status
from deelwijzer.datarequests.models import DataRequest, RequestDisclosure
from deelwijzer.persons import crypto
from deelwijzer.persons.errors import register
from deelwijzer.persons.gateway import (
    Context,
    Grounds,
    InvalidPersonData,
    ProcessingRefused,
    gateway,
    own_partner,
    process,
    version_for,
)
from deelwijzer.persons.models import DossierItem, Person
from deelwijzer.persons.services import dossier_item_disclose, dossier_item_disclose_preview
from deelwijzer.policy import Action, CaseRole, Justification, JustificationKind

# What asking discloses: that the person is known to the asking partner (K9, 002).
ASK_CATEGORIES = ("bekend-bij",)

register(
    codes={
        "recheck": _("confirm that the request does not serve to check another professional's "
                     "judgement again (004 rule 4)."),
        "own_partner": _("ask another partner: your own organisation is not asked through a "
                         "data request."),
        "not_in_purpose": _("this data category is not part of the chosen purpose (S1)."),
        "not_known": _("you may only ask about a person your organisation knows or a member "
                       "of a case you are involved in."),
        "not_provider": _("only a professional of the asked partner may answer."),
        "not_party": _("only the asker and the asked partner may read this request."),
        "already_answered": _("this request has already been answered."),
        "items_required": _("choose at least one dossier item to provide."),
        "not_in_dossier": _("this item is not in your organisation's dossier about this "
                            "person."),
        "beyond_request": _("this item holds data categories that were not asked for (S9: no "
                            "more than needed)."),
        "motivation_required": _("a refusal or partial answer needs a motivation (004 rule 8)."),
        "past": _("the date lies in the past."),
    },
    fields={
        "person": _("Person"),
        "case": _("Case"),
        "provider": _("Asked partner"),
        "purpose": _("Purpose"),
        "legal_basis": _("Legal ground"),
        "question": _("Question"),
        "necessity": _("Necessity"),
        "subsidiarity": _("Why less would not do"),
        "proportionality": _("Proportionality"),
        "why_no_consent": _("Why without consent"),
        "not_a_recheck": _("Not a re-check"),
        "answer_by": _("Answer wanted by"),
        "outcome": _("Answer"),
        "items": _("Dossier items"),
        "motivation": _("Motivation"),
        "alternative": _("Another way to help"),
        "legal_duty": _("Statutory duty or power to provide"),
    },
)


@dataclass(frozen=True)
class RequestTexts:
    """The decrypted texts of a request, for its two parties."""

    question: str
    necessity: str
    subsidiarity: str
    proportionality: str
    why_no_consent: str
    motivation: str
    alternative: str


def _required(value: str, field: str) -> str:
    if not value or not value.strip():
        raise InvalidPersonData(field, "required")
    return value.strip()


def _decrypt(blob: bytes | memoryview | None) -> str:
    return crypto.decrypt(bytes(blob)) if blob else ""


def _ask_context(*, professional: Professional, purpose: str, case: Case | None,
                 ground: str | None) -> Context:
    """Within a case: the case's context for the purpose (the step when it is the step's
    purpose; the role from the involvement). Outside a case the asker only gives its own
    partner's information: K3 informant."""
    if case is not None:
        return case_context(case, professional, purpose=purpose)
    return Context(purpose=purpose, ground=ground, case_role=CaseRole.INFORMANT)


@gateway
def data_request_create(
    *,
    professional: Professional,
    person: Person,
    provider: Partner,
    purpose: str,
    categories: Iterable[str],
    legal_basis: str,
    question: str,
    necessity: str,
    subsidiarity: str,
    proportionality: str,
    not_a_recheck: bool,
    why_no_consent: str = "",
    case: Case | None = None,
    answer_by: dt.date | None = None,
) -> DataRequest:
    """S10: ask another partner for data about a person; logged as a DISCLOSE of
    ``bekend-bij`` to the asked partner (K9), with the request's weighing on record."""
    partner = own_partner(professional)
    partnership = partner.partnership
    version = version_for(partnership)
    index = policy_index(version)
    if not purpose or not purpose.strip():
        raise InvalidPersonData("purpose", "required")
    purpose = purpose.strip()
    if purpose not in index.purpose_grounds:
        raise InvalidPersonData("purpose", "unknown")
    if provider.partnership_id != partnership.pk:
        raise InvalidPersonData("provider", "other_partnership")
    if provider.pk == partner.pk:
        raise InvalidPersonData("provider", "own_partner")
    categories = sorted(set(categories))
    if not categories:
        raise InvalidPersonData("categories", "required")
    if not set(categories) <= index.categories:
        raise InvalidPersonData("categories", "unknown")
    if not set(categories) <= index.purpose_categories[purpose]:
        raise InvalidPersonData("categories", "not_in_purpose")
    if case is not None:
        if case.partnership_id != partnership.pk or involvement_of(case, professional) is None:
            raise InvalidPersonData("case", "not_involved")
        if person not in case_members(case):
            raise InvalidPersonData("person", "not_in_case")
    elif person_visible_to(professional, person.pk) is None:
        raise InvalidPersonData("person", "not_known")
    legal_basis = _required(legal_basis, "legal_basis")
    question = _required(question, "question")
    necessity = _required(necessity, "necessity")
    subsidiarity = _required(subsidiarity, "subsidiarity")
    proportionality = _required(proportionality, "proportionality")
    if not not_a_recheck:
        raise InvalidPersonData("not_a_recheck", "recheck")
    if answer_by is not None and answer_by < timezone.localdate():
        raise InvalidPersonData("answer_by", "past")
    ground = index.purpose_grounds[purpose].get(partner.key)
    context = _ask_context(professional=professional, purpose=purpose, case=case, ground=ground)
    # K9: buitenkant-informatie without consent needs a weighing; the request's own answers
    # are that weighing (b: the interest asked for, c, d, e). A consent on record comes first.
    justification = Justification(
        kind=JustificationKind.CONFLICT_OF_DUTIES.value,
        answers={"b": question, "c": necessity, "d": subsidiarity, "e": proportionality},
        why_no_consent=why_no_consent.strip(),
        recipients=frozenset({provider.key}),
        categories=frozenset(ASK_CATEGORIES),
    )
    process(professional=professional, person=person, action=Action.DISCLOSE,
             categories=ASK_CATEGORIES, context=context, recipient=provider.key,
             grounds=Grounds(justification=justification))
    return DataRequest._records.create(
        partnership=partnership, person=person, case=case, asker=professional,
        asker_partner=partner, provider=provider, purpose=purpose, step=context.step or "",
        ground=context.ground or "", legal_basis=legal_basis, categories=categories,
        question_encrypted=crypto.encrypt(question),
        necessity_encrypted=crypto.encrypt(necessity),
        subsidiarity_encrypted=crypto.encrypt(subsidiarity),
        proportionality_encrypted=crypto.encrypt(proportionality),
        why_no_consent_encrypted=crypto.encrypt(why_no_consent.strip())
        if why_no_consent.strip() else None,
        not_a_recheck=True, answer_by=answer_by, covenant_version=version.label,
    )


def _is_party(professional: Professional, request: DataRequest) -> bool:
    """The asker, or a professional in a care role of the asked partner (P5)."""
    return works_with_clients(professional) and (
        request.asker_id == professional.pk
        or (professional.partner_id is not None
            and request.provider_id == professional.partner_id))


def data_request_texts(*, professional: Professional, request: DataRequest) -> RequestTexts:
    """The request's texts for its two parties: the asker and the asked partner's staff. The
    texts were written for exactly them, and writing them was the logged disclosure; reading
    them is not logged again (DESIGN.md)."""
    if not _is_party(professional, request):
        raise InvalidPersonData("professional", "not_party")
    return RequestTexts(
        question=_decrypt(request.question_encrypted),
        necessity=_decrypt(request.necessity_encrypted),
        subsidiarity=_decrypt(request.subsidiarity_encrypted),
        proportionality=_decrypt(request.proportionality_encrypted),
        why_no_consent=_decrypt(request.why_no_consent_encrypted),
        motivation=_decrypt(request.motivation_encrypted),
        alternative=_decrypt(request.alternative_encrypted),
    )


def _provide_context(request: DataRequest, provider: Partner) -> Context:
    """The asked partner gives its own data: K3 informant, under the request's purpose and
    step, with the ground the covenant gives the asked partner for that purpose."""
    index = policy_index(version_for(request.partnership))
    return Context(
        purpose=request.purpose,
        ground=index.purpose_grounds.get(request.purpose, {}).get(provider.key),
        step=request.step or None,
        case_ref=request.case.reference if request.case_id and request.case else None,
        case_role=CaseRole.INFORMANT,
    )


@gateway
def data_request_answer(
    *,
    professional: Professional,
    request: DataRequest,
    outcome: Outcome | str,
    items: Iterable[DossierItem] = (),
    motivation: str = "",
    alternative: str = "",
    legal_duty: str = "",
) -> DataRequest:
    """S10 (004 rules 7-10): the asked partner answers by its own weighing. Provided or partly:
    every chosen item is disclosed through the gateway (each decided and logged; nothing is
    disclosed when one is refused). Partly or refused: a motivation is required."""
    partner = own_partner(professional)
    if request.provider_id != partner.pk:
        raise InvalidPersonData("professional", "not_provider")
    if request.status != Status.OPEN:
        raise InvalidPersonData("outcome", "already_answered")
    if str(outcome) not in Outcome.values:
        raise InvalidPersonData("outcome", "required")
    outcome = Outcome(str(outcome))
    chosen = list({item.pk: item for item in items}.values())
    if outcome == Outcome.REFUSED:
        chosen = []
    elif not chosen:
        raise InvalidPersonData("items", "items_required")
    for item in chosen:
        if item.person_id != request.person_id or item.owning_partner_id != partner.pk:
            raise InvalidPersonData("items", "not_in_dossier")
        if not set(item.categories) <= set(request.categories):
            raise InvalidPersonData("items", "beyond_request")
    motivation = motivation.strip()
    if outcome != Outcome.PROVIDED and not motivation:
        raise InvalidPersonData("motivation", "motivation_required")
    context = _provide_context(request, partner)
    asker_partner = request.asker_partner
    grounds_for = {
        item.pk: Grounds(legal_duty=legal_duty.strip() or None,
                         origin_purpose=item.purpose if item.purpose != request.purpose else None)
        for item in chosen
    }
    # All or nothing: ask first; a refused item is then processed alone, so its refusal is
    # logged and nothing else is disclosed.
    for item in chosen:
        decision, _index = dossier_item_disclose_preview(
            professional=professional, item=item, recipient=asker_partner.key, context=context,
            grounds=grounds_for[item.pk])
        if not decision.allowed:
            dossier_item_disclose(professional=professional, item=item, recipient=asker_partner,
                                  context=context, grounds=grounds_for[item.pk])
            raise AssertionError("the preview refused, the processing allowed")  # pragma: no cover
    for item in chosen:
        disclosure = dossier_item_disclose(professional=professional, item=item,
                                           recipient=asker_partner, context=context,
                                           grounds=grounds_for[item.pk])
        RequestDisclosure._records.create(request=request, disclosure=disclosure)
    request.status = Status(outcome.value)
    request.answered_by = professional
    request.answered_at = timezone.now()
    request.motivation_encrypted = crypto.encrypt(motivation) if motivation else None
    request.alternative_encrypted = (crypto.encrypt(alternative.strip())
                                     if alternative.strip() else None)
    request.answer_legal_duty = legal_duty.strip()
    request.save(update_fields=["status", "answered_by", "answered_at", "motivation_encrypted",
                                "alternative_encrypted", "answer_legal_duty"])
    return request


def dossier_items_by_id(request: DataRequest, ids: Iterable[object]) -> list[DossierItem]:
    """The asked partner's items about the request's person among ``ids`` (others ignored: the
    service refuses what is not in the dossier)."""
    wanted = set()
    for value in ids:
        try:
            number = int(str(value))
            if not 0 < number < 2**63:
                raise ValueError(value)
            wanted.add(number)
        except (TypeError, ValueError):
            raise InvalidPersonData("items", "not_in_dossier") from None
    found = list(DossierItem._records.filter(pk__in=wanted).select_related("person",
                                                                             "owning_partner"))
    if len(found) != len(wanted):
        raise InvalidPersonData("items", "not_in_dossier")
    return found


__all__ = ["ProcessingRefused", "RequestTexts", "data_request_answer", "data_request_create",
           "data_request_texts", "dossier_items_by_id"]
