"""Age on the decision day (S6): birthdays count on the day, 29 February turns on 1 March."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deelwijzer.policy import age_on


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (dt.date(2014, 6, 1), dt.date(2026, 5, 31), 11),
        (dt.date(2014, 6, 1), dt.date(2026, 6, 1), 12),  # the birthday counts as the new age
        (dt.date(2010, 6, 1), dt.date(2026, 5, 31), 15),
        (dt.date(2010, 6, 1), dt.date(2026, 6, 1), 16),
        (dt.date(2012, 2, 29), dt.date(2024, 2, 28), 11),
        (dt.date(2012, 2, 29), dt.date(2024, 2, 29), 12),  # leap year: on the 29th
        (dt.date(2012, 2, 29), dt.date(2025, 2, 28), 12),  # common year: not yet on the 28th
        (dt.date(2012, 2, 29), dt.date(2025, 3, 1), 13),  # ... but on 1 March
        (dt.date(2026, 7, 1), dt.date(2026, 6, 1), -1),  # not born yet: below every threshold
        (dt.date(1990, 12, 31), dt.date(2026, 1, 1), 35),
    ],
)
def test_age_on(birth: dt.date, day: dt.date, age: int) -> None:
    assert age_on(birth, day) == age


@settings(max_examples=200)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.integers(min_value=0, max_value=100))
def test_age_grows_by_one_on_each_birthday(birth: dt.date, years: int) -> None:
    try:
        birthday = birth.replace(year=birth.year + years)
    except ValueError:  # 29 February in a common year: the birthday is 1 March
        birthday = dt.date(birth.year + years, 3, 1)
    assert age_on(birth, birthday) == years
    assert age_on(birth, birthday - dt.timedelta(days=1)) == years - 1
