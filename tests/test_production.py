"""Production settings (deelwijzer.conf.production), each run in a fresh process as deployed:
the API answers JSON only, the schema needs a login, and ``check --deploy`` fails without the
data key or the log signing key, naming the variable."""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

VENV_BIN = Path(sys.executable).parent
REQUESTS = """
import json, django
django.setup()
from django.test import Client
client = Client()
out = {}
browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
for name, path, accept in [("api", "/api/v1/covenant/versions/", browser),
                           ("schema", "/api/v1/schema/", "application/vnd.oai.openapi")]:
    r = client.get(path, HTTP_ACCEPT=accept, secure=True)
    out[name] = {"status": r.status_code, "type": r["Content-Type"],
                 "cache": r.get("Cache-Control"), "csp": r.get("Content-Security-Policy"),
                 "body": r.content.decode()[:300]}
print(json.dumps(out))
"""


def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def _env(tmp_path, settings="deelwijzer.conf.production", **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DEELWIJZER_", "DJANGO_", "DATABASE_"))}
    env.update(DJANGO_SETTINGS_MODULE=settings, DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
               DJANGO_ALLOWED_HOSTS="testserver", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
               DEELWIJZER_HOME=str(tmp_path))
    env.update(extra)
    return env


def _requests(tmp_path, settings) -> dict:
    done = subprocess.run([sys.executable, "-c", REQUESTS], env=_env(tmp_path, settings),
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_production_api_answers_json_only_and_the_schema_needs_a_login(tmp_path):
    answers = _requests(tmp_path, "deelwijzer.conf.production")
    api, schema = answers["api"], answers["schema"]
    # A browser asking for HTML gets no browsable API page, only the JSON answer.
    assert api["status"] in (401, 403) and api["type"] == "application/json"
    assert "detail" in json.loads(api["body"])
    assert schema["status"] in (401, 403) and "openapi" not in schema["body"]
    assert api["cache"] == "no-store" and "script-src 'self'" in api["csp"]


def test_the_development_settings_keep_the_browsable_api(tmp_path):
    api = _requests(tmp_path, "deelwijzer.conf.dev")["api"]
    assert api["type"].startswith("text/html")


def _check(tmp_path, **extra) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_BIN / "deelwijzer"), "check", "--deploy", "--fail-level",
                           "WARNING"], env=_env(tmp_path, **extra), capture_output=True,
                          text=True, timeout=120)


def test_check_deploy_fails_without_the_data_key_and_the_signing_key(tmp_path):
    done = _check(tmp_path)
    assert done.returncode != 0
    assert "(persons.E001) DEELWIJZER_DATA_KEY is not set" in done.stderr
    assert "(processing_log.E001) DEELWIJZER_LOG_SIGNING_KEY" in done.stderr


@pytest.mark.parametrize("broken", [{"DEELWIJZER_DATA_KEY": "c2hvcnQ="},
                                    {"DEELWIJZER_LOG_SIGNING_KEY_FILE": "/nonexistent/key"}])
def test_check_deploy_fails_on_an_unusable_key(tmp_path, broken):
    keys = {"DEELWIJZER_DATA_KEY": _key(), "DEELWIJZER_LOG_SIGNING_KEY": _key()}
    if "DEELWIJZER_LOG_SIGNING_KEY_FILE" in broken:
        del keys["DEELWIJZER_LOG_SIGNING_KEY"]
    done = _check(tmp_path, **{**keys, **broken})
    assert done.returncode != 0
    assert next(iter(broken)) in done.stderr


def test_check_deploy_passes_with_both_keys(tmp_path):
    key_file = tmp_path / "signing.key"
    key_file.write_text(_key() + "\n")
    done = _check(tmp_path, DEELWIJZER_DATA_KEY=_key(),
                  DEELWIJZER_LOG_SIGNING_KEY_FILE=str(key_file))
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout
