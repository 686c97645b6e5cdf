"""Optional login through a partner's identity provider (OpenID Connect).

Switched on by environment variables (OIDC_RP_CLIENT_ID and friends, see conf/base.py).
The backend never creates users: it matches an existing professional by business e-mail,
refuses when the access rules block them (the login page then says why), and trusts the
identity provider's multi-factor authentication when the ID token says so (``amr``
contains "mfa" or "otp"); otherwise the TOTP second factor still applies.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import user_logged_in
from django.core.exceptions import SuspiciousOperation
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from deelwijzer.accounts.access import (
    IDP_MFA_SESSION_KEY,
    NOTICE_SESSION_KEY,
    login_blockers,
    remember_blockers,
)
from deelwijzer.accounts.models import Professional

MFA_AMR_VALUES = frozenset({"mfa", "otp"})


def asserts_mfa(*claim_sets: dict[str, Any]) -> bool:
    """Whether any claim set carries an ``amr`` (RFC 8176) naming multi-factor or OTP."""
    for claims in claim_sets:
        amr = claims.get("amr")
        if isinstance(amr, str):
            amr = [amr]
        if isinstance(amr, list) and MFA_AMR_VALUES & {str(v).lower() for v in amr}:
            return True
    return False


class PartnerOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    request: HttpRequest

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = str(claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return Professional.objects.none()
        return Professional.objects.select_related("partner").filter(email__iexact=email)

    def create_user(self, claims: dict[str, Any]) -> Professional:
        raise SuspiciousOperation("Deelwijzer never creates accounts from OIDC claims.")

    def get_user(self, user_id: Any) -> Professional | None:
        user: Professional | None = (
            Professional.objects.select_related("partner").filter(pk=user_id).first()
        )
        return user

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> Professional | None:
        user_info = self.get_userinfo(access_token, id_token, payload)
        return self.match_professional(user_info, payload)

    def match_professional(
        self, user_info: dict[str, Any], id_token_claims: dict[str, Any] | None = None
    ) -> Professional | None:
        """The professional these claims identify, if they may log in; no network.

        Refusals keep their reason in the session for the login page.
        """
        if not self.verify_claims(user_info):
            raise SuspiciousOperation("Claims verification failed")
        users: list[Professional] = list(self.filter_users_by_claims(user_info))
        if len(users) != 1:
            # None, or an ambiguous address: never pick one at random.
            self.request.session[NOTICE_SESSION_KEY] = "oidc_no_account"
            return None
        professional = users[0]
        blockers = login_blockers(professional, timezone.localdate())
        if blockers:
            remember_blockers(self.request, blockers)
            return None
        setattr(professional, "idp_asserted_mfa", asserts_mfa(id_token_claims or {}, user_info))  # noqa: B010
        return professional


@receiver(user_logged_in, dispatch_uid="deelwijzer_oidc_mfa")
def _remember_idp_mfa(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """After login() (session key cycled), remember that the IdP did the second factor."""
    if request is None:
        return
    if getattr(user, "idp_asserted_mfa", False):
        request.session[IDP_MFA_SESSION_KEY] = user.pk
    else:
        request.session.pop(IDP_MFA_SESSION_KEY, None)
