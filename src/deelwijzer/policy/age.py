"""Age on the day of the decision (S6; 003 art. 8, 15.3)."""

from __future__ import annotations

import datetime as dt


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years on ``day``.

    The birthday itself counts as the new age: a child born on 3 May 2014 is 12 on 3 May 2026.
    Someone born on 29 February has a birthday on 29 February in leap years and turns a year
    older on 1 March in other years (the day after 28 February, when the 29th does not exist),
    so on 28 February 2026 a child born 29 February 2014 is still 11 and on 1 March 2026 is 12.
    A birth date after ``day`` gives a negative age, which counts as "under every threshold".
    """
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
