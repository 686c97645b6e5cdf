"""Data requests (S10): asking is a logged disclosure; the answer is the provider's own."""

from __future__ import annotations

import pytest

from deelwijzer.datarequests import selectors, services
from deelwijzer.datarequests.choices import Status
from deelwijzer.datarequests.tests.helpers import ask, item
from deelwijzer.persons.errors import refusal_body
from deelwijzer.persons.gateway import InvalidPersonData, ProcessingRefused
from deelwijzer.processing_log.selectors import entries_for_subject

pytestmark = pytest.mark.django_db


def _disclosures(person):
    return [e for e in entries_for_subject(person.subject_id) if e.action == "disclose"]


def test_asking_is_a_logged_disclosure_of_known_to_partner(demo):
    request = ask(demo)
    assert request.status == Status.OPEN
    [line] = _disclosures(demo.child)
    assert line.recipient_partner == "cjg-aldermeer"
    assert line.document and '"bekend-bij"' in line.document
    assert '"allowed":true' in line.document.replace(" ", "")
    texts = services.data_request_texts(professional=demo.prof("cjg-aldermeer"), request=request)
    assert texts.necessity == "Nodig om de veiligheid te beoordelen."
    assert b"veiligheid te beoordelen" not in bytes(request.necessity_encrypted)


def test_a_request_without_purpose_is_refused_on_the_field(demo):
    with pytest.raises(InvalidPersonData) as error:
        ask(demo, purpose="")
    assert (error.value.field, error.value.code) == ("purpose", "required")
    assert _disclosures(demo.child) == []


def test_a_request_must_not_recheck_another_professional(demo):
    with pytest.raises(InvalidPersonData) as error:
        ask(demo, not_a_recheck=False)
    assert (error.value.field, error.value.code) == ("not_a_recheck", "recheck")


@pytest.mark.parametrize("field", ["necessity", "subsidiarity", "proportionality", "question"])
def test_necessity_and_subsidiarity_are_required(demo, field):
    with pytest.raises(InvalidPersonData) as error:
        ask(demo, **{field: " "})
    assert (error.value.field, error.value.code) == (field, "required")


def test_categories_outside_the_purpose_are_refused(demo):
    with pytest.raises(InvalidPersonData) as error:
        ask(demo, purpose="monitoring", categories=["gezondheid"])
    assert (error.value.field, error.value.code) == ("categories", "not_in_purpose")


def test_own_partner_is_not_asked(demo):
    with pytest.raises(InvalidPersonData) as error:
        ask(demo, provider="jeugdbescherming")
    assert error.value.code == "own_partner"


def test_without_consent_or_reason_the_policy_refuses_and_logs(demo):
    with pytest.raises(ProcessingRefused) as error:
        ask(demo, why_no_consent="")
    body = refusal_body(error.value)
    assert "S4" in body["rule_ids"]
    assert any(r["article"] for r in body["reasons"])
    [line] = _disclosures(demo.child)
    assert '"allowed":false' in line.document.replace(" ", "")
    assert not selectors.requests_for(demo.director).rows


def test_a_stranger_may_not_ask_about_a_person_it_does_not_know(demo):
    with pytest.raises(InvalidPersonData) as error:
        ask(demo, professional=demo.prof("ggz-zijlstroom"))
    assert (error.value.field, error.value.code) == ("person", "not_known")


def test_inbox_shows_requests_to_my_partner_and_requests_i_made(demo):
    request = ask(demo)
    assert selectors.requests_for(demo.prof("cjg-aldermeer")).rows == [request]
    assert selectors.requests_for(demo.director).rows == [request]
    assert selectors.requests_for(demo.prof("rvdk")).rows == []
    with pytest.raises(InvalidPersonData):
        services.data_request_texts(professional=demo.prof("rvdk"), request=request)


def test_refusal_needs_a_motivation(demo):
    request = ask(demo)
    provider = demo.prof("cjg-aldermeer")
    with pytest.raises(InvalidPersonData) as error:
        services.data_request_answer(professional=provider, request=request, outcome="refused")
    assert (error.value.field, error.value.code) == ("motivation", "motivation_required")
    services.data_request_answer(
        professional=provider, request=request, outcome="refused",
        motivation="Beroepsgeheim; geen toestemming.", alternative="Bel ons voor overleg.")
    request.refresh_from_db()
    assert request.status == Status.REFUSED and request.answered_at is not None
    texts = services.data_request_texts(professional=demo.director, request=request)
    assert texts.alternative == "Bel ons voor overleg."


def test_providing_goes_through_the_gateway_and_records_the_disclosure(demo):
    request = ask(demo)
    provider = demo.prof("cjg-aldermeer")
    given = item(demo)
    services.data_request_answer(professional=provider, request=request, outcome="provided",
                                 items=[given], legal_duty="Wmo 2015 art. 5.2.6")
    request.refresh_from_db()
    assert request.status == Status.PROVIDED
    [disclosure] = selectors.request_disclosures(request)
    assert disclosure.recipient.key == "jeugdbescherming"
    assert disclosure.item == given
    lines = _disclosures(demo.child)
    assert [line.recipient_partner for line in lines] == ["cjg-aldermeer", "jeugdbescherming"]


def test_providing_without_a_basis_is_refused_and_nothing_is_given(demo):
    request = ask(demo)
    provider = demo.prof("cjg-aldermeer")
    first, second = item(demo), item(demo, text="Tweede")
    with pytest.raises(ProcessingRefused) as error:
        services.data_request_answer(professional=provider, request=request,
                                     outcome="provided", items=[first, second])
    assert "S4" in error.value.decision.rule_ids
    request.refresh_from_db()
    assert request.status == Status.OPEN
    assert selectors.request_disclosures(request) == []
    refused = [e for e in _disclosures(demo.child) if e.recipient_partner == "jeugdbescherming"]
    assert len(refused) == 1


def test_partly_needs_items_and_a_motivation(demo):
    request = ask(demo)
    provider = demo.prof("cjg-aldermeer")
    with pytest.raises(InvalidPersonData) as error:
        services.data_request_answer(professional=provider, request=request, outcome="partly",
                                     motivation="Alleen de feiten.")
    assert error.value.code == "items_required"
    with pytest.raises(InvalidPersonData) as error:
        services.data_request_answer(professional=provider, request=request, outcome="partly",
                                     items=[item(demo)], legal_duty="Wmo 2015 art. 5.2.6")
    assert error.value.code == "motivation_required"


def test_no_more_than_asked(demo):
    request = ask(demo)
    provider = demo.prof("cjg-aldermeer")
    wider = item(demo, categories=("aard-zorgen", "identiteit"))
    with pytest.raises(InvalidPersonData) as error:
        services.data_request_answer(professional=provider, request=request,
                                     outcome="provided", items=[wider])
    assert (error.value.field, error.value.code) == ("items", "beyond_request")


def test_only_the_asked_partner_answers_once(demo):
    request = ask(demo)
    with pytest.raises(InvalidPersonData) as error:
        services.data_request_answer(professional=demo.prof("rvdk"), request=request,
                                     outcome="refused", motivation="x")
    assert error.value.code == "not_provider"
    provider = demo.prof("cjg-aldermeer")
    services.data_request_answer(professional=provider, request=request, outcome="refused",
                                 motivation="Nee.")
    with pytest.raises(InvalidPersonData) as error:
        services.data_request_answer(professional=provider, request=request, outcome="refused",
                                     motivation="Nee.")
    assert error.value.code == "already_answered"


def test_within_a_case_the_log_line_carries_the_case(demo, case):
    request = ask(demo, case=case)
    assert request.step == "melding"
    [line] = _disclosures(demo.child)
    assert line.case_ref == case.reference
