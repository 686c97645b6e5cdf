"""Persons, households, representatives and dossier items (C5, K7, K8), through the gateway.

Each service runs in ``@gateway`` and asks ``gateway.process`` before it touches the data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.models import Professional
from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.selectors import policy_index
from deelwijzer.persons import crypto
from deelwijzer.persons.choices import (
    RemarkKind,
)
from deelwijzer.persons.errors import register
from deelwijzer.persons.gateway import (
    INFORMING_CATEGORIES,
    Context,
    Grounds,
    InvalidPersonData,
    decision_preview,
    gateway,
    justification_record_for,
    own_partner,
    process,
    process_all,
    record_categories,
)
from deelwijzer.persons.models import (
    Consent,
    ConsentEvent,
    Disclosure,
    DossierItem,
    Household,
    HouseholdMember,
    Informing,
    Person,
    Remark,
    Representative,
)
from deelwijzer.persons.models import Justification as JustificationRecord
from deelwijzer.persons.selectors import household_ids_of, representative_ids_of
from deelwijzer.policy import Action, CovenantIndex, Decision
from deelwijzer.processing_log.services import subject_key_destroy


def bsn_is_valid(bsn: str) -> bool:
    """The elfproef: nine digits whose weighted sum (9..2, and -1 for the last) divides by 11."""
    if not re.fullmatch(r"[0-9]{9}", bsn) or bsn == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1), strict=True))
    return (total - int(bsn[8])) % 11 == 0



# --- persons, representatives, households ------------------------------------------------------


@gateway
def person_register(
    *,
    professional: Professional,
    given_names: str,
    family_name: str,
    birth_date: dt.date,
    categories: Iterable[str],
    context: Context,
    bsn: str = "",
    street: str = "",
    postal_code: str = "",
    city: str = "",
) -> Person:
    """Record a data subject; ``categories`` name what is recorded (identity, BSN, ...)."""
    if not given_names.strip() or not family_name.strip():
        raise InvalidPersonData("family_name" if given_names.strip() else "given_names",
                                "required")
    if bsn and not bsn_is_valid(bsn):
        raise InvalidPersonData("bsn", "elfproef")
    if birth_date > timezone.localdate():
        raise InvalidPersonData("birth_date", "future")
    partner = own_partner(professional)
    person = Person(
        partnership=partner.partnership, given_names=given_names, family_name=family_name,
        birth_date=birth_date, bsn=bsn, street=street, postal_code=postal_code, city=city,
        registered_by_partner=partner, registered_by=professional,
        categories=sorted(set(categories)),
    )
    process(professional=professional, person=person, action=Action.RECORD,
             categories=person.categories, context=context)
    person.save()
    return person


@gateway
def representative_add(*, professional: Professional, child: Person, representative: Person,
                       kind: str, categories: Iterable[str], context: Context) -> None:
    """Record who legally represents a minor (S6 reads it)."""
    if child.pk == representative.pk:
        raise InvalidPersonData("representative", "self")
    process(professional=professional, person=child, action=Action.RECORD,
             categories=categories, context=context)
    Representative._records.get_or_create(child=child, representative=representative,
                                          defaults={"kind": kind})


@gateway
def household_register(*, professional: Professional, label: str,
                       members: Iterable[tuple[Person, str]], categories: Iterable[str],
                       context: Context) -> Household:
    """Record a family system: one log line per member (one per data subject)."""
    members = list(members)
    if not members:
        raise InvalidPersonData("members", "required")
    categories = list(categories)
    process_all(professional=professional, persons=[p for p, _r in members],
                action=Action.RECORD, categories=categories, context=context)
    household = Household._records.create(partnership=members[0][0].partnership, label=label)
    HouseholdMember._records.bulk_create(
        HouseholdMember(household=household, person=p, relation=r) for p, r in members)
    return household


# --- dossier items ----------------------------------------------------------------------------


@gateway
def dossier_item_record(*, professional: Professional, person: Person, text: str,
                        categories: Iterable[str], nature: str, context: Context) -> DossierItem:
    """Record information about a person in the own partner's dossier (K8: fact or opinion)."""
    if not text.strip():
        raise InvalidPersonData("text", "required")
    if nature not in {"fact", "opinion"}:
        raise InvalidPersonData("nature", "fact_or_opinion")
    categories = sorted(set(categories))
    _decision, version = process(professional=professional, person=person,
                                  action=Action.RECORD, categories=categories, context=context)
    partner = own_partner(professional)
    police = partner.key in policy_index(version).police_partners
    return DossierItem._records.create(
        person=person, content_encrypted=crypto.encrypt(text), categories=categories,
        nature=nature, owning_partner=partner, purpose=context.purpose,
        police_purpose=context.purpose if police else "",
        step=context.step or "", case_ref=context.case_ref or "", covenant_version=version.label,
        recorded_by=professional,
    )


@gateway
def dossier_item_view(*, professional: Professional, item: DossierItem,
                      context: Context) -> str:
    """Read an item's content (logged as a view). K5: another partner's item only when it was
    disclosed to the reader's partner (the owner's decision to give it) ; S2: the item's
    purpose is the origin the reading purpose must be compatible with."""
    received = professional.partner_id is not None and Disclosure._records.filter(
        item=item, recipient_id=professional.partner_id).exists()
    process(professional=professional, person=item.person, action=Action.VIEW,
             categories=item.categories, context=context,
             grounds=_from_item(item, Grounds(contributor_permission=received)),
             contributor=item.owning_partner.key, author=item.recorded_by_id)
    return crypto.decrypt(item.content_encrypted)


def _from_item(item: DossierItem, grounds: Grounds | None) -> Grounds:
    """S2: data obtained for the item's purpose; the caller's grounds may name another origin.
    S11: police data keeps the purpose the police gave it for, whatever the caller says."""
    grounds = grounds or Grounds()
    if grounds.origin_purpose is None and item.purpose:
        grounds = dataclasses.replace(grounds, origin_purpose=item.purpose)
    if item.police_purpose:
        grounds = dataclasses.replace(grounds, police_origin_purpose=item.police_purpose)
    return grounds


def dossier_item_disclose_preview(*, professional: Professional, item: DossierItem,
                                  recipient: str, context: Context,
                                  grounds: Grounds | None = None) -> tuple[Decision, CovenantIndex]:
    """What ``dossier_item_disclose`` would decide now, from exactly the same request."""
    return decision_preview(
        professional=professional, person=item.person, action=Action.DISCLOSE,
        categories=item.categories, context=context, recipient=recipient,
        grounds=_from_item(item, grounds), contributor=item.owning_partner.key,
        author=item.recorded_by_id)


@gateway
def dossier_item_disclose(*, professional: Professional, item: DossierItem, recipient: Partner,
                          context: Context, grounds: Grounds | None = None) -> Disclosure:
    """Give an item to another partner (S2, S4, S9, K5); recorded for the subject (V4)."""
    grounds = _from_item(item, grounds)
    decision, _ = process(
        professional=professional, person=item.person, action=Action.DISCLOSE,
        categories=item.categories, context=context, recipient=recipient.key, grounds=grounds,
        contributor=item.owning_partner.key, author=item.recorded_by_id)
    consent_id = next((r.params.get("consent") for r in decision.reasons
                       if r.params.get("consent")), None)
    weighed = any(r.code in _ON_WEIGHING for r in decision.reasons)
    justification = None
    if weighed and grounds.justification is None:
        justification = justification_record_for(
            item.person, own_partner(professional).key, context.purpose, recipient.key,
            frozenset(item.categories))
    return Disclosure._records.create(
        item=item, recipient=recipient, purpose=context.purpose, ground=context.ground or "",
        disclosed_by=professional,
        consent=Consent._records.filter(pk=consent_id).first() if consent_id else None,
        justification=justification,
    )


_ON_WEIGHING = frozenset({"secrecy_justification", "known_to_partner_only"})


@gateway
def dossier_item_copy(*, professional: Professional, item: DossierItem, context: Context,
                      grounds: Grounds | None = None) -> DossierItem:
    """Copy an item into the own partner's dossier (K7: only when necessary, informed,
    with consent)."""
    partner = own_partner(professional)
    _decision, version = process(
        professional=professional, person=item.person, action=Action.COPY_TO_OWN_DOSSIER,
        categories=item.categories, context=context, recipient=partner.key,
        grounds=_from_item(item, grounds), contributor=item.owning_partner.key)
    return DossierItem._records.create(
        person=item.person, content_encrypted=item.content_encrypted,
        categories=item.categories, nature=item.nature, owning_partner=partner,
        purpose=context.purpose, step=context.step or "", case_ref=context.case_ref or "",
        covenant_version=version.label, recorded_by=professional, copied_from=item,
        police_purpose=item.police_purpose,
    )


@gateway
def person_export(*, professional: Professional, person: Person,
                  context: Context) -> dict[str, object]:
    """Everything the own partner holds about a person (access request R1), logged."""
    partner = own_partner(professional)
    items = list(DossierItem._records.filter(person=person, owning_partner=partner))
    categories = sorted({c for item in items for c in item.categories} | set(person.categories))
    process(professional=professional, person=person, action=Action.EXPORT,
             categories=categories, context=context)
    return {
        "person": {
            "given_names": person.given_names, "family_name": person.family_name,
            "birth_date": person.birth_date.isoformat(), "bsn": person.bsn,
            "address": " ".join(x for x in (person.street, person.postal_code, person.city) if x),
        },
        "items": [
            {"recorded_at": i.recorded_at.isoformat(), "nature": i.nature,
             "categories": i.categories, "purpose": i.purpose, "step": i.step,
             "content": crypto.decrypt(i.content_encrypted)}
            for i in items
        ],
        "disclosures": [
            {"recipient": d.recipient.name, "purpose": d.purpose,
             "disclosed_at": d.disclosed_at.isoformat()}
            for d in Disclosure._records.filter(item__in=items).select_related("recipient")
        ],
    }


@gateway
def person_erase(*, professional: Professional, person: Person, context: Context) -> None:
    """Erase a person's data held by the partnership and destroy the log pseudonym key, so the
    processing log keeps its lines but no readable identity (R1 erasure)."""
    items = DossierItem._records.filter(person=person)
    categories = sorted({c for item in items for c in item.categories} | set(person.categories))
    process(professional=professional, person=person, action=Action.ERASE,
             categories=categories, context=context)
    Disclosure._records.filter(item__person=person).delete()
    DossierItem._records.filter(person=person, copied_from__isnull=False).delete()
    items.delete()
    Remark._records.filter(models.Q(person=person) | models.Q(given_by=person)).delete()
    Informing._records.filter(person=person).delete()
    JustificationRecord._records.filter(person=person).delete()
    ConsentEvent._records.filter(consent__person=person).delete()
    for consent in Consent._records.filter(person=person):
        consent.given_by.clear()
        consent.delete()
    Representative._records.filter(child=person).delete()
    Representative._records.filter(representative=person).delete()
    HouseholdMember._records.filter(person=person).delete()
    subject = person.subject_id
    person.delete()
    subject_key_destroy(subject)


# --- K8: reactions, corrections, own statements -----------------------------------------------


@gateway
def remark_add(
    *,
    professional: Professional,
    kind: str,
    given_by: Person,
    text: str,
    context: Context,
    item: DossierItem | None = None,
    person: Person | None = None,
    given_on: dt.date | None = None,
    categories: Iterable[str] = (),
) -> Remark:
    """K8 (003 art. 15.7; 001 Bijlage 2): the family's reaction to a dossier item, the
    correction of a factual error in it (the original stays as history), or the subject's own
    statement (eigen verklaring), about an opinion in an item or on its own. Recorded in the
    own partner's dossier, encrypted, and logged as a RECORD."""
    if kind not in RemarkKind.values:
        raise InvalidPersonData("kind", "unknown")
    if not text.strip():
        raise InvalidPersonData("text", "required")
    partner = own_partner(professional)
    if item is not None:
        person = item.person
        if item.owning_partner_id != partner.pk:
            raise InvalidPersonData("item", "not_own_dossier")
        if kind == RemarkKind.CORRECTION and item.nature != "fact":
            raise InvalidPersonData("kind", "correction_of_fact_only")
        if kind == RemarkKind.OWN_STATEMENT and item.nature != "opinion":
            raise InvalidPersonData("kind", "statement_on_opinion_only")
        categories = item.categories
    elif kind != RemarkKind.OWN_STATEMENT:
        raise InvalidPersonData("item", "required")
    if person is None:
        raise InvalidPersonData("person", "required")
    family = {person.pk} | representative_ids_of(person)
    if kind != RemarkKind.OWN_STATEMENT:
        family |= set(HouseholdMember._records.filter(household_id__in=household_ids_of(person))
                      .values_list("person_id", flat=True))
    if given_by.pk not in family:
        raise InvalidPersonData("given_by", "not_family")
    given_on = given_on or timezone.localdate()
    if given_on > timezone.localdate():
        raise InvalidPersonData("given_on", "future")
    categories = sorted(set(categories)) or record_categories(person, context, INFORMING_CATEGORIES)
    process(professional=professional, person=person, action=Action.RECORD,
             categories=categories, context=context)
    return Remark._records.create(
        person=person, item=item, kind=kind, given_by=given_by, given_on=given_on,
        text_encrypted=crypto.encrypt(text.strip()), categories=categories,
        owning_partner=partner, recorded_by=professional,
    )


@gateway
def remarks_view(*, professional: Professional, person: Person, context: Context,
                 item: DossierItem | None = None) -> list[tuple[Remark, str]]:
    """The reactions, corrections and own statements about a person (or one item) in the own
    partner's dossier (C5), oldest first, with their texts: one logged view."""
    partner = own_partner(professional)
    remarks = list(Remark._records.filter(person=person, owning_partner=partner,
                                          **({"item": item} if item else {}))
                   .select_related("given_by", "item")
                   .order_by("given_on", "pk"))
    if not remarks:
        return []
    own = all(r.recorded_by_id == professional.pk for r in remarks)
    process(professional=professional, person=person, action=Action.VIEW,
            categories=sorted({c for r in remarks for c in r.categories}), context=context,
            contributor=partner.key, author=professional.pk if own else None)
    return [(r, crypto.decrypt(r.text_encrypted)) for r in remarks]


# --- the error catalogue of these services ------------------------------------------------------

register(
    codes={
        "not_own_dossier": _("only the partner that keeps this item can add to it (C5)."),
        "correction_of_fact_only": _(
            "only facts are corrected; add a reaction or an own statement to an opinion (K8)."),
        "statement_on_opinion_only": _(
            "an own statement is about an opinion; correct a fact or add a reaction (K8)."),
        "not_family": _("this is not the person or a member of their family (K8)."),
    },
    fields={
        "given_on": _("Given on"),
        "kind": _("Kind"),
        "item": _("Dossier item"),
        "person": _("Person"),
    },
)
