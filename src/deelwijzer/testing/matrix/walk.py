"""The authorization matrix, part 3: the accounts, and the walk that requests every route as every
account without business with its object and reports what came back."""

from __future__ import annotations

import html
import json
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from deelwijzer.testing.gateway import personal_data_tables
from deelwijzer.testing.matrix.routes import WRITES, Route
from deelwijzer.testing.matrix.world import Finder, Obj, Secret

# --- the accounts --------------------------------------------------------------------------------


@dataclass
class Account:
    label: str
    kind: str  # the account type, for the report
    professional: Any = None
    page_client: Client | None = None
    api_client: Client | None = None
    blocked: bool = False
    may_see: frozenset[Obj] = frozenset()

    @property
    def pk(self) -> int | None:
        return self.professional.pk if self.professional is not None else None


def account_kind(professional: Any, case_directors: set[int], involved: set[int]) -> str:
    from deelwijzer.accounts.access import login_blockers
    from deelwijzer.accounts.roles import Role

    codes = {b.code for b in login_blockers(professional, timezone.localdate())}
    if codes & {"vog_missing", "vog_expired"}:
        return "blocked: old VOG"
    if "declaration_missing" in codes:
        return "blocked: no declaration"
    if codes:
        return "blocked: " + ", ".join(sorted(codes))
    roles = professional.roles
    partner = professional.partner
    shell = " (shell)" if partner is not None and partner.kind == "shell" else ""
    for role, label in ((Role.SYSTEM_ADMIN, "system administrator"),
                        (Role.PRIVACY_OFFICER, "privacy officer"),
                        (Role.TEAM_COORDINATOR, "team coordinator"),
                        (Role.PARTNER_ADMIN, "partner administrator")):
        if role in roles:
            return label + shell
    if Role.CASE_DIRECTOR in roles or professional.pk in case_directors:
        return "case director"
    if Role.CHAIR in roles:
        return "chair"
    return "professional" + shell


def make_accounts(login: Callable[[Any, Client], None]) -> list[Account]:
    """Every professional with a session (``login(professional, client)``) and a personal API
    token, then no authentication at all, and a revoked token of the case director."""
    from deelwijzer.accounts.models import Professional
    from deelwijzer.accounts.tokens import api_token_create, api_token_revoke
    from deelwijzer.cases.models import Case, Involvement

    directors = set(Case._records.values_list("director_id", flat=True))
    involved = set(Involvement._records.exclude(professional=None)
                   .values_list("professional_id", flat=True))
    accounts = []
    for professional in Professional.objects.select_related("partner").order_by("username"):
        kind = account_kind(professional, directors, involved)
        page = Client(raise_request_exception=False)
        login(professional, page)
        _token, key = api_token_create(professional=professional)
        api = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {key}")
        accounts.append(Account(professional.username, kind, professional, page, api,
                                blocked=kind.startswith("blocked")))
    accounts.append(Account("(none)", "no authentication",
                            page_client=Client(raise_request_exception=False),
                            api_client=Client(raise_request_exception=False)))
    director = Professional.objects.get(username="regisseur")
    token, key = api_token_create(professional=director)
    api_token_revoke(token=token)
    accounts.append(Account("regisseur (revoked)", "revoked API token",
                            api_client=Client(raise_request_exception=False,
                                              HTTP_AUTHORIZATION=f"Token {key}")))
    return accounts


# --- what the insiders' pages offer: forms (the bodies of page writes) and links ---------------


class _Page(HTMLParser):
    """The POST forms of a page (action -> field values, as a browser would submit them) and
    its local links."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self.links: list[str] = []
        self._form: dict[str, str] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(html.unescape(a["href"]))
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = {}
            self.forms.append((html.unescape(a.get("action", "")), self._form))
        if self._form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a or name not in self._form:
                    self._form[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self._form[name] = a.get("value", "") or ("" if kind in ("date", "number")
                                                          else "Controle")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if "selected" in a or (value and not self._form.get(self._select)):
                self._form[self._select] = value
        elif tag == "textarea":
            self._textarea = name
            self._form[name] = "Controle"

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea and data.strip():
            self._form[self._textarea] = data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _input_serializer(route: Route) -> Any:
    from rest_framework import serializers

    cls = getattr(route.view, "view_class", None) or getattr(route.view, "cls", None)
    found = [v for name, v in vars(cls).items() if name.endswith("Input") and isinstance(v, type)
             and issubclass(v, serializers.Serializer)] if cls else []
    return found[0]() if found else None


# Fields of an API body that carry the id of an object (the walk puts a sample's id there).
BODY_KINDS: dict[str, str] = {"person": "person", "item": "dossier item",
                              "justification": "weighing"}


def api_body(route: Route) -> dict[str, Any]:
    """A minimal body for an API write: the required fields of the view's input serializer,
    with plausible values (the walk wants the answer to the account, not to the input)."""
    from rest_framework import serializers

    serializer = _input_serializer(route)
    if serializer is None:
        return {}
    today = timezone.localdate().isoformat()
    body: dict[str, Any] = {}
    for name, f in serializer.fields.items():
        if not f.required:
            continue
        if isinstance(f, serializers.ChoiceField):
            body[name] = next((k for k in f.choices if k), "")
        elif isinstance(f, serializers.BooleanField):
            body[name] = True
        elif isinstance(f, serializers.DateField):
            body[name] = today
        elif isinstance(f, serializers.IntegerField):
            body[name] = 1
        elif isinstance(f, serializers.ListField | serializers.ListSerializer):
            body[name] = []
        elif isinstance(f, serializers.DictField | serializers.Serializer):
            body[name] = {}
        else:
            body[name] = "Controle"
    return body


def body_id_fields(route: Route) -> dict[str, str]:
    """The fields of an API operation's input that take an object id: field -> kind."""
    serializer = _input_serializer(route) if route.api else None
    fields = serializer.fields if serializer is not None else {}
    return {name: BODY_KINDS[name] for name in fields if name in BODY_KINDS}


# --- the walk ------------------------------------------------------------------------------------

_WRITE_SQL = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)', re.I)


@dataclass(frozen=True)
class Call:
    """One request of the walk: a route with the object's id in its path, query or body."""

    route: Route
    method: str
    path: str
    kind: str | None  # the object kind the id is of; None: a route without an id
    pk: int | None
    body: dict[str, Any] | None = None
    where: str = ""  # where the id is, when not in the path: "?person", "body.item", ...

    @property
    def label(self) -> str:
        return "/" + self.route.pattern + self.where


@dataclass(frozen=True)
class Violation:
    method: str
    route: str
    kind: str
    pk: int | None
    account: str
    account_kind: str
    insider: bool  # the account has business with the object (its reads are still checked)
    status: int
    leaked: tuple[str, ...]  # secret kinds found in the answer
    wrote: tuple[str, ...]  # personal-data tables written to
    write_succeeded: bool  # a 2xx on a write

    @property
    def what(self) -> str:
        parts = list(self.leaked)
        if self.wrote:
            parts.append("wrote " + ",".join(self.wrote))
        if self.write_succeeded and not self.wrote:
            parts.append(f"write answered {self.status}")
        return "; ".join(parts)


@dataclass
class Result:
    combinations: set[tuple[str, str, int | None, str]] = field(default_factory=set)
    insider_combinations: set[tuple[str, str, int | None, str]] = field(default_factory=set)
    requests: int = 0
    # Per object kind the secret kinds found in its insiders' answers: the walk sees the data
    # where it belongs (so an outsider's empty answer means something).
    seen: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    violations: list[Violation] = field(default_factory=list)
    # 5xx answers: method, route, id, account, status, the exception
    errors: list[tuple[str, str, int | None, str, int, str]] = field(default_factory=list)


class Walker:
    def __init__(self, accounts: list[Account], secrets: list[Secret],
                 business: dict[Obj, frozenset[int]],
                 relogin: Callable[[Any, Client], None]) -> None:
        self.accounts = accounts
        self.business = business
        self.relogin = relogin
        self.tables = personal_data_tables()
        self.result = Result()
        self.everything = Finder(secrets)
        self.finders: dict[str, Finder] = {}
        for account in accounts:
            allowed = (set() if account.blocked or account.pk is None else
                       {obj for obj, people in business.items() if account.pk in people})
            self.finders[account.label] = Finder(s for s in secrets if not s.owners & allowed)

    def outsiders(self, kind: str, pk: int) -> list[Account]:
        people = self.business[kind, pk]
        return [a for a in self.accounts if a.blocked or a.pk is None or a.pk not in people]

    def insiders(self, kind: str, pk: int) -> list[Account]:
        people = self.business[kind, pk]
        return [a for a in self.accounts if not a.blocked and a.pk in people]

    def request(self, account: Account, call: Call) -> tuple[Any, list[str]] | None:
        api = call.route.api
        client = account.api_client if api else account.page_client
        if client is None:
            return None
        if account.blocked and not api:
            self.relogin(account.professional, client)
        wrote: list[str] = []

        def watch(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            match = _WRITE_SQL.match(sql)
            if match and match.group(1) in self.tables:
                wrote.append(match.group(1))
            return execute(sql, params, many, context)

        kwargs: dict[str, Any] = {}
        if call.method in ("post", "put", "patch"):
            kwargs = ({"data": json.dumps(call.body or {}), "content_type": "application/json"}
                      if api else {"data": call.body or {}})
        with transaction.atomic():
            with connection.execute_wrapper(watch):
                response = getattr(client, call.method)(call.path, **kwargs)
            transaction.set_rollback(True)
        self.result.requests += 1
        return response, sorted(set(wrote))

    @staticmethod
    def _text(response: Any) -> str:
        content = (b"".join(response.streaming_content) if response.streaming
                   else response.content)
        headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
        return content.decode("utf-8", errors="replace") + "\n" + headers

    def check(self, account: Account, call: Call) -> None:
        """An account without business: no secret it may not see, no write, no 2xx on one."""
        done = self.request(account, call)
        if done is None:
            return
        response, wrote = done
        self.result.combinations.add((call.label, call.kind or "-", call.pk, account.label))
        leaked = self.finders[account.label].find(self._text(response))
        # A 2xx on a write: for API operations and class views (a function view may show a
        # page on any method: there a write that succeeded is one that wrote, see ``wrote``).
        write_succeeded = (call.kind is not None and call.method in WRITES
                           and call.route.declared and 200 <= response.status_code < 300)
        self._error(account, call, response)
        if leaked or wrote or write_succeeded:
            self.result.violations.append(Violation(
                call.method.upper(), call.label, call.kind or "-", call.pk, account.label,
                account.kind, False, response.status_code, tuple(sorted(leaked)),
                tuple(wrote), write_succeeded))

    def _offered(self, routes: list[Route], kind: str, pk: int,
                 ) -> tuple[dict[str, dict[str, str]], set[str]]:
        """The POST forms (by action path) and the local links the insiders' pages of this
        object offer; every GET of an insider is checked like any other read."""
        forms: dict[str, dict[str, str]] = {}
        links: set[str] = set()
        for account in self.insiders(kind, pk):
            for route in routes:
                if route.kind != kind or "get" not in route.methods:
                    continue
                call = Call(route, "get", route.path(pk), kind, pk)
                done = self.request(account, call)
                if done is None:
                    continue
                response = done[0]
                self.check_read(account, call, response)
                if response.status_code != 200 or route.api or not response.get(
                        "Content-Type", "").startswith("text/html"):
                    continue
                page = _Page()
                page.feed(self._text(response))
                for action, values in page.forms:
                    forms.setdefault((action or call.path).split("?")[0], values)
                links.update(page.links)
        return forms, links

    def _error(self, account: Account, call: Call, response: Any) -> None:
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            detail = f"{exc[0].__name__}: {exc[1]}" if exc else ""
            self.result.errors.append((call.method.upper(), call.label, call.pk,
                                       account.label, response.status_code, detail))

    def check_read(self, account: Account, call: Call, response: Any) -> None:
        """An insider's read: no secret of other objects it has no business with (K5, K6)."""
        self._error(account, call, response)
        self.result.insider_combinations.add((call.label, call.kind or "-", call.pk,
                                              account.label))
        text = self._text(response)
        self.result.seen[call.kind or "-"] |= self.everything.find(text)
        leaked = self.finders[account.label].find(text)
        if leaked:
            self.result.violations.append(Violation(
                "GET", call.label, call.kind or "-", call.pk, account.label, account.kind,
                True, response.status_code, tuple(sorted(leaked)), (), False))

    def read(self, account: Account, call: Call) -> None:
        done = self.request(account, call)
        if done is not None:
            self.check_read(account, call, done[0])

    def calls(self, routes: list[Route], kind: str, pk: int, pool: dict[str, dict[str, str]],
              forms: dict[str, dict[str, str]], links: set[str]) -> Iterator[Call]:
        """Every request of an object: the routes with its id in the path (a page write with
        the form an insider's page offers for it, from ``pool``); the pages its insiders' pages
        link to with its id in the query, or post a form with its id to; the API operations
        that take its id in the body."""
        by_path = {r.path(): r for r in routes if r.kind is None}
        for route in (r for r in routes if r.kind == kind):
            path = route.path(pk)
            for method in route.methods:
                body = (api_body(route) if route.api else pool.get(path, {})) \
                    if method in WRITES else None
                yield Call(route, method, path, kind, pk, body)
        linked: set[tuple[str, str]] = set()  # one link per page and id parameters
        for link in sorted(links, key=len):
            target, _sep, query = link.partition("?")
            names = "&".join(sorted({name for name, value in (p.partition("=")[::2]
                                                              for p in query.split("&"))
                                     if value == str(pk)}))
            if target in by_path and names and (target, names) not in linked:
                linked.add((target, names))
                yield Call(by_path[target], "get", link, kind, pk, where="?" + names)
        for action, values in sorted(forms.items()):
            names = sorted(name for name, value in values.items() if value == str(pk))
            if action in by_path and names and "post" in by_path[action].methods:
                yield Call(by_path[action], "post", action, kind, pk, values,
                           where=" (form: " + ", ".join(names) + ")")
        for route in routes:
            for name, field_kind in body_id_fields(route).items():
                if field_kind == kind and route.kind is None:
                    for method in (m for m in route.methods if m in WRITES):
                        yield Call(route, method, route.path(), kind, pk,
                                   {**api_body(route), name: pk}, where=f" (body: {name})")

    def walk(self, routes: list[Route], samples: dict[str, list[int]]) -> Result:
        """First the insiders' pages of every sample (their reads checked, their forms and
        links collected), then every request of every sample as every outsider, and the
        writes once more as one insider (its answer checked as a read: a write is rolled back
        like every request). Last the routes without an id, as every account: pages with GET
        (a page posted without a body shows the same), API operations with every method."""
        quiet = logging.getLogger("django.request")
        level, quiet.level = quiet.level, logging.CRITICAL  # 4xx and 5xx: in the result
        objects = [(kind, pk) for kind in sorted({r.kind for r in routes if r.kind})
                   for pk in samples[kind]]
        try:
            offered = {obj: self._offered(routes, *obj) for obj in objects}
            pool: dict[str, dict[str, str]] = {}
            for forms, _links in offered.values():
                for action, values in forms.items():
                    pool.setdefault(action, values)
            for kind, pk in objects:
                forms, links = offered[kind, pk]
                outsiders = self.outsiders(kind, pk)
                primary = sorted(self.insiders(kind, pk),
                                 key=lambda a: a.kind != "case director")[:1]
                for call in self.calls(routes, kind, pk, pool, forms, links):
                    for account in outsiders:
                        self.check(account, call)
                    if call.method != "get":
                        for account in primary:
                            self.read(account, call)
            for route in (r for r in routes if r.kind is None):
                for method in (m for m in route.methods if route.api or m == "get"):
                    for account in self.accounts:
                        self.check(account, Call(route, method, route.path(), None, None))
        finally:
            quiet.level = level
        return self.result


def table(violations: list[Violation]) -> str:
    """The violations as a compact table, grouped by route."""
    rows = [("method", "route", "kind", "id", "account", "account type", "status", "what")]
    for v in sorted(violations, key=lambda v: (v.route, v.method, v.pk or 0, v.account_kind,
                                               v.account)):
        rows.append((v.method, v.route, v.kind, str(v.pk or "-"), v.account,
                     v.account_kind + (" (insider)" if v.insider else ""), str(v.status),
                     v.what))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1]
                     for r in rows)
