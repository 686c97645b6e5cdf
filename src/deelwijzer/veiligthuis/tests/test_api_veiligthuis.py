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
    assert [a["id"] for a in vt.get(ADVICE).data["results"]] == [pk]
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


def _questions(client, n):
    return [client.post(ADVICE, {"question": f"Zorgen over verwaarlozing, vraag {i}."},
                        format="json").data["id"] for i in range(n)]


def test_advice_list_is_a_page_filtered_by_status(demo, api_client):
    client = api_client(demo.director)
    first, *_rest = _questions(client, 3)
    vt = api_client(demo.prof("veilig-thuis"))
    vt.post(f"{ADVICE}{first}/answer/", {"advice": "Doorloop de meldcode."}, format="json")
    page = vt.get(ADVICE, {"limit": 2}).data
    assert page["count"] == 3 and len(page["results"]) == 2 and "offset=2" in page["next"]
    assert first not in [a["id"] for a in page["results"]]  # open ones first
    assert [a["id"] for a in vt.get(ADVICE, {"status": "answered"}).data["results"]] == [first]
    assert vt.get(ADVICE, {"status": "open"}).data["count"] == 2
    assert api_client(demo.prof("rvdk")).get(ADVICE).data["count"] == 0


def test_reports_list_is_a_page_filtered_by_family(demo, api_client):
    client = api_client(demo.director)
    told = client.post(REPORTS, _report(demo), format="json").data["id"]
    untold = client.post(REPORTS, _report(demo, family_informed_before=False,
                                          steps=_steps(skip=(3,)),
                                          not_informed_reason="Veiligheid."),
                         format="json").data["id"]
    page = client.get(REPORTS, {"limit": 1}).data
    assert page["count"] == 2 and [r["id"] for r in page["results"]] == [untold]
    assert "offset=1" in page["next"]
    assert [r["id"] for r in client.get(REPORTS, {"family": "to_inform"}).data["results"]] == [
        untold]
    assert [r["id"] for r in client.get(REPORTS, {"family": "informed"}).data["results"]] == [
        told]


def test_lists_with_a_bad_limit_or_offset_are_a_400_naming_it(demo, api_client):
    client = api_client(demo.director)
    response = client.get(ADVICE, {"limit": "500"})
    assert response.status_code == 400 and response.data["errors"][0]["field"] == "limit"
    response = client.get(REPORTS, {"offset": "-1"})
    assert response.status_code == 400 and response.data["errors"][0]["field"] == "offset"
