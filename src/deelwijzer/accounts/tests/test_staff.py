"""Partner administrators manage their own partner's staff only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.accounts.tests.helpers import confirmed_device, password_login, totp_code
from deelwijzer.testing.factories import PartnerFactory, ProfessionalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return PartnerFactory()


@pytest.fixture
def admin_client(client, partner):
    """A partner administrator of ``partner``, logged in with password and TOTP."""
    admin = ProfessionalFactory(partner=partner, roles=[Role.PARTNER_ADMIN], username="beheer")
    device = confirmed_device(admin)
    password_login(client, admin.username)
    client.post(reverse("accounts:otp_verify"), {"code": totp_code(device)})
    client.admin = admin
    return client


def valid_data(**overrides):
    data = {
        "first_name": "Fatima",
        "last_name": "de Vries",
        "username": "fdevries",
        "email": "f.devries@gemeente.example",
        "phone": "020 123 4567",
        "function": "Jeugdconsulent",
        "roles": ["professional", "case_director"],
        "vog_date": "2025-03-01",
        "confidentiality_declaration_date": "",
    }
    data.update(overrides)
    return data


def test_list_shows_own_partner_only(admin_client, partner):
    own = ProfessionalFactory(partner=partner)
    other = ProfessionalFactory(partner=PartnerFactory())
    response = admin_client.get(reverse("accounts:staff_list"))
    assert response.status_code == 200
    listed = {row["professional"].pk for row in response.context["rows"]}
    assert own.pk in listed
    assert admin_client.admin.pk in listed
    assert other.pk not in listed


def test_list_shows_who_cannot_log_in(admin_client, partner):
    blocked = ProfessionalFactory(partner=partner, vog_expired=True)
    html = admin_client.get(reverse("accounts:staff_list")).content.decode()
    assert f'id="staff-{blocked.pk}"' in html
    assert 'data-code="vog_expired"' in html


@pytest.mark.parametrize(
    "name", ["accounts:staff_edit", "accounts:staff_deactivate"]
)
def test_other_partners_staff_is_404(admin_client, name):
    other = ProfessionalFactory(partner=PartnerFactory())
    assert admin_client.get(reverse(name, args=[other.pk])).status_code == 404
    assert admin_client.post(reverse(name, args=[other.pk]), valid_data()).status_code == 404
    other.refresh_from_db()
    assert other.is_active


@pytest.mark.parametrize(
    "name", ["accounts:staff_reset_second_factor", "accounts:staff_password_link"]
)
def test_other_partners_staff_actions_are_404(admin_client, name):
    other = ProfessionalFactory(partner=PartnerFactory())
    confirmed_device(other)
    assert admin_client.post(reverse(name, args=[other.pk])).status_code == 404
    assert TOTPDevice.objects.filter(user=other).exists()


def test_system_admin_of_own_partner_is_not_manageable(admin_client, partner):
    sysadmin = ProfessionalFactory(partner=partner, roles=[Role.SYSTEM_ADMIN])
    assert admin_client.get(reverse("accounts:staff_edit", args=[sysadmin.pk])).status_code == 404
    assert (
        admin_client.post(reverse("accounts:staff_password_link", args=[sysadmin.pk])).status_code
        == 404
    )


def test_non_admin_gets_403(client):
    user = ProfessionalFactory(roles=[Role.PROFESSIONAL])
    device = confirmed_device(user)
    password_login(client, user.username)
    client.post(reverse("accounts:otp_verify"), {"code": totp_code(device)})
    assert client.get(reverse("accounts:staff_list")).status_code == 403


def test_create_professional_with_set_password_link(admin_client, partner, client):
    response = admin_client.post(reverse("accounts:staff_create"), valid_data())
    assert response.status_code == 200
    created = Professional.objects.get(username="fdevries")
    assert created.partner == partner
    assert not created.has_usable_password()
    assert created.roles == {Role.PROFESSIONAL, Role.CASE_DIRECTOR}
    link = response.context["link"]
    assert link.startswith("http://testserver/accounts/set-password/")
    assert f'value="{link}"' in response.content.decode()

    # The new professional sets a password through Django's PasswordResetConfirmView.
    admin_client.post(reverse("accounts:logout"))
    response = client.get(link)
    assert response.status_code == 302  # the token moves into the session
    response = client.get(response["Location"])
    assert response.context["validlink"]
    new_password = "een-lang-wachtwoord-42"
    response = client.post(
        response.wsgi_request.path,
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_set_done")
    created.refresh_from_db()
    assert created.check_password(new_password)
    # One-time: the link no longer works.
    response = client.get(link, follow=True)
    assert response.context["validlink"] is False
    # And the new professional can log in (second factor next).
    response = password_login(client, "fdevries", password=new_password)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))


def test_cannot_grant_system_admin(admin_client):
    response = admin_client.post(
        reverse("accounts:staff_create"), valid_data(roles=["professional", "system_admin"])
    )
    assert response.status_code == 200
    assert "roles" in response.context["form"].errors
    assert not Professional.objects.filter(username="fdevries").exists()
    choices = [c[0] for c in response.context["form"].fields["roles"].choices]
    assert "system_admin" not in choices
    assert "partner_admin" in choices  # the editor is one


def test_cannot_grant_partner_admin_unless_one():
    from deelwijzer.accounts.forms import grantable_roles

    privacy_officer = ProfessionalFactory(roles=[Role.PRIVACY_OFFICER])
    assert Role.PARTNER_ADMIN not in grantable_roles(privacy_officer)
    assert Role.SYSTEM_ADMIN not in grantable_roles(privacy_officer)


def test_future_vog_date_refused_with_error_linked_to_field(admin_client):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = admin_client.post(
        reverse("accounts:staff_create"), valid_data(vog_date=tomorrow.isoformat())
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["vog_date"]
    assert [e.code for e in errors] == ["future_date"]
    html = response.content.decode()
    assert 'id="id_vog_date_error"' in html
    assert 'aria-describedby="id_vog_date_helptext id_vog_date_error"' in html
    assert 'aria-invalid="true"' in html


def test_shell_partner_requires_declaration_date(client):
    shell = PartnerFactory(shell=True)
    admin = ProfessionalFactory(partner=shell, roles=[Role.PARTNER_ADMIN], declaration_signed=True)
    device = confirmed_device(admin)
    password_login(client, admin.username)
    client.post(reverse("accounts:otp_verify"), {"code": totp_code(device)})
    response = client.post(reverse("accounts:staff_create"), valid_data())
    assert "confidentiality_declaration_date" in response.context["form"].errors
    response = client.post(
        reverse("accounts:staff_create"),
        valid_data(confidentiality_declaration_date="2025-01-10"),
    )
    assert response.status_code == 200
    assert Professional.objects.get(username="fdevries").partner == shell


def test_duplicate_email_refused(admin_client, partner):
    ProfessionalFactory(partner=PartnerFactory(), email="F.deVries@gemeente.example")
    response = admin_client.post(reverse("accounts:staff_create"), valid_data())
    assert "email" in response.context["form"].errors


def test_edit_keeps_roles_the_editor_cannot_manage(admin_client, partner):
    prof = ProfessionalFactory(partner=partner, roles=[Role.PROFESSIONAL])
    url = reverse("accounts:staff_edit", args=[prof.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["form"].initial["roles"] == ["professional"]
    data = valid_data(username=prof.username, email=prof.email, roles=["chair"])
    response = admin_client.post(url, data)
    assert response.status_code == 302
    prof = Professional.objects.get(pk=prof.pk)
    assert prof.roles == {Role.CHAIR}
    assert prof.first_name == "Fatima"
    assert prof.partner == partner


def test_admin_cannot_remove_own_admin_role(admin_client):
    me = admin_client.admin
    url = reverse("accounts:staff_edit", args=[me.pk])
    data = valid_data(username=me.username, email=me.email, roles=["professional"])
    response = admin_client.post(url, data)
    assert "roles" in response.context["form"].errors


def test_deactivate_ends_access(admin_client, partner, client_factory=None):
    prof = ProfessionalFactory(partner=partner)
    url = reverse("accounts:staff_deactivate", args=[prof.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url).status_code == 302
    prof.refresh_from_db()
    assert not prof.is_active
    # Not oneself.
    me_url = reverse("accounts:staff_deactivate", args=[admin_client.admin.pk])
    admin_client.post(me_url)
    admin_client.admin.refresh_from_db()
    assert admin_client.admin.is_active


def test_reset_second_factor(admin_client, partner):
    prof = ProfessionalFactory(partner=partner)
    confirmed_device(prof)
    url = reverse("accounts:staff_reset_second_factor", args=[prof.pk])
    assert admin_client.get(url).status_code == 405
    assert admin_client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=prof).exists()


def test_list_is_paged_searched_and_filtered(admin_client, partner):
    from deelwijzer.paging import PER_PAGE

    for _ in range(PER_PAGE):
        ProfessionalFactory(partner=partner)
    ProfessionalFactory(partner=partner, first_name="Fatima", last_name="Amrani",
                        username="famrani", roles=[Role.PRIVACY_OFFICER], is_active=False)
    url = reverse("accounts:staff_list")
    response = admin_client.get(url)
    assert len(response.context["rows"]) == PER_PAGE
    html = response.content.decode()
    assert f"1–{PER_PAGE} van {PER_PAGE + 2}" in html and 'href="?page=2"' in html
    for query in ({"search": "amrani"}, {"active": "inactive"}, {"role": "privacy_officer"}):
        rows = admin_client.get(url, query).context["rows"]
        assert [row["professional"].username for row in rows] == ["famrani"]
    html = admin_client.get(url, {"search": "nobody-like-this"}).content.decode()
    assert "Geen van de medewerkers voldoet hieraan." in html
