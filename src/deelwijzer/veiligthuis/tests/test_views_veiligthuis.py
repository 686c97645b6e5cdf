"""Veilig Thuis screens: the start page, anonymous advice, the report with the meldcode."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijzer.veiligthuis import selectors
from deelwijzer.veiligthuis.tests.helpers import report

pytestmark = pytest.mark.django_db


def _report_post(demo, **overrides):
    today = timezone.localdate().isoformat()
    data = {"person": str(demo.child.pk), "concerns": "Blauwe plekken.",
            "categories": ["identiteit", "aard-zorgen"], "family_informed_before": "yes"}
    for n in range(1, 6):
        data[f"step_{n}_date"] = today
        data[f"step_{n}_notes"] = f"Stap {n} gedaan"
    data.update(overrides)
    return data


def test_start_offers_advice_and_report(demo, login):
    html = login(demo.director).get(reverse("veiligthuis:start"),
                                    HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert reverse("veiligthuis:advice_new") in html
    assert reverse("veiligthuis:report_new") in html


def test_identifying_advice_shows_the_field_and_keeps_the_text(demo, login):
    client = login(demo.director)
    text = "Zorgen over een kind, bsn 111222333."
    response = client.post(reverse("veiligthuis:advice_new"), {"question": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "BSN" in html and text in html
    assert not selectors.advice_requests_for(demo.director).rows


def test_advice_is_asked_and_answered(demo, login):
    client = login(demo.director)
    response = client.post(reverse("veiligthuis:advice_new"),
                           {"question": "Hoe weeg ik zorgen over verwaarlozing?"})
    [advice] = selectors.advice_requests_for(demo.director).rows
    assert response.status_code == 302
    vt = login(demo.prof("veilig-thuis"))
    assert "Hoe weeg ik" in vt.get(reverse("veiligthuis:start")).content.decode()
    response = vt.post(reverse("veiligthuis:advice_answer", args=[advice.pk]),
                       {"advice": "Doorloop de meldcode en bespreek het met de ouders."})
    assert response.status_code == 302
    stranger = login(demo.prof("rvdk"))
    assert stranger.get(reverse("veiligthuis:advice", args=[advice.pk])).status_code == 404


def test_report_without_reason_for_not_telling_the_family(demo, login):
    client = login(demo.director)
    response = client.post(reverse("veiligthuis:report_new"),
                           _report_post(demo, family_informed_before="no", step_3_date="",
                                        step_3_notes=""),
                           HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "Blauwe plekken." in response.content.decode()
    assert not selectors.reports_for(demo.director).rows


def test_report_is_sent_and_veilig_thuis_sees_it(demo, login):
    client = login(demo.director)
    response = client.post(reverse("veiligthuis:report_new"), _report_post(demo))
    [made] = selectors.reports_for(demo.director).rows
    assert response.status_code == 302
    vt = login(demo.prof("veilig-thuis"))
    html = vt.get(reverse("veiligthuis:report", args=[made.pk])).content.decode()
    assert "Blauwe plekken." in html and "Wmo 2015 art. 5.2.6" in html


def test_report_refused_by_the_policy_shows_rule_and_article(demo, login):
    client = login(demo.director)
    response = client.post(reverse("veiligthuis:report_new"),
                           _report_post(demo, categories=["gezondheid"]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "S1" in html and "art." in html


def test_family_not_informed_is_shown_until_recorded(demo, login):
    made = report(demo, family_informed_before=False,
                  steps={n: (timezone.localdate(), "x") for n in (1, 2, 4, 5)},
                  not_informed_reason="Veiligheid van het kind.")
    client = login(demo.director)
    start = client.get(reverse("veiligthuis:start"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Gezin nog niet geïnformeerd" in start.content.decode() or \
        "Family not yet informed" in start.content.decode()
    response = client.post(reverse("veiligthuis:report_family_informed", args=[made.pk]),
                           {"family_informed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.family_informed_on == timezone.localdate()


def test_start_pages_each_list_and_filters_them(demo, login):
    from deelwijzer.paging import PER_PAGE
    from deelwijzer.veiligthuis import services

    for i in range(PER_PAGE + 1):
        services.advice_request_create(professional=demo.director,
                                       question=f"Zorgen over verwaarlozing, vraag {i}.")
    report(demo)
    client = login(demo.director)
    html = client.get(reverse("veiligthuis:start")).content.decode()
    assert f"1–{PER_PAGE} van {PER_PAGE + 1}" in html
    assert 'href="?advice_page=2"' in html
    html = client.get(reverse("veiligthuis:start"), {"advice_page": "2"}).content.decode()
    assert f"{PER_PAGE + 1}–{PER_PAGE + 1} van {PER_PAGE + 1}" in html
    assert "vraag 0." in html  # the oldest, on the second page
    html = client.get(reverse("veiligthuis:start"), {"advice": "answered"}).content.decode()
    assert "Geen van de adviesvragen voldoet hieraan." in html
    assert "Noor Visser" in html  # the report list is not filtered
    html = client.get(reverse("veiligthuis:start"), {"family": "to_inform"}).content.decode()
    assert "Geen van de meldingen voldoet hieraan." in html
