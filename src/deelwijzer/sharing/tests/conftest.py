"""Helpers for the sharing tests: the demo household (Noor 13, her mother Eva) and its case."""

from __future__ import annotations

import pytest
from django.utils import timezone

from deelwijzer.consent import services as consent_services
from deelwijzer.persons import gateway
from deelwijzer.policy import CaseRole

SIGNAL = gateway.Context(purpose="veiligheid", step="melding", ground="6.1.e",
                         case_role=CaseRole.CASE_HOLDER)


@pytest.fixture
def consent_for_gemeente(demo, mother_represents):
    """Double consent (Noor and Eva) to share the concerns with the municipality for safety."""
    return consent_services.consent_record(
        professional=demo.director, person=demo.child, given_by=[demo.child, demo.mother],
        purpose="veiligheid", categories=["aard-zorgen"], recipients=["gemeente-aldermeer"],
        valid_from=timezone.localdate(), context=SIGNAL)


@pytest.fixture
def concern(demo, case):
    """A dossier item of the case director's partner about Noor, recorded in the case."""
    from deelwijzer.sharing import services

    return services.share_item_record(
        professional=demo.director, person=demo.child, text="Leerkracht ziet blauwe plekken",
        categories=["aard-zorgen"], nature="fact", purpose=None, case=case)
