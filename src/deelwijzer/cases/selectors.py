"""Reads of cases, involvements and action items (no content: that is read through services)."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Count, F, Min, OuterRef, Q, QuerySet, Subquery

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.models import (
    ActionItem,
    Case,
    Consultation,
    ConsultationParticipant,
    Contribution,
    Involvement,
)
from deelwijzer.covenant.models import Partnership
from deelwijzer.persons.models import DossierItem, HouseholdMember, Person
from deelwijzer.policy import CARE_ROLES, CaseRole
from deelwijzer.selectors import ALL, Listing, Window, window_of


def case_by_reference(reference: str) -> Case | None:
    return Case._records.filter(reference=reference).first()


def involvement_of(case: Case, professional: Professional) -> Involvement | None:
    """The professional's own involvement in the case (P4 need to know is personal). Read once
    per case instance (a page asks it several times); ``case_involve`` forgets it."""
    known: dict[int, Involvement | None] = case.__dict__.setdefault("_involvement_of", {})
    if professional.pk not in known:
        known[professional.pk] = Involvement._records.filter(
            case=case, professional=professional).first()
    return known[professional.pk]


def case_role_of(case: Case, professional: Professional) -> CaseRole | None:
    """K3: the professional's role in the case; None when not involved (P4 refuses then)."""
    involvement = involvement_of(case, professional)
    return CaseRole(involvement.role) if involvement else None


def involvements(case: Case) -> QuerySet[Involvement]:
    return Involvement._records.filter(case=case).select_related("partner", "professional")


def _own_items(professional: Professional, items: QuerySet[ActionItem],
               case: Case | None) -> list[ActionItem]:
    """K6: the case director sees every action item; anyone else only the items they own: their
    own involvement's, or their partner's when that involvement names no professional."""
    if case is not None and case.director_id == professional.pk:
        return list(items)
    return list(items.filter(
        Q(owner__professional=professional)
        | Q(owner__professional__isnull=True, owner__partner_id=professional.partner_id)))


def action_items_for(professional: Professional, consultation: Consultation) -> list[ActionItem]:
    """The action items of a consultation the professional may see (K6)."""
    return _own_items(professional, ActionItem._records.filter(
        consultation=consultation).select_related(
        "owner", "owner__partner", "owner__professional").order_by("due", "pk"),
        consultation.case)


def case_action_items_for(professional: Professional, case: Case) -> list[ActionItem]:
    """The action items of all the case's consultations the professional may see (K6), newest
    consultation first, in one query."""
    return _own_items(professional, ActionItem._records.filter(
        consultation__case=case).select_related(
        "owner", "owner__partner", "owner__professional", "consultation").order_by(
        "-consultation__date", "-consultation_id", "due", "pk"), case)


# --- what the screens and the API list (no content: names of the family are read through
# ``services.case_view``) ------------------------------------------------------------------------


def _cases_of(professional: Professional) -> QuerySet[Case]:
    if not works_with_clients(professional):
        return Case._records.none()
    return Case._records.filter(pk__in=Involvement._records.filter(
        professional=professional).values("case_id"))


CASE_ORDERS = {
    "recent": (F("closed_at").desc(nulls_first=True), "-opened_at", "-pk"),
    "reference": ("reference", "pk"),
    "step": ("step", "-opened_at", "-pk"),
}


def cases_for(professional: Professional, *, search: str = "", step: str = "",
              state: str = "", partner: str = "", order: str = "recent",
              window: Window = ALL) -> Listing[Case]:
    """P4: the cases the professional is involved in (open ones first, newest first), each with
    ``my_role`` (its role in the case, K3) and ``uninformed`` (the consultations without the
    family that have no informing recorded, K4). ``search`` matches the reference or the
    household's label (every word), ``step`` the work-process step, ``state`` "open" or
    "closed", ``partner`` a partner key involved in the case; ``order`` one of
    ``CASE_ORDERS``. A fixed number of queries, whatever the window."""
    mine = Involvement._records.filter(professional=professional)
    rows = _cases_of(professional).annotate(
        my_role=Subquery(mine.filter(case_id=OuterRef("pk")).values("role")[:1]),
    ).select_related("household", "dossier_partner", "director", "initiating_partner",
                     "partnership")
    for word in search.split():
        rows = rows.filter(Q(reference__icontains=word) | Q(household__label__icontains=word))
    if step:
        rows = rows.filter(step=step)
    if state == "open":
        rows = rows.filter(closed_at__isnull=True)
    elif state == "closed":
        rows = rows.filter(closed_at__isnull=False)
    if partner:
        rows = rows.filter(pk__in=Involvement._records.filter(
            partner__key=partner).values("case_id"))
    listing: Listing[Case] = window_of(
        rows.order_by(*CASE_ORDERS.get(order, CASE_ORDERS["recent"])), window)
    found: dict[int, list[Consultation]] = {case.pk: [] for case in listing.rows}
    for consultation in _uninformed().filter(case_id__in=found):
        found[consultation.case_id].append(consultation)  # type: ignore[index]
    for case in listing.rows:
        case.uninformed = found[case.pk]  # type: ignore[attr-defined]
    return listing


def case_counts_for(professional: Professional) -> tuple[int, int]:
    """How many cases the professional is involved in, and in how many of them a consultation
    was held without the family that is not yet told of (two queries)."""
    rows = _cases_of(professional)
    return rows.count(), rows.filter(pk__in=_uninformed().values("case_id")).count()


def case_for(professional: Professional, pk: int) -> Case | None:
    """The case, when the professional is involved in it; None when it may not know it exists."""
    case = Case._records.filter(pk=pk).select_related(
        "household", "dossier_partner", "director", "initiating_partner", "partnership").first()
    if (case is None or not works_with_clients(professional)
            or involvement_of(case, professional) is None):
        return None
    return case


def consultations_of(case: Case) -> list[Consultation]:
    return list(Consultation._records.filter(case=case).select_related(
        "case", "chair", "informed_by").order_by("-date", "-pk"))


def _visible_consultations(professional: Professional) -> QuerySet[Consultation]:
    """Named: the professional takes part (a participant), chairs or scheduled it; anonymous:
    it chairs or scheduled it (nobody else is part of an anonymous consultation)."""
    if not works_with_clients(professional):
        return Consultation._records.none()
    mine = ConsultationParticipant._records.filter(
        involvement__professional=professional).values("consultation_id")
    return Consultation._records.filter(
        Q(pk__in=mine) | Q(chair=professional) | Q(scheduled_by=professional)
    ).select_related("case", "chair", "informed_by", "scheduled_by")


def consultations_for(professional: Professional, *, from_day: dt.date | None = None,
                      before_day: dt.date | None = None,
                      window: Window = ALL) -> Listing[Consultation]:
    """The consultations the professional may open, newest first; ``from_day``: those on or
    after it, soonest first; ``before_day``: those before it."""
    rows = _visible_consultations(professional)
    if from_day is not None:
        return window_of(rows.filter(date__gte=from_day).order_by("date", "pk"), window)
    if before_day is not None:
        rows = rows.filter(date__lt=before_day)
    return window_of(rows.order_by("-date", "-pk"), window)


def upcoming_consultations(professional: Professional,
                           today: dt.date) -> tuple[int, dt.date | None]:
    """How many consultations the professional may open are today or later, and the first
    date among them (one query)."""
    found = _visible_consultations(professional).filter(date__gte=today).aggregate(
        count=Count("pk"), first=Min("date"))
    return found["count"], found["first"]


def consultation_for(professional: Professional, pk: int) -> Consultation | None:
    """A consultation the professional may open: one it takes part in, chairs or scheduled,
    or (named) one of a case it is involved in."""
    consultation = Consultation._records.filter(pk=pk).select_related(
        "case", "case__household", "chair", "informed_by", "scheduled_by").first()
    if consultation is None:
        return None
    if _visible_consultations(professional).filter(pk=pk).exists():
        return consultation
    if (consultation.case is not None and works_with_clients(professional)
            and involvement_of(consultation.case, professional)):
        return consultation
    return None


def participants(consultation: Consultation) -> list[Involvement]:
    return [p.involvement for p in ConsultationParticipant._records.filter(
        consultation=consultation).select_related(
        "involvement", "involvement__partner", "involvement__professional").order_by("pk")]


def is_participant(consultation: Consultation, professional: Professional) -> bool:
    return ConsultationParticipant._records.filter(
        consultation=consultation, involvement__professional=professional).exists()


def contributions_of(consultation: Consultation, *,
                     window: Window = ALL) -> Listing[Contribution]:
    """The contributions without their text (read through ``services.contribution_view``)."""
    return window_of(Contribution._records.filter(consultation=consultation).select_related(
        "owner_partner", "author").order_by("recorded_at", "pk"), window)


def contribution_for(professional: Professional, pk: int) -> Contribution | None:
    contribution = Contribution._records.filter(pk=pk).select_related(
        "consultation", "consultation__case", "consultation__case__household",
        "owner_partner", "author").first()
    if contribution is None or consultation_for(
            professional, contribution.consultation_id) is None:
        return None
    return contribution


def may_remark(professional: Professional, contribution: Contribution) -> bool:
    """K8: who records the family's reaction or correction beside a contribution: a
    participant of its consultation whose partner owns it, or the case director."""
    case = contribution.consultation.case
    if case is None:
        return False
    if professional.pk == case.director_id:
        return True
    return (professional.partner_id == contribution.owner_partner_id
            and ConsultationParticipant._records.filter(
                consultation_id=contribution.consultation_id,
                involvement__case=case, involvement__professional=professional).exists())


def household_member_of(case: Case, person_id: int) -> Person | None:
    """A member of the case's household by id (None when not one of them)."""
    return Person._records.filter(
        pk=person_id, pk__in=HouseholdMember._records.filter(
            household_id=case.household_id).values("person_id")).first()


def involvement_in(case: Case, pk: int) -> Involvement | None:
    return Involvement._records.filter(case=case, pk=pk).select_related(
        "partner", "professional").first()


def _uninformed() -> QuerySet[Consultation]:
    return Consultation._records.filter(
        family_present=False, family_informed_on__isnull=True,
    ).select_related("informed_by").order_by("date", "pk")


def uninformed_consultations(case: Case) -> list[Consultation]:
    """K4, T4: consultations held or planned without the family that have no informing
    recorded yet ("Gezin nog niet geïnformeerd"); read once per page by :func:`cases_for`."""
    found = getattr(case, "uninformed", None)
    return found if found is not None else list(_uninformed().filter(case=case))


def involvement_list(case: Case) -> list[Involvement]:
    """The case's involvements in the order they were made (K3)."""
    return list(involvements(case).order_by("pk"))


def case_members(case: Case) -> list[Person]:
    """The household members of a case, in the order they were registered (the first brought
    in first). For services and simulations that act on them; screens use ``case_view``."""
    return list(Person._records.filter(
        pk__in=HouseholdMember._records.filter(household=case.household_id).values("person_id"),
    ).order_by("pk"))


def case_count(partnership: Partnership) -> int:
    return Case._records.filter(partnership=partnership).count()


# --- who may know which persons exist (P4, P5; docs/adr/0002-need-to-know.md) -----------------

_MAX_ID = 2**63 - 1


def works_with_clients(professional: Professional) -> bool:
    """P5: only the care roles (professional, case director, chair) work with clients' data;
    the team coordinator, the administrators and the privacy officer see none of it here."""
    return bool(set(professional.roles) & CARE_ROLES) and professional.partner_id is not None


def cases_involving(professional: Professional) -> QuerySet[Case]:
    """Open cases the professional directs or takes part in by name (P4: need to know is
    personal, so a partner's involvement without a named professional gives no one access)."""
    if not works_with_clients(professional):
        return Case._records.none()
    involved = Involvement._records.filter(professional=professional).values("case_id")
    return Case._records.filter(Q(director=professional) | Q(pk__in=involved),
                                closed_at__isnull=True)


def _own_persons(professional: Professional) -> Q:
    """Outside a case: the persons the professional registered or recorded an item about."""
    recorded = DossierItem._records.filter(recorded_by=professional).values("person_id")
    return Q(registered_by=professional) | Q(pk__in=recorded)


def known_outside_case(professional: Professional, person: Person) -> bool:
    """P4: the professional knows the person from its own work, without a case."""
    return works_with_clients(professional) and Person._records.filter(
        _own_persons(professional), pk=person.pk).exists()


def _persons_visible_to(professional: Professional) -> QuerySet[Person]:
    partner = professional.partner
    if partner is None or not works_with_clients(professional):
        return Person._records.none()
    members = HouseholdMember._records.filter(
        household_id__in=cases_involving(professional).values("household_id"),
    ).values("person_id")
    return Person._records.filter(_own_persons(professional) | Q(pk__in=members),
                                  partnership_id=partner.partnership_id)


def persons_visible_to(professional: Professional) -> list[Person]:
    """The persons a professional may know exist: the household members of the open cases it
    directs or takes part in by name, and outside a case those it registered or recorded
    something about itself. Every screen that lists or looks up persons uses this; anything
    else is answered with 404."""
    return list(_persons_visible_to(professional).order_by("family_name", "given_names", "pk"))


_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$|^(\d{1,2})-(\d{1,2})-(\d{4})$")


def _search_word(word: str) -> Q:
    """A word of a person search: a BSN (nine digits), a birth date (2013-05-01 or
    1-5-2013), or part of a given or family name."""
    if word.isdigit() and len(word) == 9:
        return Q(bsn=word)
    found = _DATE.match(word)
    if found:
        y, m, d = found.group(1, 2, 3) if found.group(1) else found.group(6, 5, 4)
        try:
            return Q(birth_date=dt.date(int(y), int(m), int(d)))
        except ValueError:
            return Q(pk__in=[])
    return Q(given_names__icontains=word) | Q(family_name__icontains=word)


def persons_search(professional: Professional, search: str = "", *,
                   window: Window = ALL) -> Listing[Person]:
    """The persons the professional may know exist (see :func:`persons_visible_to`) that match
    every word of ``search`` (names, birth date, BSN), by family name. The search itself shows
    no content and is not logged; opening a person is."""
    rows = _persons_visible_to(professional)
    for word in search.split()[:10]:
        rows = rows.filter(_search_word(word))
    return window_of(rows.order_by("family_name", "given_names", "pk"), window)


def person_visible_to(professional: Professional, pk: object) -> Person | None:
    """The person with this id if the professional may know it exists (see above), else None.
    ``pk`` may come straight from a form or URL: anything that is not an id gives None."""
    try:
        number = int(str(pk))
    except ValueError:
        return None
    if not 0 < number <= _MAX_ID:
        return None
    return _persons_visible_to(professional).filter(pk=number).first()
