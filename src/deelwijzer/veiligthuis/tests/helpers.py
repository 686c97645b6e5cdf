"""Shared builders for the veiligthuis tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from deelwijzer.veiligthuis import services


def steps(skip: tuple[int, ...] = ()) -> dict[int, tuple[dt.date | None, str]]:
    today = timezone.localdate()
    return {n: (today - dt.timedelta(days=10 - n), f"Notitie stap {n}")
            for n in range(1, 6) if n not in skip}


def report(demo: Any, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "professional": demo.director, "person": demo.child,
        "concerns": "Blauwe plekken, kind wil niet naar huis.",
        "categories": ["identiteit", "aard-zorgen"], "steps": steps(),
        "family_informed_before": True,
    }
    values.update(overrides)
    return services.report_create(**values)
