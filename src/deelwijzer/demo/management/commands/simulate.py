"""deelwijzer simulate --events N | --scale SIZE: realistic processing on the demo covenant.

``--events N`` runs N processings through the services (demo, benchmarks); ``--scale`` builds a
region in bulk (``deelwijzer.demo.scale``): the rows the services would have made and their
processing-log lines, appended by the log's own code.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from deelwijzer.demo.scale import SIZES, AlreadyScaled, TooFewLogLines, build_region, size_for
from deelwijzer.demo.simulate import simulate


class Command(BaseCommand):
    help = ("Realistic processing through the services on the demo covenant: cases, "
            "consultations, records, views, consents, disclosures, data requests, refusals. "
            "With --scale: a whole region in bulk.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=None,
                            help="number of processings to run through the services "
                                 "(default 200)")
        parser.add_argument("--scale", default=None,
                            help=f"build a region in bulk: {', '.join(SIZES)} (region: 10,000 "
                                 "persons, 3,000 cases, 1,000,000 log lines) or a factor of "
                                 "the region, e.g. 0.1")
        parser.add_argument("--persons", type=int, help="with --scale: persons")
        parser.add_argument("--cases", type=int, help="with --scale: cases")
        parser.add_argument("--log-lines", type=int, help="with --scale: processing-log lines")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEELWIJZER_ALLOW_DEMO", False):
            raise CommandError("The simulation cannot run with these settings (production).")
        if options["scale"] is None:
            if any(options[k] is not None for k in ("persons", "cases", "log_lines")):
                raise CommandError("--persons, --cases and --log-lines go with --scale.")
            self.events(options["events"] if options["events"] is not None else 200,
                        options["seed"])
        elif options["events"] is not None:
            raise CommandError("--events and --scale do not go together.")
        else:
            self.scale(options)

    def events(self, events: int, seed: int) -> None:
        if events < 1:
            raise CommandError("--events must be at least 1.")
        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        report = simulate(events, seed=seed)
        seconds = time.perf_counter() - started
        self.stdout.write(f"{report.line()} in {seconds:.1f} s")

    def scale(self, options: dict[str, Any]) -> None:
        try:
            size = size_for(options["scale"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        overrides = {k: options[k] for k in ("persons", "cases", "log_lines")
                     if options[k] is not None}
        if any(v < 1 for v in overrides.values()):
            raise CommandError("--persons, --cases and --log-lines must be at least 1.")
        size = dataclasses.replace(size, **overrides)
        call_command("migrate", verbosity=0, interactive=False)

        def say(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()

        try:
            summary = build_region(size, seed=options["seed"], say=say)
        except (AlreadyScaled, TooFewLogLines) as error:
            raise CommandError(str(error)) from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        rows = ", ".join(f"{v:,} {k}" for k, v in summary.rows.items())
        lines = ", ".join(f"{k} {v:,}" for k, v in sorted(summary.lines.items()))
        seconds = summary.seconds
        self.stdout.write(f"Rows: {rows}")
        self.stdout.write(f"Log: {summary.log_lines:,} lines ({lines})")
        self.stdout.write(
            f"Done in {seconds['total']:.1f} s (plan {seconds['plan']:.1f} s, rows "
            f"{seconds['rows']:.1f} s, log {seconds['log']:.1f} s). Check it with: "
            "deelwijzer log verify")
