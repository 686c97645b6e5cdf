"""Whole-file checks of a covenant that already matches the schema.

Pure Python (no Django). The schema checks each value on its own; these checks look across
the file the way a privacy officer reads it:

- every id is unique in its list, and every reference to a partner, data category, purpose or
  article resolves (C1, C2, C6);
- every recipient of a purpose appears once, so it has exactly one ground (S1); a step records
  and shares only categories of its own purpose (C6, S1: no more data than the purpose needs);
- special-category and criminal data name the legal exception that allows them (S3); a
  partner's ``special_categories`` name special or criminal categories, each once, and every
  special or criminal category a purpose lists can be received by at least one of its
  recipients (S3: closed world, a partner that lists none receives none);
- the term is consistent: an end date or a duration (not both), evaluations inside the term and
  in order (C1, C10);
- the lead partner and the team coordinator are core partners (C1, C4);
- research purposes carry a DPIA (C11); a purpose is not "compatible" with itself (S2);
- ``rule_articles`` names rules that exist in DOMAIN.md; an article is ``part_of`` another
  article of the same document, never (indirectly) of itself;
- consent ages and deadlines stay within the law (S6, R3, B1, B2).

Each problem is a :class:`CovenantIssue` with a path, and a line when a :class:`LineMap` of
the file is given.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence

from deelwijzer.covenant.issues import (
    CovenantIssue,
    LineMap,
    Path,
    format_path,
    listing,
    show,
    suggest,
)
from deelwijzer.covenant.schema import CategoryKind, Covenant, PartnerKind

DOMAIN_RULES: frozenset[str] = frozenset(
    [f"C{n}" for n in range(1, 12)]
    + [f"P{n}" for n in range(1, 6)]
    + [f"K{n}" for n in range(1, 10)]
    + [f"S{n}" for n in range(1, 15)]
    + [f"T{n}" for n in range(1, 5)]
    + [f"R{n}" for n in range(1, 8)]
    + ["Q1"]
    + [f"B{n}" for n in range(1, 3)]
    + [f"V{n}" for n in range(1, 5)]
)
DOMAIN_RULE_RANGES = "C1-C11, P1-P5, K1-K9, S1-S14, T1-T4, R1-R7, Q1, B1-B2, V1-V4"

# Limits from the AVG: answer a request within one month, extendable by two (art. 12(3));
# notify the authority of a breach within 72 hours (art. 33).
MAX_RIGHTS_MONTHS = 1
MAX_RIGHTS_WEEKS = 4
MAX_EXTENSION_MONTHS = 2
MAX_AUTHORITY_HOURS = 72

_EXCEPTION_EXAMPLES = {
    CategoryKind.SPECIAL: "UAVG art. 30 lid 3",
    CategoryKind.CRIMINAL: "UAVG art. 33",
}
_SPECIAL_KINDS = frozenset({CategoryKind.SPECIAL, CategoryKind.CRIMINAL})


def crosscheck(covenant: Covenant, lines: LineMap | None = None) -> list[CovenantIssue]:
    """Every whole-file problem of a schema-valid covenant, in the order of the file."""
    checker = _Checker(covenant, lines or LineMap())
    checker.run()
    return checker.issues


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` plus a number of calendar months (31 January + 1 month = 28/29 February)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def end_date(covenant: Covenant) -> dt.date | None:
    """The last day of the term: ``end``, or ``start`` plus ``duration_months``."""
    partnership = covenant.partnership
    if partnership.end is not None:
        return partnership.end
    if partnership.duration_months is not None:
        return add_months(partnership.start, partnership.duration_months)
    return None


class _Checker:
    def __init__(self, covenant: Covenant, lines: LineMap) -> None:
        self.covenant = covenant
        self.lines = lines
        self.issues: list[CovenantIssue] = []
        self.partners = {p.id: p for p in covenant.partners}
        self.categories = {c.id: c for c in covenant.data_categories}
        self.purposes = {p.id: p for p in covenant.purposes}
        self.articles = {a.id: a for a in covenant.articles}

    def add(self, path: Path, code: str, **params: str) -> None:
        self.issues.append(CovenantIssue(format_path(path), self.lines.line(path), code, params))

    def first_params(self, path: Path) -> dict[str, str]:
        line = self.lines.exact_line(path)
        params = {"first": format_path(path)}
        if line is not None:
            params["first_line"] = str(line)
        return params

    def run(self) -> None:
        c = self.covenant
        self.unique("partners", [p.id for p in c.partners], ("partners",))
        self.unique("data_categories", [d.id for d in c.data_categories], ("data_categories",))
        self.unique("purposes", [p.id for p in c.purposes], ("purposes",))
        self.unique("steps", [s.id for s in c.steps], ("steps",))
        self.unique("articles", [a.id for a in c.articles], ("articles",))
        self.unique(
            "governance_bodies",
            [g.id for g in c.partnership.governance_bodies],
            ("partnership", "governance_bodies"),
        )
        self.article_numbers()
        self.article_parents()
        self.partnership()
        self.term()
        self.data_categories()
        self.special_categories()
        self.purposes_()
        self.steps()
        self.rules()
        self.consent_and_deadlines()
        self.issues.sort(key=lambda i: (i.line is None, i.line or 0))

    # helpers

    def unique(self, list_name: str, ids: Sequence[str], prefix: Path) -> None:
        seen: dict[str, Path] = {}
        for index, item_id in enumerate(ids):
            path = (*prefix, index, "id")
            if item_id in seen:
                self.add(path, "duplicate_id", id=item_id, list=list_name,
                         **self.first_params(seen[item_id]))
            else:
                seen[item_id] = path

    def ref(self, path: Path, value: str, kind: str, known: Iterable[str]) -> bool:
        options = sorted(set(known))
        if value in options:
            return True
        self.add(path, "unknown_reference", kind=kind, value=show(value),
                 allowed=listing(options) or "-", **suggest(value, options))
        return False

    def refs(self, prefix: Path, values: Sequence[str], kind: str, known: Iterable[str]) -> None:
        options = list(known)
        seen: dict[str, Path] = {}
        for index, value in enumerate(values):
            path = (*prefix, index)
            if value in seen:
                self.add(path, "duplicate_reference", kind=kind, value=show(value),
                         **self.first_params(seen[value]))
                continue
            seen[value] = path
            self.ref(path, value, kind, options)

    # checks

    def article_numbers(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        for index, article in enumerate(self.covenant.articles):
            key = (article.document.value, article.number)
            if key in seen and seen[key] != article.id:
                self.add(("articles", index, "number"), "duplicate_article_number",
                         number=article.number, document=article.document.value,
                         first=seen[key])
            else:
                seen.setdefault(key, article.id)

    def article_parents(self) -> None:
        """``part_of`` names another article of the same document, without going round."""
        for index, article in enumerate(self.covenant.articles):
            parent_id = article.part_of
            if parent_id is None:
                continue
            path: Path = ("articles", index, "part_of")
            if parent_id == article.id:
                self.add(path, "part_of_itself", article=article.id)
                continue
            if not self.ref(path, parent_id, "article", self.articles):
                continue
            parent = self.articles[parent_id]
            if parent.document != article.document:
                self.add(path, "part_of_other_document", article=article.id, parent=parent_id,
                         document=article.document.value,
                         parent_document=parent.document.value)
            seen = {article.id}
            current: str | None = parent_id
            while current is not None and current in self.articles:
                if current in seen:
                    self.add(path, "part_of_cycle", article=article.id)
                    break
                seen.add(current)
                current = self.articles[current].part_of

    def core_partner(self, path: Path, partner_id: str, role: str) -> None:
        if not self.ref(path, partner_id, "partner", self.partners):
            return
        if self.partners[partner_id].kind != PartnerKind.CORE:
            self.add(path, "not_core_partner", role=role, partner=partner_id)

    def partnership(self) -> None:
        p = self.covenant.partnership
        base: Path = ("partnership",)
        self.core_partner((*base, "lead_partner"), p.lead_partner, "lead_partner")
        self.core_partner((*base, "team_coordinator", "partner"), p.team_coordinator.partner,
                          "team_coordinator")
        for index, body in enumerate(p.governance_bodies):
            self.refs((*base, "governance_bodies", index, "members"), body.members, "partner",
                      self.partners)
        self.refs((*base, "accession", "articles"), p.accession.articles, "article",
                  self.articles)
        self.refs((*base, "termination", "articles"), p.termination.articles, "article",
                  self.articles)
        self.refs((*base, "disputes", "articles"), p.disputes.articles, "article", self.articles)

    def term(self) -> None:
        p = self.covenant.partnership
        base: Path = ("partnership",)
        if p.end is not None and p.duration_months is not None:
            self.add((*base, "duration_months"), "end_and_duration")
        if p.end is None and p.duration_months is None:
            self.add((*base, "end"), "no_end")
        if p.end is not None and p.end <= p.start:
            self.add((*base, "end"), "date_order", start=p.start.isoformat(),
                     end=p.end.isoformat())
            return
        end = end_date(self.covenant)
        previous: dt.date | None = None
        for index, date in enumerate(p.evaluation_dates):
            path = (*base, "evaluation_dates", index)
            if end is not None and not p.start <= date <= end:
                self.add(path, "evaluation_outside_period", date=date.isoformat(),
                         start=p.start.isoformat(), end=end.isoformat())
            if previous is not None and date <= previous:
                self.add(path, "evaluation_not_sorted", date=date.isoformat(),
                         previous=previous.isoformat())
            previous = date

    def data_categories(self) -> None:
        for index, category in enumerate(self.covenant.data_categories):
            example = _EXCEPTION_EXAMPLES.get(category.kind)
            if example is not None and category.exception is None:
                self.add(("data_categories", index, "exception"), "special_without_exception",
                         id=category.id, kind=category.kind.value, example=example)

    def special_categories(self) -> None:
        """Each partner's special and criminal categories: existing categories of those kinds,
        each named once (the schema already asks each a non-empty ``basis``)."""
        special = [i for i, c in self.categories.items() if c.kind in _SPECIAL_KINDS]
        for index, partner in enumerate(self.covenant.partners):
            base: Path = ("partners", index, "special_categories")
            seen: dict[str, Path] = {}
            for number, grant in enumerate(partner.special_categories):
                path = (*base, number, "category")
                value = grant.category
                if value in seen:
                    self.add(path, "duplicate_reference", kind="category", value=show(value),
                             **self.first_params(seen[value]))
                    continue
                seen[value] = path
                category = self.categories.get(value)
                if category is None:
                    self.ref(path, value, "category", special)
                elif category.kind not in _SPECIAL_KINDS:
                    self.add(path, "not_special_category", category=value,
                             kind=category.kind.value, allowed=listing(special) or "-")

    def purposes_(self) -> None:
        receives = {
            p.id: frozenset(g.category for g in p.special_categories)
            for p in self.covenant.partners
        }
        for index, purpose in enumerate(self.covenant.purposes):
            base: Path = ("purposes", index)
            seen: dict[str, Path] = {}
            for number, recipient in enumerate(purpose.recipients):
                path = (*base, "recipients", number, "partner")
                if recipient.partner in seen:
                    self.add(path, "duplicate_recipient", partner=recipient.partner,
                             purpose=purpose.id, **self.first_params(seen[recipient.partner]))
                    continue
                seen[recipient.partner] = path
                self.ref(path, recipient.partner, "partner", self.partners)
            self.refs((*base, "categories"), purpose.categories, "category", self.categories)
            partners = [r.partner for r in purpose.recipients]
            for number, category_id in enumerate(purpose.categories):
                category = self.categories.get(category_id)
                if category is None or category.kind not in _SPECIAL_KINDS:
                    continue
                if purpose.categories.index(category_id) != number:
                    continue  # a repeat: duplicate_reference already says so
                if not any(category_id in receives.get(p, ()) for p in partners):
                    self.add((*base, "categories", number),
                             "special_category_without_recipient", purpose=purpose.id,
                             category=category_id, kind=category.kind.value,
                             recipients=listing(dict.fromkeys(partners)))
            for number, other in enumerate(purpose.compatible_with):
                if other == purpose.id:
                    self.add((*base, "compatible_with", number), "compatible_with_itself",
                             purpose=purpose.id)
            self.refs((*base, "compatible_with"),
                      [o for o in purpose.compatible_with if o != purpose.id],
                      "purpose", self.purposes)
            self.refs((*base, "articles"), purpose.articles, "article", self.articles)
            if purpose.research and purpose.dpia is None:
                self.add((*base, "dpia"), "research_without_dpia", purpose=purpose.id)

    def steps(self) -> None:
        for index, step in enumerate(self.covenant.steps):
            base: Path = ("steps", index)
            purpose = None
            if self.ref((*base, "purpose"), step.purpose, "purpose", self.purposes):
                purpose = self.purposes[step.purpose]
            for key, values in (("record", step.record), ("share", step.share)):
                self.refs((*base, key), values, "category", self.categories)
                if purpose is None:
                    continue
                for number, category in enumerate(values):
                    if category in self.categories and category not in purpose.categories:
                        self.add((*base, key, number), "category_not_in_purpose",
                                 step=step.id, category=category, purpose=purpose.id,
                                 allowed=listing(purpose.categories))
            self.refs((*base, "articles"), step.articles, "article", self.articles)

    def rules(self) -> None:
        for rule, articles in self.covenant.rule_articles.items():
            path: Path = ("rule_articles", rule)
            if rule not in DOMAIN_RULES:
                self.add(path, "unknown_rule", rule=rule, allowed=DOMAIN_RULE_RANGES,
                         **suggest(rule.upper(), sorted(DOMAIN_RULES)))
            self.refs(path, articles, "article", self.articles)

    def consent_and_deadlines(self) -> None:
        consent = self.covenant.consent
        self.refs(("consent", "articles"), consent.articles, "article", self.articles)
        if consent.representatives_only_below > consent.child_alone_from:
            self.add(("consent", "representatives_only_below"), "consent_ages_order",
                     below=str(consent.representatives_only_below),
                     alone=str(consent.child_alone_from))

        rights = self.covenant.deadlines.rights_request
        base: Path = ("deadlines", "rights_request")
        if rights.months is not None and rights.weeks is not None:
            self.add((*base, "weeks"), "deadline_ambiguous", months=str(rights.months),
                     weeks=str(rights.weeks))
        elif rights.months is None and rights.weeks is None:
            self.add(base, "deadline_missing")
        for key, value, limit in (
            ("months", rights.months, MAX_RIGHTS_MONTHS),
            ("weeks", rights.weeks, MAX_RIGHTS_WEEKS),
            ("extension_months", rights.extension_months, MAX_EXTENSION_MONTHS),
            ("objection_weeks", rights.objection_weeks, MAX_RIGHTS_WEEKS),
        ):
            if value is not None and value > limit:
                self.add((*base, key), "deadline_too_long", key=key, value=str(value),
                         limit=str(limit))

        breach = self.covenant.deadlines.breach
        if breach.authority_hours > MAX_AUTHORITY_HOURS:
            self.add(("deadlines", "breach", "authority_hours"), "breach_deadline_too_long",
                     value=str(breach.authority_hours))
        if breach.partner_notice_hours >= min(breach.authority_hours, MAX_AUTHORITY_HOURS):
            self.add(("deadlines", "breach", "partner_notice_hours"),
                     "breach_notice_after_authority", value=str(breach.partner_notice_hours),
                     limit=str(min(breach.authority_hours, MAX_AUTHORITY_HOURS)))
