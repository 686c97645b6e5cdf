"""Screens: the person's dossier and "Mag ik dit delen?".

Views read through ``deelwijzer.sharing.selectors`` (no content) and process through
``deelwijzer.sharing.services`` (the persons gateway: decided and logged). What a professional
may not see answers 404.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijzer.accounts.models import Professional
from deelwijzer.covenant.models import Partner
from deelwijzer.paging import page_window, pager
from deelwijzer.persons.errors import form_error, invalid_message, refusal_body
from deelwijzer.persons.gateway import InvalidPersonData, NoCovenantInForce, ProcessingRefused
from deelwijzer.policy import CovenantIndex, age_on
from deelwijzer.policy.explain import format_date
from deelwijzer.sharing import selectors, services
from deelwijzer.sharing.forms import (
    CaseQuestion,
    CopyForm,
    DiscloseForm,
    ItemRecordForm,
    PersonQuestion,
    PersonSearchForm,
    PurposeQuestion,
    RecipientQuestion,
    WhatQuestion,
)

NO_CASE = "none"


def _user(request: HttpRequest) -> Professional:
    return cast(Professional, request.user)


def _lang() -> str:
    return get_language() or "nl"


def _index_or_none(user: Professional) -> CovenantIndex | None:
    try:
        return services.partnership_index(user)
    except (InvalidPersonData, NoCovenantInForce):
        return None


def _no_covenant(request: HttpRequest) -> HttpResponse:
    return render(request, "sharing/unavailable.html", status=409)


def _names(index: CovenantIndex, ids: Any, kind: str) -> str:
    lookup = {"category": index.category_names, "partner": index.partner_names,
              "purpose": index.purpose_names, "step": index.step_names}[kind]
    return ", ".join(lookup.get(i, i) for i in ids)


def _category_choices(index: CovenantIndex) -> list[tuple[str, str]]:
    return sorted(((c, index.category_names.get(c, c)) for c in index.categories),
                  key=lambda pair: pair[1])


def _purpose_choices(index: CovenantIndex) -> list[tuple[str, str]]:
    return [(p, index.purpose_names.get(p, p)) for p in index.purpose_grounds]


def _partner_choices(index: CovenantIndex, user: Professional) -> list[tuple[str, str]]:
    own = user.partner.key if user.partner else ""
    return sorted(((p, index.partner_names.get(p, p)) for p in index.partners if p != own),
                  key=lambda pair: pair[1])


def _case_label(index: CovenantIndex, case: Any) -> str:
    return _("%(reference)s (step: %(step)s)") % {
        "reference": case.reference, "step": index.step_names.get(case.step, case.step)}


def _item_label(index: CovenantIndex, item: Any) -> str:
    return _("%(date)s · %(categories)s · %(nature)s · %(owner)s") % {
        "date": format_date(timezone.localtime(item.recorded_at).date(), _lang()),
        "categories": _names(index, item.categories, "category"),
        "nature": item.get_nature_display(), "owner": item.owning_partner.name}


def _person_or_404(user: Professional, pk: object) -> Any:
    person = selectors.person_visible_to(user, pk)
    if person is None:
        raise Http404
    return person


def _item_or_404(user: Professional, pk: object) -> Any:
    item = selectors.dossier_item_visible(user, pk)
    if item is None:
        raise Http404
    return item


def _case_from(user: Professional, person: Any, reference: str) -> Any:
    """The case with this reference if the professional sees it for this person, else None;
    raises InvalidPersonData for a reference it does not know."""
    if not reference or reference == NO_CASE:
        return None
    case = selectors.case_of_person(user, person, reference)
    if case is None:
        raise InvalidPersonData("case", "not_visible")
    return case


# --- the person's dossier ---------------------------------------------------------------------


def _item_rows(index: CovenantIndex, items: list[Any], person: Any) -> list[dict[str, Any]]:
    disclosures = selectors.disclosures_of(items)
    return [
        {
            "item": item,
            "date": timezone.localtime(item.recorded_at).date(),
            "categories": _names(index, item.categories, "category"),
            "purpose": index.purpose_names.get(item.purpose, item.purpose),
            "step": index.step_names.get(item.step, item.step) if item.step else "",
            "disclosures": [
                {"recipient": d.recipient.name,
                 "date": timezone.localtime(d.disclosed_at).date()}
                for d in disclosures.get(item.pk, [])
            ],
            "share_url": services.flow_url(
                {"person": str(person.pk), "item": str(item.pk),
                 "case": item.case_ref}, "recipient"),
        }
        for item in items
    ]


@login_required
def persons(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    form = PersonSearchForm(request.GET or None)
    search = form.cleaned_data["search"] if form.is_valid() else ""
    listing = selectors.persons_search(user, search, window=page_window(request))
    rows = [{"person": p, "age": age_on(p.birth_date, today)} for p in listing.rows]
    return render(request, "sharing/persons.html", {
        "rows": rows, "form": form, "pager": pager(request, listing), "filtered": bool(search)})


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    subject = _person_or_404(user, pk)
    index = _index_or_none(user)
    if index is None:
        return _no_covenant(request)
    cases = [
        {"case": c, "label": _case_label(index, c)}
        for c in selectors.cases_of_person(user, subject)
    ]
    consents = [
        {"purpose": index.purpose_names.get(c.purpose, c.purpose),
         "categories": _names(index, c.categories, "category"),
         "recipients": _names(index, c.recipients, "partner"),
         "valid_from": c.valid_from, "valid_until": c.valid_until,
         "withdrawn_on": c.withdrawn_on}
        for c in selectors.consents_of(subject)
    ]
    held = selectors.dossier_items_held(user, subject,
                                        window=page_window(request, name="held_page"))
    received = selectors.dossier_items_received(
        user, subject, window=page_window(request, name="received_page"))
    return render(request, "sharing/person.html", {
        "person": subject,
        "age": age_on(subject.birth_date, timezone.localdate()),
        "cases": cases,
        "consents": consents,
        "held": _item_rows(index, held.rows, subject),
        "held_pager": pager(request, held, name="held_page"),
        "received": _item_rows(index, received.rows, subject),
        "received_pager": pager(request, received, name="received_page"),
        "own_partner": user.partner,
        "share_url": services.flow_url({"person": str(subject.pk)}, "case"),
    })


@login_required
def item_record(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    subject = _person_or_404(user, pk)
    index = _index_or_none(user)
    if index is None:
        return _no_covenant(request)
    cases = selectors.cases_of_person(user, subject)
    form = ItemRecordForm(
        request.POST or None, categories=_category_choices(index),
        purposes=_purpose_choices(index),
        cases=[(c.reference, _case_label(index, c)) for c in cases],
        initial={"case": cases[0].reference if cases else ""})
    refusal = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = _case_from(user, subject, data["case"])
                services.share_item_record(
                    professional=user, person=subject, text=data["text"],
                    categories=data["categories"], nature=data["nature"],
                    purpose=data["purpose"] or None, case=case)
            except InvalidPersonData as error:
                form_error(form, error)
            except ProcessingRefused as error:
                refusal, status = refusal_body(error), 403
            else:
                messages.success(request, _("The dossier item is recorded; the recording is in "
                                            "the processing log."))
                return redirect("sharing:person", pk=subject.pk)
    return render(request, "sharing/item_record.html",
                  {"person": subject, "form": form, "refusal": refusal}, status=status)


@login_required
@require_POST
def item_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    item = _item_or_404(user, pk)
    index = _index_or_none(user)
    if index is None:
        return _no_covenant(request)
    context: dict[str, Any] = {"item": item, "person": item.person,
                               "row": _item_rows(index, [item], item.person)[0]}
    try:
        context["content"] = services.share_item_view(professional=user, item=item)
        if item.owning_partner_id == user.partner_id:
            context["own"] = True
            context["remarks"] = services.share_item_remarks(professional=user, item=item)
    except ProcessingRefused as error:
        context["refusal"] = refusal_body(error)
        return render(request, "sharing/item_open.html", context, status=403)
    except InvalidPersonData as error:
        context["error"] = invalid_message(error)
        return render(request, "sharing/item_open.html", context, status=400)
    return render(request, "sharing/item_open.html", context)


@login_required
def item_copy(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    item = _item_or_404(user, pk)
    index = _index_or_none(user)
    if index is None:
        return _no_covenant(request)
    if item.owning_partner_id == user.partner_id:
        raise Http404  # already in the own dossier
    cases = selectors.cases_of_person(user, item.person)
    form = CopyForm(request.POST or None, purposes=_purpose_choices(index),
                    cases=[(c.reference, _case_label(index, c)) for c in cases],
                    initial={"case": item.case_ref, "purpose": item.purpose})
    refusal = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = _case_from(user, item.person, data["case"])
                services.share_item_copy(professional=user, item=item,
                                         informed=data["informed"],
                                         purpose=data["purpose"] or None, case=case)
            except InvalidPersonData as error:
                form_error(form, error)
            except ProcessingRefused as error:
                refusal, status = refusal_body(error), 403
            else:
                messages.success(request, _("The item is copied into your own dossier; the copy "
                                            "is in the processing log."))
                return redirect("sharing:person", pk=item.person.pk)
    return render(request, "sharing/item_copy.html", {
        "item": item, "person": item.person, "form": form, "refusal": refusal,
        "row": _item_rows(index, [item], item.person)[0]}, status=status)


# --- "Mag ik dit delen?" ----------------------------------------------------------------------


def _params(query: QueryDict) -> dict[str, str]:
    """The answers so far, from the query string; categories comma-separated."""
    params = {k: query.get(k, "").strip()[:200] for k in
              ("person", "case", "item", "contributor", "permission", "origin", "recipient",
               "purpose")}
    categories = [c.strip() for value in query.getlist("categories") for c in value.split(",")]
    params["categories"] = ",".join(sorted({c for c in categories if c}))[:1000]
    return {k: v for k, v in params.items() if v}


def _question(request: HttpRequest, name: str, form: Any, params: dict[str, str],
              back: str | None, number: int, status: int = 200,
              extra: dict[str, Any] | None = None) -> HttpResponse:
    own = set(services.QUESTIONS[name])
    hidden = [(k, v) for k, v in params.items() if k not in own]
    return render(request, "sharing/question.html", {
        "question": name, "form": form, "hidden": hidden, "back": back, "number": number,
        **(extra or {})}, status=status)


def _bound(form_cls: Any, name: str, params: dict[str, str], **choices: Any) -> Any:
    fields = services.QUESTIONS[name] if name != "person" else ("person",)
    if not any(f in params for f in fields):
        return form_cls(**choices)
    data: dict[str, Any] = {k: params.get(k, "") for k in fields}
    if "categories" in data:
        data["categories"] = [c for c in data["categories"].split(",") if c]
    return form_cls(data=data, **choices)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    index = _index_or_none(user)
    if index is None:
        return _no_covenant(request)
    params = _params(request.GET)
    asked: list[str] = []

    def back() -> str | None:
        return services.flow_url(params, asked[-1]) if asked else None

    # 1. About whom
    visible = selectors.persons_visible_to(user)
    form: Any = _bound(PersonQuestion, "person", params, persons=[
        (str(p.pk), f"{p} ({format_date(p.birth_date, _lang())})") for p in visible])
    if not form.is_bound or not form.is_valid():
        return _question(request, "person", form, params, None, 1,
                         status=400 if form.is_bound else 200)
    subject = next(p for p in visible if str(p.pk) == form.cleaned_data["person"])
    asked.append("person")

    # 2. In which case (asked only when there is a choice)
    cases = selectors.cases_of_person(user, subject)
    case_choices = [(c.reference, _case_label(index, c)) for c in cases]
    if selectors.known_outside_case(user, subject):
        case_choices.append((NO_CASE, _("Not in a case: my organisation's own dossier")))
    if len(case_choices) == 1 and "case" not in params:
        params["case"] = case_choices[0][0]
    else:
        form = _bound(CaseQuestion, "case", params, cases=case_choices)
        if not form.is_bound or not form.is_valid():
            return _question(request, "case", form, params, back(), 2,
                             status=400 if form.is_bound else 200)
        asked.append("case")
    case = next((c for c in cases if c.reference == params["case"]), None)

    # 3. What
    items = selectors.dossier_items_held(user, subject).rows + \
        selectors.dossier_items_received(user, subject).rows
    form = _bound(WhatQuestion, "what", params,
                  items=[(str(i.pk), _item_label(index, i)) for i in items],
                  categories=_category_choices(index), partners=_partner_choices(index, user),
                  purposes=_purpose_choices(index))
    if not form.is_bound or not form.is_valid():
        return _question(request, "what", form, params, back(), 3,
                         status=400 if form.is_bound else 200)
    what = form.cleaned_data
    item = next((i for i in items if str(i.pk) == what["item"]), None)
    asked.append("what")

    # 4. With whom
    form = _bound(RecipientQuestion, "recipient", params,
                  partners=_partner_choices(index, user))
    if not form.is_bound or not form.is_valid():
        return _question(request, "recipient", form, params, back(), 4,
                         status=400 if form.is_bound else 200)
    recipient = form.cleaned_data["recipient"]
    asked.append("recipient")

    # 5. Why: within a case, the purpose of the case's step by default
    default = index.step_purpose.get(case.step) if case is not None else None
    form = _bound(PurposeQuestion, "purpose", params, purposes=_purpose_choices(index))
    if not form.is_bound:
        form.initial = {"purpose": default}
    if not form.is_bound or not form.is_valid():
        return _question(request, "purpose", form, params, back(), 5,
                         status=400 if form.is_bound else 200,
                         extra={"default_purpose": index.purpose_names.get(default or "", "")})
    purpose = form.cleaned_data["purpose"]
    asked.append("purpose")

    # The answer
    try:
        answer = services.share_check(
            professional=user, person=subject, recipient=recipient, purpose=purpose,
            categories=[] if item else what["categories"], item=item, case=case,
            contributor=what["contributor"] or None,
            contributor_permission=bool(what["permission"]),
            origin_purpose=what["origin"] or None, flow_params=params)
    except InvalidPersonData as error:
        return render(request, "sharing/answer.html", {"error": invalid_message(error),
                                                        "back": back()}, status=400)
    summary = [
        (_("About whom"), str(subject), services.flow_url(params, "person")),
        (_("Case"), case.reference if case else _("Not in a case"),
         services.flow_url(params, "case") if "case" in asked else ""),
        (_("What"), _item_label(index, item) if item else
         _names(index, answer.categories, "category"), services.flow_url(params, "what")),
        (_("With whom"), index.partner_names.get(recipient, recipient),
         services.flow_url(params, "recipient")),
        (_("Why"), index.purpose_names.get(purpose, purpose),
         services.flow_url(params, "purpose")),
    ]
    return render(request, "sharing/answer.html", {
        "answer": answer, "summary": summary, "item": item, "person": subject,
        "recipient_name": index.partner_names.get(recipient, recipient),
        "disclose": {"item": item.pk if item else "", "recipient": recipient,
                     "purpose": purpose, "case": case.reference if case else ""},
        "back": back(),
    })


@login_required
@require_POST
def disclose(request: HttpRequest) -> HttpResponse:
    """Make the disclosure "Mag ik dit delen?" previewed; the decision point is asked again."""
    user = _user(request)
    form = DiscloseForm(request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    item = _item_or_404(user, data["item"])
    recipient = Partner.objects.filter(
        key=data["recipient"], partnership_id=item.person.partnership_id).first()
    if recipient is None:
        raise Http404
    context: dict[str, Any] = {"item": item, "person": item.person,
                               "recipient_name": recipient.name}
    try:
        case = _case_from(user, item.person, data["case"])
        disclosure = services.share_disclose(professional=user, item=item, recipient=recipient,
                                             purpose=data["purpose"] or None, case=case)
    except InvalidPersonData as error:
        context["error"] = invalid_message(error)
        return render(request, "sharing/disclosed.html", context, status=400)
    except ProcessingRefused as error:
        context["refusal"] = refusal_body(error)
        return render(request, "sharing/disclosed.html", context, status=403)
    messages.success(request, _(
        "Disclosed to %(partner)s on %(date)s; recorded in the processing log.") % {
            "partner": recipient.name,
            "date": format_date(timezone.localtime(disclosure.disclosed_at).date(), _lang())})
    return redirect("sharing:person", pk=item.person.pk)
