"""Realistic processing on the demo covenant, through the services: for demos and benchmarks.

Families (a child, one or two parents with authority) are registered by the case director;
items are recorded in the work-process steps; colleagues of the dossier-holding partner view
them; items are disclosed to other partners, with the consent the child's age requires (S6),
with too little consent, or without any (refused, S4), and now and then to a partner the
purpose does not name (refused, S9). Every processing goes through the gateway.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.selectors import version_covenant
from deelwijzer.demo.services import load_demo
from deelwijzer.persons import services
from deelwijzer.persons.services import Context, ProcessingRefused
from deelwijzer.policy import age_on

GIVEN = ["Noor", "Daan", "Sem", "Julia", "Liam", "Emma", "Finn", "Tess", "Milan", "Sara",
         "Lucas", "Yara", "Mohammed", "Eva", "Levi", "Lotte"]
FAMILY = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit",
          "Meijer", "Mulder", "Bos", "El Idrissi", "Yılmaz", "Kaya", "Peters"]
NOTES = ["Signaal van school over verzuim.", "Huisbezoek afgelegd; gezin werkt mee.",
         "Zorgen over de veiligheid thuis na melding.", "Afspraken gemaakt over hulp.",
         "Evaluatie: situatie stabiel.", "Moeder geeft aan hulp te willen."]


@dataclass
class Family:
    child: Any
    parents: list[Any]
    case_ref: str
    items: list[Any] = field(default_factory=list)


@dataclass
class Report:
    outcomes: Counter[str] = field(default_factory=Counter)
    persons: int = 0

    @property
    def processings(self) -> int:
        return sum(self.outcomes.values())

    def line(self) -> str:
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))
        return f"{self.persons} persons, {self.processings} processings ({parts})"


class Simulation:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - a simulation, not cryptography
        version, _people = load_demo()
        self.covenant = version_covenant(version)
        self.partners = {p.key: p for p in Partner.objects.filter(
            partnership=version.partnership)}
        self.director = Professional.objects.get(username="regisseur")
        self.purposes = {p.id: p for p in self.covenant.purposes}
        own = self.director.partner.key if self.director.partner else ""
        # The steps of purposes the director's partner works for (S1: it needs a ground).
        self.steps = [s for s in self.covenant.steps if s.record and s.share and own in
                      {r.partner for r in self.purposes[s.purpose].recipients}]
        self.today = timezone.localdate()
        self.families: list[Family] = []
        self.report = Report()

    def attempt(self, label: str, func: Callable[..., Any], /, **kwargs: Any) -> Any:
        try:
            result = func(professional=self.director, **kwargs)
        except ProcessingRefused:
            self.report.outcomes[f"{label}:refused"] += 1
            return None
        self.report.outcomes[f"{label}:allowed"] += 1
        return result

    def context(self, step_id: str, family: Family | None = None) -> Context:
        step = next(s for s in self.covenant.steps if s.id == step_id)
        return Context(purpose=step.purpose, step=step.id, ground="6.1.e",
                       case_ref=family.case_ref if family else None)

    def new_family(self) -> None:
        step = self.steps[0]
        identity = [c for c in step.record if c in {"identiteit", "gezinssamenstelling"}]
        age = self.rng.randint(0, 17)
        birth = self.today - dt.timedelta(days=age * 365 + self.rng.randint(0, 364))
        surname = self.rng.choice(FAMILY)
        family = Family(child=None, parents=[], case_ref=f"casus-{len(self.families) + 1:05d}")
        ctx = self.context(step.id, family)
        family.child = self.attempt(
            "record", services.person_register, given_names=self.rng.choice(GIVEN),
            family_name=surname, birth_date=birth, categories=identity, context=ctx)
        if family.child is None:
            return
        for _ in range(self.rng.choice([1, 2])):
            parent = self.attempt(
                "record", services.person_register, given_names=self.rng.choice(GIVEN),
                family_name=surname,
                birth_date=birth - dt.timedelta(days=self.rng.randint(22, 40) * 365),
                categories=identity, context=ctx)
            if parent is not None:
                self.attempt("record", services.representative_add, child=family.child,
                             representative=parent, kind="parent", categories=identity,
                             context=ctx)
                family.parents.append(parent)
        self.families.append(family)
        self.report.persons += 1 + len(family.parents)

    def record(self, family: Family) -> None:
        step = self.rng.choice(self.steps)
        categories = self.rng.sample(step.share, k=min(len(step.share), self.rng.randint(1, 2)))
        categories = [c for c in categories if c in step.record] or step.record[:1]
        item = self.attempt(
            "record", services.dossier_item_record, person=family.child,
            text=self.rng.choice(NOTES), categories=categories,
            nature=self.rng.choice(["fact", "opinion"]), context=self.context(step.id, family))
        if item is not None:
            family.items.append(item)

    def view(self, family: Family) -> None:
        item = self.rng.choice(family.items)
        self.attempt("view", services.dossier_item_view, item=item,
                     context=Context(purpose=item.purpose, step=item.step or None,
                                     ground="6.1.e", case_ref=family.case_ref))

    def disclose(self, family: Family) -> None:
        item = self.rng.choice(family.items)
        purpose = self.purposes[item.purpose]
        named = [r.partner for r in purpose.recipients]
        outside = [k for k in self.partners if k not in named]
        if outside and self.rng.random() < 0.1:
            recipient = self.rng.choice(outside)  # S9: the purpose does not name it
        else:
            recipient = self.rng.choice(named)
        if self.rng.random() < 0.6 and family.parents:
            age = age_on(family.child.birth_date, self.today)
            consent = self.covenant.consent
            givers = [family.child] if age >= consent.representatives_only_below else []
            if age < consent.child_alone_from and self.rng.random() < 0.9:
                givers += family.parents[:1]  # now and then too little consent (S6)
            if givers:
                self.attempt(
                    "consent", services.consent_record, person=family.child, given_by=givers,
                    purpose=purpose.id, categories=item.categories, recipients=[recipient],
                    valid_from=self.today, context=self.context(item.step, family))
        self.attempt("disclose", services.dossier_item_disclose, item=item,
                     recipient=self.partners[recipient],
                     context=Context(purpose=purpose.id, ground="6.1.e",
                                     case_ref=family.case_ref))

    def run(self, events: int) -> Report:
        while self.report.processings < events:
            roll = self.rng.random()
            if not self.families or roll < 0.12:
                self.new_family()
                continue
            family = self.rng.choice(self.families)
            if roll < 0.45 or not family.items:
                self.record(family)
            elif roll < 0.7:
                self.view(family)
            else:
                self.disclose(family)
        return self.report


def simulate(events: int, seed: int = 2026) -> Report:
    """Run ``events`` processings (at least) on the demo covenant."""
    return Simulation(seed).run(events)
