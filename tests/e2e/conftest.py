"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium), never a download."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# itself (creating users) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("DEELWIJZER_CHROMIUM", "/usr/bin/chromium")

# Every Content-Security-Policy violation of a page, reported to the test (the binding and the
# init script are Playwright's, outside the page's policy).
_CSP_WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__deelwijzerCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
    + (event.sample ? `: ${event.sample}` : ""));
});
"""


def watch_csp(context: BrowserContext) -> list[str]:
    """The list that collects every CSP violation in ``context``'s pages from now on."""
    violations: list[str] = []
    context.expose_binding("__deelwijzerCspViolation",
                           lambda _source, text: violations.append(str(text)))
    context.add_init_script(_CSP_WATCH)
    return violations


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup --dev (installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="nl-NL",
                                  accept_downloads=True)
    context.set_default_timeout(15_000)
    violations = watch_csp(context)
    page = context.new_page()
    yield page
    context.close()
    # Nothing any browser test does may break under the Content-Security-Policy.
    assert not violations, f"Content-Security-Policy violations: {violations}"
