"""Read-only API on the partnership and its covenant versions (one class per operation)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deelwijzer.api.bodies import InvalidOutput
from deelwijzer.api.pagination import ListApi
from deelwijzer.api.renderers import FILE_RENDERERS
from deelwijzer.covenant.diff import covenant_diff
from deelwijzer.covenant.models import CovenantVersion, Partner
from deelwijzer.covenant.selectors import (
    version_covenant,
    version_in_force,
    version_signature_status,
    versions_listing,
)
from deelwijzer.covenant.services import (
    covenant_version_import,
    covenant_version_sign,
    covenant_version_withdraw,
    may_manage_versions,
    may_record_signature,
)
from deelwijzer.covenant.views import (
    DOCUMENT_FORMATS,
    _visible_version,
    document_response,
    status_text,
    user_partnership,
)

MAX_ID = 2**31 - 1


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


def _version_detail(version: CovenantVersion) -> dict[str, object]:
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
    return data


class VersionListApi(ListApi):
    """The versions of the covenant of the user's partnership, newest first; a page of them
    (``limit``, ``offset``)."""

    @extend_schema(responses=VersionOutput(many=True), operation_id="covenant_versions_list")
    def get(self, request: Request) -> Response:
        partnership = user_partnership(request.user)
        return self.page(lambda window: versions_listing(partnership, window),
                         lambda rows: VersionOutput([_version_data(v) for v in rows],
                                                    many=True).data)


class VersionDetailApi(APIView):
    """One version with its signatures per partner."""

    @extend_schema(responses=VersionDetailOutput, operation_id="covenant_versions_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        version = get_object_or_404(
            CovenantVersion, pk=pk, partnership=user_partnership(request.user))
        data = _version_detail(version)
        return Response(VersionDetailOutput(data).data)


# --- the partnership page, importing, withdrawing, comparing and signing versions, documents ---
#
# The same services as the covenant screens (``covenant.views``). A version of another
# partnership is a 404. Importing is for privacy officers and system administrators (anyone
# else: 404, as the import screen); withdrawing needs the same roles and signing is for the
# signing partner's administrator (otherwise 403 with the rule). What the covenant's rules do
# not allow now (a second draft, a signed draft withdrawn, a signature twice or in the future)
# is a 409 with the service's sentence (``deelwijzer.api.errors``).


def _visible(request: Request, pk: int) -> CovenantVersion:
    if pk > MAX_ID:
        raise Http404
    return _visible_version(request, pk)


class PartnershipOutput(serializers.Serializer[Any]):
    id = serializers.CharField(help_text="partnership id in the covenant")
    name = serializers.CharField()
    region = serializers.CharField()


class PartnershipOverviewOutput(serializers.Serializer[Any]):
    partnership = PartnershipOutput(allow_null=True)
    in_force = VersionOutput(allow_null=True, help_text="the version in force, if any")
    latest = VersionOutput(allow_null=True, help_text="the newest version (a draft, if any)")
    can_manage = serializers.BooleanField(
        help_text="the caller may import and withdraw versions")


class PartnershipApi(APIView):
    """The caller's partnership: the version in force and the newest version (the screen opens
    the version in force, else the newest)."""

    @extend_schema(operation_id="covenant_partnership_retrieve",
                   responses={200: PartnershipOverviewOutput})
    def get(self, request: Request) -> Response:
        partnership = user_partnership(request.user)
        in_force = version_in_force(partnership) if partnership else None
        latest = partnership.versions.order_by("-number").first() if partnership else None
        return Response(PartnershipOverviewOutput({
            "partnership": {"id": partnership.key, "name": partnership.name,
                            "region": partnership.region} if partnership else None,
            "in_force": _version_data(in_force) if in_force else None,
            "latest": _version_data(latest) if latest else None,
            "can_manage": may_manage_versions(request.user),
        }).data)


class VersionImportApi(APIView):
    """Import a covenant text (YAML, the format of docs/covenant-format.md) as a new draft
    version: validated with every issue and its line (400), refused when the rules do not allow
    it now (409). It comes into force when every partner has signed."""

    class VersionImportInput(serializers.Serializer[Any]):
        source = serializers.CharField(  # type: ignore[assignment]
            max_length=2_000_000, trim_whitespace=False,
            help_text="the covenant file's text (YAML, UTF-8)")

    @extend_schema(operation_id="covenant_versions_import", request=VersionImportInput,
                   responses={201: VersionDetailOutput, 400: InvalidOutput, 404: None,
                              409: OpenApiResponse(description="refused by the covenant's "
                                                   "rules now; detail says why")})
    def post(self, request: Request) -> Response:
        if not may_manage_versions(request.user):
            raise Http404
        data = self.VersionImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        version = covenant_version_import(text=data.validated_data["source"],
                                          imported_by=request.user)
        return Response(VersionDetailOutput(_version_detail(version)).data,
                        status=status.HTTP_201_CREATED)


class VersionWithdrawApi(APIView):
    """Withdraw a draft nobody has signed yet (a signed draft stays, as evidence: 409)."""

    @extend_schema(operation_id="covenant_versions_withdraw", request=None,
                   responses={204: None, 403: InvalidOutput, 404: None, 409: InvalidOutput})
    def post(self, request: Request, pk: int) -> Response:
        version = _visible(request, pk)
        if not may_manage_versions(request.user):
            raise PermissionDenied(_("Only a privacy officer or system administrator may do "
                                     "this."))
        covenant_version_withdraw(version=version, withdrawn_by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ChangeOutput(serializers.Serializer[Any]):
    section = serializers.CharField()
    kind = serializers.ChoiceField(choices=["added", "removed", "changed"])
    text = serializers.CharField()


class VersionDiffOutput(serializers.Serializer[Any]):
    old = VersionOutput()
    new = VersionOutput()
    changes = ChangeOutput(many=True)


class VersionDiffApi(APIView):
    """What changed between two versions of the partnership's covenant, older first."""

    @extend_schema(operation_id="covenant_versions_diff",
                   responses={200: VersionDiffOutput, 404: None})
    def get(self, request: Request, pk: int, other: int) -> Response:
        new = _visible(request, pk)
        old = _visible(request, other)
        if old.number > new.number:
            old, new = new, old
        changes = covenant_diff(version_covenant(old), version_covenant(new))
        return Response(VersionDiffOutput({
            "old": _version_data(old), "new": _version_data(new),
            "changes": [{"section": c.section, "kind": c.kind, "text": c.text}
                        for c in changes]}).data)


class VersionSignApi(APIView):
    """Record a partner's signature of a draft version (by that partner's administrator); the
    last signature brings the version into force."""

    class VersionSignInput(serializers.Serializer[Any]):
        signed_on = serializers.DateField(help_text="the date on the signed document")

    @extend_schema(operation_id="covenant_versions_sign", request=VersionSignInput,
                   responses={201: VersionDetailOutput, 400: InvalidOutput, 403: InvalidOutput,
                              404: None, 409: InvalidOutput})
    def post(self, request: Request, pk: int, partner_pk: int) -> Response:
        version = _visible(request, pk)
        partner = Partner.objects.filter(pk=partner_pk, partnership=version.partnership).first() \
            if partner_pk <= MAX_ID else None
        if partner is None:
            raise Http404
        data = self.VersionSignInput(data=request.data)
        data.is_valid(raise_exception=True)
        if not may_record_signature(request.user, partner):
            raise PermissionDenied(
                _("Only a partner administrator of %(partner)s may record its signature.")
                % {"partner": partner.name})
        covenant_version_sign(version=version, partner=partner,
                              signed_on=data.validated_data["signed_on"],
                              recorded_by=request.user)
        version.refresh_from_db()
        return Response(VersionDetailOutput(_version_detail(version)).data,
                        status=status.HTTP_201_CREATED)


class DocumentApi(APIView):
    """A document of the version: ``covenant``, ``protocol`` (privacy protocol) or ``leaflet``
    (client leaflet), as ``html``, ``pdf`` or ``docx``; the same file as on the screen."""

    renderer_classes = FILE_RENDERERS

    @extend_schema(operation_id="covenant_documents_retrieve", parameters=[
        OpenApiParameter("kind", str, OpenApiParameter.PATH,
                         enum=["covenant", "protocol", "leaflet"]),
        OpenApiParameter("ext", str, OpenApiParameter.PATH, enum=list(DOCUMENT_FORMATS)),
    ], responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: None})
    def get(self, request: Request, pk: int, kind: str, ext: str) -> HttpResponse:
        version = _visible(request, pk)
        return document_response(version, kind, ext, get_language() or "nl")
