"""S11 (002 "verstrekking van politiegegevens"; Wpg art. 20): police data keeps the purpose the
police gave it for, through data request answers and copies into another dossier."""

from __future__ import annotations

import pytest

from deelwijzer.datarequests import services
from deelwijzer.datarequests.tests.helpers import ask, item
from deelwijzer.persons.gateway import ProcessingRefused
from deelwijzer.processing_log.selectors import entries_for_subject
from deelwijzer.sharing import services as sharing

pytestmark = pytest.mark.django_db


def _disclosures(person):
    return [e for e in entries_for_subject(person.subject_id) if e.action == "disclose"]


def test_s11_police_data_keeps_its_purpose_through_an_answer_and_a_copy(demo, case):
    """Issue 9, reproduction 4: police data provided in an answer (Wpg art. 20), copied into the
    case director's dossier, may not be disclosed to the RvdK for another purpose, although S2
    finds that purpose compatible with the one the police gave it for."""
    police_item = item(demo, "politie", categories=("aard-zorgen",),
                       text="Twee meldingen huiselijk geweld.")
    assert police_item.police_purpose == "veiligheid"
    request = ask(demo, provider="politie", case=case)
    services.data_request_answer(professional=demo.prof("politie"), request=request,
                                 outcome="provided", items=[police_item],
                                 legal_duty="Wet politiegegevens art. 20")
    copy = sharing.share_item_copy(professional=demo.director, item=police_item, informed=True,
                                   case=case)
    assert copy.police_purpose == "veiligheid"  # the origin travels with the copy
    answer = sharing.share_check(professional=demo.director, person=demo.child,
                                 recipient="rvdk", item=copy, purpose="onderzoek-bescherming", case=case)
    assert not answer.allowed and "S11" in answer.rule_ids
    with pytest.raises(ProcessingRefused) as refused:
        sharing.share_disclose(professional=demo.director, item=copy,
                               recipient=demo.partner("rvdk"), purpose="onderzoek-bescherming", case=case)
    assert "S11" in refused.value.decision.rule_ids
    assert _disclosures(demo.child)[-1].allowed is False
