"""Lists of the API come in pages; search finds only what the searcher may know; bad input has
one error shape (issue 10)."""

from __future__ import annotations

import pytest

URL = "/api/v1/cases/"


@pytest.fixture
def cases(demo):
    """Three cases of the demo case director, for three households."""
    from deelwijzer.cases import services
    from deelwijzer.persons import gateway
    from deelwijzer.persons import services as persons
    from deelwijzer.policy import CaseRole

    signal = gateway.Context(purpose="veiligheid", step="melding", ground="6.1.e",
                             case_role=CaseRole.CASE_HOLDER)
    made = [services.case_open(professional=demo.director, household=demo.household,
                               statutory_task=demo.task, case_criterion=demo.criterion)]
    for label, name in (("Gezin B.", "Bakker"), ("Gezin J.", "Jansen")):
        child = persons.person_register(
            professional=demo.director, given_names="Sem", family_name=name,
            birth_date=demo.child.birth_date, categories=["identiteit"], context=signal)
        household = persons.household_register(
            professional=demo.director, label=label, members=[(child, "child")],
            categories=["gezinssamenstelling"], context=signal)
        made.append(services.case_open(professional=demo.director, household=household,
                                       statutory_task=demo.task,
                                       case_criterion=demo.criterion))
    return made


def test_a_list_is_a_page_with_the_total_and_the_next_page(demo, cases, api_client):
    client = api_client(demo.director)
    first = client.get(URL, {"limit": 2}).json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert [c["id"] for c in second["results"]] == [cases[0].pk]  # oldest last
    assert second["next"] is None
    assert {c["id"] for c in first["results"] + second["results"]} == {c.pk for c in cases}


def test_search_by_reference_or_household_label(demo, cases, api_client):
    client = api_client(demo.director)
    found = client.get(URL, {"search": "gezin b"}).json()
    assert [c["household"] for c in found["results"]] == ["Gezin B."]
    found = client.get(URL, {"search": cases[2].reference}).json()
    assert [c["id"] for c in found["results"]] == [cases[2].pk]
    assert client.get(URL, {"search": "Gezin Z."}).json()["count"] == 0


def test_search_finds_only_cases_the_searcher_is_involved_in(demo, cases, api_client):
    from deelwijzer.accounts.models import Professional

    ggz = Professional.objects.get(username="ggz-zijlstroom-prof")
    found = api_client(ggz).get(URL, {"search": "Gezin"}).json()
    assert found == {"count": 0, "next": None, "previous": None, "results": []}


def test_filters_by_state(demo, cases, api_client):
    from deelwijzer.cases import services

    services.case_close(professional=demo.director, case=cases[1])
    client = api_client(demo.director)
    assert [c["id"] for c in client.get(URL, {"state": "closed"}).json()["results"]] == [
        cases[1].pk]
    assert client.get(URL, {"state": "open"}).json()["count"] == 2


@pytest.mark.parametrize(("params", "field"), [
    ({"limit": "0"}, "limit"), ({"limit": "201"}, "limit"), ({"limit": "veel"}, "limit"),
    ({"offset": "-1"}, "offset"),
])
def test_a_page_parameter_out_of_range_names_the_parameter(demo, api_client, params, field):
    response = api_client(demo.director).get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["errors"][0]["code"] == "page_range"
    assert body["detail"] == body["errors"][0]["message"]
    assert "200" in body["detail"] or "0" in body["detail"]


def test_a_serializers_own_errors_come_in_the_one_shape(demo, api_client):
    """DRF's validation (missing fields, nested ones) as {detail, errors[field, code, message]},
    each naming the field in the user's language."""
    response = api_client(demo.director).post("/api/v1/cases/open/", {
        "members": [{"given_names": "Sem"}], "case_criterion": "x"}, format="json")
    assert response.status_code == 400
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert errors["members.0.family_name"]["code"] == "required"
    assert errors["statutory_task"]["code"] == "required"
    assert errors["members.0.birth_date"]["message"].startswith("Geboortedatum: ")


def test_not_found_and_unauthenticated_have_the_same_shape(demo, api_client, client):
    assert api_client(demo.director).get(f"{URL}999999/").json()["errors"] == []
    response = client.get(URL)
    assert response.status_code in (401, 403)
    assert set(response.json()) == {"detail", "errors"}


def test_person_search_by_name_birth_date_or_bsn_within_need_to_know(demo, cases, api_client):
    """Search finds the persons of the searcher's cases by a part of the name, the birth date
    (ISO or Dutch order) or the BSN; a search is not logged, and another partner's
    professional without business finds nobody."""
    from deelwijzer.accounts.models import Professional
    from deelwijzer.processing_log.models import LogEntry

    url = "/api/v1/share/persons/"
    client = api_client(demo.director)
    born = demo.child.birth_date
    lines = LogEntry.objects.count()
    by_name = client.get(url, {"search": "sem bak"}).json()
    assert [p["family_name"] for p in by_name["results"]] == ["Bakker"]
    by_date = client.get(url, {"search": f"{born.day}-{born.month}-{born.year}"}).json()
    assert {p["family_name"] for p in by_date["results"]} == {"Visser", "Bakker", "Jansen"}
    assert client.get(url, {"search": born.isoformat()}).json()["count"] == 3
    assert client.get(url, {"search": "31-02-2013"}).json()["count"] == 0
    assert LogEntry.objects.count() == lines
    ggz = Professional.objects.get(username="ggz-zijlstroom-prof")
    assert api_client(ggz).get(url, {"search": "Visser"}).json()["count"] == 0


def test_person_search_by_bsn(demo, api_client):
    from deelwijzer.persons import gateway
    from deelwijzer.persons import services as persons
    from deelwijzer.policy import CaseRole

    signal = gateway.Context(purpose="veiligheid", step="melding", ground="6.1.e",
                             case_role=CaseRole.CASE_HOLDER)
    persons.person_register(professional=demo.director, given_names="Lotte", family_name="Mol",
                            birth_date=demo.child.birth_date, bsn="111222333",
                            categories=["identiteit"], context=signal)
    found = api_client(demo.director).get("/api/v1/share/persons/",
                                          {"search": "111222333"}).json()
    assert [p["given_names"] for p in found["results"]] == ["Lotte"]


def test_every_input_field_of_the_api_has_a_label_in_the_users_language():
    """A field error starts with the field's label ("Geboortedatum: ..."): every field of every
    request body in the schema has one, not a name made from the field id."""
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    from deelwijzer.persons.errors import FIELDS

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]

    def fields(ref: str, seen: set[str]) -> set[str]:
        name = ref.rsplit("/", 1)[-1]
        if name in seen:
            return set()
        seen.add(name)
        found = set()
        for key, prop in components[name].get("properties", {}).items():
            if prop.get("readOnly"):
                continue
            found.add(key)
            for sub in (prop, prop.get("items", {}), *prop.get("allOf", [])):
                if "$ref" in sub:
                    found |= fields(sub["$ref"], seen)
        return found

    names: set[str] = set()
    for operations in schema["paths"].values():
        for operation in operations.values():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                if "$ref" in content.get("schema", {}):
                    names |= fields(content["schema"]["$ref"], set())
    assert len(names) > 50
    assert sorted(names - set(FIELDS)) == []
    with translation.override("en"):
        english = {n: str(FIELDS[n]) for n in names}
    with translation.override("nl"):
        untranslated = sorted(n for n in names if str(FIELDS[n]) == english[n])
    same_in_dutch = {"bsn", "agenda", "partner", "invitee"}  # BSN, Agenda, Partner, Professional
    assert set(untranslated) <= same_in_dutch, untranslated
