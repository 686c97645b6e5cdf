"""``deelwijzer covenant SUBCOMMAND ...``: work with covenant files.

    deelwijzer covenant validate FILE [--lang nl|en]

Subcommands are methods of a :class:`deelwijzer.subcommands.CommandGroup`.
"""

from __future__ import annotations

from typing import Any

from deelwijzer.covenant.loader import CovenantInvalid, load_covenant_file
from deelwijzer.covenant.schema import Covenant, PartnerKind
from deelwijzer.subcommands import CommandGroup, argument, subcommand

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


class Command(CommandGroup):
    help = "Work with covenant files (validate)."
    requires_system_checks: list[str] = []  # a file check needs no database nor system checks

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
