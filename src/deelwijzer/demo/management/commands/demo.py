"""deelwijzer demo: migrate, load the demo partnership and serve it on 127.0.0.1:8000."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from deelwijzer.cases.selectors import case_count
from deelwijzer.demo.management.commands.loaddemo import user_lines
from deelwijzer.demo.services import DEMO_PASSWORD, load_demo
from deelwijzer.demo.simulate import simulate

DEMO_EVENTS = 120  # a few families with cases, consultations, consents and requests


class Command(BaseCommand):
    help = "Set up the demo database and serve Deelwijzer on http://127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="set up, print, do not serve")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        version, people = load_demo()
        if not case_count(version.partnership):
            report = simulate(DEMO_EVENTS)
            self.stdout.write(f"Demo work through the services: {report.line()}")
        host = options["addrport"]
        second_factor = (
            "off for the demo (DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR=true)"
            if settings.DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR
            else "on: scan the QR code shown after the password with an authenticator app"
        )
        self.stdout.write(self.style.SUCCESS(
            f"\nDeelwijzer demo: {version.partnership.name}, covenant {version.label} "
            f"({version.get_status_display()})"))
        self.stdout.write(f"Open http://{host}/ and log in, for example:\n")
        self.stdout.write(f"    username: regisseur    password: {DEMO_PASSWORD}\n")
        self.stdout.write(f"Second factor: {second_factor}.")
        self.stdout.write("Every demo account (same password):")
        for line in user_lines(people):
            self.stdout.write(f"    {line}")
        self.stdout.write("")
        if not options["no_serve"]:
            call_command("runserver", host, use_reloader=False)
