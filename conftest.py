"""Fixtures shared by every test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
MINIMAL_COVENANT = ROOT / "src/deelwijzer/covenant/tests/fixtures/minimal.yaml"
EXAMPLES = ROOT / "examples/covenants"


@pytest.fixture
def minimal_covenant_path() -> Path:
    return MINIMAL_COVENANT


@pytest.fixture
def minimal_covenant_text() -> str:
    return MINIMAL_COVENANT.read_text(encoding="utf-8")
