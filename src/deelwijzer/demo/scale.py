"""A region at scale, in bulk: ``deelwijzer simulate --scale region`` (and smaller sizes).

``simulate --events N`` runs every processing through the services; at the size of a real
region (10,000 persons, 3,000 cases, 1,000,000 processing-log lines) that would take hours. This
module builds the same data in bulk instead, as a faithful equivalent of the services:

- every processing asks the real decision point (``deelwijzer.policy.decide``) with the request
  the gateway would build (actor, case role, subject with its representatives, the consents,
  weighing and informing on record at that moment, contributor, author, origin purpose), so
  allowed and refused lines carry the rule ids and reason codes the services would log, and a
  row exists only where its processing was allowed (a refused disclosure leaves no
  ``Disclosure``, as ``dossier_item_disclose`` would);
- the rows are the services' rows: persons with households and representatives, cases with the
  director's and the initiator's involvements and several partners' professionals, steps taken
  in order, consultations with participants, contributions, minutes (who recorded them, under
  which purpose), action items, dossier items, consents (some withdrawn) with their history,
  weighings, informing records, data requests with their answers, Veilig Thuis advice; every
  text that the services encrypt at rest is encrypted with the same ``persons.crypto``;
- the log lines are appended by ``processing_log.services.log_append_many`` in batches, so the
  hash chain, pseudonyms and subject keys are the log's own and ``deelwijzer log verify``
  passes. One line per data subject per processing, like ``gateway.process``; the processing
  implied by the rows, then views (case pages, items, contributions, minutes, action lists) over
  the cases' lifetimes until the requested number of lines, in time order.

Rows are written with ``bulk_create`` (creation times set to when they happened), then the log
in time order, each batch its own transaction. This module writes personal-data tables without
the gateway: it is a loader of demo data, refused outside the demo settings
(``DEELWIJZER_ALLOW_DEMO``). The models are looked up in the app registry because the layer
contracts forbid the demo package to import them (they guard views and commands).

Not generated: K8 remarks and reactions, reports to Veilig Thuis, copies into an own dossier,
exports and erasures, anonymous consultations.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from deelwijzer.accounts.models import Professional, RoleAssignment
from deelwijzer.accounts.roles import Role
from deelwijzer.cases.services import CASE_OPEN_CATEGORIES, CASE_WORK_CATEGORIES
from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.selectors import policy_index, version_covenant
from deelwijzer.demo.services import DEMO_PASSWORD, load_demo
from deelwijzer.persons import crypto
from deelwijzer.persons.gateway import INFORMING_CATEGORIES, WEIGHING_CATEGORIES
from deelwijzer.policy import (
    WEIGHING_QUESTIONS,
    Action,
    Actor,
    CaseRole,
    ConsentRecord,
    Decision,
    DecisionRequest,
    Justification,
    OnRecord,
    Subject,
    age_on,
    decide,
)
from deelwijzer.processing_log.services import LogRecord, log_append_many

Say = Callable[[str], None]


@dataclass(frozen=True)
class Size:
    persons: int
    cases: int
    log_lines: int
    per_partner: int  # generated professionals per core partner (shell partners: a fifth)


SIZES: dict[str, Size] = {
    "small": Size(persons=100, cases=30, log_lines=6_000, per_partner=4),
    "medium": Size(persons=1_000, cases=300, log_lines=100_000, per_partner=12),
    "region": Size(persons=10_000, cases=3_000, log_lines=1_000_000, per_partner=40),
}


def size_for(scale: str) -> Size:
    """A named size, or a factor of the region ("0.1": a tenth of it)."""
    if scale in SIZES:
        return SIZES[scale]
    try:
        factor = float(scale)
    except ValueError:
        raise ValueError(f"--scale: one of {', '.join(SIZES)} or a factor, got {scale!r}") \
            from None
    if not 0 < factor <= 100:
        raise ValueError("--scale: a factor above 0 and at most 100")
    region = SIZES["region"]
    return Size(persons=max(3, round(region.persons * factor)),
                cases=max(1, round(region.cases * factor)),
                log_lines=max(1_000, round(region.log_lines * factor)),
                per_partner=max(3, min(200, round(region.per_partner * math.sqrt(factor)))))


class AlreadyScaled(RuntimeError):
    """The database already holds generated region data."""


class TooFewLogLines(ValueError):
    """The generated processing needs more log lines than were asked for."""


# --- texts -------------------------------------------------------------------------------------

GIVEN = ["Noor", "Daan", "Sem", "Julia", "Liam", "Emma", "Finn", "Tess", "Milan", "Sara",
         "Lucas", "Yara", "Mohammed", "Eva", "Levi", "Lotte", "Anouk", "Bram", "Ayoub", "Fleur",
         "Jesse", "Lina", "Thijs", "Zoë", "Ravi", "Ilse", "Mees", "Nina", "Ömer", "Sanne"]
FAMILY = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
          "Mulder", "Bos", "El Idrissi", "Yılmaz", "Kaya", "Peters", "Hendriks", "Dijkstra",
          "Hoekstra", "van der Meer", "Postma", "Kuipers", "Wiersma", "Boersma", "Brouwer",
          "de Boer", "Haddou", "Nijenhuis", "Schaap", "Veenstra", "Zijlstra", "Bouma"]
STREETS = ["Dorpsstraat", "Kerkstraat", "Molenweg", "Schoolstraat", "Zuiderweg", "Havenkade",
           "Lindelaan", "Noorderpad", "Esdoornstraat", "Wierdenweg"]
CITIES = [("Aldermeer", "9791"), ("Zijldorp", "9793"), ("Oosterwierum", "9795"),
          ("Marum-Noord", "9797")]
PROF_FIRST = ["Anna", "Bart", "Carla", "Dennis", "Esther", "Frank", "Gerda", "Hans", "Iris",
              "Jan", "Karin", "Lars", "Marieke", "Niels", "Olga", "Paul", "Rianne", "Sven",
              "Tineke", "Wouter", "Yvonne", "Khadija", "Mehmet", "Priya"]
PROF_LAST = ["Altena", "Brink", "Cazemier", "Dam", "Eising", "Folkers", "Geertsema", "Huizinga",
             "Jonker", "Kamminga", "Luinge", "Medema", "Nienhuis", "Oosting", "Pruim", "Reitsma",
             "Sikkema", "Tuin", "Venema", "Wijk"]
NOTES = ["Signaal van school over verzuim.", "Huisbezoek afgelegd; gezin werkt mee.",
         "Zorgen over de veiligheid thuis na melding.", "Afspraken gemaakt over hulp.",
         "Evaluatie: situatie stabiel.", "Moeder geeft aan hulp te willen.",
         "Vader is niet bereikbaar geweest.", "Kind vertelt over ruzies thuis.",
         "Huisarts bevestigt behandeling.", "Schuldhulpverlening is gestart."]
CONTRIBUTIONS = ["School meldt verzuim sinds drie weken.",
                 "Moeder heeft hulp gevraagd bij de opvoeding.",
                 "Behandeling loopt; kind komt trouw op afspraken.",
                 "Zorgen over schulden en dreigende huisuitzetting.", "Wij zien vooruitgang.",
                 "Er is een melding van huiselijk geweld binnengekomen.",
                 "Het gezin staat open voor ondersteuning thuis."]
MINUTES = ["Besproken: de voortgang van het plan van aanpak; afspraken over wie wat doet.",
           "Veiligheid besproken; vervolgoverleg over vier weken.",
           "Het plan is bijgesteld; de casusregisseur koppelt terug aan het gezin."]
ACTIONS = ["Huisbezoek plannen", "Gesprek met school", "Aanmelden schuldhulpverlening",
           "Terugkoppeling aan het gezin", "Evaluatie voorbereiden", "Veiligheidsplan opstellen"]
ADVICE = ["Een leerkracht ziet blauwe plekken bij een leerling; wat zijn de volgende stappen?",
          "Een moeder vertelt over spanningen thuis; hoe bespreek ik dit met haar?",
          "Een jongere zegt niet naar huis te durven; wat kan ik doen?",
          "Een buurvrouw maakt zich zorgen over geschreeuw; wat adviseert u?"]
ADVICE_ANSWERS = ["Bespreek uw zorgen met de ouders en volg de stappen van de meldcode.",
                  "Leg vast wat u ziet en hoort, en overleg binnen uw organisatie."]
REASONS = ["Betrokken bij het gezin", "Behandelaar van het kind", "Ondersteuning thuis",
           "Schuldhulpverlening", "Advies over de veiligheid"]

WORKDAY = 10 * 3600  # 08:00-18:00
GROUP = 50_000  # log lines a transaction
SQLITE_CACHE_KIB = 256 * 1024  # the page cache while the log is written (the subject index)
INVOLVE_ROLES = ("content", "content", "content", "adviser", "informant")


# --- the generator's own view of what it made --------------------------------------------------


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
    obj: Any
    subject: Subject
    birth: dt.date
    relation: str
    consents: list[tuple[ConsentRecord, Any]] = field(default_factory=list)
    informed: list[tuple[float, str, str]] = field(default_factory=list)  # when, partner, purpose
    weighings: list[tuple[float, Any, Justification]] = field(default_factory=list)


@dataclass(eq=False)
class ItemState:
    at: float
    obj: Any
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
    obj: Any
    partner: str
    prof: Prof | None
    role: str


@dataclass(eq=False)
class Meeting:
    at: float  # the day it is held
    obj: Any
    minutes_by: Prof | None = None
    minutes_categories: tuple[str, ...] = ()
    minutes_purpose: str = ""
    contributions: list[tuple[float, Any, Prof, tuple[str, ...], str, bool]] = field(
        default_factory=list)  # when, row, author, categories, purpose, permission
    action_owners: list[Inv] = field(default_factory=list)


@dataclass(eq=False)
class CaseState:
    obj: Any
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


@contextmanager
def _backdated(model: type[models.Model]) -> Iterator[None]:
    """Let bulk_create keep the creation times the generator set (``auto_now_add`` off)."""
    fields = [f for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    for f in fields:
        f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True  # type: ignore[attr-defined]


def _bsn_numbers(rng: random.Random) -> Iterator[str]:
    """Distinct nine-digit numbers that pass the elfproef (fictitious, from 1xx xxx xxx)."""
    n = 100_000_000 + rng.randrange(0, 50_000_000)
    while True:
        n += 1
        digits = f"{n:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
        if (total - int(digits[8])) % 11 == 0:
            yield digits


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


class Region:
    """Build one region: see the module docstring."""

    def __init__(self, size: Size, *, seed: int = 2026, say: Say | None = None,
                 batch: int = 5_000) -> None:
        self.size = size
        self.rng = random.Random(seed)  # noqa: S311 - a simulation, not cryptography
        self.say = say or (lambda _line: None)
        self.batch = batch
        self.summary = Summary()
        self.records: list[LogRecord] = []  # the processing the rows imply
        self.rows: dict[str, list[Any]] = {}
        self.structural = Counter[str]()
        self._family: dict[int, list[PersonState]] = {}

    # --- set-up ---------------------------------------------------------------------------------

    def _setup(self) -> None:
        version, _people = load_demo()
        self.version = version
        self.label = version.label
        self.index = policy_index(version)
        self.covenant = version_covenant(version)
        self.partnership = version.partnership
        self.partners = {p.key: p for p in Partner.objects.filter(partnership=self.partnership)}
        self.steps = {s.id: s for s in self.covenant.steps}
        self.step_order = [s.id for s in self.covenant.steps]
        self.purposes = {p.id: p for p in self.covenant.purposes}
        self.criteria = list(self.covenant.partnership.case_criteria)
        self.tasks = {p.id: [t.description for t in p.statutory_tasks]
                      for p in self.covenant.partners}
        self.core = [p.id for p in self.covenant.partners if p.kind == "core"]
        self.shell = [p.id for p in self.covenant.partners if p.kind == "shell"]
        self.tz = timezone.get_current_timezone()
        now = timezone.now()
        start = max(timezone.localdate() - dt.timedelta(days=730), self.covenant.partnership.start)
        self.summary.window = (start, timezone.localdate())
        self.t0 = dt.datetime.combine(start, dt.time(), self.tz).timestamp()
        self.now = now.timestamp()
        # The working axis: 08:00-18:00 on weekdays, from the start to now.
        self.workdays: list[float] = []
        day = start
        while day <= timezone.localdate():
            if day.weekday() < 5:
                self.workdays.append(dt.datetime.combine(day, dt.time(8), self.tz).timestamp())
            day += dt.timedelta(days=1)
        self.span = float(len(self.workdays) * WORKDAY)
        self.ensure_working_axis_ends_now()

    def ensure_working_axis_ends_now(self) -> None:
        # The last working moment must not be in the future: cut the axis at now.
        cut = 0.0
        for i, day in enumerate(self.workdays):
            cut = i * WORKDAY + min(max(self.now - day, 0.0), float(WORKDAY))
            if day > self.now:
                break
        self.span = max(cut - 60, WORKDAY / 2)

    def wall(self, w: float) -> float:
        """The wall-clock time (epoch seconds) of a point on the working axis."""
        w = min(max(w, 0.0), self.span)
        day, second = divmod(w, WORKDAY)
        return self.workdays[min(int(day), len(self.workdays) - 1)] + second

    def when(self, w: float) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.wall(w), tz=dt.UTC)

    def date_of(self, w: float) -> dt.date:
        return dt.datetime.fromtimestamp(self.wall(w), tz=self.tz).date()

    def add(self, label: str, obj: Any) -> Any:
        self.rows.setdefault(label, []).append(obj)
        return obj

    def trace(self) -> str:
        return f"{self.rng.getrandbits(128) | 1:032x}"

    # --- professionals --------------------------------------------------------------------------

    def _professionals(self) -> None:
        if Professional.objects.filter(username__regex=r"-prof-[0-9]{3}$").exists():
            cases = _model("cases.Case")._default_manager.filter(
                partnership=self.partnership).count()
            raise AlreadyScaled(
                f"This database already holds generated region data ({cases:,} cases). Run "
                "simulate --scale on a fresh database (deelwijzer migrate, deelwijzer loaddemo).")
        password = make_password(DEMO_PASSWORD)  # once: Argon2 per user would take minutes
        today = timezone.localdate()
        director_partner = "jeugdbescherming" if "jeugdbescherming" in self.partners \
            else self.core[0]
        lead = self.covenant.partnership.lead_partner
        made: list[tuple[Professional, list[Role]]] = []
        for key in self.core + self.shell:
            count = self.size.per_partner if key in self.core \
                else max(2, self.size.per_partner // 5)
            for n in range(1, count + 1):
                roles = [Role.PROFESSIONAL]
                function = "Jeugdprofessional" if key in self.core else "Contactpersoon"
                if key == director_partner and n <= max(2, count // 2):
                    roles.append(Role.CASE_DIRECTOR)
                    function = "Casusregisseur"
                elif key == lead and n <= max(1, count // 4):
                    roles.append(Role.CASE_DIRECTOR)
                    function = "Casusregisseur lokaal team"
                elif key == lead and n <= max(2, count // 4 + count // 10):
                    roles.append(Role.CHAIR)
                    function = "Voorzitter casusoverleg"
                username = f"{key}-prof-{n:03d}"
                user = Professional(
                    username=username, password=password,
                    first_name=self.rng.choice(PROF_FIRST), last_name=self.rng.choice(PROF_LAST),
                    email=f"{username}@demo.example", function=function,
                    partner=self.partners[key],
                    vog_date=today - dt.timedelta(days=self.rng.randint(30, 900)),
                    confidentiality_declaration_date=today - dt.timedelta(
                        days=self.rng.randint(30, 400)))
                made.append((user, roles))
        with transaction.atomic():
            Professional.objects.bulk_create([u for u, _ in made], batch_size=1000)
            saved = {u.username: u for u in Professional.objects.filter(
                username__in=[u.username for u, _ in made])}
            RoleAssignment.objects.bulk_create(
                [RoleAssignment(professional=saved[u.username], role=r.value)
                 for u, roles in made for r in roles], batch_size=2000)
        self.summary.rows["Professional"] = len(made)
        # The pools: the generated professionals and the demo's own care accounts.
        demo = ["regisseur", "voorzitter", *(f"{k}-prof" for k in self.core + self.shell)]
        users = list(Professional.objects.filter(
            models.Q(username__in=demo) | models.Q(username__regex=r"-prof-[0-9]{3}$"))
            .select_related("partner").prefetch_related("role_assignments"))
        self.profs: dict[str, list[Prof]] = {}
        self.directors: list[Prof] = []
        self.chairs: list[Prof] = []
        self.demo_director: Prof | None = None
        for user in users:
            if user.partner is None:
                continue
            prof = Prof(user, user.partner.key, frozenset(str(r) for r in user.roles))
            self.profs.setdefault(prof.partner, []).append(prof)
            if Role.CASE_DIRECTOR.value in prof.roles:
                self.directors.append(prof)
                if user.username == "regisseur":
                    self.demo_director = prof
            if Role.CHAIR.value in prof.roles:
                self.chairs.append(prof)
        for pool in self.profs.values():
            pool.sort(key=lambda p: p.obj.username)
        self.directors.sort(key=lambda p: p.obj.username)
        self.chairs.sort(key=lambda p: p.obj.username)
        self.actors: dict[tuple[int, CaseRole | None], Actor] = {}

    def actor(self, prof: Prof, role: CaseRole | None) -> Actor:
        key = (prof.pk, role)
        found = self.actors.get(key)
        if found is None:
            found = self.actors[key] = Actor(
                professional_id=str(prof.pk), partner=prof.partner, roles=prof.roles,
                vog_valid=True, declaration_signed=True, case_role=role)
        return found

    def pick(self, partner: str) -> Prof:
        """A professional of the partner; the demo's own account about twice as often."""
        pool = self.profs[partner]
        if self.rng.random() < 2 / (len(pool) + 1):
            own = next((p for p in pool if p.obj.username == f"{partner}-prof"), None)
            if own is not None:
                return own
        return self.rng.choice(pool)

    # --- asking the policy and logging, as gateway.process does --------------------------------

    def context(self, case: CaseState, prof: Prof, at: float,
                purpose: str | None = None, step: str | None = None) -> Ctx:
        """``cases.services.case_context`` at a moment of the case's life (``step``: the
        context of a step advance, ``_context_at``)."""
        if step is not None:
            purpose = self.index.step_purpose[step]
            return Ctx(purpose, self.index.purpose_grounds.get(purpose, {}).get(prof.partner),
                       step, case.ref, case.role_of(prof, at))
        current = case.step_at(at)
        step_purpose = self.index.step_purpose[current]
        purpose = purpose or step_purpose
        return Ctx(purpose, self.index.purpose_grounds.get(purpose, {}).get(prof.partner),
                   current if purpose == step_purpose else None, case.ref,
                   case.role_of(prof, at), case.dossier)

    def ask(self, *, prof: Prof, person: PersonState, action: Action, categories: Any,
            ctx: Ctx, at: float, recipient: str | None = None,
            justification: Justification | None = None,
            permission: bool = False, contributor: str | None = None, author: int | None = None,
            origin: str | None = None, police_origin: str | None = None) -> Decision:
        """The decision ``gateway._request`` + ``decide`` give, from what is on record then."""
        if justification is None and recipient is not None and \
                action in (Action.DISCLOSE, Action.EXPORT):
            justification = self.weighing_on_record(person, prof.partner, ctx.purpose,
                                                    recipient, frozenset(categories), at)
        informed = any(when <= at and partner == prof.partner and purpose in ("", ctx.purpose)
                       for when, partner, purpose in person.informed)
        request = DecisionRequest(
            actor=self.actor(prof, ctx.case_role), action=action, subject=person.subject,
            categories=frozenset(categories), purpose=ctx.purpose, step=ctx.step,
            ground=ctx.ground, recipient=recipient,
            on_record=OnRecord(
                consents=tuple(c for c, _row in person.consents),
                justification=justification, informed=informed, contributor=contributor,
                contributor_permission=permission, police_origin_purpose=police_origin,
                origin_purpose=origin, own_work=author is not None and author == prof.pk),
            today=self.date_of(at), dossier_holder=ctx.dossier_holder)
        return decide(self.index, request)

    @staticmethod
    def weighing_on_record(person: PersonState, partner: str, purpose: str, recipient: str,
                           categories: frozenset[str], at: float) -> Justification | None:
        """``gateway.justification_record_for``: the newest covering weighing, else the newest."""
        found = [(when, row, j) for when, row, j in person.weighings
                 if when <= at and row.owning_partner.key == partner and row.purpose == purpose
                 and recipient in row.recipients]
        found.sort(key=lambda f: f[0], reverse=True)
        covering = [f for f in found if categories <= set(f[1].categories)]
        chosen = covering or found
        return chosen[0][2] if chosen else None

    def log(self, records: list[LogRecord], *, prof: Prof, person: PersonState, action: Action,
            categories: Any, ctx: Ctx, at: float, trace: str, decision: Decision,
            recipient: str | None = None) -> None:
        started = self.when(at)
        records.append(LogRecord(
            activity_id=f"{self.partnership.key}/{self.label}/{ctx.purpose}/{ctx.step or '-'}",
            covenant_version=self.label, purpose=ctx.purpose, step=ctx.step,
            action=action.value, subject_id=person.subject.subject_id, actor_id=str(prof.pk),
            actor_partner=prof.partner, recipient_partner=recipient, ground=ctx.ground,
            categories=tuple(sorted(categories)), allowed=decision.allowed,
            rule_ids=decision.rule_ids, reasons=tuple(r.code for r in decision.reasons),
            case_ref=ctx.case_ref, trace_id=trace, started_at=started,
            ended_at=started + dt.timedelta(microseconds=self.rng.randint(300, 6000)),
            status="ok" if decision.allowed else "refused"))

    def process(self, kind: str, persons: list[PersonState], *, prof: Prof, action: Action,
                categories: Any, ctx: Ctx, at: float, into: list[LogRecord] | None = None,
                **grounds: Any) -> bool:
        """One processing per person, stopping at the first refusal (the service raises then):
        True when all were allowed."""
        records = self.records if into is None else into
        trace = self.trace()
        for person in persons:
            decision = self.ask(prof=prof, person=person, action=action, categories=categories,
                                ctx=ctx, at=at, **grounds)
            self.log(records, prof=prof, person=person, action=action, categories=categories,
                     ctx=ctx, at=at, trace=trace, decision=decision,
                     recipient=grounds.get("recipient"))
            if into is None:
                self.structural[f"{kind}:{'allowed' if decision.allowed else 'refused'}"] += 1
            if not decision.allowed:
                return False
        return True

    # --- one case, as the services would have made it ------------------------------------------

    def _person(self, given: str, family: str, birth: dt.date, relation: str, by: Prof,
                at: float, bsns: Iterator[str]) -> PersonState:
        city, postal = self.rng.choice(CITIES)
        with_bsn = self.rng.random() < 0.7
        person = self.add("persons.Person", _model("persons.Person")(
            partnership=self.partnership, given_names=given, family_name=family,
            birth_date=birth, bsn=next(bsns) if with_bsn else "",
            street=f"{self.rng.choice(STREETS)} {self.rng.randint(1, 180)}",
            postal_code=f"{postal} {self.rng.choice('ABCDEGHJKL')}{self.rng.choice('ABCDEGHJ')}",
            city=city, registered_by_partner=self.partners[by.partner], registered_by=by.obj,
            categories=["bsn", "identiteit"] if with_bsn else ["identiteit"],
            registered_at=self.when(at)))
        return PersonState(person, Subject(person.subject_id, birth, ()), birth, relation)

    def _birth(self, age: int) -> dt.date:
        return timezone.localdate() - dt.timedelta(days=age * 365 + self.rng.randint(0, 364))

    def new_case(self, number: int, household_size: int, opened: float, end: float,
                 closes: bool, refs: Counter[int], bsns: Iterator[str]) -> CaseState:
        rng = self.rng
        director = (self.demo_director if self.demo_director is not None and rng.random() < 0.04
                    else rng.choice(self.directors))
        initiator = director if rng.random() < 0.65 else self.pick(
            rng.choice([k for k in self.core if k != director.partner]))
        surname = rng.choice(FAMILY)
        children = max(1, min(household_size - 1, rng.choice([1, 1, 1, 2, 2, 3])))
        parents = max(1, min(2, household_size - children))
        others = household_size - children - parents
        t = opened
        people = [self._person(rng.choice(GIVEN), surname, self._birth(rng.randint(0, 17)),
                               "child", initiator, t, bsns) for _ in range(children)]
        eldest = max(age_on(p.birth, timezone.localdate()) for p in people)
        people += [self._person(rng.choice(GIVEN), surname,
                                self._birth(eldest + rng.randint(20, 38)), "parent", initiator, t,
                                bsns) for _ in range(parents)]
        people += [self._person(rng.choice(GIVEN), rng.choice(FAMILY),
                                self._birth(rng.randint(18, 75)), "other", initiator, t, bsns)
                   for _ in range(others)]
        year = self.date_of(opened).year
        refs[year] += 1
        reference = f"C-{year}-{refs[year]:04d}"
        first = self.step_order[0]
        purpose = self.index.step_purpose[first]
        role = CaseRole.CASE_HOLDER if initiator is director else CaseRole.CONTENT
        ctx = Ctx(purpose, self.index.purpose_grounds[purpose].get(initiator.partner), first,
                  reference, role)
        # case_bring_in: persons, household, representatives, then the case (K1).
        for p in people:
            categories = p.obj.categories
            self._must("register", [p], prof=initiator, action=Action.RECORD,
                       categories=categories, ctx=ctx, at=t)
        household = self.add("persons.Household", _model("persons.Household")(
            partnership=self.partnership, label=f"Gezin {surname[:1]}."))
        for p in people:
            self.add("persons.HouseholdMember", _model("persons.HouseholdMember")(
                household=household, person=p.obj, relation=p.relation))
        self._must("household", people, prof=initiator, action=Action.RECORD,
                   categories=["gezinssamenstelling"], ctx=ctx, at=t)
        for child in [p for p in people if p.relation == "child"]:
            reps = []
            for parent in [p for p in people if p.relation == "parent"]:
                if age_on(child.birth, timezone.localdate()) >= 18:
                    continue
                self.add("persons.Representative", _model("persons.Representative")(
                    child=child.obj, representative=parent.obj, kind="parent"))
                self._must("representative", [child], prof=initiator, action=Action.RECORD,
                           categories=["gezag-en-maatregelen"], ctx=ctx, at=t)
                reps.append(parent.subject.subject_id)
            child.subject = Subject(child.subject.subject_id, child.birth, tuple(reps))
        for p in people:
            self._family[id(p)] = people
        has_reps = any(p.subject.representatives for p in people)
        self._must("case_open", people, prof=initiator, action=Action.RECORD,
                   categories=sorted(CASE_OPEN_CATEGORIES), ctx=ctx, at=t)
        row = self.add("cases.Case", _model("cases.Case")(
            reference=reference, partnership=self.partnership,
            initiating_partner=self.partners[initiator.partner],
            statutory_task=rng.choice(self.tasks[initiator.partner]),
            case_criterion=rng.choice(self.criteria) if self.criteria else "",
            director=director.obj, dossier_partner=self.partners[director.partner], step=first,
            household=household, covenant_version=self.label, opened_by=initiator.obj,
            opened_at=self.when(t)))
        case = CaseState(row, reference, director, director.partner, people, has_reps, opened,
                         end, steps=[(t, first)])
        case.invs.append(self._inv(case, t, director.partner, director, "case_holder",
                                   "casusregisseur", initiator))
        if initiator is not director:
            case.invs.append(self._inv(case, t, initiator.partner, initiator, "content",
                                       "inbrengende partner", initiator))
        self._life(case, closes)
        return case

    def _must(self, kind: str, persons: list[PersonState], **kwargs: Any) -> None:
        if not self.process(kind, persons, **kwargs):
            raise RuntimeError(f"the generator expected {kind} to be allowed: "
                               f"{self.records[-1].rule_ids} {self.records[-1].reasons}")

    def _inv(self, case: CaseState, at: float, partner: str, prof: Prof | None, role: str,
             reason: str, by: Prof) -> Inv:
        row = self.add("cases.Involvement", _model("cases.Involvement")(
            case=case.obj, partner=self.partners[partner],
            professional=prof.obj if prof else None, role=role, reason=reason,
            invited_by=by.obj, invited_at=self.when(at)))
        return Inv(at, row, partner, prof, role)

    def case_work(self, kind: str, case: CaseState, prof: Prof, at: float, *,
                  action: Action = Action.RECORD, ctx: Ctx | None = None,
                  recipient: str | None = None, author: int | None = None,
                  into: list[LogRecord] | None = None) -> bool:
        """``cases.services._log_case_work``: one line per household member."""
        ctx = ctx or self.context(case, prof, at)
        step = ctx.step or case.step_at(at)
        allowed = (self.index.step_visible if action == Action.VIEW
                   else self.index.step_record).get(step, frozenset())
        categories = [next((c for c in CASE_WORK_CATEGORIES if c in allowed),
                           CASE_WORK_CATEGORIES[0])]
        return self.process(kind, case.members, prof=prof, action=action,
                            categories=categories, ctx=ctx, at=at, recipient=recipient,
                            author=author, into=into)

    def _life(self, case: CaseState, closes: bool) -> None:
        """Involvements, steps, items, consultations, consents, disclosures, requests: spread
        over the case's life on the working axis."""
        rng = self.rng
        director = case.director
        life = case.end - case.opened
        # K3: two to four partners' professionals, now and then the police (shell, C4).
        involved = {director.partner, *(i.partner for i in case.invs)}
        candidates = [k for k in self.core if k not in involved]
        rng.shuffle(candidates)
        chosen = candidates[:rng.randint(2, 4)]
        if self.shell and rng.random() < 0.12:
            chosen.append(rng.choice(self.shell))
        # Steps in order, each taken at a moment of the life; most cases are past the first.
        target = rng.choices(range(1, 8), weights=[8, 30, 6, 18, 18, 8, 12])[0] - 1
        if closes:
            target = self.step_order.index("afsluiting") if "afsluiting" in self.step_order \
                else len(self.step_order) - 1
        moments = sorted(case.opened + life * rng.uniform(0.02, 0.9) for _ in range(target))
        for k, key in enumerate(chosen):
            at = case.opened + life * min(0.04 * (k + 1) + rng.uniform(0, 0.1), 0.5)
            prof = self.pick(key)
            if any(i.prof is prof for i in case.invs):
                continue
            if self.case_work("involve", case, director, at, recipient=key):
                case.invs.append(self._inv(case, at, key, prof, rng.choice(INVOLVE_ROLES)
                                           if key not in self.shell else "informant",
                                           rng.choice(REASONS), director))
        for n, at in enumerate(moments, start=1):
            step = self.step_order[n]
            if not self.case_work("step", case, director, at,
                                  ctx=self.context(case, director, at, step=step)):
                break  # only in order (C6)
            case.steps.append((at, step))
        case.obj.step = case.steps[-1][1]
        # The director informs the family about the processing (T1).
        if rng.random() < 0.6:
            at = case.opened + life * rng.uniform(0.01, 0.1)
            for person in case.members:
                if person.relation == "child" and age_on(person.birth, self.date_of(at)) < 12:
                    continue
                self.informing(case, person, director, at)
        # Items (K8), by the director and now and then another involved professional.
        for _ in range(rng.randint(2, 7)):
            at = case.opened + life * rng.uniform(0.03, 0.97)
            invs = case.involved(at)
            helper = rng.choice(invs).prof if len(invs) > 1 and rng.random() >= 0.65 else None
            prof = helper or director
            person = next(p for p in case.members if p.relation == "child") \
                if rng.random() < 0.7 else rng.choice(case.members)
            self.item(case, person, prof, at)
        # Consultations (K2-K6) from the analysis on.
        for _ in range(rng.choices([0, 1, 2, 3, 4], weights=[15, 30, 30, 15, 10])[0]):
            at = case.opened + life * rng.uniform(0.1, 0.95)
            if case.step_at(at) == self.step_order[0]:
                continue
            self.consultation(case, at)
        # Disclosures (S2, S4, S6, S9), with consents and weighings on record.
        for _ in range(rng.choices([0, 1, 2, 3], weights=[30, 35, 25, 10])[0]):
            at = case.opened + life * rng.uniform(0.2, 0.98)
            items = [i for i in case.items if i.at <= at and i.owner == director.partner]
            if items:
                self.disclose(case, rng.choice(items), at)
        if rng.random() < 0.15:
            self.data_request(case, case.opened + life * rng.uniform(0.2, 0.9))
        if closes:
            at = case.end
            if self.case_work("close", case, director, at):
                case.obj.closed_at = self.when(at)

    def informing(self, case: CaseState, person: PersonState, prof: Prof, at: float) -> None:
        ctx = self.context(case, prof, at)
        if not self.process("informing", [person], prof=prof, action=Action.RECORD,
                            categories=self.record_categories(ctx, INFORMING_CATEGORIES),
                            ctx=ctx, at=at):
            return
        self.add("persons.Informing", _model("persons.Informing")(
            person=person.obj, about="processing", timing="before",
            method=self.rng.choice(["in_person", "in_person", "letter", "leaflet", "phone"]),
            informed_on=self.date_of(at), informed_by=prof.obj,
            partner=self.partners[prof.partner], purpose=ctx.purpose, case_ref=case.ref,
            note_encrypted=crypto.encrypt("Folder uitgereikt en werkwijze uitgelegd."),
            recorded_by=prof.obj, recorded_at=self.when(at)))
        person.informed.append((at, prof.partner, ctx.purpose))

    def record_categories(self, ctx: Ctx, preferred: tuple[str, ...]) -> list[str]:
        """``gateway.record_categories``."""
        if ctx.step is not None:
            allowed = self.index.step_record.get(ctx.step, frozenset())
        else:
            allowed = self.index.purpose_categories.get(ctx.purpose, frozenset())
        return [next((c for c in preferred if c in allowed), preferred[0])]

    def item(self, case: CaseState, person: PersonState, prof: Prof, at: float) -> None:
        """``persons.services.dossier_item_record`` in the case's step."""
        ctx = self.context(case, prof, at)
        step = self.steps[case.step_at(at)]
        shareable = [c for c in step.share if c in step.record]
        categories = sorted(self.rng.sample(shareable, k=min(len(shareable),
                                                             self.rng.randint(1, 2)))
                            or step.record[:1])
        if not self.process("record", [person], prof=prof, action=Action.RECORD,
                            categories=categories, ctx=ctx, at=at):
            return
        police = prof.partner in self.index.police_partners
        row = self.add("persons.DossierItem", _model("persons.DossierItem")(
            person=person.obj, content_encrypted=crypto.encrypt(self.rng.choice(NOTES)),
            categories=categories, nature=self.rng.choice(["fact", "opinion"]),
            owning_partner=self.partners[prof.partner], purpose=ctx.purpose,
            police_purpose=ctx.purpose if police else "", step=ctx.step or "",
            case_ref=case.ref, covenant_version=self.label, recorded_by=prof.obj,
            recorded_at=self.when(at)))
        case.items.append(ItemState(at, row, person, prof.partner, prof,
                                    tuple(categories), ctx.purpose, row.police_purpose))

    def consultation(self, case: CaseState, at: float) -> None:
        """``consultation_schedule`` a week ahead, then on the day contributions (K5), the
        action list (K6), the minutes and, without the family, informing them (K4)."""
        rng = self.rng
        director = case.director
        schedule = max(case.opened, at - 5 * WORKDAY)
        participants = case.involved(schedule)
        present = rng.random() < 0.5
        if not self.case_work("consultation", case, director, schedule):
            return
        chair = director if rng.random() < 0.6 or not self.chairs else rng.choice(self.chairs)
        row = self.add("cases.Consultation", _model("cases.Consultation")(
            case=case.obj, partnership=self.partnership, kind="named", date=self.date_of(at),
            chair=chair.obj, family_present=present,
            absence_motivation="" if present else "Gesprek eerst tussen professionals",
            informed_by=None if present else director.obj,
            inform_when="" if present else rng.choice(["before", "after"]),
            agenda_encrypted=crypto.encrypt("Voortgang en plan van aanpak"),
            scheduled_by=director.obj, created_at=self.when(schedule)))
        meeting = Meeting(at, row)
        case.meetings.append(meeting)
        for inv in participants:
            self.add("cases.ConsultationParticipant", _model("cases.ConsultationParticipant")(
                consultation=row, involvement=inv.obj))
        step = self.steps[case.step_at(at)]
        contributors = [i for i in participants if i.prof is not None]
        for inv in rng.sample(contributors, k=min(len(contributors), rng.randint(1, 3))):
            assert inv.prof is not None
            when = at + rng.uniform(60, 3600)
            ctx = self.context(case, inv.prof, when)
            categories = [rng.choice([c for c in step.record if c in step.share][:2]
                                     or step.record[:1])]
            if not self.process("contribution", case.members, prof=inv.prof,
                                action=Action.RECORD, categories=categories, ctx=ctx, at=when):
                continue
            permission = rng.random() < 0.7
            contribution = self.add("cases.Contribution", _model("cases.Contribution")(
                consultation=row, owner_partner=self.partners[inv.prof.partner],
                author=inv.prof.obj, content_encrypted=crypto.encrypt(rng.choice(CONTRIBUTIONS)),
                categories=categories, nature=rng.choice(["fact", "opinion"]),
                permission=permission, purpose=ctx.purpose, step=ctx.step or "",
                covenant_version=self.label, recorded_at=self.when(when)))
            meeting.contributions.append((when, contribution, inv.prof,
                                          tuple(categories), ctx.purpose, permission))
        end = at + 2 * 3600
        if participants and rng.random() < 0.85:
            for _ in range(rng.randint(1, 3)):
                owner = rng.choice(participants)
                if not self.case_work("action", case, director, end):
                    break
                self.add("cases.ActionItem", _model("cases.ActionItem")(
                    consultation=row, description_encrypted=crypto.encrypt(rng.choice(ACTIONS)),
                    owner=owner.obj, due=self.date_of(end) + dt.timedelta(days=rng.randint(3, 30)),
                    created_by=director.obj, created_at=self.when(end)))
                meeting.action_owners.append(owner)
        if rng.random() < 0.6:
            ctx = self.context(case, director, end)
            shareable = [c for c in step.record if c in step.share]
            categories = sorted(rng.sample(shareable, k=min(2, len(shareable)))
                                or step.record[:1])
            if self.process("minutes", case.members, prof=director, action=Action.RECORD,
                            categories=categories, ctx=ctx, at=end):
                row.minutes_encrypted = crypto.encrypt(rng.choice(MINUTES))
                row.minutes_categories = categories
                row.minutes_recorded_by = director.obj
                row.minutes_purpose = ctx.purpose
                meeting.minutes_by, meeting.minutes_categories = director, tuple(categories)
                meeting.minutes_purpose = ctx.purpose
        if not present and rng.random() < 0.7:
            informed = end + rng.uniform(0.2, 4) * WORKDAY
            if informed < case.end and self.case_work("informed", case, director, informed):
                row.family_informed_on = self.date_of(informed)

    def givers(self, person: PersonState, on: dt.date) -> list[PersonState]:
        """S6: who gives consent at the person's age (``consent_services._check_givers``)."""
        age = age_on(person.birth, on)
        reps = [p for p in self._members_of(person) if p.subject.subject_id
                in person.subject.representatives]
        if age >= self.index.child_alone_from:
            return [person]
        if not reps:
            return []
        chosen = reps if self.rng.random() < 0.5 else reps[:1]
        if age < self.index.representatives_only_below:
            return chosen
        return [person, *chosen]

    def _members_of(self, person: PersonState) -> list[PersonState]:
        return self._family.get(id(person), [])

    def consent(self, case: CaseState, item: ItemState, recipient: str, at: float) -> None:
        """``consent_record`` (S5, S6), now and then withdrawn later (``consent_withdraw``)."""
        rng = self.rng
        director = case.director
        on = self.date_of(at)
        givers = self.givers(item.person, on)
        if not givers:
            return
        ctx = self.context(case, director, at, purpose=item.purpose)
        if not self.process("consent", [item.person], prof=director, action=Action.RECORD,
                            categories=item.categories, ctx=ctx, at=at):
            return
        row = self.add("persons.Consent", _model("persons.Consent")(
            person=item.person.obj, purpose=item.purpose, categories=list(item.categories),
            recipients=[recipient], valid_from=on,
            valid_until=on + dt.timedelta(days=365) if rng.random() < 0.5 else None,
            obtained_by_partner=self.partners[director.partner], recorded_by=director.obj,
            recorded_at=self.when(at), method=rng.choice(["signed_form", "digital",
                                                          "oral_confirmed"]),
            given_on=on, told_withdrawable=True, obtained_by=director.obj,
            statement_encrypted=crypto.encrypt("Toestemming besproken en ondertekend.")))
        self.add("persons.Consent.given_by", [g.obj for g in givers])
        self.add("persons.ConsentEvent", _model("persons.ConsentEvent")(
            consent=row, kind="given", on=on, by=director.obj, recorded_at=self.when(at)))
        withdrawn = None
        if rng.random() < 0.1:
            later = at + rng.uniform(5, 60) * WORKDAY
            if later < case.end and self.process(
                    "consent_withdraw", [item.person], prof=director, action=Action.RECORD,
                    categories=item.categories, ctx=self.context(case, director, later,
                                                                 purpose=item.purpose),
                    at=later):
                withdrawn = self.date_of(later)
                row.withdrawn_on, row.withdrawn_by = withdrawn, director.obj
                self.add("persons.ConsentEvent", _model("persons.ConsentEvent")(
                    consent=row, kind="withdrawn", on=withdrawn, by=director.obj,
                    recorded_at=self.when(later)))
        record = ConsentRecord(
            consent_id=str(id(row)), subject_id=item.person.subject.subject_id,
            given_by=frozenset(g.subject.subject_id for g in givers), purpose=item.purpose,
            categories=frozenset(item.categories), recipients=frozenset([recipient]),
            valid_from=on, valid_until=row.valid_until, withdrawn_on=withdrawn, written=True,
            active_act=True)
        item.person.consents.append((record, row))

    def weighing(self, case: CaseState, item: ItemState, recipient: str, at: float) -> None:
        """``justification_record`` (S7): the weighing for sharing without consent."""
        director = case.director
        ctx = self.context(case, director, at, purpose=item.purpose)
        if not self.process("weighing", [item.person], prof=director, action=Action.RECORD,
                            categories=self.record_categories(ctx, WEIGHING_CATEGORIES),
                            ctx=ctx, at=at):
            return
        answers = {q: "Afgewogen in overleg met de aandachtsfunctionaris." for q in
                   WEIGHING_QUESTIONS}
        why = "Het gezin was niet bereikbaar en de veiligheid van het kind gaat voor."
        on = self.date_of(at)
        row = self.add("persons.Justification", _model("persons.Justification")(
            person=item.person.obj, kind="conflict_of_duties", purpose=item.purpose,
            recipients=[recipient], categories=list(item.categories),
            answers_encrypted=crypto.encrypt(json.dumps(
                {**answers, "why_no_consent": why, "vital_motivation": "",
                 "exception_motivation": ""})),
            functionary_name="M. Aandacht", functionary_function="Aandachtsfunctionaris",
            client_informed_on=on, owning_partner=self.partners[director.partner],
            case_ref=case.ref, covenant_version=self.label, recorded_by=director.obj,
            recorded_at=self.when(at)))
        item.person.weighings.append((at, row, Justification(
            kind="conflict_of_duties", answers=answers, functionary="M. Aandacht "
            "(Aandachtsfunctionaris)", why_no_consent=why, recipients=frozenset([recipient]),
            categories=frozenset(item.categories), client_informed_on=on)))

    def disclose(self, case: CaseState, item: ItemState, at: float, *,
                 recipient: str | None = None, ctx: Ctx | None = None,
                 prof: Prof | None = None) -> Any:
        """``dossier_item_disclose``; first, mostly, the consent (or weighing) it rests on."""
        rng = self.rng
        prof = prof or case.director
        if recipient is None:
            named = sorted(self.index.purpose_recipients.get(item.purpose, frozenset())
                           - {item.owner})
            outside = sorted(set(self.partners) - set(named) - {item.owner})
            recipient = rng.choice(outside) if outside and rng.random() < 0.08 \
                else rng.choice(named)
            roll = rng.random()
            if roll < 0.6:
                self.consent(case, item, recipient, rng.uniform(item.at, at))
            elif roll < 0.67:
                self.weighing(case, item, recipient, rng.uniform(item.at, at))
        ctx = ctx or self.context(case, prof, at, purpose=item.purpose)
        decision = self.ask(prof=prof, person=item.person, action=Action.DISCLOSE,
                            categories=item.categories, ctx=ctx, at=at, recipient=recipient,
                            contributor=item.owner, author=item.recorder.pk,
                            origin=item.purpose or None,
                            police_origin=item.police_purpose or None)
        self.log(self.records, prof=prof, person=item.person, action=Action.DISCLOSE,
                 categories=item.categories, ctx=ctx, at=at, trace=self.trace(),
                 decision=decision, recipient=recipient)
        self.structural[f"disclose:{'allowed' if decision.allowed else 'refused'}"] += 1
        if not decision.allowed:
            return None
        consent_id = next((r.params.get("consent") for r in decision.reasons
                           if r.params.get("consent")), None)
        consent = next((row for c, row in item.person.consents if c.consent_id == consent_id),
                       None)
        weighed = None
        if any(r.code in ("secrecy_justification", "known_to_partner_only")
               for r in decision.reasons):
            found = [(w, row) for w, row, _j in item.person.weighings
                     if w <= at and row.purpose == ctx.purpose
                     and recipient in row.recipients]
            weighed = max(found, key=lambda f: f[0])[1] if found else None
        row = self.add("persons.Disclosure", _model("persons.Disclosure")(
            item=item.obj, recipient=self.partners[recipient], purpose=ctx.purpose,
            ground=ctx.ground or "", disclosed_by=prof.obj, disclosed_at=self.when(at),
            consent=consent, justification=weighed))
        item.disclosed.append((at, recipient))
        return row

    def data_request(self, case: CaseState, at: float) -> None:
        """``data_request_create`` (S10: a DISCLOSE of bekend-bij to the asked partner, the
        request's own answers its weighing) and the director's answer a few days later."""
        rng = self.rng
        askers = [i.prof for i in case.involved(at)
                  if i.prof is not None and i.partner != case.dossier]
        if not askers:
            return
        asker = rng.choice(askers)
        step = case.step_at(at)
        purpose = self.index.step_purpose[step]
        allowed = set(self.steps[step].share) & set(self.purposes[purpose].categories) \
            - {"bekend-bij"}
        child = next(p for p in case.members if p.relation == "child")
        # Mostly asked for what the dossier holds (the asker heard of it in the consultation).
        held = [i for i in case.items if i.person is child and i.owner == case.dossier
                and i.at <= at and set(i.categories) <= allowed]
        categories = sorted(rng.choice(held).categories) if held and rng.random() < 0.7 \
            else sorted(allowed)[:2]
        if not categories:
            return
        texts = {"b": "Welke zorgen zijn er en welke hulp is ingezet?",
                 "c": "Nodig voor ons deel van het plan van aanpak.",
                 "d": "Het gezin verwees ons naar de casusregisseur.",
                 "e": "Alleen de zorgen en de ingezette hulp."}
        why = "Het gezin is nog niet bereikbaar geweest."
        justification = Justification(
            kind="conflict_of_duties", answers=texts, why_no_consent=why,
            recipients=frozenset({case.dossier}), categories=frozenset({"bekend-bij"}))
        ctx = self.context(case, asker, at, purpose=purpose)
        if not self.process("request", [child], prof=asker, action=Action.DISCLOSE,
                            categories=["bekend-bij"], ctx=ctx, at=at, recipient=case.dossier,
                            justification=justification):
            return
        row = self.add("datarequests.DataRequest", _model("datarequests.DataRequest")(
            partnership=self.partnership, person=child.obj, case=case.obj, asker=asker.obj,
            asker_partner=self.partners[asker.partner], provider=self.partners[case.dossier],
            purpose=purpose, step=ctx.step or "", ground=ctx.ground or "",
            legal_basis="Jeugdwet art. 7.4.0", categories=categories,
            question_encrypted=crypto.encrypt(texts["b"]),
            necessity_encrypted=crypto.encrypt(texts["c"]),
            subsidiarity_encrypted=crypto.encrypt(texts["d"]),
            proportionality_encrypted=crypto.encrypt(texts["e"]),
            why_no_consent_encrypted=crypto.encrypt(why), not_a_recheck=True,
            covenant_version=self.label, asked_at=self.when(at)))
        answer = at + rng.uniform(0.5, 5) * WORKDAY
        if answer >= case.end:
            return  # still open
        items = [i for i in case.items if i.person is child and i.owner == case.dossier
                 and i.at <= answer and set(i.categories) <= set(categories)]
        director = case.director
        row.answered_by, row.answered_at = director.obj, self.when(answer)
        if items and rng.random() < 0.8:
            provide = Ctx(purpose, self.index.purpose_grounds.get(purpose, {}).get(case.dossier),
                          ctx.step, case.ref, CaseRole.INFORMANT)
            item = items[0]
            if rng.random() < 0.6:  # the family agreed to it being given to the asker
                self.consent(case, item, asker.partner, rng.uniform(max(at, item.at), answer))
            disclosure = self.disclose(
                case, item, answer, recipient=asker.partner, ctx=provide, prof=director)
            if disclosure is not None:
                row.status = "provided"
                self.add("datarequests.RequestDisclosure", (row, disclosure))
                return
        row.status = "refused"
        row.motivation_encrypted = crypto.encrypt(
            "Wij hebben hier nog geen gegevens over vastgelegd.")
        row.alternative_encrypted = crypto.encrypt("Bespreek het in het volgende casusoverleg.")

    def outside_case(self, at: float, bsns: Iterator[str]) -> None:
        """A person known to one professional from its own work, without a case (P4): the
        registration and an item in its own dossier."""
        prof = self.pick(self.rng.choice([k for k in ("cjg-aldermeer", "gemeente-aldermeer",
                                                      "ggz-zijlstroom") if k in self.profs]
                                         or self.core))
        purpose = "hulp-en-ondersteuning" if "hulp-en-ondersteuning" in self.purposes \
            else self.covenant.purposes[0].id
        ctx = Ctx(purpose, self.index.purpose_grounds.get(purpose, {}).get(prof.partner), None,
                  None, None)
        person = self._person(self.rng.choice(GIVEN), self.rng.choice(FAMILY),
                              self._birth(self.rng.randint(4, 17)), "child", prof, at, bsns)
        self._must("register", [person], prof=prof, action=Action.RECORD,
                   categories=person.obj.categories, ctx=ctx, at=at)
        categories = ["hulpverlening"]
        later = at + self.rng.uniform(60, 3 * WORKDAY)
        if self.process("record", [person], prof=prof, action=Action.RECORD,
                        categories=categories, ctx=ctx, at=later):
            self.add("persons.DossierItem", _model("persons.DossierItem")(
                person=person.obj, content_encrypted=crypto.encrypt(self.rng.choice(NOTES)),
                categories=categories, nature="fact",
                owning_partner=self.partners[prof.partner], purpose=purpose, step="",
                case_ref="", covenant_version=self.label, recorded_by=prof.obj,
                recorded_at=self.when(later)))

    def advice(self, at: float) -> None:
        """Veilig Thuis advice without names (S12): no person, nothing logged."""
        asker = self.pick(self.rng.choice([k for k in self.core if k != "veilig-thuis"]))
        row = self.add("veiligthuis.AdviceRequest", _model("veiligthuis.AdviceRequest")(
            partnership=self.partnership, asker=asker.obj,
            asker_partner=self.partners[asker.partner], question=self.rng.choice(ADVICE),
            asked_at=self.when(at)))
        answered = at + self.rng.uniform(0.1, 3) * WORKDAY
        if "veilig-thuis" in self.profs and answered < self.span and self.rng.random() < 0.8:
            row.advice = self.rng.choice(ADVICE_ANSWERS)
            row.answered_by = self.pick("veilig-thuis").obj
            row.answered_at = self.when(answered)

    # --- the views over time ------------------------------------------------------------------

    def view(self, case: CaseState, at: float, into: list[LogRecord]) -> None:
        """One page or API read of the case by someone involved, as the services log it."""
        rng = self.rng
        invs = case.involved(at)
        if not invs:
            return
        reader = case.director if rng.random() < 0.4 else rng.choice(invs).prof
        assert reader is not None
        roll = rng.random()
        items = [i for i in case.items if i.at <= at]
        meetings = [m for m in case.meetings if m.at <= at]
        if roll < 0.45 or not items:
            # case_view: names, relations and representatives as the step shows them.
            visible = self.index.step_visible.get(case.step_at(at), frozenset())
            categories = ["identiteit"]
            if "gezinssamenstelling" in visible:
                categories.append("gezinssamenstelling")
            if case.reps and "gezag-en-maatregelen" in visible:
                categories.append("gezag-en-maatregelen")
            self.process("case_view", case.members, prof=reader, action=Action.VIEW,
                         categories=categories, ctx=self.context(case, reader, at), at=at,
                         into=into)
        elif roll < 0.8 or not meetings:
            # Mostly the owner's side opens an item, or a partner it was disclosed to; now
            # and then someone else tries (K5 refuses without the owner's disclosure).
            item = rng.choice(items)
            given = [r for w, r in item.disclosed if w <= at]
            side = rng.random()
            if side < 0.75:
                reader = case.director if case.director.partner == item.owner and \
                    rng.random() < 0.5 else item.recorder
            elif side < 0.95 and given:
                receivers = [i.prof for i in invs if i.prof is not None and i.partner in given]
                reader = rng.choice(receivers) if receivers else item.recorder
            received = any(r == reader.partner for r in given)
            self.process("item_view", [item.person], prof=reader, action=Action.VIEW,
                         categories=item.categories,
                         ctx=self.context(case, reader, at, purpose=item.purpose), at=at,
                         into=into, permission=received, contributor=item.owner,
                         author=item.recorder.pk, origin=item.purpose or None,
                         police_origin=item.police_purpose or None)
        else:
            meeting = rng.choice(meetings)
            contributions = [c for c in meeting.contributions if c[0] <= at]
            if contributions and rng.random() < 0.6:
                _w, _row, author, said, purpose, permission = rng.choice(contributions)
                self.reach("contribution_view", case, reader, author, said, purpose,
                           permission, at, into)
            elif meeting.minutes_by is not None and rng.random() < 0.6:
                self.reach("minutes_view", case, reader, meeting.minutes_by,
                           meeting.minutes_categories, meeting.minutes_purpose, True, at, into)
            elif meeting.action_owners:
                owner = rng.choice(meeting.action_owners)
                viewer = owner.prof if owner.prof is not None and rng.random() < 0.6 \
                    else case.director
                if viewer is None:
                    return
                own = viewer is not case.director
                self.case_work("actions_view", case, viewer, at, action=Action.VIEW,
                               author=viewer.pk if own else None, into=into)

    def reach(self, kind: str, case: CaseState, reader: Prof, author: Prof,
              categories: tuple[str, ...], purpose: str, permission: bool, at: float,
              into: list[LogRecord]) -> None:
        """``cases.services._reach``: another partner's data is first that partner's
        disclosure to the reader's partner (when the reader may see it), then the view."""
        police = author.partner in self.index.police_partners
        origin = purpose or None
        ctx = self.context(case, reader, at)
        view: dict[str, Any] = {
            "categories": categories, "ctx": ctx, "at": at, "contributor": author.partner,
            "author": author.pk, "permission": permission, "origin": origin,
            "police_origin": origin if police else None}
        disclosed = author.partner != reader.partner and all(
            self.ask(prof=reader, person=p, action=Action.VIEW, **view).allowed
            for p in case.members)
        if disclosed:  # noqa: SIM102 - the disclosure first, as the service asks it
            if not self.process(
                    f"{kind}_disclose", case.members, prof=author, action=Action.DISCLOSE,
                    categories=categories, ctx=self.context(case, author, at, purpose), at=at,
                    recipient=reader.partner, origin=origin,
                    police_origin=origin if police else None, into=into):
                return  # the service raises: no view
        self.process(kind, case.members, prof=reader, action=Action.VIEW, into=into, **view)

    # --- the whole region ----------------------------------------------------------------------

    def plan(self) -> list[CaseState]:
        """Every row and the processing it implies, in memory."""
        rng = self.rng
        size = self.size
        outside = max(0, round(size.persons * 0.05)) if size.persons > 2 * size.cases else 0
        in_cases = size.persons - outside
        if in_cases < 2 * size.cases:
            raise ValueError(f"--persons: at least two a case ({2 * size.cases:,}) are needed")
        sizes = [2] * size.cases
        for _ in range(in_cases - 2 * size.cases):
            sizes[rng.randrange(size.cases)] += 1
        refs = Counter[int]()
        for year in range(self.date_of(0).year, self.date_of(self.span).year + 1):
            refs[year] = _model("cases.Case")._default_manager.filter(
                reference__startswith=f"C-{year}-").count()
        bsns = _bsn_numbers(rng)
        opened = sorted(self.span * (1 - rng.random() ** 1.3) * 0.97 for _ in range(size.cases))
        cases: list[CaseState] = []
        last = time.monotonic()
        for n, (start, household) in enumerate(zip(opened, sizes, strict=True), start=1):
            remaining = self.span - start
            life = remaining * rng.uniform(0.3, 1.0) if rng.random() < 0.25 else remaining
            closes = life < remaining and life > 20 * WORKDAY
            end = start + (life if closes else remaining)
            case = self.new_case(n, household, start, end, closes, refs, bsns)
            cases.append(case)
            if time.monotonic() - last > 3:
                last = time.monotonic()
                self.say(f"  planning: {n:,}/{size.cases:,} cases")
        for _ in range(outside):
            self.outside_case(rng.uniform(0, self.span * 0.98), bsns)
        for _ in range(max(1, size.cases // 10)):
            self.advice(rng.uniform(0, self.span * 0.99))
        return cases

    def write_rows(self) -> None:
        order = ["persons.Person", "persons.Household", "persons.HouseholdMember",
                 "persons.Representative", "cases.Case", "cases.Involvement",
                 "cases.Consultation", "cases.ConsultationParticipant", "cases.Contribution",
                 "cases.ActionItem", "persons.DossierItem", "persons.Consent",
                 "persons.ConsentEvent", "persons.Justification", "persons.Informing",
                 "persons.Disclosure", "datarequests.DataRequest", "veiligthuis.AdviceRequest"]
        started = time.monotonic()
        total = 0
        for label in order:
            objs = self.rows.get(label, [])
            model = _model(label)
            with _backdated(model):
                for at in range(0, len(objs), 2_000):
                    with transaction.atomic():
                        model._default_manager.bulk_create(objs[at:at + 2_000])
            total += len(objs)
            self.summary.rows[model.__name__] = len(objs)
            self.say(f"  rows: {len(objs):>7,} {label} ({total:,} in "
                     f"{time.monotonic() - started:.1f} s)")
        consents = self.rows.get("persons.Consent", [])
        givers = self.rows.get("persons.Consent.given_by", [])
        through = _model("persons.Consent").given_by.through  # type: ignore[attr-defined]
        links = [through(consent_id=c.pk, person_id=p.pk)
                 for c, people in zip(consents, givers, strict=True) for p in people]
        request_links = [_model("datarequests.RequestDisclosure")(request=r, disclosure=d)
                         for r, d in self.rows.get("datarequests.RequestDisclosure", [])]
        with transaction.atomic():
            through._default_manager.bulk_create(links, batch_size=2_000)
            _model("datarequests.RequestDisclosure")._default_manager.bulk_create(
                request_links, batch_size=2_000)
        self.summary.rows["Consent.given_by"] = len(links)
        self.summary.rows["RequestDisclosure"] = len(request_links)

    def write_log(self, cases: list[CaseState]) -> None:
        """The implied processing and the views, in time order, in batches."""
        rng = self.rng
        target = self.size.log_lines
        structural = sorted(self.records, key=lambda r: r.started_at or timezone.now())
        self.records = []
        filler = target - len(structural)
        windows = 48
        width = self.span / windows
        # Each case's share of the views: its open time in each window.
        weights: list[list[tuple[CaseState, float, float, float]]] = [[] for _ in range(windows)]
        totals = [0.0] * windows
        for case in cases:
            a, b = case.opened, case.end
            for w in range(int(a // width), min(windows, int(b // width) + 1)):
                lo, hi = max(a, w * width), min(b, (w + 1) * width)
                if hi > lo:
                    weight = (hi - lo) * (1 + len(case.members) / 4)
                    weights[w].append((case, lo, hi, weight))
                    totals[w] += weight
        grand = sum(totals) or 1.0
        appended = 0
        pending: list[LogRecord] = []
        begun = last = time.monotonic()
        starts = [r.started_at.timestamp() for r in structural if r.started_at]
        done_filler = 0
        cumulative = 0.0
        for w in range(windows):
            cumulative += totals[w]
            want = filler if w == windows - 1 else round(filler * cumulative / grand)
            made: list[LogRecord] = []
            entries = weights[w]
            if entries:
                cum = list(_accumulate([e[3] for e in entries]))
                while done_filler + len(made) < want:
                    case, lo, hi, _weight = entries[bisect.bisect_left(
                        cum, rng.random() * cum[-1])]
                    before = len(made)
                    self.view(case, rng.uniform(lo, hi), made)
                    if done_filler + len(made) > want:
                        del made[before:]
                        if not self._one_line_view(entries, made):
                            break  # none here: a later window makes up for it
            if w == windows - 1 and done_filler + len(made) != want:
                raise TooFewLogLines("no dossier item to view for the last log lines")
            done_filler += len(made)
            # Merge with the implied processing of this window, in time order.
            upto = bisect.bisect_right(starts, self.wall((w + 1) * width)) \
                if w < windows - 1 else len(structural)
            window = structural[:upto]
            del structural[:upto]
            del starts[:upto]
            window.extend(made)
            window.sort(key=lambda r: r.started_at or timezone.now())
            pending.extend(window)
            if len(pending) < GROUP and w < windows - 1:
                continue
            # Several batches a transaction: each commit writes every index page it touched,
            # and the subject index is touched all over (pseudonyms are random).
            with transaction.atomic():
                while pending:
                    chunk, pending = pending[:self.batch], pending[self.batch:]
                    log_append_many(chunk)
                    appended += len(chunk)
                    self.summary.lines.update(f"{r.action}:{r.status}" for r in chunk)
                    if time.monotonic() - last > 3 or appended == target:
                        last = time.monotonic()
                        rate = appended / max(last - begun, 1e-9)
                        self.say(f"  log: {appended:,}/{target:,} lines ({rate:,.0f}/s)")

    def _one_line_view(self, entries: list[tuple[CaseState, float, float, float]],
                       made: list[LogRecord]) -> bool:
        """Top up by exactly one line: an item opened by its own recorder."""
        for case, lo, hi, _weight in self.rng.sample(entries, k=len(entries)):
            items = [i for i in case.items if i.at <= hi]
            if not items:
                continue
            item = self.rng.choice(items)
            at = self.rng.uniform(max(lo, item.at), hi)
            self.process("item_view", [item.person], prof=item.recorder, action=Action.VIEW,
                         categories=item.categories,
                         ctx=self.context(case, item.recorder, at, purpose=item.purpose), at=at,
                         into=made, contributor=item.owner, author=item.recorder.pk,
                         origin=item.purpose or None, police_origin=item.police_purpose or None)
            return True
        return False

    def run(self) -> Summary:
        began = time.monotonic()
        self._setup()
        first, last = self.summary.window or (None, None)
        self.say(f"Region at scale: {self.size.persons:,} persons, {self.size.cases:,} cases, "
                 f"{self.size.log_lines:,} log lines, {self.size.per_partner} professionals a "
                 f"core partner; dated {first} to {last}")
        with transaction.atomic():  # nothing stays behind when the plan does not fit
            self._professionals()
            self.say(f"  professionals: {self.summary.rows['Professional']:,} created")
            cases = self.plan()
            self.summary.seconds["plan"] = time.monotonic() - began
            if len(self.records) > self.size.log_lines:
                raise TooFewLogLines(
                    f"these cases imply {len(self.records):,} log lines; ask for at least that "
                    "many (--log-lines)")
        self.say(f"  planned: {len(self.records):,} log lines of implied processing in "
                 f"{self.summary.seconds['plan']:.1f} s")
        mark = time.monotonic()
        self.write_rows()
        self.summary.seconds["rows"] = time.monotonic() - mark
        mark = time.monotonic()
        with _large_cache():
            self.write_log(cases)
        self.summary.seconds["log"] = time.monotonic() - mark
        self.summary.seconds["total"] = time.monotonic() - began
        return self.summary


@contextmanager
def _large_cache() -> Iterator[None]:
    """On SQLite, a page cache that holds the log's indexes while it grows (this connection,
    for the run); the default 2 MB spills dirty pages to the WAL over and over."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size={int(before)}")


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for v in values:
        total += v
        yield total


def build_region(size: Size, *, seed: int = 2026, say: Say | None = None) -> Summary:
    """Build a region of ``size`` in bulk (see the module docstring)."""
    return Region(size, seed=seed, say=say).run()
