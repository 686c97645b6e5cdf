"""The region being built: the demo covenant it runs on, the working-time axis its history is
dated on, the rows made so far, and the processing of personal data as ``gateway.process`` does
it (the request it builds for the policy, the decision, the log line per data subject).

The topic modules are functions over one ``Region``: ``people`` (professionals, families,
cases brought in), ``plan`` (each case's life), ``sharing`` (consents, weighings, disclosures,
data requests), ``rows`` (bulk-writing them) and ``log`` (the views and the log batches).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from deelwijzer.cases.services import CASE_WORK_CATEGORIES
from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.selectors import policy_index, version_covenant
from deelwijzer.datarequests.models import DataRequest
from deelwijzer.demo.scale.sizes import Size
from deelwijzer.demo.scale.state import CaseState, Ctx, PersonState, Prof, Say, Summary
from deelwijzer.demo.services import load_demo
from deelwijzer.persons.models import Disclosure, Person
from deelwijzer.policy import (
    Action,
    Actor,
    CaseRole,
    Decision,
    DecisionRequest,
    Justification,
    OnRecord,
    decide,
)
from deelwijzer.processing_log.services import LogRecord

WORKDAY = 10 * 3600  # 08:00-18:00: the working axis counts these seconds of every weekday

M = TypeVar("M", bound=models.Model)


class Region:
    """One region under construction (see the package docstring)."""

    def __init__(self, size: Size, *, seed: int = 2026, say: Say | None = None,
                 batch: int = 5_000) -> None:
        self.size = size
        self.rng = random.Random(seed)  # noqa: S311 - a simulation, not cryptography
        self.say = say or (lambda _line: None)
        self.batch = batch
        self.summary = Summary()
        self.records: list[LogRecord] = []  # the processing the rows imply
        self.structural = Counter[str]()  # that processing by kind:outcome (not reported)
        # The rows, by model, in the order they were made; two link tables beside them.
        self.rows: dict[type[models.Model], list[Any]] = {}
        self.consent_givers: list[list[Person]] = []  # beside rows[Consent], one list a consent
        self.request_disclosures: list[tuple[DataRequest, Disclosure]] = []
        self.families: dict[int, list[PersonState]] = {}  # id(person): its household
        # The professionals (people.hire fills them).
        self.profs: dict[str, list[Prof]] = {}
        self.directors: list[Prof] = []
        self.chairs: list[Prof] = []
        self.demo_director: Prof | None = None
        self.actors: dict[tuple[int, CaseRole | None], Actor] = {}

    # --- the setting ----------------------------------------------------------------------------

    def setup(self) -> None:
        """The demo covenant in force, and the working axis from its start (at most two years
        back) to now."""
        version, _people = load_demo()
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
        now = timezone.now().timestamp()
        start = max(timezone.localdate() - dt.timedelta(days=730), self.covenant.partnership.start)
        self.summary.window = (start, timezone.localdate())
        # The working axis: 08:00-18:00 on weekdays, from the start to now.
        self.workdays: list[float] = []
        day = start
        while day <= timezone.localdate():
            if day.weekday() < 5:
                self.workdays.append(dt.datetime.combine(day, dt.time(8), self.tz).timestamp())
            day += dt.timedelta(days=1)
        # The last working moment must not be in the future: cut the axis at now.
        cut = 0.0
        for i, day_start in enumerate(self.workdays):
            cut = i * WORKDAY + min(max(now - day_start, 0.0), float(WORKDAY))
            if day_start > now:
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

    def add(self, obj: M) -> M:
        """A row to write (``rows.write_rows``), unsaved until then."""
        self.rows.setdefault(type(obj), []).append(obj)
        return obj

    def trace(self) -> str:
        return f"{self.rng.getrandbits(128) | 1:032x}"

    def ground(self, purpose: str, partner: str) -> str | None:
        """The legal ground the partner processes for the purpose on."""
        return self.index.purpose_grounds.get(purpose, {}).get(partner)

    # --- asking the policy and logging, as gateway.process does --------------------------------

    def actor(self, prof: Prof, role: CaseRole | None) -> Actor:
        key = (prof.pk, role)
        found = self.actors.get(key)
        if found is None:
            found = self.actors[key] = Actor(
                professional_id=str(prof.pk), partner=prof.partner, roles=prof.roles,
                vog_valid=True, declaration_signed=True, case_role=role)
        return found

    def context(self, case: CaseState, prof: Prof, at: float,
                purpose: str | None = None, step: str | None = None) -> Ctx:
        """``cases.services.case_context`` at a moment of the case's life (``step``: the
        context of a step advance, ``_context_at``)."""
        if step is not None:
            purpose = self.index.step_purpose[step]
            return Ctx(purpose, self.ground(purpose, prof.partner), step, case.ref,
                       case.role_of(prof, at))
        current = case.step_at(at)
        step_purpose = self.index.step_purpose[current]
        purpose = purpose or step_purpose
        return Ctx(purpose, self.ground(purpose, prof.partner),
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
            justification = weighing_on_record(person, prof.partner, ctx.purpose,
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

    def process(self, kind: str, persons: list[PersonState], *, into: list[LogRecord] | None = None,
                **request: Any) -> bool:
        """One processing per person, stopping at the first refusal (the service raises then):
        True when all were allowed. One trace for them all."""
        trace = self.trace()
        return all(self.process_one(kind, person, trace=trace, into=into, **request).allowed
                   for person in persons)

    def process_one(self, kind: str, person: PersonState, *, prof: Prof, action: Action,
                    categories: Any, ctx: Ctx, at: float, trace: str | None = None,
                    into: list[LogRecord] | None = None, **grounds: Any) -> Decision:
        """The policy's decision about one person, logged into ``records`` (the processing the
        rows imply) or, for the views, ``into``."""
        decision = self.ask(prof=prof, person=person, action=action, categories=categories,
                            ctx=ctx, at=at, **grounds)
        self.log(self.records if into is None else into, prof=prof, person=person,
                 action=action, categories=categories, ctx=ctx, at=at,
                 trace=trace or self.trace(), decision=decision,
                 recipient=grounds.get("recipient"))
        if into is None:
            self.structural[f"{kind}:{'allowed' if decision.allowed else 'refused'}"] += 1
        return decision

    def must(self, kind: str, persons: list[PersonState], **kwargs: Any) -> None:
        """``process`` that the generator's set-up makes allowed: a refusal is a bug here."""
        if not self.process(kind, persons, **kwargs):
            raise RuntimeError(f"the generator expected {kind} to be allowed: "
                               f"{self.records[-1].rule_ids} {self.records[-1].reasons}")

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

    def record_categories(self, ctx: Ctx, preferred: tuple[str, ...]) -> list[str]:
        """``gateway.record_categories``."""
        if ctx.step is not None:
            allowed = self.index.step_record.get(ctx.step, frozenset())
        else:
            allowed = self.index.purpose_categories.get(ctx.purpose, frozenset())
        return [next((c for c in preferred if c in allowed), preferred[0])]


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
