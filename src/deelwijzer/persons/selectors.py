"""Reads of persons, consents, weighings, informing and remarks without their content.

They return model instances (scope, dates, who, status), never decrypted text: content is read
through the logged services (``consent_evidence_view``, ``justification_view``,
``remarks_view``, ``dossier_item_view``). Callers check object access first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from deelwijzer.persons.models import (
    Consent,
    ConsentEvent,
    DossierItem,
    HouseholdMember,
    Informing,
    Justification,
    Person,
    Remark,
    Representative,
)
from deelwijzer.selectors import Listing, Window, window_of


def person_by_pk(pk: int) -> Person | None:
    return Person._records.filter(pk=pk).select_related("partnership").first()


def persons_by_pks(pks: list[int]) -> list[Person]:
    return list(Person._records.filter(pk__in=pks).order_by("pk"))


def representatives_of(person: Person) -> list[Person]:
    """S6: the legal representatives on record (parents with authority, guardian)."""
    return list(Person._records.filter(
        pk__in=Representative._records.filter(child=person).values("representative_id"),
    ).order_by("pk"))


def representative_ids_of(person: Person) -> set[int]:
    return set(Representative._records.filter(child=person)
               .values_list("representative_id", flat=True))


def family_of(person: Person) -> list[Person]:
    """The person, their representatives and the members of their households."""
    households = HouseholdMember._records.filter(person=person).values("household_id")
    members = HouseholdMember._records.filter(household_id__in=households).values("person_id")
    reps = Representative._records.filter(child=person).values("representative_id")
    return list(Person._records.filter(Q(pk=person.pk) | Q(pk__in=members) | Q(pk__in=reps))
                .distinct().order_by("pk"))


def household_ids_of(person: Person) -> list[int]:
    return list(HouseholdMember._records.filter(person=person)
                .values_list("household_id", flat=True))


def persons_by_household(household_ids: list[int]) -> dict[int, list[Person]]:
    """The members of each household (in the order they were registered), in one query."""
    found: dict[int, list[Person]] = {pk: [] for pk in household_ids}
    for member in HouseholdMember._records.filter(
            household_id__in=household_ids).select_related("person").order_by("person_id"):
        found[member.household_id].append(member.person)
    return found


def persons_in_households(household_ids: list[int]) -> list[Person]:
    return list(Person._records.filter(
        pk__in=HouseholdMember._records.filter(household_id__in=household_ids)
        .values("person_id")).order_by("pk"))


def persons_registered_by(partner_id: int) -> list[Person]:
    return list(Person._records.filter(registered_by_partner_id=partner_id)
                .order_by("family_name", "given_names", "pk"))


# --- consent ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentStatus:
    code: str  # "valid", "withdrawn", "expired", "not_yet_valid"
    on: dt.date | None


def consent_status(consent: Consent, today: dt.date | None = None) -> ConsentStatus:
    """Whether the consent can carry a disclosure today, as the policy reads its dates."""
    today = today or timezone.localdate()
    if consent.withdrawn_on is not None and consent.withdrawn_on <= today:
        return ConsentStatus("withdrawn", consent.withdrawn_on)
    if consent.valid_until is not None and consent.valid_until < today:
        return ConsentStatus("expired", consent.valid_until)
    if consent.valid_from > today:
        return ConsentStatus("not_yet_valid", consent.valid_from)
    return ConsentStatus("valid", consent.valid_until)


def consents_of(person: Person) -> list[Consent]:
    """Every consent about the person, newest first, with who gave it and who obtained it."""
    return list(Consent._records.filter(person=person)
                .select_related("obtained_by_partner", "obtained_by", "recorded_by",
                                "withdrawn_by")
                .prefetch_related("given_by").order_by("-recorded_at", "-pk"))


def consents_listing(person: Person, window: Window) -> Listing[Consent]:
    """A page of :func:`consents_of`, each consent with ``history`` (its events), read in one
    query for the page."""
    listing = window_of(Consent._records.filter(person=person)
                        .select_related("obtained_by_partner", "obtained_by", "recorded_by",
                                        "withdrawn_by")
                        .prefetch_related("given_by").order_by("-recorded_at", "-pk"), window)
    events: dict[int, list[ConsentEvent]] = {c.pk: [] for c in listing.rows}
    for event in ConsentEvent._records.filter(consent_id__in=events).select_related("by"):
        events[event.consent_id].append(event)
    for consent in listing.rows:
        consent.history = events[consent.pk]  # type: ignore[attr-defined]
    return listing


def consent_by_pk(pk: int) -> Consent | None:
    return (Consent._records.filter(pk=pk)
            .select_related("person", "obtained_by_partner", "obtained_by", "withdrawn_by")
            .prefetch_related("given_by").first())


def consent_events(consent: Consent) -> list[ConsentEvent]:
    """The history of a consent: given, changed, withdrawn, by whom."""
    return list(ConsentEvent._records.filter(consent=consent).select_related("by"))


def consent_events_of(person: Person) -> dict[int, list[ConsentEvent]]:
    events: dict[int, list[ConsentEvent]] = {}
    for event in ConsentEvent._records.filter(consent__person=person).select_related("by"):
        events.setdefault(event.consent_id, []).append(event)
    return events


# --- weighing, informing, remarks -------------------------------------------------------------


def justifications_of(person: Person) -> list[Justification]:
    return list(Justification._records.filter(person=person)
                .select_related("owning_partner", "recorded_by").order_by("-recorded_at", "-pk"))


def justification_by_pk(pk: int) -> Justification | None:
    return (Justification._records.filter(pk=pk)
            .select_related("person", "owning_partner", "recorded_by").first())


def justification_informed_on(justification: Justification) -> dt.date | None:
    """When the client was informed of a disclosure on this weighing (S7, T4)."""
    if justification.client_informed_on is not None:
        return justification.client_informed_on
    found = (Informing._records.filter(justification=justification, informed_on__isnull=False)
             .order_by("informed_on").first())
    return found.informed_on if found else None


def informings_of(person: Person) -> list[Informing]:
    return list(Informing._records.filter(person=person)
                .select_related("informed_by", "partner").order_by("-recorded_at", "-pk"))


def informings_for_consultations(consultation_ids: list[int]) -> set[tuple[int, int]]:
    """(consultation id, person id) pairs of family members informed about a consultation."""
    return set(Informing._records.filter(consultation_id__in=consultation_ids,
                                         informed_on__isnull=False)
               .values_list("consultation_id", "person_id"))


def open_weighings_to_inform(professional_id: int) -> list[Justification]:
    """Weighings the professional recorded whose client is still to be informed (T4), or whose
    AVG art. 23 exception comes up for review (T3)."""
    informed = Informing._records.filter(informed_on__isnull=False).values("justification_id")
    return list(Justification._records.filter(recorded_by_id=professional_id,
                                              client_informed_on__isnull=True)
                .filter(Q(inform_by__isnull=False) | Q(inform_exception=True))
                .exclude(pk__in=informed).select_related("person"))


def open_exceptions(professional_id: int) -> list[Informing]:
    """Informing exceptions (T3) the professional recorded, not yet followed by informing."""
    exceptions = list(Informing._records.filter(recorded_by_id=professional_id,
                                                method="exception")
                      .select_related("person"))
    done = {(i.person_id, i.about) for i in Informing._records.filter(
        person_id__in=[e.person_id for e in exceptions], informed_on__isnull=False)
        .only("person_id", "about", "recorded_at")}
    return [e for e in exceptions if (e.person_id, e.about) not in done]


def items_of(person: Person, partner_id: int) -> list[DossierItem]:
    """The dossier items the partner keeps about the person (no content)."""
    return list(DossierItem._records.filter(person=person, owning_partner_id=partner_id)
                .order_by("-recorded_at", "-pk"))


def item_by_pk(pk: int) -> DossierItem | None:
    return DossierItem._records.filter(pk=pk).select_related("person", "owning_partner").first()


def corrected_item_ids(person: Person) -> set[int]:
    """K8: items with a correction beside them (the original stays as history)."""
    return set(Remark._records.filter(person=person, kind="correction", item__isnull=False)
               .values_list("item_id", flat=True))
