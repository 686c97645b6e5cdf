"""login_blockers and needs_second_factor: the access rules P1-P3 as one function."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings

from deelwijzer.accounts.access import add_years, login_blockers, needs_second_factor
from deelwijzer.accounts.roles import Role
from deelwijzer.testing.factories import PartnerFactory, ProfessionalFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def codes(professional, today=TODAY):
    return [b.code for b in login_blockers(professional, today)]


def test_recent_vog_core_partner_may_log_in():
    assert codes(ProfessionalFactory(vog_date=dt.date(2025, 1, 1))) == []


def test_vog_dated_exactly_three_years_ago_is_still_valid():
    # Decision: "not older than three years" includes the third anniversary itself.
    assert codes(ProfessionalFactory(vog_date=dt.date(2023, 6, 15))) == []


def test_vog_one_day_past_three_years_is_refused():
    assert codes(ProfessionalFactory(vog_date=dt.date(2023, 6, 14))) == ["vog_expired"]


def test_vog_of_29_february_ends_on_28_february():
    p = ProfessionalFactory(vog_date=dt.date(2024, 2, 29))
    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    assert codes(p, dt.date(2027, 2, 28)) == []
    assert codes(p, dt.date(2027, 3, 1)) == ["vog_expired"]


def test_vog_missing():
    assert codes(ProfessionalFactory(vog_date=None)) == ["vog_missing"]


def test_blocker_message_names_the_article():
    (blocker,) = login_blockers(ProfessionalFactory(vog_date=dt.date(2020, 1, 1)), TODAY)
    assert blocker.rule == "P2"
    assert blocker.article == "6.3"
    assert "6.3" in str(blocker.message)


def test_shell_partner_staff_need_a_declaration():
    shell = PartnerFactory(shell=True)
    assert codes(ProfessionalFactory(partner=shell, vog_date=TODAY)) == ["declaration_missing"]
    assert codes(ProfessionalFactory(partner=shell, vog_date=TODAY, declaration_signed=True)) == []


def test_core_partner_staff_need_no_declaration():
    assert codes(ProfessionalFactory(partner=PartnerFactory(), vog_date=TODAY)) == []


def test_no_partner_refused_except_system_admin():
    assert codes(ProfessionalFactory(partner=None, vog_date=TODAY)) == ["no_partner"]
    admin = ProfessionalFactory(partner=None, vog_date=TODAY, roles=[Role.SYSTEM_ADMIN])
    assert codes(admin) == []


def test_inactive_and_several_reasons_at_once():
    p = ProfessionalFactory(is_active=False, vog_date=None, partner=PartnerFactory(shell=True))
    assert codes(p) == ["inactive", "vog_missing", "declaration_missing"]


def test_second_factor_for_roles_that_see_personal_data(settings):
    settings.DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR = False
    assert needs_second_factor(ProfessionalFactory(roles=[Role.PROFESSIONAL]))
    assert needs_second_factor(ProfessionalFactory(roles=[Role.PARTNER_ADMIN]))
    assert not needs_second_factor(ProfessionalFactory(roles=[Role.TEAM_COORDINATOR]))
    both = ProfessionalFactory(roles=[Role.TEAM_COORDINATOR, Role.CHAIR])
    assert needs_second_factor(both)


def test_demo_setting_switches_the_second_factor_off(settings):
    settings.DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR = True
    assert not needs_second_factor(ProfessionalFactory(roles=[Role.PROFESSIONAL]))


def test_argon2_is_the_first_hasher_in_base_settings():
    from deelwijzer.conf import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # The test settings use a fast hasher; production and dev inherit base.
    assert django_settings.AUTH_USER_MODEL == "accounts.Professional"


def test_argon2_hashes_work(settings):
    from django.contrib.auth.hashers import check_password, make_password

    from deelwijzer.conf import base

    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS

    encoded = make_password("a long pass phrase", hasher="argon2")
    assert encoded.startswith("argon2$")
    assert check_password("a long pass phrase", encoded)


def test_sessions_expire():
    from deelwijzer.conf import base

    assert base.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert base.SESSION_SAVE_EVERY_REQUEST  # inactivity timeout, not a fixed lifetime
    assert base.SESSION_COOKIE_AGE <= 60 * 60
