"""Every reason code and condition has a Dutch and an English sentence naming its article."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from deelwijzer.policy import CODES, CONDITIONS, Condition, Reason, explain, explain_condition
from deelwijzer.policy.tests.test_index import small_index

PARAMS = {
    "partner": "ggz", "recipient": "ggz", "contributor": "cjg", "purpose": "hulp",
    "origin": "veiligheid", "step": "plan", "categories": "gezondheid, identiteit",
    "ground": "6.1.f", "expected": "6.1.e", "consent": "c-7", "date": "2026-06-01", "age": "12",
    "missing": "h, functionary", "kind": "onderbuik", "duty": "Jeugdwet art. 7.3.11 lid 4",
    "action": "publish",
}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_sentence_in_both_languages_with_the_article(code: str) -> None:
    index = small_index()
    c = CODES[code]
    assert placeholders(c.nl) == placeholders(c.en), code
    assert placeholders(c.nl) <= set(PARAMS), code
    reason = Reason(c.rule, code, c.allowed, index.code_articles[code], PARAMS)
    nl, en = explain(reason, index), explain(reason, index, lang="en")
    assert nl != en
    for text, document in ((nl, "privacyprotocol art. "), (en, "privacy protocol art. ")):
        assert "{" not in text and "?" not in text, text
        assert f"({document}{c.rule.lower()})" in text, text
    # names replace ids
    if "partner" in placeholders(c.nl) or "recipient" in placeholders(c.nl):
        assert "GGZ Zijlstroom" in nl


def test_names_replace_ids_and_dates_read_as_dates() -> None:
    index = small_index()
    reason = Reason("S5", "consent_withdrawn", False, index.code_articles["consent_withdrawn"],
                    {"consent": "c-7", "date": "2026-06-01"})
    assert explain(reason, index) == (
        "Delen mag niet meer: toestemming c-7 is ingetrokken op 1 juni 2026 "
        "(privacyprotocol art. s5)"
    )
    assert explain(reason, index, "en-GB").endswith("withdrawn on 1 June 2026 (privacy protocol art. s5)")
    categories = Reason("S1", "category_not_in_purpose", False, (), {"categories": "gezondheid, x",
                                                                      "purpose": "hulp"})
    assert explain(categories, index) == (
        "Mag niet: Gezondheid, x hoort niet bij het doel Hulp en ondersteuning "
        "(niet meer gegevens dan nodig)"
    )


def test_without_articles_the_sentence_has_no_citation() -> None:
    index = small_index(rule_articles={})
    reason = index.reasons["secrecy_needs_consent"]
    assert explain(reason, index) == "Delen mag niet: gegevens onder beroepsgeheim vragen toestemming"


def test_an_unknown_code_still_renders() -> None:
    assert explain(Reason("S99", "nieuw", False, ()), small_index()) == "S99 nieuw"


@pytest.mark.parametrize("code", sorted(CONDITIONS))
def test_conditions_in_both_languages(code: str) -> None:
    index = small_index()
    condition = Condition(code, dt.date(2026, 6, 15))
    nl, en = explain_condition(condition, index), explain_condition(condition, index, "en")
    assert "15 juni 2026" in nl and "(privacyprotocol art. t4)" in nl
    assert "15 June 2026" in en and "(privacy protocol art. t4)" in en
