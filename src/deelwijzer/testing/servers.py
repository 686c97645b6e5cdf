"""Real ``deelwijzer serve`` processes on a database of their own, for tests/test_serve.py and
bench/api.py. No mocks: the database is a fresh SQLite file or a fresh PostgreSQL database
created by name on the server ``DATABASE_URL`` points at (and dropped afterwards), prepared
through the CLI in subprocesses, and the servers are separate process groups.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

VENV_BIN = Path(sys.executable).parent
CLI = str(VENV_BIN / "deelwijzer")
PREPARE_SETTINGS = "deelwijzer.conf.dev"  # loaddemo and simulate are refused in production
SERVE_SETTINGS = "deelwijzer.conf.production"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


@dataclass
class Site:
    """A prepared database and the environment every process of one site shares: the same
    secret key, data key and log signing key, the same database."""

    folder: Path
    database_url: str
    vendor: str
    secrets: dict[str, str] = field(default_factory=dict)

    def env(self, settings: str = SERVE_SETTINGS, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("DEELWIJZER_", "DJANGO_", "DATABASE_", "WEB_CONCURRENCY"))}
        env.update(self.secrets)
        env.update(DJANGO_SETTINGS_MODULE=settings, DATABASE_URL=self.database_url,
                   DJANGO_STATIC_ROOT=str(self.folder / "static"), PYTHONUNBUFFERED="1")
        env.update(extra)
        return env

    def cli(self, *args: str, settings: str = PREPARE_SETTINGS, timeout: float = 600,
            check: bool = True, **extra: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([CLI, *args], env=self.env(settings, **extra), text=True,  # noqa: S603
                              capture_output=True, timeout=timeout, check=False)
        if check and done.returncode != 0:
            raise RuntimeError(f"deelwijzer {' '.join(args)} failed ({done.returncode}):\n"
                               f"{done.stdout}\n{done.stderr}")
        return done

    def python(self, code: str, settings: str = PREPARE_SETTINGS, timeout: float = 300) -> Any:
        """Run ``code`` in a fresh Django process of this site; it prints one JSON line last."""
        script = "import django, json\ndjango.setup()\n" + code
        done = subprocess.run([sys.executable, "-c", script], env=self.env(settings),  # noqa: S603
                              text=True, capture_output=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"site script failed ({done.returncode}):\n{done.stderr}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def prepare(self, events: int = 0, scale: str | None = None) -> None:
        """migrate + loaddemo (+ simulate), as a newcomer would, through the CLI."""
        self.cli("migrate", "--no-input", "-v", "0")
        self.cli("loaddemo")
        if scale:
            self.cli("simulate", "--scale", scale)
        elif events:
            self.cli("simulate", "--events", str(events))

    def token(self, username: str) -> str:
        return self.cli("apitoken", "create", username).stdout.strip().splitlines()[-1]


@contextmanager
def site(tag: str = "serve", keep: bool = False) -> Iterator[Site]:
    """A fresh database: SQLite in a temporary folder, or, when DATABASE_URL names a
    PostgreSQL server, a database ``deelwijzer_<tag>_<pid>`` created there."""
    folder = Path(tempfile.mkdtemp(prefix=f"deelwijzer-{tag}-"))
    url = os.environ.get("DATABASE_URL", "")
    keys = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DEELWIJZER_DATA_KEY": _key(),
            "DEELWIJZER_LOG_SIGNING_KEY": _key()}
    try:
        if not url.startswith(("postgres://", "postgresql://")):
            yield Site(folder, f"sqlite:///{folder / 'db.sqlite3'}", "sqlite", keys)
            return
        import psycopg

        name = f"deelwijzer_{tag}_{os.getpid()}"
        parts = urlsplit(url)
        admin = urlunsplit(parts._replace(scheme="postgresql"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield Site(folder, urlunsplit(parts._replace(path=f"/{name}")), "postgresql", keys)
        finally:
            if not keep:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Server:
    """One ``deelwijzer serve`` process group."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, timeout: float = 15) -> None:
        if self.process.poll() is not None:
            return
        pgid = os.getpgid(self.process.pid)
        os.killpg(pgid, signal.SIGTERM)  # gunicorn's graceful stop
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.process.wait(5)


def wait_until_serving(server: Server, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"deelwijzer serve exited ({server.process.returncode}):\n"
                               f"{server.output()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            conn.request("GET", "/accounts/login/", headers={"X-Forwarded-Proto": "https"})
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"deelwijzer serve did not answer within {timeout} s:\n{server.output()}")


def start(site_: Site, *args: str, settings: str = SERVE_SETTINGS,
          env: Mapping[str, str] | None = None) -> Server:
    """Start ``deelwijzer serve --bind 127.0.0.1:<free port> ARGS`` in a process group of its
    own (not waiting for it)."""
    port = free_port()
    log = site_.folder / f"serve-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(  # noqa: S603
            [CLI, "serve", "--bind", f"127.0.0.1:{port}", *args],
            env=site_.env(settings, **(env or {})), stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    return Server(port, process, log)


@contextmanager
def serving(site_: Site, *args: str, count: int = 1, settings: str = SERVE_SETTINGS,
            timeout: float = 120, env: Mapping[str, str] | None = None) -> Iterator[list[Server]]:
    """``count`` servers started side by side, all answering when this yields; stopped
    (SIGTERM to each process group, then SIGKILL) afterwards."""
    servers: list[Server] = []
    try:
        for _ in range(count):
            servers.append(start(site_, *args, settings=settings, env=env))
        for server in servers:
            wait_until_serving(server, timeout)
        yield servers
    finally:
        for server in servers:
            server.stop()
