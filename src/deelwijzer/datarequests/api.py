"""API for data requests (S10): list and create, detail, answer. One class per path, one
operation per method, each with its own input and output serializers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deelwijzer.api.errors import ERROR_RESPONSES
from deelwijzer.api.pagination import ListApi
from deelwijzer.covenant.models import Partner
from deelwijzer.datarequests import selectors, services
from deelwijzer.datarequests.choices import Outcome, Status
from deelwijzer.persons.gateway import InvalidPersonData

ID = {"min_value": 1, "max_value": 2**63 - 1}
TEXT = {"allow_blank": True, "max_length": 5000}


class DataRequestOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    person_name = serializers.CharField()
    case = serializers.CharField(allow_null=True, help_text="case reference")
    asker = serializers.CharField(help_text="the asking professional's name")
    asker_partner = serializers.CharField(help_text="partner id in the covenant")
    provider = serializers.CharField(help_text="the asked partner's id in the covenant")
    purpose = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())
    legal_basis = serializers.CharField()
    status = serializers.CharField(help_text="open, provided, partly or refused")
    asked_at = serializers.DateTimeField()
    answer_by = serializers.DateField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)


class RequestItemOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    recorded_at = serializers.DateTimeField()
    nature = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())


class RequestDisclosureOutput(serializers.Serializer[Any]):
    item = serializers.IntegerField()
    recipient = serializers.CharField()
    disclosed_at = serializers.DateTimeField()


class DataRequestDetailOutput(DataRequestOutput):
    question = serializers.CharField()
    necessity = serializers.CharField()
    subsidiarity = serializers.CharField()
    proportionality = serializers.CharField()
    why_no_consent = serializers.CharField()
    motivation = serializers.CharField()
    alternative = serializers.CharField()
    answer_legal_duty = serializers.CharField()
    disclosures = RequestDisclosureOutput(many=True)
    available_items = RequestItemOutput(
        many=True, help_text="for the asked partner while open: its dossier items about the "
                             "person (no content)")


def _row(r: Any) -> dict[str, Any]:
    return {
        "id": r.pk, "person_id": r.person_id,
        "person_name": f"{r.person.given_names} {r.person.family_name}",
        "case": r.case.reference if r.case_id else None,
        "asker": r.asker.get_full_name() or r.asker.username, "asker_partner": r.asker_partner.key,
        "provider": r.provider.key, "purpose": r.purpose, "categories": r.categories,
        "legal_basis": r.legal_basis, "status": r.status, "asked_at": r.asked_at,
        "answer_by": r.answer_by, "answered_at": r.answered_at,
    }


def _detail(user: Any, r: Any) -> dict[str, Any]:
    texts = services.data_request_texts(professional=user, request=r)
    is_provider = user.partner_id is not None and r.provider_id == user.partner_id
    items = selectors.provider_items(r) if is_provider and r.status == Status.OPEN else []
    return {
        **_row(r), **texts.__dict__, "answer_legal_duty": r.answer_legal_duty,
        "disclosures": [{"item": d.item_id, "recipient": d.recipient.key,
                         "disclosed_at": d.disclosed_at}
                        for d in selectors.request_disclosures(r)],
        "available_items": [{"id": i.pk, "recorded_at": i.recorded_at, "nature": i.nature,
                             "categories": i.categories} for i in items],
    }


def _visible(request: Request, pk: int) -> Any:
    found = selectors.request_for(request.user, pk)  # type: ignore[arg-type]
    if found is None:
        raise NotFound()
    return found


class DataRequestsApi(ListApi):
    """Requests to the user's partner and requests the user made, open first, newest first; a
    page of them (``limit``, ``offset``) (GET); a new request (POST)."""

    class DataRequestCreateInput(serializers.Serializer[Any]):
        person = serializers.IntegerField(**ID)  # type: ignore[arg-type]
        case = serializers.CharField(required=False, allow_blank=True, max_length=20,
                                     help_text="reference of a case you are involved in")
        provider = serializers.CharField(max_length=64, help_text="the asked partner's id")
        purpose = serializers.CharField(allow_blank=True, max_length=64)
        categories = serializers.ListField(child=serializers.CharField(max_length=64),
                                           max_length=50)
        legal_basis = serializers.CharField(allow_blank=True, max_length=300)
        question = serializers.CharField(**TEXT)  # type: ignore[arg-type]
        necessity = serializers.CharField(**TEXT)  # type: ignore[arg-type]
        subsidiarity = serializers.CharField(**TEXT)  # type: ignore[arg-type]
        proportionality = serializers.CharField(**TEXT)  # type: ignore[arg-type]
        why_no_consent = serializers.CharField(required=False, **TEXT)  # type: ignore[arg-type]
        not_a_recheck = serializers.BooleanField(
            help_text="the request does not serve to check another professional's judgement "
                      "again (004 rule 4)")
        answer_by = serializers.DateField(required=False, allow_null=True)

    @extend_schema(operation_id="datarequests_list", responses={200: DataRequestOutput(many=True)},
                   parameters=[
        OpenApiParameter("status", str, enum=["open", "answered"]),
        OpenApiParameter("direction", str, enum=["incoming", "outgoing"],
                         description="incoming: asked of your partner; outgoing: asked by you"),
        OpenApiParameter("due", str, enum=["overdue", "week"],
                         description="open requests past the wanted answer date, or wanted "
                                     "within seven days"),
        OpenApiParameter("search", str, description="words of the person's name; every word "
                         "must match"),
        OpenApiParameter("order", str, enum=list(selectors.REQUEST_ORDERS),
                         description="recent: open first, newest first (default); deadline: "
                                     "open first, the soonest wanted answer first"),
    ])
    def get(self, request: Request) -> Response:
        user: Any = request.user
        query = request.query_params
        return self.page(
            lambda window: selectors.requests_for(
                user, status=query.get("status", ""), direction=query.get("direction", ""),
                due=query.get("due", ""), search=query.get("search", "")[:100],
                order=query.get("order", "recent"), window=window),
            lambda rows: DataRequestOutput([_row(r) for r in rows], many=True).data)

    @extend_schema(operation_id="datarequests_create", request=DataRequestCreateInput,
                   responses={201: DataRequestDetailOutput, 404: None, **ERROR_RESPONSES})
    def post(self, request: Request) -> Response:
        data = self.DataRequestCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user: Any = request.user
        person = selectors.person_visible_to(user, values["person"])
        if person is None:
            raise NotFound()
        case = None
        if values.get("case"):
            case = selectors.case_of(user, values["case"])
            if case is None:
                raise NotFound()
        if user.partner is None:
            raise InvalidPersonData("professional", "no_partner")
        provider = Partner.objects.filter(partnership=user.partner.partnership,
                                          key=values["provider"]).first()
        if provider is None:
            raise InvalidPersonData("provider", "unknown")
        made = services.data_request_create(
            professional=user, person=person, provider=provider, case=case,
            purpose=values["purpose"], categories=values["categories"],
            legal_basis=values["legal_basis"], question=values["question"],
            necessity=values["necessity"], subsidiarity=values["subsidiarity"],
            proportionality=values["proportionality"],
            why_no_consent=values.get("why_no_consent", ""),
            not_a_recheck=values["not_a_recheck"], answer_by=values.get("answer_by"))
        found = _visible(request, made.pk)
        return Response(DataRequestDetailOutput(_detail(user, found)).data,
                        status=status.HTTP_201_CREATED)


class DataRequestDetailApi(APIView):
    """One request with its texts, for the asker and the asked partner."""

    @extend_schema(operation_id="datarequests_retrieve",
                   responses={200: DataRequestDetailOutput, 404: None})
    def get(self, request: Request, pk: int) -> Response:
        return Response(DataRequestDetailOutput(_detail(request.user, _visible(request, pk))).data)


class DataRequestAnswerApi(APIView):
    """The asked partner's answer: provided or partly (items), or refused (motivation)."""

    class DataRequestAnswerInput(serializers.Serializer[Any]):
        outcome = serializers.ChoiceField(choices=Outcome.choices)
        items = serializers.ListField(child=serializers.IntegerField(**ID),  # type: ignore[arg-type]
                                      required=False, max_length=100)
        motivation = serializers.CharField(required=False, **TEXT)  # type: ignore[arg-type]
        alternative = serializers.CharField(required=False, **TEXT)  # type: ignore[arg-type]
        legal_duty = serializers.CharField(required=False, allow_blank=True, max_length=300)

    @extend_schema(operation_id="datarequests_answer", request=DataRequestAnswerInput,
                   responses={200: DataRequestDetailOutput, 404: None, **ERROR_RESPONSES})
    def post(self, request: Request, pk: int) -> Response:
        found = _visible(request, pk)
        data = self.DataRequestAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        items = services.dossier_items_by_id(found, values.get("items", []))
        services.data_request_answer(
            professional=request.user,  # type: ignore[arg-type]
            request=found, outcome=values["outcome"], items=items,
            motivation=values.get("motivation", ""), alternative=values.get("alternative", ""),
            legal_duty=values.get("legal_duty", ""))
        return Response(DataRequestDetailOutput(_detail(request.user, _visible(request, pk))).data)
