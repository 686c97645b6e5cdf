"""Reasons and conditions as one plain sentence, in Dutch (default) or English.

The same sentence reaches the professional in the UI, the API error body and the log (issue 3,
item 3). It names the first article of the reason (see ``index.cite_order``), e.g. "Delen mag
niet: gegevens onder beroepsgeheim vragen toestemming (privacyprotocol art. 6.4b)".
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping

from deelwijzer.policy.codes import CODES, CONDITIONS
from deelwijzer.policy.index import CovenantIndex
from deelwijzer.policy.model import Condition, Reason

DOCUMENT_NAMES: dict[str, dict[str, str]] = {
    "nl": {"covenant": "convenant", "protocol": "privacyprotocol", "annex": "bijlage"},
    "en": {"covenant": "covenant", "protocol": "privacy protocol", "annex": "annex"},
}
MONTHS: dict[str, tuple[str, ...]] = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}
_PARTNER_KEYS = frozenset({"partner", "recipient", "contributor"})
_PURPOSE_KEYS = frozenset({"purpose", "origin"})


def _lang(lang: str) -> str:
    return "en" if lang.lower().startswith("en") else "nl"


def format_date(day: dt.date, lang: str = "nl") -> str:
    """E.g. "3 mei 2026" / "3 May 2026"."""
    return f"{day.day} {MONTHS[_lang(lang)][day.month - 1]} {day.year}"


def citation(index: CovenantIndex, article_id: str, lang: str = "nl") -> str:
    """E.g. "privacyprotocol art. 6.4b"; the bare id when the covenant lacks the article."""
    found = index.article_citations.get(article_id)
    if found is None:
        return article_id
    document, number = found
    return f"{DOCUMENT_NAMES[_lang(lang)].get(document, document)} art. {number}"


class _Params(dict[str, str]):
    """Reason params with ids replaced by names; a missing key renders as "?"."""

    def __init__(self, params: Mapping[str, str], index: CovenantIndex, lang: str) -> None:
        super().__init__()
        for key, value in params.items():
            if key in _PARTNER_KEYS:
                value = index.partner_names.get(value, value)
            elif key in _PURPOSE_KEYS:
                value = index.purpose_names.get(value, value)
            elif key == "step":
                value = index.step_names.get(value, value)
            elif key == "categories":
                value = ", ".join(index.category_names.get(c, c) for c in value.split(", "))
            elif key in ("date", "due"):
                with contextlib.suppress(ValueError):
                    value = format_date(dt.date.fromisoformat(value), lang)
            self[key] = value

    def __missing__(self, key: str) -> str:
        return "?"


def _sentence(template: str, params: _Params, articles: tuple[str, ...], index: CovenantIndex,
              lang: str) -> str:
    text = template.format_map(params)
    if articles:
        return f"{text} ({citation(index, articles[0], lang)})"
    return text


def explain(reason: Reason, index: CovenantIndex, lang: str = "nl") -> str:
    """One plain sentence for a reason, naming the article it rests on."""
    code = CODES.get(reason.code)
    lang = _lang(lang)
    if code is None:
        return f"{reason.rule} {reason.code}"
    template = code.nl if lang == "nl" else code.en
    return _sentence(template, _Params(reason.params, index, lang), reason.articles, index, lang)


def explain_condition(condition: Condition, index: CovenantIndex, lang: str = "nl") -> str:
    """One plain sentence for a condition, e.g. "Informeer de cliënt achteraf ... (bijlage art.
    2.2.1)". Conditions rest on T4 (004 rule 2), or on the no-consent weighing (S7) when the
    covenant maps nothing to T4."""
    lang = _lang(lang)
    templates = CONDITIONS.get(condition.code)
    if templates is None:
        return condition.code
    params = dict(condition.params)
    if condition.due is not None:
        params["due"] = condition.due.isoformat()
    articles = index.rule_articles.get("T4") or index.code_articles.get("inform_not_planned", ())
    template = templates[0] if lang == "nl" else templates[1]
    return _sentence(template, _Params(params, index, lang), articles, index, lang)
