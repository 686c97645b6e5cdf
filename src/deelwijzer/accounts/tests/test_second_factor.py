"""TOTP second factor (django-otp) and the AccessPolicyMiddleware."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.accounts.roles import Role
from deelwijzer.accounts.tests.helpers import confirmed_device, password_login, totp_code
from deelwijzer.testing.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:otp_verify")
SETUP = reverse("accounts:otp_setup")
STAFF = reverse("accounts:staff_list")


def test_first_login_sets_up_totp_then_next_login_verifies(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code below; no waiting in the test
    user = ProfessionalFactory(roles=[Role.PARTNER_ADMIN])
    response = password_login(client, user.username, next=STAFF)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={quote(STAFF, safe='')}"

    # No confirmed device yet: the verify page sends to the setup page.
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)

    response = client.get(response["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html  # inline QR code
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert response.context["secret"] in html  # the key as text, for typing
    assert 'id="totp-secret"' in html
    # The code input is labelled and hints the keyboard and autofill.
    assert 'for="id_code"' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    # i18n: the Dutch label from nl/django.po
    assert "Verificatiecode" in html

    # A wrong code is refused with an error linked to the field.
    response = client.post(SETUP, {"code": "000000" if totp_code(device) != "000000" else "111111",
                                   "next": STAFF})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-describedby="id_code_helptext id_code_error"' in html
    assert 'id="id_code_error"' in html

    response = client.post(SETUP, {"code": totp_code(device), "next": STAFF})
    assert response.status_code == 302
    assert response["Location"] == STAFF
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(STAFF).status_code == 200

    # Next login: ask the code of the confirmed device (the next time step: no replay).
    client.post(reverse("accounts:logout"))
    password_login(client, user.username)
    assert client.get(STAFF)["Location"].startswith(VERIFY)
    response = client.get(SETUP)  # setting up again is not possible with a device
    assert response["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"code": totp_code(device, steps_ahead=1), "next": STAFF})
    assert response.status_code == 302
    assert response["Location"] == STAFF
    assert client.get(STAFF).status_code == 200


def test_replayed_code_is_refused(client):
    user = ProfessionalFactory()
    device = confirmed_device(user)
    code = totp_code(device)
    password_login(client, user.username)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    password_login(client, user.username)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_wrong_codes_are_throttled(client):
    user = ProfessionalFactory()
    device = confirmed_device(user)
    password_login(client, user.username)
    right = totp_code(device)
    wrong = "000000" if right != "000000" else "111111"
    response = client.post(VERIFY, {"code": wrong})
    assert [e.code for e in response.context["form"].errors.as_data()["code"]] == ["invalid_code"]
    response = client.post(VERIFY, {"code": right})  # too soon after a failure
    assert [e.code for e in response.context["form"].errors.as_data()["code"]] == ["throttled"]
    assert "_auth_user_id" in client.session
    assert client.get(STAFF).status_code == 302


def test_pages_blocked_until_verified(client):
    user = ProfessionalFactory(roles=[Role.PARTNER_ADMIN, Role.PROFESSIONAL])
    confirmed_device(user)
    password_login(client, user.username)
    for url in ("/", STAFF, reverse("accounts:staff_create"), "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{VERIFY}?next={quote(url, safe='')}", url
    # Open before the second factor: the verify page, language switch and logout.
    assert client.get(VERIFY).status_code == 200
    response = client.post(reverse("set_language"), {"language": "en", "next": VERIFY})
    assert response.status_code == 302
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_htmx_request_gets_hx_redirect(client):
    user = ProfessionalFactory()
    confirmed_device(user)
    password_login(client, user.username)
    response = client.get(STAFF, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(VERIFY)


def test_team_coordinator_needs_no_second_factor(client):
    user = ProfessionalFactory(roles=[Role.TEAM_COORDINATOR])
    response = password_login(client, user.username)
    assert response.status_code == 302
    assert not response["Location"].startswith(VERIFY)
    response = client.get(VERIFY)  # nothing to verify: straight on
    assert response.status_code == 302
    assert not response["Location"].startswith(VERIFY)


def test_demo_setting_switches_second_factor_off(client, settings):
    settings.DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR = True
    user = ProfessionalFactory(roles=[Role.PARTNER_ADMIN])
    password_login(client, user.username)
    assert client.get(STAFF).status_code == 200


def test_session_ends_when_vog_expires_mid_session(client):
    user = ProfessionalFactory(roles=[Role.PARTNER_ADMIN])
    device = confirmed_device(user)
    password_login(client, user.username)
    client.post(VERIFY, {"code": totp_code(device)})
    assert client.get(STAFF).status_code == 200

    user.vog_date = user.vog_date - dt.timedelta(days=3 * 366)
    user.save()
    response = client.get(STAFF)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session

    response = client.get(response["Location"])
    assert response.context["blocker_codes"] == ["vog_expired"]
    assert 'data-code="vog_expired"' in response.content.decode()
    # The reason is shown once.
    assert client.get(reverse("accounts:login")).context["blocker_codes"] == []


def test_session_ends_when_deactivated(client):
    user = ProfessionalFactory(roles=[Role.TEAM_COORDINATOR])
    password_login(client, user.username)
    user.is_active = False
    user.save()
    response = client.get("/")
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("accounts:login")).context["blocker_codes"] == ["inactive"]


def test_access_rules_cost_at_most_one_query_per_request(client):
    user = ProfessionalFactory(roles=[Role.PARTNER_ADMIN])
    device = confirmed_device(user)
    password_login(client, user.username)
    client.post(VERIFY, {"code": totp_code(device)})
    # session + user (with partner) + otp device + staff page queries; the access rules
    # themselves read no more (roles are loaded once and cached on the user).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("accounts:otp_verify")).status_code == 302
    sqls = [q["sql"] for q in ctx.captured_queries]
    role_queries = [s for s in sqls if "accounts_roleassignment" in s]
    partner_queries = [s for s in sqls if s.lstrip().startswith("SELECT") and
                       'FROM "covenant_partner"' in s]
    assert len(role_queries) <= 1
    assert partner_queries == []  # the partner comes with the user (select_related)
