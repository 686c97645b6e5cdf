"""The authorization matrix, part 2: the seeded partnership, its secrets (the personal data in
the database, each with the objects it belongs to) and who has business with each object."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation

# --- seeding -------------------------------------------------------------------------------------

PDF_MARKER = "Handtekening Gerbrich Brandsma-Oudejans voor gezien"
TEXTS = {
    "item_fact": "Mentor ziet sinds de herfstvakantie een lege broodtrommel en blauwe plekken "
                 "op de onderarm.",
    "item_opinion": "Wij vermoeden dat de oudste zus de zorg voor het huishouden draagt.",
    "statement": "Liselotte en haar moeder stemmen in met het delen van de schoolzorgen.",
    "why_no_consent": "Vader dreigt te vertrekken zodra er hulp wordt ingeschakeld.",
    "informing": "Moeder is thuis aan de keukentafel geïnformeerd over het delen met de GGZ.",
    "reaction": "Moeder betwist de lege broodtrommel; zij deed die week dagelijks boodschappen.",
    "own_statement": "Liselotte zegt zelf dat haar zus haar juist helpt met huiswerk.",
    "agenda": "Schoolzorgen en de spanningen rond de verhuizing naar de Zonnedauwstraat",
    "minutes": "Afgesproken: het CJG start opvoedondersteuning, de GGZ belt de behandelaar.",
    "absence": "Eerst afstemmen tussen de behandelaars over de depressie van moeder.",
    "contribution_ggz": "Moeder is sinds januari bij ons in behandeling voor een depressie.",
    "contribution_cjg": "Opvoedcursus afgebroken na drie van de acht bijeenkomsten.",
    "contribution_remark": "Moeder zegt dat de behandeling al in december is afgerond.",
    "action": "Intern begeleider bellen over de broodtrommel en het schoolverzuim",
    "question_open": "Welke afspraken zijn er met de school over het verzuim gemaakt?",
    "question_answered": "Is de opvoedcursus bij jullie in beeld en met welk resultaat?",
    "necessity": "Nodig om de opvoedondersteuning goed aan te laten sluiten.",
    "subsidiarity": "Moeder wist niet meer bij welke organisatie zij de cursus volgde.",
    "proportionality": "Alleen de schoolafspraken, geen behandelgegevens.",
    "refusal": "Alleen de schoolzorgen; de rest bespreken wij in het overleg met moeder erbij.",
    "advice_question": "Een leerling vertelt over harde ruzies thuis; wanneer bel ik jullie?",
    "advice": "Bespreek het eerst met de aandachtsfunctionaris en leg uw signalen vast.",
    "concerns": "Kind durft na school niet naar huis en slaapt steeds vaker bij de buren.",
    "not_informed": "Vader is onvoorspelbaar agressief; informeren brengt moeder in gevaar.",
}
WEIGHING_ANSWERS = {q: f"Weging {q}: {text}" for q, text in zip("abcdefgh", (
    "toestemming vragen zet het kind onder druk", "de veiligheid van het kind op school",
    "zonder de schoolzorgen kan het CJG niet helpen", "minder ingrijpend is niet mogelijk",
    "alleen de schoolzorgen, geen behandeling", "de aard van de zorgen en de afspraken",
    "het belang van Liselotte weegt zwaarder", "zij is afhankelijk van haar ouders"),
    strict=True)}


@dataclass
class World:
    """The seeded partnership: per object kind the ids the walk substitutes."""

    samples: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    report_line: str = ""


def _births(today: dt.date, years: int) -> dt.date:
    """A birth date ``years`` (and some 40 days) ago."""
    return today - dt.timedelta(days=round(365.25 * years) + 40)


def seed(events: int = 200, seed_value: int = 2026) -> World:
    """Load the demo, simulate ``events`` processings, and add the Brandsma family: a case
    with BSN and address, items, a consent with evidence and statement, a weighing, informing,
    remarks, a named and an anonymous consultation with contributions, a reaction, an action
    item and minutes, an open and an answered data request, Veilig Thuis advice and a report.
    Everything through the services, as professionals do it."""
    from deelwijzer.demo.simulate import Simulation

    simulation = Simulation(seed_value)
    report = simulation.run(events)
    family = seed_family(simulation)
    world = World(report_line=report.line())
    world.samples = samples_of(**family)
    world.counts = object_counts()
    return world


def _bsn(index: int) -> str:
    """A valid BSN (eleven test) for the index-th extra family."""
    for n in range(10_000_000 + index * 100, 10_000_000 + index * 100 + 100):
        digits = f"{n:08d}"
        total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return digits + str(last)
    raise AssertionError(index)


def seed_family(simulation: Any, index: int = 0) -> dict[str, Any]:
    """The Brandsma family (``index`` > 0: another family like it, with its own names and
    BSNs, worked on by the same professionals) with one of everything, through the services.
    Returns the objects by name (see :func:`_samples`)."""
    from deelwijzer.accounts.models import Professional
    from deelwijzer.cases import services as cases
    from deelwijzer.cases.selectors import case_members
    from deelwijzer.consent import services as consent
    from deelwijzer.datarequests import services as datarequests
    from deelwijzer.persons import services as persons
    from deelwijzer.veiligthuis import services as veiligthuis

    today = timezone.localdate()
    director = simulation.director
    partners = simulation.partners
    prof = {p.username: p for p in Professional.objects.all()}
    ggz, cjg, police = prof["ggz-zijlstroom-prof"], prof["cjg-aldermeer-prof"], prof["politie-prof"]

    family = "Brandsma-Oudejans" if index == 0 else f"Brandsma-{index}"
    bsn_child, bsn_mother = ("111222333", "123456782") if index == 0 else (
        _bsn(2 * index), _bsn(2 * index + 1))
    case = cases.case_bring_in(
        professional=director, statutory_task=simulation.task,
        case_criterion=simulation.criteria[0],
        members=[
            cases.MemberInput("Liselotte", family, _births(today, 13), "child",
                              bsn=bsn_child, street="Zonnedauwstraat 17",
                              postal_code="9712 QX", city="Aldermeer"),
            cases.MemberInput("Gerbrich", family, _births(today, 41), "parent",
                              bsn=bsn_mother, street="Zonnedauwstraat 17",
                              postal_code="9712 QX", city="Aldermeer"),
        ],
        representatives=[cases.RepresentativeInput(child=0, representative=1, kind="parent")])
    cases.case_step_advance(professional=director, case=case, to_step="analyse")
    child, mother = case_members(case)
    involved = {
        key: cases.case_involve(professional=director, case=case, partner=partners[key],
                                role=role, reason="Betrokken bij het gezin", invitee=who)
        for key, role, who in (("ggz-zijlstroom", "content", ggz),
                               ("cjg-aldermeer", "content", cjg), ("politie", "informant", police))
    }
    context = cases.case_context(case, director)
    fact = persons.dossier_item_record(professional=director, person=child,
                                       text=TEXTS["item_fact"], categories=["school"],
                                       nature="fact", context=context)
    opinion = persons.dossier_item_record(professional=director, person=child,
                                          text=TEXTS["item_opinion"], categories=["aard-zorgen"],
                                          nature="opinion", context=context)
    pdf = f"%PDF-1.4\n% {PDF_MARKER}\n".encode()
    given = consent.consent_record(
        professional=director, person=child, given_by=[child, mother], purpose="veiligheid",
        categories=["school"], recipients=["cjg-aldermeer"], valid_from=today, context=context,
        method="signed_form", told_withdrawable=True,
        evidence=consent.Evidence("toestemming-brandsma.pdf", pdf), statement=TEXTS["statement"])
    persons.dossier_item_disclose(professional=director, item=fact,
                                  recipient=partners["cjg-aldermeer"], context=context)
    weighing = consent.justification_record(
        professional=director, person=child, kind="conflict_of_duties", purpose="veiligheid",
        recipients=["ggz-zijlstroom"], categories=["aard-zorgen"], answers=WEIGHING_ANSWERS,
        why_no_consent=TEXTS["why_no_consent"], functionary_name="P. Vos",
        functionary_function="Aandachtsfunctionaris", context=context,
        inform_by=today + dt.timedelta(days=7))
    persons.dossier_item_disclose(professional=director, item=opinion,
                                  recipient=partners["ggz-zijlstroom"], context=context)
    consent.informing_record(professional=director, person=mother, context=context,
                             note=TEXTS["informing"])
    persons.remark_add(professional=director, kind="reaction", given_by=mother,
                       text=TEXTS["reaction"], context=context, item=fact)
    persons.remark_add(professional=director, kind="own_statement", given_by=child,
                       text=TEXTS["own_statement"], context=context, item=opinion)

    named = cases.consultation_schedule(
        professional=director, kind="named", case=case, date=today, chair=director,
        participants=list(involved.values()), agenda=TEXTS["agenda"], family_present=False,
        absence_motivation=TEXTS["absence"], informed_by=director, inform_when="after")
    from_ggz = cases.contribution_add(professional=ggz, consultation=named,
                                      text=TEXTS["contribution_ggz"], categories=["gezondheid"],
                                      nature="fact", permission=False)
    from_cjg = cases.contribution_add(professional=cjg, consultation=named,
                                      text=TEXTS["contribution_cjg"], categories=["hulpverlening"],
                                      nature="fact", permission=True)
    cases.contribution_remark_add(professional=ggz, contribution=from_ggz, kind="reaction",
                                  given_by=mother, text=TEXTS["contribution_remark"])
    cases.action_item_add(professional=director, consultation=named, description=TEXTS["action"],
                          owner=involved["cjg-aldermeer"], due=today + dt.timedelta(days=10))
    cases.consultation_minutes_record(professional=director, consultation=named,
                                      minutes=TEXTS["minutes"], categories=["hulpverlening"])
    anonymous = cases.consultation_schedule(
        professional=prof["voorzitter"], kind="anonymous", date=today, chair=prof["voorzitter"],
        agenda="Hoe handelen bij een vermoeden van verwaarlozing?")

    ask = {"person": child, "provider": partners["jeugdbescherming"], "purpose": "veiligheid",
           "categories": ["school"], "legal_basis": "Jeugdwet art. 7.4.0",
           "necessity": TEXTS["necessity"], "subsidiarity": TEXTS["subsidiarity"],
           "proportionality": TEXTS["proportionality"], "not_a_recheck": True,
           "why_no_consent": TEXTS["why_no_consent"], "case": case}
    open_request = datarequests.data_request_create(professional=ggz,
                                                    question=TEXTS["question_open"], **ask)
    answered = datarequests.data_request_create(professional=cjg,
                                                question=TEXTS["question_answered"], **ask)
    datarequests.data_request_answer(professional=director, request=answered,
                                     outcome="partly", items=[fact],
                                     motivation=TEXTS["refusal"],
                                     alternative="Bespreek het in het overleg.")
    advice = veiligthuis.advice_request_create(professional=cjg,
                                               question=TEXTS["advice_question"])
    veiligthuis.advice_request_answer(professional=prof["veilig-thuis-prof"],
                                      advice_request=advice, advice=TEXTS["advice"])
    melding = veiligthuis.report_create(
        professional=director, person=child, concerns=TEXTS["concerns"],
        categories=["identiteit", "aard-zorgen"],
        steps={n: (today - dt.timedelta(days=10 - n), f"Meldcode stap {n}: overleg Brandsma")
               for n in (1, 2, 4, 5)},
        family_informed_before=False, not_informed_reason=TEXTS["not_informed"])

    return {"case": case, "child": child, "mother": mother, "fact": fact, "given": given,
            "weighing": weighing, "named": named, "anonymous": anonymous,
            "contributions": [from_ggz, from_cjg], "requests": [open_request, answered],
            "advice": advice, "melding": melding, "involved": involved}


def samples_of(**seeded: Any) -> dict[str, list[int]]:
    """Per kind the seeded objects and the first simulated one (by id)."""
    from deelwijzer.cases.models import Case
    from deelwijzer.persons.models import Consent, DossierItem, Justification, Person
    from deelwijzer.veiligthuis.models import AdviceRequest, Report

    def first(model: Any, **filters: Any) -> list[int]:
        found = model._records.filter(**filters).order_by("pk").values_list("pk", flat=True)[:1]
        return list(found)

    s = seeded
    samples = {
        "case": [s["case"].pk, *first(Case)],
        "person": [s["child"].pk, *first(Person)],
        "dossier item": [s["fact"].pk, *first(DossierItem)],
        "consent": [s["given"].pk, *first(Consent)],
        "weighing": [s["weighing"].pk, *first(Justification)],
        "consultation": [s["named"].pk, s["anonymous"].pk],
        "contribution": [c.pk for c in s["contributions"]],
        "data request": [r.pk for r in s["requests"]],
        "advice request": [s["advice"].pk, *first(AdviceRequest)],
        "report": [s["melding"].pk, *first(Report)],
    }
    return {kind: list(dict.fromkeys(pks)) for kind, pks in samples.items()}


def object_counts() -> dict[str, int]:
    """How many of each object kind exist (the seed needs at least one of each)."""
    from deelwijzer.cases.models import (
        ActionItem,
        Case,
        Consultation,
        Contribution,
        ContributionRemark,
    )
    from deelwijzer.datarequests.models import DataRequest
    from deelwijzer.persons.models import (
        Consent,
        Disclosure,
        DossierItem,
        Household,
        Informing,
        Justification,
        Person,
        Remark,
    )
    from deelwijzer.veiligthuis.models import AdviceRequest, Report

    return {
        "person": Person._records.count(),
        "person with BSN and address": Person._records.exclude(bsn="").exclude(street="").count(),
        "household": Household._records.count(),
        "case": Case._records.count(),
        "consultation (named)": Consultation._records.filter(kind="named").count(),
        "consultation (anonymous)": Consultation._records.filter(kind="anonymous").count(),
        "contribution": Contribution._records.count(),
        "contribution remark": ContributionRemark._records.count(),
        "action item": ActionItem._records.count(),
        "dossier item": DossierItem._records.count(),
        "disclosure": Disclosure._records.count(),
        "consent with evidence": Consent._records.exclude(evidence_encrypted=None).count(),
        "consent with statement": Consent._records.exclude(statement_encrypted=None).count(),
        "weighing": Justification._records.count(),
        "informing": Informing._records.count(),
        "remark": Remark._records.count(),
        "data request (open)": DataRequest._records.filter(status="open").count(),
        "data request (answered)": DataRequest._records.exclude(status="open").count(),
        "Veilig Thuis advice": AdviceRequest._records.count(),
        "Veilig Thuis report": Report._records.count(),
    }


# --- who has business with what ------------------------------------------------------------------

Obj = tuple[str, int]  # (kind, pk)


def business() -> dict[Obj, frozenset[int]]:
    """Per object the ids of the professionals with business with it (the rule is in the
    docstring of tests/test_authorization_matrix.py). Objects without a route of their own
    (household, contribution remark, action item, informing, remark) are here too: their
    texts are secrets, and who may read them follows from them."""
    from deelwijzer.accounts.models import Professional
    from deelwijzer.accounts.roles import Role
    from deelwijzer.cases.models import (
        ActionItem,
        Case,
        Consultation,
        Contribution,
        ContributionRemark,
        Involvement,
    )
    from deelwijzer.covenant.models import Partner
    from deelwijzer.datarequests.models import DataRequest, RequestDisclosure
    from deelwijzer.persons.models import (
        Consent,
        DossierItem,
        HouseholdMember,
        Informing,
        Justification,
        Person,
        Remark,
    )
    from deelwijzer.veiligthuis.models import AdviceRequest, Report

    professionals: dict[int | None, set[int]] = defaultdict(set)  # partner -> PROFESSIONALs
    partner_of: dict[int, int | None] = {}
    for p in Professional.objects.prefetch_related("role_assignments"):
        partner_of[p.pk] = p.partner_id
        if p.has_role(Role.PROFESSIONAL):
            professionals[p.partner_id].add(p.pk)

    b: dict[Obj, frozenset[int]] = {}
    case_of_ref: dict[str, int] = {}
    household_cases: dict[int, set[int]] = defaultdict(set)
    for case in Case._records.all():
        people = {case.director_id} | {
            i.professional_id for i in Involvement._records.filter(case=case)
            if i.professional_id}
        b["case", case.pk] = frozenset(people)
        case_of_ref[case.reference] = case.pk
        household_cases[case.household_id].add(case.pk)
    person_cases: dict[int, set[int]] = defaultdict(set)
    for member in HouseholdMember._records.all():
        person_cases[member.person_id] |= household_cases[member.household_id]
    for person in Person._records.all():
        cases = person_cases[person.pk]
        registered = getattr(person, "registered_by_id", None)
        b["person", person.pk] = frozenset().union(
            *(b["case", c] for c in cases), {registered} if registered else set())

    def of_case_or_person(case_ref: str, person_id: int) -> frozenset[int]:
        if case_ref and case_ref in case_of_ref:
            return b["case", case_of_ref[case_ref]]
        return b["person", person_id]

    for c in Consultation._records.all():
        b["consultation", c.pk] = (b["case", c.case_id] if c.case_id
                                   else frozenset({c.chair_id, c.scheduled_by_id}))
    for c in Contribution._records.select_related("consultation"):
        insiders = b["case", c.consultation.case_id]
        b["contribution", c.pk] = insiders
        b["contribution text", c.pk] = insiders if c.permission else frozenset(
            {p for p in insiders if partner_of.get(p) == c.owner_partner_id} | {c.author_id})
    for r in ContributionRemark._records.all():
        b["contribution remark", r.pk] = (b["contribution text", r.contribution_id]
                                          | {r.recorded_by_id})
    for a in ActionItem._records.select_related("owner", "consultation__case"):
        owners = ({a.owner.professional_id} if a.owner.professional_id else
                  {p for p in b["case", a.owner.case_id]
                   if partner_of.get(p) == a.owner.partner_id})
        b["action item", a.pk] = frozenset(owners | {a.consultation.case.director_id,
                                                     a.created_by_id})
    received: dict[int, set[int]] = defaultdict(set)  # item -> askers it was provided to
    for rd in RequestDisclosure._records.select_related("request", "disclosure"):
        received[rd.disclosure.item_id].add(rd.request.asker_id)
    for item in DossierItem._records.all():
        b["dossier item", item.pk] = (of_case_or_person(item.case_ref, item.person_id)
                                      | received[item.pk] | {item.recorded_by_id})
    for consent in Consent._records.all():
        b["consent", consent.pk] = b["person", consent.person_id]
    for j in Justification._records.all():
        b["weighing", j.pk] = of_case_or_person(j.case_ref, j.person_id)
    for i in Informing._records.all():
        b["informing", i.pk] = of_case_or_person(i.case_ref, i.person_id)
    for r in Remark._records.all():
        b["remark", r.pk] = (b["dossier item", r.item_id] if r.item_id
                             else b["person", r.person_id])
    for dr in DataRequest._records.all():
        b["data request", dr.pk] = frozenset({dr.asker_id, dr.answered_by_id}
                                             | professionals[dr.provider_id]) - {None}
    veilig_thuis = set().union(*(professionals[p.pk] for p in Partner.objects.filter(
        key="veilig-thuis")))
    for ar in AdviceRequest._records.all():
        b["advice request", ar.pk] = frozenset({ar.asker_id, ar.answered_by_id}
                                               | veilig_thuis) - {None}
    for report in Report._records.all():
        b["report", report.pk] = frozenset({report.reporter_id}
                                           | professionals[report.recipient_id])
    return b


# --- the secrets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Secret:
    text: str
    kinds: frozenset[str]  # what it is: "name", "BSN", "dossier item text", ...
    owners: frozenset[Obj]  # the objects it belongs to (who may read it follows from them)


def _dates(day: dt.date) -> set[str]:
    """A birth date as the screens and the API show it."""
    shown = {day.isoformat()}
    for language in ("nl", "en"):
        with translation.override(language):
            shown.add(str(formats.date_format(day)))
            shown.add(str(formats.date_format(day, "SHORT_DATE_FORMAT")))
    return shown


def _ui_text() -> str:
    """Templates, translations and the covenants: a secret that occurs here is a UI word."""
    root = settings.PROJECT_DIR
    texts = []
    for pattern in ("src/deelwijzer/**/templates/**/*.html", "src/deelwijzer/locale/**/*.po",
                    "examples/covenants/*.yaml"):
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in root.glob(pattern)]
    return "\n".join(texts)


def collect_secrets(min_length: int = 7) -> list[Secret]:
    """Every string of personal data in the database, decrypted, with the objects it belongs
    to (the same string in several objects: all of them; an account may see it when one of
    them is its business). Strings shorter than ``min_length`` or occurring in the UI are left
    out."""
    from deelwijzer.cases.models import (
        ActionItem,
        Consultation,
        Contribution,
        ContributionRemark,
    )
    from deelwijzer.datarequests.models import DataRequest, RequestDisclosure
    from deelwijzer.persons.crypto import decrypt, decrypt_bytes
    from deelwijzer.persons.models import (
        Consent,
        DossierItem,
        Informing,
        Justification,
        Person,
        Remark,
    )
    from deelwijzer.veiligthuis.models import AdviceRequest, Report

    found: dict[str, set[Obj]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)

    def add(text: str | None, kind: str, *owners: Obj) -> None:
        text = (text or "").strip()
        if len(text) >= min_length:
            found[text].update(owners)
            kinds[text].add(kind)

    def text_of(blob: Any) -> str:
        return decrypt(bytes(blob)) if blob else ""

    today = timezone.localdate()
    person_owners: dict[int, set[Obj]] = defaultdict(set)
    for dr in DataRequest._records.all():
        person_owners[dr.person_id].add(("data request", dr.pk))
        for blob in (dr.question_encrypted, dr.necessity_encrypted, dr.subsidiarity_encrypted,
                     dr.proportionality_encrypted, dr.why_no_consent_encrypted,
                     dr.motivation_encrypted, dr.alternative_encrypted):
            add(text_of(blob), "data request text", ("data request", dr.pk))
    for report in Report._records.all():
        person_owners[report.person_id].add(("report", report.pk))
        add(text_of(report.concerns_encrypted), "report text", ("report", report.pk))
        add(text_of(report.not_informed_reason_encrypted), "report text", ("report", report.pk))
        for note in json.loads(text_of(report.step_notes_encrypted) or "{}").values():
            add(note, "report text", ("report", report.pk))
    for person in Person._records.all():
        owners = {("person", person.pk), *person_owners[person.pk]}
        add(f"{person.given_names} {person.family_name}", "name", *owners)
        add(person.bsn, "BSN", *owners)
        add(person.street, "address", *owners)
        add(person.postal_code if len(person.postal_code) >= 6 else "", "address", *owners)
        # A birth date near today could be any date of the case work (a consultation, a due
        # date): only older ones are distinctive.
        if abs((today - person.birth_date).days) > 400:
            for shown in _dates(person.birth_date):
                add(shown, "birth date", *owners)
    provided: dict[int, set[Obj]] = defaultdict(set)
    for rd in RequestDisclosure._records.select_related("disclosure"):
        provided[rd.disclosure.item_id].add(("data request", rd.request_id))
    for item in DossierItem._records.all():
        add(text_of(item.content_encrypted), "dossier item text", ("dossier item", item.pk),
            *provided[item.pk])
    for consent in Consent._records.all():
        add(text_of(consent.statement_encrypted), "consent statement", ("consent", consent.pk))
        if consent.evidence_encrypted:
            evidence = decrypt_bytes(bytes(consent.evidence_encrypted)).decode("latin-1")
            for line in evidence.splitlines():
                add(line.lstrip("% "), "consent evidence", ("consent", consent.pk))
    for j in Justification._records.all():
        for text in json.loads(text_of(j.answers_encrypted)).values():
            add(text, "weighing answer", ("weighing", j.pk))
    for i in Informing._records.all():
        add(text_of(i.note_encrypted), "informing note", ("informing", i.pk))
    for r in Remark._records.all():
        add(text_of(r.text_encrypted), "remark text", ("remark", r.pk))
    for c in Consultation._records.filter(kind="named"):
        add(text_of(c.agenda_encrypted), "consultation agenda", ("consultation", c.pk))
        add(text_of(c.minutes_encrypted), "consultation minutes", ("consultation", c.pk))
        add(c.absence_motivation, "consultation absence", ("consultation", c.pk))
    for c in Contribution._records.all():
        add(text_of(c.content_encrypted), "contribution text", ("contribution text", c.pk))
    for r in ContributionRemark._records.all():
        add(text_of(r.text_encrypted), "contribution remark", ("contribution remark", r.pk))
    for a in ActionItem._records.all():
        add(text_of(a.description_encrypted), "action item", ("action item", a.pk))
    for ar in AdviceRequest._records.all():
        add(ar.question, "advice text", ("advice request", ar.pk))
        add(ar.advice, "advice text", ("advice request", ar.pk))
    ui = _ui_text()
    return [Secret(text, frozenset(kinds[text]), frozenset(owners))
            for text, owners in found.items() if text not in ui]


# --- finding secrets in an answer ----------------------------------------------------------------


def _variants(text: str) -> set[str]:
    return {text, html.escape(text), html.escape(text, quote=False), json.dumps(text)[1:-1]}


def _trie_pattern(strings: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alternatives = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        group = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        if "" in node:
            return f"(?:{group})?"
        return group

    return build(trie)


class Finder:
    """The secrets one account may not see, as one regular expression."""

    def __init__(self, secrets: Iterable[Secret]) -> None:
        self.kinds: dict[str, set[str]] = defaultdict(set)
        for secret in secrets:
            for variant in _variants(secret.text):
                self.kinds[variant] |= secret.kinds
        self.pattern = (re.compile(rf"(?<!\w){_trie_pattern(self.kinds)}(?!\w)")
                        if self.kinds else None)

    def find(self, text: str) -> set[str]:
        if self.pattern is None:
            return set()
        return {kind for match in self.pattern.findall(text) if match
                for kind in self.kinds.get(match, ())}
