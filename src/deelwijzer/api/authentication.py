"""``Authorization: Token <key>``: a personal API token (``deelwijzer apitoken create``).

The token's professional must pass the login rules on every request (P2 VOG, P3 declaration,
active account); the reason is given in the 401 body when not.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from deelwijzer.accounts.access import login_blockers
from deelwijzer.accounts.tokens import api_token_professional


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: use 'Authorization: Token <key>'."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        professional = api_token_professional(key)
        if professional is None:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        blockers = login_blockers(professional, timezone.localdate())
        if blockers:
            raise exceptions.AuthenticationFailed(" ".join(str(b.message) for b in blockers))
        return professional, None

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """The token in the OpenAPI file."""

    target_class = "deelwijzer.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Token <key>, created with `deelwijzer apitoken create USERNAME`"}
