"""The generator's own view of what it made: the rows with what the policy needs to know about
them at any moment of the region's history (who is involved since when, which step a case was
in, which consents, weighings and informing were on record)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.models import Case, Consultation, Contribution, Involvement
from deelwijzer.persons.models import Consent, DossierItem, Person
from deelwijzer.persons.models import Justification as Weighing
from deelwijzer.policy import CaseRole, ConsentRecord, Justification, Subject

Say = Callable[[str], None]


@dataclass(eq=False)
class Prof:
    obj: Professional
    partner: str
    roles: frozenset[str]

    @property
    def pk(self) -> int:
        return int(self.obj.pk)


@dataclass(eq=False)
class PersonState:
    obj: Person
    subject: Subject
    birth: dt.date
    relation: str
    consents: list[tuple[ConsentRecord, Consent]] = field(default_factory=list)
    informed: list[tuple[float, str, str]] = field(default_factory=list)  # when, partner, purpose
    weighings: list[tuple[float, Weighing, Justification]] = field(default_factory=list)


@dataclass(eq=False)
class ItemState:
    at: float
    obj: DossierItem
    person: PersonState
    owner: str
    recorder: Prof
    categories: tuple[str, ...]
    purpose: str
    police_purpose: str
    disclosed: list[tuple[float, str]] = field(default_factory=list)  # when, recipient


@dataclass(eq=False)
class Inv:
    at: float
    obj: Involvement
    partner: str
    prof: Prof | None
    role: str


@dataclass(eq=False)
class Meeting:
    at: float  # the day it is held
    obj: Consultation
    minutes_by: Prof | None = None
    minutes_categories: tuple[str, ...] = ()
    minutes_purpose: str = ""
    contributions: list[tuple[float, Contribution, Prof, tuple[str, ...], str, bool]] = field(
        default_factory=list)  # when, row, author, categories, purpose, permission
    action_owners: list[Inv] = field(default_factory=list)


@dataclass(eq=False)
class CaseState:
    obj: Case
    ref: str
    director: Prof
    dossier: str
    members: list[PersonState]
    reps: bool
    opened: float
    end: float  # closed, or now
    steps: list[tuple[float, str]] = field(default_factory=list)
    invs: list[Inv] = field(default_factory=list)
    items: list[ItemState] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def step_at(self, at: float) -> str:
        step = self.steps[0][1]
        for when, name in self.steps:
            if when > at:
                break
            step = name
        return step

    def role_of(self, prof: Prof, at: float) -> CaseRole | None:
        for inv in self.invs:
            if inv.prof is prof and inv.at <= at:
                return CaseRole(inv.role)
        return None

    def involved(self, at: float) -> list[Inv]:
        return [i for i in self.invs if i.prof is not None and i.at <= at]


@dataclass(frozen=True)
class Ctx:
    purpose: str
    ground: str | None
    step: str | None
    case_ref: str | None
    case_role: CaseRole | None
    dossier_holder: str | None = None


@dataclass
class Summary:
    rows: Counter[str] = field(default_factory=Counter)
    lines: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    window: tuple[dt.date, dt.date] | None = None

    @property
    def log_lines(self) -> int:
        return sum(self.lines.values())
