"""Where the checkpoint signing key comes from."""

from __future__ import annotations

import base64

import pytest

from deelwijzer.processing_log import keys

from .conftest import OTHER_KEY, SIGNING_KEY, public_key_b64


def test_key_from_the_environment():
    public = keys.signing_key().public_key()
    assert base64.b64encode(keys.public_bytes(public)).decode() == public_key_b64(SIGNING_KEY)


def test_key_from_a_file(monkeypatch, tmp_path):
    monkeypatch.delenv("DEELWIJZER_LOG_SIGNING_KEY")
    path = tmp_path / "key"
    path.write_text(OTHER_KEY + "\n")
    monkeypatch.setenv("DEELWIJZER_LOG_SIGNING_KEY_FILE", str(path))
    public = keys.signing_key().public_key()
    assert base64.b64encode(keys.public_bytes(public)).decode() == public_key_b64(OTHER_KEY)
    path.write_bytes(base64.b64decode(OTHER_KEY))  # 32 raw bytes work too
    assert keys.key_id(keys.signing_key().public_key()) == keys.key_id(public)


@pytest.mark.parametrize("value", ["not base64!", base64.b64encode(b"short").decode()])
def test_a_bad_key_is_refused_clearly(monkeypatch, value):
    monkeypatch.setenv("DEELWIJZER_LOG_SIGNING_KEY", value)
    with pytest.raises(keys.SigningKeyUnavailable, match="DEELWIJZER_LOG_SIGNING_KEY"):
        keys.signing_key()


def test_a_missing_key_file_is_refused_clearly(monkeypatch, tmp_path):
    monkeypatch.delenv("DEELWIJZER_LOG_SIGNING_KEY")
    monkeypatch.setenv("DEELWIJZER_LOG_SIGNING_KEY_FILE", str(tmp_path / "absent"))
    with pytest.raises(keys.SigningKeyUnavailable, match="DEELWIJZER_LOG_SIGNING_KEY_FILE"):
        keys.signing_key()


def test_development_generates_a_key_in_var(monkeypatch, settings, tmp_path):
    monkeypatch.delenv("DEELWIJZER_LOG_SIGNING_KEY")
    settings.PROJECT_DIR = tmp_path
    settings.DEELWIJZER_ALLOW_DEMO = True
    first = keys.key_id(keys.signing_key().public_key())
    path = tmp_path / "var" / "log-signing-key"
    assert path.exists() and oct(path.stat().st_mode & 0o777) == "0o600"
    assert keys.key_id(keys.signing_key().public_key()) == first  # the same key next time


def test_production_needs_a_configured_key(monkeypatch, settings, tmp_path):
    monkeypatch.delenv("DEELWIJZER_LOG_SIGNING_KEY")
    settings.PROJECT_DIR = tmp_path
    settings.DEBUG = False
    settings.DEELWIJZER_ALLOW_DEMO = False
    with pytest.raises(keys.SigningKeyUnavailable):
        keys.signing_key()
    assert not (tmp_path / "var").exists()
