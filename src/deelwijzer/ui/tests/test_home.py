"""The home page shows the professional what needs attention: deadlines and missing steps."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from deelwijzer.cases import selectors, services


def test_the_director_sees_a_case_whose_family_is_not_informed_yet(demo, case, login):
    director = selectors.involvement_of(case, demo.director)
    services.consultation_schedule(
        professional=demo.director, kind="named", date=timezone.localdate(),
        chair=demo.director, case=case, participants=[director], family_present=False,
        absence_motivation="Eerst afstemmen tussen professionals", informed_by=demo.director,
        inform_when="before")
    page = login(demo.director).get(reverse("ui:home")).content.decode()
    assert "Vraagt uw aandacht" in page
    assert "1 open casus" in page
    assert "gezin nog niet geïnformeerd in 1 casus" in page
    assert "1 overleg gepland" in page


def test_the_team_coordinator_gets_no_work_list(demo, client):
    from deelwijzer.accounts.models import Professional

    client.force_login(Professional.objects.get(username="coordinator"))
    assert "Vraagt uw aandacht" not in client.get(reverse("ui:home")).content.decode()
