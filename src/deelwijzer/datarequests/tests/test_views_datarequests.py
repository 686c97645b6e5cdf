"""The data request screens: Dutch field errors, refusals with their articles, the inbox."""

from __future__ import annotations

import pytest
from django.urls import reverse

from deelwijzer.datarequests import selectors
from deelwijzer.datarequests.tests.helpers import WEIGHING, ask, item

pytestmark = pytest.mark.django_db


def _post(demo, **overrides):
    data = {"person": str(demo.child.pk), "provider": "cjg-aldermeer", "purpose": "veiligheid",
            "categories": ["aard-zorgen"], "not_a_recheck": "on",
            "why_no_consent": "Gezin onbereikbaar.", **WEIGHING}
    data.update(overrides)
    return data


def test_new_request_without_purpose_shows_the_dutch_field_error(demo, login):
    client = login(demo.director)
    response = client.post(reverse("datarequests:new"), _post(demo, purpose=""),
                           HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    html = response.content.decode()
    assert "dit veld is verplicht" in html.lower()
    assert "Gezin onbereikbaar." in html  # nothing typed is lost
    assert not selectors.requests_for(demo.director).rows


def test_new_request_refused_by_the_policy_shows_rule_and_article(demo, login):
    client = login(demo.director)
    response = client.post(reverse("datarequests:new"), _post(demo, why_no_consent=""))
    assert response.status_code == 403
    html = response.content.decode()
    assert "S4" in html and "art." in html
    assert "Nodig om de veiligheid te beoordelen." in html


def test_new_request_is_sent_and_shows_in_both_inboxes(demo, login):
    client = login(demo.director)
    response = client.post(reverse("datarequests:new"), _post(demo))
    [made] = selectors.requests_for(demo.director).rows
    assert response.status_code == 302
    assert response["Location"] == reverse("datarequests:detail", args=[made.pk])
    provider = login(demo.prof("cjg-aldermeer"))
    html = provider.get(reverse("datarequests:list")).content.decode()
    assert "Noor Visser" in html


def test_stranger_gets_404(demo, login):
    made = ask(demo)
    client = login(demo.prof("rvdk"))
    assert client.get(reverse("datarequests:detail", args=[made.pk])).status_code == 404
    assert client.post(reverse("datarequests:answer", args=[made.pk]),
                       {"outcome": "refused"}).status_code == 404


def test_refusal_without_motivation_shows_the_field_error(demo, login):
    made = ask(demo)
    client = login(demo.prof("cjg-aldermeer"))
    response = client.post(reverse("datarequests:answer", args=[made.pk]),
                           {"outcome": "refused", "alternative": "Bel ons."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Motivation" in html or "Motivering" in html
    assert "Bel ons." in html


def test_provider_gives_an_item(demo, login):
    made = ask(demo)
    given = item(demo)
    client = login(demo.prof("cjg-aldermeer"))
    page = client.get(reverse("datarequests:detail", args=[made.pk])).content.decode()
    assert f'value="{given.pk}"' in page
    response = client.post(reverse("datarequests:answer", args=[made.pk]),
                           {"outcome": "provided", "items": [str(given.pk)],
                            "legal_duty": "Wmo 2015 art. 5.2.6"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == "provided"
    asker = login(demo.director)
    page = asker.get(reverse("datarequests:detail", args=[made.pk])).content.decode()
    assert "Wmo 2015 art. 5.2.6" in page


def test_provider_without_basis_sees_the_refusal(demo, login):
    made = ask(demo)
    given = item(demo)
    client = login(demo.prof("cjg-aldermeer"))
    response = client.post(reverse("datarequests:answer", args=[made.pk]),
                           {"outcome": "provided", "items": [str(given.pk)]})
    assert response.status_code == 403
    assert "S4" in response.content.decode()


def test_inbox_is_paged_and_filtered(demo, login):
    from deelwijzer.paging import PER_PAGE

    for _ in range(PER_PAGE + 1):
        ask(demo)
    ask(demo, person=demo.mother)
    client = login(demo.director)
    html = client.get(reverse("datarequests:list")).content.decode()
    assert f"1–{PER_PAGE} van {PER_PAGE + 2}" in html
    assert 'href="?page=2"' in html
    html = client.get(reverse("datarequests:list"), {"search": "Eva"}).content.decode()
    assert html.count("Eva Visser") == 1 and "Noor Visser" not in html
    html = client.get(reverse("datarequests:list"), {"status": "answered"}).content.decode()
    assert "Geen van de gegevensverzoeken voldoet hieraan." in html


def test_an_open_request_is_marked_open_in_dutch(demo, login):
    ask(demo)
    html = login(demo.director).get(reverse("datarequests:list")).content.decode()
    assert '<span class="badge warn">Open</span>' in html
