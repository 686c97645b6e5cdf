"""Reads of the partner administrator's staff screens and API: which professionals it manages,
a page of them with search and filters."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.selectors import ALL, Listing, Window, window_of


def staff_of(editor: Professional) -> QuerySet[Professional]:
    """The professionals a partner administrator manages: their own partner's, never
    system administrators (those are managed in the Django admin). The screens and the API."""
    return (
        Professional.objects.filter(partner=editor.partner)
        .exclude(role_assignments__role=Role.SYSTEM_ADMIN.value)
        .select_related("partner")
        .prefetch_related("role_assignments")
    )


def staff_listing(editor: Professional, *, search: str = "", active: str = "", role: str = "",
                  window: Window = ALL) -> Listing[Professional]:
    """A page of the editor's staff by name (family name, given name), with their partner and
    roles in three queries whatever the window. ``search`` matches the name, username or
    e-mail address (every word); ``active`` "active" or "inactive"; ``role`` a role value."""
    rows = staff_of(editor)
    for word in search.split()[:10]:
        rows = rows.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                           | Q(username__icontains=word) | Q(email__icontains=word))
    if active == "active":
        rows = rows.filter(is_active=True)
    elif active == "inactive":
        rows = rows.filter(is_active=False)
    if role:
        rows = rows.filter(role_assignments__role=role)
    return window_of(rows.order_by("last_name", "first_name", "pk"), window)
