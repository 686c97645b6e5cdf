"""``deelwijzer covenant SUBCOMMAND ...``: work with covenant files.

    deelwijzer covenant validate FILE [--lang nl|en]

A subcommand is one method, marked with :func:`subcommand`; its arguments are declared in the
decorator, its first docstring line is its help, and it returns the exit code::

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

from deelwijzer.covenant.loader import CovenantInvalid, load_covenant_file
from deelwijzer.covenant.schema import Covenant, PartnerKind

Handler = Callable[..., int]
H = TypeVar("H", bound=Handler)

_MARK = "_covenant_subcommand"


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
    """Mark a method of :class:`Command` as a subcommand with these arguments."""

    def mark(method: H) -> H:
        setattr(method, _MARK, Subcommand(name, arguments))
        return method

    return mark


LANGUAGES = ("nl", "en")

TEXT = {
    "nl": {
        "valid": "Convenant is geldig: {name}, versie {version} ({file})",
        "partners": "partners: {total} ({core} kern, {shell} schil)",
        "categories": "gegevenscategorieën: {count}",
        "purposes": "doelen: {count}",
        "steps": "stappen: {count}",
        "articles": "artikelen: {count}",
        "articles_parts": "artikelen: {count} (waarvan {parts} een lid of onderdeel herhalen)",
        "errors_one": "1 fout gevonden in {file}",
        "errors_many": "{count} fouten gevonden in {file}",
        "internal": "interne fout bij het valideren van {file}: {error}; meld dit aan de "
        "beheerders",
    },
    "en": {
        "valid": "Covenant is valid: {name}, version {version} ({file})",
        "partners": "partners: {total} ({core} core, {shell} shell)",
        "categories": "data categories: {count}",
        "purposes": "purposes: {count}",
        "steps": "steps: {count}",
        "articles": "articles: {count}",
        "articles_parts": "articles: {count} ({parts} of them repeat a paragraph or letter)",
        "errors_one": "1 error found in {file}",
        "errors_many": "{count} errors found in {file}",
        "internal": "internal error while validating {file}: {error}; please report this to "
        "the maintainers",
    },
}


class Command(BaseCommand):
    help = "Work with covenant files (validate)."
    requires_system_checks: list[str] = []  # a file check needs no database nor system checks

    # --- plumbing: one method per subcommand ------------------------------------------------

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

    # --- subcommands --------------------------------------------------------------------------

    @subcommand(
        argument("file", help="the covenant file (YAML)"),
        argument("--lang", choices=LANGUAGES, default="nl", help="language of the messages"),
    )
    def validate(self, *, file: str, lang: str = "nl", **options: Any) -> int:
        """Check a covenant file against the format and the cross-checks.

        Exit status 0 and a short summary when the file is valid; exit status 1 and every
        problem, one per line in the order of the file, when it is not.
        """
        text = TEXT[lang]
        try:
            covenant = load_covenant_file(file)
        except CovenantInvalid as invalid:
            for issue in invalid.issues:
                self.stdout.write(issue.render(lang))
            count = len(invalid.issues)
            key = "errors_one" if count == 1 else "errors_many"
            self.stdout.write(text[key].format(count=count, file=file), self.style.ERROR)
            return 1
        except Exception as error:  # a validator never shows a traceback
            self.stderr.write(
                text["internal"].format(file=file, error=f"{type(error).__name__}: {error}")
            )
            return 2
        self.summary(covenant, file, text)
        return 0

    def summary(self, covenant: Covenant, file: str, text: dict[str, str]) -> None:
        partners = covenant.partners
        core = sum(1 for p in partners if p.kind == PartnerKind.CORE)
        self.stdout.write(
            text["valid"].format(
                name=covenant.partnership.name, version=covenant.version, file=file
            ),
            self.style.SUCCESS,
        )
        lines = [
            text["partners"].format(total=len(partners), core=core, shell=len(partners) - core),
            text["categories"].format(count=len(covenant.data_categories)),
            text["purposes"].format(count=len(covenant.purposes)),
            text["steps"].format(count=len(covenant.steps)),
        ]
        parts = sum(1 for a in covenant.articles if a.part_of is not None)
        articles = text["articles_parts"] if parts else text["articles"]
        lines.append(articles.format(count=len(covenant.articles), parts=parts))
        for line in lines:
            self.stdout.write(f"  {line}")
