"""Screens for data requests (S10): the inbox, a new request, and the detail with the answer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijzer.covenant.models import Partner
from deelwijzer.covenant.selectors import version_covenant, version_in_force
from deelwijzer.datarequests import selectors, services
from deelwijzer.datarequests.choices import Status
from deelwijzer.datarequests.forms import AnswerForm, Choices, DataRequestForm, RequestFilterForm
from deelwijzer.paging import page_window, pager
from deelwijzer.persons.errors import form_error, refusal_body
from deelwijzer.persons.gateway import InvalidPersonData, ProcessingRefused


def _covenant_choices(user: Any) -> tuple[Choices, Choices, Choices]:
    """Providers (every other partner), purposes and categories of the covenant in force."""
    partner = user.partner
    if partner is None:
        raise Http404
    version = version_in_force(partner.partnership)
    providers = [(p.key, p.name) for p in Partner.objects.filter(
        partnership=partner.partnership).exclude(pk=partner.pk)]
    if version is None:
        return providers, [], []
    covenant = version_covenant(version)
    return (providers, [(p.id, p.name) for p in covenant.purposes],
            [(c.id, c.name) for c in covenant.data_categories])


def _request_form(request: HttpRequest, data: Any = None) -> DataRequestForm:
    user = request.user
    providers, purposes, categories = _covenant_choices(user)
    return DataRequestForm(
        data,
        persons=[(str(p.pk), f"{p.given_names} {p.family_name} ({date_format(p.birth_date)})")
                 for p in selectors.persons_visible_to(user)],  # type: ignore[arg-type]
        cases=[(c.reference, c.reference) for c in selectors.cases_of(user)],  # type: ignore[arg-type]
        providers=providers, purposes=purposes, categories=categories,
    )


def _rows(requests: Any) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [{"request": r, "open": r.status == Status.OPEN,
             "overdue": r.status == Status.OPEN and r.answer_by is not None
             and r.answer_by < today,
             "days_open": (today - timezone.localtime(r.asked_at).date()).days}
            for r in requests]


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = RequestFilterForm(request.GET or None)
    wanted = form.cleaned_data if form.is_valid() else {}
    listing = selectors.requests_for(
        user, status=wanted.get("status", ""), direction=wanted.get("direction", ""),
        due=wanted.get("due", ""), search=wanted.get("search", ""),
        order=wanted.get("order") or "recent", window=page_window(request))
    rows = _rows(listing.rows)
    for row in rows:
        row["incoming"] = bool(user.partner_id) and row["request"].provider_id == user.partner_id
    return render(request, "datarequests/list.html", {
        "rows": rows, "form": form, "pager": pager(request, listing),
        "filtered": any(wanted.get(k) for k in ("search", "direction", "status", "due")),
        "open_incoming": selectors.open_requests_to(user),
    })


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = _request_form(request, request.POST if request.method == "POST" else None)
    refusal = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = selectors.person_visible_to(user, data["person"]) if data["person"] else None
        case = selectors.case_of(user, data["case"]) if data["case"] else None
        provider = Partner.objects.filter(partnership=user.partner.partnership,
                                          key=data["provider"]).first()
        try:
            if person is None:
                raise InvalidPersonData("person", "required")
            if provider is None:
                raise InvalidPersonData("provider", "required")
            made = services.data_request_create(
                professional=user, person=person, provider=provider, case=case,
                purpose=data["purpose"], categories=data["categories"],
                legal_basis=data["legal_basis"], question=data["question"],
                necessity=data["necessity"], subsidiarity=data["subsidiarity"],
                proportionality=data["proportionality"],
                why_no_consent=data["why_no_consent"], not_a_recheck=data["not_a_recheck"],
                answer_by=data["answer_by"])
        except InvalidPersonData as error:
            form_error(form, error)
            status = 400
        except ProcessingRefused as error:
            refusal = refusal_body(error)
            status = 403
        else:
            messages.success(request, _("Your request has been sent to %(partner)s.")
                             % {"partner": provider.name})
            return redirect("datarequests:detail", pk=made.pk)
    elif request.method == "POST":
        status = 400
    return render(request, "datarequests/new.html", {"form": form, "refusal": refusal},
                  status=status)


def _visible(request: HttpRequest, pk: int) -> Any:
    found = selectors.request_for(request.user, pk)  # type: ignore[arg-type]
    if found is None:
        raise Http404
    return found


def _answer_form(data_request: Any, data: Any = None) -> AnswerForm:
    items = [(str(i.pk), " · ".join([date_format(timezone.localtime(i.recorded_at).date()),
                                     i.get_nature_display(), ", ".join(i.categories)]))
             for i in selectors.provider_items(data_request)]
    return AnswerForm(data, items=items)


def _detail(request: HttpRequest, data_request: Any, form: AnswerForm | None = None,
            refusal: Any = None, status: int = 200) -> HttpResponse:
    user: Any = request.user
    is_provider = user.partner_id is not None and data_request.provider_id == user.partner_id
    can_answer = is_provider and data_request.status == Status.OPEN
    texts = services.data_request_texts(professional=user, request=data_request)
    return render(request, "datarequests/detail.html", {
        "r": data_request, "texts": texts, "row": _rows([data_request])[0],
        "disclosures": selectors.request_disclosures(data_request),
        "form": form or (_answer_form(data_request) if can_answer else None),
        "refusal": refusal, "is_provider": is_provider,
    }, status=status)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _visible(request, pk))


@login_required
@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    data_request = _visible(request, pk)
    form = _answer_form(data_request, request.POST)
    if not form.is_valid():
        return _detail(request, data_request, form=form, status=400)
    data = form.cleaned_data
    try:
        items = services.dossier_items_by_id(data_request, data["items"])
        services.data_request_answer(
            professional=user, request=data_request, outcome=data["outcome"], items=items,
            motivation=data["motivation"], alternative=data["alternative"],
            legal_duty=data["legal_duty"])
    except InvalidPersonData as error:
        form_error(form, error)
        return _detail(request, data_request, form=form, status=400)
    except ProcessingRefused as error:
        return _detail(request, data_request, form=form, refusal=refusal_body(error), status=403)
    messages.success(request, _("Your answer has been recorded."))
    return redirect("datarequests:detail", pk=data_request.pk)
