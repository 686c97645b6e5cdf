"""Pages of lists, for every layer: which rows a screen or API page shows (:class:`Window`),
the rows with their total (:class:`Listing`), and reading one page of a selector's queryset
(:func:`window_of`) or of a list made in Python (:func:`listing_of`).

A selector that lists takes a ``window`` and returns a ``Listing``; the query runs here, in a
selectors file, as the gateway rule asks (``deelwijzer.testing.gateway``). The API pages with
``deelwijzer.api.pagination.ListApi``, the screens with ``deelwijzer.paging``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Model, QuerySet

T = TypeVar("T")
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Window:
    """Which rows of a list a screen or API page shows: ``limit`` rows from ``offset`` on
    (``limit`` None: all of them)."""

    offset: int = 0
    limit: int | None = None


@dataclass(frozen=True)
class Listing(Generic[T]):
    """The rows of one page and how many there are in all."""

    rows: list[T]
    total: int


ALL = Window()  # every row: for commands and services that act on all of them


def listing_of(rows: list[T], window: Window) -> Listing[T]:
    """One page of a list made in Python (e.g. merged from several sources and sorted)."""
    if window.limit is None:
        return Listing(rows, len(rows))
    return Listing(rows[window.offset:window.offset + window.limit], len(rows))


def window_of(rows: QuerySet[M], window: Window) -> Listing[M]:
    """One page of a selector's queryset, read here (so the query runs in a selectors file,
    the gateway rule), with the total: one query for the page and one COUNT, which is left out
    when the first page is not full."""
    if window.limit is None:
        found = list(rows)
        return Listing(found, len(found))
    found = list(rows[window.offset:window.offset + window.limit])
    if window.offset == 0 and len(found) < window.limit:
        return Listing(found, len(found))
    return Listing(found, rows.count())


