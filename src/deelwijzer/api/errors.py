"""The API's error bodies: a refusal names its reasons, rule ids and articles; bad input names
the field and the rule. Never a stack trace.

- ``ProcessingRefused`` -> 403 ``{"allowed": false, "detail", "covenant_version", "rule_ids",
  "reasons": [{"rule_id", "code", "article", "message"}], "conditions"}``
- ``InvalidPersonData`` -> 400 ``{"detail", "errors": [{"field", "code", "message"}]}``
- no covenant in force -> 409 ``{"detail"}``
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from deelwijzer.persons.errors import invalid_message, refusal_body
from deelwijzer.persons.services import InvalidPersonData, NoCovenantInForce, ProcessingRefused


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ProcessingRefused):
        return Response(refusal_body(exc), status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, InvalidPersonData):
        message = invalid_message(exc)
        return Response({"detail": message,
                         "errors": [{"field": exc.field, "code": exc.code, "message": message}]},
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, NoCovenantInForce):
        return Response({"detail": _("No covenant version is in force for your partnership.")},
                        status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)


class ReasonOutput(serializers.Serializer[Any]):
    rule_id = serializers.CharField(help_text="DOMAIN rule id, e.g. S4")
    code = serializers.CharField(help_text="reason code, e.g. secrecy_needs_consent")
    article = serializers.CharField(help_text="the covenant article it rests on")
    message = serializers.CharField(help_text="one plain sentence naming the article")


class RefusalOutput(serializers.Serializer[Any]):
    """403: the decision point refused; the refusal is in the processing log."""

    allowed = serializers.BooleanField()
    detail = serializers.CharField()
    covenant_version = serializers.CharField()
    rule_ids = serializers.ListField(child=serializers.CharField())
    reasons = ReasonOutput(many=True)
    conditions = serializers.ListField(child=serializers.CharField())


class FieldErrorOutput(serializers.Serializer[Any]):
    field = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField()


class InvalidOutput(serializers.Serializer[Any]):
    """400: input no processing may store, naming the field and the rule."""

    detail = serializers.CharField()
    errors = FieldErrorOutput(many=True)  # type: ignore[assignment]


# For ``extend_schema(responses={..., **ERROR_RESPONSES})`` on every operation that processes.
ERROR_RESPONSES = {400: InvalidOutput, 403: RefusalOutput}
