"""The authorization matrix (P4, P5, K3, K5, K6): no account without business with an object
gets its personal data, from any page or API operation, and none changes it.

How it works (the parts are in ``deelwijzer.testing.matrix``):

1. Seed: the demo partnership, ``deelwijzer simulate`` (``Simulation(2026).run(200)``), and one
   family added through the services so that every object kind exists with distinctive texts:
   persons with BSN and address, items, a disclosure, a consent with evidence and statement, a
   weighing, informing, remarks, a named and an anonymous consultation with contributions (with
   and without the contributor's permission), a reaction, an action item and minutes, an open
   and an answered data request, Veilig Thuis advice and a report. A shell partner's
   professional is involved in that case only.
2. Secrets: every string of personal data in the database, read through the ``_records``
   managers and decrypted: names (given and family name), BSNs, addresses, birth dates as
   shown (ISO, Dutch and English; those more than 400 days old), dossier item texts, consent
   statements and evidence, weighing answers, informing notes, remarks, agendas, minutes, contributions, reactions,
   action items, data request texts, advice and reports; each with the objects it belongs to
   (a string in several objects belongs to all of them). Strings shorter than seven characters,
   or found in the templates, translations or covenants (UI words), are left out.
3. Routes: every route of the URL conf. The object kind of a route's id comes from the path
   segment before it and the id's name (``matrix.KINDS``); a route with an id of no known kind
   fails ``test_every_route_with_an_id_has_a_known_kind``. Ids of the covenant and of the
   professionals' own accounts (``matrix.NOT_PERSONAL``), the admin (no personal-data model is
   registered there, tests/test_gateway.py) and the login flow are not walked. Methods: a class
   view's handlers; a function view: GET and POST. Writes carry a minimal body: for the API the
   required fields of the view's input serializer, for a page the form an insider's page offers
   for that action (empty if none). Besides the routes with the id in the path, each object is
   also tried where its insiders' pages put its id: links with it in the query
   (``/consent/record/?person=<id>``), forms posting it to a route without an id, and the API
   operations whose input takes it (``person``, ``item``, ``justification``: ``matrix.BODY_KINDS``).
4. Accounts: every professional of the demo (a session with a second factor for pages, a
   personal API token for /api/), no authentication at all, and a revoked token of the case
   director. Per sample object (the seeded ones and a simulated one) the walk tries every
   account WITHOUT BUSINESS with the object, decided from the data:

   - case: its director and every professional named in one of its Involvements;
   - person: the union over the cases whose household holds the person, and who registered it;
   - consultation: named, its case's; anonymous, its chair and who scheduled it;
   - contribution: its case's; its text (K5): with permission its case's, without it those of
     its case from the contributing partner and its author; a reaction beside it: who may read
     the text, and who recorded it;
   - action item (K6): its owner (the involvement's professional, or that partner's people in
     the case when it names none), the case director and who created it;
   - dossier item, weighing, informing: the case of their case reference (else the person's);
     for an item also who recorded it and the askers of data requests it was provided to;
     a consent: its person's; a remark: its item's (else its person's);
   - data request: its asker, who answered it, and the professionals (role professional) of
     the asked partner, whose inbox it is;
   - Veilig Thuis advice: its asker, who answered, and Veilig Thuis's professionals; a report:
     its reporter and the professionals of Veilig Thuis, to whom it was made.

   So partner administrators, the system administrator, the privacy officer and the team
   coordinator have business with none of them, nor have blocked accounts (old VOG, no
   declaration), no authentication and the revoked token. The insiders are walked too: their
   GETs (and one insider's writes, rolled back) may not show a secret of another object that
   is not theirs (K5: a contribution without permission; K6: another's action item). Routes
   without an id (lists, forms to create) are walked as every account: pages with GET, API
   operations with each method.
5. Failure: an answer (body or headers) carrying a secret the account may not see (one none
   of whose objects is its business), a 2xx on a write to an object (API operations and class
   views; a function view may answer a POST with its page), or any insert, update or delete on
   a personal-data table during the request (a write that succeeded). Every request runs in a
   savepoint that is rolled back, so one account's write does not change what the next sees.
   The violations are printed as a table (method, route, kind, id, account, account type,
   status, which secret kinds leaked or what was written), with the number of (route, object,
   account) combinations tried, in the terminal summary. A server error fails the test too
   (never a 500, whoever asks).
   The insiders' answers must carry the data (names, texts, ...), or an outsider's empty answer
   would prove nothing.

Not covered: the finer rules for insiders that the policy decides (an informant's role, what a
step shows, purpose binding); they are tested with the policy.
"""

from __future__ import annotations

import sys
import time
import types
from collections import defaultdict
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from django.views import View

from deelwijzer.testing import matrix

SEED_EVENTS = 200
SEED = 2026


def _login(professional: Any, client: Any) -> None:
    """A session with a confirmed second factor (as the ``login`` fixture in conftest.py)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=professional, name="test", confirmed=True)
    client.force_login(professional)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@dataclass
class Seeded:
    world: matrix.World
    secrets: list[matrix.Secret]
    business: dict[matrix.Obj, frozenset[int]]
    accounts: list[matrix.Account]
    seconds: float

    def walker(self) -> matrix.Walker:
        return matrix.Walker(self.accounts, self.secrets, self.business, _login)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seeded once for the module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.monotonic()
        world = matrix.seed(events=SEED_EVENTS, seed_value=SEED)
        yield Seeded(world, matrix.collect_secrets(), matrix.business(),
                     matrix.make_accounts(_login), time.monotonic() - started)
        transaction.set_rollback(True)


class _Summary:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.lines:
            terminalreporter.section("authorization matrix")
            for line in self.lines:
                terminalreporter.write_line(line)


def _summary(request: Any) -> _Summary:
    name = "deelwijzer-authorization-matrix"
    plugin = request.config.pluginmanager.get_plugin(name)
    if plugin is None:
        plugin = _Summary()
        request.config.pluginmanager.register(plugin, name)
    return plugin


def test_every_route_with_an_id_has_a_known_kind():
    routes, problems = matrix.discover_routes()
    assert problems == []
    assert {r.kind for r in routes if r.kind} >= {
        "case", "consultation", "contribution", "person", "consent", "weighing", "dossier item",
        "data request", "advice request", "report"}


@pytest.mark.django_db
def test_the_seed_has_every_object_kind_and_its_secrets(seeded):
    missing = [kind for kind, count in seeded.world.counts.items() if count < 1]
    assert missing == []
    routes, _problems = matrix.discover_routes()
    for kind in {r.kind for r in routes if r.kind}:
        assert seeded.world.samples.get(kind), f"no sample of {kind}"
        for pk in seeded.world.samples[kind]:
            assert (kind, pk) in seeded.business
    kinds = {kind for s in seeded.secrets for kind in s.kinds}
    assert kinds >= {
        "name", "BSN", "address", "birth date", "dossier item text", "consent statement",
        "consent evidence", "weighing answer", "informing note", "remark text",
        "consultation agenda", "consultation minutes", "contribution text",
        "contribution remark", "action item", "data request text", "advice text", "report text"}
    assert {a.kind for a in seeded.accounts} >= {
        "case director", "chair", "team coordinator", "privacy officer", "system administrator",
        "partner administrator", "partner administrator (shell)", "professional",
        "professional (shell)", "blocked: old VOG", "blocked: no declaration",
        "no authentication", "revoked API token"}


def _report(result: matrix.Result, seconds: float, seed_seconds: float) -> list[str]:
    by_route: dict[str, set[str]] = defaultdict(set)
    for v in result.violations:
        by_route[f"{v.method} /{v.route}"].add(v.account_kind)
    lines = [
        f"{len(result.combinations)} (route, object, account) combinations of accounts without "
        f"business tried, and {len(result.insider_combinations)} insiders' reads, in "
        f"{result.requests} requests, {seconds:.1f} s (seeding {seed_seconds:.1f} s)",
        f"{len(result.violations)} violations on {len(by_route)} (method, route) pairs",
    ]
    if result.errors:
        lines.append(f"{len(result.errors)} server errors:")
        errors: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for method, route, pk, account, status, detail in result.errors:
            errors[method, route, f"{status} {detail}"].add(f"{account}@{pk}")
        lines += [f"  {m} {r} -> {d} ({', '.join(sorted(who))})"
                  for (m, r, d), who in sorted(errors.items())]
    if result.violations:
        lines.append(matrix.table(result.violations))
    return lines


@pytest.mark.django_db
def test_no_account_without_business_gets_personal_data_or_changes_it(seeded, request):
    routes, problems = matrix.discover_routes()
    assert problems == []
    started = time.monotonic()
    result = seeded.walker().walk(routes, seeded.world.samples)
    lines = _report(result, time.monotonic() - started, seeded.seconds)
    _summary(request).lines = lines
    print("\n" + "\n".join(lines))
    # The insiders' answers carry the data (else an outsider's empty answer proves nothing).
    seen = result.seen
    assert {"name", "birth date"} <= seen["person"]  # no screen shows a BSN or address
    assert "name" in seen["case"] and "dossier item text" in seen["dossier item"]
    assert "consent evidence" in seen["consent"] and "weighing answer" in seen["weighing"]
    assert {"consultation agenda", "consultation minutes", "action item"} <= seen["consultation"]
    assert {"contribution text", "contribution remark"} <= seen["contribution"]
    assert "data request text" in seen["data request"] and "report text" in seen["report"]
    assert "advice text" in seen["advice request"]
    assert result.violations == [], "\n".join(lines)
    assert result.errors == [], "\n".join(lines)


# --- the walk can fail: a planted leak is caught -------------------------------------------------


def planted_page(request, pk):
    """Shows a case's household to anyone; a POST changes the case."""
    from deelwijzer.cases.models import Case
    from deelwijzer.persons.models import HouseholdMember

    case = Case._records.get(pk=pk)
    if request.method == "POST":
        Case._records.filter(pk=pk).update(case_criterion="veranderd")
        return HttpResponse("done")
    members = HouseholdMember._records.filter(household=case.household).select_related("person")
    return HttpResponse(", ".join(str(m.person) for m in members))


class PlantedOperation(View):
    """An API operation that accepts any write without writing."""

    def post(self, request, pk):
        return HttpResponse("{}", status=201, content_type="application/json")


@pytest.mark.django_db
def test_a_planted_leak_and_planted_writes_are_caught(seeded, settings):
    """A page that shows a case's household to anyone and changes the case on a POST, and an
    API operation answering 201 to anyone: every account without business that reaches them is
    reported (blocked accounts' sessions are ended by the middleware before a page runs)."""
    page, operation = "cases/<int:pk>/leak/", "api/v1/cases/<int:pk>/leak/"
    urlconf = types.ModuleType("planted_matrix_urls")
    urlconf.urlpatterns = [path(page, planted_page),
                           path(operation, PlantedOperation.as_view()),
                           *import_module(settings.ROOT_URLCONF).urlpatterns]
    sys.modules["planted_matrix_urls"] = urlconf
    settings.ROOT_URLCONF = "planted_matrix_urls"
    try:
        routes, problems = matrix.discover_routes()
        assert problems == []
        routes = [r for r in routes if r.pattern in (page, operation)]
        assert sorted((r.pattern, r.kind, r.methods) for r in routes) == [
            (operation, "case", ("post",)), (page, "case", ("get", "post"))]
        case = seeded.world.samples["case"][0]
        result = seeded.walker().walk(routes, {"case": [case]})
    finally:
        del sys.modules["planted_matrix_urls"]
    business = seeded.business["case", case]
    outsiders = {a.label for a in seeded.accounts if a.pk not in business or a.blocked}
    on_pages = {a.label for a in seeded.accounts if a.page_client is not None
                and not a.blocked and a.label in outsiders}
    leaks = {v.account for v in result.violations if v.method == "GET" and "name" in v.leaked}
    wrote = {v.account for v in result.violations
             if v.method == "POST" and v.wrote == ("cases_case",)}
    answered = {v.account for v in result.violations if v.route == "/" + operation
                and v.write_succeeded and v.status == 201}
    assert leaks == wrote == on_pages
    assert {"coordinator", "privacy", "sysadmin", "jeugdbescherming-beheer", "(none)"} <= leaks
    assert answered == outsiders
    assert {"vog-verlopen", "zonder-verklaring", "regisseur (revoked)"} <= answered
