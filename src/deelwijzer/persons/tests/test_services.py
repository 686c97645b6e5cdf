"""The gateway services: decide, process and log in one transaction; refusals logged too."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.consent import services as consent_services
from deelwijzer.covenant.models import Partner
from deelwijzer.demo.services import load_demo
from deelwijzer.persons import services
from deelwijzer.persons.gateway import Context, InvalidPersonData, ProcessingRefused
from deelwijzer.policy import CaseRole
from deelwijzer.processing_log.selectors import entries_for_subject
from deelwijzer.processing_log.services import subject_pseudonym
from deelwijzer.testing import MINIMAL_COVENANT

pytestmark = pytest.mark.django_db

ANALYSE = Context(purpose="veiligheid-kind", step="analyse", ground="6.1.e", case_ref="c-1")
SHARE = Context(purpose="veiligheid-kind", step=None, ground="6.1.e", case_ref="c-1")


@pytest.fixture
def director():
    load_demo(MINIMAL_COVENANT)
    return Professional.objects.get(username="regisseur")


def years_ago(years: int, days: int = 0) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


def register(director, *, age: int = 13, name: str = "Noor"):
    return services.person_register(
        professional=director, given_names=name, family_name="Visser",
        birth_date=years_ago(age, 10), categories=["identiteit"], context=ANALYSE)


def test_bsn_elfproef():
    assert services.bsn_is_valid("111222333")
    assert not services.bsn_is_valid("111222334")
    assert not services.bsn_is_valid("12345678")
    assert not services.bsn_is_valid("000000000")


def test_invalid_bsn_is_refused_with_the_field(director):
    with pytest.raises(InvalidPersonData) as error:
        services.person_register(professional=director, given_names="A", family_name="B",
                                 birth_date=years_ago(5), bsn="123456789",
                                 categories=["identiteit"], context=ANALYSE)
    assert (error.value.field, error.value.code) == ("bsn", "elfproef")


def test_recording_is_logged_once_per_subject_with_the_decision(director):
    child = register(director)
    entries = list(entries_for_subject(child.subject_id))
    assert len(entries) == 1
    entry = entries[0]
    assert entry.allowed and entry.action == "record" and entry.purpose == "veiligheid-kind"
    assert child.subject_id not in str(entry.__dict__)  # only the pseudonym is in the log
    assert entry.subject_pseudonym == subject_pseudonym(child.subject_id)


def test_content_is_encrypted_at_rest(director):
    child = register(director)
    services.dossier_item_record(professional=director, person=child,
                                 text="Diagnose ADHD bekend", categories=["gezondheid"],
                                 nature="fact", context=ANALYSE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT content_encrypted FROM persons_dossieritem")
        (raw,) = cursor.fetchone()
    assert b"ADHD" not in bytes(raw)


def test_refused_disclosure_is_logged_and_nothing_is_disclosed(director):
    child = register(director)
    item = services.dossier_item_record(professional=director, person=child,
                                        text="Diagnose bekend", categories=["gezondheid"],
                                        nature="fact", context=ANALYSE)
    gemeente = Partner.objects.get(key="gemeente")
    with pytest.raises(ProcessingRefused) as refused:
        services.dossier_item_disclose(professional=director, item=item, recipient=gemeente,
                                       context=SHARE)
    assert "S4" in refused.value.decision.rule_ids
    last = list(entries_for_subject(child.subject_id))[-1]
    assert (last.action, last.allowed, last.status) == ("disclose", False, "refused")
    assert "S4" in last.rule_ids
    # The log keeps the reason codes: with the covenant version, the same sentences again.
    assert last.reasons == tuple(r.code for r in refused.value.decision.reasons)


def test_consent_for_a_13_year_old_by_child_and_parent_allows_the_disclosure(director):
    child = register(director, age=13)
    parent = register(director, age=40, name="Ilse")
    services.representative_add(professional=director, child=child, representative=parent,
                                kind="parent", categories=["identiteit"], context=ANALYSE)
    item = services.dossier_item_record(professional=director, person=child,
                                        text="Diagnose bekend", categories=["gezondheid"],
                                        nature="fact", context=ANALYSE)
    gemeente = Partner.objects.get(key="gemeente")
    # Given by the parent alone when the child was 11: right then (S6), not enough now at 13.
    only_parent = consent_services.consent_record(
        professional=director, person=child, given_by=[parent], purpose="veiligheid-kind",
        categories=["gezondheid"], recipients=["gemeente"], valid_from=years_ago(2),
        given_on=years_ago(2), context=ANALYSE)
    with pytest.raises(ProcessingRefused) as refused:
        services.dossier_item_disclose(professional=director, item=item, recipient=gemeente,
                                       context=SHARE)
    assert "S6" in refused.value.decision.rule_ids
    consent_services.consent_withdraw(professional=director, consent=only_parent, context=ANALYSE)
    consent_services.consent_record(
        professional=director, person=child, given_by=[child, parent],
        purpose="veiligheid-kind", categories=["gezondheid"], recipients=["gemeente"],
        valid_from=timezone.localdate(), context=ANALYSE)
    disclosure = services.dossier_item_disclose(professional=director, item=item,
                                                recipient=gemeente, context=SHARE)
    assert disclosure.recipient == gemeente
    assert disclosure.consent is not None  # S5: the controller can prove the consent it used


def test_erasure_destroys_the_pseudonym_key_and_the_log_still_verifies(director):
    from deelwijzer.processing_log.verify import verify_log

    child = register(director)
    subject = child.subject_id
    holder = dataclasses.replace(ANALYSE, case_role=CaseRole.CASE_HOLDER)
    services.person_erase(professional=director, person=child, context=holder)
    assert subject_pseudonym(subject) is None
    assert verify_log().ok
