"""The authorization matrix, part 1: every URL route with the object kind of its id."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

# --- the object kind of a route's id -----------------------------------------------------------

# (the path segment before the id, the id's name) -> the object kind. A route whose id is not in
# here makes the test fail: add the kind (and, for a new kind, its samples and business rule).
KINDS: dict[tuple[str, str], str] = {
    ("cases", "pk"): "case",
    ("consultations", "pk"): "consultation",
    ("contributions", "pk"): "contribution",
    ("persons", "pk"): "person",
    ("person", "pk"): "person",
    ("consent", "pk"): "consent",
    ("justifications", "pk"): "weighing",
    ("items", "pk"): "dossier item",
    ("item", "pk"): "dossier item",
    ("requests", "pk"): "data request",
    ("advice", "pk"): "advice request",
    ("reports", "pk"): "report",
}
# Ids of things that are not personal data of a data subject: the covenant and its documents,
# and the professionals' own accounts. Their routes are not walked with ids.
NOT_PERSONAL: dict[tuple[str, str], str] = {
    ("versions", "pk"): "covenant version",
    ("diff", "other"): "covenant version",
    ("sign", "partner_pk"): "partner",
    ("documents", "kind"): "covenant document",
    ("documents", "ext"): "covenant document",
    ("staff", "pk"): "professional account",
    ("set-password", "uidb64"): "professional account",
    ("set-password", "token"): "password link",
}
# Routes without an id that are not walked: the login flow (it would end the session the walk
# runs in, or asks for a password) and the language switch. The admin is not walked either: no
# personal-data model is registered in it (tests/test_gateway.py proves that).
SKIPPED_NAMES = frozenset({
    "accounts:login", "accounts:logout", "accounts:otp_setup", "accounts:otp_verify",
    "accounts:password_set", "accounts:password_set_done", "set_language",
})
SKIPPED_PREFIXES = ("admin/", "oidc/")
WRITES = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    pattern: str  # e.g. "api/v1/cases/<int:pk>/involvements/"
    name: str
    kind: str | None  # the object kind of its id; None: no id
    param: str | None
    methods: tuple[str, ...]
    view: Any

    @property
    def declared(self) -> bool:
        """A class view: its methods are its handlers (a function view may answer any)."""
        return bool(getattr(self.view, "view_class", None) or getattr(self.view, "cls", None))

    @property
    def api(self) -> bool:
        return self.pattern.startswith("api/")

    def path(self, pk: int | None = None) -> str:
        return "/" + re.sub(r"<(?:\w+:)?\w+>", str(pk), self.pattern)


def _methods(callback: Any) -> tuple[str, ...]:
    """The methods a view answers: a class view's handlers; a function view: GET and POST."""
    cls = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if cls is None:
        return ("get", "post")
    return tuple(m for m in ("get", "post", "put", "patch", "delete") if hasattr(cls, m))


def walk_patterns(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[
        tuple[str, str, Any, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from walk_patterns(entry.url_patterns, prefix + str(entry.pattern),
                             f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name or ''}", entry.pattern, \
                entry.callback


def discover_routes() -> tuple[list[Route], list[str]]:
    """Every route of the URL conf with the object kind of its id, and the problems: a route
    with an id of no known kind, or with more than one object id."""
    routes, problems = [], []
    for pattern, name, matcher, callback in walk_patterns(get_resolver().url_patterns):
        if pattern.startswith(SKIPPED_PREFIXES) or name in SKIPPED_NAMES:
            continue
        if not isinstance(matcher, RoutePattern) or re.search(r"[()\[\]?*+^$\\]", pattern):
            problems.append(f"{pattern}: a regex route; give it path converters and a kind")
            continue
        segments = pattern.split("/")
        kinds: list[tuple[str, str]] = []
        personal = True
        for i, segment in enumerate(segments):
            for param in re.findall(r"<(?:\w+:)?(\w+)>", segment):
                before = segments[i - 1] if i else ""
                if (before, param) in KINDS:
                    kinds.append((KINDS[before, param], param))
                elif (before, param) in NOT_PERSONAL:
                    personal = False
                else:
                    problems.append(f"{pattern}: no object kind for <{param}> after "
                                    f"'{before}/' (add it to KINDS in testing/matrix.py)")
                    personal = False
        if not personal:
            if kinds:
                problems.append(f"{pattern}: an object id beside another id the walk cannot "
                                "fill")
            continue
        if len(kinds) > 1:
            problems.append(f"{pattern}: more than one object id; the walk substitutes one")
            continue
        kind, param = kinds[0] if kinds else (None, None)
        routes.append(Route(pattern, name, kind, param, _methods(callback), callback))
    return routes, problems
