"""Fixtures shared by every test."""

from __future__ import annotations

from pathlib import Path

import pytest

from deelwijzer.testing import MINIMAL_COVENANT


@pytest.fixture
def minimal_covenant_path() -> Path:
    return MINIMAL_COVENANT


@pytest.fixture
def minimal_covenant_text() -> str:
    return MINIMAL_COVENANT.read_text(encoding="utf-8")


@pytest.fixture
def login(client):
    """Log a professional in with a confirmed second factor: ``login(user)`` returns the client."""

    def _login(user):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return _login
