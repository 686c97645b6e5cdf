"""Data request API: create, list, detail, answer; refusals with rule id and article."""

from __future__ import annotations

import pytest

from deelwijzer.datarequests.tests.helpers import WEIGHING, ask, item

pytestmark = pytest.mark.django_db
URL = "/api/v1/requests/"


def _body(demo, **overrides):
    body = {"person": demo.child.pk, "provider": "cjg-aldermeer", "purpose": "veiligheid",
            "categories": ["aard-zorgen"], "not_a_recheck": True,
            "why_no_consent": "Gezin onbereikbaar.", **WEIGHING}
    body.update(overrides)
    return body


def test_create_list_detail(demo, api_client):
    client = api_client(demo.director)
    response = client.post(URL, _body(demo), format="json")
    assert response.status_code == 201, response.data
    assert response.data["status"] == "open"
    assert response.data["necessity"] == WEIGHING["necessity"]
    provider = api_client(demo.prof("cjg-aldermeer"))
    [row] = provider.get(URL).data["results"]
    assert row["person_name"] == "Noor Visser"
    assert provider.get(f"{URL}{row['id']}/").status_code == 200
    assert api_client(demo.prof("rvdk")).get(f"{URL}{row['id']}/").status_code == 404


def test_without_purpose_is_a_field_error(demo, api_client):
    response = api_client(demo.director).post(URL, _body(demo, purpose=""), format="json")
    assert response.status_code == 400
    assert response.data["errors"][0]["field"] == "purpose"
    assert response.data["errors"][0]["code"] == "required"


def test_refusal_names_rule_and_article(demo, api_client):
    response = api_client(demo.director).post(URL, _body(demo, why_no_consent=""),
                                              format="json")
    assert response.status_code == 403
    assert "S4" in response.data["rule_ids"]
    assert all(r["article"] for r in response.data["reasons"])


def test_unknown_or_hidden_ids_are_404(demo, api_client):
    client = api_client(demo.director)
    assert client.post(URL, _body(demo, person=999999), format="json").status_code == 404
    assert client.post(URL, _body(demo, person=2**62), format="json").status_code == 404
    assert client.post(URL, _body(demo, case="C-0000-0000"), format="json").status_code == 404
    assert client.get(f"{URL}999999/").status_code == 404
    assert client.post(URL, {"person": "x"}, format="json").status_code == 400


def test_answer_refused_needs_motivation_then_provided(demo, api_client):
    made = ask(demo)
    provider = api_client(demo.prof("cjg-aldermeer"))
    response = provider.post(f"{URL}{made.pk}/answer/", {"outcome": "refused"}, format="json")
    assert response.status_code == 400
    assert response.data["errors"][0]["code"] == "motivation_required"
    given = item(demo)
    detail = provider.get(f"{URL}{made.pk}/").data
    assert [i["id"] for i in detail["available_items"]] == [given.pk]
    response = provider.post(f"{URL}{made.pk}/answer/", {"outcome": "provided",
                                                         "items": [given.pk]}, format="json")
    assert response.status_code == 403
    assert "S4" in response.data["rule_ids"]
    response = provider.post(f"{URL}{made.pk}/answer/",
                             {"outcome": "provided", "items": [given.pk],
                              "legal_duty": "Wmo 2015 art. 5.2.6"}, format="json")
    assert response.status_code == 200
    assert response.data["status"] == "provided"
    assert response.data["disclosures"][0]["recipient"] == "jeugdbescherming"


def test_answer_with_unknown_item_is_400(demo, api_client):
    made = ask(demo)
    provider = api_client(demo.prof("cjg-aldermeer"))
    response = provider.post(f"{URL}{made.pk}/answer/", {"outcome": "provided",
                                                         "items": [99999]}, format="json")
    assert response.status_code == 400
    assert response.data["errors"][0]["field"] == "items"


def _several(demo):
    """Three requests of the director to CJG: about Noor (wanted in three days), about Noor
    (refused), about Eva (wanted yesterday)."""
    import datetime as dt

    from django.utils import timezone

    from deelwijzer.datarequests import services
    from deelwijzer.datarequests.models import DataRequest

    today = timezone.localdate()
    soon = ask(demo, answer_by=today + dt.timedelta(days=3))
    refused = ask(demo)
    services.data_request_answer(professional=demo.prof("cjg-aldermeer"), request=refused,
                                 outcome="refused", motivation="Beroepsgeheim.")
    late = ask(demo, person=demo.mother, answer_by=today)
    DataRequest._records.filter(pk=late.pk).update(answer_by=today - dt.timedelta(days=1))
    return soon, refused, late


def test_list_is_a_page_with_the_total_and_the_next_link(demo, api_client):
    _several(demo)
    response = api_client(demo.director).get(URL, {"limit": 2})
    assert response.status_code == 200
    assert response.data["count"] == 3
    assert len(response.data["results"]) == 2
    assert "offset=2" in response.data["next"]
    assert response.data["previous"] is None
    last = api_client(demo.director).get(URL, {"limit": 2, "offset": 2}).data
    assert len(last["results"]) == 1 and last["next"] is None


def test_list_filters_and_search_narrow(demo, api_client):
    soon, refused, late = _several(demo)
    client = api_client(demo.director)

    def ids(**query):
        return [r["id"] for r in client.get(URL, query).data["results"]]

    assert set(ids(status="open")) == {soon.pk, late.pk}
    assert ids(status="answered") == [refused.pk]
    assert ids(due="overdue") == [late.pk]
    assert ids(due="week") == [soon.pk]
    assert ids(search="eva") == [late.pk]
    assert set(ids(search="Noor Visser")) == {soon.pk, refused.pk}
    assert ids(order="deadline") == [late.pk, soon.pk, refused.pk]
    assert len(ids(direction="outgoing")) == 3
    assert ids(direction="incoming") == []
    provider = api_client(demo.prof("cjg-aldermeer"))
    assert len(provider.get(URL, {"direction": "incoming"}).data["results"]) == 3
    assert provider.get(URL, {"direction": "outgoing"}).data["count"] == 0


def test_list_search_finds_nothing_of_another_partner(demo, api_client):
    _several(demo)
    response = api_client(demo.prof("rvdk")).get(URL, {"search": "Visser"})
    assert response.data["count"] == 0 and response.data["results"] == []


def test_list_with_a_bad_limit_is_a_400_naming_it(demo, api_client):
    response = api_client(demo.director).get(URL, {"limit": "0"})
    assert response.status_code == 400
    assert response.data["errors"][0]["field"] == "limit"


def test_list_for_someone_without_clients_is_an_empty_page(demo, api_client):
    from deelwijzer.accounts.models import Professional

    ask(demo)
    privacy = Professional.objects.get(username="privacy")
    for query in ({}, {"order": "deadline"}, {"status": "open"}):
        response = api_client(privacy).get(URL, query)
        assert response.status_code == 200 and response.data["count"] == 0
