"""Request body parsers of the API: JSON with a nesting limit; bodies with a size limit.

Python's ``json`` recurses once per nesting level, so ``"[" * 1000 + "]" * 1000`` (2 KB) ends in
a RecursionError (a 500). :class:`JSONParser` measures the nesting depth first (brackets outside
strings, at C speed) and refuses more than ``DEELWIJZER_API_MAX_JSON_DEPTH`` levels (default 32)
before ``json.loads`` sees the text. The size limit is Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE``:
DRF reads JSON and form bodies through ``request.body``, which enforces it, and
:func:`deelwijzer.api.errors.exception_handler` turns the refusal into the same 400. Every
refusal names the field ``body``, a code and the rule, in the user's language::

    {"detail": "...", "errors": [{"field": "body", "code": "too_deep", "message": "..."}]}
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from itertools import accumulate
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# A JSON string (escapes included), matched possessively: removed before counting brackets.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
# Everything but brackets and braces, removed before counting.
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}

DEFAULT_MAX_DEPTH = 32


def body_error(message: str, code: str) -> dict[str, Any]:
    """The 400 body of docs/api.md for a request body the API does not read."""
    return {"detail": message, "errors": [{"field": "body", "code": code, "message": message}]}


class BodyRefused(ParseError):
    """A request body the API does not read; the detail is already the 400 body."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(detail=body_error(message, code), code=code)


def max_depth() -> int:
    return int(getattr(settings, "DEELWIJZER_API_MAX_JSON_DEPTH", DEFAULT_MAX_DEPTH))


def nesting_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text`` (brackets in strings not counted)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(_STEP[c] for c in brackets), default=0)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with a nesting limit and our own messages for malformed JSON."""

    def parse(self, stream: IO[Any], media_type: str | None = None,
              parser_context: Mapping[str, Any] | None = None) -> Any:
        encoding = parsers.get_encoding(parser_context or {})  # type: ignore[attr-defined]
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError:
            raise BodyRefused(
                _("Request body: this is not valid %(encoding)s text.") % {"encoding": encoding},
                "invalid_encoding") from None
        limit = max_depth()
        if nesting_depth(text) > limit:
            raise BodyRefused(
                _("Request body: the JSON is nested too deeply (at most %(limit)d levels of "
                  "arrays and objects).") % {"limit": limit},
                "too_deep")
        try:
            return json.loads(text, parse_constant=_refuse_constant if self.strict else None)
        except json.JSONDecodeError as error:
            raise BodyRefused(
                _("Request body: this is not valid JSON (line %(line)d, column %(column)d).")
                % {"line": error.lineno, "column": error.colno},
                "invalid_json") from None
        except RecursionError:  # pragma: no cover - the depth check comes first
            raise BodyRefused(_("Request body: the JSON is nested too deeply."),
                              "too_deep") from None


def _refuse_constant(name: str) -> Any:
    raise BodyRefused(
        _("Request body: %(value)s is not a JSON number.") % {"value": name}, "invalid_json")
