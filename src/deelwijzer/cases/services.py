"""Cases, involvements, consultations, contributions and action items (K1-K8, C4-C5, P3-P4).

Every processing of personal data goes through the persons gateway: ``_process`` asks the
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

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.cases.anonymity import identifying, vocabulary
from deelwijzer.cases.choices import (
    CaseRoleChoice,
    ConsultationKind,
    ContributionNature,
    InformWhen,
)
from deelwijzer.cases.models import (
    ActionItem,
    Case,
    Consultation,
    ConsultationParticipant,
    Contribution,
    Involvement,
)
from deelwijzer.cases.selectors import action_items_for as action_items_for
from deelwijzer.cases.selectors import case_role_of, involvement_of
from deelwijzer.covenant.models import CovenantVersion, Partner, Partnership
from deelwijzer.covenant.selectors import policy_index, version_covenant
from deelwijzer.persons import crypto
from deelwijzer.persons.models import Household, HouseholdMember, Person
from deelwijzer.persons.services import (
    Context,
    Grounds,
    InvalidPersonData,
    _own_partner,
    _process,
    _version,
    gateway,
)
from deelwijzer.policy import Action, CaseRole

CASE_OPEN_CATEGORIES = ("identiteit", "gezinssamenstelling")


# --- helpers ----------------------------------------------------------------------------------


def _steps(version: CovenantVersion) -> list[str]:
    """C6: the covenant's work-process steps in their order."""
    return [step.id for step in version_covenant(version).steps]


def _members(household: Household) -> list[Person]:
    return list(Person._records.filter(
        pk__in=HouseholdMember._records.filter(household=household).values("person_id"),
    ).order_by("pk"))


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


def _check_anonymous(partnership: Partnership, **texts: str) -> None:
    """K2: refuse identifying input in an anonymous consultation, naming the field."""
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
    index = policy_index(_version(case.partnership))
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
    )


def _next_reference(today: dt.date) -> str:
    prefix = f"C-{today.year}-"
    count = Case._records.filter(reference__startswith=prefix).count()
    return f"{prefix}{count + 1:04d}"


# --- cases ------------------------------------------------------------------------------------


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
    partner = _own_partner(professional)
    partnership = partner.partnership
    director = director or professional
    dossier_partner = _same_partnership(director.partner, partnership, "director")
    if Role.CASE_DIRECTOR not in director.roles:
        raise InvalidPersonData("director", "not_case_director")
    if household.partnership_id != partnership.pk:
        raise InvalidPersonData("household", "other_partnership")
    version = _version(partnership)
    covenant = version_covenant(version)
    own = next((p for p in covenant.partners if p.id == partner.key), None)
    tasks = {t.description for t in own.statutory_tasks} if own else set()
    if _required(statutory_task, "statutory_task") not in tasks:
        raise InvalidPersonData("statutory_task", "not_a_task_of_partner")
    criteria = set(covenant.partnership.case_criteria)
    if _required(case_criterion, "case_criterion") not in criteria and criteria:
        raise InvalidPersonData("case_criterion", "not_in_covenant")
    members = _members(household)
    if not members:
        raise InvalidPersonData("household", "no_members")
    first = _steps(version)[0]
    index = policy_index(version)
    purpose = index.step_purpose[first]
    reference = _next_reference(timezone.localdate())
    context = Context(
        purpose=purpose, ground=index.purpose_grounds[purpose].get(partner.key), step=first,
        case_ref=reference,
        case_role=CaseRole.CASE_HOLDER if director == professional else CaseRole.CONTENT,
    )
    categories = sorted(set(categories))
    for person in members:
        _process(professional=professional, person=person, action=Action.RECORD,
                 categories=categories, context=context)
    case = Case._records.create(
        reference=reference, partnership=partnership, initiating_partner=partner,
        statutory_task=statutory_task.strip(), case_criterion=case_criterion.strip(),
        director=director, dossier_partner=dossier_partner, step=first, household=household,
        covenant_version=version.label, opened_by=professional,
    )
    Involvement._records.create(case=case, partner=dossier_partner, professional=director,
                                role=CaseRoleChoice.CASE_HOLDER, reason="case director",
                                invited_by=professional)
    if director != professional:
        Involvement._records.create(case=case, partner=partner, professional=professional,
                                    role=CaseRoleChoice.CONTENT, reason="initiating partner",
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
    return Involvement._records.create(case=case, partner=partner, professional=invitee,
                                       role=str(role), reason=reason, invited_by=professional)


@gateway
def case_step_advance(*, professional: Professional, case: Case, to_step: str) -> Case:
    """C6: the case director moves the case to the next step of the covenant, only in order."""
    if case.director_id != professional.pk:
        raise InvalidPersonData("professional", "not_case_director")
    if case.closed_at is not None:
        raise InvalidPersonData("case", "closed")
    steps = _steps(_version(case.partnership))
    position = steps.index(case.step) if case.step in steps else -1
    if position < 0 or position + 1 >= len(steps) or steps[position + 1] != to_step:
        raise InvalidPersonData("step", "not_next")
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
    partnership = _own_partner(professional).partnership
    _same_partnership(chair.partner, partnership, "chair")
    if str(kind) == ConsultationKind.ANONYMOUS:
        if case is not None:
            raise InvalidPersonData("case", "anonymous")
        if list(participants):
            raise InvalidPersonData("participants", "anonymous")
        _check_anonymous(partnership, agenda=agenda)
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
    if not family_present:
        motivation, informer, when = _absence(case, absence_motivation, informed_by, inform_when)
    consultation = Consultation._records.create(
        case=case, partnership=partnership, kind=ConsultationKind.NAMED, date=date, chair=chair,
        family_present=family_present, absence_motivation=motivation, informed_by=informer,
        inform_when=when, agenda=agenda, scheduled_by=professional)
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
        _check_anonymous(consultation.partnership, minutes=minutes)
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
    for person in _members(case.household):
        _process(professional=professional, person=person, action=Action.RECORD,
                 categories=categories, context=context)
    consultation.minutes_encrypted = crypto.encrypt(minutes)
    consultation.minutes_categories = categories
    consultation.save(update_fields=["minutes_encrypted", "minutes_categories"])
    return consultation


@gateway
def consultation_minutes_view(*, professional: Professional, consultation: Consultation) -> str:
    """Read the minutes. Named: a VIEW per household member, for those with a role in the case
    (P4) but not an informant. The minutes are the meeting's record for its participants, so
    no contributor's permission (K5) is asked: contributions carry their own."""
    case = consultation.case
    if case is None:
        return consultation.minutes
    if consultation.minutes_encrypted is None:
        return ""
    context = case_context(case, professional)
    for person in _members(case.household):
        _process(professional=professional, person=person, action=Action.VIEW,
                 categories=consultation.minutes_categories, context=context)
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
    label = ""
    for person in _members(case.household):
        _decision, version = _process(professional=professional, person=person,
                                      action=Action.RECORD, categories=categories,
                                      context=context)
        label = version.label
    return Contribution._records.create(
        consultation=consultation, owner_partner=_own_partner(professional), author=professional,
        content_encrypted=crypto.encrypt(text), categories=categories, nature=str(nature),
        permission=permission, purpose=context.purpose, step=context.step or "",
        covenant_version=label or case.covenant_version,
    )


@gateway
def contribution_view(*, professional: Professional, contribution: Contribution) -> str:
    """Read a contribution's text (logged as a VIEW per household member). P4: the actor's role
    comes from its Involvement; not involved is refused. K5: another partner's contribution
    only with its owner's permission."""
    case = _named_case(contribution.consultation)
    context = case_context(case, professional)
    grounds = Grounds(contributor_permission=contribution.permission)
    for person in _members(case.household):
        _process(professional=professional, person=person, action=Action.VIEW,
                 categories=contribution.categories, context=context, grounds=grounds,
                 contributor=contribution.owner_partner.key)
    return crypto.decrypt(contribution.content_encrypted)


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
    return ActionItem._records.create(
        consultation=consultation, description=_required(description, "description"),
        owner=owner, due=due, created_by=professional)
