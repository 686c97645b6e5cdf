"""deelwijzer loaddemo [--covenant FILE] [--list-users]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from deelwijzer.covenant.loader import CovenantInvalid
from deelwijzer.demo.services import DEMO_PASSWORD, DemoUser, load_demo


def user_lines(people: list[DemoUser]) -> list[str]:
    from deelwijzer.accounts.models import Professional

    users = {u.username: u for u in Professional.objects.select_related("partner")
             .prefetch_related("role_assignments")}
    width = max(len(p.username) for p in people)
    lines = []
    for person in people:
        user = users[person.username]
        roles = ", ".join(r.get_role_display() for r in user.role_assignments.all())
        partner = user.partner.name if user.partner else "-"
        note = f"  ({person.note})" if person.note else ""
        lines.append(f"{person.username:<{width}}  {roles} · {partner}{note}")
    return lines


class Command(BaseCommand):
    help = "Load the demo partnership (signed and in force) with a login for every role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--covenant", type=Path, help="covenant YAML (default: the example)")
        parser.add_argument("--list-users", action="store_true",
                            help="print the demo accounts, one a line, username first")

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEELWIJZER_ALLOW_DEMO", False):
            raise CommandError("The demo data cannot be loaded with these settings (production).")
        try:
            version, people = load_demo(options["covenant"])
        except CovenantInvalid as invalid:
            raise CommandError("\n".join(i.render() for i in invalid.issues)) from None
        except OSError as error:
            raise CommandError(str(error)) from None
        if options["list_users"]:
            for line in user_lines(people):
                self.stdout.write(line)
            return
        self.stdout.write(
            f"Demo partnership '{version.partnership.name}' loaded: version {version.label}, "
            f"{version.get_status_display()}. {len(people)} demo accounts, "
            f"password '{DEMO_PASSWORD}' (list them with: deelwijzer loaddemo --list-users)."
        )
