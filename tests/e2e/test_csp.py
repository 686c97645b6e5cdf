"""The strict Content-Security-Policy in a real browser: the pages work (styles, htmx, the QR
code of the second factor) and report no violation; the watch itself does catch one."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import Browser, Page, expect

from deelwijzer.demo.services import DEMO_PASSWORD, load_demo
from deelwijzer.testing import MINIMAL_COVENANT
from deelwijzer.testing.factories import ProfessionalFactory
from tests.e2e.conftest import watch_csp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _settle(page: Page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)  # violation events are reported asynchronously


def _assert_our_page_works(page: Page) -> None:
    """Our stylesheet applies, htmx runs, and nothing was injected inline."""
    expect(page.locator(".site-header")).to_have_css("display", "flex")
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("document.querySelectorAll('style, [style]').length") == 0


def test_the_watch_reports_an_inline_style(browser: Browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    violations = watch_csp(context)
    page = context.new_page()
    response = page.goto("/accounts/login/")
    assert response is not None and "script-src 'self'" in response.headers[
        "content-security-policy"]
    page.evaluate("document.head.insertAdjacentHTML('beforeend', '<style>p{color:red}</style>')")
    _settle(page)
    context.close()
    assert any(v.startswith("style-src") for v in violations), violations


def test_login_second_factor_and_covenant_pages_without_violations(page: Page):
    # The page fixture fails the test on any violation; here each page is also used.
    load_demo(MINIMAL_COVENANT)
    page.goto("/accounts/login/")
    _settle(page)
    _assert_our_page_works(page)
    page.locator("#id_username").fill("regisseur")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#login-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/two-factor/setup/"))
    qr = page.locator("#totp-qr")
    expect(qr.locator("svg")).to_be_visible()
    expect(qr).to_have_css("background-color", "rgb(255, 255, 255)")  # .qr-code, not inline
    _settle(page)
    _assert_our_page_works(page)
    secret = page.locator("#totp-secret").get_attribute("data-secret")
    assert secret
    page.get_by_label(re.compile("Verificatiecode|Verification code")).fill(
        f"{totp(base64.b32decode(secret)):06d}")
    page.locator("#otp-setup-form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/"))

    for path in ("/", "/covenant/", "/cases/", "/cases/consultations/"):
        page.goto(path)
        _settle(page)
        _assert_our_page_works(page)

    # The standalone document brings its own policy: its inline print stylesheet applies.
    page.goto("/covenant/")
    leaflet = page.locator('a[href$="/documents/leaflet.html"]').first.get_attribute("href")
    assert leaflet
    response = page.goto(leaflet)
    assert response is not None
    assert "default-src 'none'" in response.headers["content-security-policy"]
    _settle(page)
    assert page.evaluate("document.styleSheets.length") >= 1
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0

    # The language switch still posts under form-action 'self'.
    page.goto("/")
    page.locator("#language-select").select_option("en")
    page.locator("form.language button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_locked_out_page_without_violations(page: Page):
    user = ProfessionalFactory()
    for n in range(5):
        page.goto("/accounts/login/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(f"wrong-{n}-password")
        page.locator("#login-form button[type=submit]").click()
    expect(page.locator("#locked-out")).to_be_visible()
    expect(page.locator("#locked-out-steps")).to_contain_text("partnerbeheerder")
    _settle(page)
    _assert_our_page_works(page)
