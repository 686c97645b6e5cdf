"""Compile a covenant version into the policy's index (issue 3, item 4).

Run once per covenant version (the services cache the result per version); every decision then
reads only dictionaries and frozensets. Pure Python: no Django, so the benchmark and the policy
tests can compile the example covenants directly.
"""

from __future__ import annotations

from deelwijzer.covenant.schema import CategoryKind, Covenant
from deelwijzer.policy.index import AVG_GROUNDS, CovenantIndex, code_articles

_RESTRICTED = frozenset({CategoryKind.SPECIAL, CategoryKind.CRIMINAL, CategoryKind.BSN})
_SPECIAL_OR_CRIMINAL = frozenset({CategoryKind.SPECIAL, CategoryKind.CRIMINAL})


def _depths(covenant: Covenant) -> dict[str, int]:
    """How deep each article sits in its ``part_of`` chain (0: a whole article)."""
    parent = {a.id: a.part_of for a in covenant.articles}
    depths: dict[str, int] = {}
    for article in parent:
        depth, seen, current = 0, {article}, parent[article]
        while current is not None and current in parent and current not in seen:
            seen.add(current)
            depth += 1
            current = parent[current]
        depths[article] = depth
    return depths


def compile_covenant(covenant: Covenant, version: str) -> CovenantIndex:
    """The lookup tables of one covenant version. ``version`` is recorded in every decision."""
    partners = frozenset(p.id for p in covenant.partners)
    categories = {c.id: c for c in covenant.data_categories}
    restricted = frozenset(i for i, c in categories.items() if c.kind in _RESTRICTED)
    steps = {s.id: s for s in covenant.steps}
    step_record = {i: frozenset(s.record) for i, s in steps.items()}
    step_share = {i: frozenset(s.share) for i, s in steps.items()}
    rule_articles = {rule: tuple(ids) for rule, ids in covenant.rule_articles.items()}
    # Consent reasons (S5, S6) cite the consent section's articles when rule_articles is silent.
    cited = dict(rule_articles)
    for rule in ("S5", "S6"):
        if not cited.get(rule) and covenant.consent.articles:
            cited[rule] = tuple(covenant.consent.articles)
    return CovenantIndex(
        version=version,
        partners=partners,
        partner_kinds={p.id: p.kind.value for p in covenant.partners},
        shell_partners=frozenset(p.id for p in covenant.partners if p.kind.value == "shell"),
        secrecy_partners=frozenset(p.id for p in covenant.partners if p.secrecy),
        categories=frozenset(categories),
        category_kinds={i: c.kind.value for i, c in categories.items()},
        restricted_categories=restricted,
        special_or_criminal=frozenset(
            i for i, c in categories.items() if c.kind in _SPECIAL_OR_CRIMINAL
        ),
        categories_with_exception=frozenset(
            i for i in restricted if (categories[i].exception or "").strip()
        ),
        known_to_partner=frozenset(
            i for i, c in categories.items() if c.kind == CategoryKind.KNOWN_TO_PARTNER
        ),
        partner_special={
            p.id: frozenset(
                g.category
                for g in p.special_categories
                if g.category in categories and categories[g.category].kind in _SPECIAL_OR_CRIMINAL
            )
            for p in covenant.partners
        },
        police_partners={p.id: p.police_data for p in covenant.partners if p.police_data},
        purpose_grounds={
            p.id: {r.partner: r.ground.value for r in p.recipients} for p in covenant.purposes
        },
        purpose_recipients={
            p.id: frozenset(r.partner for r in p.recipients) for p in covenant.purposes
        },
        purpose_categories={p.id: frozenset(p.categories) for p in covenant.purposes},
        compatible=frozenset(
            (p.id, origin) for p in covenant.purposes for origin in p.compatible_with
        ),
        step_purpose={i: s.purpose for i, s in steps.items()},
        step_record=step_record,
        step_share=step_share,
        step_visible={i: step_record[i] | step_share[i] for i in steps},
        representatives_only_below=covenant.consent.representatives_only_below,
        child_alone_from=covenant.consent.child_alone_from,
        consent_written=covenant.consent.written,
        article_citations={a.id: (a.document.value, a.number) for a in covenant.articles},
        rule_articles=rule_articles,
        code_articles=code_articles(
            cited, {a.id: a.title for a in covenant.articles}, _depths(covenant)
        ),
        partner_names={p.id: p.short_name or p.name for p in covenant.partners},
        purpose_names={p.id: p.name for p in covenant.purposes},
        category_names={i: c.name for i, c in categories.items()},
        step_names={i: s.name for i, s in steps.items()},
        grounds=AVG_GROUNDS,
        categories_by_kind={
            kind.value: frozenset(i for i, c in categories.items() if c.kind == kind)
            for kind in CategoryKind
        },
    )
