"""API of the partner administrator's staff screens: list, create, read, change, deactivate a
professional of the own partner, reset its second factor, make a set-password link.

The same rules as the screens: only a partner administrator with a partner (else 403), only
the own partner's staff and never a system administrator (else 404); the input is checked by
the screens' ``StaffForm`` (which roles may be granted, unique username and business e-mail, the
confidentiality declaration of a shell partner's staff, no future dates) and the change is made
by ``accounts.services``. A professional has no password until it follows its set-password link.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deelwijzer.accounts import services
from deelwijzer.accounts.access import login_blockers, vog_valid_until
from deelwijzer.accounts.forms import StaffForm
from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.roles import Role
from deelwijzer.accounts.selectors import staff_listing, staff_of
from deelwijzer.api.bodies import InvalidOutput
from deelwijzer.api.pagination import ListApi

MAX_ID = 2**31 - 1
NOT_FOUND = {403: InvalidOutput, 404: None}


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _editor(request: Request) -> Professional:
    """The caller, when it is a partner administrator with a partner (the screens' rule)."""
    user = cast(Professional, request.user)
    if not user.has_role(Role.PARTNER_ADMIN) or user.partner is None:
        raise PermissionDenied(_("Only a partner administrator manages staff."))
    return user


def _staff(request: Request) -> QuerySet[Professional]:
    return staff_of(_editor(request))


def _member(request: Request, pk: int) -> Professional:
    found = _staff(request).filter(pk=pk).first() if pk <= MAX_ID else None
    if found is None:
        raise Http404
    return found


class BlockerOutput(serializers.Serializer[Any]):
    code = serializers.CharField()
    rule = serializers.CharField(help_text="rule id in DOMAIN.md")
    article = serializers.CharField()
    message = serializers.CharField()


class StaffOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    function = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    is_active = serializers.BooleanField()
    vog_date = serializers.DateField(allow_null=True)
    vog_valid_until = serializers.DateField(allow_null=True)
    confidentiality_declaration_date = serializers.DateField(allow_null=True)
    login_blockers = BlockerOutput(many=True, help_text="why the professional cannot log in now")


def _staff_data(p: Professional) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "id": p.pk, "username": p.username, "first_name": p.first_name,
        "last_name": p.last_name, "email": p.email, "phone": p.phone, "function": p.function,
        "roles": sorted(r.role for r in p.role_assignments.all()),
        "is_active": p.is_active, "vog_date": p.vog_date,
        "vog_valid_until": vog_valid_until(p.vog_date) if p.vog_date else None,
        "confidentiality_declaration_date": p.confidentiality_declaration_date,
        "login_blockers": [{"code": b.code, "rule": b.rule, "article": b.article,
                            "message": str(b.message)} for b in login_blockers(p, today)],
    }


class StaffInput(serializers.Serializer[Any]):
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    username = serializers.CharField(max_length=150)
    email = serializers.CharField(max_length=254, help_text="business e-mail, unique")
    phone = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    function = serializers.CharField(max_length=200)
    vog_date = serializers.DateField(required=False, allow_null=True, default=None)
    confidentiality_declaration_date = serializers.DateField(
        required=False, allow_null=True, default=None,
        help_text="required for staff of a shell partner")
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=[r.value for r in Role]), min_length=1,
        max_length=len(Role), help_text="the roles this professional needs for its work (P4)")


def _form(request: Request, instance: Professional | None = None) -> StaffForm:
    """The screens' form, bound to the checked input; a 400 in the API's shape when its rules
    refuse it."""
    editor = _editor(request)
    data = StaffInput(data=request.data)
    data.is_valid(raise_exception=True)
    assert editor.partner is not None
    form = StaffForm(data={k: ("" if v is None else v) for k, v in data.validated_data.items()},
                     instance=instance, editor=editor, partner=editor.partner)
    if not form.is_valid():
        errors = [{"field": field if field != "__all__" else "non_field_errors",
                   "code": error.code or "invalid", "message": str(message)}
                  for field, found in form.errors.as_data().items()
                  for error in found for message in error.messages]
        raise StaffFormInvalid({"detail": " ".join(e["message"] for e in errors),
                                "errors": errors})
    return form


class StaffFormInvalid(Exception):
    """The staff form's rules refused the input; ``body`` is the API's 400 body (the form's
    messages already name their field, in the user's language)."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__(body["detail"])
        self.body = body


class StaffApiView(APIView):
    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, StaffFormInvalid):
            return Response(exc.body, status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)


def _fields(form: StaffForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


class StaffCreatedOutput(StaffOutput):
    set_password_link = serializers.CharField(
        help_text="one-time link to set a password; give it to the professional")


class StaffApi(StaffApiView, ListApi):
    """The own partner's professionals (never system administrators) by name, a page of them
    (``limit``, ``offset``); register a new one without a password: it sets one through the
    one-time link in the answer."""

    @extend_schema(operation_id="staff_list",
                   responses={200: StaffOutput(many=True), 403: InvalidOutput}, parameters=[
        OpenApiParameter("search", str, description="part of the name, username or e-mail "
                         "address; every word must match"),
        OpenApiParameter("active", str, enum=["active", "inactive"]),
        OpenApiParameter("role", str, enum=[r.value for r in Role if r != Role.SYSTEM_ADMIN],
                         description="professionals with this role"),
    ])
    def get(self, request: Request) -> Response:
        editor = _editor(request)
        query = request.query_params
        return self.page(
            lambda window: staff_listing(
                editor, search=query.get("search", "")[:100], active=query.get("active", ""),
                role=query.get("role", "")[:20], window=window),
            lambda rows: StaffOutput([_staff_data(p) for p in rows], many=True).data)

    @extend_schema(operation_id="staff_create", request=StaffInput,
                   responses={201: StaffCreatedOutput, 400: InvalidOutput, 403: InvalidOutput})
    def post(self, request: Request) -> Response:
        form = _form(request)
        editor = _editor(request)
        assert editor.partner is not None
        professional = services.professional_create(
            partner=editor.partner, roles=form.chosen_roles(), fields=_fields(form))
        link = services.professional_set_password_link(request=request._request,
                                                       professional=professional)
        return Response(StaffCreatedOutput({**_staff_data(professional),
                                            "set_password_link": link}).data,
                        status=status.HTTP_201_CREATED)


class StaffDetailApi(StaffApiView):
    """One professional of the own partner; change it with the whole record (PUT)."""

    @extend_schema(operation_id="staff_retrieve", responses={200: StaffOutput, **NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        return Response(StaffOutput(_staff_data(_member(request, pk))).data)

    @extend_schema(operation_id="staff_update", request=StaffInput,
                   responses={200: StaffOutput, 400: InvalidOutput, **NOT_FOUND})
    def put(self, request: Request, pk: int) -> Response:
        professional = _member(request, pk)
        form = _form(request, instance=professional)
        services.professional_update(professional=professional, roles=form.chosen_roles(),
                                     fields=_fields(form))
        return Response(StaffOutput(_staff_data(_member(request, pk))).data)


class StaffDeactivateApi(APIView):
    """No login anymore; running sessions and tokens stop at their next request. Not the own
    account (409)."""

    @extend_schema(operation_id="staff_deactivate", request=None, responses={
        200: StaffOutput, **NOT_FOUND,
        409: OpenApiResponse(InvalidOutput, description="your own account")})
    def post(self, request: Request, pk: int) -> Response:
        professional = _member(request, pk)
        if professional.pk == request.user.pk:
            raise Conflict(_("You cannot deactivate your own account."))
        services.professional_deactivate(professional=professional)
        return Response(StaffOutput(_staff_data(professional)).data)


class StaffSecondFactorResetApi(APIView):
    """Remove the professional's authenticator devices: at its next login it sets one up."""

    class SecondFactorResetOutput(serializers.Serializer[Any]):
        removed = serializers.IntegerField(help_text="how many devices were removed")

    @extend_schema(operation_id="staff_second_factor_reset", request=None,
                   responses={200: SecondFactorResetOutput, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        professional = _member(request, pk)
        removed = services.professional_reset_second_factor(professional=professional)
        return Response(self.SecondFactorResetOutput({"removed": removed}).data)


class StaffPasswordLinkApi(APIView):
    """A new one-time link for the professional to set its password (it ends when the password
    changes, or after PASSWORD_RESET_TIMEOUT)."""

    class PasswordLinkOutput(serializers.Serializer[Any]):
        set_password_link = serializers.CharField()

    @extend_schema(operation_id="staff_password_link_create", request=None,
                   responses={201: PasswordLinkOutput, **NOT_FOUND})
    def post(self, request: Request, pk: int) -> Response:
        professional = _member(request, pk)
        link = services.professional_set_password_link(request=request._request,
                                                       professional=professional)
        return Response(self.PasswordLinkOutput({"set_password_link": link}).data,
                        status=status.HTTP_201_CREATED)
