"""Template helpers for the accounts pages."""

from __future__ import annotations

import datetime as dt
import math

from django import template

register = template.Library()


@register.filter
def minutes(value: dt.timedelta | None) -> int:
    """A duration in whole minutes, rounded up (for the lockout page)."""
    if value is None:
        return 0
    return max(1, math.ceil(value.total_seconds() / 60))
