""""Mag ik dit delen?" against the demo covenant: every refusal kind it can give, with its rule
id, article and what is missing; the allowed answer after consent; nothing logged by a check."""

from __future__ import annotations

import inspect

import pytest
from django.utils import timezone

from deelwijzer.cases import services as cases
from deelwijzer.persons.gateway import ProcessingRefused
from deelwijzer.policy import CODES, Justification
from deelwijzer.processing_log.selectors import entries_for_case, entries_for_subject
from deelwijzer.sharing import services
from deelwijzer.sharing.missing import KINDS, REFUSAL_CODES

pytestmark = pytest.mark.django_db


def reason(answer, code):
    found = [r for r in answer.reasons if r["code"] == code]
    assert found, f"{code} not in {[r['code'] for r in answer.reasons]}"
    return found[0]


def kinds(answer):
    return {m.kind for m in answer.missing}


def test_every_refusal_code_of_the_policy_says_what_is_missing():
    assert set(KINDS) >= REFUSAL_CODES
    assert set(KINDS) <= set(CODES)


def test_a_check_logs_nothing(demo, case):
    before = entries_for_subject(demo.child.subject_id).count()
    services.share_check(professional=demo.director, person=demo.child,
                         recipient="gemeente-aldermeer", categories=["aard-zorgen"], case=case)
    assert entries_for_subject(demo.child.subject_id).count() == before


def test_s1_the_step_does_not_share_the_category(demo, case):
    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="gemeente-aldermeer", categories=["gezondheid"],
                                  case=case)
    assert not answer.allowed
    found = reason(answer, "category_not_in_step_share")
    assert found["rule_id"] == "S1"
    assert found["message"].startswith(
        "Delen mag niet: in de stap Melding of signaal wordt Gegevens over gezondheid niet "
        "gedeeld")
    assert found["article"] and found["article"] in found["message"]
    assert answer.context.step == "melding" and answer.context.purpose == "veiligheid"
    assert "step" in kinds(answer)


def test_s2_data_obtained_for_an_incompatible_purpose(demo):
    item = services.share_item_record(
        professional=demo.director, person=demo.child, text="Voortgang OTS", nature="fact",
        categories=["hulpverlening"], purpose="uitvoering-maatregel")
    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="gemeente-aldermeer", purpose="veiligheid",
                                  item=item)
    found = reason(answer, "incompatible_purpose")
    assert found["rule_id"] == "S2" and found["article"]
    assert "Uitvoering van kinderbeschermingsmaatregelen" in found["message"]
    assert "purpose" in kinds(answer)


def test_s3_special_category_outside_the_purpose(demo):
    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="gemeente-aldermeer", purpose="veiligheid",
                                  categories=["levensbeschouwing"])
    found = reason(answer, "special_not_in_purpose")
    assert found["rule_id"] == "S3" and found["article"] in found["message"]
    assert "categories" in kinds(answer)


def test_s4_secrecy_needs_consent_with_links_to_consent_weighing_and_k9(demo, case):
    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="gemeente-aldermeer", categories=["aard-zorgen"],
                                  case=case)
    found = reason(answer, "secrecy_needs_consent")
    assert found["rule_id"] == "S4"
    assert found["message"] == ("Delen mag niet: gegevens onder beroepsgeheim vragen "
                                f"toestemming ({found['article']})")
    assert found["article"].startswith("privacyprotocol art. 6.4")
    missing = {m.kind: m for m in answer.missing}
    scope = (f"?person={demo.child.pk}&purpose=veiligheid&categories=aard-zorgen"
             "&recipient=gemeente-aldermeer")
    # consent:record and consent:justification_new, or their planned paths
    assert missing["consent"].url.startswith("/consent/")
    assert missing["consent"].url.endswith(scope) and "record" in missing["consent"].url
    assert missing["justification"].url.startswith("/consent/justification")
    assert missing["justification"].url.endswith(scope)
    assert "bekend-bij" in missing["known_to_partner_only"].url


def test_s6_consent_by_the_mother_alone_does_not_count_for_a_13_year_old(
        demo, case, mother_represents):
    from deelwijzer.consent import services as consent_services

    # Given by the mother alone when Noor was 11 (enough then); Noor is 13 now.
    today = timezone.localdate()
    when = {"given_on": today.replace(year=today.year - 2)} if "given_on" in inspect.signature(
        consent_services.consent_record).parameters else {}
    consent_services.consent_record(
        professional=demo.director, person=demo.child, given_by=[demo.mother],
        purpose="veiligheid", categories=["aard-zorgen"], recipients=["gemeente-aldermeer"],
        valid_from=today, context=cases.case_context(case, demo.director), **when)
    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="gemeente-aldermeer", categories=["aard-zorgen"],
                                  case=case)
    found = reason(answer, "consent_needs_child_and_representative")
    assert found["rule_id"] == "S6" and "13 jaar" in found["message"]
    assert "consent_givers" in kinds(answer)


def test_s9_recipient_does_not_contribute_to_the_purpose(demo):
    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="woningcorporatie", purpose="onderzoek-bescherming",
                                  categories=["aard-zorgen"])
    found = reason(answer, "recipient_not_in_purpose")
    assert found["rule_id"] == "S9" and "Zijlwonen" in found["message"]
    recipient = next(m for m in answer.missing if m.kind == "recipient")
    assert "RvdK" in recipient.message and "Zijlwonen" not in recipient.message


def test_k5_another_partners_contribution_needs_its_permission(demo, case):
    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="gemeente-aldermeer", categories=["aard-zorgen"],
                                  case=case, contributor="ggz-zijlstroom")
    found = reason(answer, "contributor_permission_missing")
    assert found["rule_id"] == "K5" and "GGZ Zijlstroom" in found["message"]
    assert "contributor_permission" in kinds(answer)
    allowed = services.share_check(professional=demo.director, person=demo.child,
                                   recipient="gemeente-aldermeer", categories=["aard-zorgen"],
                                   case=case, contributor="ggz-zijlstroom",
                                   contributor_permission=True)
    assert "K5" not in allowed.rule_ids


def test_k9_known_to_partner_needs_the_lighter_weighing(demo, case):
    weighing = Justification(kind="conflict_of_duties", answers={"b": "veiligheid Noor"},
                             recipients=frozenset({"gemeente-aldermeer"}))
    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="gemeente-aldermeer", categories=["bekend-bij"],
                                  case=case, justification=weighing)
    found = reason(answer, "known_to_partner_weighing_missing")
    assert found["rule_id"] == "K9" and "why_no_consent" in found["message"]
    assert "justification" in kinds(answer)


def test_p4_a_professional_not_named_in_the_case(demo, case):
    cases.case_involve(professional=demo.director, case=case,
                       partner=demo.partner("ggz-zijlstroom"), role="content",
                       reason="GGZ kent het gezin")
    ggz = demo.prof("ggz-zijlstroom")
    answer = services.share_check(professional=ggz, person=demo.child,
                                  recipient="gemeente-aldermeer", categories=["aard-zorgen"],
                                  case=case)
    found = reason(answer, "not_involved")
    assert found["rule_id"] == "P4" and found["article"] in found["message"]
    assert "involvement" in kinds(answer)


def test_allowed_after_consent_and_the_disclosure_is_logged(demo, case, concern,
                                                            consent_for_gemeente):
    answer = services.share_check(professional=demo.director, person=demo.child,
                                  recipient="gemeente-aldermeer", item=concern, case=case)
    assert answer.allowed and answer.missing == []
    assert {"S4", "S5", "S6", "V4"} <= set(answer.rule_ids)
    assert reason(answer, "secrecy_consent")["message"].startswith("Delen mag: er is "
                                                                   "uitdrukkelijke toestemming")
    disclosure = services.share_disclose(professional=demo.director, item=concern,
                                         recipient=demo.partner("gemeente-aldermeer"), case=case)
    assert disclosure.consent == consent_for_gemeente
    last = list(entries_for_case(case.reference))[-1]
    assert (last.action, last.allowed, last.recipient_partner) == (
        "disclose", True, "gemeente-aldermeer")


def test_a_refused_disclosure_is_logged_and_raises(demo, case, concern):
    with pytest.raises(ProcessingRefused) as refused:
        services.share_disclose(professional=demo.director, item=concern,
                                recipient=demo.partner("gemeente-aldermeer"), case=case)
    assert "S4" in refused.value.decision.rule_ids
    last = list(entries_for_case(case.reference))[-1]
    assert (last.action, last.allowed) == ("disclose", False)


def test_copy_into_own_dossier_after_informing_with_consent(demo, case, concern,
                                                           consent_for_gemeente):
    services.share_disclose(professional=demo.director, item=concern,
                            recipient=demo.partner("gemeente-aldermeer"), case=case)
    cases.case_involve(professional=demo.director, case=case,
                       partner=demo.partner("gemeente-aldermeer"), role="content",
                       reason="Wmo-consulent", invitee=demo.prof("gemeente-aldermeer"))
    gemeente = demo.prof("gemeente-aldermeer")
    with pytest.raises(ProcessingRefused) as refused:
        services.share_item_copy(professional=gemeente, item=concern, informed=False, case=case)
    assert "copy_not_informed" in {r.code for r in refused.value.decision.refusals}
    # The consent names the municipality as recipient of these data for this purpose (K7).
    copy = services.share_item_copy(professional=gemeente, item=concern, informed=True,
                                    case=case)
    assert copy.owning_partner == demo.partner("gemeente-aldermeer")
    assert copy.copied_from == concern
