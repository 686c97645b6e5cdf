"""Read-only API on the partnership and its covenant versions (one class per operation)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deelwijzer.covenant.models import CovenantVersion
from deelwijzer.covenant.selectors import partnership_versions, version_signature_status
from deelwijzer.covenant.views import status_text, user_partnership


class SignatureOutput(serializers.Serializer[Any]):
    partner = serializers.CharField(help_text="partner id in the covenant")
    partner_name = serializers.CharField()
    signatory = serializers.CharField()
    signed_on = serializers.DateField(allow_null=True)


class VersionOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    status = serializers.ChoiceField(choices=["draft", "in_force", "superseded"])
    status_text = serializers.CharField()
    in_force_since = serializers.DateTimeField(allow_null=True)
    imported_at = serializers.DateTimeField()
    source_sha256 = serializers.CharField()


class VersionDetailOutput(VersionOutput):
    signatures = SignatureOutput(many=True)


def _version_data(version: CovenantVersion) -> dict[str, object]:
    return {
        "id": version.pk, "number": version.number, "label": version.label,
        "status": version.status, "status_text": status_text(version),
        "in_force_since": version.in_force_since, "imported_at": version.imported_at,
        "source_sha256": version.source_sha256,
    }


class VersionListApi(APIView):
    """The versions of the covenant of the user's partnership, newest first."""

    @extend_schema(responses=VersionOutput(many=True), operation_id="covenant_versions_list")
    def get(self, request: Request) -> Response:
        partnership = user_partnership(request.user)
        versions = partnership_versions(partnership) if partnership else []
        return Response(VersionOutput([_version_data(v) for v in versions], many=True).data)


class VersionDetailApi(APIView):
    """One version with its signatures per partner."""

    @extend_schema(responses=VersionDetailOutput, operation_id="covenant_versions_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        version = get_object_or_404(
            CovenantVersion, pk=pk, partnership=user_partnership(request.user))
        data = _version_data(version)
        data["signatures"] = [
            {
                "partner": row["key"],
                "partner_name": row["name"],
                "signatory": row["signatory"].name,  # type: ignore[attr-defined]
                "signed_on": row["signature"].signed_on if row["signature"] else None,  # type: ignore[attr-defined]
            }
            for row in version_signature_status(version)
        ]
        return Response(VersionDetailOutput(data).data)
