"""decision_preview answers as the processing would, and logs nothing."""

from __future__ import annotations

from deelwijzer.persons import gateway
from deelwijzer.persons import services as persons
from deelwijzer.policy import Action, CaseRole
from deelwijzer.processing_log.selectors import entries_for_subject

ANALYSIS = gateway.Context(purpose="veiligheid", step="analyse", ground="6.1.e",
                           case_role=CaseRole.CASE_HOLDER)


def test_preview_gives_the_same_answer_without_a_log_line(demo):
    item = persons.dossier_item_record(
        professional=demo.director, person=demo.child, text="diagnose ADHD",
        categories=["gezondheid"], nature="fact", context=ANALYSIS)
    before = entries_for_subject(demo.child.subject_id).count()
    decision, _index = gateway.decision_preview(
        professional=demo.director, person=demo.child, action=Action.DISCLOSE,
        categories=["gezondheid"], context=ANALYSIS, recipient="gemeente-aldermeer",
        contributor="jeugdbescherming")
    assert not decision.allowed and "S4" in decision.rule_ids
    assert entries_for_subject(demo.child.subject_id).count() == before

    try:
        persons.dossier_item_disclose(professional=demo.director, item=item,
                                      recipient=demo.partner("gemeente-aldermeer"),
                                      context=ANALYSIS)
    except gateway.ProcessingRefused as refused:
        assert refused.decision.rule_ids == decision.rule_ids
    else:
        raise AssertionError("the disclosure should be refused like its preview")
    assert entries_for_subject(demo.child.subject_id).count() == before + 1
