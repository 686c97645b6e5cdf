"""The API's error bodies: a refusal names its reasons, rule ids and articles; bad input names
the field and the rule. Never a stack trace.

- ``ProcessingRefused`` -> 403 ``{"allowed": false, "detail", "covenant_version", "rule_ids",
  "reasons": [{"rule_id", "code", "article", "message"}], "conditions"}``
- ``InvalidPersonData`` -> 400 ``{"detail", "errors": [{"field", "code", "message"}]}``
- no covenant in force -> 409 ``{"detail"}``
- a covenant action its rules do not allow now (``CovenantActionRefused``: a second draft, a
  signed draft withdrawn, a signature twice or in the future) -> 409 ``{"detail", "errors": []}``
- a covenant file that does not validate (``CovenantInvalid``) -> 400 ``{"detail", "errors"}``,
  one error per issue with the field ``source`` and the issue's code; the message names the line
- a request body too large, too deeply nested or not JSON -> 400 ``{"detail", "errors"}`` with
  the field ``body`` (``deelwijzer.api.parsers``)
- a serializer's validation (missing, malformed or out-of-range fields, also nested ones and the
  page parameters) -> 400 ``{"detail", "errors"}``, one error per field and rule; a nested
  field is named by its path (``members.0.birth_date``)
- everything else DRF answers itself (401, 403 without a decision, 404, 405, 406, 415, 429) ->
  ``{"detail", "errors": []}`` with DRF's status and headers (``Retry-After``, ``WWW-Authenticate``)
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from deelwijzer.api.bodies import ERROR_RESPONSES as ERROR_RESPONSES
from deelwijzer.api.bodies import FieldErrorOutput as FieldErrorOutput
from deelwijzer.api.bodies import InvalidOutput as InvalidOutput
from deelwijzer.api.bodies import ReasonOutput as ReasonOutput
from deelwijzer.api.bodies import RefusalOutput as RefusalOutput
from deelwijzer.api.parsers import body_error
from deelwijzer.covenant.loader import CovenantInvalid
from deelwijzer.covenant.services import CovenantActionRefused
from deelwijzer.persons.errors import field_label, invalid_message, refusal_body, register
from deelwijzer.persons.gateway import InvalidPersonData, NoCovenantInForce, ProcessingRefused

NON_FIELD = "non_field_errors"  # DRF's name for an error of the input as a whole

# The labels of API input fields that no app's screens name (the apps register theirs with
# ``persons.errors.register``), so that every field error names the field in the user's
# language (api/tests/test_pagination.py checks every input field of the schema has one).
register(fields={
    "answers": gettext_lazy("Answers to the weighing questions"),
    "child": gettext_lazy("Child"),
    "city": gettext_lazy("City"),
    "confidentiality_declaration_date": gettext_lazy("Confidentiality declaration signed on"),
    "contributor_permission": gettext_lazy("Contributor's permission"),
    "email": gettext_lazy("E-mail address"),
    "evidence_base64": gettext_lazy("Evidence (base64)"),
    "evidence_name": gettext_lazy("Evidence file name"),
    "first_name": gettext_lazy("First name"),
    "function": gettext_lazy("Function"),
    "inform_exception": gettext_lazy("Exception to informing"),
    "last_name": gettext_lazy("Last name"),
    "note": gettext_lazy("Note"),
    "notes": gettext_lazy("Notes"),
    "on": gettext_lazy("Date"),
    "origin_purpose": gettext_lazy("Purpose the data was collected for"),
    "permission": gettext_lazy("Permission to share with the meeting"),
    "phone": gettext_lazy("Phone number"),
    "postal_code": gettext_lazy("Postal code"),
    "representatives": gettext_lazy("Representatives"),
    "roles": gettext_lazy("Roles"),
    "signed_on": gettext_lazy("Signed on"),
    "source": gettext_lazy("Covenant file"),
    "steps": gettext_lazy("Meldcode steps"),
    "street": gettext_lazy("Street and number"),
    "to_step": gettext_lazy("Next step"),
    "username": gettext_lazy("User name"),
    "valid_from": gettext_lazy("Valid from"),
    "vog_date": gettext_lazy("VOG date"),
    "limit": gettext_lazy("Page size (limit)"),
    "offset": gettext_lazy("Page start (offset)"),
    "which": gettext_lazy("Which items"),
})


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
    if isinstance(exc, CovenantActionRefused):
        return Response({"detail": exc.message, "errors": []}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, CovenantInvalid):
        lang = get_language() or "nl"
        issues = [{"field": "source", "code": i.code, "message": i.render(lang)}
                  for i in exc.issues]
        return Response({"detail": " ".join(i["message"] for i in issues), "errors": issues},
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        return Response(body_error(
            _("Request body: too large (at most %(size)s kB).") % {"size": limit // 1024},
            "too_large"), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, TooManyFieldsSent):
        return Response(body_error(
            _("Request body: too many fields (at most %(count)s).")
            % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}, "too_many_fields"),
            status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.ParseError) and not isinstance(exc.detail, dict):
        # DRF's own parse errors (form and multipart bodies) in the same shape.
        return Response(body_error(str(exc.detail), "invalid"),
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.ValidationError):
        errors = [{"field": field, "code": code,
                   "message": f"{field_label(name)}: {text}" if name != NON_FIELD else text}
                  for field, name, code, text in _flatten(exc.detail, "")]
        return Response({"detail": " ".join(e["message"] for e in errors),
                         "errors": errors}, status=status.HTTP_400_BAD_REQUEST)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and set(response.data) == {
            "detail"}:
        response.data["errors"] = []
    return response


def _flatten(detail: Any, path: str) -> list[tuple[str, str, str, str]]:
    """(path, field name, code, message) of every error in a DRF validation detail."""
    if isinstance(detail, dict):
        return [row for key, value in detail.items()
                for row in _flatten(value, f"{path}.{key}" if path else str(key))]
    if isinstance(detail, list):
        if all(isinstance(d, str) for d in detail):
            return [row for d in detail for row in _flatten(d, path)]
        return [row for i, d in enumerate(detail)
                for row in _flatten(d, f"{path}.{i}" if path else str(i))]
    field = path or NON_FIELD
    name = next((part for part in reversed(field.split(".")) if not part.isdigit()), field)
    return [(field, name, str(getattr(detail, "code", "invalid")), str(detail))]
