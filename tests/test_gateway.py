"""The one invariant: no URL route, admin page or command reaches personal data except through
a service that asks the policy and writes the processing log."""

from __future__ import annotations

import datetime as dt
import sys
import types

import pytest
from django.http import HttpResponse
from django.urls import path

from deelwijzer.accounts.models import Professional
from deelwijzer.demo.services import load_demo
from deelwijzer.persons import gateway, services
from deelwijzer.testing import MINIMAL_COVENANT
from deelwijzer.testing.gateway import (
    admin_violations,
    personal_data_tables,
    route_violations,
    source_violations,
)

pytestmark = pytest.mark.django_db

CONTEXT = gateway.Context(purpose="veiligheid-kind", step="analyse", ground="6.1.e")


@pytest.fixture
def data():
    load_demo(MINIMAL_COVENANT)
    director = Professional.objects.get(username="regisseur")
    person = services.person_register(
        professional=director, given_names="Noor", family_name="Visser",
        birth_date=dt.date(2014, 5, 1), categories=["identiteit"], context=CONTEXT)
    services.dossier_item_record(professional=director, person=person, text="Signaal school",
                                 categories=["identiteit"], nature="fact", context=CONTEXT)
    return director


def test_personal_data_tables_are_known():
    assert {"persons_person", "persons_dossieritem", "persons_consent"} <= personal_data_tables()


def test_no_route_reaches_personal_data_outside_services(data, login):
    assert route_violations(login(data)) == []
    admin = Professional.objects.get(username="sysadmin")
    assert route_violations(login(admin)) == []


def test_no_personal_data_model_in_the_admin():
    assert admin_violations() == []


def test_no_module_uses_personal_data_models_outside_services():
    assert source_violations() == []


def leaky_view(request):
    from deelwijzer.persons.models import Person

    return HttpResponse(", ".join(p.family_name for p in Person._records.all()))


def test_a_planted_view_that_reads_persons_directly_is_caught(data, login, settings):
    urlconf = types.ModuleType("planted_urls")
    urlconf.urlpatterns = [path("leak/", leaky_view)]
    sys.modules["planted_urls"] = urlconf
    settings.ROOT_URLCONF = "planted_urls"
    try:
        violations = route_violations(login(data))
    finally:
        del sys.modules["planted_urls"]
    assert [v.where for v in violations] == ["GET /leak/", "POST /leak/"]
    assert "persons_person" in violations[0].detail


def test_a_planted_module_using_records_is_caught(tmp_path, monkeypatch):
    from deelwijzer.testing import gateway

    planted = tmp_path / "deelwijzer"
    (planted / "leaky").mkdir(parents=True)
    (planted / "leaky" / "views.py").write_text(
        "from deelwijzer.persons.models import Person\n"
        "def view(request):\n    return list(Person._records.all())\n")
    monkeypatch.setattr(gateway, "PACKAGE", planted)
    found = {v.detail for v in source_violations()}
    assert found == {"imports deelwijzer.persons.models", "uses _records"}
