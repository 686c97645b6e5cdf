"""Personal API tokens: created for one professional, stored only as a hash, revocable.

A token carries its professional's rights and nothing more: every API request with it passes
the same access rules as a login (P2 VOG, P3 declaration, active account, partner), checked
on each request, and every processing still goes through the gateway and the policy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from deelwijzer.accounts.models import ApiToken, Professional

PREFIX_LENGTH = 8


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, professional: Professional,
                     valid_days: int | None = 365) -> tuple[ApiToken, str]:
    """A new token and its key; the key is not stored and cannot be shown again."""
    key = secrets.token_urlsafe(32)
    expires = timezone.now() + dt.timedelta(days=valid_days) if valid_days else None
    token = ApiToken.objects.create(professional=professional, prefix=key[:PREFIX_LENGTH],
                                    key_hash=_hash(key), expires_at=expires)
    return token, key


def api_token_professional(key: str) -> Professional | None:
    """The professional a valid (not revoked, not expired) key belongs to, else None."""
    token = (ApiToken.objects.select_related("professional", "professional__partner")
             .filter(key_hash=_hash(key), revoked_at__isnull=True).first())
    now = timezone.now()
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.professional


def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
