"""API of the cases app's overviews beside cases.api: the team coordinator's monitoring summary
(counts and stages, no content: P5, 001 privacyprotocol art. 4.3) and the consultations the
caller may open (the consultations screen)."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.api.errors import InvalidOutput
from deelwijzer.api.pagination import ListApi
from deelwijzer.cases import selectors
from deelwijzer.cases.api import ConsultationOutput, _consultation_data
from deelwijzer.cases.monitoring.selectors import monitoring_summary
from deelwijzer.covenant.views import user_partnership


class CaseSummaryOutput(serializers.Serializer[Any]):
    reference = serializers.CharField()
    step = serializers.CharField()
    dossier_partner = serializers.CharField()
    opened_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    days_open = serializers.IntegerField()
    partners = serializers.IntegerField()
    consultations = serializers.IntegerField()
    last_consultation = serializers.DateField(allow_null=True)
    without_family = serializers.IntegerField()
    actions = serializers.IntegerField()
    actions_past_due = serializers.IntegerField()


class StepCountOutput(serializers.Serializer[Any]):
    step = serializers.CharField()
    open_cases = serializers.IntegerField()


class MonitoringOutput(serializers.Serializer[Any]):
    open_cases = serializers.IntegerField()
    closed_cases = serializers.IntegerField()
    per_step = StepCountOutput(many=True)
    cases = CaseSummaryOutput(many=True)


class MonitoringApi(APIView):
    """The team coordinator's monitoring summary of the partnership: per case its reference,
    step, dates and counts; nothing about the family or what was said. Only for the team
    coordinator (403 otherwise), as the screen."""

    @extend_schema(operation_id="cases_monitoring_retrieve",
                   responses={200: MonitoringOutput, 403: InvalidOutput})
    def get(self, request: Request) -> Response:
        user = cast(Professional, request.user)
        if not user.has_role(Role.TEAM_COORDINATOR):
            raise PermissionDenied
        partnership = user_partnership(user)
        if partnership is None:
            return Response(MonitoringOutput({"open_cases": 0, "closed_cases": 0,
                                              "per_step": [], "cases": []}).data)
        summary = monitoring_summary(partnership)
        return Response(MonitoringOutput({
            "open_cases": summary.open_cases, "closed_cases": summary.closed_cases,
            "per_step": [{"step": s, "open_cases": n} for s, n in summary.per_step.items()],
            "cases": [vars(c) for c in summary.cases],
        }).data)


class ConsultationListApi(ListApi):
    """The consultations the caller may open (it takes part in, chairs or scheduled them),
    newest first; a page of them (``limit``, ``offset``)."""

    @extend_schema(operation_id="consultations_list", responses=ConsultationOutput(many=True))
    def get(self, request: Request) -> Response:
        me = cast(Professional, request.user)

        return self.page(lambda window: selectors.consultations_for(me, window=window),
                         lambda rows: ConsultationOutput(
            [_consultation_data(c) for c in rows], many=True).data)
