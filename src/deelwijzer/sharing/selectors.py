"""Reads for the dossier screens and "Mag ik dit delen?": who and what a professional may see.

No content: names, dates, categories and scope only; the text of a dossier item is read through
``persons.services.dossier_item_view`` (logged). A professional reaches a person through an
open case they direct or take part in by name, and outside a case only one it registered or
recorded something about itself (``cases.selectors.person_visible_to``: need to know is
personal, P4; docs/adr/0002-need-to-know.md). In a case it sees its partner's items about the
person and those disclosed to its partner; outside a case only the items it recorded itself.
Anything else does not exist for the professional (the views answer 404).
"""

from __future__ import annotations

from django.db.models import QuerySet

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.models import Case
from deelwijzer.cases.selectors import cases_involving as cases_involving
from deelwijzer.cases.selectors import known_outside_case as known_outside_case
from deelwijzer.cases.selectors import person_visible_to as person_visible_to
from deelwijzer.cases.selectors import persons_search as persons_search
from deelwijzer.cases.selectors import persons_visible_to as persons_visible_to
from deelwijzer.persons.models import Consent, Disclosure, DossierItem, HouseholdMember, Person
from deelwijzer.selectors import ALL, Listing, Window, window_of


def cases_visible(professional: Professional) -> list[Case]:
    """The open cases the professional directs or takes part in by name (P4), newest first."""
    return list(cases_involving(professional).order_by("-opened_at", "-pk"))


def _cases_with(professional: Professional, person: Person) -> QuerySet[Case]:
    """The visible cases whose household the person belongs to."""
    households = HouseholdMember._records.filter(person=person).values("household_id")
    return cases_involving(professional).filter(household_id__in=households)


def _in_case_with(professional: Professional, person: Person) -> bool:
    return _cases_with(professional, person).exists()


def cases_of_person(professional: Professional, person: Person) -> list[Case]:
    """The visible cases whose household the person belongs to, newest first."""
    return list(_cases_with(professional, person).order_by("-opened_at", "-pk"))


def case_of_person(professional: Professional, person: Person, reference: str) -> Case | None:
    return next((c for c in cases_of_person(professional, person) if c.reference == reference),
                None)


def dossier_items_held(professional: Professional, person: Person, *,
                       window: Window = ALL) -> Listing[DossierItem]:
    """The items the professional's partner holds about the person (no content), newest first:
    in a case with the person all of them, outside a case those it recorded itself (P4)."""
    items = DossierItem._records.filter(person=person, owning_partner_id=professional.partner_id)
    if not _in_case_with(professional, person):
        items = items.filter(recorded_by=professional)
    return window_of(items.select_related("owning_partner").order_by("-recorded_at", "-pk"),
                     window)


def dossier_items_received(professional: Professional, person: Person, *,
                           window: Window = ALL) -> Listing[DossierItem]:
    """Items of other partners disclosed to the professional's partner (V4), newest first: only
    in a case with the person (P4: a disclosure to the partner is not one to every colleague)."""
    if not _in_case_with(professional, person):
        return Listing([], 0)
    ids = Disclosure._records.filter(item__person=person, recipient_id=professional.partner_id) \
        .values("item_id")
    return window_of(DossierItem._records.filter(pk__in=ids).exclude(
        owning_partner_id=professional.partner_id).select_related("owning_partner")
        .order_by("-recorded_at", "-pk"), window)


def dossier_item_visible(professional: Professional, pk: object) -> DossierItem | None:
    """An item about a visible person that the professional recorded itself, or, in a case with
    the person, one its partner holds or received."""
    if professional.partner_id is None:
        return None
    try:
        item = DossierItem._records.select_related(
            "person", "person__partnership", "owning_partner").get(pk=int(str(pk)))
    except (DossierItem.DoesNotExist, ValueError, OverflowError):
        return None
    if person_visible_to(professional, item.person_id) is None:
        return None
    if item.recorded_by_id == professional.pk:
        return item
    if not _in_case_with(professional, item.person):
        return None
    if item.owning_partner_id == professional.partner_id or was_disclosed_to_own_partner(
            professional, item):
        return item
    return None


def was_disclosed_to_own_partner(professional: Professional, item: DossierItem) -> bool:
    return Disclosure._records.filter(item=item, recipient_id=professional.partner_id).exists()


def disclosures_of(items: list[DossierItem]) -> dict[int, list[Disclosure]]:
    """V4: per item, to whom it was disclosed and when."""
    found: dict[int, list[Disclosure]] = {}
    for disclosure in Disclosure._records.filter(item__in=items).select_related("recipient") \
            .order_by("disclosed_at", "pk"):
        found.setdefault(disclosure.item_id, []).append(disclosure)
    return found


def consents_of(person: Person) -> list[Consent]:
    """The consents on record for the person: scope and dates only (S5)."""
    return list(Consent._records.filter(person=person).order_by("-valid_from", "-pk"))
