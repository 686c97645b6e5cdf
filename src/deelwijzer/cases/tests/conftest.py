"""A case of the demo partnership: the demo case director (Jeugdbescherming) and a household."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.cases import services
from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.selectors import version_covenant
from deelwijzer.demo.services import load_demo
from deelwijzer.persons import services as persons
from deelwijzer.policy import CaseRole

SIGNAL = persons.Context(purpose="veiligheid", step="melding", ground="6.1.e",
                         case_role=CaseRole.CASE_HOLDER)


@dataclass
class Demo:
    director: Professional
    household: object
    task: str
    criterion: str

    def prof(self, partner: str) -> Professional:
        return Professional.objects.get(username=f"{partner}-prof")

    def partner(self, key: str) -> Partner:
        return Partner.objects.get(key=key)


@pytest.fixture
def demo(db) -> Demo:
    version, _people = load_demo()
    covenant = version_covenant(version)
    director = Professional.objects.get(username="regisseur")
    today = timezone.localdate()
    child = persons.person_register(
        professional=director, given_names="Noor", family_name="Visser",
        birth_date=today.replace(year=today.year - 13) - dt.timedelta(days=10),
        categories=["identiteit"], context=SIGNAL)
    mother = persons.person_register(
        professional=director, given_names="Eva", family_name="Visser",
        birth_date=dt.date(1988, 3, 1), categories=["identiteit"], context=SIGNAL)
    household = persons.household_register(
        professional=director, label="Gezin V.", members=[(child, "child"), (mother, "parent")],
        categories=["gezinssamenstelling"], context=SIGNAL)
    own = next(p for p in covenant.partners if p.id == director.partner.key)
    return Demo(director=director, household=household,
                task=own.statutory_tasks[0].description,
                criterion=covenant.partnership.case_criteria[0])


@pytest.fixture
def case(demo):
    return services.case_open(professional=demo.director, household=demo.household,
                              statutory_task=demo.task, case_criterion=demo.criterion)
