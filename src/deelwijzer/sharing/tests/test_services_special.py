"""S3 per recipient (issue 9, part 4), against the demo covenant: a complete weighing lifts the
discloser's secrecy, it gives the housing corporation no ground to receive a diagnosis or
criminal data (seed 002: a GGD may not tell it a diagnosis); "is known to us" still goes to it
after the lighter weighing (K9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from deelwijzer.consent import services as consent_services
from deelwijzer.persons import gateway
from deelwijzer.persons import services as persons
from deelwijzer.persons.gateway import ProcessingRefused
from deelwijzer.policy import CaseRole, Justification, explain
from deelwijzer.processing_log.selectors import entries_for_subject
from deelwijzer.sharing import services

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ANALYSE = gateway.Context(purpose="veiligheid", step="analyse", ground="6.1.e",
                          case_role=CaseRole.CASE_HOLDER)
ANSWERS = {q: f"antwoord {q}" for q in "abcdefgh"}


def item(demo, categories, text):
    return services.share_item_record(professional=demo.director, person=demo.child, text=text,
                                      categories=categories, nature="fact", purpose="veiligheid")


def complete_weighing(demo):
    """Conflict of duties, questions a to h answered, for the housing corporation and the RvdK,
    for the diagnosis and the police contacts."""
    return consent_services.justification_record(
        professional=demo.director, person=demo.child, kind="conflict_of_duties",
        purpose="veiligheid", recipients=["woningcorporatie", "rvdk"],
        categories=["gezondheid", "strafrechtelijk"], answers=ANSWERS,
        why_no_consent="Moeder weigert elk gesprek", functionary_name="P. Vos",
        functionary_function="Aandachtsfunctionaris", inform_by=TODAY + dt.timedelta(days=7),
        context=ANALYSE)


@pytest.mark.parametrize(("categories", "text", "named"), [
    (["gezondheid"], "Diagnose ADHD; behandeling bij GGZ", "Gegevens over gezondheid"),
    (["strafrechtelijk"], "Politiecontact wegens bedreiging", "Strafrechtelijke gegevens"),
])
def test_a_complete_weighing_does_not_let_the_housing_corporation_receive_special_data(
        demo, categories, text, named):
    dossier_item = item(demo, categories, text)
    complete_weighing(demo)

    with pytest.raises(ProcessingRefused) as refused:
        services.share_disclose(professional=demo.director, item=dossier_item,
                                recipient=demo.partner("woningcorporatie"), purpose="veiligheid")

    decision, index = refused.value.decision, refused.value.index
    assert decision.rule_ids == ("S3",)
    [reason] = decision.refusals
    assert reason.code == "special_not_for_recipient"
    assert explain(reason, index) == (
        f"Mag niet: Zijlwonen mag volgens het convenant geen {named} ontvangen of vastleggen; "
        "een afweging of toestemming geeft daarvoor geen grondslag (privacyprotocol art. 4.2)")
    last = list(entries_for_subject(demo.child.subject_id))[-1]
    assert (last.action, last.allowed, last.recipient_partner) == (
        "disclose", False, "woningcorporatie")
    # The same weighing carries the disclosure to the RvdK, whose task allows the data.
    disclosure = services.share_disclose(professional=demo.director, item=dossier_item,
                                         recipient=demo.partner("rvdk"), purpose="veiligheid")
    assert disclosure.justification is not None


def test_the_preview_says_so_and_suggests_known_to_us_instead(demo):
    complete_weighing(demo)

    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="woningcorporatie", purpose="veiligheid",
                                  categories=["gezondheid"])

    assert not answer.allowed and answer.rule_ids == ["S3"]
    assert answer.reasons[0]["article"] == "privacyprotocol art. 4.2"
    categories = next(m.message for m in answer.missing if m.kind == "categories")
    assert categories == ("Zijlwonen mag Gegevens over gezondheid niet ontvangen vanuit zijn "
                          "wettelijke taak, welke toestemming of afweging er ook is: laat deze "
                          "gegevens weg.")
    assert "bekend-bij" in next(m.url for m in answer.missing
                                if m.kind == "known_to_partner_only")


def test_known_to_us_still_goes_to_the_housing_corporation_on_the_light_weighing(demo):
    complete_weighing(demo)
    known = item(demo, ["bekend-bij"], "In behandeling bij GGZ Zijlstroom")
    light = Justification(
        kind="conflict_of_duties", answers={q: "afgewogen" for q in "bcde"},
        why_no_consent="Moeder weigert elk gesprek",
        recipients=frozenset({"woningcorporatie"}), categories=frozenset({"bekend-bij"}))

    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="woningcorporatie", purpose="veiligheid", item=known,
                                  justification=light)
    assert answer.allowed, answer.reasons
    assert "known_to_partner_only" in [r["code"] for r in answer.reasons]

    disclosure = persons.dossier_item_disclose(
        professional=demo.director, item=known, recipient=demo.partner("woningcorporatie"),
        context=services.share_context(professional=demo.director, person=demo.child,
                                       purpose="veiligheid"),
        grounds=gateway.Grounds(justification=light))
    assert disclosure.recipient.key == "woningcorporatie"
    last = list(entries_for_subject(demo.child.subject_id))[-1]
    assert (last.action, last.allowed, last.recipient_partner) == (
        "disclose", True, "woningcorporatie")
