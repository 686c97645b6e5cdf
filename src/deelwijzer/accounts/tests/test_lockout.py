"""Login lockout (django-axes, accounts.lockout): guessing is stopped per account and address
and per address over all accounts, while the real user at their own address gets in; the proxy
header counts only when configured; a set-password link or the cool-off ends a lockout."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deelwijzer.accounts import services
from deelwijzer.testing.factories import TEST_PASSWORD, ProfessionalFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
USER = "198.51.100.7"
PROXY = "10.0.0.1"


def attempt(username, password=TEST_PASSWORD, client=None, **meta):
    client = client or Client()
    meta.setdefault("REMOTE_ADDR", USER)
    return client.post(reverse("accounts:login"),
                       {"username": username, "password": password}, **meta)


def logged_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def test_spraying_eight_accounts_with_four_passwords_from_one_address_is_stopped():
    victims = [ProfessionalFactory() for _ in range(8)]
    statuses = [
        attempt(v.username, f"guess-{n}-Winter2026!", REMOTE_ADDR=ATTACKER).status_code
        for n in range(4) for v in victims
    ]
    # No single account reaches 5 failures, yet the address is stopped at its 20th failure.
    assert statuses[:19] == [200] * 19
    assert statuses[19:] == [429] * 13
    # Not even a right password gets in from that address now ...
    assert attempt(victims[0].username, REMOTE_ADDR=ATTACKER).status_code == 429
    # ... while the professionals themselves, at their own address, log in as usual.
    assert all(logged_in(attempt(v.username, REMOTE_ADDR=USER)) for v in victims)


def test_an_attacker_at_another_address_cannot_lock_the_user_out():
    user = ProfessionalFactory()
    statuses = [attempt(user.username, f"wrong-{n}", REMOTE_ADDR=ATTACKER).status_code
                for n in range(8)]
    assert statuses[:4] == [200] * 4 and set(statuses[4:]) == {429}
    assert logged_in(attempt(user.username, REMOTE_ADDR=USER))


def test_a_successful_login_forgives_only_its_own_failures():
    insider = ProfessionalFactory()
    victims = [ProfessionalFactory() for _ in range(5)]
    for n in range(3):
        for v in victims:
            attempt(v.username, f"guess-{n}", REMOTE_ADDR=ATTACKER)
    # Logging in with an own account does not wipe the address's failures on other accounts.
    assert logged_in(attempt(insider.username, REMOTE_ADDR=ATTACKER))
    statuses = [attempt(v.username, "guess-x", REMOTE_ADDR=ATTACKER).status_code
                for v in victims]
    assert statuses == [200, 200, 200, 200, 429]


def test_the_proxy_header_is_ignored_unless_configured():
    user = ProfessionalFactory()
    # Without the setting, a forged X-Forwarded-For does not give every guess a new address.
    statuses = [
        attempt(user.username, f"wrong-{n}", REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(5)
    ]
    assert statuses[-1] == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}


def test_behind_the_configured_proxy_the_client_address_counts(settings):
    settings.DEELWIJZER_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    user = ProfessionalFactory()
    for n in range(6):
        # The attacker forges a left-hand entry; the proxy appends the address it saw.
        attempt(user.username, f"wrong-{n}", REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert attempt(user.username, REMOTE_ADDR=PROXY,
                   HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    # Everyone shares the proxy's REMOTE_ADDR, yet the real user is not locked out.
    assert logged_in(attempt(user.username, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=USER))


def test_two_proxies_count_from_the_right(settings):
    settings.DEELWIJZER_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.DEELWIJZER_TRUSTED_PROXY_COUNT = 2
    user = ProfessionalFactory()
    attempt(user.username, "wrong", REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.9, {ATTACKER}, 10.0.0.2")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]


def test_a_garbled_proxy_header_falls_back_to_the_proxy_address(settings):
    settings.DEELWIJZER_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    user = ProfessionalFactory()
    attempt(user.username, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]


def _lock_out(user):
    for n in range(5):
        attempt(user.username, f"wrong-{n}")
    assert attempt(user.username).status_code == 429


def test_the_locked_out_page_says_in_dutch_what_to_do():
    user = ProfessionalFactory()
    for n in range(4):
        attempt(user.username, f"wrong-{n}")
    response = attempt(user.username, "wrong-4")
    assert response.status_code == 429
    html = response.content.decode()
    assert 'id="locked-out-steps"' in html
    assert "over 30 minuten opnieuw" in html
    assert "partnerbeheerder" in html and "nieuw wachtwoord" in html


def test_after_the_cool_off_the_user_gets_in_again():
    user = ProfessionalFactory()
    _lock_out(user)
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=31))
    assert logged_in(attempt(user.username))


def test_a_set_password_link_ends_the_lockout_straight_away(rf):
    user = ProfessionalFactory()
    _lock_out(user)
    link = services.professional_set_password_link(request=rf.get("/"), professional=user)
    client = Client()
    form_url = client.get(link.removeprefix("http://testserver"), follow=True).redirect_chain[-1][0]
    new = "een-nieuw-Wachtwoord-2026"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert logged_in(attempt(user.username, new))
