"""Lockout after failed logins (django-axes) that stops guessing without locking out the user.

Two keys, each with its own limit within the cool-off (``DEELWIJZER_LOGIN_COOLOFF_MINUTES``):

- account and client address: ``DEELWIJZER_LOGIN_FAILURE_LIMIT`` (5) wrong passwords for one
  account from one address. Someone at another address cannot lock the real user out.
- client address alone: ``DEELWIJZER_LOGIN_ADDRESS_FAILURE_LIMIT`` (20) wrong passwords from
  one address over all accounts, so that trying a few passwords on many accounts (password
  spraying) is stopped too.

There is deliberately no key on the account alone: that would let anyone lock any professional
out. A lockout ends after the cool-off, or for one account as soon as its professional sets a
new password through a set-password link (:func:`forgive_account`). A successful login forgives
only that account's failures from that address, never the address's failures on other accounts.

The client address is ``REMOTE_ADDR`` unless ``DEELWIJZER_TRUSTED_PROXY_HEADER`` names the
header the TLS proxy sets (e.g. ``X-Forwarded-For``): then it is the address the outermost of
``DEELWIJZER_TRUSTED_PROXY_COUNT`` trusted proxies saw, counted from the right of the header
(entries further left are the client's own claims). Behind a proxy without that setting every
professional shares the proxy's address, and the address limit is shared with them.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

ADDRESS_ONLY = "ip_address"
DEFAULT_ADDRESS_FAILURE_LIMIT = 20


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def proxy_header_meta_key(header: str) -> str:
    """``X-Forwarded-For`` -> ``HTTP_X_FORWARDED_FOR`` (the key in ``request.META``)."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address (``AXES_CLIENT_IP_CALLABLE``); the proxy header only if configured."""
    remote = request.META.get("REMOTE_ADDR", "")
    fallback = _address(remote) if remote else None
    header = getattr(settings, "DEELWIJZER_TRUSTED_PROXY_HEADER", "")
    if not header:
        return fallback
    entries = [e for e in request.META.get(proxy_header_meta_key(header), "").split(",")
               if e.strip()]
    if not entries:
        return fallback
    count = max(1, int(getattr(settings, "DEELWIJZER_TRUSTED_PROXY_COUNT", 1)))
    return _address(entries[-min(count, len(entries))]) or fallback


def _is_address_only(parameter: str | list[str]) -> bool:
    return parameter == ADDRESS_ONLY or parameter == [ADDRESS_ONLY]


def address_failure_limit() -> int:
    return int(getattr(settings, "DEELWIJZER_LOGIN_ADDRESS_FAILURE_LIMIT",
                       DEFAULT_ADDRESS_FAILURE_LIMIT))


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes' database handler with a limit per key (``AXES_HANDLER``).

    Axes compares one number, :meth:`get_failures`, with ``AXES_FAILURE_LIMIT``. Here that
    number is the failures of the key nearest its own limit, scaled to ``AXES_FAILURE_LIMIT``:
    ``failures * AXES_FAILURE_LIMIT // key_limit``, which reaches ``AXES_FAILURE_LIMIT``
    exactly when the key's failures reach the key's limit.
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None
                     ) -> int:
        account_limit = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        worst = 0
        for parameter, attempts in zip(
                parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            limit = address_failure_limit() if _is_address_only(parameter) else account_limit
            worst = max(worst, failures * account_limit // max(limit, 1))
        return worst

    def reset_user_attempts(self, request: HttpRequest,
                            credentials: dict[str, Any] | None = None) -> int:
        """After a successful login: only this account's failures from this address."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=getattr(request, "axes_ip_address", None)).delete()
        return int(count)


def forgive_account(username: str) -> int:
    """End the lockouts of one account from every address (a new password was set)."""
    count, _ = AccessAttempt.objects.filter(username=username).delete()
    return int(count)
