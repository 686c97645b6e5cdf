"""The production server: gunicorn, run in-process by ``deelwijzer serve``.

- :func:`default_workers`: ``2 x CPUs + 1`` sync workers (gunicorn's own rule of thumb). A
  request spends part of its time waiting for the database (on PostgreSQL another process, on
  SQLite the disk and the write lock), so a few more workers than CPUs keep the CPUs busy; far
  more only adds memory and database connections. The CPUs are those this process may run on
  (``os.sched_getaffinity``), not all the machine's. ``WEB_CONCURRENCY`` overrides the default,
  as for gunicorn itself.
- :func:`ensure_static`: collects the static files into ``STATIC_ROOT`` when they changed
  since the last collection (a fingerprint of every source file's name, size and modification
  time), under a file lock so that several servers starting at once on one host collect once.
- :class:`DeelwijzerServer`: the gunicorn application with the project's WSGI application,
  loaded in the master before the workers are forked (``preload_app``; the management command
  has imported Django and every app in the master already, so loading there costs nothing and
  the workers share those pages). ``gc.freeze()`` right before each fork moves everything
  loaded so far out of the garbage collector's reach, so that a collection in a worker does
  not touch (and so copy) the shared pages.

Gunicorn's signals: ``SIGHUP`` restarts the workers gracefully (new workers start, the old
ones finish their requests within ``--graceful-timeout``); ``SIGTERM`` stops gracefully (no new
connections, running requests finish within the graceful timeout); ``SIGINT``/``SIGQUIT`` stop
at once; ``SIGTTIN``/``SIGTTOU`` add or remove a worker. Because the application is loaded in
the master, ``SIGHUP`` does not load new code: after an upgrade restart the service (or
``SIGUSR2`` for gunicorn's re-exec of the master, then ``SIGTERM`` to the old master).

Nothing here keeps state in the process that another process would need: sessions, login
lockouts (django-axes), second-factor throttling, API tokens and the processing log are in
the database, so any number of these servers can run side by side on one database.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.db import connections
from gunicorn.app.base import BaseApplication

FINGERPRINT_FILE = ".deelwijzer-static-fingerprint"


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """``WEB_CONCURRENCY`` if set, else 2 x CPUs + 1."""
    configured = os.environ.get("WEB_CONCURRENCY", "")
    if configured.strip():
        return max(1, int(configured))
    return 2 * cpu_count() + 1


def static_fingerprint() -> str:
    """A hash over every static source file (its name, size and modification time) and the
    storage that collects them: changes when a collection would change something."""
    digest = hashlib.sha256(str(settings.STORAGES["staticfiles"]["BACKEND"]).encode())
    entries = []
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode("utf-8", "surrogateescape"))
        digest.update(b"\n")
    return digest.hexdigest()


def ensure_static(log: Callable[[str], None] = lambda _line: None) -> bool:
    """Collect the static files into STATIC_ROOT if they changed since the last collection.
    Returns whether it collected."""
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    marker = root / FINGERPRINT_FILE
    with open(root.parent / f".{root.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        fingerprint = static_fingerprint()
        if marker.exists() and marker.read_text().strip() == fingerprint:
            return False
        log(f"Collecting static files into {root} ...")
        call_command("collectstatic", interactive=False, verbosity=0)
        marker.write_text(fingerprint + "\n")
        return True


def _pre_fork(_server: Any, _worker: Any) -> None:
    gc.freeze()


class DeelwijzerServer(BaseApplication):  # type: ignore[misc]
    """Gunicorn with the project's WSGI application and the given settings."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()

    def run(self) -> None:
        # No database connection may cross the fork: a worker would share its socket.
        connections.close_all()
        super().run()


def server_options(
    *, bind: str, workers: int, threads: int, timeout: int, graceful_timeout: int,
    access_log: str | None, preload: bool,
) -> dict[str, Any]:
    options: dict[str, Any] = {
        "bind": [bind],
        "workers": workers,
        "threads": threads,
        # gthread keeps a thread pool per worker; with one thread the plain sync worker.
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": timeout,
        "graceful_timeout": graceful_timeout,
        "keepalive": 5,
        "accesslog": access_log,
        "errorlog": "-",
        "preload_app": preload,
        # No control socket: its default path is one per user, which two servers on one host
        # would fight over; the signals above do what it would.
        "control_socket_disable": True,
        "proc_name": "deelwijzer",
        "pre_fork": _pre_fork if preload else None,
    }
    return options
