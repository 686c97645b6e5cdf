"""Helpers for the tests (factories, fixture files). Never imported by application code."""

from pathlib import Path

MINIMAL_COVENANT = Path(__file__).resolve().parent.parent / "covenant/tests/fixtures/minimal.yaml"
