"""Every list of the API is a page: ``?limit=`` (default 50, at most 200) and ``?offset=``.

The answer is ``{"count", "next", "previous", "results"}``: ``count`` is the total the caller may
see (one ``COUNT`` query), ``next``/``previous`` the addresses of the neighbouring pages. A limit
or offset that is not a whole number in range is a 400 naming the parameter, never silently
replaced by the default.

A list operation is a :class:`ListApi` whose ``get`` returns ``self.page(fetch, serialize)``:
``fetch(window)`` is a selector that reads one :class:`~deelwijzer.persons.selectors.Window` of
rows and returns a ``Listing(rows, total)``; drf-spectacular documents the page shape from
``pagination_class``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deelwijzer.selectors import Listing, Window

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Page(LimitOffsetPagination):
    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT

    def get_limit(self, request: Request) -> int:
        return _whole(request, self.limit_query_param, self.default_limit, 1, self.max_limit)

    def get_offset(self, request: Request) -> int:
        return _whole(request, self.offset_query_param, 0, 0, 2**31 - 1)


def _whole(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ValidationError({name: [ErrorDetail(
            _("a whole number from %(low)s to %(high)s.") % {"low": low, "high": high},
            code="page_range")]})
    return value


class ListApi(APIView):
    """An API list operation: paginated with :class:`Page`."""

    pagination_class = Page

    def page(self, fetch: Callable[[Window], Listing[Any]],
             serialize: Callable[[list[Any]], Any]) -> Response:
        """The page the request asks for: ``fetch(window)`` is the selector (it runs the
        queries, the gateway rule), ``serialize(rows)`` turns the page's rows into data (fetch
        related data once per page, not per row)."""
        paginator = Page()
        paginator.request = self.request
        paginator.limit = paginator.get_limit(self.request)
        paginator.offset = paginator.get_offset(self.request)
        listing = fetch(Window(paginator.offset, paginator.limit))
        paginator.count = listing.total
        return paginator.get_paginated_response(serialize(listing.rows))
