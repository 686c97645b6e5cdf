"""Cases, involvements, consultations, contributions and action items (K1-K8, C4-C5, P3-P4).

Every processing of personal data goes through the persons gateway: ``process`` asks the
decision point and appends one processing-log line per household member, in the service's
transaction, with the case reference as ``case_ref``. Input that no processing may store raises
``InvalidPersonData(field, code)``; a refusal raises ``ProcessingRefused`` after its log line
is committed.

``case_context`` gives later screens the ``Context`` to ask the policy with: the purpose of the
case's current step, the ground the covenant gives the professional's partner for it, the case
reference, and the professional's role from its Involvement (None: not involved, so P4 refuses
everything but recording the own partner's data).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.cases.anonymity import identifying, vocabulary
from deelwijzer.cases.choices import (
    CaseRoleChoice,
    ConsultationKind,
    ContributionNature,
    ContributionRemarkKind,
    InformWhen,
    MemberRelation,
    RepresentativeKindChoice,
)
from deelwijzer.cases.models import (
    ActionItem,
    Case,
    Consultation,
    ConsultationParticipant,
    Contribution,
    ContributionRemark,
    Involvement,
)
from deelwijzer.cases.selectors import action_items_for as action_items_for
from deelwijzer.cases.selectors import case_role_of, involvement_of, may_remark
from deelwijzer.covenant.models import CovenantVersion, Partner, Partnership
from deelwijzer.covenant.selectors import policy_index, version_covenant
from deelwijzer.persons import crypto
from deelwijzer.persons.errors import register
from deelwijzer.persons.gateway import (
    Context,
    Grounds,
    InvalidPersonData,
    gateway,
    own_partner,
    preview_all,
    process_all,
    version_for,
)
from deelwijzer.persons.models import Household, HouseholdMember, Person, Representative
from deelwijzer.persons.services import (
    bsn_is_valid,
    household_register,
    person_register,
    representative_add,
)
from deelwijzer.policy import Action, CaseRole, age_on

CASE_OPEN_CATEGORIES = ("identiteit", "gezinssamenstelling")
# The categories of the case's own work (involvements, consultations, actions), in order of
# preference: see ``case_work_categories``.
CASE_WORK_CATEGORIES = ("hulpverlening", "gezinssamenstelling")


# --- helpers ----------------------------------------------------------------------------------


def _steps(version: CovenantVersion) -> list[str]:
    """C6: the covenant's work-process steps in their order."""
    return [step.id for step in version_covenant(version).steps]


def _members(household: Household) -> list[Person]:
    return list(Person._records.filter(
        pk__in=HouseholdMember._records.filter(household=household).values("person_id"),
    ).select_related("partnership").order_by("pk"))


def _required(value: str, field: str) -> str:
    if not value.strip():
        raise InvalidPersonData(field, "required")
    return value.strip()


def _named_case(consultation: Consultation) -> Case:
    if consultation.case is None:
        raise InvalidPersonData("consultation", "anonymous")
    return consultation.case


def _same_partnership(partner: Partner | None, partnership: Partnership, field: str) -> Partner:
    if partner is None or partner.partnership_id != partnership.pk:
        raise InvalidPersonData(field, "other_partnership")
    return partner


def check_anonymous(partnership: Partnership, **texts: str) -> None:
    """K2, 003 art. 10.2: refuse identifying input where nothing may make a person traceable
    (anonymous consultations, advice asked of Veilig Thuis), naming the field."""
    partners = Partner.objects.filter(partnership=partnership)
    allowed = vocabulary([partnership.name, partnership.region,
                          *(p.name for p in partners), *(p.key for p in partners)])
    for field, text in texts.items():
        code = identifying(text, allowed)
        if code is not None:
            raise InvalidPersonData(field, code)


def case_context(case: Case, professional: Professional, purpose: str | None = None) -> Context:
    """The Context a professional processes this case's data in (S1, C6, P4, K3).

    Without ``purpose`` it is the purpose of the case's current step, and the step limits what
    may be recorded and shared; with another purpose there is no step. The ground is the one
    the covenant gives the professional's partner for that purpose (None when the partner takes
    no part in it: the policy then refuses under S1).
    """
    index = policy_index(version_for(case.partnership))
    step_purpose = index.step_purpose.get(case.step)
    purpose = purpose or step_purpose
    if purpose is None:
        raise LookupError(f"step {case.step!r} is not in the covenant in force")
    partner = professional.partner.key if professional.partner else ""
    return Context(
        purpose=purpose,
        ground=index.purpose_grounds.get(purpose, {}).get(partner),
        step=case.step if purpose == step_purpose else None,
        case_ref=case.reference,
        case_role=case_role_of(case, professional),
        dossier_holder=case.dossier_partner.key,
    )


def _context_at(case: Case, professional: Professional, step: str) -> Context:
    """The Context of ``case_context`` at another step of the case (a step advance)."""
    index = policy_index(version_for(case.partnership))
    purpose = index.step_purpose.get(step)
    if purpose is None:
        raise InvalidPersonData("step", "unknown")
    partner = professional.partner.key if professional.partner else ""
    return Context(purpose=purpose, ground=index.purpose_grounds.get(purpose, {}).get(partner),
                   step=step, case_ref=case.reference, case_role=case_role_of(case, professional))


def case_work_categories(case: Case, action: Action = Action.RECORD,
                         step: str | None = None) -> list[str]:
    """What the case's own work records about the family: who is involved, consultations,
    agreements and actions. That is ``hulpverlening`` ("betrokken hulpverleners en
    casusregisseur, ... afspraken en benodigde acties") where the step records it (views: where
    the step records or shares it); at a step that does not (the first, ``melding``), the
    household's network and contacts, ``gezinssamenstelling``. Neither: ``hulpverlening``, and
    the policy refuses and explains why (S1). See DESIGN.md "What is logged"."""
    index = policy_index(version_for(case.partnership))
    step = step or case.step
    allowed = (index.step_visible if action == Action.VIEW else index.step_record).get(
        step, frozenset())
    return [next((c for c in CASE_WORK_CATEGORIES if c in allowed), CASE_WORK_CATEGORIES[0])]


def _log_case_work(professional: Professional, case: Case, *, context: Context | None = None,
                   action: Action = Action.RECORD, recipient: str | None = None,
                   author: int | None = None) -> None:
    """Ask the policy and log one line per household member for a piece of case work."""
    context = context or case_context(case, professional)
    categories = case_work_categories(case, action, context.step)
    process_all(professional=professional, persons=_members(case.household), action=action,
                categories=categories, context=context, recipient=recipient, author=author)


def _next_reference(today: dt.date) -> str:
    prefix = f"C-{today.year}-"
    count = Case._records.filter(reference__startswith=prefix).count()
    return f"{prefix}{count + 1:04d}"


# --- cases ------------------------------------------------------------------------------------


def statutory_tasks_of(partner: Partner) -> list[str]:
    """C3, K1: the statutory tasks the covenant in force gives the partner."""
    covenant = version_covenant(version_for(partner.partnership))
    own = next((p for p in covenant.partners if p.id == partner.key), None)
    return [t.description for t in own.statutory_tasks] if own else []


def case_criteria(partnership: Partnership) -> list[str]:
    """K1: the covenant's criteria for which cases are discussed."""
    return list(version_covenant(version_for(partnership)).partnership.case_criteria)


def _open_checks(professional: Professional, statutory_task: str, case_criterion: str,
                 director: Professional | None
                 ) -> tuple[Partner, Professional, Partner, CovenantVersion]:
    """K1, C5: what ``case_open`` checks before anything is recorded."""
    partner = own_partner(professional)
    partnership = partner.partnership
    director = director or professional
    dossier_partner = _same_partnership(director.partner, partnership, "director")
    if Role.CASE_DIRECTOR not in director.roles:
        raise InvalidPersonData("director", "not_case_director")
    version = version_for(partnership)
    if _required(statutory_task, "statutory_task") not in statutory_tasks_of(partner):
        raise InvalidPersonData("statutory_task", "not_a_task_of_partner")
    criteria = set(case_criteria(partnership))
    if _required(case_criterion, "case_criterion") not in criteria and criteria:
        raise InvalidPersonData("case_criterion", "not_in_covenant")
    return partner, director, dossier_partner, version


@gateway
def case_open(
    *,
    professional: Professional,
    household: Household,
    statutory_task: str,
    case_criterion: str,
    director: Professional | None = None,
    categories: Iterable[str] = CASE_OPEN_CATEGORIES,
) -> Case:
    """K1: the initiating partner's professional brings in a case from its own statutory task
    against one of the covenant's case criteria; it starts at the covenant's first step. The
    case director (default: the professional) must have that role; its partner keeps the
    dossier (C5). One RECORD log line per household member, with the case reference."""
    return _case_open(professional=professional, household=household,
                      statutory_task=statutory_task, case_criterion=case_criterion,
                      director=director, categories=categories,
                      reference=_next_reference(timezone.localdate()))


def _case_open(*, professional: Professional, household: Household, statutory_task: str,
               case_criterion: str, director: Professional | None, categories: Iterable[str],
               reference: str) -> Case:
    partner, director, dossier_partner, version = _open_checks(
        professional, statutory_task, case_criterion, director)
    partnership = partner.partnership
    if household.partnership_id != partnership.pk:
        raise InvalidPersonData("household", "other_partnership")
    members = _members(household)
    if not members:
        raise InvalidPersonData("household", "no_members")
    first = _steps(version)[0]
    index = policy_index(version)
    purpose = index.step_purpose[first]
    context = Context(
        purpose=purpose, ground=index.purpose_grounds[purpose].get(partner.key), step=first,
        case_ref=reference,
        case_role=CaseRole.CASE_HOLDER if director == professional else CaseRole.CONTENT,
    )
    categories = sorted(set(categories))
    process_all(professional=professional, persons=members, action=Action.RECORD,
                categories=categories, context=context)
    case = Case._records.create(
        reference=reference, partnership=partnership, initiating_partner=partner,
        statutory_task=statutory_task.strip(), case_criterion=case_criterion.strip(),
        director=director, dossier_partner=dossier_partner, step=first, household=household,
        covenant_version=version.label, opened_by=professional,
    )
    # The reasons are data every partner reads, in the partnership's working language.
    Involvement._records.create(case=case, partner=dossier_partner, professional=director,
                                role=CaseRoleChoice.CASE_HOLDER, reason="casusregisseur",
                                invited_by=professional)
    if director != professional:
        Involvement._records.create(case=case, partner=partner, professional=professional,
                                    role=CaseRoleChoice.CONTENT, reason="inbrengende partner",
                                    invited_by=professional)
    return case


@gateway
def case_involve(
    *,
    professional: Professional,
    case: Case,
    partner: Partner,
    role: CaseRole | str,
    reason: str,
    invitee: Professional | None = None,
) -> Involvement:
    """K3: the case director adds a partner (and its professional) by necessity, with a role
    and a reason. C4, P3: a shell partner only with a named professional who signed the
    confidentiality declaration."""
    if case.director_id != professional.pk:
        raise InvalidPersonData("professional", "not_case_director")
    if case.closed_at is not None:
        raise InvalidPersonData("case", "closed")
    _same_partnership(partner, case.partnership, "partner")
    if str(role) not in CaseRoleChoice.values:
        raise InvalidPersonData("role", "unknown")
    reason = _required(reason, "reason")
    if invitee is not None and invitee.partner_id != partner.pk:
        raise InvalidPersonData("invitee", "other_partner")
    if partner.is_shell:
        if invitee is None:
            raise InvalidPersonData("invitee", "shell_needs_professional")
        if invitee.confidentiality_declaration_date is None:
            raise InvalidPersonData("invitee", "declaration_missing")
    if invitee is not None and involvement_of(case, invitee) is not None:
        raise InvalidPersonData("invitee", "already_involved")
    # The household becomes known to the partner: the director records the involvement (who
    # is around the family), and the log line names the partner as recipient.
    _log_case_work(professional, case, recipient=partner.key)
    case.__dict__.pop("_involvement_of", None)  # selectors.involvement_of's memory
    return Involvement._records.create(case=case, partner=partner, professional=invitee,
                                       role=str(role), reason=reason, invited_by=professional)


@gateway
def case_step_advance(*, professional: Professional, case: Case, to_step: str) -> Case:
    """C6: the case director moves the case to the next step of the covenant, only in order."""
    if case.director_id != professional.pk:
        raise InvalidPersonData("professional", "not_case_director")
    if case.closed_at is not None:
        raise InvalidPersonData("case", "closed")
    steps = _steps(version_for(case.partnership))
    position = steps.index(case.step) if case.step in steps else -1
    if position < 0 or position + 1 >= len(steps) or steps[position + 1] != to_step:
        raise InvalidPersonData("step", "not_next")
    # Logged under the new step: its purpose must be one the director's partner takes part in.
    _log_case_work(professional, case, context=_context_at(case, professional, to_step))
    case.step = to_step
    case.save(update_fields=["step"])
    return case


@gateway
def case_close(*, professional: Professional, case: Case) -> Case:
    """The case director closes the case: no further involvements or steps."""
    if case.director_id != professional.pk:
        raise InvalidPersonData("professional", "not_case_director")
    if case.closed_at is not None:
        raise InvalidPersonData("case", "closed")
    _log_case_work(professional, case)
    case.closed_at = timezone.now()
    case.save(update_fields=["closed_at"])
    return case


# --- consultations ----------------------------------------------------------------------------


def _absence(case: Case, motivation: str, informed_by: Professional | None,
             inform_when: str) -> tuple[str, Professional, str]:
    """K4, T4: without the family: why, who informs them, and before or after."""
    motivation = _required(motivation, "absence_motivation")
    if informed_by is None:
        raise InvalidPersonData("informed_by", "required")
    if involvement_of(case, informed_by) is None:
        raise InvalidPersonData("informed_by", "not_involved")
    if inform_when not in InformWhen.values:
        raise InvalidPersonData("inform_when", "required")
    return motivation, informed_by, inform_when


@gateway
def consultation_schedule(
    *,
    professional: Professional,
    kind: ConsultationKind | str,
    date: dt.date,
    chair: Professional,
    case: Case | None = None,
    participants: Iterable[Involvement] = (),
    agenda: str = "",
    family_present: bool = True,
    absence_motivation: str = "",
    informed_by: Professional | None = None,
    inform_when: str = "",
) -> Consultation:
    """K2-K4: schedule a named consultation of a case with participants chosen from its
    involvements, or an anonymous one: no case, no participants, no person, and nothing
    identifying in the agenda (names, BSN, postal codes, exact dates)."""
    partnership = own_partner(professional).partnership
    _same_partnership(chair.partner, partnership, "chair")
    if str(kind) == ConsultationKind.ANONYMOUS:
        if case is not None:
            raise InvalidPersonData("case", "anonymous")
        if list(participants):
            raise InvalidPersonData("participants", "anonymous")
        check_anonymous(partnership, agenda=agenda)
        return Consultation._records.create(
            partnership=partnership, kind=ConsultationKind.ANONYMOUS, date=date, chair=chair,
            family_present=False, agenda=agenda, scheduled_by=professional)
    if str(kind) != ConsultationKind.NAMED:
        raise InvalidPersonData("kind", "unknown")
    if case is None:
        raise InvalidPersonData("case", "required")
    if involvement_of(case, professional) is None:
        raise InvalidPersonData("professional", "not_involved")
    chosen = list(participants)
    if any(p.case_id != case.pk for p in chosen):
        raise InvalidPersonData("participants", "not_in_case")
    motivation, informer, when = "", None, ""
    if case.closed_at is not None:
        raise InvalidPersonData("case", "closed")
    if not family_present:
        motivation, informer, when = _absence(case, absence_motivation, informed_by, inform_when)
    _log_case_work(professional, case)
    consultation = Consultation._records.create(
        case=case, partnership=partnership, kind=ConsultationKind.NAMED, date=date, chair=chair,
        family_present=family_present, absence_motivation=motivation, informed_by=informer,
        inform_when=when, agenda_encrypted=crypto.encrypt(agenda) if agenda.strip() else None,
        scheduled_by=professional)
    ConsultationParticipant._records.bulk_create(
        ConsultationParticipant(consultation=consultation, involvement=p)
        for p in {p.pk: p for p in chosen}.values())
    return consultation


@gateway
def consultation_record_family_absence(
    *,
    professional: Professional,
    consultation: Consultation,
    motivation: str,
    informed_by: Professional | None,
    inform_when: str,
) -> Consultation:
    """K4, T4: the family is not present: the motivation, who informs them, and whether before
    or after (afterwards only if unavoidable) are all required."""
    case = _named_case(consultation)
    if involvement_of(case, professional) is None:
        raise InvalidPersonData("professional", "not_involved")
    motivation, informer, when = _absence(case, motivation, informed_by, inform_when)
    _log_case_work(professional, case)
    consultation.family_present = False
    consultation.absence_motivation = motivation
    consultation.informed_by = informer
    consultation.inform_when = when
    consultation.save(update_fields=["family_present", "absence_motivation", "informed_by",
                                     "inform_when"])
    return consultation


@gateway
def consultation_minutes_record(*, professional: Professional, consultation: Consultation,
                                minutes: str, categories: Iterable[str] = ()) -> Consultation:
    """Record the minutes. Anonymous: nothing identifying (K2), nothing logged. Named: the
    minutes are personal data: the policy decides a RECORD of ``categories`` under the case's
    current step (one log line per household member) and the text is encrypted at rest."""
    case = consultation.case
    if case is None:
        check_anonymous(consultation.partnership, minutes=minutes)
        consultation.minutes = minutes
        consultation.save(update_fields=["minutes"])
        return consultation
    if involvement_of(case, professional) is None:
        raise InvalidPersonData("professional", "not_involved")
    minutes = _required(minutes, "minutes")
    categories = sorted(set(categories))
    if not categories:
        raise InvalidPersonData("categories", "required")
    context = case_context(case, professional)
    process_all(professional=professional, persons=_members(case.household),
                action=Action.RECORD, categories=categories, context=context)
    consultation.minutes_encrypted = crypto.encrypt(minutes)
    consultation.minutes_categories = categories
    consultation.minutes_recorded_by = professional
    consultation.minutes_purpose = context.purpose
    consultation.save(update_fields=["minutes_encrypted", "minutes_categories",
                                     "minutes_recorded_by", "minutes_purpose"])
    return consultation


@gateway
def consultation_minutes_view(*, professional: Professional, consultation: Consultation) -> str:
    """Read the minutes. Named: the minutes are the meeting's record for its participants, so
    K5 is met; for a reader of another partner than the one that recorded them they are that
    partner's disclosure (S4, ``_reach``); then a VIEW per household member, for those with a
    role in the case (P4) but not an informant."""
    case = consultation.case
    if case is None:
        return consultation.minutes
    if consultation.minutes_encrypted is None:
        return ""
    recorder = consultation.minutes_recorded_by
    if recorder is None or recorder.partner is None:  # minutes from before their recorder
        process_all(professional=professional, persons=_members(case.household),
                    action=Action.VIEW, categories=consultation.minutes_categories,
                    context=case_context(case, professional))
    else:
        _reach(professional, case, owner=recorder.partner, author=recorder,
               categories=list(consultation.minutes_categories),
               purpose=consultation.minutes_purpose or None, permission=True)
    return crypto.decrypt(consultation.minutes_encrypted)


# --- contributions ----------------------------------------------------------------------------


def _participant(consultation: Consultation, professional: Professional) -> Involvement:
    case = _named_case(consultation)
    involvement = involvement_of(case, professional)
    if involvement is None or not ConsultationParticipant._records.filter(
            consultation=consultation, involvement=involvement).exists():
        raise InvalidPersonData("professional", "not_participant")
    return involvement


@gateway
def contribution_add(
    *,
    professional: Professional,
    consultation: Consultation,
    text: str,
    categories: Iterable[str],
    nature: ContributionNature | str,
    permission: bool = False,
) -> Contribution:
    """K5, K8: a participant brings in information owned by its partner, marked fact or
    opinion, with or without permission for others to use it. The policy decides a RECORD of
    its categories under the case's current step, logged per household member; the text is
    encrypted at rest."""
    case = _named_case(consultation)
    _participant(consultation, professional)
    text = _required(text, "text")
    if str(nature) not in ContributionNature.values:
        raise InvalidPersonData("nature", "fact_or_opinion")
    categories = sorted(set(categories))
    if not categories:
        raise InvalidPersonData("categories", "required")
    context = case_context(case, professional)
    decided = process_all(professional=professional, persons=_members(case.household),
                          action=Action.RECORD, categories=categories, context=context)
    label = decided[-1][1].label if decided else ""
    return Contribution._records.create(
        consultation=consultation, owner_partner=own_partner(professional), author=professional,
        content_encrypted=crypto.encrypt(text), categories=categories, nature=str(nature),
        permission=permission, purpose=context.purpose, step=context.step or "",
        covenant_version=label or case.covenant_version,
    )


def _reach(professional: Professional, case: Case, *, owner: Partner, author: Professional,
           categories: list[str], purpose: str | None, permission: bool) -> None:
    """Decide and log that ``professional`` learns what ``author`` (of partner ``owner``)
    brought into the case, per household member. Another partner's data is first a disclosure
    from that partner (its author, in its role in the case) to the reader's partner: S1, S2, S3,
    S4 (consent, legal duty or weighing of the contributing partner), S9, as any disclosure (001
    protocol 6.4; 003 art. 6, 9; 001 Bijlage 2); the police's data keeps its purpose (S11).
    Then the reader's VIEW: P4 (its role in the case; an informant only its own work) and K5
    (the contributor's ``permission``)."""
    reader = own_partner(professional)
    police = _provides_police_data(case.partnership, owner)
    origin = Grounds(origin_purpose=purpose, police_origin_purpose=purpose if police else None)
    members = _members(case.household)
    context = case_context(case, professional)
    grounds = dataclasses.replace(origin, contributor_permission=permission)

    view: dict[str, Any] = {
        "professional": professional, "persons": members, "action": Action.VIEW,
        "categories": categories, "context": context, "grounds": grounds,
        "contributor": owner.key, "author": author.pk}
    # The reader's own refusal (P4, K5) comes first: asked without a log line here, it is
    # logged below; the disclosure is asked only for a reader who may see the data.
    if owner.pk != reader.pk and all(d.allowed for d in preview_all(**view)):
        process_all(professional=author, persons=members, action=Action.DISCLOSE,
                    categories=categories, context=case_context(case, author, purpose),
                    recipient=reader.key, grounds=origin)
    process_all(**view)


def _provides_police_data(partnership: Partnership, partner: Partner) -> bool:
    """S11: the partner provides police data (the covenant's ``police_data``)."""
    return partner.key in policy_index(version_for(partnership)).police_partners


def is_police_data(contribution: Contribution) -> bool:
    return _provides_police_data(contribution.consultation.partnership,
                                 contribution.owner_partner)


def _contribution_reach(professional: Professional, contribution: Contribution,
                        case: Case) -> None:
    _reach(professional, case, owner=contribution.owner_partner, author=contribution.author,
           categories=list(contribution.categories), purpose=contribution.purpose or None,
           permission=contribution.permission)


@gateway
def contribution_view(*, professional: Professional, contribution: Contribution) -> str:
    """Read a contribution's text: another partner's contribution is disclosed to the reader's
    partner and then viewed, each decided and logged per household member
    (``_contribution_reach``)."""
    case = _named_case(contribution.consultation)
    _contribution_reach(professional, contribution, case)
    return crypto.decrypt(contribution.content_encrypted)


@gateway
def contribution_remark_add(
    *,
    professional: Professional,
    contribution: Contribution,
    kind: ContributionRemarkKind | str,
    given_by: Person,
    text: str,
    given_on: dt.date | None = None,
) -> ContributionRemark:
    """K8: the family's reaction to a contribution, or the correction of a factual error in it
    (a contribution marked fact only), recorded beside it by a participant of the consultation
    whose partner owns it, or by the case director. ``given_by`` is a member of the case's
    household. The contribution is not changed; the remark is encrypted at rest and logged as
    case work (a RECORD per household member, with the case reference)."""
    case = _named_case(contribution.consultation)
    if not may_remark(professional, contribution):
        raise InvalidPersonData("professional", "not_contribution_owner_or_director")
    if str(kind) not in ContributionRemarkKind.values:
        raise InvalidPersonData("kind", "unknown")
    if str(kind) == ContributionRemarkKind.CORRECTION and \
            contribution.nature != ContributionNature.FACT:
        raise InvalidPersonData("kind", "correction_of_fact_contribution_only")
    if given_by.pk not in {p.pk for p in _members(case.household)}:
        raise InvalidPersonData("given_by", "not_household_member")
    given_on = given_on or timezone.localdate()
    if given_on > timezone.localdate():
        raise InvalidPersonData("given_on", "future")
    text = _required(text, "text")
    _log_case_work(professional, case)
    return ContributionRemark._records.create(
        contribution=contribution, kind=str(kind), given_by=given_by, given_on=given_on,
        text_encrypted=crypto.encrypt(text), recorded_by=professional)


@dataclass(frozen=True)
class ContributionRemarkView:
    remark: ContributionRemark
    given_by: str  # the household member's name
    text: str


@gateway
def contribution_remarks_view(*, professional: Professional,
                              contribution: Contribution) -> list[ContributionRemarkView]:
    """K8: the family's reactions and corrections beside a contribution, oldest first, for
    whoever may read the contribution: the same decisions as ``contribution_view`` (they are
    about its content), logged when there is a remark to read."""
    case = _named_case(contribution.consultation)
    remarks = list(ContributionRemark._records.filter(contribution=contribution)
                   .select_related("given_by", "recorded_by").order_by("given_on", "pk"))
    if not remarks:
        return []
    _contribution_reach(professional, contribution, case)
    return [ContributionRemarkView(
        r, f"{r.given_by.given_names} {r.given_by.family_name}",
        crypto.decrypt(bytes(r.text_encrypted))) for r in remarks]


# --- action items -----------------------------------------------------------------------------


@gateway
def action_item_add(
    *,
    professional: Professional,
    consultation: Consultation,
    description: str,
    owner: Involvement,
    due: dt.date,
) -> ActionItem:
    """K6: the case director or the chair records an action with its owner, one of the case's
    involvements; only the owner and the case director see it (``action_items_for``)."""
    case = _named_case(consultation)
    if professional.pk not in (case.director_id, consultation.chair_id):
        raise InvalidPersonData("professional", "not_director_or_chair")
    if owner.case_id != case.pk:
        raise InvalidPersonData("owner", "not_in_case")
    description = _required(description, "description")
    _log_case_work(professional, case)
    return ActionItem._records.create(
        consultation=consultation, description_encrypted=crypto.encrypt(description),
        owner=owner, due=due, created_by=professional)


@dataclass(frozen=True)
class ActionItemView:
    item: ActionItem
    description: str


@gateway
def action_items_view(*, professional: Professional,
                      consultation: Consultation) -> list[ActionItemView]:
    """K6: the action items the professional may see (its own, or all for the case director),
    with their descriptions: one VIEW per household member when there is any to read."""
    items = action_items_for(professional, consultation)
    if not items:
        return []
    case = _named_case(consultation)
    # K6: anyone but the case director sees only the actions assigned to it: its own work.
    own = professional.pk != case.director_id
    _log_case_work(professional, case, action=Action.VIEW,
                   author=professional.pk if own else None)
    return [ActionItemView(i, crypto.decrypt(bytes(i.description_encrypted))) for i in items]


# --- reading a case and its consultations -------------------------------------------------------


@dataclass(frozen=True)
class MemberView:
    person_id: int
    given_names: str
    family_name: str
    age: int
    relation: str  # "" when the step does not show the household's composition


@dataclass(frozen=True)
class RepresentativeView:
    child: str
    representative: str
    kind: str


@dataclass(frozen=True)
class CaseView:
    """What a case's page shows about the family, limited to what the step makes visible."""

    members: list[MemberView]
    representatives: list[RepresentativeView]
    categories: list[str]


@gateway
def case_view(*, professional: Professional, case: Case) -> CaseView:
    """P4, S1: the household of a case for one involved in it: names and ages
    (``identiteit``), the relations when the step shows ``gezinssamenstelling``, and the
    minors' representatives when it shows ``gezag-en-maatregelen``. One VIEW per household
    member; not involved, an informant, or a step that shows no identity is refused."""
    index = policy_index(version_for(case.partnership))
    visible = index.step_visible.get(case.step, frozenset())
    members = list(HouseholdMember._records.filter(household=case.household)
                   .select_related("person", "person__partnership").order_by("pk"))
    reps = list(Representative._records.filter(
        child__in=[m.person_id for m in members]).select_related("child", "representative")
        .order_by("pk"))
    categories = ["identiteit"]
    if "gezinssamenstelling" in visible:
        categories.append("gezinssamenstelling")
    if reps and "gezag-en-maatregelen" in visible:
        categories.append("gezag-en-maatregelen")
    process_all(professional=professional, persons=[m.person for m in members],
                action=Action.VIEW, categories=categories,
                context=case_context(case, professional))
    today = timezone.localdate()
    relations = "gezinssamenstelling" in categories
    return CaseView(
        members=[MemberView(m.person_id, m.person.given_names, m.person.family_name,
                            age_on(m.person.birth_date, today),
                            m.relation if relations else "") for m in members],
        representatives=[
            RepresentativeView(f"{r.child.given_names} {r.child.family_name}",
                               f"{r.representative.given_names} {r.representative.family_name}",
                               r.kind)
            for r in reps] if "gezag-en-maatregelen" in categories else [],
        categories=categories,
    )


@gateway
def consultation_agenda_view(*, professional: Professional, consultation: Consultation) -> str:
    """The agenda: anonymous ones are not identifying (K2) and are read as they are; a named
    agenda is personal data, read with a VIEW per household member (P4)."""
    case = consultation.case
    if case is None:
        return consultation.agenda
    if consultation.agenda_encrypted is None:
        return ""
    _log_case_work(professional, case, action=Action.VIEW)
    return crypto.decrypt(bytes(consultation.agenda_encrypted))


@gateway
def consultation_family_informed(*, professional: Professional, consultation: Consultation,
                                 on: dt.date | None = None) -> Consultation:
    """K4, T4: record the day the family was told about a consultation held without them (by
    the professional named to inform them, or the case director)."""
    case = _named_case(consultation)
    if consultation.family_present:
        raise InvalidPersonData("family_present", "family_present")
    if professional.pk not in (consultation.informed_by_id, case.director_id):
        raise InvalidPersonData("professional", "not_informer")
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise InvalidPersonData("informed_on", "future")
    _log_case_work(professional, case)
    consultation.family_informed_on = on
    consultation.save(update_fields=["family_informed_on"])
    return consultation


# --- bringing in a case with its household ----------------------------------------------------


@dataclass(frozen=True)
class MemberInput:
    given_names: str
    family_name: str
    birth_date: dt.date
    relation: str
    bsn: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""


@dataclass(frozen=True)
class RepresentativeInput:
    child: int  # index in the members
    representative: int
    kind: str


@gateway
def case_bring_in(
    *,
    professional: Professional,
    members: Sequence[MemberInput],
    statutory_task: str,
    case_criterion: str,
    representatives: Sequence[RepresentativeInput] = (),
    director: Professional | None = None,
) -> Case:
    """K1 on one flow: register the household's members, their relations and the minors'
    representatives (persons services, each logged), then open the case. Everything the
    covenant does not name is checked before anything is recorded."""
    _open_checks(professional, statutory_task, case_criterion, director)
    if not members:
        raise InvalidPersonData("members", "required")
    for m in members:
        if not m.given_names.strip() or not m.family_name.strip():
            raise InvalidPersonData("family_name" if m.given_names.strip() else "given_names",
                                    "required")
        if m.relation not in MemberRelation.values:
            raise InvalidPersonData("relation", "unknown")
        if m.bsn and not bsn_is_valid(m.bsn):
            raise InvalidPersonData("bsn", "elfproef")
        if m.birth_date > timezone.localdate():
            raise InvalidPersonData("birth_date", "future")
    for r in representatives:
        if not (0 <= r.child < len(members) and 0 <= r.representative < len(members)):
            raise InvalidPersonData("representative", "unknown")
        if r.child == r.representative:
            raise InvalidPersonData("representative", "self")
        if r.kind not in RepresentativeKindChoice.values:
            raise InvalidPersonData("representative_kind", "unknown")
    partner = own_partner(professional)
    version = version_for(partner.partnership)
    index = policy_index(version)
    first = _steps(version)[0]
    purpose = index.step_purpose[first]
    director = director or professional
    # The household is registered for this case: its log lines carry the case reference too,
    # so "everything in one case" starts with the registration (the case is opened last).
    reference = _next_reference(timezone.localdate())
    context = Context(
        purpose=purpose, ground=index.purpose_grounds[purpose].get(partner.key), step=first,
        case_ref=reference,
        case_role=CaseRole.CASE_HOLDER if director == professional else CaseRole.CONTENT)
    people = []
    for m in members:
        people.append(person_register(
            professional=professional, given_names=m.given_names.strip(),
            family_name=m.family_name.strip(), birth_date=m.birth_date,
            categories=["identiteit", "bsn"] if m.bsn else ["identiteit"], context=context,
            bsn=m.bsn, street=m.street.strip(), postal_code=m.postal_code.strip().upper(),
            city=m.city.strip()))
    first_member = members[0]
    household = household_register(
        professional=professional, label=f"Gezin {first_member.family_name.strip()[:1]}.",
        members=[(p, m.relation) for p, m in zip(people, members, strict=True)],
        categories=["gezinssamenstelling"], context=context)
    for r in representatives:
        representative_add(professional=professional, child=people[r.child],
                           representative=people[r.representative], kind=r.kind,
                           categories=["gezag-en-maatregelen"], context=context)
    return _case_open(professional=professional, household=household,
                      statutory_task=statutory_task, case_criterion=case_criterion,
                      director=director, categories=CASE_OPEN_CATEGORIES, reference=reference)


register(
    codes={
        "not_informer": _("only the professional named to inform the family, or the case "
                          "director, may record this."),
        "family_present": _("the family was present at this consultation (K4)."),
        "not_contribution_owner_or_director": _(
            "only a participant of this consultation from the partner that brought in the "
            "contribution, or the case director, may record the family's reaction or "
            "correction (K8)."),
        "correction_of_fact_contribution_only": _(
            "only facts are corrected; add a reaction to an opinion (K8)."),
        "not_household_member": _("this is not a member of the case's household (K8)."),
    },
    fields={
        "statutory_task": _("Statutory task"),
        "case_criterion": _("Case criterion"),
        "director": _("Case director"),
        "household": _("Household"),
        "partner": _("Partner"),
        "invitee": _("Professional"),
        "role": _("Role"),
        "reason": _("Reason"),
        "step": _("Step"),
        "case": _("Case"),
        "kind": _("Kind"),
        "chair": _("Chair"),
        "date": _("Date"),
        "participants": _("Participants"),
        "agenda": _("Agenda"),
        "minutes": _("Minutes"),
        "absence_motivation": _("Why the family is not present"),
        "informed_by": _("Who informs the family"),
        "inform_when": _("When the family is informed"),
        "informed_on": _("Informed on"),
        "family_present": _("Family present"),
        "consultation": _("Consultation"),
        "owner": _("Owner"),
        "due": _("Due date"),
        "description": _("Description"),
        "relation": _("Relation"),
        "representative_kind": _("Kind of representation"),
    },
)
