"""API of cases and consultations: one APIView per operation (K1-K8, C4-C6, P3, P4).

Refusals of the decision point come back as 403 with their rule ids and articles, input
errors as 400 naming the field (``deelwijzer.api.errors``). A case, consultation or
contribution the caller is not involved in is a 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deelwijzer.accounts.models import Professional
from deelwijzer.api.errors import ERROR_RESPONSES
from deelwijzer.api.pagination import ListApi
from deelwijzer.cases import selectors, services
from deelwijzer.cases.choices import (
    CaseRoleChoice,
    ContributionNature,
    ContributionRemarkKind,
    InformWhen,
    MemberRelation,
    RepresentativeKindChoice,
)
from deelwijzer.cases.views import _step
from deelwijzer.covenant.models import Partner
from deelwijzer.persons.gateway import InvalidPersonData
from deelwijzer.selectors import listing_of

MAX_ID = 2**31 - 1
NOT_FOUND = {404: None}


def _id(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _text(max_length: int = 10000, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, **kwargs)


def _categories() -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(max_length=64), max_length=30,
                                 help_text="data category ids of the covenant")


def _me(request: Request) -> Professional:
    return request.user  # type: ignore[return-value]


def _case(request: Request, pk: int) -> Any:
    case = selectors.case_for(_me(request), pk) if pk <= MAX_ID else None
    if case is None:
        raise Http404
    return case


def _consultation(request: Request, pk: int) -> Any:
    consultation = selectors.consultation_for(_me(request), pk) if pk <= MAX_ID else None
    if consultation is None:
        raise Http404
    return consultation


def _professional(pk: int | None, case: Any, field: str) -> Professional | None:
    if pk is None:
        return None
    professional = Professional.objects.filter(
        pk=pk, partner__partnership_id=case.partnership_id).first()
    if professional is None:
        raise InvalidPersonData(field, "unknown")
    return professional


# --- output -------------------------------------------------------------------------------------


class CaseOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    household = serializers.CharField(help_text="the household's short label, e.g. 'Gezin V.'")
    step = serializers.CharField()
    step_name = serializers.CharField()
    director = serializers.CharField()
    dossier_partner = serializers.CharField(help_text="partner id in the covenant")
    role = serializers.CharField(help_text="the caller's role in the case (K3)")
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    family_not_informed = serializers.IntegerField(
        help_text="consultations without the family that have no informing recorded (K4)")


class MemberOutput(serializers.Serializer[Any]):
    given_names = serializers.CharField()
    family_name = serializers.CharField()
    age = serializers.IntegerField()
    relation = serializers.CharField(help_text="empty when the step does not show it")


class RepresentativeOutput(serializers.Serializer[Any]):
    child = serializers.CharField()
    representative = serializers.CharField()
    kind = serializers.CharField()


class InvolvementOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    partner = serializers.CharField()
    professional = serializers.IntegerField(allow_null=True)
    professional_name = serializers.CharField()
    role = serializers.CharField()
    reason = serializers.CharField()


class StepOutput(serializers.Serializer[Any]):
    id = serializers.CharField()
    name = serializers.CharField()
    purpose = serializers.CharField()
    record = serializers.ListField(child=serializers.CharField())
    share = serializers.ListField(child=serializers.CharField())


class ConsultationOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    case = serializers.CharField(allow_null=True, help_text="case reference; null: anonymous")
    date = serializers.DateField()
    chair = serializers.IntegerField()
    family_present = serializers.BooleanField()
    inform_when = serializers.CharField()
    informed_by = serializers.IntegerField(allow_null=True)
    family_informed_on = serializers.DateField(allow_null=True)


class CaseDetailOutput(CaseOutput):
    statutory_task = serializers.CharField()
    case_criterion = serializers.CharField()
    current_step = StepOutput()
    members = MemberOutput(many=True)
    representatives = RepresentativeOutput(many=True)
    involvements = InvolvementOutput(many=True)
    consultations = ConsultationOutput(many=True)


def _case_data(case: Any, professional: Professional) -> dict[str, Any]:
    role = getattr(case, "my_role", None)
    if role is None:
        involvement = selectors.involvement_of(case, professional)
        role = involvement.role if involvement else ""
    return {
        "id": case.pk, "reference": case.reference, "household": case.household.label,
        "step": case.step, "step_name": _step(case).name,
        "director": case.director.get_full_name() or case.director.username,
        "dossier_partner": case.dossier_partner.key,
        "role": role,
        "opened_at": case.opened_at, "closed_at": case.closed_at,
        "family_not_informed": len(selectors.uninformed_consultations(case)),
    }


def _consultation_data(c: Any) -> dict[str, Any]:
    return {"id": c.pk, "kind": c.kind, "case": c.case.reference if c.case else None,
            "date": c.date, "chair": c.chair_id, "family_present": c.family_present,
            "inform_when": c.inform_when, "informed_by": c.informed_by_id,
            "family_informed_on": c.family_informed_on}


def _involvement_data(i: Any) -> dict[str, Any]:
    return {"id": i.pk, "partner": i.partner.key, "professional": i.professional_id,
            "professional_name": (i.professional.get_full_name() or i.professional.username)
            if i.professional else "", "role": i.role, "reason": i.reason}


# --- cases --------------------------------------------------------------------------------------


class CaseListApi(ListApi):
    """The cases the caller is involved in (P4), open ones first, newest first; a page of
    them (``limit``, ``offset``)."""

    @extend_schema(operation_id="cases_list", responses=CaseOutput(many=True), parameters=[
        OpenApiParameter("search", str, description="part of the reference or the "
                         "household's label ('Gezin V.'); every word must match"),
        OpenApiParameter("step", str, description="a work-process step id of the covenant"),
        OpenApiParameter("state", str, enum=["open", "closed"]),
    ])
    def get(self, request: Request) -> Response:
        me = _me(request)
        query = request.query_params
        return self.page(
            lambda window: selectors.cases_for(
                me, search=query.get("search", "")[:100], step=query.get("step", "")[:64],
                state=query.get("state", ""), window=window),
            lambda cases: CaseOutput([_case_data(c, me) for c in cases], many=True).data)


class CaseOpenApi(APIView):
    """K1: bring in a case: register the household (members, relations, representatives of
    the minors) and open the case from the caller's statutory task."""

    class CaseOpenInput(serializers.Serializer[Any]):
        class CaseOpenMember(serializers.Serializer[Any]):
            given_names = _text(200)
            family_name = _text(200)
            birth_date = serializers.DateField()
            relation = serializers.ChoiceField(choices=MemberRelation.choices)
            bsn = serializers.CharField(max_length=9, required=False, allow_blank=True,
                                        default="")
            street = _text(200, required=False, allow_blank=True, default="")
            postal_code = _text(7, required=False, allow_blank=True, default="")
            city = _text(100, required=False, allow_blank=True, default="")

        class CaseOpenRepresentation(serializers.Serializer[Any]):
            child = serializers.IntegerField(min_value=0, max_value=50,
                                             help_text="index in members")
            representative = serializers.IntegerField(min_value=0, max_value=50,
                                                      help_text="index in members")
            kind = serializers.ChoiceField(choices=RepresentativeKindChoice.choices)

        members = CaseOpenMember(many=True, min_length=1, max_length=20)  # type: ignore[call-arg]
        representatives = CaseOpenRepresentation(many=True, required=False,  # type: ignore[call-arg]
                                         max_length=40)
        statutory_task = _text(2000)
        case_criterion = _text(2000)
        director = _id(required=False, allow_null=True,
                       help_text="the case director (default: the caller)")

    @extend_schema(operation_id="cases_open", request=CaseOpenInput,
                   responses={201: CaseOutput, **ERROR_RESPONSES})
    def post(self, request: Request) -> Response:
        data = self.CaseOpenInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        me = _me(request)
        director = None
        if d.get("director"):
            director = Professional.objects.filter(pk=d["director"]).first()
            if director is None:
                raise InvalidPersonData("director", "unknown")
        case = services.case_bring_in(
            professional=me,
            members=[services.MemberInput(**m) for m in d["members"]],
            representatives=[services.RepresentativeInput(**r)
                             for r in d.get("representatives", [])],
            statutory_task=d["statutory_task"], case_criterion=d["case_criterion"],
            director=director)
        opened = selectors.case_for(me, case.pk) or case
        return Response(CaseOutput(_case_data(opened, me)).data, status=status.HTTP_201_CREATED)


class CaseDetailApi(APIView):
    """One case: the household as far as the step shows it (a VIEW, logged), the step with
    what it allows, involvements and consultations."""

    @extend_schema(operation_id="cases_retrieve",
                   responses={200: CaseDetailOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        me = _me(request)
        case = _case(request, pk)
        view = services.case_view(professional=me, case=case)
        step = _step(case)
        consultations = selectors.consultations_of(case)
        case.uninformed = [c for c in reversed(consultations) if not c.family_present
                           and c.family_informed_on is None]
        data = _case_data(case, me)
        data.update({
            "statutory_task": case.statutory_task, "case_criterion": case.case_criterion,
            "current_step": {"id": step.id, "name": step.name, "purpose": step.purpose,
                             "record": [c for c, _n in step.record],
                             "share": [c for c, _n in step.share]},
            "members": [vars(m) for m in view.members],
            "representatives": [vars(r) for r in view.representatives],
            "involvements": [_involvement_data(i) for i in selectors.involvement_list(case)],
            "consultations": [_consultation_data(c) for c in consultations],
        })
        return Response(CaseDetailOutput(data).data)


class CaseInvolveApi(APIView):
    """K3, C4, P3: the case director involves a partner with a role and a reason."""

    class CaseInvolveInput(serializers.Serializer[Any]):
        partner = serializers.CharField(max_length=64, help_text="partner id in the covenant")
        invitee = _id(required=False, allow_null=True, help_text="the partner's professional")
        role = serializers.ChoiceField(choices=CaseRoleChoice.choices)
        reason = _text(2000)

    @extend_schema(operation_id="cases_involve", request=CaseInvolveInput,
                   responses={201: InvolvementOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        case = _case(request, pk)
        data = self.CaseInvolveInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        partner = Partner.objects.filter(partnership_id=case.partnership_id,
                                         key=d["partner"]).first()
        if partner is None:
            raise InvalidPersonData("partner", "unknown")
        involvement = services.case_involve(
            professional=_me(request), case=case, partner=partner, role=d["role"],
            reason=d["reason"], invitee=_professional(d.get("invitee"), case, "invitee"))
        return Response(InvolvementOutput(_involvement_data(involvement)).data,
                        status=status.HTTP_201_CREATED)


class CaseStepAdvanceApi(APIView):
    """C6: the case director moves the case to the next step (logged under that step)."""

    class CaseStepAdvanceInput(serializers.Serializer[Any]):
        to_step = serializers.CharField(max_length=64)

    @extend_schema(operation_id="cases_step_advance", request=CaseStepAdvanceInput,
                   responses={200: CaseOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        case = _case(request, pk)
        data = self.CaseStepAdvanceInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_step_advance(professional=_me(request), case=case,
                                   to_step=data.validated_data["to_step"])
        return Response(CaseOutput(_case_data(case, _me(request))).data)


class CaseCloseApi(APIView):
    """The case director closes the case."""

    @extend_schema(operation_id="cases_close", request=None,
                   responses={200: CaseOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        case = _case(request, pk)
        services.case_close(professional=_me(request), case=case)
        return Response(CaseOutput(_case_data(case, _me(request))).data)


# --- consultations ------------------------------------------------------------------------------


class AbsenceFields(serializers.Serializer[Any]):
    absence_motivation = _text(required=False, allow_blank=True, default="")
    informed_by = _id(required=False, allow_null=True, default=None)
    inform_when = serializers.ChoiceField(choices=[("", ""), *InformWhen.choices],
                                          required=False, default="")


class ConsultationScheduleApi(APIView):
    """K2-K4: schedule a named consultation of the case; without the family, the motivation,
    who informs them and when are required."""

    class ConsultationScheduleInput(AbsenceFields):
        date = serializers.DateField()
        chair = _id()
        participants = serializers.ListField(child=_id(), max_length=50,
                                             help_text="involvement ids of the case")
        agenda = _text(required=False, allow_blank=True, default="")
        family_present = serializers.BooleanField()

    @extend_schema(operation_id="consultations_schedule", request=ConsultationScheduleInput,
                   responses={201: ConsultationOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        case = _case(request, pk)
        data = self.ConsultationScheduleInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        chosen = []
        for involvement_id in d["participants"]:
            involvement = selectors.involvement_in(case, involvement_id)
            if involvement is None:
                raise InvalidPersonData("participants", "not_in_case")
            chosen.append(involvement)
        chair = _professional(d["chair"], case, "chair")
        assert chair is not None
        consultation = services.consultation_schedule(
            professional=_me(request), kind="named", date=d["date"], chair=chair, case=case,
            participants=chosen, agenda=d["agenda"], family_present=d["family_present"],
            absence_motivation=d["absence_motivation"],
            informed_by=_professional(d["informed_by"], case, "informed_by"),
            inform_when=d["inform_when"])
        return Response(ConsultationOutput(_consultation_data(consultation)).data,
                        status=status.HTTP_201_CREATED)


class AnonymousConsultationScheduleApi(APIView):
    """K2: an anonymous consultation: no case, nothing identifying in the agenda."""

    class AnonymousConsultationScheduleInput(serializers.Serializer[Any]):
        date = serializers.DateField()
        chair = _id()
        agenda = _text(required=False, allow_blank=True, default="")

    @extend_schema(operation_id="consultations_schedule_anonymous",
                   request=AnonymousConsultationScheduleInput,
                   responses={201: ConsultationOutput, **ERROR_RESPONSES})
    def post(self, request: Request) -> Response:
        data = self.AnonymousConsultationScheduleInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        me = _me(request)
        if me.partner is None:
            raise InvalidPersonData("professional", "no_partner")
        chair = Professional.objects.filter(
            pk=d["chair"], partner__partnership_id=me.partner.partnership_id).first()
        if chair is None:
            raise InvalidPersonData("chair", "unknown")
        consultation = services.consultation_schedule(
            professional=me, kind="anonymous", date=d["date"], chair=chair,
            agenda=d["agenda"])
        return Response(ConsultationOutput(_consultation_data(consultation)).data,
                        status=status.HTTP_201_CREATED)


class ConsultationAbsenceApi(APIView):
    """K4, T4: record that the family is not present: why, who informs them, when."""

    @extend_schema(operation_id="consultations_family_absence", request=AbsenceFields,
                   responses={200: ConsultationOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        if consultation.case is None:
            raise InvalidPersonData("consultation", "anonymous")
        data = AbsenceFields(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        services.consultation_record_family_absence(
            professional=_me(request), consultation=consultation,
            motivation=d["absence_motivation"],
            informed_by=_professional(d["informed_by"], consultation.case, "informed_by"),
            inform_when=d["inform_when"])
        return Response(ConsultationOutput(_consultation_data(consultation)).data)


class ConsultationFamilyInformedApi(APIView):
    """K4, T4: record the day the family was informed."""

    class ConsultationFamilyInformedInput(serializers.Serializer[Any]):
        informed_on = serializers.DateField(required=False)

    @extend_schema(operation_id="consultations_family_informed",
                   request=ConsultationFamilyInformedInput,
                   responses={200: ConsultationOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        data = self.ConsultationFamilyInformedInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.consultation_family_informed(
            professional=_me(request), consultation=consultation,
            on=data.validated_data.get("informed_on"))
        return Response(ConsultationOutput(_consultation_data(consultation)).data)


class ConsultationDetailOutput(ConsultationOutput):
    agenda = serializers.CharField(help_text="named: read through the policy and logged")
    absence_motivation = serializers.CharField()


class ConsultationDetailApi(APIView):
    """One consultation with its agenda (named: a VIEW per household member, logged)."""

    @extend_schema(operation_id="consultations_retrieve",
                   responses={200: ConsultationDetailOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        agenda = services.consultation_agenda_view(professional=_me(request),
                                                   consultation=consultation)
        return Response(ConsultationDetailOutput({
            **_consultation_data(consultation), "agenda": agenda,
            "absence_motivation": consultation.absence_motivation}).data)


class MinutesOutput(serializers.Serializer[Any]):
    minutes = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())


class MinutesRecordApi(APIView):
    """Record the minutes: named ones through the policy with their categories (logged,
    encrypted); anonymous ones checked for identifying data (K2)."""

    class MinutesRecordInput(serializers.Serializer[Any]):
        minutes = _text(50000, allow_blank=True)
        categories = _categories()

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fields["categories"].required = False

    @extend_schema(operation_id="consultations_minutes_record", request=MinutesRecordInput,
                   responses={200: MinutesOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        data = self.MinutesRecordInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        services.consultation_minutes_record(
            professional=_me(request), consultation=consultation, minutes=d["minutes"],
            categories=d.get("categories", []))
        return Response(MinutesOutput({"minutes": d["minutes"].strip(),
                                       "categories": consultation.minutes_categories}).data)


class MinutesViewApi(APIView):
    """Read the minutes (named: a VIEW per household member, logged)."""

    @extend_schema(operation_id="consultations_minutes_view",
                   responses={200: MinutesOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        minutes = services.consultation_minutes_view(professional=_me(request),
                                                     consultation=consultation)
        return Response(MinutesOutput({"minutes": minutes,
                                       "categories": consultation.minutes_categories}).data)


# --- contributions ------------------------------------------------------------------------------


class ContributionOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    owner_partner = serializers.CharField()
    author = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())
    nature = serializers.CharField()
    permission = serializers.BooleanField()
    recorded_at = serializers.DateTimeField()
    shared_with_you = serializers.BooleanField(
        help_text="yours, or its owner allows others to use it (K5)")


class ContributionRemarkOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ContributionRemarkKind.choices)
    given_by = serializers.IntegerField(help_text="person id of the household member")
    given_by_name = serializers.CharField()
    given_on = serializers.DateField()
    text = serializers.CharField()
    recorded_by = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class ContributionTextOutput(ContributionOutput):
    text = serializers.CharField(help_text="the original text, also when corrected (K8)")
    remarks = ContributionRemarkOutput(
        many=True, help_text="the family's reactions and corrections beside it (K8)")


def _remark_data(remark: Any, given_by: str, text: str) -> dict[str, Any]:
    who = remark.recorded_by
    return {"id": remark.pk, "kind": remark.kind, "given_by": remark.given_by_id,
            "given_by_name": given_by, "given_on": remark.given_on, "text": text,
            "recorded_by": who.get_full_name() or who.username,
            "recorded_at": remark.recorded_at}


def _contribution_data(c: Any, me: Professional) -> dict[str, Any]:
    mine = c.owner_partner_id == me.partner_id
    return {"id": c.pk, "owner_partner": c.owner_partner.key,
            "author": c.author.get_full_name() or c.author.username,
            "categories": c.categories, "nature": c.nature, "permission": c.permission,
            "recorded_at": c.recorded_at, "shared_with_you": mine or c.permission}


class ContributionListApi(ListApi):
    """The consultation's contributions without their text (K5: open one to read it), in the
    order they were made; a page of them."""

    @extend_schema(operation_id="contributions_list",
                   responses={200: ContributionOutput(many=True), **NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        me = _me(request)
        return self.page(
            lambda window: selectors.contributions_of(consultation, window=window),
            lambda rows: ContributionOutput([_contribution_data(c, me) for c in rows],
                                            many=True).data)


class ContributionAddApi(APIView):
    """K5, K8: a participant brings in information (fact or opinion), with or without
    permission for others; decided as a RECORD under the case's step (S1)."""

    class ContributionAddInput(serializers.Serializer[Any]):
        text = _text(20000)
        categories = _categories()
        nature = serializers.ChoiceField(choices=ContributionNature.choices)
        permission = serializers.BooleanField(default=False)

    @extend_schema(operation_id="contributions_add", request=ContributionAddInput,
                   responses={201: ContributionOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        data = self.ContributionAddInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        contribution = services.contribution_add(
            professional=_me(request), consultation=consultation, text=d["text"],
            categories=d["categories"], nature=d["nature"], permission=d["permission"])
        return Response(ContributionOutput(_contribution_data(contribution, _me(request))).data,
                        status=status.HTTP_201_CREATED)


def _contribution(request: Request, pk: int) -> Any:
    contribution = selectors.contribution_for(_me(request), pk) if pk <= MAX_ID else None
    if contribution is None:
        raise Http404
    return contribution


class ContributionViewApi(APIView):
    """Read a contribution with the family's reactions and corrections beside it (a VIEW per
    household member, logged); another partner's only with its owner's permission (K5), an
    informant reads nothing (P4)."""

    @extend_schema(operation_id="contributions_view",
                   responses={200: ContributionTextOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        contribution = _contribution(request, pk)
        text = services.contribution_view(professional=_me(request), contribution=contribution)
        remarks = services.contribution_remarks_view(professional=_me(request),
                                                     contribution=contribution)
        data = _contribution_data(contribution, _me(request))
        data["text"] = text
        data["remarks"] = [_remark_data(r.remark, r.given_by, r.text) for r in remarks]
        return Response(ContributionTextOutput(data).data)


class ContributionRemarkAddApi(APIView):
    """K8: record the family's reaction to a contribution, or the correction of a factual
    error in one marked fact, by a participant of its owner partner or the case director."""

    class ContributionRemarkAddInput(serializers.Serializer[Any]):
        kind = serializers.ChoiceField(choices=ContributionRemarkKind.choices)
        given_by = _id(help_text="person id of a member of the case's household")
        given_on = serializers.DateField(required=False, help_text="default: today")
        text = _text(20000)

    @extend_schema(operation_id="contributions_remark_add", request=ContributionRemarkAddInput,
                   responses={201: ContributionRemarkOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        contribution = _contribution(request, pk)
        data = self.ContributionRemarkAddInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        given_by = selectors.household_member_of(contribution.consultation.case, d["given_by"]) \
            if contribution.consultation.case is not None else None
        if given_by is None:
            raise InvalidPersonData("given_by", "not_household_member")
        remark = services.contribution_remark_add(
            professional=_me(request), contribution=contribution, kind=d["kind"],
            given_by=given_by, text=d["text"], given_on=d.get("given_on"))
        return Response(ContributionRemarkOutput(_remark_data(
            remark, f"{given_by.given_names} {given_by.family_name}",
            d["text"].strip())).data, status=status.HTTP_201_CREATED)


# --- action items -------------------------------------------------------------------------------


class ActionItemOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    description = serializers.CharField()
    owner = serializers.IntegerField(help_text="involvement id")
    owner_partner = serializers.CharField()
    due = serializers.DateField()


class ActionItemListApi(ListApi):
    """K6: the actions the caller may see (its own; all for the case director), by due date;
    a page of them. Reading them is one VIEW per household member."""

    @extend_schema(operation_id="action_items_list",
                   responses={200: ActionItemOutput(many=True), **ERROR_RESPONSES, **NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        views = [] if consultation.case is None else services.action_items_view(
            professional=_me(request), consultation=consultation)
        return self.page(lambda window: listing_of(views, window), lambda rows: ActionItemOutput(
            [{"id": v.item.pk, "description": v.description, "owner": v.item.owner_id,
              "owner_partner": v.item.owner.partner.key, "due": v.item.due} for v in rows],
            many=True).data)


class ActionItemAddApi(APIView):
    """K6: the case director or the chair adds an action with its owner and due date."""

    class ActionItemAddInput(serializers.Serializer[Any]):
        description = _text(5000)
        owner = _id(help_text="involvement id of the case")
        due = serializers.DateField()

    @extend_schema(operation_id="action_items_add", request=ActionItemAddInput,
                   responses={201: ActionItemOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        consultation = _consultation(request, pk)
        if consultation.case is None:
            raise InvalidPersonData("consultation", "anonymous")
        data = self.ActionItemAddInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        owner = selectors.involvement_in(consultation.case, d["owner"])
        if owner is None:
            raise InvalidPersonData("owner", "not_in_case")
        item = services.action_item_add(professional=_me(request), consultation=consultation,
                                        description=d["description"], owner=owner, due=d["due"])
        return Response(ActionItemOutput(
            {"id": item.pk, "description": d["description"].strip(), "owner": owner.pk,
             "owner_partner": owner.partner.key, "due": item.due}).data,
            status=status.HTTP_201_CREATED)
