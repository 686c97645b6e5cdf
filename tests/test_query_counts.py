"""Constant queries per request: every page and API operation runs as many SQL queries on a
bigger partnership as on a small one (issue 10).

How: the demo partnership with two families like the Brandsma family of the authorization
matrix (``matrix.seed_family``: a case with one of everything, worked on by the same
professionals), then every GET route of the URL conf (the object ids from the first family) as
every demo account, counting the queries (``CaptureQueriesContext``, what pytest-django's
``django_assert_max_num_queries`` uses). Then the partnership grows: four more families and,
for the first family, more of everything its pages list (contributions, items, consents,
consultations, action items, data requests, remarks). Every request again: an answer that was a
200 both times must have run exactly as many queries. The household keeps its size: the
processing log gets one line per subject, so a bigger household may cost more.

Every GET route must answer 200 to at least one account (or be in ``NOT_MEASURED`` with the
reason), so that a route nobody can open does not pass unmeasured. The main writes of the API
(the sharing check and disclosure, recording and opening an item, a contribution, the minutes,
an action, an involvement) are measured the same way, each rolled back, and must succeed at
both sizes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from deelwijzer.testing import matrix
from tests.test_authorization_matrix import _login

# GET routes no demo account opens with a 200 in this world, and why.
NOT_MEASURED = {
    "api:schema": "the OpenAPI schema: no personal data, generated once per process",
    "covenant:document": "covenant documents: the ids are a kind and an extension",
    "consent:evidence": "a file download",
    "consent:record": "the consent form for the person in ?person= (measured via consent:person)",
    "covenant:partnership": "a redirect to the version in force (covenant pages: no personal data)",
}
GROW_FAMILIES = 4
EXTRA = 4  # how many more of each listed thing the first family gets


@dataclass(frozen=True)
class Measured:
    status: int
    queries: int
    sql: tuple[str, ...]


def _shape(sql: str) -> str:
    """A statement without its literal values, to find the one that repeats."""
    return re.sub(r"\b\d+\b|'[^']*'", "?", sql)[:160]


def _repeated(small: Measured, large: Measured) -> str:
    more = Counter(map(_shape, large.sql)) - Counter(map(_shape, small.sql))
    return "; ".join(f"{n}x {shape}" for shape, n in more.most_common(2))


def _measure(routes: list[matrix.Route], samples: dict[str, list[int]],
             accounts: list[matrix.Account]) -> dict[tuple[str, str], Measured]:
    found = {}
    for route in routes:
        if "get" not in route.methods or route.name in NOT_MEASURED:
            continue
        pk = samples[route.kind][0] if route.kind else None
        for account in accounts:
            client = account.api_client if route.api else account.page_client
            if client is None:
                continue
            connection.queries_log.clear()  # a full log (9,000 queries) would count 0
            with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                response = client.get(route.path(pk))
                transaction.set_rollback(True)
            found[route.name, account.label] = Measured(
                response.status_code, len(queries), tuple(q["sql"] for q in queries))
    return found


def _grow(simulation: Any, first: dict[str, Any]) -> None:
    """Four more families, and more of everything the first family's pages list."""
    from deelwijzer.cases import services as cases
    from deelwijzer.cases.services import case_context
    from deelwijzer.consent import services as consent
    from deelwijzer.datarequests import services as datarequests
    from deelwijzer.persons import services as persons

    for index in range(2, 2 + GROW_FAMILIES):
        matrix.seed_family(simulation, index)
    director = simulation.director
    case, child, mother = first["case"], first["child"], first["mother"]
    context = case_context(case, director)
    named = first["named"]
    ggz = first["contributions"][0].author
    today = timezone.localdate()
    for n in range(EXTRA):
        item = persons.dossier_item_record(professional=director, person=child,
                                           text=f"Extra waarneming {n}", categories=["school"],
                                           nature="fact", context=context)
        persons.remark_add(professional=director, kind="reaction", given_by=mother,
                           text=f"Reactie {n}", context=context, item=item)
        consent.consent_record(
            professional=director, person=child, given_by=[child, mother], purpose="veiligheid",
            categories=["school"], recipients=["cjg-aldermeer"], valid_from=today,
            context=context, method="signed_form", told_withdrawable=True,
            evidence=consent.Evidence(f"toestemming-{n}.pdf", b"%PDF-1.4\n"))
        contribution = cases.contribution_add(professional=ggz, consultation=named,
                                              text=f"Inbreng {n}", categories=["gezondheid"],
                                              nature="fact", permission=n % 2 == 0)
        cases.contribution_remark_add(professional=ggz, contribution=contribution,
                                      kind="reaction", given_by=mother, text=f"Reactie {n}")
        cases.action_item_add(professional=director, consultation=named,
                              description=f"Actie {n}", owner=first["involved"]["cjg-aldermeer"],
                              due=today + dt.timedelta(days=n + 1))
        cases.consultation_schedule(
            professional=director, kind="named", case=case, date=today + dt.timedelta(days=n),
            chair=director, participants=list(first["involved"].values()),
            agenda=f"Vervolgoverleg {n}", family_present=False,
            absence_motivation="Eerst afstemmen", informed_by=director, inform_when="after")
        datarequests.data_request_create(
            professional=ggz, question=f"Vraag {n}", person=child,
            provider=simulation.partners["jeugdbescherming"], purpose="veiligheid",
            categories=["school"], legal_basis="Jeugdwet art. 7.4.0", necessity="Nodig",
            subsidiarity="Niet anders", proportionality="Alleen dit", not_a_recheck=True,
            why_no_consent="Vader dreigt te vertrekken", case=case)


def _writes(first: dict[str, Any], accounts: list[matrix.Account]) -> dict[str, Measured]:
    """The main writes of the API, each as the professional who does it in the first family,
    rolled back: recording, sharing, contributing, the minutes, actions, consent, requests."""
    import json

    today = timezone.localdate()
    case, child, named = first["case"], first["child"], first["named"]
    cjg = first["involved"]["cjg-aldermeer"]
    api = {a.label: a.api_client for a in accounts}
    calls = {
        "share_check": ("regisseur", "/api/v1/share/check/", {
            "person": child.pk, "recipient": "cjg-aldermeer", "item": first["fact"].pk,
            "case": case.reference}),
        "share_disclose": ("regisseur", "/api/v1/share/disclose/", {
            "item": first["fact"].pk, "recipient": "cjg-aldermeer", "case": case.reference}),
        "dossier_items_record": ("regisseur", f"/api/v1/share/persons/{child.pk}/items/", {
            "text": "Nieuwe waarneming", "nature": "fact", "categories": ["school"],
            "case": case.reference}),
        "dossier_items_open": ("regisseur", f"/api/v1/share/items/{first['fact'].pk}/open/",
                               {}),
        "contributions_add": ("cjg-aldermeer-prof",
                              f"/api/v1/cases/consultations/{named.pk}/contributions/add/", {
                                  "text": "Inbreng", "categories": ["hulpverlening"],
                                  "nature": "fact", "permission": True}),
        "consultations_minutes_record": (
            "regisseur", f"/api/v1/cases/consultations/{named.pk}/minutes/record/", {
                "minutes": "Afspraken", "categories": ["hulpverlening"]}),
        "action_items_add": ("regisseur",
                             f"/api/v1/cases/consultations/{named.pk}/actions/add/", {
                                 "description": "Bellen", "owner": cjg.pk,
                                 "due": (today + dt.timedelta(days=3)).isoformat()}),
        "cases_involve": ("regisseur", f"/api/v1/cases/{case.pk}/involvements/", {
            "partner": "gemeente-aldermeer", "role": "informant", "reason": "Signaal"}),
    }
    found = {}
    for name, (who, url, body) in calls.items():
        connection.queries_log.clear()
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            response = api[who].post(url, json.dumps(body), content_type="application/json")
            transaction.set_rollback(True)
        found[name] = Measured(response.status_code, len(queries),
                               tuple(q["sql"] for q in queries))
    return found


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    from deelwijzer.demo.simulate import Simulation

    with django_db_blocker.unblock(), transaction.atomic():
        simulation = Simulation(2026)
        first = matrix.seed_family(simulation)
        matrix.seed_family(simulation, 1)
        routes, _problems = matrix.discover_routes()
        accounts = matrix.make_accounts(_login)
        samples = matrix.samples_of(**first)
        small = _measure(routes, samples, accounts)
        small_writes = _writes(first, accounts)
        _grow(simulation, first)
        large = _measure(routes, samples, accounts)
        large_writes = _writes(first, accounts)
        yield routes, small, large, small_writes, large_writes
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_data(measured):
    _routes, small, large, _sw, _lw = measured
    grown = sorted(
        f"{name} as {account}: {small[name, account].queries} -> {m.queries} queries "
        f"({_repeated(small[name, account], m)})"
        for (name, account), m in large.items()
        if m.status == 200 and small[name, account].status == 200
        and m.queries != small[name, account].queries)
    assert not grown, "queries grow with the data:\n" + "\n".join(grown)


@pytest.mark.django_db
def test_every_get_route_is_measured(measured):
    routes, _small, large, _sw, _lw = measured
    opened = {name for (name, _account), m in large.items() if m.status == 200}
    post_only = {name for (name, _account), m in large.items() if m.status == 405}
    unmeasured = sorted(r.name for r in routes if "get" in r.methods
                        and r.name not in set(NOT_MEASURED) | post_only | opened)
    statuses = {name: sorted({m.status for (n, _a), m in large.items() if n == name})
                for name in unmeasured}
    assert not unmeasured, f"no account opens these GET routes with a 200: {statuses}"


@pytest.mark.django_db
def test_the_main_writes_do_not_grow_with_the_data(measured):
    """Each write succeeds at both sizes (a refusal or a 400 would measure nothing) and runs as
    many queries on the bigger partnership."""
    *_rest, small, large = measured
    failed = {name: (small[name].status, large[name].status) for name in small
              if small[name].status >= 300 or large[name].status >= 300}
    assert not failed, f"writes that did not succeed (small, large): {failed}"
    grown = [f"{name}: {small[name].queries} -> {large[name].queries} queries "
             f"({_repeated(small[name], large[name])})"
             for name in small if large[name].queries != small[name].queries]
    assert not grown, "writes whose queries grow with the data:\n" + "\n".join(grown)
