"""A management command made of subcommands: ``deelwijzer covenant validate``,
``deelwijzer log verify``. Shared by every app (it imports none of them).

A subcommand is one method of a :class:`CommandGroup`, marked with :func:`subcommand`; its
arguments are declared in the decorator, its first docstring line is its help, and it returns
the exit code::

    @subcommand(argument("file", help="the covenant file (YAML)"))
    def import_(self, *, file: str, **options: Any) -> int:
        \"\"\"Import a covenant file as a new draft version.\"\"\"
        ...
        return 0

(A trailing underscore is dropped from the name, so ``import_`` is ``covenant import``.)
"""

from __future__ import annotations

import argparse
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandParser

Handler = Callable[..., int]
H = TypeVar("H", bound=Handler)

_MARK = "_deelwijzer_subcommand"


@dataclass(frozen=True)
class Argument:
    names: tuple[str, ...]
    options: dict[str, Any]


@dataclass(frozen=True)
class Subcommand:
    name: str | None
    arguments: tuple[Argument, ...]


def argument(*names: str, **options: Any) -> Argument:
    """One argument of a subcommand, as for ``argparse.ArgumentParser.add_argument``."""
    return Argument(names, options)


def subcommand(*arguments: Argument, name: str | None = None) -> Callable[[H], H]:
    """Mark a method of a :class:`CommandGroup` as a subcommand with these arguments."""

    def mark(method: H) -> H:
        setattr(method, _MARK, Subcommand(name, arguments))
        return method

    return mark


class CommandGroup(BaseCommand):
    """Dispatches to the method of the chosen subcommand; a non-zero return is the exit code."""

    @classmethod
    def subcommands(cls) -> Iterator[tuple[str, str, Subcommand]]:
        """(name, method name, spec) of every subcommand, in the order they are defined."""
        seen: set[str] = set()
        for klass in reversed(cls.__mro__):
            for attribute, value in vars(klass).items():
                spec = getattr(value, _MARK, None)
                if isinstance(spec, Subcommand) and attribute not in seen:
                    seen.add(attribute)
                    yield spec.name or attribute.rstrip("_"), attribute, spec

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(
            dest="subcommand", metavar="SUBCOMMAND", required=True, title="subcommands"
        )
        for name, attribute, spec in self.subcommands():
            doc = inspect.cleandoc(getattr(self, attribute).__doc__ or "")
            sub = commands.add_parser(
                name,
                help=doc.splitlines()[0] if doc else None,
                description=doc or None,
                formatter_class=argparse.RawDescriptionHelpFormatter,
            )
            for arg in spec.arguments:
                sub.add_argument(*arg.names, **arg.options)

    def handle(self, *args: Any, **options: Any) -> None:
        methods = {name: attribute for name, attribute, _spec in self.subcommands()}
        handler: Handler = getattr(self, methods[options["subcommand"]])
        code = handler(**options)
        if code:
            raise SystemExit(code)
