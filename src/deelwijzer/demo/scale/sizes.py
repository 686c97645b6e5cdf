"""The sizes ``simulate --scale`` knows, and the errors it reports."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    persons: int
    cases: int
    log_lines: int
    per_partner: int  # generated professionals per core partner (shell partners: a fifth)


SIZES: dict[str, Size] = {
    "small": Size(persons=100, cases=30, log_lines=6_000, per_partner=4),
    "medium": Size(persons=1_000, cases=300, log_lines=100_000, per_partner=12),
    "region": Size(persons=10_000, cases=3_000, log_lines=1_000_000, per_partner=40),
}


def size_for(scale: str) -> Size:
    """A named size, or a factor of the region ("0.1": a tenth of it)."""
    if scale in SIZES:
        return SIZES[scale]
    try:
        factor = float(scale)
    except ValueError:
        raise ValueError(f"--scale: one of {', '.join(SIZES)} or a factor, got {scale!r}") \
            from None
    if not 0 < factor <= 100:
        raise ValueError("--scale: a factor above 0 and at most 100")
    region = SIZES["region"]
    return Size(persons=max(3, round(region.persons * factor)),
                cases=max(1, round(region.cases * factor)),
                log_lines=max(1_000, round(region.log_lines * factor)),
                per_partner=max(3, min(200, round(region.per_partner * math.sqrt(factor)))))


class AlreadyScaled(RuntimeError):
    """The database already holds generated region data."""


class TooFewLogLines(ValueError):
    """The generated processing needs more log lines than were asked for."""

