"""Building the covenant, the privacy protocol and the client leaflet as document models from the
covenant data."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from deelwijzer.covenant.documents.model import (
    AP_NAME,
    AP_SITE,
    LANGUAGES,
    ArticleBlock,
    Block,
    BulletList,
    Cell,
    DocumentKind,
    DocumentModel,
    Heading,
    Inline,
    Paragraph,
    SignatureBlock,
    Signatures,
    Table,
)
from deelwijzer.covenant.documents.words import (
    _MONTHS,
    _NUMBER_WORDS,
    _UNITS,
    CATEGORY_KIND_TEXT,
    GROUND_TEXT,
    LABELS,
    SENSITIVITY_TEXT,
)
from deelwijzer.covenant.schema import (
    Article,
    AvgGround,
    CategoryKind,
    Covenant,
    GovernanceLevel,
    Partner,
    PartnerKind,
)
from deelwijzer.covenant.schema import DocumentKind as ArticleDocument

if TYPE_CHECKING:
    pass


# --- small helpers -------------------------------------------------------------------------

_ENUMERATOR = re.compile(r"^(\(?[0-9]{1,2}[.)]|[0-9]{1,2}(\.[0-9]{1,2})+\.?|\(?[a-z][.)]|[-•*–])\s")


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split an article text into paragraphs.

    Blank lines separate paragraphs. A line starts a new paragraph when it begins with an
    enumerator ("1.", "2.3", "a.", "-") or when the previous line ends a sentence (one
    definition or member per line, as YAML literal blocks are written); otherwise the line
    break is a hard wrap inside a sentence and the lines are joined.
    """
    out: list[Paragraph] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        current: list[str] = []
        for raw in chunk.splitlines():
            line = raw.strip()
            if not line:
                continue
            if current and (_ENUMERATOR.match(line) or current[-1].endswith(_SENTENCE_END)):
                out.append(_text_paragraph(" ".join(current)))
                current = []
            current.append(line)
        if current:
            out.append(_text_paragraph(" ".join(current)))
    return tuple(out)


_SUB_ENUMERATOR = re.compile(r"^(\(?[a-z][.)]|[-•*–])\s")
_SENTENCE_END = (".", ":", ";", "?", "!")


def _text_paragraph(text: str) -> Paragraph:
    """A paragraph; enumerated members ("1.", "2.3") and their parts ("a.", "-") are indented."""
    if _SUB_ENUMERATOR.match(text):
        return Paragraph(Inline(text), style="subitem")
    return Paragraph(Inline(text), style="item" if _ENUMERATOR.match(text) else "")


def _number_key(number: str) -> tuple[tuple[int, str], ...]:
    """Natural sort key for article numbers: 2 < 2a < 2.1 < 10."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part)
        for part in re.findall(r"[0-9]+|[a-z]+", number)
    )


def _sorted_articles(covenant: Covenant, document: ArticleDocument) -> list[Article]:
    """The articles of one document in number order; entries that only repeat a paragraph of
    their enclosing article (``part_of``) are not rendered, since the parent holds the text."""
    return sorted(
        (a for a in covenant.articles if a.document == document and a.part_of is None),
        key=lambda a: _number_key(a.number),
    )


def _count(n: int, unit: str, lang: str) -> str:
    """'een maand', 'twee maanden', '14 weken'."""
    words = _NUMBER_WORDS[lang]
    singular, plural = _UNITS[lang][unit]
    amount = words[n] if 0 <= n < len(words) else str(n)
    return f"{amount} {singular if n == 1 else plural}"


def _date(value: dt.date, lang: str) -> str:
    return f"{value.day} {_MONTHS[lang][value.month - 1]} {value.year}"


def _add_months(start: dt.date, months: int) -> dt.date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _strip_end(text: str) -> str:
    return text.rstrip().rstrip(".;")


def is_draft(status_text: str) -> bool:
    """Whether the status text describes a draft (shown with a watermark)."""
    lowered = status_text.lower()
    return "concept" in lowered or "draft" in lowered


def _language(lang: str) -> str:
    """'en', 'en-gb', 'EN_US' -> 'en'; languages without labels fall back to Dutch, the
    language of the documents themselves."""
    primary = lang.replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in LANGUAGES else "nl"


class _Lookup:
    """Tolerant lookups: an unresolved reference renders as its id instead of failing."""

    def __init__(self, covenant: Covenant, lang: str) -> None:
        self.covenant = covenant
        self.lang = lang
        self.t = LABELS[lang]
        self.partners = {p.id: p for p in covenant.partners}
        self.categories = {c.id: c for c in covenant.data_categories}
        self.purposes = {p.id: p for p in covenant.purposes}
        self.articles = {a.id: a for a in covenant.articles}

    def partner_name(self, partner_id: str) -> str:
        partner = self.partners.get(partner_id)
        return partner.name if partner else partner_id

    def category_name(self, category_id: str) -> str:
        category = self.categories.get(category_id)
        return category.name if category else category_id

    def purpose_name(self, purpose_id: str) -> str:
        purpose = self.purposes.get(purpose_id)
        return purpose.name if purpose else purpose_id

    def refs(self, article_ids: Iterable[str]) -> str:
        """'art. 10, 10.1 samenwerkingsovereenkomst; art. 13 privacyprotocol'."""
        numbers: dict[str, list[str]] = {}
        unknown: list[str] = []
        for article_id in article_ids:
            article = self.articles.get(article_id)
            if article is None:
                unknown.append(article_id)
            else:
                numbers.setdefault(article.document.value, []).append(article.number)
        out = [
            self.t[f"ref.{document}"].format(number=", ".join(found))
            for document, found in numbers.items()
        ]
        return "; ".join(out + unknown)

    def ground(self, ground: AvgGround) -> str:
        return GROUND_TEXT[self.lang][ground]

    def kind(self, partner: Partner) -> str:
        return self.t["kind.core" if partner.kind == PartnerKind.CORE else "kind.shell"]

    def names(self, ids: Iterable[str], name: Callable[[str], str]) -> Cell:
        return tuple(name(i) for i in ids) or (self.t["none"],)


def _kv(rows: Sequence[tuple[str, str | Cell]]) -> Table:
    """A label/value table; rows whose value is empty are left out."""
    cells = []
    for label, value in rows:
        cell: Cell = (value,) if isinstance(value, str) else tuple(value)
        if any(cell):
            cells.append(((label,), cell))
    return Table(headers=(), rows=tuple(cells), widths=(30, 70), key_value=True)


# --- building the documents ----------------------------------------------------------------


def _parties(look: _Lookup) -> list[Block]:
    t = look.t
    items = []
    for partner in look.covenant.partners:
        text = t["party"].format(
            street=partner.address.street,
            postal_code=partner.address.postal_code,
            city=partner.address.city,
            signatory=partner.signatory.name,
            function=partner.signatory.function,
        )
        if partner.short_name:
            text += t["party.alias"].format(alias=partner.short_name)
        text += t["party.kind"].format(kind=look.kind(partner)) + t["party.end"]
        items.append(Inline(text, strong=partner.name))
    return [
        Heading(t["h.parties"]),
        BulletList(tuple(items), ordered=True, style="parties"),
        Paragraph(Inline(t["parties.together"])),
    ]


def _region(look: _Lookup) -> str:
    """'de regio Kleinstad', but 'Regio Westerkwartier' as written when it names itself."""
    region = look.covenant.partnership.region
    if region.lower().startswith(("regio ", "region ")):
        return region
    return look.t["the_region"].format(region=region)


def _covenant_considerations(look: _Lookup) -> list[Inline]:
    t, cov = look.t, look.covenant
    items = [t["c.partnership"].format(name=cov.partnership.name, region=_region(look))]
    for purpose in cov.purposes:
        items.append(
            t["c.purpose"].format(name=purpose.name, description=_strip_end(purpose.description))
        )
    for partner in cov.partners:
        tasks = "; ".join(
            t["c.task"].format(description=task.description, basis=task.legal_basis)
            for task in partner.statutory_tasks
        )
        items.append(t["c.tasks"].format(partner=partner.name, tasks=tasks))
    items.append(t["c.controllers"])
    items.append(t["c.joint_dossier" if cov.partnership.joint_dossier else "c.no_joint_dossier"])
    items.append(t["c.protection"])
    items.append(t["c.protocol"])
    return [Inline(item) for item in items]


def _articles(look: _Lookup, document: ArticleDocument) -> list[Block]:
    label = look.t["annex" if document == ArticleDocument.ANNEX else "article"]
    return [
        ArticleBlock(f"{label} {a.number}", a.title, _paragraphs(a.text))
        for a in _sorted_articles(look.covenant, document)
    ]


def _partnership_data(look: _Lookup) -> list[Block]:
    t, lang, cov = look.t, look.lang, look.covenant
    ps = cov.partnership
    if ps.end is not None:
        period: tuple[str, str] = (t["end"], _date(ps.end, lang))
    elif ps.duration_months is not None:
        end = _add_months(ps.start, ps.duration_months) - dt.timedelta(days=1)
        period = (
            t["duration"],
            t["duration_value"].format(
                months=_count(ps.duration_months, "month", lang), end=_date(end, lang)
            ),
        )
    else:
        period = (t["duration"], t["open_ended"])
    coordinator: Cell = (look.partner_name(ps.team_coordinator.partner),) + (
        (ps.team_coordinator.description,) if ps.team_coordinator.description else ()
    )
    blocks: list[Block] = [
        Heading(t["h.partnership"], page_break=True),
        Paragraph(Inline(t["p.partnership_intro"]), style="note"),
        _kv(
            [
                (t["name"], ps.name),
                (t["region"], ps.region),
                (t["lead_partner"], look.partner_name(ps.lead_partner)),
                (t["team_coordinator"], coordinator),
                (t["start"], _date(ps.start, lang)),
                period,
                (t["evaluations"], tuple(_date(d, lang) for d in ps.evaluation_dates)),
                (
                    t["joint_dossier"],
                    t["joint_dossier.yes" if ps.joint_dossier else "joint_dossier.no"],
                ),
                (t["case_criteria"], tuple(ps.case_criteria)),
            ]
        ),
        Heading(t["h.partners"], level=2),
        Table(
            headers=(t["partner"], t["kind"], t["controller"], t["signatory"]),
            rows=tuple(
                (
                    (p.name,),
                    (look.kind(p),),
                    (p.controller,),
                    (p.signatory.name, p.signatory.function),
                )
                for p in cov.partners
            ),
            widths=(28, 14, 30, 28),
            strong_first=True,
        ),
        Heading(t["h.governance"], level=2),
        Table(
            headers=(t["body"], t["level"], t["members"], t["tasks"]),
            rows=tuple(
                (
                    (body.name,),
                    (t[f"level.{GovernanceLevel(body.level).value}"],),
                    look.names(body.members, look.partner_name),
                    (body.tasks or "",),
                )
                for body in ps.governance_bodies
            ),
            widths=(22, 14, 32, 32),
        ),
    ]
    acc = ps.accession
    if not acc.open:
        acc_status = t["accession.closed"]
    elif acc.after_evaluation:
        acc_status = t["accession.open_after"].format(date=_date(ps.evaluation_dates[0], lang))
    else:
        acc_status = t["accession.open"]
    blocks += [
        Heading(t["h.accession"], level=2),
        _kv(
            [
                (t["status"], acc_status),
                (t["conditions"], tuple(acc.conditions)),
                (t["articles"], look.refs(acc.articles)),
            ]
        ),
        Heading(t["h.termination"], level=2),
        _kv(
            [
                (t["notice"], _count(ps.termination.notice_months, "month", lang)),
                (t["arrangement"], ps.termination.text),
                (t["articles"], look.refs(ps.termination.articles)),
            ]
        ),
        Heading(t["h.disputes"], level=2),
        _kv(
            [
                (t["procedure"], ps.disputes.procedure),
                (t["articles"], look.refs(ps.disputes.articles)),
            ]
        ),
    ]
    return blocks


def _signatures(look: _Lookup) -> list[Block]:
    t = look.t
    return [
        Heading(t["h.signatures"], page_break=True),
        Paragraph(Inline(t["signatures.intro"])),
        Signatures(
            tuple(
                SignatureBlock(p.name, p.signatory.name, p.signatory.function)
                for p in look.covenant.partners
            )
        ),
    ]


def _build_covenant(look: _Lookup) -> list[Block]:
    t = look.t
    blocks: list[Block] = _parties(look)
    blocks += [
        Heading(t["h.considerations"]),
        BulletList(tuple(_covenant_considerations(look)), style="considerations"),
        Paragraph(Inline(t["agree"])),
        Heading(t["h.articles"], page_break=True),
    ]
    blocks += _articles(look, ArticleDocument.COVENANT)
    blocks += _partnership_data(look)
    blocks += _signatures(look)
    annexes = _articles(look, ArticleDocument.ANNEX)
    if annexes:
        blocks += [Heading(t["h.annexes"], page_break=True), *annexes]
    return blocks


def _protocol_considerations(look: _Lookup) -> list[Inline]:
    t, cov = look.t, look.covenant
    special = any(c.kind == CategoryKind.SPECIAL for c in cov.data_categories)
    items = [
        t["pc.exchange_special" if special else "pc.exchange"].format(name=cov.partnership.name),
        t["pc.law"],
        t["pc.controllers"],
        t["pc.ground"],
    ]
    regimes = list(dict.fromkeys(f"{s.name} ({s.basis})" for p in cov.partners for s in p.secrecy))
    if regimes:
        items.append(t["pc.secrecy"].format(regimes="; ".join(regimes)))
    items.append(t["pc.responsible"])
    return [Inline(item) for item in items]


def _protocol_partners(look: _Lookup) -> list[Block]:
    t, lang = look.t, look.lang
    blocks: list[Block] = [Heading(t["h.protocol_partners"], page_break=True)]
    for p in look.covenant.partners:
        contact = p.privacy_contact
        contact_cell = tuple(
            line
            for line in (
                contact.name + (f", {contact.function}" if contact.function else ""),
                contact.email,
                contact.phone or "",
            )
            if line
        )
        complaint = (p.complaint_procedure.description,) + (
            (p.complaint_procedure.url,) if p.complaint_procedure.url else ()
        )
        blocks += [
            Heading(p.name, level=2),
            _kv(
                [
                    (t["kind"], look.kind(p)),
                    (t["controller"], p.controller),
                    (
                        t["statutory_tasks"],
                        tuple(f"{s.description} ({s.legal_basis})" for s in p.statutory_tasks),
                    ),
                    (t["avg_ground"], look.ground(p.avg_ground)),
                    (
                        t["secrecy"],
                        tuple(f"{s.name} ({s.basis})" for s in p.secrecy) or (t["none"],),
                    ),
                    (
                        t["special_categories"],
                        tuple(
                            f"{look.category_name(g.category)} ({g.basis})"
                            for g in p.special_categories
                        )
                        or (t["special_none"],),
                    ),
                    (
                        t["retention"],
                        tuple(
                            t["retention_value"].format(
                                applies_to=r.applies_to,
                                years=_count(r.years, "year", lang),
                                basis=r.basis,
                            )
                            for r in p.retention
                        ),
                    ),
                    (t["privacy_contact"], contact_cell),
                    (t["complaint_procedure"], complaint),
                ]
            ),
        ]
    return blocks


def _protocol_data(look: _Lookup) -> list[Block]:
    t, lang, cov = look.t, look.lang, look.covenant
    blocks: list[Block] = [
        Heading(t["h.categories"], page_break=True),
        Table(
            headers=(t["category"], t["kind"], t["sensitivity"], t["exception"]),
            rows=tuple(
                (
                    (c.name,) + ((c.description,) if c.description else ()),
                    (CATEGORY_KIND_TEXT[lang][c.kind],),
                    (SENSITIVITY_TEXT[lang][c.sensitivity],),
                    (
                        c.exception
                        or (
                            t["not_recorded"]
                            if c.kind in (CategoryKind.SPECIAL, CategoryKind.CRIMINAL)
                            else "—"
                        ),
                    ),
                )
                for c in cov.data_categories
            ),
            widths=(34, 22, 14, 30),
            strong_first=True,
        ),
        Heading(t["h.purposes"]),
    ]
    for purpose in cov.purposes:
        research = (
            t["research.yes"].format(dpia=purpose.dpia or t["not_recorded"])
            if purpose.research
            else ""
        )
        blocks += [
            Heading(purpose.name, level=2),
            Paragraph(Inline(purpose.description)),
            Table(
                headers=(t["recipient"], t["ground"], t["basis"]),
                rows=tuple(
                    ((look.partner_name(r.partner),), (look.ground(r.ground),), (r.basis,))
                    for r in purpose.recipients
                ),
                widths=(32, 44, 24),
            ),
            _kv(
                [
                    (t["categories"], look.names(purpose.categories, look.category_name)),
                    (t["compatible"], look.names(purpose.compatible_with, look.purpose_name)),
                    (t["research"], research),
                    (t["articles"], look.refs(purpose.articles)),
                ]
            ),
        ]
    return blocks


def _age_bands(look: _Lookup) -> list[tuple[str, str]]:
    """(age band, who decides) following S6 with the covenant's numbers."""
    t = look.t
    low = look.covenant.consent.representatives_only_below
    high = max(low, look.covenant.consent.child_alone_from)
    bands = []
    if low > 0:
        bands.append((t["age.below"].format(age=low), t["who.representatives"]))
    if high > low:
        bands.append((t["age.between"].format(low=low, high=high - 1), t["who.both"]))
    bands.append((t["age.from"].format(age=high), t["who.child"]))
    return bands


def _rights_term(look: _Lookup) -> str:
    deadline = look.covenant.deadlines.rights_request
    if deadline.weeks is not None:
        return _count(deadline.weeks, "week", look.lang)
    return _count(deadline.months if deadline.months is not None else 1, "month", look.lang)


def _step_matrix(look: _Lookup) -> Table:
    """Data categories x steps: what is recorded (V) and shared (D) in each step (C6)."""
    t, steps = look.t, look.covenant.steps
    rows = []
    for category in look.covenant.data_categories:
        marks: list[Cell] = []
        for step in steps:
            mark = [t["mark.record"]] if category.id in step.record else []
            mark += [t["mark.share"]] if category.id in step.share else []
            marks.append((" + ".join(mark),))
        rows.append(((category.name,), *marks))
    step_width = max(5, min(12, 66 // max(1, len(steps))))
    return Table(
        headers=(t["category"], *(str(i) for i in range(1, len(steps) + 1))),
        rows=tuple(rows),
        widths=(100 - step_width * len(steps), *(step_width for _ in steps)),
        compact=True,
    )


def _protocol_rules(look: _Lookup) -> list[Block]:
    t, lang, cov = look.t, look.lang, look.covenant
    steps = Table(
        headers=(t["step"], t["purpose"], t["activities"]),
        rows=tuple(
            (
                (f"{index}. {step.name}",),
                (look.purpose_name(step.purpose),),
                tuple(step.activities) + ((look.refs(step.articles),) if step.articles else ()),
            )
            for index, step in enumerate(cov.steps, start=1)
        ),
        widths=(22, 26, 52),
    )
    matrix = _step_matrix(look)
    ages = tuple(((band,), (who,)) for band, who in _age_bands(look))
    consent_form = _kv(
        [
            (
                t["consent.form"],
                t["consent.form_written" if cov.consent.written else "consent.form_unwritten"],
            ),
            (t["consent.withdraw"], t["consent.withdraw_value"]),
            (t["articles"], look.refs(cov.consent.articles)),
        ]
    )
    rights = cov.deadlines.rights_request
    term = _rights_term(look)
    rights_value = t["deadline.rights_value"].format(term=term)
    if rights.extension_months:
        rights_value += t["deadline.extension"].format(
            extension=_count(rights.extension_months, "month", lang), term=term
        )
    breach = cov.deadlines.breach
    deadlines: list[tuple[Cell, ...]] = [
        ((t["deadline.rights"],), (rights_value,)),
        (
            (t["deadline.objection"],),
            (
                t["deadline.objection_value"].format(
                    term=_count(rights.objection_weeks, "week", lang)
                ),
            ),
        ),
        (
            (t["deadline.breach_partners"],),
            (t["deadline.breach_partners_value"].format(hours=breach.partner_notice_hours),),
        ),
        (
            (t["deadline.breach_ap"],),
            (t["deadline.breach_ap_value"].format(hours=breach.authority_hours),),
        ),
        ((t["deadline.support"],), (t["deadline.support_value"],)),
    ]
    return [
        Heading(t["h.steps"], page_break=True),
        Paragraph(Inline(t["p.steps"]), style="note"),
        steps,
        Heading(t["h.matrix"], level=2),
        Paragraph(Inline(t["p.matrix"]), style="note"),
        matrix,
        Heading(t["h.consent"]),
        Table(headers=(t["age"], t["who_decides"]), rows=ages, widths=(30, 70)),
        consent_form,
        Heading(t["h.deadlines"]),
        Table(
            headers=(t["deadline.subject"], t["deadline.term"]),
            rows=tuple(deadlines),
            widths=(40, 60),
        ),
    ]


def _build_protocol(look: _Lookup) -> list[Block]:
    t = look.t
    blocks: list[Block] = _parties(look)
    blocks += [
        Heading(t["h.considerations"]),
        BulletList(tuple(_protocol_considerations(look)), style="considerations"),
        Paragraph(Inline(t["agree"])),
        Heading(t["h.articles"], page_break=True),
    ]
    blocks += _articles(look, ArticleDocument.PROTOCOL)
    blocks += _protocol_partners(look)
    blocks += _protocol_data(look)
    blocks += _protocol_rules(look)
    return blocks


def _leaflet_ages(look: _Lookup) -> list[str]:
    t = look.t
    low = look.covenant.consent.representatives_only_below
    high = max(low, look.covenant.consent.child_alone_from)
    lines = []
    if low > 0:
        lines.append(t["l.age_below"].format(age=low))
    if high > low:
        ages = [str(a) for a in range(low, high)]
        if len(ages) == 1:
            spelled = ages[0]
        elif len(ages) <= 5:
            spelled = f"{', '.join(ages[:-1])} {t['l.or']} {ages[-1]}"
        else:
            spelled = t["l.range"].format(low=low, high=high - 1)
        lines.append(t["l.age_between"].format(ages=spelled))
    lines.append(t["l.age_from"].format(age=high))
    return lines


LEAFLET_MAX_WORDS = 14


def _plain_purpose(name: str, description: str) -> Inline:
    """A purpose for the leaflet: its name, with the description only when that is one short
    sentence (B1); longer descriptions are legal text and stay in the protocol."""
    first = re.split(r"(?<=[.?!])\s", description.strip(), maxsplit=1)[0]
    if first == description.strip() and len(first.split()) <= LEAFLET_MAX_WORDS:
        return Inline(_strip_end(first) + ".", strong=f"{name}: ")
    return Inline(name)


def _build_leaflet(look: _Lookup) -> list[Block]:
    t, cov = look.t, look.covenant
    ps = cov.partnership

    def para(*keys: str, **values: Any) -> list[Block]:
        return [Paragraph(Inline(" ".join(t[key].format(**values) for key in keys)))]

    blocks: list[Block] = [
        *para("l.intro1", "l.intro2", name=ps.name, region=ps.region),
        *para("l.intro3", "l.intro4"),
    ]
    # Why
    blocks += [Heading(t["l.h.why"]), *para("l.why1")]
    blocks.append(BulletList(tuple(_plain_purpose(p.name, p.description) for p in cov.purposes)))
    blocks += para("l.why2", "l.why3")
    # What
    blocks += [Heading(t["l.h.what"]), *para("l.what1")]
    blocks.append(BulletList(tuple(Inline(c.name) for c in cov.data_categories)))
    kinds = {c.kind for c in cov.data_categories}
    if kinds & {CategoryKind.SPECIAL, CategoryKind.CRIMINAL}:
        blocks += para("l.what_special")
    if CategoryKind.KNOWN_TO_PARTNER in kinds:
        blocks += para("l.what_known")
    # Who
    core = [p for p in cov.partners if p.kind == PartnerKind.CORE]
    shell = [p for p in cov.partners if p.kind == PartnerKind.SHELL]
    blocks += [Heading(t["l.h.who"])]
    if core:
        blocks += para("l.who_core")
        blocks.append(BulletList(tuple(Inline(p.name) for p in core)))
    if shell:
        blocks += para("l.who_shell1", "l.who_shell2")
        blocks.append(BulletList(tuple(Inline(p.name) for p in shell)))
    blocks += para("l.who_own", *(() if ps.joint_dossier else ("l.who_dossier",)), "l.who_need")
    # Consent and age
    written = ("l.consent_written",) if cov.consent.written else ()
    blocks += [Heading(t["l.h.consent"]), *para("l.consent1", "l.consent2", *written)]
    blocks.append(BulletList(tuple(Inline(line) for line in _leaflet_ages(look))))
    blocks += para("l.withdraw")
    blocks += para("l.without1", "l.without2", "l.without3")
    # Rights
    rights = cov.deadlines.rights_request
    term = _rights_term(look)
    blocks += [Heading(t["l.h.rights"]), *para("l.rights1")]
    blocks.append(
        BulletList(
            tuple(
                Inline(t[f"l.right.{right}"])
                for right in ("access", "correct", "erase", "restrict", "object", "statement")
            )
        )
    )
    young = ("l.rights_young",) if cov.consent.representatives_only_below > 0 else ()
    blocks += para("l.rights_ask", *young, age=cov.consent.representatives_only_below)
    extension = ("l.answer_ext",) if rights.extension_months else ()
    blocks += para(
        "l.answer",
        *extension,
        term=term,
        extension=_count(rights.extension_months, "month", look.lang),
    )
    blocks += para(
        "l.objection", "l.refusal", term=_count(rights.objection_weeks, "week", look.lang)
    )
    # Independent client support (R7)
    blocks += [Heading(t["l.h.support"]), *para("l.support1", "l.support2", "l.support3")]
    # Questions and complaints, at the full page width for the contact table
    blocks += [
        Heading(t["l.h.questions"], wide=True),
        *para("l.q1", "l.q2", "l.q3"),
        *para("l.ap1", "l.ap2", "l.ap3", "l.court", ap=AP_NAME, site=AP_SITE),
        *para("l.q4"),
    ]
    blocks.append(
        Table(
            headers=(t["l.organisation"], t["l.contact"], t["l.complaints"]),
            rows=tuple(
                (
                    (p.name,),
                    tuple(x for x in (p.privacy_contact.email, p.privacy_contact.phone) if x),
                    (p.complaint_procedure.description,)
                    + ((p.complaint_procedure.url,) if p.complaint_procedure.url else ()),
                )
                for p in cov.partners
            ),
            widths=(30, 28, 42),
        )
    )
    return blocks


def build_document(
    covenant: Covenant,
    kind: DocumentKind,
    *,
    version_label: str,
    status_text: str,
    lang: str = "nl",
) -> DocumentModel:
    """The format-neutral model of one document (what HTML, PDF and DOCX render)."""
    lang = _language(lang)
    kind = DocumentKind(kind)
    look = _Lookup(covenant, lang)
    t = look.t
    name = covenant.partnership.name
    if kind == DocumentKind.COVENANT:
        blocks, subtitle = _build_covenant(look), name
    elif kind == DocumentKind.PROTOCOL:
        blocks, subtitle = _build_protocol(look), t["subtitle.protocol"].format(name=name)
    else:
        blocks, subtitle = _build_leaflet(look), t["subtitle.leaflet"].format(name=name)
    return DocumentModel(
        kind=kind,
        lang=lang,
        title=t[f"title.{kind.value}"],
        subtitle=subtitle,
        partnership_name=name,
        version_label=version_label,
        status_text=status_text,
        draft=is_draft(status_text),
        labels=t,
        blocks=tuple(blocks),
        keywords=(covenant.partnership.id, kind.value, f"versie {version_label}", status_text),
    )
