"""Username and password login for professionals."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser

from deelwijzer.accounts.models import Professional


class ProfessionalBackend(ModelBackend):
    """Username and password; the access rules (VOG, declaration, active) are not checked here.

    Like Django's AllowAllUsersModelBackend, inactive professionals are authenticated, so
    that the login form (``confirm_login_allowed``) can tell them why they may not log in
    once their password was correct, and the AccessPolicyMiddleware can end a session with
    the reason. Every login path asks ``access.login_blockers``; no session of a blocked
    professional survives a request.
    """

    def user_can_authenticate(self, user: Professional | AnonymousUser | None) -> bool:
        return True

    def get_user(self, user_id: Any) -> Professional | None:
        # The partner is read on every request (access rules): load it with the user.
        return (
            Professional.objects.select_related("partner").filter(pk=user_id).first()
        )
