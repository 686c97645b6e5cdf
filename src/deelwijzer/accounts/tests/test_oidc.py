"""PartnerOIDCBackend: match an existing professional by e-mail, refuse when blocked."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory

from deelwijzer.accounts.access import (
    BLOCKED_SESSION_KEY,
    IDP_MFA_SESSION_KEY,
    NOTICE_SESSION_KEY,
)
from deelwijzer.accounts.oidc import PartnerOIDCBackend, asserts_mfa
from deelwijzer.testing.factories import PartnerFactory, ProfessionalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "deelwijzer"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/jwks"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_CREATE_USER = False
    instance = PartnerOIDCBackend()
    request = RequestFactory().get("/oidc/callback/")
    request.session = SessionStore()
    instance.request = request
    return instance


def test_matches_existing_professional_by_email_case_insensitive(backend):
    user = ProfessionalFactory(email="s.jansen@ggd.example")
    found = backend.match_professional({"email": "S.Jansen@GGD.example", "sub": "x"}, {})
    assert found == user
    assert found.idp_asserted_mfa is False


def test_unknown_email_never_creates_a_user(backend):
    assert backend.match_professional({"email": "new@ggd.example"}, {}) is None
    assert backend.request.session[NOTICE_SESSION_KEY] == "oidc_no_account"
    with pytest.raises(SuspiciousOperation):
        backend.create_user({"email": "new@ggd.example"})


def test_unverified_email_is_not_matched(backend):
    ProfessionalFactory(email="s.jansen@ggd.example")
    claims = {"email": "s.jansen@ggd.example", "email_verified": False}
    assert backend.match_professional(claims, {}) is None


def test_ambiguous_email_is_refused(backend):
    ProfessionalFactory(email="team@ggd.example")
    ProfessionalFactory(email="TEAM@ggd.example")
    assert backend.match_professional({"email": "team@ggd.example"}, {}) is None


def test_missing_email_claim_fails_claim_verification(backend):
    with pytest.raises(SuspiciousOperation):
        backend.match_professional({"sub": "x"}, {})


def test_blocked_professional_refused_with_reason_kept(backend):
    ProfessionalFactory(email="agent@politie.example", partner=PartnerFactory(shell=True),
                        vog_expired=True)
    assert backend.match_professional({"email": "agent@politie.example"}, {}) is None
    assert backend.request.session[BLOCKED_SESSION_KEY] == ["vog_expired", "declaration_missing"]


def test_mfa_at_the_identity_provider_is_recognised(backend):
    ProfessionalFactory(email="s.jansen@ggd.example")
    found = backend.match_professional(
        {"email": "s.jansen@ggd.example"}, {"amr": ["pwd", "mfa"]}
    )
    assert found.idp_asserted_mfa is True
    assert asserts_mfa({"amr": ["otp"]})
    assert asserts_mfa({"amr": "mfa"})
    assert not asserts_mfa({"amr": ["pwd"]}, {})


def test_login_after_idp_mfa_counts_as_second_factor(client, backend, settings):
    from django.contrib.auth import login
    from django.urls import reverse

    from deelwijzer.accounts.access import OIDC_BACKEND_PATH, second_factor_done
    from deelwijzer.accounts.roles import Role

    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND_PATH]
    user = ProfessionalFactory(email="s.jansen@ggd.example", roles=[Role.PARTNER_ADMIN])
    found = backend.match_professional({"email": user.email}, {"amr": ["mfa"]})
    request = backend.request
    request.user = found
    login(request, found, backend=OIDC_BACKEND_PATH)
    assert request.session[IDP_MFA_SESSION_KEY] == user.pk
    request.session.save()
    client.cookies["sessionid"] = request.session.session_key
    assert client.get(reverse("accounts:staff_list")).status_code == 200

    # Without MFA at the IdP the TOTP step still applies.
    plain = backend.match_professional({"email": user.email}, {"amr": ["pwd"]})
    request2 = RequestFactory().get("/")
    request2.session = SessionStore()
    request2.user = plain
    login(request2, plain, backend=OIDC_BACKEND_PATH)
    assert IDP_MFA_SESSION_KEY not in request2.session
    assert not second_factor_done(request2)
