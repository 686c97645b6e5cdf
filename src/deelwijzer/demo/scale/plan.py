"""The region's history: when the cases open and how long they last, and each case's life
on the working axis (involvements, steps, informing, dossier items, consultations with their
contributions, action lists and minutes, then the sharing of ``sharing``); besides the cases,
persons known from a partner's own work and Veilig Thuis advice without names."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterator

from deelwijzer.cases.models import (
    ActionItem,
    Case,
    Consultation,
    ConsultationParticipant,
    Contribution,
)
from deelwijzer.demo.scale import people, sharing
from deelwijzer.demo.scale.region import WORKDAY, Region
from deelwijzer.demo.scale.state import CaseState, Ctx, ItemState, Meeting, PersonState, Prof
from deelwijzer.demo.scale.texts import (
    ACTIONS,
    ADVICE,
    ADVICE_ANSWERS,
    CONTRIBUTIONS,
    FAMILY,
    GIVEN,
    INVOLVE_ROLES,
    MINUTES,
    NOTES,
    REASONS,
)
from deelwijzer.persons import crypto
from deelwijzer.persons.gateway import INFORMING_CATEGORIES
from deelwijzer.persons.models import DossierItem, Informing
from deelwijzer.policy import Action, age_on
from deelwijzer.veiligthuis.models import AdviceRequest


def plan(r: Region) -> list[CaseState]:
    """Every row and the processing it implies, in memory."""
    rng = r.rng
    size = r.size
    outside = max(0, round(size.persons * 0.05)) if size.persons > 2 * size.cases else 0
    in_cases = size.persons - outside
    if in_cases < 2 * size.cases:
        raise ValueError(f"--persons: at least two a case ({2 * size.cases:,}) are needed")
    sizes = [2] * size.cases
    for _ in range(in_cases - 2 * size.cases):
        sizes[rng.randrange(size.cases)] += 1
    refs = Counter[int]()
    for year in range(r.date_of(0).year, r.date_of(r.span).year + 1):
        refs[year] = Case._records.filter(reference__startswith=f"C-{year}-").count()
    bsns = people.bsn_numbers(rng)
    opened = sorted(r.span * (1 - rng.random() ** 1.3) * 0.97 for _ in range(size.cases))
    cases: list[CaseState] = []
    last = time.monotonic()
    for n, (start, household) in enumerate(zip(opened, sizes, strict=True), start=1):
        remaining = r.span - start
        lifetime = remaining * rng.uniform(0.3, 1.0) if rng.random() < 0.25 else remaining
        closes = lifetime < remaining and lifetime > 20 * WORKDAY
        end = start + (lifetime if closes else remaining)
        case = people.new_case(r, household, start, end, refs, bsns)
        life(r, case, closes)
        cases.append(case)
        if time.monotonic() - last > 3:
            last = time.monotonic()
            r.say(f"  planning: {n:,}/{size.cases:,} cases")
    for _ in range(outside):
        outside_case(r, rng.uniform(0, r.span * 0.98), bsns)
    for _ in range(max(1, size.cases // 10)):
        advice(r, rng.uniform(0, r.span * 0.99))
    return cases


def life(r: Region, case: CaseState, closes: bool) -> None:
    """Involvements, steps, items, consultations, consents, disclosures, requests: spread
    over the case's life on the working axis."""
    rng = r.rng
    director = case.director
    length = case.end - case.opened
    # K3: two to four partners' professionals, now and then the police (shell, C4).
    involved = {director.partner, *(i.partner for i in case.invs)}
    candidates = [k for k in r.core if k not in involved]
    rng.shuffle(candidates)
    chosen = candidates[:rng.randint(2, 4)]
    if r.shell and rng.random() < 0.12:
        chosen.append(rng.choice(r.shell))
    # Steps in order, each taken at a moment of the life; most cases are past the first.
    target = rng.choices(range(1, 8), weights=[8, 30, 6, 18, 18, 8, 12])[0] - 1
    if closes:
        target = r.step_order.index("afsluiting") if "afsluiting" in r.step_order \
            else len(r.step_order) - 1
    moments = sorted(case.opened + length * rng.uniform(0.02, 0.9) for _ in range(target))
    for k, key in enumerate(chosen):
        at = case.opened + length * min(0.04 * (k + 1) + rng.uniform(0, 0.1), 0.5)
        prof = people.pick(r, key)
        if any(i.prof is prof for i in case.invs):
            continue
        if r.case_work("involve", case, director, at, recipient=key):
            case.invs.append(people.involve(r, case, at, key, prof, rng.choice(INVOLVE_ROLES)
                                            if key not in r.shell else "informant",
                                            rng.choice(REASONS), director))
    for n, at in enumerate(moments, start=1):
        step = r.step_order[n]
        if not r.case_work("step", case, director, at,
                           ctx=r.context(case, director, at, step=step)):
            break  # only in order (C6)
        case.steps.append((at, step))
    case.obj.step = case.steps[-1][1]
    # The director informs the family about the processing (T1).
    if rng.random() < 0.6:
        at = case.opened + length * rng.uniform(0.01, 0.1)
        for person in case.members:
            if person.relation == "child" and age_on(person.birth, r.date_of(at)) < 12:
                continue
            informing(r, case, person, director, at)
    # Items (K8), by the director and now and then another involved professional.
    for _ in range(rng.randint(2, 7)):
        at = case.opened + length * rng.uniform(0.03, 0.97)
        invs = case.involved(at)
        helper = rng.choice(invs).prof if len(invs) > 1 and rng.random() >= 0.65 else None
        prof = helper or director
        person = next(p for p in case.members if p.relation == "child") \
            if rng.random() < 0.7 else rng.choice(case.members)
        item(r, case, person, prof, at)
    # Consultations (K2-K6) from the analysis on.
    for _ in range(rng.choices([0, 1, 2, 3, 4], weights=[15, 30, 30, 15, 10])[0]):
        at = case.opened + length * rng.uniform(0.1, 0.95)
        if case.step_at(at) == r.step_order[0]:
            continue
        consultation(r, case, at)
    # Disclosures (S2, S4, S6, S9), with consents and weighings on record.
    for _ in range(rng.choices([0, 1, 2, 3], weights=[30, 35, 25, 10])[0]):
        at = case.opened + length * rng.uniform(0.2, 0.98)
        items = [i for i in case.items if i.at <= at and i.owner == director.partner]
        if items:
            sharing.disclose(r, case, rng.choice(items), at)
    if rng.random() < 0.15:
        sharing.data_request(r, case, case.opened + length * rng.uniform(0.2, 0.9))
    if closes:
        at = case.end
        if r.case_work("close", case, director, at):
            case.obj.closed_at = r.when(at)


def informing(r: Region, case: CaseState, person: PersonState, prof: Prof, at: float) -> None:
    ctx = r.context(case, prof, at)
    if not r.process("informing", [person], prof=prof, action=Action.RECORD,
                     categories=r.record_categories(ctx, INFORMING_CATEGORIES),
                     ctx=ctx, at=at):
        return
    r.add(Informing(
        person=person.obj, about="processing", timing="before",
        method=r.rng.choice(["in_person", "in_person", "letter", "leaflet", "phone"]),
        informed_on=r.date_of(at), informed_by=prof.obj,
        partner=r.partners[prof.partner], purpose=ctx.purpose, case_ref=case.ref,
        note_encrypted=crypto.encrypt("Folder uitgereikt en werkwijze uitgelegd."),
        recorded_by=prof.obj, recorded_at=r.when(at)))
    person.informed.append((at, prof.partner, ctx.purpose))


def item(r: Region, case: CaseState, person: PersonState, prof: Prof, at: float) -> None:
    """``persons.services.dossier_item_record`` in the case's step."""
    ctx = r.context(case, prof, at)
    step = r.steps[case.step_at(at)]
    shareable = [c for c in step.share if c in step.record]
    categories = sorted(r.rng.sample(shareable, k=min(len(shareable),
                                                      r.rng.randint(1, 2)))
                        or step.record[:1])
    if not r.process("record", [person], prof=prof, action=Action.RECORD,
                     categories=categories, ctx=ctx, at=at):
        return
    police = prof.partner in r.index.police_partners
    row = r.add(DossierItem(
        person=person.obj, content_encrypted=crypto.encrypt(r.rng.choice(NOTES)),
        categories=categories, nature=r.rng.choice(["fact", "opinion"]),
        owning_partner=r.partners[prof.partner], purpose=ctx.purpose,
        police_purpose=ctx.purpose if police else "", step=ctx.step or "",
        case_ref=case.ref, covenant_version=r.label, recorded_by=prof.obj,
        recorded_at=r.when(at)))
    case.items.append(ItemState(at, row, person, prof.partner, prof,
                                tuple(categories), ctx.purpose, row.police_purpose))


def consultation(r: Region, case: CaseState, at: float) -> None:
    """``consultation_schedule`` a week ahead, then on the day contributions (K5), the
    action list (K6), the minutes and, without the family, informing them (K4)."""
    rng = r.rng
    director = case.director
    schedule = max(case.opened, at - 5 * WORKDAY)
    participants = case.involved(schedule)
    present = rng.random() < 0.5
    if not r.case_work("consultation", case, director, schedule):
        return
    chair = director if rng.random() < 0.6 or not r.chairs else rng.choice(r.chairs)
    row = r.add(Consultation(
        case=case.obj, partnership=r.partnership, kind="named", date=r.date_of(at),
        chair=chair.obj, family_present=present,
        absence_motivation="" if present else "Gesprek eerst tussen professionals",
        informed_by=None if present else director.obj,
        inform_when="" if present else rng.choice(["before", "after"]),
        agenda_encrypted=crypto.encrypt("Voortgang en plan van aanpak"),
        scheduled_by=director.obj, created_at=r.when(schedule)))
    meeting = Meeting(at, row)
    case.meetings.append(meeting)
    for inv in participants:
        r.add(ConsultationParticipant(
            consultation=row, involvement=inv.obj))
    step = r.steps[case.step_at(at)]
    contributors = [i for i in participants if i.prof is not None]
    for inv in rng.sample(contributors, k=min(len(contributors), rng.randint(1, 3))):
        assert inv.prof is not None
        when = at + rng.uniform(60, 3600)
        ctx = r.context(case, inv.prof, when)
        categories = [rng.choice([c for c in step.record if c in step.share][:2]
                                 or step.record[:1])]
        if not r.process("contribution", case.members, prof=inv.prof,
                         action=Action.RECORD, categories=categories, ctx=ctx, at=when):
            continue
        permission = rng.random() < 0.7
        contribution = r.add(Contribution(
            consultation=row, owner_partner=r.partners[inv.prof.partner],
            author=inv.prof.obj, content_encrypted=crypto.encrypt(rng.choice(CONTRIBUTIONS)),
            categories=categories, nature=rng.choice(["fact", "opinion"]),
            permission=permission, purpose=ctx.purpose, step=ctx.step or "",
            covenant_version=r.label, recorded_at=r.when(when)))
        meeting.contributions.append((when, contribution, inv.prof,
                                      tuple(categories), ctx.purpose, permission))
    end = at + 2 * 3600
    if participants and rng.random() < 0.85:
        for _ in range(rng.randint(1, 3)):
            owner = rng.choice(participants)
            if not r.case_work("action", case, director, end):
                break
            r.add(ActionItem(
                consultation=row, description_encrypted=crypto.encrypt(rng.choice(ACTIONS)),
                owner=owner.obj, due=r.date_of(end) + dt.timedelta(days=rng.randint(3, 30)),
                created_by=director.obj, created_at=r.when(end)))
            meeting.action_owners.append(owner)
    if rng.random() < 0.6:
        ctx = r.context(case, director, end)
        shareable = [c for c in step.record if c in step.share]
        categories = sorted(rng.sample(shareable, k=min(2, len(shareable)))
                            or step.record[:1])
        if r.process("minutes", case.members, prof=director, action=Action.RECORD,
                     categories=categories, ctx=ctx, at=end):
            row.minutes_encrypted = crypto.encrypt(rng.choice(MINUTES))
            row.minutes_categories = categories
            row.minutes_recorded_by = director.obj
            row.minutes_purpose = ctx.purpose
            meeting.minutes_by, meeting.minutes_categories = director, tuple(categories)
            meeting.minutes_purpose = ctx.purpose
    if not present and rng.random() < 0.7:
        informed = end + rng.uniform(0.2, 4) * WORKDAY
        if informed < case.end and r.case_work("informed", case, director, informed):
            row.family_informed_on = r.date_of(informed)


def outside_case(r: Region, at: float, bsns: Iterator[str]) -> None:
    """A person known to one professional from its own work, without a case (P4): the
    registration and an item in its own dossier."""
    prof = people.pick(r, r.rng.choice([k for k in ("cjg-aldermeer", "gemeente-aldermeer",
                                                  "ggz-zijlstroom") if k in r.profs]
                                       or r.core))
    purpose = "hulp-en-ondersteuning" if "hulp-en-ondersteuning" in r.purposes \
        else r.covenant.purposes[0].id
    ctx = Ctx(purpose, r.ground(purpose, prof.partner), None, None, None)
    child = people.person(r, r.rng.choice(GIVEN), r.rng.choice(FAMILY),
                          people.born(r, r.rng.randint(4, 17)), "child", prof, at, bsns)
    r.must("register", [child], prof=prof, action=Action.RECORD,
           categories=child.obj.categories, ctx=ctx, at=at)
    categories = ["hulpverlening"]
    later = at + r.rng.uniform(60, 3 * WORKDAY)
    if r.process("record", [child], prof=prof, action=Action.RECORD,
                 categories=categories, ctx=ctx, at=later):
        r.add(DossierItem(
            person=child.obj, content_encrypted=crypto.encrypt(r.rng.choice(NOTES)),
            categories=categories, nature="fact",
            owning_partner=r.partners[prof.partner], purpose=purpose, step="",
            case_ref="", covenant_version=r.label, recorded_by=prof.obj,
            recorded_at=r.when(later)))


def advice(r: Region, at: float) -> None:
    """Veilig Thuis advice without names (S12): no person, nothing logged."""
    asker = people.pick(r, r.rng.choice([k for k in r.core if k != "veilig-thuis"]))
    row = r.add(AdviceRequest(
        partnership=r.partnership, asker=asker.obj,
        asker_partner=r.partners[asker.partner], question=r.rng.choice(ADVICE),
        asked_at=r.when(at)))
    answered = at + r.rng.uniform(0.1, 3) * WORKDAY
    if "veilig-thuis" in r.profs and answered < r.span and r.rng.random() < 0.8:
        row.advice = r.rng.choice(ADVICE_ANSWERS)
        row.answered_by = people.pick(r, "veilig-thuis").obj
        row.answered_at = r.when(answered)
