"""The error bodies as serializers, for the OpenAPI schema (``deelwijzer.api.errors`` makes
them). Apart from errors.py so that API modules of the lower layers (accounts, covenant) can
document their errors without importing the persons gateway the handler needs."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


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
