"""The index helpers: which article a reason cites first, and the fallback rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from deelwijzer.policy import (
    CODES,
    Action,
    Actor,
    CaseRole,
    CovenantIndex,
    DecisionRequest,
    OnRecord,
    Subject,
    decide,
)
from deelwijzer.policy.codes import RULE_FALLBACK
from deelwijzer.policy.index import cite_order, code_articles

RULES = sorted({c.rule for c in CODES.values()} | {"T4"})


def small_index(rule_articles: Mapping[str, tuple[str, ...]] | None = None) -> CovenantIndex:
    """A two-partner covenant built by hand; every rule cites one article named after it."""
    if rule_articles is None:
        rule_articles = {rule: (rule.lower(),) for rule in RULES}
    titles = {rule.lower(): rule for rule in RULES}
    share = frozenset({"identiteit", "gezondheid"})
    return CovenantIndex(
        version="test",
        partners=frozenset({"ggz", "cjg"}),
        partner_kinds={"ggz": "core", "cjg": "core"},
        shell_partners=frozenset(),
        secrecy_partners=frozenset({"ggz"}),
        categories=frozenset({"identiteit", "gezondheid", "bekend"}),
        category_kinds={"identiteit": "general", "gezondheid": "special", "bekend": "known_to_partner"},
        restricted_categories=frozenset({"gezondheid"}),
        special_or_criminal=frozenset({"gezondheid"}),
        categories_with_exception=frozenset({"gezondheid"}),
        known_to_partner=frozenset({"bekend"}),
        partner_special={"ggz": frozenset({"gezondheid"}), "cjg": frozenset()},
        purpose_grounds={"hulp": {"ggz": "6.1.b", "cjg": "6.1.e"}},
        purpose_recipients={"hulp": frozenset({"ggz", "cjg"})},
        purpose_categories={"hulp": frozenset({"identiteit", "gezondheid", "bekend"})},
        compatible=frozenset(),
        step_purpose={"plan": "hulp"},
        step_record={"plan": share},
        step_share={"plan": share},
        step_visible={"plan": share},
        representatives_only_below=12,
        child_alone_from=16,
        consent_written=True,
        article_citations={rule.lower(): ("protocol", rule.lower()) for rule in RULES},
        rule_articles=rule_articles,
        code_articles=code_articles(rule_articles, titles, {}),
        partner_names={"ggz": "GGZ Zijlstroom", "cjg": "CJG"},
        purpose_names={"hulp": "Hulp en ondersteuning"},
        category_names={"gezondheid": "Gezondheid", "identiteit": "Identiteit"},
        step_names={"plan": "Plan van aanpak"},
    )


def test_cite_order_prefers_the_keyword_then_the_deepest_then_the_covenant_order() -> None:
    titles = {
        "6.4": "Toestemming voor doorbreken van geheimhouding",
        "6.4b": "Uitsluitend met uitdrukkelijke toestemming",
        "6.4c": "Schriftelijke vastlegging",
        "6.4e": "Eigen afweging",
    }
    depths = {"6.4": 1, "6.4b": 2, "6.4c": 2, "6.4e": 2}
    ids = ("6.4", "6.4c", "6.4b", "6.4e", "6.4")
    assert cite_order(ids, titles, depths, ("uitdrukkelijke toestemming", "toestemming")) == (
        "6.4b", "6.4", "6.4c", "6.4e")
    assert cite_order(ids, titles, depths, ("schriftelijk",)) == ("6.4c", "6.4b", "6.4e", "6.4")
    assert cite_order(ids, titles, depths, ()) == ("6.4c", "6.4b", "6.4e", "6.4")


def test_a_rule_without_articles_cites_the_rule_it_rests_on() -> None:
    articles = code_articles({"S4": ("geheim",), "S2": ("doelbinding",)}, {}, {})
    assert articles["known_to_partner_only"] == ("geheim",)  # K9 -> S4
    assert articles["consent_needs_subject"] == ("geheim",)  # S6 -> S5 -> S4
    assert articles["police_purpose_bound"] == ("doelbinding",)  # S11 -> S2
    assert articles["disclosure_logged"] == ()  # V4: no fallback
    assert set(RULE_FALLBACK) <= {c.rule for c in CODES.values()} | {"S13"}


def test_every_reason_constant_carries_its_articles() -> None:
    index = small_index()
    for code, reason in index.reasons.items():
        assert (reason.rule, reason.code, reason.allowed) == (CODES[code].rule, code, CODES[code].allowed)
        assert reason.articles == (reason.rule.lower(),)


def test_a_hand_built_index_decides_without_the_covenant_package() -> None:
    index = small_index()
    request = DecisionRequest(
        actor=Actor("p", "cjg", frozenset({"professional"}), True, False, CaseRole.CASE_HOLDER),
        action=Action.DISCLOSE,
        subject=Subject("s", dt.date(2000, 1, 1), ()),
        categories=frozenset({"identiteit"}),
        purpose="hulp",
        step="plan",
        ground="6.1.e",
        recipient="ggz",
        on_record=OnRecord(),
        today=dt.date(2026, 1, 1),
    )
    decision = decide(index, request)  # cjg has no secrecy regime in this index
    assert decision.allowed
    assert decision.rule_ids == ("P2", "S1", "P4", "S9", "V4")
    refused = decide(index, request.__class__(**{**_fields(request), "actor": Actor(
        "p", "ggz", frozenset({"professional"}), True, False, CaseRole.CASE_HOLDER),
        "ground": "6.1.b",
        "recipient": "cjg"}))
    assert refused.rule_ids == ("S4",)


def _fields(request: DecisionRequest) -> dict[str, object]:
    return {name: getattr(request, name) for name in request.__slots__}  # type: ignore[attr-defined]


def test_every_code_the_decision_point_uses_is_defined() -> None:
    import importlib
    import re
    from pathlib import Path

    module = importlib.import_module("deelwijzer.policy.decide")
    source = Path(str(module.__file__)).read_text("utf-8")
    used = set(re.findall(r'reasons\["([a-z_]+)"\]', source))
    used |= set(re.findall(r'_reason\(\s*index,\s*"([a-z_]+)"', source))
    used |= set(re.findall(r'"([a-z_]+)" if copy else "([a-z_]+)"', source)[0])
    used |= set(re.findall(r'allowed_here, code = [^"]*"([a-z_]+)"', source))
    assert len(used) > 50
    assert used <= set(CODES), used - set(CODES)
    assert set(CODES) <= used, set(CODES) - used  # no sentence for a reason nobody gives
