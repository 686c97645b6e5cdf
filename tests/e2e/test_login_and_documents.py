"""A professional logs in with the second factor and downloads the privacy protocol; those whose
VOG is too old, or who work for a shell partner without a confidentiality declaration, are told
why they cannot log in."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from deelwijzer.demo.services import DEMO_PASSWORD, load_demo
from deelwijzer.testing import MINIMAL_COVENANT
from deelwijzer.testing.factories import TEST_PASSWORD, ProfessionalFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#login-form button[type=submit]").click()


def test_login_with_second_factor_then_download_the_privacy_protocol(page: Page):
    load_demo(MINIMAL_COVENANT)
    log_in(page, "regisseur", DEMO_PASSWORD)

    # First login: set up the authenticator app, then confirm with a code it generates.
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/setup/"))
    expect(page.locator("#totp-qr svg")).to_be_visible()
    secret = page.locator("#totp-secret").get_attribute("data-secret")
    assert secret
    code = f"{totp(base64.b32decode(secret)):06d}"
    page.get_by_label(re.compile("Verificatiecode|Verification code")).fill(code)
    page.locator("#otp-setup-form button[type=submit]").click()

    expect(page).not_to_have_url(re.compile(r"/accounts/"))
    page.goto("/covenant/")
    expect(page.locator("h1")).to_have_text("Samenwerkingsverband Proef Klein")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "in_force")
    expect(page.get_by_role("cell", name="Veilig Thuis Kleinstad").first).to_be_visible()

    with page.expect_download() as download_info:
        page.locator('a[href$="/documents/protocol.pdf"]').click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert "privacyprotocol" in download.suggested_filename
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_expired_vog_cannot_log_in_and_is_told_why(page: Page):
    user = ProfessionalFactory(vog_expired=True)
    log_in(page, user.username, TEST_PASSWORD)
    blocker = page.locator('#login-blockers [data-code="vog_expired"]')
    expect(blocker).to_be_visible()
    expect(blocker).to_contain_text("6.3")
    expect(blocker).to_contain_text("VOG")
    page.goto("/covenant/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_shell_partner_without_declaration_cannot_log_in(page: Page):
    user = ProfessionalFactory(partner__shell=True)
    log_in(page, user.username, TEST_PASSWORD)
    blocker = page.locator('#login-blockers [data-code="declaration_missing"]')
    expect(blocker).to_be_visible()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_shell_partner_with_declaration_reaches_the_second_factor(page: Page):
    user = ProfessionalFactory(partner__shell=True, declaration_signed=True)
    log_in(page, user.username, TEST_PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
