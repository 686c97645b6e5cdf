"""The API error bodies: refusals with rule ids and articles, input errors with the field."""

from __future__ import annotations

import pytest
from django.utils import translation

from deelwijzer.api.errors import exception_handler
from deelwijzer.persons import gateway
from deelwijzer.persons import services as persons
from deelwijzer.policy import CaseRole

ANALYSIS = gateway.Context(purpose="veiligheid", step="analyse", ground="6.1.e",
                           case_role=CaseRole.CASE_HOLDER)


def test_a_refusal_body_names_rule_article_and_sentence(demo):
    item = persons.dossier_item_record(
        professional=demo.director, person=demo.child, text="diagnose ADHD",
        categories=["gezondheid"], nature="fact",
        context=ANALYSIS)
    with pytest.raises(gateway.ProcessingRefused) as refused:
        persons.dossier_item_disclose(
            professional=demo.director, item=item, recipient=demo.partner("gemeente-aldermeer"),
            context=ANALYSIS)
    with translation.override("nl"):
        response = exception_handler(refused.value, {})
    assert response is not None and response.status_code == 403
    body = response.data
    assert body["allowed"] is False and body["rule_ids"]
    first = body["reasons"][0]
    assert first["rule_id"] in body["rule_ids"]
    assert first["article"] and first["article"] in first["message"]
    assert first["message"].startswith(("Delen", "Verwerken", "Vastleggen", "Inzien", "Dit"))


def test_an_input_error_names_the_field_in_dutch():
    with translation.override("nl"):
        response = exception_handler(gateway.InvalidPersonData("bsn", "elfproef"), {})
    assert response is not None and response.status_code == 400
    error = response.data["errors"][0]
    assert error["field"] == "bsn" and error["code"] == "elfproef"
    assert error["message"].startswith("BSN:")
