"""Fixtures shared by every test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@pytest.fixture
def api_client():
    """``api_client(user)``: a DRF client authenticated with a new personal API token."""
    from rest_framework.test import APIClient

    from deelwijzer.accounts.tokens import api_token_create

    def _client(user):
        client = APIClient()
        _token, key = api_token_create(professional=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return _client


# --- the demo partnership with a household and a case (cases, consent, sharing tests) ---------


@dataclass
class Demo:
    """The demo partnership with the Visser household: Noor (13) and her mother Eva."""

    director: Any  # the demo case director ("regisseur", Jeugdbescherming)
    household: Any
    child: Any
    mother: Any
    task: str  # a statutory task of the director's partner
    criterion: str  # the covenant's first case criterion

    def prof(self, partner: str) -> Any:
        from deelwijzer.accounts.models import Professional

        return Professional.objects.get(username=f"{partner}-prof")

    def partner(self, key: str) -> Any:
        from deelwijzer.covenant.models import Partner

        return Partner.objects.get(key=key)


@pytest.fixture
def demo(db) -> Demo:
    from django.utils import timezone

    from deelwijzer.accounts.models import Professional
    from deelwijzer.covenant.selectors import version_covenant
    from deelwijzer.demo.services import load_demo
    from deelwijzer.persons import gateway
    from deelwijzer.persons import services as persons
    from deelwijzer.policy import CaseRole

    signal = gateway.Context(purpose="veiligheid", step="melding", ground="6.1.e",
                             case_role=CaseRole.CASE_HOLDER)
    version, _people = load_demo()
    covenant = version_covenant(version)
    director = Professional.objects.get(username="regisseur")
    today = timezone.localdate()
    child = persons.person_register(
        professional=director, given_names="Noor", family_name="Visser",
        birth_date=today.replace(year=today.year - 13) - dt.timedelta(days=10),
        categories=["identiteit"], context=signal)
    mother = persons.person_register(
        professional=director, given_names="Eva", family_name="Visser",
        birth_date=dt.date(1988, 3, 1), categories=["identiteit"], context=signal)
    household = persons.household_register(
        professional=director, label="Gezin V.", members=[(child, "child"), (mother, "parent")],
        categories=["gezinssamenstelling"], context=signal)
    own = next(p for p in covenant.partners if p.id == director.partner.key)
    return Demo(director=director, household=household, child=child, mother=mother,
                task=own.statutory_tasks[0].description,
                criterion=covenant.partnership.case_criteria[0])


@pytest.fixture
def mother_represents(demo):
    """Eva is Noor's parent with authority (S6 reads it)."""
    from deelwijzer.persons import gateway
    from deelwijzer.persons import services as persons
    from deelwijzer.policy import CaseRole

    signal = gateway.Context(purpose="veiligheid", step="melding", ground="6.1.e",
                             case_role=CaseRole.CASE_HOLDER)
    persons.representative_add(professional=demo.director, child=demo.child,
                               representative=demo.mother, kind="parent",
                               categories=["gezag-en-maatregelen"], context=signal)
    return demo.mother


@pytest.fixture
def case(demo):
    """A case of the Visser household opened by the demo case director."""
    from deelwijzer.cases import services

    return services.case_open(professional=demo.director, household=demo.household,
                              statutory_task=demo.task, case_criterion=demo.criterion)
