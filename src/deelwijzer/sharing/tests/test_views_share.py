"""The dossier screens and the "Mag ik dit delen?" flow, as the professional sees them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijzer.processing_log.selectors import entries_for_case, entries_for_subject
from deelwijzer.sharing import services

pytestmark = pytest.mark.django_db


def flow(client, **params):
    return client.get(reverse("sharing:start"), params)


def test_the_dossier_lists_items_without_their_content(demo, case, concern, login):
    client = login(demo.director)
    response = client.get(reverse("sharing:person", args=[demo.child.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Noor Visser" in page
    assert "Aard van de melding, zorgen en signalen" in page
    assert "Melding of signaal" in page
    assert "blauwe plekken" not in page
    assert reverse("sharing:item_open", args=[concern.pk]) in page


def test_opening_an_item_shows_it_and_logs_a_view(demo, case, concern, login):
    client = login(demo.director)
    before = entries_for_subject(demo.child.subject_id).count()
    response = client.post(reverse("sharing:item_open", args=[concern.pk]))
    assert response.status_code == 200
    assert "Leerkracht ziet blauwe plekken" in response.content.decode()
    last = list(entries_for_subject(demo.child.subject_id))[-1]
    assert entries_for_subject(demo.child.subject_id).count() == before + 1
    assert (last.action, last.allowed, last.case_ref) == ("view", True, case.reference)


def test_a_professional_outside_the_case_does_not_know_the_person_exists(demo, case, concern,
                                                                          login):
    client = login(demo.prof("cjg-aldermeer"))
    assert client.get(reverse("sharing:person", args=[demo.child.pk])).status_code == 404
    assert client.post(reverse("sharing:item_open", args=[concern.pk])).status_code == 404
    assert client.get(reverse("sharing:item_record", args=[demo.child.pk])).status_code == 404
    response = flow(client, person=demo.child.pk)
    assert response.status_code == 400  # not one of the persons they may choose


def test_recording_an_item_in_the_case(demo, case, login):
    client = login(demo.director)
    url = reverse("sharing:item_record", args=[demo.child.pk])
    response = client.post(url, {"text": "School meldt verzuim", "nature": "fact",
                                 "categories": ["aard-zorgen"], "case": case.reference})
    assert response.status_code == 302
    last = list(entries_for_case(case.reference))[-1]
    assert (last.action, last.allowed, last.step) == ("record", True, "melding")


def test_recording_what_the_step_does_not_record_shows_the_refusal_and_keeps_the_text(
        demo, case, login):
    client = login(demo.director)
    url = reverse("sharing:item_record", args=[demo.child.pk])
    response = client.post(url, {"text": "Diagnose ADHD", "nature": "fact",
                                 "categories": ["gezondheid"], "case": case.reference})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Vastleggen mag niet: in de stap Melding of signaal wordt Gegevens over gezondheid " \
           "niet vastgelegd" in page
    assert "Diagnose ADHD" in page  # nothing typed is lost


def test_recording_without_a_nature_names_the_field(demo, case, login):
    client = login(demo.director)
    url = reverse("sharing:item_record", args=[demo.child.pk])
    response = client.post(url, {"text": "Iets", "categories": ["aard-zorgen"],
                                 "case": case.reference})
    assert response.status_code == 400
    assert "Feit of mening" in response.content.decode()


def test_the_flow_asks_one_question_at_a_time_and_answers_with_reasons(demo, case, concern,
                                                                        login):
    client = login(demo.director)
    first = flow(client)
    assert first.status_code == 200 and 'name="person"' in first.content.decode()
    second = flow(client, person=demo.child.pk)
    assert 'name="case"' in second.content.decode()
    third = flow(client, person=demo.child.pk, case=case.reference)
    assert 'name="item"' in third.content.decode()
    assert 'name="categories"' in third.content.decode()
    fourth = flow(client, person=demo.child.pk, case=case.reference, item=concern.pk)
    assert 'name="recipient"' in fourth.content.decode()
    fifth = flow(client, person=demo.child.pk, case=case.reference, item=concern.pk,
                 recipient="gemeente-aldermeer")
    page = fifth.content.decode()
    assert 'name="purpose"' in page
    assert re.search(r'value="veiligheid"[^>]*checked', page)  # the case's step purpose
    answer = flow(client, person=demo.child.pk, case=case.reference, item=concern.pk,
                  recipient="gemeente-aldermeer", purpose="veiligheid")
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Delen mag niet: gegevens onder beroepsgeheim vragen toestemming " \
           "(privacyprotocol art. 6.4" in page
    assert (f"/consent/record/?person={demo.child.pk}&amp;purpose=veiligheid"
            "&amp;categories=aard-zorgen&amp;recipient=gemeente-aldermeer") in page
    assert "Wat ontbreekt" in page and "Toestemming vastleggen" in page
    assert reverse("sharing:disclose") not in page  # nothing to share while refused


def test_an_unknown_category_is_named_next_to_the_field(demo, case, login):
    client = login(demo.director)
    response = client.get(reverse("sharing:start"), {
        "person": demo.child.pk, "case": case.reference, "categories": "onbekend"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Of beschrijf de informatie met de gegevenscategorieën: " in page
    assert 'value="' + case.reference + '"' in page  # the earlier answers are kept


def test_share_right_away_after_consent(demo, case, concern, consent_for_gemeente, login):
    client = login(demo.director)
    answer = flow(client, person=demo.child.pk, case=case.reference, item=concern.pk,
                  recipient="gemeente-aldermeer", purpose="veiligheid")
    page = answer.content.decode()
    assert "Delen mag: er is uitdrukkelijke toestemming" in page
    assert reverse("sharing:disclose") in page
    response = client.post(reverse("sharing:disclose"), {
        "item": concern.pk, "recipient": "gemeente-aldermeer", "purpose": "veiligheid",
        "case": case.reference}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"Verstrekt aan Gemeente Aldermeer op \d+ \w+ \d{4}; vastgelegd in het "
                     r"verwerkingslogboek", page)
    last = list(entries_for_case(case.reference))[-1]
    assert (last.action, last.allowed) == ("disclose", True)


def test_share_shows_the_refusal_when_the_answer_changed(demo, case, concern, login):
    client = login(demo.director)
    response = client.post(reverse("sharing:disclose"), {
        "item": concern.pk, "recipient": "gemeente-aldermeer", "purpose": "veiligheid",
        "case": case.reference})
    assert response.status_code == 403
    page = response.content.decode()
    assert "S4" in page and "privacyprotocol art. 6.4" in page


def test_copy_into_own_dossier_screen(demo, case, concern, consent_for_gemeente, login):
    from deelwijzer.cases import services as cases

    services.share_disclose(professional=demo.director, item=concern,
                            recipient=demo.partner("gemeente-aldermeer"), case=case)
    gemeente = demo.prof("gemeente-aldermeer")
    cases.case_involve(professional=demo.director, case=case,
                       partner=demo.partner("gemeente-aldermeer"), role="content",
                       reason="Wmo-consulent", invitee=gemeente)
    client = login(gemeente)
    dossier = client.get(reverse("sharing:person", args=[demo.child.pk])).content.decode()
    assert reverse("sharing:item_copy", args=[concern.pk]) in dossier
    url = reverse("sharing:item_copy", args=[concern.pk])
    refused = client.post(url, {"case": case.reference, "purpose": "veiligheid"})
    assert refused.status_code == 403
    assert "K7" in refused.content.decode()
    done = client.post(url, {"case": case.reference, "purpose": "veiligheid",
                             "informed": "on"})
    assert done.status_code == 302


def test_an_opened_item_shows_the_familys_correction_beside_it(demo, case, concern, login):
    """K8: the correction is kept beside the fact, which stays as it was recorded."""
    client = login(demo.director)
    opened = client.post(reverse("sharing:item_open", args=[concern.pk])).content.decode()
    add = reverse("consent:remark_new", args=[concern.pk])
    assert add in opened
    response = client.post(add, {"kind": "correction", "given_by": str(demo.mother.pk),
                                 "given_on": timezone.localdate().isoformat(),
                                 "text": "Het waren geen blauwe plekken maar verf."})
    assert response.status_code == 302, response.content.decode()
    page = client.post(reverse("sharing:item_open", args=[concern.pk])).content.decode()
    assert "Leerkracht ziet blauwe plekken" in page  # the fact as recorded
    assert "geen blauwe plekken maar verf" in page
    assert "Eva Visser" in page


def _register(demo, n):
    """``n`` more persons the case director registered itself (visible to it only)."""
    import datetime as dt

    from deelwijzer.persons import gateway
    from deelwijzer.persons import services as persons

    signal = gateway.Context(purpose="veiligheid", step="melding", ground="6.1.e")
    for i in range(n):
        persons.person_register(professional=demo.director, given_names=f"Kind{i:02d}",
                                family_name="Bakker", birth_date=dt.date(2012, 1, 1 + i % 28),
                                categories=["identiteit"], context=signal)


def test_persons_are_paged_and_searched(demo, login):
    from deelwijzer.paging import PER_PAGE

    _register(demo, PER_PAGE)  # with Noor and Eva: PER_PAGE + 2
    client = login(demo.director)
    html = client.get(reverse("sharing:persons")).content.decode()
    assert f"1–{PER_PAGE} van {PER_PAGE + 2}" in html and 'href="?page=2"' in html
    html = client.get(reverse("sharing:persons"), {"page": "2"}).content.decode()
    assert "Noor Visser" in html and "Eva Visser" in html  # by family name: Visser last
    html = client.get(reverse("sharing:persons"), {"search": "visser noor"}).content.decode()
    assert "Noor Visser" in html and "Eva Visser" not in html and "Bakker" not in html
    html = client.get(reverse("sharing:persons"), {"search": "Jansen"}).content.decode()
    assert "Niemand die u mag zien voldoet hieraan." in html


def test_persons_search_finds_nothing_of_another_partner(demo, login):
    html = login(demo.prof("ggz-zijlstroom")).get(
        reverse("sharing:persons"), {"search": "Visser"}).content.decode()
    assert "Eva Visser" not in html and "Noor Visser" not in html
