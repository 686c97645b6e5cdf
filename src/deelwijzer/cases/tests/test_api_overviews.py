"""API: the team coordinator's monitoring summary and the consultations list, as the screens."""

from __future__ import annotations

import pytest
from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.cases import services

pytestmark = pytest.mark.django_db


def test_monitoring_is_counts_for_the_team_coordinator_only(demo, case, api_client):
    coordinator = Professional.objects.filter(role_assignments__role="team_coordinator").first()
    assert coordinator is not None
    response = api_client(coordinator).get("/api/v1/cases/monitoring/")
    assert response.status_code == 200
    body = response.json()
    assert [c["reference"] for c in body["cases"]] == [case.reference]
    assert body["open_cases"] == 1
    assert "Visser" not in response.content.decode() and "Gezin V." not in response.content.decode()
    refused = api_client(demo.director).get("/api/v1/cases/monitoring/")
    assert refused.status_code == 403 and case.reference not in refused.content.decode()


def test_consultations_list_is_a_page_of_those_the_caller_may_open(demo, case, api_client):
    consultation = services.consultation_schedule(
        professional=demo.director, kind="anonymous", date=timezone.localdate(),
        chair=demo.director, agenda="")
    body = api_client(demo.director).get("/api/v1/cases/consultations/?limit=1").json()
    assert body["count"] == 1 and [c["id"] for c in body["results"]] == [consultation.pk]
    other = api_client(demo.prof("cjg-aldermeer")).get("/api/v1/cases/consultations/").json()
    assert other["count"] == 0 and other["results"] == []
    bad = api_client(demo.director).get("/api/v1/cases/consultations/?limit=0")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "limit"
