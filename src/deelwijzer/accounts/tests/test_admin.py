"""The Django admin for system administrators never shows the password hash."""

from __future__ import annotations

import pytest
from django.urls import reverse

from deelwijzer.accounts.roles import Role
from deelwijzer.accounts.tests.helpers import confirmed_device, password_login, totp_code
from deelwijzer.testing.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sysadmin_client(client):
    admin = ProfessionalFactory(
        partner=None, roles=[Role.SYSTEM_ADMIN], is_staff=True, is_superuser=True
    )
    device = confirmed_device(admin)
    password_login(client, admin.username)
    client.post(reverse("accounts:otp_verify"), {"code": totp_code(device)})
    return client


def test_admin_login_goes_through_our_login_page(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_professional_change_page_hides_the_hash(sysadmin_client):
    prof = ProfessionalFactory()
    response = sysadmin_client.get(reverse("admin:accounts_professional_change", args=[prof.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert prof.password not in html
    assert prof.password.split("$")[0] + "$" not in html  # no algorithm$salt fragments
    assert 'name="password"' not in html
    assert "role_assignments-TOTAL_FORMS" in html  # the roles inline


def test_admin_add_gives_unusable_password(sysadmin_client):
    from deelwijzer.accounts.models import Professional

    response = sysadmin_client.post(
        reverse("admin:accounts_professional_add"),
        {
            "username": "nieuw",
            "first_name": "N",
            "last_name": "Ieuw",
            "email": "nieuw@partner.example",
            "is_active": "on",
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-0-role": "professional",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Professional.objects.get(username="nieuw")
    assert not created.has_usable_password()
    assert created.roles == {Role.PROFESSIONAL}


def test_partner_admin_page_loads(sysadmin_client):
    assert sysadmin_client.get(reverse("admin:covenant_partner_changelist")).status_code == 200
