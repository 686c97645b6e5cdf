"""Proof of the one invariant: personal data is reached only through services.

Two checks, used by tests/test_gateway.py:
- ``route_violations``: requests every URL route (admin included) with a signed-in user while
  watching the SQL; a query on a personal-data table whose call stack has no service or
  selector frame is a violation.
- ``source_violations``: reads every module of the package; only ``services.py``,
  ``selectors.py`` and ``persons/gateway.py`` may use the private ``_records`` manager, and only
  those (plus models, migrations and tests) may import a personal-data models module. One
  package is allowed both, for the reason in ``ALLOWED_PACKAGES``.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

PACKAGE = Path(__file__).resolve().parent.parent
GATEWAY_FILES = ("services.py", "selectors.py")
GATEWAY_MODULE = PACKAGE / "persons" / "gateway.py"  # the mechanism every service calls
# Packages (relative to PACKAGE) whose own modules (not their __init__, not subpackages) may
# import personal-data models and use ``_records``, each with its reason; the import-linter
# contract "Personal data only through services and selectors" (pyproject.toml) makes the same
# exception ("deelwijzer.demo.scale.* -> deelwijzer.*.models").
ALLOWED_PACKAGES: dict[tuple[str, ...], str] = {
    ("demo", "scale"): (
        "simulate --scale: a demo-data loader that writes in bulk the rows the services would "
        "write, each after the policy's decision; refused outside the demo settings "
        "(DEELWIJZER_ALLOW_DEMO); its log lines go through processing_log's log_append_many"),
}


def personal_data_models() -> list[type[Any]]:
    """Models whose records are personal data: those reached through a ``_records`` manager."""
    return [m for m in apps.get_models() if m._meta.default_manager_name == "_records"]


def personal_data_tables() -> set[str]:
    tables = set()
    for model in personal_data_models():
        tables.add(model._meta.db_table)
        for m2m in model._meta.local_many_to_many:
            tables.add(m2m.remote_field.through._meta.db_table)
    return tables


@dataclass(frozen=True)
class Violation:
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.detail}"


def _through_gateway() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(str(PACKAGE)) and name.endswith(GATEWAY_FILES):
            return True
        if name == str(GATEWAY_MODULE):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


@contextmanager
def watch_queries(found: list[str]) -> Iterator[None]:
    """Collect SQL statements on personal-data tables that bypass the gateway."""
    pattern = re.compile(
        "|".join(rf'["`]?\b{re.escape(t)}\b["`]?' for t in sorted(personal_data_tables())))

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool,
                context: Any) -> Any:
        if pattern.search(sql) and not _through_gateway():
            found.append(sql[:200])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


def _sample(converter: str) -> str:
    return {"int": "1", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000001",
            "path": "x"}.get(converter, "x")


def concrete_paths(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[str]:
    """Every route, with path converters filled in by sample values."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: _sample(m.group(1) or "str"), route)
        route = route.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
        if isinstance(entry, URLResolver):
            yield from concrete_paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            if re.search(r"[()\[\]?*+]", route):  # a regex route: try its literal prefix
                route = re.split(r"[()\[\]?*+]", route)[0]
            yield "/" + prefix + route


def route_violations(client: Client) -> list[Violation]:
    """Request every route; sample ids may not exist, so a view may fail: the walk looks at
    the queries it made, not at its answer."""
    violations = []
    raising, client.raise_request_exception = client.raise_request_exception, False
    try:
        for path in sorted(set(concrete_paths())):
            if "logout" in path:
                continue  # would end the session the walk runs in
            for method in ("get", "post"):
                found: list[str] = []
                with watch_queries(found):
                    getattr(client, method)(path)
                violations += [Violation(f"{method.upper()} {path}", sql) for sql in found]
    finally:
        client.raise_request_exception = raising
    return violations


def admin_violations() -> list[Violation]:
    from django.contrib import admin

    return [Violation(f"admin: {model._meta.label}", "personal data registered in the admin")
            for model in admin.site._registry if model in personal_data_models()]


def _module_files() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).parts
        if set(relative) & {"migrations", "tests", "testing"}:
            continue
        if relative[:-1] in ALLOWED_PACKAGES and relative[-1] != "__init__.py":
            continue
        yield path


def source_violations() -> list[Violation]:
    model_modules = {m.__module__ for m in personal_data_models()}
    violations = []
    for path in _module_files():
        if path.name in GATEWAY_FILES or path.name == "models.py" or path == GATEWAY_MODULE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(PACKAGE.parent))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "_records":
                violations.append(Violation(f"{where}:{node.lineno}", "uses _records"))
            elif isinstance(node, ast.ImportFrom) and node.module in model_modules:
                violations.append(Violation(f"{where}:{node.lineno}",
                                            f"imports {node.module}"))
            elif isinstance(node, ast.Import):
                violations += [Violation(f"{where}:{node.lineno}", f"imports {a.name}")
                               for a in node.names if a.name in model_modules]
    return violations
