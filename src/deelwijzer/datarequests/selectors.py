"""Reads of data requests without their content (texts are read through services).

Public readers return lists: a queryset evaluated in a view would query personal-data tables
outside the gateway (tests/test_gateway.py watches that)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case as SqlCase
from django.db.models import F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.models import Case
from deelwijzer.cases.selectors import cases_involving as cases_involving
from deelwijzer.cases.selectors import person_visible_to as person_visible_to
from deelwijzer.cases.selectors import persons_visible_to as persons_visible_to
from deelwijzer.cases.selectors import works_with_clients
from deelwijzer.datarequests.choices import Status
from deelwijzer.datarequests.models import DataRequest, RequestDisclosure
from deelwijzer.persons.models import Disclosure, DossierItem
from deelwijzer.selectors import ALL, Listing, Window, window_of

REQUEST_ORDERS = {
    "recent": ("open_first", "-asked_at", "-pk"),
    "deadline": ("open_first", F("answer_by").asc(nulls_last=True), "asked_at", "pk"),
}


def _id(pk: object) -> int:
    """A database id from user input; ValueError when it cannot be one."""
    value = int(str(pk))
    if not 0 < value < 2**63:
        raise ValueError(pk)
    return value

def _cases_of(professional: Professional) -> QuerySet[Case]:
    """Open cases the professional is involved in (P4: a request within a case needs that)."""
    return cases_involving(professional).order_by("reference")


def case_of(professional: Professional, reference: str) -> Case | None:
    return _cases_of(professional).filter(reference=reference).first()



def _requests_for(professional: Professional) -> QuerySet[DataRequest]:
    """The inbox: requests to the professional's partner, and requests the professional made;
    open ones first, newest first."""
    visible = Q(asker=professional)
    if professional.partner_id is not None:
        visible |= Q(provider_id=professional.partner_id)
    rows = (DataRequest._records.filter(visible)
            .select_related("person", "case", "asker", "asker_partner", "provider")
            .annotate(open_first=SqlCase(When(status=Status.OPEN, then=Value(0)), default=Value(1),
                                       output_field=IntegerField()))
            .order_by("open_first", "-asked_at", "-pk"))
    # Without clients nothing, with the same annotations (the list orders by them).
    return rows if works_with_clients(professional) else rows.none()


def request_for(professional: Professional, pk: object) -> DataRequest | None:
    """One request the professional may see (asker, or a professional of the asked partner)."""
    try:
        return _requests_for(professional).filter(pk=_id(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def provider_items(request: DataRequest) -> list[DossierItem]:
    """The asked partner's dossier items about the person (no content)."""
    return list(DossierItem._records.filter(
        person=request.person, owning_partner=request.provider).order_by("-recorded_at"))


def request_disclosures(request: DataRequest) -> list[Disclosure]:
    ids = RequestDisclosure._records.filter(request=request).values("disclosure_id")
    return list(Disclosure._records.filter(pk__in=ids).select_related("item", "recipient")
                .order_by("pk"))


def cases_of(professional: Professional) -> list[Case]:
    """Open cases the professional is involved in."""
    return list(_cases_of(professional))


def requests_for(professional: Professional, *, status: str = "", direction: str = "",
                 due: str = "", search: str = "", order: str = "recent",
                 window: Window = ALL) -> Listing[DataRequest]:
    """The inbox: requests to the professional's partner and requests it made (open first,
    newest first), with person, case, asker and partners, in two queries whatever the window.

    ``status`` "open" or "answered"; ``direction`` "incoming" (to my partner) or "outgoing"
    (asked by me); ``due`` "overdue" (open, past the wanted date) or "week" (open, wanted
    within seven days); ``search`` words of the person's name (every word must match: the
    names are on the rows already, so the search shows nothing the professional could not
    see); ``order`` one of ``REQUEST_ORDERS``."""
    rows = _requests_for(professional)
    if status == "open":
        rows = rows.filter(status=Status.OPEN)
    elif status == "answered":
        rows = rows.exclude(status=Status.OPEN)
    if direction == "incoming":
        rows = (rows.filter(provider_id=professional.partner_id)
                if professional.partner_id is not None else rows.none())
    elif direction == "outgoing":
        rows = rows.filter(asker=professional)
    today = timezone.localdate()
    if due == "overdue":
        rows = rows.filter(status=Status.OPEN, answer_by__lt=today)
    elif due == "week":
        rows = rows.filter(status=Status.OPEN, answer_by__gte=today,
                           answer_by__lte=today + dt.timedelta(days=7))
    for word in search.split()[:10]:
        rows = rows.filter(Q(person__given_names__icontains=word)
                           | Q(person__family_name__icontains=word))
    return window_of(rows.order_by(*REQUEST_ORDERS.get(order, REQUEST_ORDERS["recent"])),
                     window)


def open_requests_to(professional: Professional) -> int:
    """How many requests to the professional's partner still await an answer."""
    if professional.partner_id is None or not works_with_clients(professional):
        return 0
    return DataRequest._records.filter(provider_id=professional.partner_id,
                                       status=Status.OPEN).count()
