"""Fixtures for the processing log tests."""

from __future__ import annotations

import base64
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.db import connection

from deelwijzer.processing_log.services import LogRecord

_counter = itertools.count(1)

SIGNING_KEY = base64.b64encode(bytes(range(32))).decode()
OTHER_KEY = base64.b64encode(bytes(range(32, 64))).decode()


def public_key_b64(private_b64: str) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_b64))
    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


@pytest.fixture(autouse=True)
def signing_key(monkeypatch: pytest.MonkeyPatch) -> str:
    """A fixed signing key from the environment, as in production."""
    monkeypatch.setenv("DEELWIJZER_LOG_SIGNING_KEY", SIGNING_KEY)
    monkeypatch.delenv("DEELWIJZER_LOG_SIGNING_KEY_FILE", raising=False)
    monkeypatch.delenv("DEELWIJZER_LOG_PUBLIC_KEYS", raising=False)
    return SIGNING_KEY


def make_record(**overrides: Any) -> LogRecord:
    n = next(_counter)
    values: dict[str, Any] = {
        "activity_id": "toekomst/2024-1/veiligheid-kind/analyse",
        "covenant_version": "2024-1",
        "purpose": "veiligheid-kind",
        "step": "analyse",
        "action": "view",
        "subject_id": f"person:{n % 5}",
        "actor_id": "17",
        "actor_partner": "jeugdbescherming",
        "recipient_partner": None,
        "ground": "6.1.e",
        "categories": ("naw", "gezondheid"),
        "allowed": True,
        "rule_ids": ("S1", "S4"),
        "case_ref": "case-1",
    }
    values.update(overrides)
    return LogRecord(**values)


@pytest.fixture
def record() -> Callable[..., LogRecord]:
    return make_record


def drop_triggers() -> None:
    """What an attacker with database access does first (raw SQL, per database)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER "{name}"')
        else:
            for table in ("processing_log_logentry", "processing_log_checkpoint"):
                cursor.execute(
                    "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                    "AND tgrelid = %s::regclass", [table])
                for (name,) in cursor.fetchall():
                    cursor.execute(f'DROP TRIGGER "{name}" ON {table}')


@pytest.fixture
def attacker() -> Iterator[Callable[[str, list[Any] | None], None]]:
    """Drop the triggers, then run raw SQL against the log."""
    drop_triggers()

    def run(sql: str, params: list[Any] | None = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    yield run
