"""Screens for Veilig Thuis: start, advice (ask and answer) and reports (melding)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijzer.covenant.selectors import version_covenant, version_in_force
from deelwijzer.paging import page_window, pager
from deelwijzer.persons.errors import form_error, refusal_body
from deelwijzer.persons.gateway import InvalidPersonData, ProcessingRefused
from deelwijzer.selectors import Window
from deelwijzer.veiligthuis import selectors, services
from deelwijzer.veiligthuis.choices import MeldcodeStep
from deelwijzer.veiligthuis.forms import (
    AdviceAnswerForm,
    AdviceForm,
    FamilyInformedForm,
    ReportForm,
    StartFilterForm,
)

DEFAULT_CATEGORIES = ["identiteit", "aard-zorgen"]
TO_INFORM = 10  # the reports of which the family is still to be informed, on the start page


@login_required
def start(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = StartFilterForm(request.GET or None)
    wanted = form.cleaned_data if form.is_valid() else {}
    advice = selectors.advice_requests_for(user, status=wanted.get("advice", ""),
                                           window=page_window(request, name="advice_page"))
    reports = selectors.reports_for(user, family=wanted.get("family", ""),
                                    window=page_window(request, name="reports_page"))
    to_inform = selectors.reports_for(user, family="to_inform", window=Window(0, TO_INFORM))
    return render(request, "veiligthuis/start.html", {
        "is_veilig_thuis": selectors.is_veilig_thuis(user), "form": form,
        "advice_requests": advice.rows,
        "advice_pager": pager(request, advice, name="advice_page"),
        "advice_filtered": bool(wanted.get("advice")),
        "reports": reports.rows, "reports_pager": pager(request, reports, name="reports_page"),
        "reports_filtered": bool(wanted.get("family")),
        "to_inform": to_inform.rows, "to_inform_more": to_inform.total - len(to_inform.rows),
    })


# --- advice -----------------------------------------------------------------------------------


@login_required
def advice_new(request: HttpRequest) -> HttpResponse:
    form = AdviceForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            advice = services.advice_request_create(
                professional=request.user,  # type: ignore[arg-type]
                question=form.cleaned_data["question"])
        except InvalidPersonData as error:
            form_error(form, error)
            status = 400
        else:
            messages.success(request, _("Your question has been sent to Veilig Thuis."))
            return redirect("veiligthuis:advice", pk=advice.pk)
    return render(request, "veiligthuis/advice_new.html", {"form": form}, status=status)


def _advice(request: HttpRequest, pk: int) -> Any:
    found = selectors.advice_request_for(request.user, pk)  # type: ignore[arg-type]
    if found is None:
        raise Http404
    return found


def _advice_page(request: HttpRequest, advice: Any, form: AdviceAnswerForm | None = None,
                 status: int = 200) -> HttpResponse:
    can_answer = selectors.is_veilig_thuis(request.user) and advice.answered_at is None  # type: ignore[arg-type]
    return render(request, "veiligthuis/advice_detail.html", {
        "advice": advice, "form": form or (AdviceAnswerForm() if can_answer else None),
    }, status=status)


@login_required
def advice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _advice_page(request, _advice(request, pk))


@login_required
@require_POST
def advice_answer(request: HttpRequest, pk: int) -> HttpResponse:
    advice = _advice(request, pk)
    form = AdviceAnswerForm(request.POST)
    form.is_valid()
    try:
        services.advice_request_answer(professional=request.user,  # type: ignore[arg-type]
                                       advice_request=advice,
                                       advice=form.cleaned_data.get("advice", ""))
    except InvalidPersonData as error:
        form_error(form, error)
        return _advice_page(request, advice, form=form, status=400)
    messages.success(request, _("Your advice has been recorded."))
    return redirect("veiligthuis:advice", pk=advice.pk)


# --- reports ----------------------------------------------------------------------------------


def _report_form(request: HttpRequest, data: Any = None) -> ReportForm:
    user: Any = request.user
    if user.partner is None:
        raise Http404
    version = version_in_force(user.partner.partnership)
    categories = ([(c.id, c.name) for c in version_covenant(version).data_categories]
                  if version else [])
    persons = [(str(p.pk), f"{p.given_names} {p.family_name} ({date_format(p.birth_date)})")
               for p in selectors.persons_visible_to(user)]
    return ReportForm(data, persons=persons, categories=categories,
                      initial={"categories": DEFAULT_CATEGORIES})


@login_required
def report_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if selectors.is_veilig_thuis(user):
        raise Http404
    form = _report_form(request, request.POST if request.method == "POST" else None)
    refusal = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = selectors.person_visible_to(user, data["person"]) if data["person"] else None
        try:
            if person is None:
                raise InvalidPersonData("person", "required")
            if data["family_informed_before"] is None:
                raise InvalidPersonData("family_informed_before", "required")
            report = services.report_create(
                professional=user, person=person, concerns=data["concerns"],
                categories=data["categories"],
                steps={n: (data[f"step_{n}_date"], data[f"step_{n}_notes"]) for n in range(1, 6)},
                family_informed_before=data["family_informed_before"],
                not_informed_reason=data["not_informed_reason"])
        except InvalidPersonData as error:
            form_error(form, error)
            status = 400
        except ProcessingRefused as error:
            refusal = refusal_body(error)
            status = 403
        else:
            messages.success(request, _("Your report has been sent to Veilig Thuis."))
            return redirect("veiligthuis:report", pk=report.pk)
    elif request.method == "POST":
        status = 400
    return render(request, "veiligthuis/report_new.html", {"form": form, "refusal": refusal},
                  status=status)


def _report(request: HttpRequest, pk: int) -> Any:
    found = selectors.report_for(request.user, pk)  # type: ignore[arg-type]
    if found is None:
        raise Http404
    return found


def _report_page(request: HttpRequest, report: Any, form: FamilyInformedForm | None = None,
                 status: int = 200) -> HttpResponse:
    user: Any = request.user
    texts = services.report_texts(professional=user, report=report)
    may_record = (report.reporter_id == user.pk and not report.family_informed_before
                  and report.family_informed_on is None)
    steps = [(step, report.step_dates.get(str(step.value)), texts.step_notes.get(step.value, ""))
             for step in MeldcodeStep]
    return render(request, "veiligthuis/report_detail.html", {
        "report": report, "texts": texts, "steps": steps,
        "form": form or (FamilyInformedForm() if may_record else None),
    }, status=status)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_page(request, _report(request, pk))


@login_required
@require_POST
def report_family_informed(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = FamilyInformedForm(request.POST)
    if form.is_valid():
        try:
            on = form.cleaned_data["family_informed_on"]
            if on is None:
                raise InvalidPersonData("family_informed_on", "required")
            services.report_record_family_informed(
                professional=request.user,  # type: ignore[arg-type]
                report=report, on=on)
        except InvalidPersonData as error:
            form_error(form, error)
        else:
            messages.success(request, _("Recorded: the family has been informed."))
            return redirect("veiligthuis:report", pk=report.pk)
    return _report_page(request, report, form=form, status=400)
