"""K2: an anonymous consultation (casuïstiekoverleg) accepts nothing identifying.

Pure Python so forms can run the same check before a service does. It recognises BSNs, Dutch
postal codes, exact dates (any exact date may be a date of birth) and names: capitalised words
inside a sentence that are not the partnership's own vocabulary (partner names, region), and
words after a form of address ("mevrouw X", "naam: X"). A name that opens a sentence is not
recognised: the check is a guard rail, not a guarantee, and the UI says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_BSN = re.compile(r"(?<![\d.])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\d])")
_POSTAL_CODE = re.compile(r"(?<!\w)[1-9][0-9]{3} ?[A-Z]{2}(?!\w)")
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|"
    "jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)
_DATES = (
    re.compile(r"(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?!\d)"),
    re.compile(r"(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)"),
    re.compile(rf"(?<!\d)\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}(?!\d)", re.IGNORECASE),
)
_ADDRESS = re.compile(
    r"\b(?i:naam|name|mevrouw|mevr|mw|meneer|mijnheer|dhr|heer|mr|mrs|ms)\b[.:]?\s+"
    r"(?:van\s+|de\s+|der\s+|den\s+|ter\s+|te\s+)*[A-ZÀ-Ý]")
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Capitalised words that name no one: legal sources and common capitalised terms.
_COMMON = frozenset({
    "avg", "jeugdwet", "wmo", "wgbo", "bw", "meldcode", "veilig", "thuis", "raad",
    "kinderbescherming", "jeugdbescherming", "politie", "gemeente", "school", "ggd", "ggz",
    "nederland", "nederlands", "nederlandse", "marokkaans", "turks", "syrisch", "pools",
})

IDENTIFYING_CODES = ("bsn", "postal_code", "birth_date", "name")


def vocabulary(phrases: Iterable[str]) -> frozenset[str]:
    """The words of the partnership's own names (partners, region) that a text may use."""
    return frozenset(w.lower() for phrase in phrases for w in _WORD.findall(phrase))


def identifying(text: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """The code of the first kind of identifying input in ``text``, or None."""
    if _BSN.search(text):
        return "bsn"
    if any(p.search(text) for p in _DATES):
        return "birth_date"
    if _POSTAL_CODE.search(text):
        return "postal_code"
    if _ADDRESS.search(text):
        return "name"
    for sentence in _SENTENCE.split(text):
        for word in _WORD.findall(sentence)[1:]:
            lower = word.lower()
            if (word[0].isupper() and word[1:] == word[1:].lower()
                    and lower not in _COMMON and lower not in allowed):
                return "name"
    return None
