"""Who: the region's professionals (a pool per partner, case directors, chairs), and the
families a case brings in, as ``case_bring_in`` registers them: persons, household,
representatives, the case with its director's and initiator's involvements (K1)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from deelwijzer.accounts.models import Professional, RoleAssignment
from deelwijzer.accounts.roles import Role
from deelwijzer.cases.models import Case, Involvement
from deelwijzer.cases.services import CASE_OPEN_CATEGORIES
from deelwijzer.demo.scale.region import Region
from deelwijzer.demo.scale.sizes import AlreadyScaled
from deelwijzer.demo.scale.state import CaseState, Ctx, Inv, PersonState, Prof
from deelwijzer.demo.scale.texts import CITIES, FAMILY, GIVEN, PROF_FIRST, PROF_LAST, STREETS
from deelwijzer.demo.services import DEMO_PASSWORD
from deelwijzer.persons.models import Household, HouseholdMember, Person, Representative
from deelwijzer.policy import Action, CaseRole, Subject, age_on

GENERATED = r"-prof-[0-9]{3}$"  # the usernames of generated professionals


def hire(r: Region) -> None:
    """The generated professionals, then the pools of ``pick`` (with the demo's own accounts);
    refused when the database holds generated professionals already."""
    if Professional.objects.filter(username__regex=GENERATED).exists():
        cases = Case._records.filter(partnership=r.partnership).count()
        raise AlreadyScaled(
            f"This database already holds generated region data ({cases:,} cases). Run "
            "simulate --scale on a fresh database (deelwijzer migrate, deelwijzer loaddemo).")
    password = make_password(DEMO_PASSWORD)  # once: Argon2 per user would take minutes
    today = timezone.localdate()
    director_partner = "jeugdbescherming" if "jeugdbescherming" in r.partners \
        else r.core[0]
    lead = r.covenant.partnership.lead_partner
    made: list[tuple[Professional, list[Role]]] = []
    for key in r.core + r.shell:
        count = r.size.per_partner if key in r.core \
            else max(2, r.size.per_partner // 5)
        for n in range(1, count + 1):
            roles = [Role.PROFESSIONAL]
            function = "Jeugdprofessional" if key in r.core else "Contactpersoon"
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
                first_name=r.rng.choice(PROF_FIRST), last_name=r.rng.choice(PROF_LAST),
                email=f"{username}@demo.example", function=function,
                partner=r.partners[key],
                vog_date=today - dt.timedelta(days=r.rng.randint(30, 900)),
                confidentiality_declaration_date=today - dt.timedelta(
                    days=r.rng.randint(30, 400)))
            made.append((user, roles))
    with transaction.atomic():
        Professional.objects.bulk_create([u for u, _ in made], batch_size=1000)
        saved = {u.username: u for u in Professional.objects.filter(
            username__in=[u.username for u, _ in made])}
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(professional=saved[u.username], role=role.value)
             for u, roles in made for role in roles], batch_size=2000)
    r.summary.rows["Professional"] = len(made)
    # The pools: the generated professionals and the demo's own care accounts.
    demo = ["regisseur", "voorzitter", *(f"{k}-prof" for k in r.core + r.shell)]
    users = list(Professional.objects.filter(
        models.Q(username__in=demo) | models.Q(username__regex=GENERATED))
        .select_related("partner").prefetch_related("role_assignments"))
    for user in users:
        if user.partner is None:
            continue
        prof = Prof(user, user.partner.key, frozenset(str(role) for role in user.roles))
        r.profs.setdefault(prof.partner, []).append(prof)
        if Role.CASE_DIRECTOR.value in prof.roles:
            r.directors.append(prof)
            if user.username == "regisseur":
                r.demo_director = prof
        if Role.CHAIR.value in prof.roles:
            r.chairs.append(prof)
    for pool in r.profs.values():
        pool.sort(key=lambda p: p.obj.username)
    r.directors.sort(key=lambda p: p.obj.username)
    r.chairs.sort(key=lambda p: p.obj.username)


def pick(r: Region, partner: str) -> Prof:
    """A professional of the partner; the demo's own account about twice as often."""
    pool = r.profs[partner]
    if r.rng.random() < 2 / (len(pool) + 1):
        own = next((p for p in pool if p.obj.username == f"{partner}-prof"), None)
        if own is not None:
            return own
    return r.rng.choice(pool)


def bsn_numbers(rng: random.Random) -> Iterator[str]:
    """Distinct nine-digit numbers that pass the elfproef (fictitious, from 1xx xxx xxx)."""
    n = 100_000_000 + rng.randrange(0, 50_000_000)
    while True:
        n += 1
        digits = f"{n:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
        if (total - int(digits[8])) % 11 == 0:
            yield digits


def person(r: Region, given: str, family: str, birth: dt.date, relation: str, by: Prof,
           at: float, bsns: Iterator[str]) -> PersonState:
    """A person as ``person_register`` records it (not logged here: the caller does)."""
    city, postal = r.rng.choice(CITIES)
    with_bsn = r.rng.random() < 0.7
    row = r.add(Person(
        partnership=r.partnership, given_names=given, family_name=family,
        birth_date=birth, bsn=next(bsns) if with_bsn else "",
        street=f"{r.rng.choice(STREETS)} {r.rng.randint(1, 180)}",
        postal_code=f"{postal} {r.rng.choice('ABCDEGHJKL')}{r.rng.choice('ABCDEGHJ')}",
        city=city, registered_by_partner=r.partners[by.partner], registered_by=by.obj,
        categories=["bsn", "identiteit"] if with_bsn else ["identiteit"],
        registered_at=r.when(at)))
    return PersonState(row, Subject(row.subject_id, birth, ()), birth, relation)


def born(r: Region, age: int) -> dt.date:
    """A birth date for someone ``age`` years old today."""
    return timezone.localdate() - dt.timedelta(days=age * 365 + r.rng.randint(0, 364))


def new_case(r: Region, household_size: int, opened: float, end: float,
             refs: Counter[int], bsns: Iterator[str]) -> CaseState:
    """``case_bring_in``: the family, then the case with its first involvements (its life:
    ``plan.life``)."""
    rng = r.rng
    director = (r.demo_director if r.demo_director is not None and rng.random() < 0.04
                else rng.choice(r.directors))
    initiator = director if rng.random() < 0.65 else pick(
        r, rng.choice([k for k in r.core if k != director.partner]))
    surname = rng.choice(FAMILY)
    children = max(1, min(household_size - 1, rng.choice([1, 1, 1, 2, 2, 3])))
    parents = max(1, min(2, household_size - children))
    others = household_size - children - parents
    t = opened
    people = [person(r, rng.choice(GIVEN), surname, born(r, rng.randint(0, 17)),
                     "child", initiator, t, bsns) for _ in range(children)]
    eldest = max(age_on(p.birth, timezone.localdate()) for p in people)
    people += [person(r, rng.choice(GIVEN), surname, born(r, eldest + rng.randint(20, 38)),
                      "parent", initiator, t, bsns) for _ in range(parents)]
    people += [person(r, rng.choice(GIVEN), rng.choice(FAMILY), born(r, rng.randint(18, 75)),
                      "other", initiator, t, bsns) for _ in range(others)]
    year = r.date_of(opened).year
    refs[year] += 1
    reference = f"C-{year}-{refs[year]:04d}"
    first = r.step_order[0]
    purpose = r.index.step_purpose[first]
    role = CaseRole.CASE_HOLDER if initiator is director else CaseRole.CONTENT
    ctx = Ctx(purpose, r.ground(purpose, initiator.partner), first, reference, role)
    # case_bring_in: persons, household, representatives, then the case (K1).
    for p in people:
        r.must("register", [p], prof=initiator, action=Action.RECORD,
               categories=p.obj.categories, ctx=ctx, at=t)
    household = r.add(Household(partnership=r.partnership, label=f"Gezin {surname[:1]}."))
    for p in people:
        r.add(HouseholdMember(household=household, person=p.obj, relation=p.relation))
    r.must("household", people, prof=initiator, action=Action.RECORD,
           categories=["gezinssamenstelling"], ctx=ctx, at=t)
    for child in [p for p in people if p.relation == "child"]:
        reps = []
        for parent in [p for p in people if p.relation == "parent"]:
            if age_on(child.birth, timezone.localdate()) >= 18:
                continue
            r.add(Representative(child=child.obj, representative=parent.obj, kind="parent"))
            r.must("representative", [child], prof=initiator, action=Action.RECORD,
                   categories=["gezag-en-maatregelen"], ctx=ctx, at=t)
            reps.append(parent.subject.subject_id)
        child.subject = Subject(child.subject.subject_id, child.birth, tuple(reps))
    for p in people:
        r.families[id(p)] = people
    has_reps = any(p.subject.representatives for p in people)
    r.must("case_open", people, prof=initiator, action=Action.RECORD,
           categories=sorted(CASE_OPEN_CATEGORIES), ctx=ctx, at=t)
    row = r.add(Case(
        reference=reference, partnership=r.partnership,
        initiating_partner=r.partners[initiator.partner],
        statutory_task=rng.choice(r.tasks[initiator.partner]),
        case_criterion=rng.choice(r.criteria) if r.criteria else "",
        director=director.obj, dossier_partner=r.partners[director.partner], step=first,
        household=household, covenant_version=r.label, opened_by=initiator.obj,
        opened_at=r.when(t)))
    case = CaseState(row, reference, director, director.partner, people, has_reps, opened,
                     end, steps=[(t, first)])
    case.invs.append(involve(r, case, t, director.partner, director, "case_holder",
                             "casusregisseur", initiator))
    if initiator is not director:
        case.invs.append(involve(r, case, t, initiator.partner, initiator, "content",
                                 "inbrengende partner", initiator))
    return case


def involve(r: Region, case: CaseState, at: float, partner: str, prof: Prof | None, role: str,
            reason: str, by: Prof) -> Inv:
    """An involvement of the partner (and its professional) in the case."""
    row = r.add(Involvement(
        case=case.obj, partner=r.partners[partner],
        professional=prof.obj if prof else None, role=role, reason=reason,
        invited_by=by.obj, invited_at=r.when(at)))
    return Inv(at, row, partner, prof, role)
