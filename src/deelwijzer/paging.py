"""Pages of the screens' lists: ``?page=N`` of ``PER_PAGE`` rows, the other query parameters
(search, filters, sorting) kept in the links to the other pages.

A view asks ``window = page_window(request)``, passes it to the selector (which reads that page
and the total: ``deelwijzer.selectors.Listing``) and gives the template ``pager(request, listing)``;
``{% include "ui/_pager.html" %}`` shows "1-25 of 130" with the links (a page past the last shows
no rows: the links lead back). A screen with two lists
pages each with its own parameter: ``page_window(request, name="reports_page")`` and
``pager(request, listing, name="reports_page")`` (``{% include "ui/_pager.html" with
pager=reports_pager %}``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from deelwijzer.selectors import Listing, Window

PER_PAGE = 25


def _number(request: HttpRequest, name: str = "page") -> int:
    """The page asked for; anything that is not a page number is the first page."""
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1


def page_window(request: HttpRequest, per_page: int = PER_PAGE, *, name: str = "page") -> Window:
    return Window((_number(request, name) - 1) * per_page, per_page)


@dataclass(frozen=True)
class Pager:
    number: int
    per_page: int
    total: int
    query: str  # the other parameters, url-encoded, ending in "&" when not empty
    name: str = "page"  # the page's query parameter

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        return min(self.total, (self.number - 1) * self.per_page + 1)

    @property
    def last(self) -> int:
        return min(self.total, self.number * self.per_page)

    @property
    def previous_url(self) -> str:
        return f"?{self.query}{self.name}={self.number - 1}" if self.number > 1 else ""

    @property
    def next_url(self) -> str:
        return f"?{self.query}{self.name}={self.number + 1}" if self.number < self.pages else ""


def pager(request: HttpRequest, listing: Listing[Any], per_page: int = PER_PAGE, *,
          name: str = "page") -> Pager:
    others = request.GET.copy()
    others.pop(name, None)
    query = others.urlencode()
    return Pager(_number(request, name), per_page, listing.total, f"{query}&" if query else "",
                 name)
