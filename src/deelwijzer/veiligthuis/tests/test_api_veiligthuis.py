"""Veilig Thuis API: anonymous advice and reports; field errors, refusals, 404s."""

from __future__ import annotations

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db
ADVICE = "/api/v1/veilig-thuis/advice/"
REPORTS = "/api/v1/veilig-thuis/reports/"


def _steps(skip=()):
    today = timezone.localdate().isoformat()
    return [{"step": n, "date": today, "notes": f"Stap {n}"} for n in range(1, 6) if n not in skip]


def _report(demo, **overrides):
    body = {"person": demo.child.pk, "concerns": "Blauwe plekken.",
            "categories": ["identiteit", "aard-zorgen"], "steps": _steps(),
            "family_informed_before": True}
    body.update(overrides)
    return body


def test_advice_roundtrip_and_identifying_refused(demo, api_client):
    client = api_client(demo.director)
    response = client.post(ADVICE, {"question": "Naam: Noor, zorgen thuis."}, format="json")
    assert response.status_code == 400
    assert response.data["errors"][0] == {**response.data["errors"][0], "field": "question",
                                          "code": "name"}
    response = client.post(ADVICE, {"question": "Zorgen over verwaarlozing, wat nu?"},
                           format="json")
    assert response.status_code == 201
    pk = response.data["id"]
    vt = api_client(demo.prof("veilig-thuis"))
    assert [a["id"] for a in vt.get(ADVICE).data] == [pk]
    assert client.post(f"{ADVICE}{pk}/answer/", {"advice": "x"},
                       format="json").status_code == 400
    response = vt.post(f"{ADVICE}{pk}/answer/", {"advice": "Doorloop de meldcode."},
                       format="json")
    assert response.status_code == 200 and response.data["answered_at"]
    assert api_client(demo.prof("rvdk")).get(f"{ADVICE}{pk}/").status_code == 404


def test_report_roundtrip(demo, api_client):
    client = api_client(demo.director)
    response = client.post(REPORTS, _report(demo), format="json")
    assert response.status_code == 201, response.data
    assert response.data["legal_power"].startswith("Wmo 2015 art. 5.2.6")
    vt = api_client(demo.prof("veilig-thuis"))
    detail = vt.get(f"{REPORTS}{response.data['id']}/").data
    assert detail["concerns"] == "Blauwe plekken."
    assert detail["steps"][3]["notes"] == "Stap 4"


def test_report_field_errors_and_refusal(demo, api_client):
    client = api_client(demo.director)
    response = client.post(REPORTS, _report(demo, family_informed_before=False,
                                            steps=_steps(skip=(3,))), format="json")
    assert response.status_code == 400
    assert response.data["errors"][0]["field"] == "not_informed_reason"
    response = client.post(REPORTS, _report(demo, categories=["gezondheid"]), format="json")
    assert response.status_code == 403
    assert "S1" in response.data["rule_ids"] and response.data["reasons"][0]["article"]
    assert client.post(REPORTS, _report(demo, person=999999), format="json").status_code == 404


def test_family_informed_afterwards(demo, api_client):
    client = api_client(demo.director)
    made = client.post(REPORTS, _report(demo, family_informed_before=False,
                                        steps=_steps(skip=(3,)),
                                        not_informed_reason="Veiligheid."), format="json").data
    assert made["family_still_to_inform"] is True
    response = client.post(f"{REPORTS}{made['id']}/family-informed/",
                           {"family_informed_on": timezone.localdate().isoformat()},
                           format="json")
    assert response.status_code == 200
    assert response.data["family_still_to_inform"] is False
