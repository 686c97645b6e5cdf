"""Screens for consent (S5, S6), sharing without consent (S7), informing (T1, T3, T4, K4) and
the family's remarks (K8). Every read of content and every write goes through the persons
services (asked of the decision point, logged); lists come from selectors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijzer.accounts.models import Professional
from deelwijzer.cases.services import case_context
from deelwijzer.consent import selectors
from deelwijzer.consent import services as consent_services
from deelwijzer.covenant.schema import Covenant
from deelwijzer.covenant.selectors import version_covenant, version_in_force
from deelwijzer.paging import page_window, pager
from deelwijzer.persons import gateway
from deelwijzer.persons import selectors as persons_selectors
from deelwijzer.persons import services as persons
from deelwijzer.persons.choices import WEIGHING_LABELS
from deelwijzer.persons.errors import invalid_message, refusal_body
from deelwijzer.selectors import listing_of

from .forms import (
    ConsentForm,
    InformingForm,
    JustificationForm,
    PersonSearchForm,
    RemarkForm,
    ReminderFilterForm,
    WithdrawForm,
)

GIVERS_TEXT = {
    "representatives": gettext_lazy(
        "For a child under %(below)s the legal representative(s) give consent (S6)."),
    "child_and_representative": gettext_lazy(
        "For a child from %(below)s up to %(alone)s both the child and a legal representative "
        "give consent (S6)."),
    "subject": gettext_lazy("From %(alone)s a person gives consent personally (S6)."),
}


def _user(request: HttpRequest) -> Professional:
    user = request.user
    assert isinstance(user, Professional)
    return user


def _covenant(professional: Professional) -> Covenant:
    partner = professional.partner
    version = version_in_force(partner.partnership) if partner else None
    if version is None:
        raise Http404
    return version_covenant(version)


def _person(request: HttpRequest, pk: int | str | None) -> Any:
    try:
        number = int(pk or "")
    except ValueError:
        raise Http404 from None
    person = selectors.person_visible_to(_user(request), number)
    if person is None:
        raise Http404
    return person


def _put_error(form: forms.Form, error: gateway.InvalidPersonData) -> None:
    """The service's input error beside the field it names, naming field and rule."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, invalid_message(error))


def _givers_hint(person: Any, covenant: Covenant) -> str:
    needed = consent_services.consent_givers_required(person)
    return str(GIVERS_TEXT[needed]) % {"below": covenant.consent.representatives_only_below,
                                     "alone": covenant.consent.child_alone_from}


def _name(person: Any) -> str:
    return f"{person.given_names} {person.family_name}"


# --- a person's consents ------------------------------------------------------------------------


@login_required
def person_page(request: HttpRequest, pk: int) -> HttpResponse:
    professional = _user(request)
    person = _person(request, pk)
    covenant = _covenant(professional)
    consents = persons_selectors.consents_of(person)
    events = persons_selectors.consent_events_of(person)
    rows = [{"consent": c, "status": persons_selectors.consent_status(c),
             "events": events.get(c.pk, []), "givers": list(c.given_by.all())}
            for c in consents]
    dues = [d for d in selectors.informing_due_for(professional) if d.person.pk == person.pk]
    return render(request, "consent/person.html", {
        "person": person, "rows": rows, "givers_hint": _givers_hint(person, covenant),
        "representatives": persons_selectors.representatives_of(person),
        "justifications": persons_selectors.justifications_of(person),
        "informings": persons_selectors.informings_of(person),
        "dues": dues, "names": _names(covenant),
    })


def _names(covenant: Covenant) -> dict[str, dict[str, str]]:
    return {"purposes": {p.id: p.name for p in covenant.purposes},
            "categories": {c.id: c.name for c in covenant.data_categories},
            "partners": {p.id: p.name for p in covenant.partners}}


@login_required
def persons_page(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    search = form.cleaned_data["search"] if form.is_valid() else ""
    listing = selectors.persons_search(_user(request), search, window=page_window(request))
    return render(request, "consent/persons.html", {
        "people": listing.rows, "form": form, "pager": pager(request, listing),
        "filtered": bool(search)})


# --- recording a consent ------------------------------------------------------------------------


def _prefill(request: HttpRequest) -> dict[str, Any]:
    """``?person=<pk>&purpose=<id>&categories=a,b&recipient=<partner key>`` from "Mag ik dit
    delen?"."""
    query = request.GET
    initial: dict[str, Any] = {}
    if query.get("purpose"):
        initial["purpose"] = query["purpose"]
    if query.get("categories"):
        initial["categories"] = [c for c in query["categories"].split(",") if c]
    if query.get("recipient"):
        initial["recipients"] = [query["recipient"]]
    return initial


def _colleagues(professional: Professional) -> list[tuple[str, str]]:
    others = Professional.objects.filter(partner=professional.partner, is_active=True)
    return [(str(p.pk), p.get_full_name() or p.username)
            for p in sorted(others, key=lambda p: (p.pk != professional.pk, p.pk))]


@login_required
def record(request: HttpRequest) -> HttpResponse:
    professional = _user(request)
    person = _person(request, request.GET.get("person") or request.POST.get("person"))
    covenant = _covenant(professional)
    givers = [person, *persons_selectors.representatives_of(person)]
    choices = [(str(p.pk), _name(p) + ("" if p.pk == person.pk else " " + _("(representative)")))
               for p in givers]
    kwargs: dict[str, Any] = {"covenant": covenant, "givers": choices,
                              "colleagues": _colleagues(professional)}
    refusal = None
    today = timezone.localdate()
    if request.method == "POST":
        form = ConsentForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            upload = data["evidence"]
            evidence = consent_services.Evidence(upload.name, upload.read()) if upload else None
            by = {str(p.pk): p for p in givers}
            obtained = Professional.objects.filter(pk=data["obtained_by"],
                                                   partner=professional.partner).first()
            try:
                consent_services.consent_record(
                    professional=professional, person=person,
                    given_by=[by[pk] for pk in data["given_by"]], purpose=data["purpose"],
                    categories=data["categories"], recipients=data["recipients"],
                    valid_from=data["valid_from"], valid_until=data["valid_until"],
                    context=selectors.context_for(professional, person, data["purpose"]),
                    method=data["method"], given_on=data["given_on"],
                    told_withdrawable=data["told_withdrawable"], obtained_by=obtained,
                    evidence=evidence, statement=data["statement"])
            except gateway.InvalidPersonData as error:
                _put_error(form, error)
            except gateway.ProcessingRefused as error:
                refusal = refusal_body(error)
            else:
                messages.success(request, _("The consent is recorded."))
                return redirect("consent:person", pk=person.pk)
        status = 403 if refusal else 400
    else:
        form = ConsentForm(initial={"given_on": today, "valid_from": today,
                                    "obtained_by": str(professional.pk), **_prefill(request)},
                           **kwargs)
        status = 200
    return render(request, "consent/record.html", {
        "form": form, "person": person, "refusal": refusal,
        "givers_hint": _givers_hint(person, covenant),
    }, status=status)


def _consent(request: HttpRequest, pk: int) -> Any:
    consent = persons_selectors.consent_by_pk(pk)
    if consent is None or selectors.person_visible_to(_user(request), consent.person_id) is None:
        raise Http404
    return consent


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    professional = _user(request)
    consent = _consent(request, pk)
    refusal = None
    status = 200
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                consent_services.consent_withdraw(
                    professional=professional, consent=consent, on=form.cleaned_data["on"],
                    context=selectors.context_for(professional, consent.person, consent.purpose))
            except gateway.InvalidPersonData as error:
                _put_error(form, error)
            except gateway.ProcessingRefused as error:
                refusal = refusal_body(error)
            else:
                messages.success(request, _("The consent is withdrawn: from that day nothing "
                                            "more is disclosed on it."))
                return redirect("consent:person", pk=consent.person_id)
        status = 403 if refusal else 400
    else:
        form = WithdrawForm(initial={"on": timezone.localdate()})
    return render(request, "consent/withdraw.html",
                  {"form": form, "consent": consent, "refusal": refusal,
                   "status": persons_selectors.consent_status(consent)}, status=status)


@login_required
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    professional = _user(request)
    consent = _consent(request, pk)
    try:
        name, content_type, data = consent_services.consent_evidence_view(
            professional=professional, consent=consent,
            context=selectors.context_for(professional, consent.person, consent.purpose))
    except gateway.InvalidPersonData:
        raise Http404 from None
    except gateway.ProcessingRefused as error:
        return render(request, "consent/refused.html", {"refusal": refusal_body(error)},
                      status=403)
    response = HttpResponse(data, content_type=content_type)
    safe = "".join(c for c in name if c.isalnum() or c in "._-") or "bewijs"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- sharing without consent ----------------------------------------------------------------------


@login_required
def justification_new(request: HttpRequest) -> HttpResponse:
    professional = _user(request)
    covenant = _covenant(professional)
    chosen = request.GET.get("person") or request.POST.get("person")
    if chosen:
        _person(request, chosen)
    people = [(str(p.pk), _name(p)) for p in selectors.persons_visible_to(professional)]
    refusal = None
    status = 200
    if request.method == "POST":
        form = JustificationForm(request.POST, covenant=covenant, people=people)
        if form.is_valid():
            data = form.cleaned_data
            person = _person(request, data["person"])
            try:
                recorded = consent_services.justification_record(
                    professional=professional, person=person, kind=data["kind"],
                    purpose=data["purpose"], recipients=data["recipients"],
                    categories=data["categories"],
                    answers={q: data[f"answer_{q}"] for q in "abcdefgh"},
                    why_no_consent=data["why_no_consent"],
                    functionary_name=data["functionary_name"],
                    functionary_function=data["functionary_function"],
                    vital_motivation=data["vital_motivation"],
                    client_informed_on=data["client_informed_on"],
                    inform_by=data["inform_by"], inform_exception=data["inform_exception"],
                    exception_motivation=data["exception_motivation"],
                    exception_review_on=data["exception_review_on"],
                    context=selectors.context_for(professional, person, data["purpose"]))
            except gateway.InvalidPersonData as error:
                _put_error(form, error)
            except gateway.ProcessingRefused as error:
                refusal = refusal_body(error)
            else:
                messages.success(request, _("The weighing is recorded."))
                return redirect("consent:justification", pk=recorded.pk)
        status = 403 if refusal else 400
    else:
        initial = _prefill(request)
        if chosen:
            initial["person"] = chosen
        form = JustificationForm(initial=initial, covenant=covenant, people=people)
    return render(request, "consent/justification_new.html",
                  {"form": form, "refusal": refusal}, status=status)


def _justification(request: HttpRequest, pk: int) -> Any:
    found = persons_selectors.justification_by_pk(pk)
    if found is None or selectors.person_visible_to(_user(request), found.person_id) is None:
        raise Http404
    return found


@login_required
def justification(request: HttpRequest, pk: int) -> HttpResponse:
    professional = _user(request)
    weighing = _justification(request, pk)
    covenant = _covenant(professional)
    refusal, texts = None, {}
    try:
        texts = consent_services.justification_view(
            professional=professional, justification=weighing,
            context=selectors.context_for(professional, weighing.person, weighing.purpose))
    except gateway.ProcessingRefused as error:
        refusal = refusal_body(error)
    return render(request, "consent/justification.html", {
        "weighing": weighing, "refusal": refusal, "texts": texts,
        "answers": [(label, texts.get(q, "")) for q, label in WEIGHING_LABELS.items()],
        "informed_on": persons_selectors.justification_informed_on(weighing),
        "names": _names(covenant),
    }, status=403 if refusal else 200)


# --- informing ----------------------------------------------------------------------------------


@login_required
def informing_new(request: HttpRequest, pk: int) -> HttpResponse:
    professional = _user(request)
    person = _person(request, pk)
    raw = request.GET.get("justification") or request.POST.get("justification") or ""
    weighing = _justification(request, int(raw)) if raw.isdigit() else None
    refusal = None
    status = 200
    if request.method == "POST":
        form = InformingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            case = selectors.case_for(professional, person)
            purpose = weighing.purpose if weighing else None
            try:
                context = (selectors.context_for(professional, person, purpose) if purpose
                           else _informing_context(professional, person, case))
                consent_services.informing_record(
                    professional=professional, person=person, context=context,
                    about=data["about"], timing=data["timing"], method=data["method"],
                    informed_on=data["informed_on"], justification=weighing,
                    note=data["note"], exception_motivation=data["exception_motivation"],
                    review_on=data["review_on"])
            except gateway.InvalidPersonData as error:
                _put_error(form, error)
            except gateway.ProcessingRefused as error:
                refusal = refusal_body(error)
            except LookupError:
                raise Http404 from None
            else:
                messages.success(request, _("Recorded."))
                return redirect("consent:person", pk=person.pk)
        status = 403 if refusal else 400
    else:
        form = InformingForm(initial={
            "informed_on": timezone.localdate(),
            "about": "disclosure" if weighing else "processing",
            "timing": "after" if weighing else "before"})
    return render(request, "consent/informing_new.html",
                  {"form": form, "person": person, "weighing": weighing, "refusal": refusal},
                  status=status)


def _informing_context(professional: Professional, person: Any, case: Any) -> gateway.Context:
    """Informing about the processing in general: the purpose of the case's step, else the
    first purpose the professional's partner takes part in."""
    if case is not None:
        return case_context(case, professional)
    covenant = _covenant(professional)
    key = professional.partner.key if professional.partner else ""
    purpose = next((p.id for p in covenant.purposes
                    if any(r.partner == key for r in p.recipients)), "")
    if not purpose:
        raise LookupError("no purpose for this partner")
    return selectors.context_for(professional, person, purpose)


@login_required
def reminders(request: HttpRequest) -> HttpResponse:
    form = ReminderFilterForm(request.GET or None)
    wanted = form.cleaned_data.get("which", "") if form.is_valid() else ""
    dues = selectors.informing_due_for(_user(request))
    if wanted == "overdue":
        dues = [d for d in dues if d.overdue]
    listing = listing_of(dues, page_window(request))
    return render(request, "consent/reminders.html", {
        "dues": listing.rows, "form": form, "pager": pager(request, listing),
        "filtered": bool(wanted), "today": timezone.localdate()})


# --- K8: reactions, corrections, own statements ------------------------------------------------


@login_required
def remark_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A reaction, correction or own statement beside dossier item ``pk``."""
    professional = _user(request)
    item = persons_selectors.item_by_pk(pk)
    if (item is None or selectors.person_visible_to(professional, item.person_id) is None
            or item.owning_partner_id != professional.partner_id):
        raise Http404
    person = item.person
    family = [(str(p.pk), _name(p)) for p in persons_selectors.family_of(person)]
    refusal = None
    status = 200
    if request.method == "POST":
        form = RemarkForm(request.POST, family=family)
        if form.is_valid():
            data = form.cleaned_data
            by = {str(p.pk): p for p in persons_selectors.family_of(person)}
            try:
                persons.remark_add(
                    professional=professional, kind=data["kind"], item=item,
                    given_by=by[data["given_by"]], given_on=data["given_on"], text=data["text"],
                    context=selectors.context_for(professional, person, item.purpose))
            except gateway.InvalidPersonData as error:
                _put_error(form, error)
            except gateway.ProcessingRefused as error:
                refusal = refusal_body(error)
            else:
                messages.success(request, _("Recorded beside the item."))
                return redirect("consent:person", pk=person.pk)
        status = 403 if refusal else 400
    else:
        form = RemarkForm(initial={"given_on": timezone.localdate()}, family=family)
    return render(request, "consent/remark_new.html",
                  {"form": form, "item": item, "person": person, "refusal": refusal},
                  status=status)
