"""The compiled covenant the decision point reads: dictionaries and frozensets only.

``deelwijzer.covenant.compiled.compile_covenant`` builds it once per covenant version; a decision
is then a handful of hash lookups and subset tests whose cost does not grow with the number of
partners, purposes or categories. The index also carries the reason constants (one ``Reason``
per code, with the articles to cite), so an allowed decision mostly reuses prebuilt objects.

This module knows nothing of the covenant's pydantic schema: the covenant layer sits above the
policy and hands it plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from deelwijzer.policy.codes import CODES, RULE_FALLBACK
from deelwijzer.policy.model import Reason

# AVG art. 6(1) grounds, as the covenant writes them.
AVG_GROUNDS: frozenset[str] = frozenset({"6.1.a", "6.1.b", "6.1.c", "6.1.d", "6.1.e", "6.1.f"})
LEGAL_OBLIGATION = "6.1.c"
VITAL_INTEREST = "6.1.d"


@dataclass(frozen=True, slots=True)
class CovenantIndex:
    version: str
    # partners
    partners: frozenset[str]
    partner_kinds: Mapping[str, str]  # partner -> "core" | "shell"
    shell_partners: frozenset[str]
    secrecy_partners: frozenset[str]  # partners with at least one secrecy regime (C3)
    # data categories
    categories: frozenset[str]
    category_kinds: Mapping[str, str]  # category -> general|special|criminal|bsn|known_to_partner
    restricted_categories: frozenset[str]  # special, criminal and BSN (S3)
    special_or_criminal: frozenset[str]  # special and criminal only (S8)
    categories_with_exception: frozenset[str]  # restricted categories naming a legal exception
    known_to_partner: frozenset[str]  # buitenkant-informatie (K9)
    # partner -> the special and criminal categories it may receive and hold (S3); closed world:
    # a partner that is missing, or maps to the empty set, may hold none
    partner_special: Mapping[str, frozenset[str]]
    # purposes
    purpose_grounds: Mapping[str, Mapping[str, str]]  # purpose -> recipient partner -> AVG ground
    purpose_recipients: Mapping[str, frozenset[str]]
    purpose_categories: Mapping[str, frozenset[str]]
    compatible: frozenset[tuple[str, str]]  # (purpose, origin): purpose may use origin's data
    # steps
    step_purpose: Mapping[str, str]
    step_record: Mapping[str, frozenset[str]]
    step_share: Mapping[str, frozenset[str]]
    step_visible: Mapping[str, frozenset[str]]  # record | share
    # consent (S5, S6)
    representatives_only_below: int
    child_alone_from: int
    consent_written: bool
    # citations
    article_citations: Mapping[str, tuple[str, str]]  # article -> (covenant|protocol|annex, number)
    rule_articles: Mapping[str, tuple[str, ...]]  # DOMAIN rule -> article ids, as in the covenant
    code_articles: Mapping[str, tuple[str, ...]]  # reason code -> article ids, first to cite
    # names, for explanations only
    partner_names: Mapping[str, str] = field(default_factory=dict)
    purpose_names: Mapping[str, str] = field(default_factory=dict)
    category_names: Mapping[str, str] = field(default_factory=dict)
    step_names: Mapping[str, str] = field(default_factory=dict)
    grounds: frozenset[str] = AVG_GROUNDS
    categories_by_kind: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # partner -> the article it provides police data under (S11: the data keeps its purpose)
    police_partners: Mapping[str, str] = field(default_factory=dict)
    # derived: one Reason per code, without params
    reasons: Mapping[str, Reason] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        reasons = {
            code: Reason(c.rule, code, c.allowed, self.code_articles.get(code, ()))
            for code, c in CODES.items()
        }
        object.__setattr__(self, "reasons", reasons)


def cite_order(
    article_ids: Iterable[str],
    titles: Mapping[str, str],
    depths: Mapping[str, int],
    keywords: tuple[str, ...],
) -> tuple[str, ...]:
    """Order articles for citing: those whose title holds the earliest keyword first, then the
    most specific (deepest ``part_of``), then the covenant's own order."""
    ids = list(dict.fromkeys(article_ids))

    def rank(item: tuple[int, str]) -> tuple[int, int, int]:
        position, article = item
        title = titles.get(article, "").lower()
        hit = next((n for n, word in enumerate(keywords) if word in title), len(keywords))
        return (hit, -depths.get(article, 0), position)

    return tuple(article for _, article in sorted(enumerate(ids), key=rank))


def code_articles(
    rule_articles: Mapping[str, tuple[str, ...]],
    titles: Mapping[str, str],
    depths: Mapping[str, int],
) -> dict[str, tuple[str, ...]]:
    """For every reason code, the articles it cites (see ``codes.RULE_FALLBACK``)."""
    result: dict[str, tuple[str, ...]] = {}
    for code, c in CODES.items():
        rule: str | None = c.rule
        seen: set[str] = set()
        while rule is not None and rule not in seen and not rule_articles.get(rule):
            seen.add(rule)
            rule = RULE_FALLBACK.get(rule)
        articles = rule_articles.get(rule, ()) if rule is not None else ()
        result[code] = cite_order(articles, titles, depths, c.keywords)
    return result
