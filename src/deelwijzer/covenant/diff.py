"""The difference between two covenant versions, in plain words (C8).

Each change is one sentence a partner's board can read ("Partner Politie toegevoegd",
"Doel 'Veiligheid': Woningcorporatie ontvangt nu gegevens"), grouped by section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from pydantic import BaseModel

from deelwijzer.covenant.schema import Covenant
from deelwijzer.covenant.texts import article_citation


@dataclass(frozen=True)
class Change:
    section: str
    kind: str  # "added", "removed", "changed"
    text: str


def _names(ids: Iterable[str], lookup: Callable[[str], str]) -> str:
    return ", ".join(lookup(i) for i in sorted(ids))


def _changed_fields(old: BaseModel, new: BaseModel, skip: Sequence[str] = ()) -> list[str]:
    return [
        name for name in type(new).model_fields
        if name not in skip and getattr(old, name) != getattr(new, name)
    ]


def _field_label(field: str) -> str:
    labels: dict[str, str] = {
        "name": _("name"), "region": _("region"), "lead_partner": _("lead partner"),
        "governance_bodies": _("governance bodies"), "team_coordinator": _("team coordinator"),
        "start": _("start date"), "end": _("end date"), "duration_months": _("duration"),
        "evaluation_dates": _("evaluation dates"), "accession": _("accession rules"),
        "termination": _("termination"), "disputes": _("disputes"),
        "joint_dossier": _("joint dossier"), "case_criteria": _("case criteria"),
        "short_name": _("short name"), "kind": _("kind"), "controller": _("controller"),
        "address": _("address"), "signatory": _("signatory"),
        "statutory_tasks": _("statutory tasks"), "avg_ground": _("AVG ground"),
        "secrecy": _("secrecy"), "special_categories": _("special and criminal data"),
        "retention": _("retention periods"),
        "privacy_contact": _("privacy contact"), "complaint_procedure": _("complaint procedure"),
        "sensitivity": _("sensitivity"), "description": _("description"),
        "exception": _("legal exception"), "recipients": _("recipients"),
        "categories": _("data categories"), "compatible_with": _("compatible purposes"),
        "research": _("research"), "dpia": _("DPIA"), "articles": _("articles"),
        "purpose": _("purpose"), "activities": _("activities"),
        "record": _("data to record"), "share": _("data to share"), "title": _("title"),
        "text": _("text"), "number": _("number"), "document": _("document"),
    }
    return labels.get(field, field.replace("_", " "))


def _keyed_section(
    section: str,
    old_items: Sequence[Any],
    new_items: Sequence[Any],
    noun: str,
    label: Callable[[Any], str],
    detail: Callable[[Any, Any], list[str]] | None = None,
) -> list[Change]:
    old = {i.id: i for i in old_items}
    new = {i.id: i for i in new_items}
    changes: list[Change] = []
    for key in new.keys() - old.keys():
        changes.append(Change(section, "added", _("%(noun)s %(name)s added") % {
            "noun": noun, "name": label(new[key])}))
    for key in old.keys() - new.keys():
        changes.append(Change(section, "removed", _("%(noun)s %(name)s removed") % {
            "noun": noun, "name": label(old[key])}))
    for key in sorted(old.keys() & new.keys()):
        if old[key] == new[key]:
            continue
        specific = detail(old[key], new[key]) if detail else []
        skip = ("recipients", "categories") if detail else ()
        fields = _changed_fields(old[key], new[key], skip=skip)
        texts = list(specific)
        if fields:
            texts.append(_("%(noun)s %(name)s: %(fields)s changed") % {
                "noun": noun, "name": label(new[key]),
                "fields": ", ".join(_field_label(f) for f in fields)})
        changes.extend(Change(section, "changed", t) for t in texts)
    return sorted(changes, key=lambda c: (c.kind, c.text))


def covenant_diff(old: Covenant, new: Covenant) -> list[Change]:
    """Every difference between two versions, as plain sentences."""
    def partner_name(pid: str) -> str:
        for c in (new, old):
            for p in c.partners:
                if p.id == pid:
                    return p.name
        return pid

    def category_name(cid: str) -> str:
        for c in (new, old):
            for cat in c.data_categories:
                if cat.id == cid:
                    return cat.name
        return cid

    def purpose_detail(o: Any, n: Any) -> list[str]:
        texts: list[str] = []
        o_rec = {r.partner: r for r in o.recipients}
        n_rec = {r.partner: r for r in n.recipients}
        if added := n_rec.keys() - o_rec.keys():
            texts.append(_("Purpose '%(purpose)s': %(partners)s now receive(s) data") % {
                "purpose": n.name, "partners": _names(added, partner_name)})
        if removed := o_rec.keys() - n_rec.keys():
            texts.append(_("Purpose '%(purpose)s': %(partners)s no longer receive(s) data") % {
                "purpose": n.name, "partners": _names(removed, partner_name)})
        for pid in sorted(o_rec.keys() & n_rec.keys()):
            if o_rec[pid] != n_rec[pid]:
                texts.append(_("Purpose '%(purpose)s': the ground for %(partner)s changed") % {
                    "purpose": n.name, "partner": partner_name(pid)})
        if added_c := set(n.categories) - set(o.categories):
            texts.append(_("Purpose '%(purpose)s': now includes %(categories)s") % {
                "purpose": n.name, "categories": _names(added_c, category_name)})
        if removed_c := set(o.categories) - set(n.categories):
            texts.append(_("Purpose '%(purpose)s': no longer includes %(categories)s") % {
                "purpose": n.name, "categories": _names(removed_c, category_name)})
        return texts

    changes: list[Change] = []
    fields = _changed_fields(old.partnership, new.partnership)
    if fields:
        changes.append(Change("partnership", "changed", _("Partnership: %(fields)s changed") % {
            "fields": ", ".join(_field_label(f) for f in fields)}))
    if old.version != new.version:
        changes.append(Change("partnership", "changed", _(
            "Version label %(old)s became %(new)s") % {"old": old.version, "new": new.version}))
    changes += _keyed_section("partners", old.partners, new.partners, _("Partner"),
                              lambda p: p.name)
    changes += _keyed_section("data_categories", old.data_categories, new.data_categories,
                              _("Data category"), lambda c: f"'{c.name}'")
    changes += _keyed_section("purposes", old.purposes, new.purposes, _("Purpose"),
                              lambda p: f"'{p.name}'", purpose_detail)
    changes += _keyed_section("steps", old.steps, new.steps, _("Step"), lambda s: f"'{s.name}'")
    if old.consent != new.consent:
        changes.append(Change("consent", "changed", _("Consent and age rules changed")))
    if old.deadlines != new.deadlines:
        changes.append(Change("deadlines", "changed", _("Deadlines changed")))
    changes += _keyed_section(
        "articles", old.articles, new.articles, _("Article"),
        article_citation)
    if old.rule_articles != new.rule_articles:
        changes.append(Change("articles", "changed", _("The articles that rules cite changed")))
    return changes
