"""Issue 9, reproduction 1: the partner that registered a person is not its case holder.

Accounts of the registering partner without a care role (the partner administrator) or without a
role in any case (a colleague) may not know the person exists: every route answers 404, writes
do not happen, and nothing names the family. The professional who registered the person still
reaches what it recorded itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.consent import services as consent_services
from deelwijzer.persons import gateway
from deelwijzer.persons import services as persons
from deelwijzer.persons.models import Consent
from deelwijzer.policy import CaseRole

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SIGNAL = gateway.Context(purpose="veiligheid", ground="6.1.e", case_role=CaseRole.CASE_HOLDER)
ANSWERS = {q: "Afgewogen en vastgelegd." for q in "abcdefgh"}


@pytest.fixture
def records(demo, mother_represents):
    """What the case director (Jeugdbescherming) recorded about Noor outside a case."""
    consent = consent_services.consent_record(
        professional=demo.director, person=demo.child, given_by=[demo.child, demo.mother],
        purpose="veiligheid", categories=["aard-zorgen"], recipients=["gemeente-aldermeer"],
        valid_from=TODAY, context=SIGNAL)
    weighing = consent_services.justification_record(
        professional=demo.director, person=demo.child, kind="conflict_of_duties",
        purpose="veiligheid", recipients=["gemeente-aldermeer"], categories=["aard-zorgen"],
        answers=ANSWERS, why_no_consent="Moeder weigert elk gesprek", functionary_name="P. Vos",
        functionary_function="Aandachtsfunctionaris", context=SIGNAL,
        inform_by=TODAY + dt.timedelta(days=7))
    item = persons.dossier_item_record(
        professional=demo.director, person=demo.child, text="Diagnose en strafblad",
        categories=["aard-zorgen"], nature="fact",
        context=gateway.Context(purpose="veiligheid", step="melding", ground="6.1.e"))
    return consent, weighing, item


def _leaks(response) -> bool:
    return "Visser" in response.content.decode(errors="replace")


@pytest.mark.parametrize("username", ["jeugdbescherming-beheer", "jeugdbescherming-prof",
                                      "coordinator", "privacy"])
def test_the_registering_partners_other_accounts_know_nothing(demo, records, api_client, login,
                                                              username):
    consent, weighing, item = records
    other = Professional.objects.get(username=username)
    client = api_client(other)
    for url in (f"/api/v1/consent/justifications/{weighing.pk}/",
                f"/api/v1/consent/persons/{demo.child.pk}/"):
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)
        assert not _leaks(response)
    response = client.post(f"/api/v1/consent/{consent.pk}/withdraw/", {}, format="json")
    assert response.status_code == 404 and not _leaks(response)
    assert Consent._records.get(pk=consent.pk).withdrawn_on is None
    page = login(other).post(f"/share/item/{item.pk}/open/")
    assert page.status_code == 404 and not _leaks(page)


def test_the_professional_who_recorded_it_still_reads_its_own_work(demo, records, api_client,
                                                                   login):
    _consent, weighing, item = records
    response = api_client(demo.director).get(f"/api/v1/consent/justifications/{weighing.pk}/")
    assert response.status_code == 200
    page = login(demo.director).post(f"/share/item/{item.pk}/open/")
    assert page.status_code == 200 and "Diagnose en strafblad" in page.content.decode()


def test_a_data_request_is_not_for_the_providers_administrator(demo, api_client):
    from deelwijzer.datarequests.tests.helpers import ask

    request = ask(demo)
    admin = api_client(Professional.objects.get(username="cjg-aldermeer-beheer"))
    response = admin.get(f"/api/v1/requests/{request.pk}/")
    assert response.status_code == 404 and not _leaks(response)
    provider = api_client(Professional.objects.get(username="cjg-aldermeer-prof"))
    assert provider.get(f"/api/v1/requests/{request.pk}/").status_code == 200
