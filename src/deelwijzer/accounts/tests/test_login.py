"""The password login page: reasons only after a correct password; lockout (django-axes)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijzer.accounts.access import add_years
from deelwijzer.accounts.roles import Role
from deelwijzer.accounts.tests.helpers import password_login
from deelwijzer.testing.factories import PartnerFactory, ProfessionalFactory

pytestmark = pytest.mark.django_db


def blocker_codes(response) -> list[str]:
    return list(response.context["blocker_codes"])


def assert_logged_in(client, user):
    assert int(client.session["_auth_user_id"]) == user.pk


def assert_not_logged_in(client):
    assert "_auth_user_id" not in client.session


def test_login_page_renders_accessible_form(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="id_username"' in html
    assert 'for="id_password"' in html
    assert 'autocomplete="current-password"' in html
    assert 'id="oidc-login"' not in html  # OIDC is off without OIDC_RP_CLIENT_ID


def test_expired_vog_refused_with_reason_on_the_page(client):
    user = ProfessionalFactory(vog_expired=True)
    response = password_login(client, user.username)
    assert response.status_code == 200
    assert blocker_codes(response) == ["vog_expired"]
    html = response.content.decode()
    assert 'data-code="vog_expired"' in html
    assert 'data-article="6.3"' in html
    assert "6.3" in html
    assert_not_logged_in(client)


@pytest.mark.parametrize(
    ("years_ago_plus_days", "allowed"),
    [(0, True), (1, False), (-1, True)],
    ids=["exactly-three-years", "one-day-older", "one-day-younger"],
)
def test_vog_boundary_days(client, years_ago_plus_days, allowed):
    today = timezone.localdate()
    vog_date = add_years(today, -3) - dt.timedelta(days=years_ago_plus_days)
    user = ProfessionalFactory(vog_date=vog_date, roles=[Role.TEAM_COORDINATOR])
    response = password_login(client, user.username)
    if allowed:
        assert response.status_code == 302
        assert_logged_in(client, user)
    else:
        assert blocker_codes(response) == ["vog_expired"]
        assert_not_logged_in(client)


def test_shell_partner_without_declaration_refused(client):
    user = ProfessionalFactory(partner=PartnerFactory(shell=True))
    response = password_login(client, user.username)
    assert blocker_codes(response) == ["declaration_missing"]
    assert 'data-code="declaration_missing"' in response.content.decode()
    assert_not_logged_in(client)


def test_shell_partner_with_declaration_allowed(client):
    user = ProfessionalFactory(partner=PartnerFactory(shell=True), declaration_signed=True)
    response = password_login(client, user.username)
    assert response.status_code == 302
    assert_logged_in(client, user)


def test_core_partner_without_declaration_allowed(client):
    user = ProfessionalFactory(partner=PartnerFactory(), confidentiality_declaration_date=None)
    response = password_login(client, user.username)
    assert response.status_code == 302
    assert_logged_in(client, user)


def test_deactivated_professional_told_after_correct_password(client):
    user = ProfessionalFactory(is_active=False)
    response = password_login(client, user.username)
    assert blocker_codes(response) == ["inactive"]
    assert_not_logged_in(client)


def test_wrong_password_gives_generic_error_and_no_reasons(client):
    user = ProfessionalFactory(vog_expired=True, partner=PartnerFactory(shell=True))
    response = password_login(client, user.username, password="wrong-password-123")
    assert response.status_code == 200
    assert blocker_codes(response) == []
    form = response.context["form"]
    assert [e.code for e in form.non_field_errors().as_data()] == ["invalid_login"]
    html = response.content.decode()
    assert "data-code=" not in html
    assert 'id="login-errors"' in html
    assert 'aria-describedby="login-errors"' in html
    assert_not_logged_in(client)


def test_unknown_user_gets_the_same_generic_error(client):
    response = password_login(client, "nobody", password="wrong-password-123")
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == [
        "invalid_login"
    ]


def test_lockout_after_failure_limit(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = ProfessionalFactory()
    responses = [
        password_login(client, user.username, password=f"wrong-{i}-password")
        for i in range(3)
    ]
    assert [r.status_code for r in responses[:2]] == [200, 200]
    locked = responses[2]
    assert locked.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in locked.templates]
    html = locked.content.decode()
    assert 'id="locked-out"' in html
    assert 'data-failure-limit="3"' in html
    assert 'data-cooloff-minutes="30"' in html
    # Even the right password is refused now, without revealing anything else.
    again = password_login(client, user.username)
    assert again.status_code == 429
    assert_not_logged_in(client)


def test_successful_login_redirects_to_next_for_team_coordinator(client):
    user = ProfessionalFactory(roles=[Role.TEAM_COORDINATOR])
    response = password_login(client, user.username, next="/accounts/login/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?x=1"


@pytest.mark.urls("deelwijzer.accounts.tests.urls_oidc")
def test_oidc_button_only_when_enabled(client, settings):
    settings.OIDC_ENABLED = True
    settings.DEELWIJZER_OIDC_PROVIDER_NAME = "Gemeente Kleinstad"
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'id="oidc-login"' in html
    assert "Gemeente Kleinstad" in html
    assert reverse("oidc_authentication_init") in html
