"""API of the staff screens: a partner administrator manages its own partner's professionals,
with the staff form's rules; anyone else gets 403, another partner's staff 404."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.testing.factories import PartnerFactory, ProfessionalFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/staff/"


@pytest.fixture
def partner():
    return PartnerFactory()


@pytest.fixture
def admin(partner):
    return ProfessionalFactory(partner=partner, roles=[Role.PARTNER_ADMIN], username="beheer")


def valid(**overrides):
    data = {"first_name": "Fatima", "last_name": "de Vries", "username": "fdevries",
            "email": "f.devries@gemeente.example", "phone": "020 123 4567",
            "function": "Jeugdconsulent", "roles": ["professional", "case_director"],
            "vog_date": "2025-03-01"}
    data.update(overrides)
    return data


def test_list_shows_the_own_partners_staff_with_login_blockers(api_client, admin, partner):
    blocked = ProfessionalFactory(partner=partner, vog_expired=True)
    other = ProfessionalFactory(partner=PartnerFactory())
    system = ProfessionalFactory(partner=partner, roles=[Role.SYSTEM_ADMIN])
    response = api_client(admin).get(BASE)
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    assert {admin.pk, blocked.pk} <= set(rows)
    assert other.pk not in rows and system.pk not in rows
    assert "vog_expired" in {b["code"] for b in rows[blocked.pk]["login_blockers"]}


def test_create_gives_a_set_password_link(api_client, admin, partner):
    response = api_client(admin).post(BASE, valid(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    created = Professional.objects.get(username="fdevries")
    assert created.partner == partner and not created.has_usable_password()
    assert body["roles"] == ["case_director", "professional"]
    assert "/accounts/set-password/" in body["set_password_link"]


def test_the_forms_rules_are_field_errors(api_client, admin, partner):
    client = api_client(admin)
    ProfessionalFactory(partner=partner, email="f.devries@gemeente.example")
    taken = client.post(BASE, valid(), format="json")
    assert taken.status_code == 400
    error = taken.json()["errors"][0]
    assert (error["field"], error["code"]) == ("email", "email_taken")
    assert error["message"].startswith("Zakelijk e-mailadres:")
    system = client.post(BASE, valid(email="x@example.org", roles=["system_admin"]),
                         format="json")
    assert system.status_code == 400 and system.json()["errors"][0]["field"] == "roles"
    missing = client.post(BASE, valid(username=None), format="json")
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "username"
    assert not Professional.objects.filter(username="fdevries").exists()


def test_update_deactivate_reset_and_link(api_client, admin, partner):
    client = api_client(admin)
    member = ProfessionalFactory(partner=partner, username="jan")
    TOTPDevice.objects.create(user=member, name="app", confirmed=True)
    url = f"{BASE}{member.pk}/"
    assert client.get(url).json()["username"] == "jan"
    changed = client.put(url, valid(username="jan", email="jan@example.org",
                                    function="Teamleider", roles=["chair"]), format="json")
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["function"], changed.json()["roles"]) == ("Teamleider", ["chair"])
    reset = client.post(f"{url}reset-two-factor/")
    assert reset.status_code == 200 and reset.json()["removed"] == 1
    assert not TOTPDevice.objects.filter(user=member).exists()
    link = client.post(f"{url}password-link/")
    assert link.status_code == 201 and "/accounts/set-password/" in link.json()[
        "set_password_link"]
    done = client.post(f"{url}deactivate/")
    assert done.status_code == 200 and done.json()["is_active"] is False
    member.refresh_from_db()
    assert member.is_active is False
    own = client.post(f"{BASE}{admin.pk}/deactivate/")
    assert own.status_code == 409 and own.json()["errors"] == []
    admin.refresh_from_db()
    assert admin.is_active


def test_others_get_403_and_another_partners_staff_404(api_client, admin, partner):
    member = ProfessionalFactory(partner=partner)
    colleague = api_client(ProfessionalFactory(partner=partner, roles=[Role.PROFESSIONAL]))
    assert colleague.get(BASE).status_code == 403
    assert colleague.post(BASE, valid(), format="json").status_code == 403
    assert colleague.post(f"{BASE}{member.pk}/deactivate/").status_code == 403
    stranger = api_client(ProfessionalFactory(partner=PartnerFactory(),
                                              roles=[Role.PARTNER_ADMIN]))
    assert stranger.get(f"{BASE}{member.pk}/").status_code == 404
    assert stranger.put(f"{BASE}{member.pk}/", valid(), format="json").status_code == 404
    assert stranger.post(f"{BASE}{member.pk}/deactivate/").status_code == 404
    assert stranger.post(f"{BASE}{member.pk}/password-link/").status_code == 404
    member.refresh_from_db()
    assert member.is_active and not Professional.objects.filter(username="fdevries").exists()


def test_list_is_a_page_searched_and_filtered(api_client, admin, partner):
    fatima = ProfessionalFactory(partner=partner, first_name="Fatima", last_name="Amrani",
                                 username="famrani", roles=[Role.CASE_DIRECTOR])
    gone = ProfessionalFactory(partner=partner, last_name="Zwart", is_active=False)
    ProfessionalFactory(partner=PartnerFactory(), first_name="Fatima", last_name="Elders")
    client = api_client(admin)
    page = client.get(BASE, {"limit": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and "offset=2" in page["next"]
    assert page["results"][0]["id"] == fatima.pk  # by family name

    def ids(**query):
        return [r["id"] for r in client.get(BASE, query).json()["results"]]

    assert ids(search="fatima") == [fatima.pk]  # not the other partner's Fatima
    assert ids(search="famrani@partner") == [fatima.pk]
    assert ids(active="inactive") == [gone.pk]
    assert gone.pk not in ids(active="active")
    assert ids(role="case_director") == [fatima.pk]
    response = client.get(BASE, {"limit": "x"})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "limit"
