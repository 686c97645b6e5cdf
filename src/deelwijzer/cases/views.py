"""Screens for cases and consultations (K1-K8, C4-C6, P3, P4).

Views call ``deelwijzer.cases.services`` for every write and every read of content, and
``deelwijzer.cases.selectors`` for lists without content. A case, consultation or contribution
the user is not involved in is a 404 (they may not know it exists). Input errors land on their
field; a refusal shows its reasons with their articles (``ui/_refusal.html``), status 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.cases import selectors, services
from deelwijzer.cases.choices import CaseRoleChoice, InformWhen, MemberRelation
from deelwijzer.cases.forms import (
    AbsenceForm,
    ActionItemForm,
    AnonymousForm,
    BringInForm,
    CaseFilterForm,
    ContributionForm,
    ContributionRemarkForm,
    InformedForm,
    InvolveForm,
    MinutesForm,
    ScheduleForm,
)
from deelwijzer.covenant.models import Partner, Partnership
from deelwijzer.covenant.schema import Covenant
from deelwijzer.covenant.selectors import version_covenant, version_in_force
from deelwijzer.paging import page_window, pager
from deelwijzer.persons.errors import form_error, invalid_message, refusal_body
from deelwijzer.persons.gateway import InvalidPersonData, NoCovenantInForce, ProcessingRefused
from deelwijzer.persons.services import bsn_is_valid
from deelwijzer.selectors import Window

Case = Any  # instances come from selectors; the models module is not imported here
Consultation = Any


def _me(request: HttpRequest) -> Professional:
    return request.user  # type: ignore[return-value]


def _partnership(request: HttpRequest) -> Partnership:
    partner = _me(request).partner
    if partner is None:
        raise Http404
    return partner.partnership


def _covenant(partnership: Partnership) -> Covenant:
    version = version_in_force(partnership)
    if version is None:
        raise NoCovenantInForce
    return version_covenant(version)


def _case(request: HttpRequest, pk: int) -> Case:
    case = selectors.case_for(_me(request), pk)
    if case is None:
        raise Http404
    return case


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    consultation = selectors.consultation_for(_me(request), pk)
    if consultation is None:
        raise Http404
    return consultation


def _name(professional: Professional) -> str:
    return professional.get_full_name() or professional.username


def _professionals(partnership: Partnership) -> list[Professional]:
    return list(Professional.objects.filter(
        partner__partnership=partnership, is_active=True).select_related("partner")
        .order_by("partner__name", "last_name", "first_name"))


def _person_choices(people: list[Professional]) -> list[tuple[str, str]]:
    return [(str(p.pk), f"{_name(p)} ({p.partner})") for p in people]


def _involvement_label(involvement: Any) -> str:
    who = _name(involvement.professional) if involvement.professional else _("no one named yet")
    return f"{who}, {involvement.partner.name} ({CaseRoleChoice(involvement.role).label})"


def _refused(request: HttpRequest, error: ProcessingRefused, back: str) -> HttpResponse:
    return render(request, "cases/refused.html",
                  {"refusal": refusal_body(error), "back": back}, status=403)


@dataclass(frozen=True)
class StepInfo:
    id: str
    name: str
    purpose: str
    record: tuple[tuple[str, str], ...]
    share: tuple[tuple[str, str], ...]
    next_id: str | None
    next_name: str | None


# A step as the screens and the API show it, per covenant text (its hash) and step id: a list
# of 50 cases asks it 50 times.
_STEPS: dict[tuple[str, str], StepInfo] = {}


def _step(case: Case) -> StepInfo:
    version = version_in_force(case.partnership)
    if version is None:
        raise NoCovenantInForce
    key = (version.source_sha256, case.step)
    found = _STEPS.get(key)
    if found is None:
        if len(_STEPS) > 1000:
            _STEPS.clear()
        found = _STEPS[key] = _step_info(version_covenant(version), case.step)
    return found


def _step_info(covenant: Covenant, step_id: str) -> StepInfo:
    names = {c.id: c.name for c in covenant.data_categories}
    purposes = {p.id: p.name for p in covenant.purposes}
    steps = list(covenant.steps)
    position = next((i for i, s in enumerate(steps) if s.id == step_id), None)
    if position is None:
        return StepInfo(step_id, step_id, "", (), (), None, None)
    step = steps[position]
    following = steps[position + 1] if position + 1 < len(steps) else None
    return StepInfo(step.id, step.name, purposes.get(step.purpose, step.purpose),
                    tuple((c, names.get(c, c)) for c in step.record),
                    tuple((c, names.get(c, c)) for c in step.share),
                    following.id if following else None, following.name if following else None)


def _category_names(partnership: Partnership) -> dict[str, str]:
    return {c.id: c.name for c in _covenant(partnership).data_categories}


# --- cases --------------------------------------------------------------------------------------


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    partnership = me.partner.partnership if me.partner else None
    covenant = _covenant(partnership) if partnership else None
    steps = {s.id: s.name for s in covenant.steps} if covenant else {}
    partners = {p.id: p.name for p in covenant.partners} if covenant else {}
    form = CaseFilterForm(request.GET or None, steps=steps, partners=partners)
    wanted = form.cleaned_data if form.is_valid() else {}
    listing = selectors.cases_for(
        me, search=wanted.get("search", ""), step=wanted.get("step", ""),
        state=wanted.get("state", ""), partner=wanted.get("partner", ""),
        order=wanted.get("order") or "recent", window=page_window(request))
    rows = [{"case": case,
             "role": CaseRoleChoice(role).label if (role := getattr(case, "my_role", "")) else "",
             "step": steps.get(case.step, case.step),
             "uninformed": selectors.uninformed_consultations(case)} for case in listing.rows]
    return render(request, "cases/list.html", {
        "rows": rows, "form": form, "pager": pager(request, listing),
        "filtered": bool(wanted and any(wanted.get(k) for k in (
            "search", "step", "state", "partner"))),
        "can_open": me.partner is not None})


def _bring_in_form(request: HttpRequest, data: Any = None) -> BringInForm:
    me = _me(request)
    partner = me.partner
    if partner is None:
        raise Http404
    form = BringInForm(data, tasks=services.statutory_tasks_of(partner),
                       criteria=services.case_criteria(partner.partnership),
                       initial={"relation_1": MemberRelation.CHILD})
    if Role.CASE_DIRECTOR not in me.roles:
        directors = [p for p in _professionals(partner.partnership)
                     if Role.CASE_DIRECTOR in p.roles]
        form.fields["director"] = forms.ChoiceField(
            label=_("Case director"), choices=[("", "—"), *_person_choices(directors)],
            help_text=_("The case director's organisation keeps the dossier (C5)."))
    return form


@login_required
def case_open(request: HttpRequest) -> HttpResponse:
    """K1: bring in a case: the household on the same flow, then the case."""
    form = _bring_in_form(request, request.POST if request.method == "POST" else None)
    refusal = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            numbers = form.member_numbers()
            data = form.cleaned_data
            for n in numbers:
                if data[f"bsn_{n}"] and not bsn_is_valid(data[f"bsn_{n}"]):
                    form.add_error(f"bsn_{n}", _(
                        "this is not a valid BSN (it fails the eleven test)."))
        if form.is_valid():
            position = {n: i for i, n in enumerate(numbers)}
            members = [services.MemberInput(
                given_names=data[f"given_names_{n}"], family_name=data[f"family_name_{n}"],
                birth_date=data[f"birth_date_{n}"], relation=data[f"relation_{n}"],
                bsn=data[f"bsn_{n}"], street=data[f"street_{n}"],
                postal_code=data[f"postal_code_{n}"], city=data[f"city_{n}"]) for n in numbers]
            representatives = [
                services.RepresentativeInput(position[n], position[int(rep)],
                                             data[f"representative_kind_{n}"])
                for n in numbers for rep in data[f"representatives_{n}"]]
            director = None
            if "director" in data:
                director = Professional.objects.filter(pk=data["director"]).first()
            try:
                case = services.case_bring_in(
                    professional=_me(request), members=members, representatives=representatives,
                    statutory_task=data["statutory_task"], case_criterion=data["case_criterion"],
                    director=director)
            except InvalidPersonData as error:
                _member_error(form, error, numbers)
            except ProcessingRefused as error:
                refusal, status = refusal_body(error), 403
            else:
                messages.success(request, _("Case %(reference)s is brought in.") % {
                    "reference": case.reference})
                if case.director_id != _me(request).pk:
                    return redirect("cases:list")
                return redirect("cases:detail", pk=case.pk)
        if refusal is None:
            status = 400
    return render(request, "cases/open.html", {
        "form": form, "refusal": refusal, "members": form.member_sets()}, status=status)


def _member_error(form: BringInForm, error: InvalidPersonData, numbers: list[int]) -> None:
    for n in numbers:
        if f"{error.field}_{n}" in form.fields:
            form.add_error(f"{error.field}_{n}", invalid_message(error).split(": ", 1)[-1])
            return
    form_error(form, error)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    me = _me(request)
    household, refusal = None, None
    try:
        household = services.case_view(professional=me, case=case)
    except ProcessingRefused as error:
        refusal = refusal_body(error)
    involvements = list(selectors.involvement_list(case))
    consultations = selectors.consultations_of(case)
    actions = [{"item": item, "consultation": item.consultation}
               for item in selectors.case_action_items_for(me, case)]
    return render(request, "cases/detail.html", {
        "case": case, "household": household, "refusal": refusal,
        "relations": dict(MemberRelation.choices),
        "involvements": [{"involvement": i, "role": CaseRoleChoice(i.role).label}
                         for i in involvements],
        "step": _step(case), "consultations": consultations, "actions": actions,
        "uninformed": selectors.uninformed_consultations(case),
        "is_director": case.director_id == me.pk, "today": timezone.localdate(),
        "inform_when": dict(InformWhen.choices),
    })


def _involve_form(case: Case, data: Any = None) -> InvolveForm:
    partners = Partner.objects.filter(partnership=case.partnership).order_by("name")
    return InvolveForm(
        data,
        partners=[(p.key, f"{p.name}" + (f" ({_('shell partner')})" if p.is_shell else ""))
                  for p in partners],
        professionals=_person_choices(_professionals(case.partnership)))


@login_required
def case_involve(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = _involve_form(case, request.POST if request.method == "POST" else None)
    refusal, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            partner = Partner.objects.filter(partnership=case.partnership,
                                             key=data["partner"]).first()
            invitee = (Professional.objects.filter(pk=data["invitee"]).first()
                       if data["invitee"] else None)
            try:
                if partner is None:
                    raise InvalidPersonData("partner", "unknown")
                services.case_involve(professional=_me(request), case=case, partner=partner,
                                      role=data["role"], reason=data["reason"], invitee=invitee)
            except InvalidPersonData as error:
                form_error(form, error)
            except ProcessingRefused as error:
                refusal, status = refusal_body(error), 403
            else:
                messages.success(request, _("%(partner)s is involved in the case.") % {
                    "partner": partner.name if partner else ""})
                return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {
        "title": _("Involve a partner in %(reference)s") % {"reference": case.reference},
        "intro": _("Choose partners by necessity, each with a role and a reason (K3). Shell "
                   "partners take part only with a named professional who signed the "
                   "confidentiality declaration (C4, P3)."),
        "form": form, "submit": _("Involve"), "refusal": refusal,
        "back": reverse("cases:detail", args=[case.pk]),
    }, status=status)


def _case_action(request: HttpRequest, pk: int, action: Callable[[Case], Any],
                 done: str) -> HttpResponse:
    case = _case(request, pk)
    back = reverse("cases:detail", args=[case.pk])
    try:
        action(case)
    except InvalidPersonData as error:
        messages.error(request, invalid_message(error))
    except ProcessingRefused as error:
        return _refused(request, error, back)
    else:
        messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def case_advance(request: HttpRequest, pk: int) -> HttpResponse:
    to_step = request.POST.get("to_step", "")
    return _case_action(request, pk, lambda case: services.case_step_advance(
        professional=_me(request), case=case, to_step=to_step),
        _("The case moved to the next step."))


@login_required
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_action(request, pk, lambda case: services.case_close(
        professional=_me(request), case=case), _("The case is closed."))


# --- consultations ------------------------------------------------------------------------------


RECENT = 20  # past consultations on the consultations page


@login_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    me = _me(request)
    upcoming = selectors.consultations_for(me, from_day=today, window=page_window(request))
    return render(request, "cases/consultations.html", {
        "upcoming": upcoming.rows, "pager": pager(request, upcoming),
        "recent": selectors.consultations_for(me, before_day=today,
                                              window=Window(0, RECENT)).rows,
        "can_schedule": me.partner is not None,
    })


def _informers(case: Case) -> list[tuple[str, str]]:
    return [(str(i.professional.pk), f"{_name(i.professional)} ({i.partner.name})")
            for i in selectors.involvement_list(case) if i.professional]


def _chairs(partnership: Partnership) -> list[tuple[str, str]]:
    return _person_choices([p for p in _professionals(partnership)
                            if p.roles & {Role.CHAIR, Role.CASE_DIRECTOR}])


def _professional(pk: str, partnership: Partnership) -> Professional | None:
    if not pk:
        return None
    return Professional.objects.filter(pk=pk, partner__partnership=partnership).first()


@login_required
def consultation_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    involvements = [i for i in selectors.involvement_list(case) if i.professional]
    form = ScheduleForm(
        request.POST if request.method == "POST" else None,
        chairs=_chairs(case.partnership), informers=_informers(case),
        involvements=[(str(i.pk), _involvement_label(i)) for i in involvements],
        initial={"chair": str(_me(request).pk), "family_present": "yes",
                 "participants": [str(i.pk) for i in involvements]})
    refusal, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            chosen = {str(i.pk): i for i in involvements}
            try:
                chair = _professional(data["chair"], case.partnership)
                if chair is None:
                    raise InvalidPersonData("chair", "required")
                consultation = services.consultation_schedule(
                    professional=_me(request), kind="named", date=data["date"], chair=chair,
                    case=case, participants=[chosen[p] for p in data["participants"]],
                    agenda=data["agenda"], family_present=data["family_present"],
                    absence_motivation=data["absence_motivation"],
                    informed_by=_professional(data["informed_by"], case.partnership),
                    inform_when=data["inform_when"])
            except InvalidPersonData as error:
                form_error(form, error)
            except ProcessingRefused as error:
                refusal, status = refusal_body(error), 403
            else:
                messages.success(request, _("The consultation is scheduled."))
                return redirect("cases:consultation", pk=consultation.pk)
    return render(request, "cases/form.html", {
        "title": _("Schedule a consultation for %(reference)s") % {
            "reference": case.reference},
        "intro": _("Talk with the family, not about them (K4). Without the family, record why, "
                   "who informs them and when: beforehand, afterwards only if unavoidable."),
        "form": form, "submit": _("Schedule"), "refusal": refusal,
        "back": reverse("cases:detail", args=[case.pk]),
    }, status=status)


@login_required
def consultation_anonymous(request: HttpRequest) -> HttpResponse:
    """K2: an anonymous consultation (casuïstiekoverleg)."""
    partnership = _partnership(request)
    form = AnonymousForm(request.POST if request.method == "POST" else None,
                         chairs=_chairs(partnership), initial={"chair": str(_me(request).pk)})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                chair = _professional(data["chair"], partnership)
                if chair is None:
                    raise InvalidPersonData("chair", "required")
                consultation = services.consultation_schedule(
                    professional=_me(request), kind="anonymous", date=data["date"],
                    chair=chair, agenda=data["agenda"])
            except InvalidPersonData as error:
                form_error(form, error)
            else:
                messages.success(request, _("The anonymous consultation is scheduled."))
                return redirect("cases:consultation", pk=consultation.pk)
    return render(request, "cases/form.html", {
        "title": _("Start an anonymous consultation"),
        "intro": _("Ask advice without identifying the family (K2): nothing that identifies "
                   "anyone is stored. The check on names, BSN, postal codes and dates is a "
                   "guard rail, not a guarantee."),
        "form": form, "submit": _("Schedule"),
        "back": reverse("cases:consultations"),
    }, status=status)


def _step_categories(consultation: Consultation) -> list[tuple[str, str]]:
    return list(_step(consultation.case).record)


def _consultation_page(request: HttpRequest, consultation: Consultation, *,
                       status: int = 200, refusal: dict[str, Any] | None = None,
                       bound: dict[str, forms.Form] | None = None) -> HttpResponse:
    bound = bound or {}
    me = _me(request)
    case = consultation.case
    context: dict[str, Any] = {"consultation": consultation, "refusal": refusal,
                               "today": timezone.localdate()}
    if case is None:
        context["minutes_form"] = bound.get("minutes_form") or MinutesForm(
            initial={"minutes": consultation.minutes})
        return render(request, "cases/consultation_anonymous.html", context, status=status)
    involvement = selectors.involvement_of(case, me)
    is_director = case.director_id == me.pk
    names = _category_names(case.partnership)
    try:
        context["agenda"] = services.consultation_agenda_view(professional=me,
                                                              consultation=consultation)
    except ProcessingRefused as error:
        context["agenda_refusal"] = refusal_body(error)
    try:
        context["actions"] = services.action_items_view(professional=me,
                                                        consultation=consultation)
    except ProcessingRefused as error:
        context["actions_refusal"] = refusal_body(error)
    contributions = []
    for contribution in selectors.contributions_of(consultation).rows:
        mine = me.partner_id == contribution.owner_partner_id
        contributions.append({
            "contribution": contribution, "mine": mine,
            "open": mine or contribution.permission,
            "categories": [names.get(c, c) for c in contribution.categories],
        })
    participant = selectors.is_participant(consultation, me)
    categories = _step_categories(consultation)
    informers = _informers(case)
    context.update({
        "case": case, "step": _step(case), "participants": [
            _involvement_label(i) for i in selectors.participants(consultation)],
        "contributions": contributions, "is_participant": participant,
        "is_director": is_director, "involved": involvement is not None,
        "minutes_categories": [names.get(c, c) for c in consultation.minutes_categories],
        "inform_when": dict(InformWhen.choices),
        "may_record_informed": (not consultation.family_present
                                and consultation.family_informed_on is None
                                and me.pk in (consultation.informed_by_id, case.director_id)),
    })
    if participant:
        context["contribution_form"] = bound.get("contribution_form") or ContributionForm(
            categories=categories)
    if involvement is not None:
        context["minutes_form"] = bound.get("minutes_form") or MinutesForm(
            categories=categories)
        if consultation.family_present:
            context["absence_form"] = bound.get("absence_form") or AbsenceForm(
                informers=informers)
    if is_director or consultation.chair_id == me.pk:
        owners = [(str(i.pk), _involvement_label(i))
                  for i in selectors.involvement_list(case)]
        context["action_form"] = bound.get("action_form") or ActionItemForm(owners=owners)
    if context["may_record_informed"]:
        context["informed_form"] = bound.get("informed_form") or InformedForm(
            initial={"informed_on": timezone.localdate()})
    return render(request, "cases/consultation.html", context, status=status)


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _consultation_page(request, _consultation(request, pk))


def _consultation_post(request: HttpRequest, pk: int, key: str,
                       make: Callable[[Consultation, Any], forms.Form],
                       act: Callable[[Consultation, dict[str, Any]], Any],
                       done: str) -> HttpResponse:
    consultation = _consultation(request, pk)
    form = make(consultation, request.POST)
    if form.is_valid():
        try:
            act(consultation, form.cleaned_data)
        except InvalidPersonData as error:
            form_error(form, error)
        except ProcessingRefused as error:
            return _consultation_page(request, consultation, status=403,
                                      refusal=refusal_body(error), bound={key: form})
        else:
            messages.success(request, done)
            return redirect("cases:consultation", pk=consultation.pk)
    return _consultation_page(request, consultation, status=400, bound={key: form})


@login_required
@require_POST
def contribution_add(request: HttpRequest, pk: int) -> HttpResponse:
    def make(c: Consultation, data: Any) -> forms.Form:
        if c.case is None:  # K2: an anonymous consultation takes no contributions
            raise Http404
        return ContributionForm(data, categories=_step_categories(c))

    return _consultation_post(
        request, pk, "contribution_form", make,
        lambda c, d: services.contribution_add(
            professional=_me(request), consultation=c, text=d["text"],
            categories=d["categories"], nature=d["nature"], permission=d["permission"]),
        _("Your contribution is recorded."))


@login_required
@require_POST
def minutes_record(request: HttpRequest, pk: int) -> HttpResponse:
    def make(c: Consultation, data: Any) -> forms.Form:
        return MinutesForm(data, categories=None if c.case is None else _step_categories(c))

    return _consultation_post(
        request, pk, "minutes_form", make,
        lambda c, d: services.consultation_minutes_record(
            professional=_me(request), consultation=c, minutes=d["minutes"],
            categories=d.get("categories", [])),
        _("The minutes are recorded."))


@login_required
@require_POST
def absence_record(request: HttpRequest, pk: int) -> HttpResponse:
    def make(c: Consultation, data: Any) -> forms.Form:
        if c.case is None:
            raise Http404
        return AbsenceForm(data, informers=_informers(c.case))

    return _consultation_post(
        request, pk, "absence_form", make,
        lambda c, d: services.consultation_record_family_absence(
            professional=_me(request), consultation=c, motivation=d["absence_motivation"],
            informed_by=_professional(d["informed_by"], c.partnership),
            inform_when=d["inform_when"]),
        _("The family's absence is recorded."))


@login_required
@require_POST
def family_informed(request: HttpRequest, pk: int) -> HttpResponse:
    return _consultation_post(
        request, pk, "informed_form", lambda c, data: InformedForm(data),
        lambda c, d: services.consultation_family_informed(
            professional=_me(request), consultation=c, on=d["informed_on"]),
        _("Recorded: the family is informed."))


@login_required
@require_POST
def action_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    def make(c: Consultation, data: Any) -> forms.Form:
        if c.case is None:
            raise Http404
        return ActionItemForm(data, owners=[
            (str(i.pk), _involvement_label(i))
            for i in selectors.involvement_list(c.case)])

    def act(c: Consultation, d: dict[str, Any]) -> Any:
        owner = selectors.involvement_in(c.case, int(d["owner"]))
        if owner is None:
            raise InvalidPersonData("owner", "not_in_case")
        return services.action_item_add(professional=_me(request), consultation=c,
                                        description=d["description"], owner=owner,
                                        due=d["due"])

    return _consultation_post(request, pk, "action_form", make, act,
                              _("The action is added."))


@login_required
def minutes_view(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    back = reverse("cases:consultation", args=[consultation.pk])
    try:
        minutes = services.consultation_minutes_view(professional=_me(request),
                                                     consultation=consultation)
    except ProcessingRefused as error:
        return _refused(request, error, back)
    return render(request, "cases/text.html", {
        "title": _("Minutes of the consultation of %(date)s") % {
            "date": consultation.date.strftime("%d-%m-%Y")},
        "text": minutes, "back": back,
        "note": _("Reading the minutes is recorded in the processing log."),
    })


Contribution = Any


def _family(request: HttpRequest, contribution: Contribution) -> list[tuple[str, str]]:
    """The household members who may react (their names read through ``case_view``)."""
    view = services.case_view(professional=_me(request), case=contribution.consultation.case)
    return [(str(m.person_id), f"{m.given_names} {m.family_name}") for m in view.members]


def _contribution_page(request: HttpRequest, contribution: Contribution, *,
                       form: forms.Form | None = None, refusal: Any = None,
                       status: int = 200) -> HttpResponse:
    me = _me(request)
    back = reverse("cases:consultation", args=[contribution.consultation_id])
    try:
        text = services.contribution_view(professional=me, contribution=contribution)
        remarks = services.contribution_remarks_view(professional=me, contribution=contribution)
    except ProcessingRefused as error:
        return _refused(request, error, back)
    if form is None and refusal is None and selectors.may_remark(me, contribution):
        try:
            family = _family(request, contribution)
        except ProcessingRefused as error:
            refusal = refusal_body(error)
        else:
            form = ContributionRemarkForm(family=family,
                                          initial={"given_on": timezone.localdate()})
    return render(request, "cases/contribution.html", {
        "title": _("Contribution of %(partner)s") % {"partner": contribution.owner_partner.name},
        "text": text, "back": back, "contribution": contribution, "remarks": remarks,
        "corrected": any(r.remark.kind == "correction" for r in remarks),
        "remark_form": form, "refusal": refusal,
        "note": _("Reading a contribution is recorded in the processing log."),
        "police_data": services.is_police_data(contribution),
    }, status=status)


def _contribution(request: HttpRequest, pk: int) -> Contribution:
    contribution = selectors.contribution_for(_me(request), pk)
    if contribution is None:
        raise Http404
    return contribution


@login_required
def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _contribution_page(request, _contribution(request, pk))


@login_required
@require_POST
def contribution_remark_add(request: HttpRequest, pk: int) -> HttpResponse:
    """K8: record the family's reaction or correction beside a contribution."""
    contribution = _contribution(request, pk)
    me = _me(request)
    if not selectors.may_remark(me, contribution):
        raise Http404
    try:
        family = _family(request, contribution)
    except ProcessingRefused as error:
        return _contribution_page(request, contribution, refusal=refusal_body(error),
                                  status=403)
    form = ContributionRemarkForm(request.POST, family=family)
    if form.is_valid():
        d = form.cleaned_data
        try:
            given_by = selectors.household_member_of(contribution.consultation.case,
                                                     int(d["given_by"]))
            if given_by is None:
                raise InvalidPersonData("given_by", "not_household_member")
            services.contribution_remark_add(
                professional=me, contribution=contribution, kind=d["kind"],
                given_by=given_by, text=d["text"], given_on=d["given_on"])
        except InvalidPersonData as error:
            form_error(form, error)
        except ProcessingRefused as error:
            return _contribution_page(request, contribution, form=form,
                                      refusal=refusal_body(error), status=403)
        else:
            messages.success(request, _("Recorded beside the contribution."))
            return redirect("cases:contribution", pk=contribution.pk)
    return _contribution_page(request, contribution, form=form, status=400)
