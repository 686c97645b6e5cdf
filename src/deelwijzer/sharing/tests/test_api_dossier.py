"""API of the person's dossier: a person with its items, recording, opening and copying an item,
through the same selectors and services as the dossier screens."""

from __future__ import annotations

import pytest
from django.utils import timezone

from deelwijzer.persons import services as persons
from deelwijzer.processing_log.selectors import entries_for_case, entries_for_subject
from deelwijzer.sharing import services

pytestmark = pytest.mark.django_db


def person_url(pk):
    return f"/api/v1/share/persons/{pk}/"


def test_a_person_with_its_cases_consents_and_items_without_content(
        demo, case, concern, consent_for_gemeente, api_client):
    client = api_client(demo.director)
    before = entries_for_subject(demo.child.subject_id).count()
    response = client.get(person_url(demo.child.pk))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["given_names"], body["family_name"], body["age"]) == ("Noor", "Visser", 13)
    assert [c["reference"] for c in body["cases"]] == [case.reference]
    assert [c["id"] for c in body["consents"]] == [consent_for_gemeente.pk]
    assert [i["id"] for i in body["held"]] == [concern.pk]
    assert body["held"][0]["categories"] == ["aard-zorgen"]
    assert body["received"] == []
    assert "blauwe plekken" not in response.content.decode()
    # As on the screen: listing the dossier shows no content and is not logged.
    assert entries_for_subject(demo.child.subject_id).count() == before


def test_a_caller_without_business_does_not_know_the_person_or_the_item(
        demo, case, concern, api_client):
    client = api_client(demo.prof("cjg-aldermeer"))
    before = entries_for_subject(demo.child.subject_id).count()
    assert client.get(person_url(demo.child.pk)).status_code == 404
    assert client.post(f"{person_url(demo.child.pk)}items/", {
        "text": "x", "nature": "fact", "categories": ["aard-zorgen"]},
        format="json").status_code == 404
    opened = client.post(f"/api/v1/share/items/{concern.pk}/open/")
    assert opened.status_code == 404
    assert "blauwe plekken" not in opened.content.decode()
    assert client.post(f"/api/v1/share/items/{concern.pk}/copy/", {"informed": True},
                       format="json").status_code == 404
    assert entries_for_subject(demo.child.subject_id).count() == before


def test_recording_an_item_in_the_case_is_logged(demo, case, api_client):
    client = api_client(demo.director)
    response = client.post(f"{person_url(demo.child.pk)}items/", {
        "text": "School meldt verzuim", "nature": "fact", "categories": ["aard-zorgen"],
        "case": case.reference}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["step"], body["case"], body["purpose"]) == ("melding", case.reference,
                                                             "veiligheid")
    last = list(entries_for_case(case.reference))[-1]
    assert (last.action, last.allowed, last.step) == ("record", True, "melding")


def test_recording_what_the_step_does_not_record_is_refused_with_the_rule(demo, case,
                                                                           api_client):
    client = api_client(demo.director)
    before = entries_for_case(case.reference).count()
    response = client.post(f"{person_url(demo.child.pk)}items/", {
        "text": "Diagnose ADHD", "nature": "fact", "categories": ["gezondheid"],
        "case": case.reference}, format="json")
    assert response.status_code == 403
    assert response.json()["allowed"] is False
    last = list(entries_for_case(case.reference))[-1]
    assert entries_for_case(case.reference).count() == before + 1
    assert (last.action, last.allowed) == ("record", False)


def test_recording_bad_input_names_the_field(demo, case, api_client):
    client = api_client(demo.director)
    url = f"{person_url(demo.child.pk)}items/"
    missing = client.post(url, {"text": "Iets", "categories": ["aard-zorgen"]}, format="json")
    assert missing.status_code == 400
    assert [e["field"] for e in missing.json()["errors"]] == ["nature"]
    unknown_case = client.post(url, {"text": "Iets", "nature": "fact",
                                     "categories": ["aard-zorgen"], "case": "C-1999-0001"},
                               format="json")
    assert unknown_case.status_code == 400
    assert unknown_case.json()["errors"][0]["field"] == "case"


def test_opening_an_item_gives_its_content_and_remarks_and_logs_a_view(demo, case, concern,
                                                                       api_client):
    persons.remark_add(professional=demo.director, kind="correction", item=concern,
                       given_by=demo.mother, given_on=timezone.localdate(),
                       text="Het waren geen blauwe plekken maar verf.",
                       context=services.item_context(professional=demo.director, item=concern))
    client = api_client(demo.director)
    before = entries_for_subject(demo.child.subject_id).count()
    response = client.post(f"/api/v1/share/items/{concern.pk}/open/")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["content"] == "Leerkracht ziet blauwe plekken"
    assert [(r["kind"], r["given_by"]) for r in body["remarks"]] == [
        ("correction", demo.mother.pk)]
    assert body["remarks"][0]["text"] == "Het waren geen blauwe plekken maar verf."
    entries = list(entries_for_subject(demo.child.subject_id))
    assert len(entries) == before + 2  # the item and the remarks beside it
    assert {(e.action, e.allowed) for e in entries[before:]} == {("view", True)}


def test_copying_a_disclosed_item_into_the_own_dossier(demo, case, concern,
                                                        consent_for_gemeente, api_client):
    from deelwijzer.cases import services as cases

    services.share_disclose(professional=demo.director, item=concern,
                            recipient=demo.partner("gemeente-aldermeer"), case=case)
    gemeente = demo.prof("gemeente-aldermeer")
    cases.case_involve(professional=demo.director, case=case,
                       partner=demo.partner("gemeente-aldermeer"), role="content",
                       reason="Wmo-consulent", invitee=gemeente)
    client = api_client(gemeente)
    received = client.get(person_url(demo.child.pk)).json()["received"]
    assert [i["id"] for i in received] == [concern.pk]
    assert received[0]["disclosures"][0]["recipient"] == "gemeente-aldermeer"
    url = f"/api/v1/share/items/{concern.pk}/copy/"
    refused = client.post(url, {"case": case.reference, "purpose": "veiligheid",
                                "informed": False}, format="json")
    assert refused.status_code == 403
    assert "K7" in refused.json()["rule_ids"]
    bad = client.post(url, {"case": case.reference}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "informed"
    done = client.post(url, {"case": case.reference, "purpose": "veiligheid",
                             "informed": True}, format="json")
    assert done.status_code == 201, done.json()
    body = done.json()
    assert (body["owning_partner"], body["copied_from"]) == ("gemeente-aldermeer", concern.pk)
    last = list(entries_for_case(case.reference))[-1]
    assert (last.action, last.allowed) == ("copy", True)
    # The director's own item cannot be copied into its own dossier.
    own = api_client(demo.director).post(url, {"informed": True}, format="json")
    assert own.status_code == 404


def test_persons_list_and_search_within_need_to_know(demo, case, api_client):
    client = api_client(demo.director)
    everyone = client.get("/api/v1/share/persons/").json()
    assert everyone["count"] == 2
    assert {p["given_names"] for p in everyone["results"]} == {"Noor", "Eva"}
    found = client.get("/api/v1/share/persons/", {"search": "noor visser"}).json()
    assert [p["id"] for p in found["results"]] == [demo.child.pk]
    by_date = client.get("/api/v1/share/persons/",
                         {"search": demo.mother.birth_date.isoformat()}).json()
    assert [p["id"] for p in by_date["results"]] == [demo.mother.pk]
    page = client.get("/api/v1/share/persons/", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and len(page["results"]) == 1 and page["next"] is None
    before = entries_for_subject(demo.child.subject_id).count()
    other = api_client(demo.prof("cjg-aldermeer")).get("/api/v1/share/persons/",
                                                       {"search": "Visser"})
    assert other.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert entries_for_subject(demo.child.subject_id).count() == before  # not logged


def test_a_long_dossier_comes_in_pages(demo, case, concern, api_client, login):
    """A person's detail shows the newest 50 items and how many there are; the items list
    pages them all (newest first), and the dossier screen shows 25 per page."""
    from deelwijzer.cases.services import case_context

    context = case_context(case, demo.director)
    for n in range(54):
        persons.dossier_item_record(professional=demo.director, person=demo.child,
                                    text=f"Waarneming {n}", categories=["aard-zorgen"],
                                    nature="fact", context=context)
    client = api_client(demo.director)
    body = client.get(person_url(demo.child.pk)).json()
    assert (len(body["held"]), body["held_count"]) == (50, 55)
    page = client.get(f"{person_url(demo.child.pk)}items/", {"limit": 50, "offset": 50}).json()
    assert page["count"] == 55
    assert [i["id"] for i in page["results"]][-1] == concern.pk  # the oldest last
    bad = client.get(f"{person_url(demo.child.pk)}items/", {"which": "all"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "which"
    screen = login(demo.director).get(f"/share/person/{demo.child.pk}/", {"held_page": 3})
    assert "51–55 van 55" in screen.content.decode()
