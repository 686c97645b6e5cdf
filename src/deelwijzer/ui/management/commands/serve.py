"""deelwijzer serve: the production server (gunicorn, in-process; see deelwijzer.server).

    deelwijzer serve [--bind 127.0.0.1:8000] [--workers N] [--threads N] [--timeout S]
                     [--access-log FILE|- | --no-access-log] [--no-preload]

Collects the static files first when they changed (WhiteNoise serves them). SIGHUP restarts
the workers gracefully, SIGTERM stops gracefully.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deelwijzer.server import (
    DeelwijzerServer,
    cpu_count,
    default_workers,
    ensure_static,
    server_options,
)


class Command(BaseCommand):
    help = (
        "Serve Deelwijzer with gunicorn: 2 x CPUs + 1 workers by default, access log on "
        "stdout, static files collected when they changed. SIGHUP: graceful restart of the "
        "workers; SIGTERM: graceful stop."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000",
                            help="HOST:PORT or unix:PATH (default 127.0.0.1:8000)")
        parser.add_argument("--workers", type=int, default=None,
                            help=f"worker processes (default: WEB_CONCURRENCY, else 2 x CPUs "
                                 f"+ 1 = {default_workers()} here, {cpu_count()} CPUs)")
        parser.add_argument("--threads", type=int, default=1,
                            help="threads per worker (default 1: sync workers)")
        parser.add_argument("--timeout", type=int, default=30,
                            help="seconds a request may take before its worker is restarted")
        parser.add_argument("--graceful-timeout", type=int, default=30,
                            help="seconds running requests get on SIGHUP or SIGTERM")
        parser.add_argument("--access-log", default="-", metavar="FILE|-",
                            help="where the access log goes (default '-': stdout)")
        parser.add_argument("--no-access-log", action="store_true", help="no access log")
        parser.add_argument("--no-preload", action="store_true",
                            help="load the application in each worker, not in the master")
        parser.add_argument("--no-collectstatic", action="store_true",
                            help="do not collect the static files (they are collected already)")

    def handle(self, *args: Any, **options: Any) -> None:
        workers = options["workers"] or default_workers()
        if workers < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        if not options["no_collectstatic"]:
            ensure_static(lambda line: self.stdout.write(line))
        self.stdout.flush()
        DeelwijzerServer(server_options(
            bind=options["bind"], workers=workers, threads=options["threads"],
            timeout=options["timeout"], graceful_timeout=options["graceful_timeout"],
            access_log=None if options["no_access_log"] else options["access_log"],
            preload=not options["no_preload"],
        )).run()
