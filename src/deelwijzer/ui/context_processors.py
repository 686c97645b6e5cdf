"""The main navigation: the screens the user's roles work in, in the order they work.

Each entry names a URL and the roles that see it; an app whose screens do not exist (yet)
is skipped instead of breaking every page.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.roles import Role

PRACTITIONERS = frozenset({Role.PROFESSIONAL, Role.CASE_DIRECTOR, Role.CHAIR})

# (URL name, label, roles that see it; empty: everyone)
NAVIGATION: tuple[tuple[str, Promise, frozenset[Role]], ...] = (
    ("ui:home", _("Home"), frozenset()),
    ("cases:list", _("Cases"), PRACTITIONERS),
    ("cases:consultations", _("Consultations"), PRACTITIONERS),
    ("sharing:start", _("May I share this?"), PRACTITIONERS),
    ("datarequests:list", _("Data requests"), PRACTITIONERS),
    ("veiligthuis:start", _("Veilig Thuis"), PRACTITIONERS),
    ("consent:reminders", _("To inform"), PRACTITIONERS),
    ("cases:monitoring", _("Monitoring"), frozenset({Role.TEAM_COORDINATOR})),
    ("covenant:partnership", _("Partnership"), frozenset()),
)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not user.is_authenticated:
        return {}
    roles: frozenset[Role] = getattr(user, "roles", frozenset())
    items = []
    for name, label, needs in NAVIGATION:
        if needs and not roles & needs:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label,
                      "current": request.path == url or (url != "/" and
                                                         request.path.startswith(url))})
    return {"navigation": items}
