"""deelwijzer simulate --events N: realistic processing through the services (demo, benchmarks)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from deelwijzer.demo.simulate import simulate


class Command(BaseCommand):
    help = ("Realistic processing through the services on the demo covenant: cases, "
            "consultations, records, views, consents, disclosures, data requests, refusals.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=200,
                            help="number of processings to run (default 200)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEELWIJZER_ALLOW_DEMO", False):
            raise CommandError("The simulation cannot run with these settings (production).")
        if options["events"] < 1:
            raise CommandError("--events must be at least 1.")
        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        report = simulate(options["events"], seed=options["seed"])
        seconds = time.perf_counter() - started
        self.stdout.write(f"{report.line()} in {seconds:.1f} s")
