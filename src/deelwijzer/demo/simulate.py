"""Realistic processing on the demo covenant, through the services: for demos and benchmarks.

Families (a child, one or two parents with authority) are brought in as cases by the case
director, who moves them to the analysis step and involves other partners' professionals (K1,
K3). Items are recorded in the case's step; colleagues view them, now and then without a role
or without the owner's permission (refused, P4/K5). Consultations are held with or without the
family (K4), with contributions (K5, K8), minutes and action lists (K6), and the family is
marked informed. Items are disclosed to other partners with the consent the child's age requires
(S6), with too little consent, or without any (refused, S4), and now and then to a partner the
purpose does not name (refused, S9). Partners ask each other for data (S10), and professionals
ask Veilig Thuis for anonymous advice (S12). Every processing goes through the gateway.
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
from deelwijzer.cases import services as cases
from deelwijzer.cases.selectors import case_members
from deelwijzer.consent import services as consent_services
from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.selectors import version_covenant
from deelwijzer.datarequests import services as datarequests
from deelwijzer.demo.services import load_demo
from deelwijzer.persons import services
from deelwijzer.persons.gateway import InvalidPersonData, ProcessingRefused
from deelwijzer.policy import age_on
from deelwijzer.veiligthuis import services as veiligthuis

GIVEN = ["Noor", "Daan", "Sem", "Julia", "Liam", "Emma", "Finn", "Tess", "Milan", "Sara",
         "Lucas", "Yara", "Mohammed", "Eva", "Levi", "Lotte"]
FAMILY = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit",
          "Meijer", "Mulder", "Bos", "El Idrissi", "Yılmaz", "Kaya", "Peters"]
NOTES = ["Signaal van school over verzuim.", "Huisbezoek afgelegd; gezin werkt mee.",
         "Zorgen over de veiligheid thuis na melding.", "Afspraken gemaakt over hulp.",
         "Evaluatie: situatie stabiel.", "Moeder geeft aan hulp te willen."]


CONTRIBUTIONS = ["School meldt verzuim sinds drie weken.", "Moeder heeft hulp gevraagd bij de "
                 "opvoeding.", "Behandeling loopt; kind komt trouw op afspraken.",
                 "Zorgen over schulden en dreigende huisuitzetting.", "Wij zien vooruitgang."]
ACTIONS = ["Huisbezoek plannen", "Gesprek met school", "Aanmelden schuldhulpverlening",
           "Terugkoppeling aan het gezin", "Evaluatie voorbereiden"]
INVOLVE = ("gemeente-aldermeer", "ggz-zijlstroom", "cjg-aldermeer", "veilig-thuis", "rvdk")
ROLES = ("content", "content", "adviser", "informant")
ADVICE = ["Een leerkracht ziet blauwe plekken bij een leerling; wat zijn de volgende stappen?",
          "Een moeder vertelt over spanningen thuis; hoe bespreek ik dit met haar?"]


@dataclass
class Family:
    case: Any
    child: Any
    parents: list[Any]
    involvements: list[Any] = field(default_factory=list)
    consultations: list[Any] = field(default_factory=list)
    contributions: list[Any] = field(default_factory=list)
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
        self.colleagues = {p.partner.key: p for p in Professional.objects.filter(
            username__in=[f"{key}-prof" for key in INVOLVE]).select_related("partner")
            if p.partner}
        self.purposes = {p.id: p for p in self.covenant.purposes}
        self.steps = {s.id: s for s in self.covenant.steps}
        assert self.director.partner is not None
        self.director_partner = self.director.partner
        self.task = cases.statutory_tasks_of(self.director.partner)[0]
        self.criteria = cases.case_criteria(version.partnership)
        self.today = timezone.localdate()
        self.families: list[Family] = []
        self.report = Report()

    def attempt(self, label: str, func: Callable[..., Any], /, *,
                professional: Professional | None = None, **kwargs: Any) -> Any:
        """Run a service; count it as allowed, refused (the policy) or invalid (input)."""
        try:
            result = func(professional=professional or self.director, **kwargs)
        except ProcessingRefused:
            self.report.outcomes[f"{label}:refused"] += 1
            return None
        except InvalidPersonData:
            self.report.outcomes[f"{label}:invalid"] += 1
            return None
        self.report.outcomes[f"{label}:allowed"] += 1
        return result

    def birth(self, age: int) -> dt.date:
        return self.today - dt.timedelta(days=age * 365 + self.rng.randint(0, 364))

    # --- cases ------------------------------------------------------------------------------

    def new_case(self) -> None:
        """K1, K3: bring in a family, move on to the analysis, involve two or three partners."""
        surname = self.rng.choice(FAMILY)
        age = self.rng.randint(0, 17)
        parents = self.rng.choice([1, 2])
        members = [cases.MemberInput(given_names=self.rng.choice(GIVEN), family_name=surname,
                                     birth_date=self.birth(age), relation="child")]
        members += [cases.MemberInput(given_names=self.rng.choice(GIVEN), family_name=surname,
                                      birth_date=self.birth(age + self.rng.randint(22, 40)),
                                      relation="parent") for _ in range(parents)]
        case = self.attempt(
            "case", cases.case_bring_in, members=members, statutory_task=self.task,
            case_criterion=self.rng.choice(self.criteria) if self.criteria else "",
            representatives=[cases.RepresentativeInput(child=0, representative=i, kind="parent")
                             for i in range(1, parents + 1)])
        if case is None:
            return
        people = case_members(case)
        family = Family(case=case, child=people[0], parents=people[1:])
        self.families.append(family)
        self.report.persons += len(people)
        if self.rng.random() < 0.85:
            self.attempt("case", cases.case_step_advance, case=case, to_step="analyse")
        for key in self.rng.sample(sorted(self.colleagues), k=self.rng.randint(2, 3)):
            involvement = self.attempt(
                "case", cases.case_involve, case=case, partner=self.partners[key],
                role=self.rng.choice(ROLES), reason="Betrokken bij het gezin",
                invitee=self.colleagues[key])
            if involvement is not None:
                family.involvements.append(involvement)

    def involved(self, family: Family) -> Professional:
        """The director or one of the involved professionals."""
        people: list[Professional] = [i.professional for i in family.involvements
                                      if i.professional]
        return self.rng.choice([self.director, *people])

    # --- dossier items ----------------------------------------------------------------------

    def record(self, family: Family) -> None:
        step = self.steps[family.case.step]
        categories = [c for c in step.share if c in step.record]
        categories = self.rng.sample(categories, k=min(len(categories), self.rng.randint(1, 2)))
        item = self.attempt(
            "record", services.dossier_item_record, person=family.child,
            text=self.rng.choice(NOTES), categories=categories or step.record[:1],
            nature=self.rng.choice(["fact", "opinion"]),
            context=cases.case_context(family.case, self.director))
        if item is not None:
            family.items.append(item)

    def view(self, family: Family) -> None:
        """Mostly the director; now and then an involved colleague (K5 refuses without the
        owner's disclosure, P4 without a role that may read)."""
        item = self.rng.choice(family.items)
        reader = self.director if self.rng.random() < 0.7 else self.involved(family)
        self.attempt("view", services.dossier_item_view, professional=reader, item=item,
                     context=cases.case_context(family.case, reader, purpose=item.purpose))

    def disclose(self, family: Family) -> None:
        item = self.rng.choice(family.items)
        purpose = self.purposes[item.purpose]
        named = [r.partner for r in purpose.recipients]
        outside = [k for k in self.partners if k not in named]
        if outside and self.rng.random() < 0.1:
            recipient = self.rng.choice(outside)  # S9: the purpose does not name it
        else:
            recipient = self.rng.choice(named)
        context = cases.case_context(family.case, self.director, purpose=purpose.id)
        if self.rng.random() < 0.6 and family.parents:
            age = age_on(family.child.birth_date, self.today)
            consent = self.covenant.consent
            givers = [family.child] if age >= consent.representatives_only_below else []
            if age < consent.child_alone_from and self.rng.random() < 0.9:
                givers += family.parents[:1]  # now and then too little consent (S6)
            if givers:
                self.attempt(
                    "consent", consent_services.consent_record, person=family.child,
                    given_by=givers,
                    purpose=purpose.id, categories=item.categories, recipients=[recipient],
                    valid_from=self.today, context=context, method="signed_form",
                    told_withdrawable=True, statement="Toestemming besproken en ondertekend.")
        self.attempt("disclose", services.dossier_item_disclose, item=item,
                     recipient=self.partners[recipient], context=context)

    # --- consultations (K2-K6) --------------------------------------------------------------

    def consultation(self, family: Family) -> None:
        present = self.rng.random() < 0.5
        when = self.rng.choice(["before", "after"])
        consultation = self.attempt(
            "consultation", cases.consultation_schedule, kind="named", case=family.case,
            date=self.today + dt.timedelta(days=self.rng.randint(-14, 14)), chair=self.director,
            participants=family.involvements, agenda="Voortgang en plan van aanpak",
            family_present=present,
            absence_motivation="" if present else "Gesprek eerst tussen professionals",
            informed_by=None if present else self.director, inform_when="" if present else when)
        if consultation is None:
            return
        family.consultations.append(consultation)
        step = self.steps[family.case.step]
        for involvement in self.rng.sample(family.involvements,
                                           k=min(2, len(family.involvements))):
            categories = [c for c in step.record if c in step.share][:2] or step.record[:1]
            contribution = self.attempt(
                "contribution", cases.contribution_add, professional=involvement.professional,
                consultation=consultation, text=self.rng.choice(CONTRIBUTIONS),
                categories=self.rng.sample(categories, k=1),
                nature=self.rng.choice(["fact", "opinion"]),
                permission=self.rng.random() < 0.7)
            if contribution is not None:
                family.contributions.append(contribution)
        if family.involvements:
            self.attempt("action", cases.action_item_add, consultation=consultation,
                         description=self.rng.choice(ACTIONS),
                         owner=self.rng.choice(family.involvements),
                         due=self.today + dt.timedelta(days=self.rng.randint(3, 30)))
        if not present and self.rng.random() < 0.7:
            self.attempt("informed", cases.consultation_family_informed,
                         consultation=consultation, on=self.today)

    def read_contribution(self, family: Family) -> None:
        """K5: another participant reads a contribution; refused without permission."""
        contribution = self.rng.choice(family.contributions)
        self.attempt("contribution_view", cases.contribution_view,
                     professional=self.involved(family), contribution=contribution)

    # --- data requests (S10) and Veilig Thuis advice (S12) ----------------------------------

    def data_request(self, family: Family) -> None:
        """An involved partner asks the dossier holder for data; the director answers."""
        askers = [i.professional for i in family.involvements if i.professional]
        if not askers:
            return
        asker = self.rng.choice(askers)
        step = self.steps[family.case.step]
        categories = sorted(set(step.share) & set(self.purposes[step.purpose].categories)
                            - {"bekend-bij"})[:2]
        request = self.attempt(
            "request", datarequests.data_request_create, professional=asker,
            person=family.child, provider=self.director_partner,
            purpose=step.purpose, categories=categories, legal_basis="Jeugdwet art. 7.4.0",
            question="Welke zorgen zijn er en welke hulp is ingezet?",
            necessity="Nodig voor ons deel van het plan van aanpak.",
            subsidiarity="Het gezin verwees ons naar de casusregisseur.",
            proportionality="Alleen de zorgen en de ingezette hulp.", not_a_recheck=True,
            why_no_consent="Het gezin is nog niet bereikbaar geweest.", case=family.case)
        if request is None:
            return
        items = [i for i in family.items if set(i.categories) <= set(categories)]
        if items and self.rng.random() < 0.7:
            self.attempt("answer", datarequests.data_request_answer, request=request,
                         outcome="provided", items=items[:1])
        else:
            self.attempt("answer", datarequests.data_request_answer, request=request,
                         outcome="refused",
                         motivation="Wij hebben hier nog geen gegevens over vastgelegd.",
                         alternative="Bespreek het in het volgende casusoverleg.")

    def advice(self) -> None:
        asker = self.rng.choice([self.director, *self.colleagues.values()])
        if asker.partner and asker.partner.key == "veilig-thuis":
            return
        self.attempt("advice", veiligthuis.advice_request_create, professional=asker,
                     question=self.rng.choice(ADVICE))

    def run(self, events: int) -> Report:
        while self.report.processings < events:
            roll = self.rng.random()
            if not self.families or roll < 0.08:
                self.new_case()
                continue
            family = self.rng.choice(self.families)
            if roll < 0.35 or not family.items:
                self.record(family)
            elif roll < 0.5:
                self.view(family)
            elif roll < 0.68:
                self.disclose(family)
            elif roll < 0.8:
                self.consultation(family)
            elif roll < 0.88 and family.contributions:
                self.read_contribution(family)
            elif roll < 0.97:
                self.data_request(family)
            else:
                self.advice()
        return self.report


def simulate(events: int, seed: int = 2026) -> Report:
    """Run ``events`` processings (at least) on the demo covenant."""
    return Simulation(seed).run(events)
