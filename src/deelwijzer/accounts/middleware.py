"""Access policy for logged-in professionals (P2, P3, second factor) on every request.

1. The access rules are re-checked on each request: a professional whose VOG expires, who is
   deactivated, or whose partner becomes a shell partner without a declaration, is logged
   out and the login page says why.
2. Until the second factor is done, every page except login, logout, the second-factor
   pages, set-password links, static files and language switching redirects to the
   second-factor page.

Cheap: the partner comes with the user (ProfessionalBackend.get_user uses select_related);
the roles cost one query and stay cached on the user for the rest of the request.
Must come after AuthenticationMiddleware and django_otp's OTPMiddleware.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.accounts.access import (
    login_blockers,
    needs_second_factor,
    remember_blockers,
    second_factor_done,
)
from deelwijzer.accounts.models import Professional

# URL names (namespace:name) reachable before the second factor is done.
OPEN_URL_NAMES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:otp_setup",
        "accounts:otp_verify",
        "accounts:password_set",
        "accounts:password_set_done",
        "set_language",
        "oidc_authentication_init",
        "oidc_authentication_callback",
        "oidc_logout",
    }
)


def _verified() -> bool:
    return True


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class AccessPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        user = request.user
        if not user.is_authenticated or not isinstance(user, Professional):
            return None

        blockers = login_blockers(user, timezone.localdate())
        if blockers:
            logout(request)
            remember_blockers(request, blockers)
            return _redirect(request, reverse("accounts:login"))

        done = second_factor_done(request)
        if done and not getattr(user, "is_verified", _verified)():
            # The partner's identity provider asserted MFA: count it as verified for
            # everything that asks django-otp (e.g. otp_required).
            setattr(user, "is_verified", _verified)  # noqa: B010
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_URL_NAMES:
            return None
        if not done and needs_second_factor(user):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": str(_(
                    "Complete the second factor in the browser first, or use a personal API "
                    "token."))}, status=403)
            query = urlencode({"next": request.get_full_path()})
            return _redirect(request, f"{reverse('accounts:otp_verify')}?{query}")
        return None
