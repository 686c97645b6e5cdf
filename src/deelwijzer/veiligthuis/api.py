"""API for Veilig Thuis: anonymous advice (list, ask, read, answer) and reports (list, make,
read, family informed). One operation per method, each with its own serializers."""

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
from deelwijzer.veiligthuis import selectors, services
from deelwijzer.veiligthuis.choices import MeldcodeStep

TEXT = {"allow_blank": True, "max_length": 5000}


class AdviceRequestOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    asker = serializers.CharField()
    asker_partner = serializers.CharField()
    question = serializers.CharField()
    asked_at = serializers.DateTimeField()
    advice = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)


def _advice(a: Any) -> dict[str, Any]:
    return {"id": a.pk, "asker": a.asker.get_full_name() or a.asker.username,
            "asker_partner": a.asker_partner.key, "question": a.question,
            "asked_at": a.asked_at, "advice": a.advice, "answered_at": a.answered_at}


def _visible_advice(request: Request, pk: int) -> Any:
    found = selectors.advice_request_for(request.user, pk)  # type: ignore[arg-type]
    if found is None:
        raise NotFound()
    return found


class AdviceRequestsApi(ListApi):
    """My advice requests (Veilig Thuis staff: all of the partnership), open first, newest
    first, a page of them (``limit``, ``offset``); and a new one."""

    class AdviceCreateInput(serializers.Serializer[Any]):
        question = serializers.CharField(
            help_text="no name, BSN, postal code or exact date (003 art. 10.2)",
            **TEXT)  # type: ignore[arg-type]

    @extend_schema(operation_id="veiligthuis_advice_list",
                   responses={200: AdviceRequestOutput(many=True)}, parameters=[
                       OpenApiParameter("status", str, enum=["open", "answered"])])
    def get(self, request: Request) -> Response:
        user: Any = request.user
        wanted = request.query_params.get("status", "")
        return self.page(
            lambda window: selectors.advice_requests_for(user, status=wanted, window=window),
            lambda rows: AdviceRequestOutput([_advice(a) for a in rows], many=True).data)

    @extend_schema(operation_id="veiligthuis_advice_create", request=AdviceCreateInput,
                   responses={201: AdviceRequestOutput, **ERROR_RESPONSES})
    def post(self, request: Request) -> Response:
        data = self.AdviceCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        made = services.advice_request_create(professional=request.user,  # type: ignore[arg-type]
                                              question=data.validated_data["question"])
        return Response(AdviceRequestOutput(_advice(_visible_advice(request, made.pk))).data,
                        status=status.HTTP_201_CREATED)


class AdviceRequestDetailApi(APIView):
    @extend_schema(operation_id="veiligthuis_advice_retrieve",
                   responses={200: AdviceRequestOutput, 404: None})
    def get(self, request: Request, pk: int) -> Response:
        return Response(AdviceRequestOutput(_advice(_visible_advice(request, pk))).data)


class AdviceAnswerApi(APIView):
    """Veilig Thuis answers with advice (no identifying data either)."""

    class AdviceAnswerInput(serializers.Serializer[Any]):
        advice = serializers.CharField(**TEXT)  # type: ignore[arg-type]

    @extend_schema(operation_id="veiligthuis_advice_answer", request=AdviceAnswerInput,
                   responses={200: AdviceRequestOutput, 404: None, **ERROR_RESPONSES})
    def post(self, request: Request, pk: int) -> Response:
        found = _visible_advice(request, pk)
        data = self.AdviceAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.advice_request_answer(professional=request.user,  # type: ignore[arg-type]
                                       advice_request=found,
                                       advice=data.validated_data["advice"])
        return Response(AdviceRequestOutput(_advice(_visible_advice(request, pk))).data)


class MeldcodeStepOutput(serializers.Serializer[Any]):
    step = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    date = serializers.DateField(allow_null=True)
    notes = serializers.CharField()


class ReportOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    person_name = serializers.CharField()
    reporter = serializers.CharField()
    reporter_partner = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())
    legal_power = serializers.CharField()
    reported_at = serializers.DateTimeField()
    family_informed_before = serializers.BooleanField()
    family_informed_on = serializers.DateField(allow_null=True)
    family_still_to_inform = serializers.BooleanField()


class ReportDetailOutput(ReportOutput):
    concerns = serializers.CharField()
    not_informed_reason = serializers.CharField()
    steps = MeldcodeStepOutput(many=True)


def _report(r: Any) -> dict[str, Any]:
    return {
        "id": r.pk, "person_id": r.person_id,
        "person_name": f"{r.person.given_names} {r.person.family_name}",
        "reporter": r.reporter.get_full_name() or r.reporter.username,
        "reporter_partner": r.reporter_partner.key, "categories": r.categories,
        "legal_power": r.legal_power, "reported_at": r.reported_at,
        "family_informed_before": r.family_informed_before,
        "family_informed_on": r.family_informed_on,
        "family_still_to_inform": not r.family_informed_before and r.family_informed_on is None,
    }


def _report_detail(user: Any, r: Any) -> dict[str, Any]:
    texts = services.report_texts(professional=user, report=r)
    return {
        **_report(r), "concerns": texts.concerns,
        "not_informed_reason": texts.not_informed_reason,
        "steps": [{"step": s.value, "label": str(s.label),
                   "date": r.step_dates.get(str(s.value)),
                   "notes": texts.step_notes.get(s.value, "")} for s in MeldcodeStep],
    }


def _visible_report(request: Request, pk: int) -> Any:
    found = selectors.report_for(request.user, pk)  # type: ignore[arg-type]
    if found is None:
        raise NotFound()
    return found


class MeldcodeStepInput(serializers.Serializer[Any]):
    step = serializers.IntegerField(min_value=1, max_value=5, help_text="meldcode step 1-5")
    date = serializers.DateField(allow_null=True, required=False)
    notes = serializers.CharField(required=False, **TEXT)  # type: ignore[arg-type]


class ReportsApi(ListApi):
    """My reports (Veilig Thuis staff: the reports received), newest first, a page of them
    (``limit``, ``offset``); and a new report."""

    class ReportCreateInput(serializers.Serializer[Any]):
        person = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
        concerns = serializers.CharField(**TEXT)  # type: ignore[arg-type]
        categories = serializers.ListField(child=serializers.CharField(max_length=64),
                                           max_length=50)
        steps = MeldcodeStepInput(
            many=True,
            help_text="the five meldcode steps; step 3 may be left out when the family was not "
                      "told")
        family_informed_before = serializers.BooleanField()
        not_informed_reason = serializers.CharField(required=False, **TEXT)  # type: ignore[arg-type]

    @extend_schema(operation_id="veiligthuis_reports_list",
                   responses={200: ReportOutput(many=True)}, parameters=[
                       OpenApiParameter("family", str, enum=["to_inform", "informed"],
                                        description="to_inform: the family was not told "
                                        "beforehand and is not informed yet")])
    def get(self, request: Request) -> Response:
        user: Any = request.user
        wanted = request.query_params.get("family", "")
        return self.page(
            lambda window: selectors.reports_for(user, family=wanted, window=window),
            lambda rows: ReportOutput([_report(r) for r in rows], many=True).data)

    @extend_schema(operation_id="veiligthuis_reports_create", request=ReportCreateInput,
                   responses={201: ReportDetailOutput, 404: None, **ERROR_RESPONSES})
    def post(self, request: Request) -> Response:
        data = self.ReportCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user: Any = request.user
        person = selectors.person_visible_to(user, values["person"])
        if person is None:
            raise NotFound()
        steps = {int(s["step"]): (s.get("date"), s.get("notes", "")) for s in values["steps"]}
        made = services.report_create(
            professional=user, person=person, concerns=values["concerns"],
            categories=values["categories"], steps=steps,
            family_informed_before=values["family_informed_before"],
            not_informed_reason=values.get("not_informed_reason", ""))
        return Response(ReportDetailOutput(_report_detail(user, _visible_report(request,
                                                                                 made.pk))).data,
                        status=status.HTTP_201_CREATED)


class ReportDetailApi(APIView):
    @extend_schema(operation_id="veiligthuis_reports_retrieve",
                   responses={200: ReportDetailOutput, 404: None})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ReportDetailOutput(_report_detail(request.user,
                                                          _visible_report(request, pk))).data)


class ReportFamilyInformedApi(APIView):
    """T4: the reporter records that the family was informed afterwards."""

    class ReportFamilyInformedInput(serializers.Serializer[Any]):
        family_informed_on = serializers.DateField()

    @extend_schema(operation_id="veiligthuis_reports_family_informed",
                   request=ReportFamilyInformedInput,
                   responses={200: ReportDetailOutput, 404: None, **ERROR_RESPONSES})
    def post(self, request: Request, pk: int) -> Response:
        found = _visible_report(request, pk)
        data = self.ReportFamilyInformedInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_record_family_informed(
            professional=request.user,  # type: ignore[arg-type]
            report=found, on=data.validated_data["family_informed_on"])
        return Response(ReportDetailOutput(_report_detail(request.user,
                                                          _visible_report(request, pk))).data)
