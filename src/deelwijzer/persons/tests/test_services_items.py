"""Dossier items travel with their purpose (S2) and their owner's decision (K5)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from deelwijzer.consent import services as consent_services
from deelwijzer.persons import gateway
from deelwijzer.persons import services as persons
from deelwijzer.policy import CaseRole

ANALYSIS = gateway.Context(purpose="veiligheid", step="analyse", ground="6.1.e",
                           case_role=CaseRole.CASE_HOLDER)
MEASURE = gateway.Context(purpose="uitvoering-maatregel", step="uitvoering-maatregel",
                          ground="6.1.e", case_role=CaseRole.CASE_HOLDER)


def consent_for(demo, categories, recipients):
    persons.representative_add(professional=demo.director, child=demo.child,
                               representative=demo.mother, kind="parent",
                               categories=["gezag-en-maatregelen"], context=ANALYSIS)
    consent_services.consent_record(
        professional=demo.director, person=demo.child, given_by=[demo.child, demo.mother],
        purpose="veiligheid", categories=categories, recipients=recipients,
        valid_from=timezone.localdate(), context=ANALYSIS)


def test_a_partner_reads_what_was_disclosed_to_it_and_nothing_else(demo):
    consent_for(demo, ["aard-zorgen"], ["gemeente-aldermeer"])
    given = persons.dossier_item_record(
        professional=demo.director, person=demo.child, text="Zorgen over verzuim",
        categories=["aard-zorgen"], nature="fact", context=ANALYSIS)
    kept = persons.dossier_item_record(
        professional=demo.director, person=demo.child, text="Niet gedeeld",
        categories=["aard-zorgen"], nature="opinion", context=ANALYSIS)
    persons.dossier_item_disclose(professional=demo.director, item=given,
                                  recipient=demo.partner("gemeente-aldermeer"), context=ANALYSIS)
    reader = demo.prof("gemeente-aldermeer")
    assert persons.dossier_item_view(professional=reader, item=given,
                                     context=ANALYSIS) == "Zorgen over verzuim"
    with pytest.raises(gateway.ProcessingRefused) as refused:
        persons.dossier_item_view(professional=reader, item=kept, context=ANALYSIS)
    assert "K5" in refused.value.decision.rule_ids


def test_an_item_is_not_used_for_a_purpose_incompatible_with_its_own(demo):
    """S2: data recorded to carry out a measure is not shared for the safety purpose, which
    does not list it as compatible."""
    item = persons.dossier_item_record(
        professional=demo.director, person=demo.child, text="Verloop maatregel",
        categories=["gezag-en-maatregelen"], nature="fact", context=MEASURE)
    with pytest.raises(gateway.ProcessingRefused) as refused:
        persons.dossier_item_disclose(professional=demo.director, item=item,
                                      recipient=demo.partner("veilig-thuis"), context=ANALYSIS)
    assert "S2" in refused.value.decision.rule_ids
    assert any(r.code == "incompatible_purpose" for r in refused.value.decision.refusals)
