"""P5: the team coordinator sees counts and stages per case, never names or content."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from deelwijzer.accounts.models import Professional
from deelwijzer.cases import services


def test_the_coordinator_sees_stages_and_counts_but_no_names(demo, case, client):
    services.consultation_schedule(
        professional=demo.director, kind="named", case=case,
        date=dt.date.today() + dt.timedelta(days=3), chair=demo.director,
        family_present=False, absence_motivation="Moeder werkt overdag",
        informed_by=demo.director, inform_when="before")
    coordinator = Professional.objects.get(username="coordinator")
    client.force_login(coordinator)  # the coordinator needs no second factor: no personal data
    response = client.get(reverse("cases:monitoring"))
    assert response.status_code == 200
    page = response.content.decode()
    assert case.reference in page
    assert "Melding of signaal" in page  # the step's name from the covenant
    for identifying in ("Noor", "Eva", "Visser", "Gezin V", "Moeder werkt"):
        assert not re.search(rf"\b{identifying}\b", page), identifying
    row = next(r for r in response.context["summary"].cases if r.reference == case.reference)
    assert (row.consultations, row.without_family, row.partners) == (1, 1, 1)
    assert response.context["summary"].per_step == {"melding": 1}


def test_only_the_team_coordinator_sees_the_monitoring(demo, login):
    assert login(demo.director).get(reverse("cases:monitoring")).status_code == 403


def test_the_navigation_shows_monitoring_to_the_coordinator_only(demo, client, login):
    coordinator = Professional.objects.get(username="coordinator")
    client.force_login(coordinator)
    assert reverse("cases:monitoring") in client.get(reverse("ui:home")).content.decode()
    page = login(demo.director).get(reverse("ui:home")).content.decode()
    assert reverse("cases:monitoring") not in page
