"""The compiled covenant: the lookup tables the policy reads, built from the example covenants.

Also holds the request builders the other ``test_compiled_*`` modules share (the policy's own
tests may not import the covenant layer: import-linter's layers contract).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from deelwijzer.covenant.compiled import compile_covenant
from deelwijzer.covenant.schema import Covenant
from deelwijzer.policy import (
    Action,
    Actor,
    CaseRole,
    ConsentRecord,
    CovenantIndex,
    DecisionRequest,
    Justification,
    JustificationKind,
    OnRecord,
    Subject,
    decide,
)

EXAMPLES = Path(__file__).resolve().parents[4] / "examples" / "covenants"
TODAY = dt.date(2026, 6, 1)


@cache
def covenant(name: str = "toekomstscenario") -> Covenant:
    return Covenant.model_validate(yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text("utf-8")))


@cache
def index(name: str = "toekomstscenario") -> CovenantIndex:
    c = covenant(name)
    return compile_covenant(c, c.version)


def born(age: int, today: dt.date = TODAY) -> dt.date:
    """A birth date so the subject is ``age`` on ``today`` (birthday a month before)."""
    return dt.date(today.year - age, today.month - 1 or 12, 1)


# --- builders: a consented disclosure by the case holder that is allowed; change one thing ----

CHILD = "kind-1"
MOTHER = "moeder-1"
ANSWERS = {q: f"antwoord {q}" for q in "abcdefgh"}


def actor(**changes: Any) -> Actor:
    base = Actor(
        professional_id="prof-1",
        partner="jeugdbescherming",
        roles=frozenset({"professional"}),
        vog_valid=True,
        declaration_signed=False,
        case_role=CaseRole.CASE_HOLDER,
    )
    return replace(base, **changes)


def subject(age: int = 13, **changes: Any) -> Subject:
    return replace(Subject(CHILD, born(age), (MOTHER,)), **changes)


def consent(**changes: Any) -> ConsentRecord:
    base = ConsentRecord(
        consent_id="toestemming-1",
        subject_id=CHILD,
        given_by=frozenset({CHILD, MOTHER}),
        purpose="hulp-en-ondersteuning",
        categories=frozenset({"identiteit", "gezondheid", "hulpverlening", "bekend-bij"}),
        recipients=frozenset({"ggz-zijlstroom", "cjg-aldermeer"}),
        valid_from=dt.date(2026, 1, 1),
        valid_until=None,
        withdrawn_on=None,
        written=True,
        active_act=True,
    )
    return replace(base, **changes)


def justification(**changes: Any) -> Justification:
    base = Justification(
        kind=JustificationKind.CONFLICT_OF_DUTIES,
        answers=dict(ANSWERS),
        functionary="aandachtsfunctionaris",
        why_no_consent="moeder weigert contact; kind in gevaar",
        recipients=frozenset({"ggz-zijlstroom", "cjg-aldermeer", "woningcorporatie"}),
        categories=frozenset({"identiteit", "gezondheid", "hulpverlening", "bekend-bij"}),
        client_informed_on=None,
        inform_by=dt.date(2026, 6, 15),
    )
    return replace(base, **changes)


def request(
    *,
    on_record: OnRecord | None = None,
    consents: tuple[ConsentRecord, ...] | None = None,
    **changes: Any,
) -> DecisionRequest:
    record = on_record if on_record is not None else OnRecord(consents=(consent(),))
    if consents is not None:
        record = replace(record, consents=consents)
    base = DecisionRequest(
        actor=actor(),
        action=Action.DISCLOSE,
        subject=subject(),
        categories=frozenset({"identiteit", "gezondheid"}),
        purpose="hulp-en-ondersteuning",
        step="plan",
        ground="6.1.e",
        recipient="ggz-zijlstroom",
        on_record=record,
        today=TODAY,
    )
    return replace(base, **changes)


# --- the compiler ---------------------------------------------------------------------------


def test_the_base_request_is_allowed_and_records_the_version() -> None:
    decision = decide(index(), request())
    assert decision.allowed, decision.reasons
    assert decision.covenant_version == "2026.1"
    assert decision.conditions == ()


def test_partners_kinds_and_secrecy() -> None:
    ix = index()
    assert "veilig-thuis" in ix.partners
    assert ix.partner_kinds["politie"] == "shell"
    assert ix.shell_partners == frozenset({"politie", "woningcorporatie"})
    assert "ggz-zijlstroom" in ix.secrecy_partners
    lokale = index("lokale-behandelteams")
    assert {"psw", "rubicon"} <= lokale.shell_partners


def test_categories_by_kind_and_exception() -> None:
    ix = index()
    assert ix.category_kinds["gezondheid"] == "special"
    assert ix.restricted_categories == frozenset(
        {"bsn", "gezondheid", "levensbeschouwing", "strafrechtelijk"}
    )
    assert ix.special_or_criminal == frozenset({"gezondheid", "levensbeschouwing", "strafrechtelijk"})
    assert ix.categories_with_exception == ix.restricted_categories
    assert ix.known_to_partner == frozenset({"bekend-bij"})
    assert ix.categories_by_kind["criminal"] == frozenset({"strafrechtelijk"})
    assert ix.categories_by_kind["known_to_partner"] == ix.known_to_partner


def test_purposes_recipients_grounds_and_directed_compatibility() -> None:
    ix = index()
    assert ix.purpose_grounds["hulp-en-ondersteuning"]["ggz-zijlstroom"] == "6.1.b"
    assert "politie" not in ix.purpose_recipients["hulp-en-ondersteuning"]
    # monitoring lists veiligheid: monitoring may use safety data, not the other way round
    assert ("monitoring", "veiligheid") in ix.compatible
    assert ("veiligheid", "monitoring") not in ix.compatible


def test_steps_record_share_and_visible() -> None:
    ix = index()
    assert ix.step_purpose["plan"] == "hulp-en-ondersteuning"
    assert "bsn" in ix.step_record["plan"] and "bsn" not in ix.step_share["plan"]
    assert ix.step_visible["plan"] == ix.step_record["plan"] | ix.step_share["plan"]
    assert ix.step_share["monitoring"] == frozenset()


def test_consent_numbers_and_citations() -> None:
    ix = index()
    assert (ix.representatives_only_below, ix.child_alone_from, ix.consent_written) == (12, 16, True)
    assert ix.article_citations["pp-6.4b"] == ("protocol", "6.4b")
    assert ix.article_citations["b2-2.2.5"] == ("annex", "2.2.2.5")
    assert ix.rule_articles["S4"][0] == "pp-6.4"


def test_reasons_cite_the_most_fitting_article_first() -> None:
    ix = index()
    assert ix.code_articles["secrecy_needs_consent"][0] == "pp-6.4b"
    assert ix.code_articles["consent_withdrawn"][0] == "pp-6.4d"
    assert ix.code_articles["consent_not_written"][0] == "pp-6.4c"
    assert ix.code_articles["secrecy_justification"][0] == "pp-6.4e"
    assert ix.code_articles["vog_invalid"] == ("pp-6.3",)
    # every article of the rule is still there, only reordered
    assert set(ix.code_articles["secrecy_needs_consent"]) == set(ix.rule_articles["S4"])
    lokale = index("lokale-behandelteams")
    assert lokale.code_articles["secrecy_needs_consent"][0] == "pr-7.1"
    assert lokale.code_articles["justification_incomplete"][0] == "pr-9.3"
    assert lokale.code_articles["vital_motivation_missing"][0] == "pr-9.2"
    assert lokale.code_articles["consent_needs_child_and_representative"][0] == "pr-8"


def test_rules_the_covenant_does_not_map_cite_the_rule_they_rest_on() -> None:
    ix = index()
    assert "K9" not in ix.rule_articles and "S11" not in ix.rule_articles
    assert ix.code_articles["known_to_partner_only"][0] == "pp-6.4e"  # via S4
    assert ix.code_articles["police_purpose_bound"][0] == "pp-3.4"  # via S2
    assert ix.code_articles["disclosure_logged"] == ()  # V4: nothing to rest on in this covenant
    assert index("lokale-behandelteams").code_articles["disclosure_logged"] == ("pr-4",)


def test_the_index_holds_only_plain_lookup_types() -> None:
    ix = index()
    for name in ix.__slots__:  # type: ignore[attr-defined]
        value = getattr(ix, name)
        assert isinstance(value, (str, int, bool, dict, frozenset)), name


def test_compiling_is_deterministic() -> None:
    c = covenant()
    assert compile_covenant(c, "x") == compile_covenant(c, "x")


def test_every_code_explains_with_its_article_on_both_example_covenants() -> None:
    from deelwijzer.policy import CODES, Reason, citation, explain

    for name in ("toekomstscenario", "lokale-behandelteams"):
        ix = index(name)
        for code, c in CODES.items():
            articles = ix.code_articles[code]
            reason = Reason(c.rule, code, c.allowed, articles, {})
            for lang in ("nl", "en"):
                text = explain(reason, ix, lang)
                assert text and "{" not in text
                if articles:
                    assert text.endswith(f"({citation(ix, articles[0], lang)})"), text
                    assert ix.article_citations[articles[0]]


def test_consent_reasons_fall_back_on_the_consent_section_articles() -> None:
    c = covenant()
    silent = c.model_copy(update={"rule_articles": {
        r: a for r, a in c.rule_articles.items() if r not in ("S5", "S6")}})
    ix = compile_covenant(silent, "x")
    assert ix.code_articles["consent_withdrawn"][0] == "pp-6.4d"  # consent.articles, by keyword
    assert ix.code_articles["consent_needs_subject"][0] == "pp-6.4b"
    assert "S5" not in ix.rule_articles
