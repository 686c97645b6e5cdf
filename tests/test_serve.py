"""Two ``deelwijzer serve`` processes (production settings, one worker each) on ONE database
share every piece of state: a login made through one (password on one, second factor on the
other) is a session on the other; a lockout earned on one holds on the other; a case brought in
through the API of one is read through the other; both append to the processing log and
``deelwijzer log verify`` passes; a covenant version brought into force in a third process
between requests is the one both decide with at once. Static files come from the server with
a long cache lifetime; pages still carry no-store and the CSP.

Real processes and a real database: a fresh SQLite file, or (when DATABASE_URL names a
PostgreSQL server, as in the suite's second run) a fresh database on that server, prepared
through the CLI. Each server sits behind a pretend TLS proxy (``X-Forwarded-Proto: https``).
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import json
import re
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django_otp.oath import totp

from deelwijzer.demo.services import DEMO_PASSWORD
from deelwijzer.testing.servers import Server, site, start, wait_until_serving

CASE_INFO = """
from deelwijzer.cases.services import case_criteria, statutory_tasks_of
from deelwijzer.accounts.models import Professional
me = Professional.objects.get(username="regisseur")
print(json.dumps({"task": statutory_tasks_of(me.partner)[0],
                  "criterion": (case_criteria(me.partner.partnership) or [""])[0]}))
"""

PERSONS_OF_CASE = """
from deelwijzer.cases.models import Case
from deelwijzer.persons.models import HouseholdMember
case = Case._records.get(reference=%r)
print(json.dumps(sorted(HouseholdMember._records.filter(household_id=case.household_id)
                        .values_list("person_id", flat=True))))
"""

NEW_VERSION_IN_FORCE = """
from django.utils import timezone
from deelwijzer.accounts.models import Professional
from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.services import covenant_version_import, covenant_version_sign
from deelwijzer.covenant.selectors import version_covenant
from deelwijzer.demo.services import demo_covenant_path
text = demo_covenant_path().read_text(encoding="utf-8")
old = 'version: "2026.1"'
assert old in text
version = covenant_version_import(text=text.replace(old, 'version: "2026.1-serve"', 1))
for p in version_covenant(version).partners:
    partner = Partner.objects.get(partnership=version.partnership, key=p.id)
    covenant_version_sign(version=version, partner=partner, signed_on=timezone.localdate(),
                          recorded_by=Professional.objects.get(username=f"{p.id}-beheer"))
version.refresh_from_db()
print(json.dumps({"label": version.label, "status": version.status}))
"""

LOG_COUNT = """
from deelwijzer.processing_log.models import LogEntry
print(json.dumps(LogEntry.objects.count()))
"""


class Browser:
    """Just enough of a browser behind a TLS proxy: cookies, CSRF origin, no redirects
    followed. The same cookie jar goes to whichever server is asked (a load balancer)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, server: Server, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        sent = {"X-Forwarded-Proto": "https", "Host": server.address,
                "Origin": f"https://{server.address}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        answer = {k.lower(): v for k, v in response.getheaders()}
        conn.close()
        return response.status, answer, data

    def form(self, server: Server, path: str, fields: dict[str, str], page: bytes) -> Any:
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:500]
        body = urlencode({"csrfmiddlewaretoken": token.group(1).decode(), **fields}).encode()
        return self.request(server, "POST", path, body,
                            {"Content-Type": "application/x-www-form-urlencoded"})


def api(server: Server, token: str, method: str, path: str,
        payload: dict[str, Any] | None = None) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    body = json.dumps(payload).encode() if payload is not None else None
    conn.request(method, path, body=body, headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json",
        "Accept": "application/json", "X-Forwarded-Proto": "https"})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, json.loads(data) if data else None


@pytest.fixture(scope="module")
def two() -> Any:
    with site("serve") as s:
        # The servers start (and collect the static files) while the database is prepared.
        servers = [start(s, "--workers", "1") for _ in range(2)]
        try:
            s.prepare()
            token = s.token("regisseur")
            info = s.python(CASE_INFO)
            for server in servers:
                wait_until_serving(server)
            yield s, servers[0], servers[1], token, info
        finally:
            for server in servers:
                server.stop()


def test_a_login_through_one_server_is_a_session_on_the_other(two):
    _site, a, b, _token, _info = two
    browser = Browser()
    status, _h, page = browser.request(a, "GET", "/accounts/login/")
    assert status == 200
    # The password through B with A's CSRF token (the same secret key), ...
    status, headers, _ = browser.form(b, "/accounts/login/",
                                      {"username": "regisseur", "password": DEMO_PASSWORD}, page)
    assert status == 302 and "/accounts/two-factor/" in headers["location"], headers
    # ... the second factor's set-up through A, in the session B made, ...
    status, headers, _ = browser.request(a, "GET", headers["location"])
    assert status == 302 and "/accounts/two-factor/setup/" in headers["location"], headers
    setup = headers["location"]
    status, _h, page = browser.request(a, "GET", setup)
    assert status == 200
    secret = re.search(rb'data-secret="([A-Z2-7]+)"', page)
    assert secret, page[:500]
    code = f"{totp(base64.b32decode(secret.group(1))):06d}"
    status, headers, _ = browser.form(b, urlsplit(setup).path,
                                      {"code": code, "next": "/"}, page)
    assert status == 302, headers
    # ... and the home page on both.
    for server in (a, b):
        status, headers, page = browser.request(server, "GET", "/")
        assert status == 200, (server.address, headers)
        assert b"regisseur" in page or b"Uitloggen" in page or b"logout" in page


def test_a_lockout_earned_on_one_server_holds_on_the_other(two):
    _site, a, b, _token, _info = two
    browser = Browser()
    _s, _h, page = browser.request(a, "GET", "/accounts/login/")
    for _ in range(5):  # DEELWIJZER_LOGIN_FAILURE_LIMIT wrong passwords through A
        status, _h, page = browser.form(a, "/accounts/login/",
                                        {"username": "voorzitter", "password": "wrong-guess-1"},
                                        page)
        if status == 429:
            break
        assert status == 200
    _s, _h, page = browser.request(b, "GET", "/accounts/login/")
    status, _h, _page = browser.form(b, "/accounts/login/",
                                     {"username": "voorzitter", "password": DEMO_PASSWORD}, page)
    assert status == 429  # the right password through B is refused: locked out


def test_state_is_shared_and_the_log_verifies(two):
    s, a, b, token, info = two
    before = s.python(LOG_COUNT)
    status, opened = api(a, token, "POST", "/api/v1/cases/open/", {
        "members": [
            {"given_names": "Sam", "family_name": "Serve", "birth_date": "2016-03-01",
             "relation": "child"},
            {"given_names": "Kim", "family_name": "Serve", "birth_date": "1986-07-12",
             "relation": "parent"},
        ],
        "statutory_task": info["task"], "case_criterion": info["criterion"]})
    assert status == 201, opened
    # B reads (a logged VIEW) the case A brought in, and lists it.
    status, case = api(b, token, "GET", f"/api/v1/cases/{opened['id']}/")
    assert status == 200 and case["reference"] == opened["reference"], case
    status, cases = api(b, token, "GET", "/api/v1/cases/")
    assert status == 200
    listed = cases["results"] if isinstance(cases, dict) else cases
    assert opened["reference"] in {c["reference"] for c in listed}
    # A reads it too: both processes appended to the one log, which verifies.
    status, _ = api(a, token, "GET", f"/api/v1/cases/{opened['id']}/")
    assert status == 200
    after = s.python(LOG_COUNT)
    assert after >= before + 3 * 2  # open, view on B, view on A; one line per member
    verify = s.cli("log", "verify", "--lang", "en", check=False)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_a_new_covenant_version_is_in_force_on_both_servers_at_once(two):
    s, a, b, token, info = two
    status, opened = api(a, token, "POST", "/api/v1/cases/open/", {
        "members": [{"given_names": "Noor", "family_name": "Versie",
                     "birth_date": (dt.date.today() - dt.timedelta(days=9 * 365)).isoformat(),
                     "relation": "child"}],
        "statutory_task": info["task"], "case_criterion": info["criterion"]})
    assert status == 201, opened
    status, case = api(a, token, "GET", f"/api/v1/cases/{opened['id']}/")
    assert status == 200
    person = s.python(PERSONS_OF_CASE % opened["reference"])[0]
    check = {"person": person, "recipient": "veilig-thuis", "case": opened["reference"],
             "categories": case["current_step"]["share"][:1] or ["naw"]}

    def versions() -> set[str]:
        seen = set()
        for server in (a, b, a, b):  # twice each: a cache in the worker must not answer
            status, answer = api(server, token, "POST", "/api/v1/share/check/", check)
            assert status == 200, answer
            seen.add(answer["covenant_version"])
        return seen

    assert versions() == {"2026.1"}
    brought = s.python(NEW_VERSION_IN_FORCE)
    assert brought == {"label": "2026.1-serve", "status": "in_force"}
    assert versions() == {"2026.1-serve"}


def test_static_files_come_from_the_server_with_a_long_cache_and_pages_keep_no_store(two):
    _site, a, b, _token, _info = two
    status, headers, page = Browser().request(a, "GET", "/accounts/login/")
    assert status == 200
    assert headers["cache-control"] == "no-store"
    assert "default-src 'self'" in headers["content-security-policy"]
    stylesheet = re.search(rb'href="(/static/ui/deelwijzer\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, page[:800]  # the hashed name of the manifest storage
    status, headers, body = Browser().request(b, "GET", stylesheet.group(1).decode(),
                                              headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-type"].startswith("text/css")
    assert "immutable" in headers["cache-control"]
    assert int(re.search(r"max-age=(\d+)", headers["cache-control"]).group(1)) >= 365 * 86400
    assert headers.get("content-encoding") == "gzip" and body
    assert "no-store" not in headers["cache-control"]
    # And the access log went to stdout.
    assert '"GET /accounts/login/ HTTP/1.1" 200' in a.output()

