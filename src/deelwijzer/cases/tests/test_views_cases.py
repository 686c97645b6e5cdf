"""The case and consultation screens, played as the demo case director and partners."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.cases import selectors, services
from deelwijzer.policy import CaseRole
from deelwijzer.processing_log.selectors import entries_for_case

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def involve(demo, case, partner, role=CaseRole.CONTENT):
    return services.case_involve(professional=demo.director, case=case,
                                 partner=demo.partner(partner), role=role, reason="Nodig",
                                 invitee=demo.prof(partner))


@pytest.fixture
def meeting(demo, case):
    ggz = involve(demo, case, "ggz-zijlstroom")
    vt = involve(demo, case, "veilig-thuis")
    director = selectors.involvement_of(case, demo.director)
    consultation = services.consultation_schedule(
        professional=demo.director, kind="named", date=timezone.localdate(),
        chair=demo.director, case=case, participants=[director, ggz, vt],
        agenda="Zorgen over Noor")
    return consultation


def bring_in_data(demo, **extra):
    today = timezone.localdate()
    data = {
        "given_names_1": "Sem", "family_name_1": "de Jong", "relation_1": "child",
        "birth_date_1": today.replace(year=today.year - 9).isoformat(),
        "representatives_1": ["2"], "representative_kind_1": "parent",
        "given_names_2": "Anna", "family_name_2": "de Jong", "relation_2": "parent",
        "birth_date_2": "1990-04-02", "postal_code_2": "9791 AA",
        "statutory_task": demo.task, "case_criterion": demo.criterion,
    }
    data.update(extra)
    return data


def test_bring_in_a_case_on_one_flow(demo, login):
    client = login(demo.director)
    page = client.get(reverse("cases:open"))
    assert page.status_code == 200
    assert 'for="id_given_names_1"' in html(page)
    response = client.post(reverse("cases:open"), bring_in_data(demo))
    assert response.status_code == 302
    case = selectors.cases_for(demo.director).rows[0]
    detail = client.get(response["Location"])
    text = html(detail)
    assert "Sem de Jong" in text and "Anna de Jong" in text
    assert "Melding of signaal" in text  # the step, with what it allows
    assert case.reference in text
    assert entries_for_case(case.reference).filter(action="view").count() == 2


def test_bring_in_keeps_what_was_typed_and_names_the_field(demo, login):
    client = login(demo.director)
    response = client.post(reverse("cases:open"), bring_in_data(demo, bsn_1="123456789"))
    assert response.status_code == 400
    text = html(response)
    assert "BSN (gezinslid 1): dit is geen geldig BSN (het voldoet niet aan de elfproef)." in text
    assert 'value="Sem"' in text and 'value="Anna"' in text


def test_cases_list_shows_step_and_the_family_not_informed(demo, case, login):
    ggz = involve(demo, case, "ggz-zijlstroom")
    services.consultation_schedule(
        professional=demo.director, kind="named", date=timezone.localdate(),
        chair=demo.director, case=case, participants=[ggz], family_present=False,
        absence_motivation="Acute onveiligheid", informed_by=demo.director,
        inform_when="after")
    text = html(login(demo.director).get(reverse("cases:list")))
    assert case.reference in text
    assert "Gezin nog niet geïnformeerd" in text


def test_a_case_of_others_is_not_found(demo, case, login):
    client = login(demo.prof("cjg-aldermeer"))
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert case.reference not in html(client.get(reverse("cases:list")))


def test_involve_a_shell_partner_without_declaration_shows_the_rule(demo, case, login):
    client = login(demo.director)
    undeclared = Professional.objects.get(username="zonder-verklaring")
    response = client.post(reverse("cases:involve", args=[case.pk]), {
        "partner": "politie", "invitee": str(undeclared.pk), "role": "informant",
        "reason": "Incidenten in de wijk"})
    assert response.status_code == 400
    text = html(response)
    assert "Professional: deze professional heeft de geheimhoudingsverklaring" in text
    assert "(P3)" in text and "Incidenten in de wijk" in text
    response = client.post(reverse("cases:involve", args=[case.pk]), {
        "partner": "politie", "invitee": str(demo.prof("politie").pk), "role": "informant",
        "reason": "Incidenten in de wijk"})
    assert response.status_code == 302
    assert "Politie" in html(client.get(reverse("cases:detail", args=[case.pk])))


def test_schedule_without_the_family_requires_why_who_and_when(demo, case, login):
    client = login(demo.director)
    director = selectors.involvement_of(case, demo.director)
    url = reverse("cases:schedule", args=[case.pk])
    assert client.get(url).status_code == 200
    data = {"date": timezone.localdate().isoformat(), "chair": str(demo.director.pk),
            "participants": [str(director.pk)], "agenda": "Zorgen bespreken",
            "family_present": "no"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Zorgen bespreken" in html(response)
    response = client.post(url, {**data, "absence_motivation": "Acute onveiligheid",
                                 "informed_by": str(demo.director.pk), "inform_when": "after"})
    assert response.status_code == 302
    page = html(client.get(response["Location"]))
    assert "Acute onveiligheid" in page and "Zorgen bespreken" in page


def test_contributions_not_shared_and_the_refusal_with_its_article(demo, case, meeting, login):
    ggz, vt = demo.prof("ggz-zijlstroom"), demo.prof("veilig-thuis")
    response = login(ggz).post(reverse("cases:contribution_add", args=[meeting.pk]), {
        "text": "Moeder is in behandeling", "categories": ["aard-zorgen"], "nature": "fact"})
    assert response.status_code == 302
    contribution = selectors.contributions_of(meeting).rows[0]
    client = login(vt)
    page = html(client.get(reverse("cases:consultation", args=[meeting.pk])))
    assert "Niet met u gedeeld" in page
    refused = client.get(reverse("cases:contribution", args=[contribution.pk]))
    assert refused.status_code == 403
    text = html(refused)
    assert "K5" in text and "Moeder is in behandeling" not in text
    assert "art." in text  # the article the refusal rests on


def test_contribution_outside_the_step_is_refused_and_typed_text_kept(demo, case, meeting,
                                                                      login):
    response = login(demo.prof("ggz-zijlstroom")).post(
        reverse("cases:contribution_add", args=[meeting.pk]),
        {"text": "Diagnose bekend", "categories": ["aard-zorgen"], "nature": "fact"})
    assert response.status_code == 302
    # gezondheid is not a category the step offers: the form refuses it as a choice
    response = login(demo.prof("ggz-zijlstroom")).post(
        reverse("cases:contribution_add", args=[meeting.pk]),
        {"text": "Diagnose bekend", "categories": ["gezondheid"], "nature": "fact"})
    assert response.status_code == 400 and "Diagnose bekend" in html(response)


def test_action_list_visible_to_owner_and_director(demo, case, meeting, login):
    ggz = selectors.involvement_of(case, demo.prof("ggz-zijlstroom"))
    client = login(demo.director)
    response = client.post(reverse("cases:action_add", args=[meeting.pk]), {
        "description": "Huisbezoek plannen", "owner": str(ggz.pk),
        "due": (timezone.localdate() + dt.timedelta(days=7)).isoformat()})
    assert response.status_code == 302
    assert "Huisbezoek plannen" in html(client.get(reverse("cases:consultation",
                                                           args=[meeting.pk])))
    assert "Huisbezoek plannen" in html(login(demo.prof("ggz-zijlstroom")).get(
        reverse("cases:consultation", args=[meeting.pk])))
    assert "Huisbezoek plannen" not in html(login(demo.prof("veilig-thuis")).get(
        reverse("cases:consultation", args=[meeting.pk])))


def test_absence_then_family_informed(demo, case, meeting, login):
    client = login(demo.director)
    url = reverse("cases:absence", args=[meeting.pk])
    response = client.post(url, {"absence_motivation": "Acute onveiligheid"})
    assert response.status_code == 400 and "Acute onveiligheid" in html(response)
    response = client.post(url, {"absence_motivation": "Acute onveiligheid",
                                 "informed_by": str(demo.director.pk), "inform_when": "before"})
    assert response.status_code == 302
    assert selectors.uninformed_consultations(case) == [meeting]
    response = client.post(reverse("cases:informed", args=[meeting.pk]),
                           {"informed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert selectors.uninformed_consultations(case) == []


def test_named_minutes_and_their_view(demo, case, meeting, login):
    client = login(demo.director)
    response = client.post(reverse("cases:minutes_record", args=[meeting.pk]),
                           {"minutes": "Afspraken gemaakt", "categories": ["aard-zorgen"]})
    assert response.status_code == 302
    assert "Afspraken gemaakt" in html(client.get(reverse("cases:minutes", args=[meeting.pk])))


def test_anonymous_consultation_keeps_the_text_and_names_the_rule(demo, login):
    client = login(demo.director)
    url = reverse("cases:anonymous")
    agenda = "Zorgen over de moeder Fatima en haar kind"
    response = client.post(url, {"date": timezone.localdate().isoformat(),
                                 "chair": str(demo.director.pk), "agenda": agenda})
    assert response.status_code == 400
    text = html(response)
    assert "Agenda: een anoniem overleg mag geen naam bevatten (K2)" in text
    assert agenda in text
    assert "vangrail" in text.lower()
    response = client.post(url, {"date": timezone.localdate().isoformat(),
                                 "chair": str(demo.director.pk),
                                 "agenda": "Meisje van 13, zorgen thuis."})
    assert response.status_code == 302
    consultation_url = response["Location"]
    listing = html(client.get(reverse("cases:consultations")))
    assert consultation_url in listing
    pk = int(consultation_url.rstrip("/").split("/")[-1])
    response = client.post(reverse("cases:minutes_record", args=[pk]),
                           {"minutes": "Besproken met Jan."})
    assert response.status_code == 400
    assert "Besproken met Jan." in html(response)
    # an anonymous consultation takes no contributions: not found, not a server error
    response = client.post(reverse("cases:contribution_add", args=[pk]), {"text": "x"})
    assert response.status_code == 404


def test_advance_and_close(demo, case, login):
    client = login(demo.director)
    response = client.post(reverse("cases:advance", args=[case.pk]), {"to_step": "analyse"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.step == "analyse"
    assert client.post(reverse("cases:close", args=[case.pk])).status_code == 302
    case.refresh_from_db()
    assert case.closed_at is not None


def test_the_screens_reach_personal_data_only_through_services(demo, case, meeting, login,
                                                              mother_represents):
    """tests/test_gateway.py walks the routes without a case; here with one."""
    from deelwijzer.testing.factories import family_consent
    from deelwijzer.testing.gateway import watch_queries

    family_consent(professional=demo.prof("ggz-zijlstroom"), persons=[demo.child, demo.mother],
                   purpose="veiligheid", recipient="jeugdbescherming", categories=["aard-zorgen"])

    ggz = selectors.involvement_of(case, demo.prof("ggz-zijlstroom"))
    services.action_item_add(professional=demo.director, consultation=meeting,
                             description="Bellen", owner=ggz, due=timezone.localdate())
    contribution = services.contribution_add(
        professional=demo.prof("ggz-zijlstroom"), consultation=meeting, text="Zorgen",
        categories=["aard-zorgen"], nature="fact", permission=True)
    services.consultation_record_family_absence(
        professional=demo.director, consultation=meeting, motivation="Acuut",
        informed_by=demo.director, inform_when="after")
    client = login(demo.director)
    urls = [reverse("cases:list"), reverse("cases:consultations"),
            reverse("cases:detail", args=[case.pk]), reverse("cases:involve", args=[case.pk]),
            reverse("cases:schedule", args=[case.pk]), reverse("cases:open"),
            reverse("cases:consultation", args=[meeting.pk]),
            reverse("cases:contribution", args=[contribution.pk]),
            reverse("cases:minutes", args=[meeting.pk])]
    found: list[str] = []
    with watch_queries(found):
        for url in urls:
            assert client.get(url).status_code == 200, url
    assert found == []


def test_the_informant_opens_its_own_contribution_and_its_action(demo, case, login):
    """Issue 9, reproduction 5: the police, involved as informant, opens its own contribution
    (told that police data keeps its purpose) and sees the action assigned to it."""
    police = involve(demo, case, "politie", role=CaseRole.INFORMANT)
    director = selectors.involvement_of(case, demo.director)
    meeting = services.consultation_schedule(
        professional=demo.director, kind="named", date=timezone.localdate(),
        chair=demo.director, case=case, participants=[director, police], agenda="Incidenten")
    agent = demo.prof("politie")
    own = services.contribution_add(professional=agent, consultation=meeting,
                                    text="Twee meldingen huiselijk geweld",
                                    categories=["aard-zorgen"], nature="fact")
    services.action_item_add(professional=demo.director, consultation=meeting,
                             description="Wijkagent loopt langs", owner=police,
                             due=timezone.localdate())
    client = login(agent)
    page = client.get(reverse("cases:contribution", args=[own.pk]))
    assert page.status_code == 200
    assert "Twee meldingen huiselijk geweld" in html(page)
    assert "Politiegegevens (Wet politiegegevens art. 20)" in html(page)
    page = client.get(reverse("cases:consultation", args=[meeting.pk]))
    assert page.status_code == 200 and "Wijkagent loopt langs" in html(page)
