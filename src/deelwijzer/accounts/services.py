"""Writes on professionals: create, update, deactivate, second factor reset, set-password link.

Input is validated by the forms; these functions apply the change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.accounts.models import Professional, RoleAssignment
from deelwijzer.accounts.roles import Role
from deelwijzer.covenant.models import Partner


def _set_roles(professional: Professional, roles: Iterable[Role]) -> None:
    wanted = {Role(r).value for r in roles}
    professional.role_assignments.exclude(role__in=wanted).delete()
    have = set(professional.role_assignments.values_list("role", flat=True))
    RoleAssignment.objects.bulk_create(
        RoleAssignment(professional=professional, role=r) for r in sorted(wanted - have)
    )
    professional.__dict__.pop("_roles_cache", None)


@transaction.atomic
def professional_create(
    *, partner: Partner, roles: Iterable[Role], fields: dict[str, Any]
) -> Professional:
    """A new professional of ``partner`` without a usable password (use a set-password link)."""
    professional = Professional(partner=partner, **fields)
    professional.set_unusable_password()
    professional.save()
    _set_roles(professional, roles)
    return professional


@transaction.atomic
def professional_update(
    *, professional: Professional, roles: Iterable[Role], fields: dict[str, Any]
) -> Professional:
    for name, value in fields.items():
        setattr(professional, name, value)
    professional.save()
    _set_roles(professional, roles)
    return professional


@transaction.atomic
def professional_deactivate(*, professional: Professional) -> None:
    """No login anymore; running sessions end on their next request (middleware)."""
    professional.is_active = False
    professional.save(update_fields=["is_active"])


@transaction.atomic
def professional_reset_second_factor(*, professional: Professional) -> int:
    """Remove the TOTP devices; the next login sets up a new one. Returns how many."""
    deleted: int = TOTPDevice.objects.filter(user=professional).delete()[0]
    return deleted


def professional_set_password_link(*, request: HttpRequest, professional: Professional) -> str:
    """An absolute one-time link to set a password (Django's password reset token).

    The token is invalidated as soon as the password changes (it hashes the password),
    and expires after PASSWORD_RESET_TIMEOUT.
    """
    path = reverse(
        "accounts:password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(professional.pk)),
            "token": default_token_generator.make_token(professional),
        },
    )
    return request.build_absolute_uri(path)
