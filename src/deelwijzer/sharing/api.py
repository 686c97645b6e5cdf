"""API of "Mag ik dit delen?": check a sharing (a preview, nothing logged) and make the
disclosure (decided again and logged). One class per operation."""

from __future__ import annotations

from typing import Any, cast

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deelwijzer.accounts.models import Professional
from deelwijzer.api.errors import ERROR_RESPONSES, ReasonOutput
from deelwijzer.covenant.models import Partner
from deelwijzer.sharing import selectors, services

MAX_ID = 2**31 - 1


class ShareDetailOutput(serializers.Serializer[Any]):
    detail = serializers.CharField()


NOT_FOUND = {
    404: OpenApiResponse(ShareDetailOutput, description="The person, item or case does not "
                                                        "exist or you may not see it."),
    409: OpenApiResponse(ShareDetailOutput, description="No covenant version is in force."),
}


def _user(request: Request) -> Professional:
    return cast(Professional, request.user)


def _case(user: Professional, person: Any, reference: str) -> Any:
    if not reference:
        return None
    case = selectors.case_of_person(user, person, reference)
    if case is None:
        raise Http404
    return case


class ShareMissingOutput(serializers.Serializer[Any]):
    kind = serializers.CharField(help_text="e.g. consent, justification, inform_family, "
                                           "contributor_permission, step, known_to_partner_only")
    message = serializers.CharField()
    url = serializers.CharField(help_text="where to fix it; empty when no screen does")


class ShareCheckApi(APIView):
    """May I share this? The decision point's answer now, without sharing or logging anything.

    Give either an ``item`` of the person's dossier or the ``categories`` of the information.
    Within a ``case`` the purpose defaults to the purpose of the case's current step.
    """

    class ShareCheckInput(serializers.Serializer[Any]):
        person = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        recipient = serializers.CharField(max_length=64, help_text="partner id in the covenant")
        purpose = serializers.CharField(max_length=64, required=False, allow_blank=True)
        item = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
        categories = serializers.ListField(
            child=serializers.CharField(max_length=64), required=False, max_length=50)
        case = serializers.CharField(max_length=20, required=False, allow_blank=True,
                                     help_text="case reference, e.g. C-2026-0001")
        contributor = serializers.CharField(
            max_length=64, required=False, allow_blank=True,
            help_text="the partner that contributed the described information (K5)")
        contributor_permission = serializers.BooleanField(required=False, default=False)
        origin_purpose = serializers.CharField(
            max_length=64, required=False, allow_blank=True,
            help_text="the purpose the information was obtained for (S2)")

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if attrs.get("item") is not None and attrs.get("categories"):
                raise serializers.ValidationError(
                    {"categories": "give an item or categories, not both"})
            if attrs.get("item") is None and not attrs.get("categories"):
                raise serializers.ValidationError(
                    {"categories": "give an item or at least one category"})
            if not attrs.get("case") and not attrs.get("purpose"):
                raise serializers.ValidationError(
                    {"purpose": "required outside a case"})
            return attrs

    class ShareCheckOutput(serializers.Serializer[Any]):
        allowed = serializers.BooleanField()
        covenant_version = serializers.CharField()
        rule_ids = serializers.ListField(child=serializers.CharField())
        reasons = ReasonOutput(many=True)
        conditions = serializers.ListField(child=serializers.CharField())
        missing = ShareMissingOutput(many=True)
        purpose = serializers.CharField()
        step = serializers.CharField(allow_null=True)
        case = serializers.CharField(allow_null=True)
        categories = serializers.ListField(child=serializers.CharField())
        recipient = serializers.CharField()

    @extend_schema(operation_id="share_check", request=ShareCheckInput,
                   responses={200: ShareCheckOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request) -> Response:
        data = self.ShareCheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = _user(request)
        person = selectors.person_visible_to(user, values["person"])
        if person is None:
            raise Http404
        item = None
        if values.get("item") is not None:
            item = selectors.dossier_item_visible(user, values["item"])
            if item is None or item.person_id != person.pk:
                raise Http404
        case = _case(user, person, values.get("case", ""))
        params = {"person": str(person.pk), "case": case.reference if case else "",
                  "item": str(item.pk) if item else "",
                  "categories": ",".join(values.get("categories", [])),
                  "recipient": values["recipient"], "purpose": values.get("purpose", "")}
        answer = services.share_check(
            professional=user, person=person, recipient=values["recipient"],
            purpose=values.get("purpose") or None, categories=values.get("categories", []),
            item=item, case=case, contributor=values.get("contributor") or None,
            contributor_permission=values["contributor_permission"],
            origin_purpose=values.get("origin_purpose") or None,
            flow_params={k: v for k, v in params.items() if v})
        return Response(self.ShareCheckOutput(answer.as_dict()).data)


class ShareDiscloseApi(APIView):
    """Disclose a dossier item to a partner. The decision point is asked again: a refusal is
    403 with its reasons and is in the processing log; a disclosure is recorded (V4)."""

    class ShareDiscloseInput(serializers.Serializer[Any]):
        item = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        recipient = serializers.CharField(max_length=64, help_text="partner id in the covenant")
        purpose = serializers.CharField(max_length=64, required=False, allow_blank=True)
        case = serializers.CharField(max_length=20, required=False, allow_blank=True)

    class ShareDiscloseOutput(serializers.Serializer[Any]):
        id = serializers.IntegerField()
        item = serializers.IntegerField()
        recipient = serializers.CharField()
        recipient_name = serializers.CharField()
        purpose = serializers.CharField()
        ground = serializers.CharField()
        consent = serializers.IntegerField(allow_null=True)
        disclosed_at = serializers.DateTimeField()

    @extend_schema(operation_id="share_disclose", request=ShareDiscloseInput,
                   responses={201: ShareDiscloseOutput, **ERROR_RESPONSES, **NOT_FOUND})
    def post(self, request: Request) -> Response:
        data = self.ShareDiscloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = _user(request)
        item = selectors.dossier_item_visible(user, values["item"])
        if item is None:
            raise Http404
        recipient = Partner.objects.filter(
            key=values["recipient"], partnership_id=item.person.partnership_id).first()
        if recipient is None:
            raise Http404
        case = _case(user, item.person, values.get("case", ""))
        if case is None and not values.get("purpose"):
            raise serializers.ValidationError({"purpose": ["required outside a case"]})
        disclosure = services.share_disclose(professional=user, item=item, recipient=recipient,
                                             purpose=values.get("purpose") or None, case=case)
        return Response(self.ShareDiscloseOutput({
            "id": disclosure.pk, "item": item.pk, "recipient": recipient.key,
            "recipient_name": recipient.name, "purpose": disclosure.purpose,
            "ground": disclosure.ground, "consent": disclosure.consent_id,
            "disclosed_at": disclosure.disclosed_at,
        }).data, status=status.HTTP_201_CREATED)
