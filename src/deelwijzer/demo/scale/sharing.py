"""Sharing: the consents (given by whom the child's age requires, now and then withdrawn), the
weighings for sharing without consent, the disclosures of dossier items that rest on them
(refused ones leave no row) and the data requests with their answers."""

from __future__ import annotations

import datetime as dt
import json

from deelwijzer.datarequests.models import DataRequest
from deelwijzer.demo.scale.region import WORKDAY, Region
from deelwijzer.demo.scale.state import CaseState, Ctx, ItemState, PersonState, Prof
from deelwijzer.persons import crypto
from deelwijzer.persons.gateway import WEIGHING_CATEGORIES
from deelwijzer.persons.models import Consent, ConsentEvent, Disclosure
from deelwijzer.persons.models import Justification as Weighing
from deelwijzer.policy import (
    WEIGHING_QUESTIONS,
    Action,
    CaseRole,
    ConsentRecord,
    Justification,
    age_on,
)


def givers(r: Region, person: PersonState, on: dt.date) -> list[PersonState]:
    """S6: who gives consent at the person's age (``consent_services._check_givers``)."""
    age = age_on(person.birth, on)
    reps = [p for p in members_of(r, person) if p.subject.subject_id
            in person.subject.representatives]
    if age >= r.index.child_alone_from:
        return [person]
    if not reps:
        return []
    chosen = reps if r.rng.random() < 0.5 else reps[:1]
    if age < r.index.representatives_only_below:
        return chosen
    return [person, *chosen]


def members_of(r: Region, person: PersonState) -> list[PersonState]:
    return r.families.get(id(person), [])


def consent(r: Region, case: CaseState, item: ItemState, recipient: str, at: float) -> None:
    """``consent_record`` (S5, S6), now and then withdrawn later (``consent_withdraw``)."""
    rng = r.rng
    director = case.director
    on = r.date_of(at)
    giving = givers(r, item.person, on)
    if not giving:
        return
    ctx = r.context(case, director, at, purpose=item.purpose)
    if not r.process("consent", [item.person], prof=director, action=Action.RECORD,
                     categories=item.categories, ctx=ctx, at=at):
        return
    row = r.add(Consent(
        person=item.person.obj, purpose=item.purpose, categories=list(item.categories),
        recipients=[recipient], valid_from=on,
        valid_until=on + dt.timedelta(days=365) if rng.random() < 0.5 else None,
        obtained_by_partner=r.partners[director.partner], recorded_by=director.obj,
        recorded_at=r.when(at), method=rng.choice(["signed_form", "digital",
                                                      "oral_confirmed"]),
        given_on=on, told_withdrawable=True, obtained_by=director.obj,
        statement_encrypted=crypto.encrypt("Toestemming besproken en ondertekend.")))
    r.consent_givers.append([g.obj for g in giving])
    r.add(ConsentEvent(
        consent=row, kind="given", on=on, by=director.obj, recorded_at=r.when(at)))
    withdrawn = None
    if rng.random() < 0.1:
        later = at + rng.uniform(5, 60) * WORKDAY
        if later < case.end and r.process(
                "consent_withdraw", [item.person], prof=director, action=Action.RECORD,
                categories=item.categories, ctx=r.context(case, director, later,
                                                          purpose=item.purpose),
                at=later):
            withdrawn = r.date_of(later)
            row.withdrawn_on, row.withdrawn_by = withdrawn, director.obj
            r.add(ConsentEvent(
                consent=row, kind="withdrawn", on=withdrawn, by=director.obj,
                recorded_at=r.when(later)))
    record = ConsentRecord(
        consent_id=str(id(row)), subject_id=item.person.subject.subject_id,
        given_by=frozenset(g.subject.subject_id for g in giving), purpose=item.purpose,
        categories=frozenset(item.categories), recipients=frozenset([recipient]),
        valid_from=on, valid_until=row.valid_until, withdrawn_on=withdrawn, written=True,
        active_act=True)
    item.person.consents.append((record, row))


def weighing(r: Region, case: CaseState, item: ItemState, recipient: str, at: float) -> None:
    """``justification_record`` (S7): the weighing for sharing without consent."""
    director = case.director
    ctx = r.context(case, director, at, purpose=item.purpose)
    if not r.process("weighing", [item.person], prof=director, action=Action.RECORD,
                     categories=r.record_categories(ctx, WEIGHING_CATEGORIES),
                     ctx=ctx, at=at):
        return
    answers = {q: "Afgewogen in overleg met de aandachtsfunctionaris." for q in
               WEIGHING_QUESTIONS}
    why = "Het gezin was niet bereikbaar en de veiligheid van het kind gaat voor."
    on = r.date_of(at)
    row = r.add(Weighing(
        person=item.person.obj, kind="conflict_of_duties", purpose=item.purpose,
        recipients=[recipient], categories=list(item.categories),
        answers_encrypted=crypto.encrypt(json.dumps(
            {**answers, "why_no_consent": why, "vital_motivation": "",
             "exception_motivation": ""})),
        functionary_name="M. Aandacht", functionary_function="Aandachtsfunctionaris",
        client_informed_on=on, owning_partner=r.partners[director.partner],
        case_ref=case.ref, covenant_version=r.label, recorded_by=director.obj,
        recorded_at=r.when(at)))
    item.person.weighings.append((at, row, Justification(
        kind="conflict_of_duties", answers=answers, functionary="M. Aandacht "
        "(Aandachtsfunctionaris)", why_no_consent=why, recipients=frozenset([recipient]),
        categories=frozenset(item.categories), client_informed_on=on)))


def disclose(r: Region, case: CaseState, item: ItemState, at: float, *,
             recipient: str | None = None, ctx: Ctx | None = None,
             prof: Prof | None = None) -> Disclosure | None:
    """``dossier_item_disclose``; first, mostly, the consent (or weighing) it rests on."""
    rng = r.rng
    prof = prof or case.director
    if recipient is None:
        named = sorted(r.index.purpose_recipients.get(item.purpose, frozenset())
                       - {item.owner})
        outside = sorted(set(r.partners) - set(named) - {item.owner})
        recipient = rng.choice(outside) if outside and rng.random() < 0.08 \
            else rng.choice(named)
        roll = rng.random()
        if roll < 0.6:
            consent(r, case, item, recipient, rng.uniform(item.at, at))
        elif roll < 0.67:
            weighing(r, case, item, recipient, rng.uniform(item.at, at))
    ctx = ctx or r.context(case, prof, at, purpose=item.purpose)
    decision = r.process_one("disclose", item.person, prof=prof, action=Action.DISCLOSE,
                             categories=item.categories, ctx=ctx, at=at, recipient=recipient,
                             contributor=item.owner, author=item.recorder.pk,
                             origin=item.purpose or None,
                             police_origin=item.police_purpose or None)
    if not decision.allowed:
        return None
    consent_id = next((reason.params.get("consent") for reason in decision.reasons
                       if reason.params.get("consent")), None)
    consented = next((row for c, row in item.person.consents if c.consent_id == consent_id),
                     None)
    weighed = None
    if any(reason.code in ("secrecy_justification", "known_to_partner_only")
           for reason in decision.reasons):
        found = [(w, row) for w, row, _j in item.person.weighings
                 if w <= at and row.purpose == ctx.purpose
                 and recipient in row.recipients]
        weighed = max(found, key=lambda f: f[0])[1] if found else None
    row = r.add(Disclosure(
        item=item.obj, recipient=r.partners[recipient], purpose=ctx.purpose,
        ground=ctx.ground or "", disclosed_by=prof.obj, disclosed_at=r.when(at),
        consent=consented, justification=weighed))
    item.disclosed.append((at, recipient))
    return row


def data_request(r: Region, case: CaseState, at: float) -> None:
    """``data_request_create`` (S10: a DISCLOSE of bekend-bij to the asked partner, the
    request's own answers its weighing) and the director's answer a few days later."""
    rng = r.rng
    askers = [i.prof for i in case.involved(at)
              if i.prof is not None and i.partner != case.dossier]
    if not askers:
        return
    asker = rng.choice(askers)
    step = case.step_at(at)
    purpose = r.index.step_purpose[step]
    allowed = set(r.steps[step].share) & set(r.purposes[purpose].categories) \
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
    ctx = r.context(case, asker, at, purpose=purpose)
    if not r.process("request", [child], prof=asker, action=Action.DISCLOSE,
                     categories=["bekend-bij"], ctx=ctx, at=at, recipient=case.dossier,
                     justification=justification):
        return
    row = r.add(DataRequest(
        partnership=r.partnership, person=child.obj, case=case.obj, asker=asker.obj,
        asker_partner=r.partners[asker.partner], provider=r.partners[case.dossier],
        purpose=purpose, step=ctx.step or "", ground=ctx.ground or "",
        legal_basis="Jeugdwet art. 7.4.0", categories=categories,
        question_encrypted=crypto.encrypt(texts["b"]),
        necessity_encrypted=crypto.encrypt(texts["c"]),
        subsidiarity_encrypted=crypto.encrypt(texts["d"]),
        proportionality_encrypted=crypto.encrypt(texts["e"]),
        why_no_consent_encrypted=crypto.encrypt(why), not_a_recheck=True,
        covenant_version=r.label, asked_at=r.when(at)))
    answer = at + rng.uniform(0.5, 5) * WORKDAY
    if answer >= case.end:
        return  # still open
    items = [i for i in case.items if i.person is child and i.owner == case.dossier
             and i.at <= answer and set(i.categories) <= set(categories)]
    director = case.director
    row.answered_by, row.answered_at = director.obj, r.when(answer)
    if items and rng.random() < 0.8:
        provide = Ctx(purpose, r.ground(purpose, case.dossier), ctx.step, case.ref,
                      CaseRole.INFORMANT)
        item = items[0]
        if rng.random() < 0.6:  # the family agreed to it being given to the asker
            consent(r, case, item, asker.partner, rng.uniform(max(at, item.at), answer))
        disclosure = disclose(r, case, item, answer, recipient=asker.partner, ctx=provide,
                              prof=director)
        if disclosure is not None:
            row.status = "provided"
            r.request_disclosures.append((row, disclosure))
            return
    row.status = "refused"
    row.motivation_encrypted = crypto.encrypt(
        "Wij hebben hier nog geen gegevens over vastgelegd.")
    row.alternative_encrypted = crypto.encrypt("Bespreek het in het volgende casusoverleg.")
