"""Load a covenant file: YAML in, a validated :class:`Covenant` out, or every problem told.

Pure Python (no Django). Three passes, each reporting every problem it finds:

1. text: UTF-8, YAML syntax (with line and column), one document, no tabs for indentation;
2. structure: the YAML node tree is walked by hand (PyYAML's safe constructor is used only
   for single scalars) so that duplicate keys, which YAML would silently overwrite, are
   refused, and so that every value's line is known;
3. meaning: the pydantic schema (``schema.py``), its errors put into plain sentences, then,
   once the file matches the schema, the whole-file cross-checks (``crosscheck.py``).

Every problem is a :class:`CovenantIssue` with a path, a line, a stable code and a message in
Dutch or English; :func:`load_covenant` raises :class:`CovenantInvalid` with all of them and
never any other exception.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import types
from collections.abc import Mapping, Sequence
from enum import Enum
from inspect import isclass
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, StringConstraints, ValidationError

from deelwijzer.covenant.crosscheck import DOMAIN_RULE_RANGES, DOMAIN_RULES, crosscheck
from deelwijzer.covenant.issues import (
    CovenantInvalid,
    CovenantIssue,
    LineMap,
    Path,
    format_path,
    listing,
    show,
    suggest,
)
from deelwijzer.covenant.schema import Covenant

__all__ = [
    "SUPPORTED_FORMAT",
    "CovenantInvalid",
    "CovenantIssue",
    "LineMap",
    "load_covenant",
    "load_covenant_file",
    "parse_covenant",
]

SUPPORTED_FORMAT = 1
MAX_DEPTH = 32  # the schema nests 6 deep; anything far deeper is a mistake (or a cycle)
MAX_VALUES = 100_000  # after expanding aliases; guards against "billion laughs"

# libyaml composes ten times faster; on any failure the pure-Python parser, whose messages we
# put into words, reads the text again.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("null", "bool", "int", "float", "timestamp")}
_TEXT_TAGS = {f"{_TAG}{name}" for name in ("str", "value", "yaml")}
_DATE_LIKE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")


def load_covenant(text: str | bytes) -> Covenant:
    """Parse and validate a covenant; raise :class:`CovenantInvalid` with every issue found."""
    covenant, _lines = parse_covenant(text)
    return covenant


def load_covenant_file(path: str | os.PathLike[str]) -> Covenant:
    """Read and validate a covenant file. Unreadable files raise :class:`CovenantInvalid` too."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise CovenantInvalid([CovenantIssue("", None, "file_not_found", {"file": name})]) from None
    except IsADirectoryError:
        raise CovenantInvalid([CovenantIssue("", None, "is_directory", {"file": name})]) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise CovenantInvalid(
            [CovenantIssue("", None, "file_unreadable", {"file": name, "reason": reason})]
        ) from None
    return load_covenant(data)


def parse_covenant(text: str | bytes) -> tuple[Covenant, LineMap]:
    """Like :func:`load_covenant`, and also tell on which line each value sits."""
    parser = _Parser()
    covenant = parser.run(text)
    if parser.issues or covenant is None:
        raise CovenantInvalid(parser.issues or [CovenantIssue("", None, "empty_file", {})])
    return covenant, parser.lines


# --- pass 1 and 2: text and structure ------------------------------------------------------


class _Abort(Exception):
    """Stop walking the tree; the issue saying why is already recorded."""


def _line_at(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of a character index, counting line breaks as YAML does."""
    before = text[:index]
    breaks = list(_LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - line_start + 1


_OPENING_QUOTE = re.compile(r"""(?:^\s*-\s+|:\s+)(["'])""")


def _unclosed_quote_line(text: str, before: int) -> int | None:
    """The last line up to ``before`` where a quoted value opens and does not close."""
    lines = _LINE_BREAK.split(text)[:before]
    for number in range(len(lines), 0, -1):
        opening = _OPENING_QUOTE.search(lines[number - 1])
        if opening is None:
            continue
        quote, rest = opening.group(1), lines[number - 1][opening.end() :]
        if quote == '"':
            rest = rest.replace("\\\\", "").replace('\\"', "")  # escaped \\ and \"
        else:
            rest = rest.replace("''", "")  # an escaped single quote
        if quote not in rest:
            return number
    return None


def _found(value: object) -> str:
    """The kind of a loaded value, as a VOCAB token."""
    if isinstance(value, bool):
        return "found_bool"
    if isinstance(value, int | float):
        return "found_number"
    if isinstance(value, dt.datetime):
        return "found_datetime"
    if isinstance(value, dt.date):
        return "found_date"
    if isinstance(value, str):
        return "found_text"
    if value is None:
        return "found_null"
    if isinstance(value, list):
        return "found_list"
    if isinstance(value, dict):
        return "found_mapping"
    return "found_other"


def _display(value: object) -> str | None:
    """A scalar as it could be written in the file; None for lists and mappings."""
    if isinstance(value, list | dict):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return show(value)


class _Parser:
    def __init__(self) -> None:
        self.issues: list[CovenantIssue] = []
        self._lines: dict[Path, int] = {}
        self._raw: dict[Path, str] = {}
        self._count = 0
        self._scalars = yaml.constructor.SafeConstructor()
        self.lines = LineMap()

    def _add(self, path: Path, line: int | None, code: str, **params: str) -> None:
        self.issues.append(CovenantIssue(format_path(path), line, code, params))

    # text

    def _decode(self, data: str | bytes) -> str | None:
        if isinstance(data, str):
            return data.removeprefix("\ufeff")
        try:
            return data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self._add((), line, "not_utf8", byte=f"0x{data[error.start]:02X}",
                      offset=str(error.start))
            return None

    def _compose(self, text: str) -> yaml.Node | None:
        if _FAST_LOADER is not None:
            with contextlib.suppress(Exception):  # the parser below tells what is wrong
                return yaml.compose(text, Loader=_FAST_LOADER)
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            self._syntax(text, error)
        except yaml.reader.ReaderError as error:
            character = error.character
            code = character if isinstance(character, int) else ord(character)
            line, column = _line_at(text, error.position)
            self._add((), line, "control_character", character=f"U+{code:04X}",
                      column=str(column))
        except yaml.YAMLError as error:
            self._add((), None, "yaml_syntax", problem=show(str(error), 200))
        except RecursionError:
            self._add((), None, "too_deep", limit=str(MAX_DEPTH))
        return None

    def _syntax(self, text: str, error: yaml.MarkedYAMLError) -> None:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = error.problem or error.context or "?"
        if "found another document" in problem:
            self._add((), line, "multiple_documents")
            return
        if "'\\t'" in problem:
            tab_lines: list[int | None] = [
                number
                for number, content in enumerate(_LINE_BREAK.split(text), start=1)
                if "\t" in content[: len(content) - len(content.lstrip(" \t"))]
            ]
            for number in tab_lines or [line]:
                self._add((), number, "tab")
            return
        params = {"problem": problem}
        if column is not None:
            params["column"] = str(column)
        context = error.context_mark
        if error.context and context is not None and context.line + 1 != line:
            params.update(context=error.context, context_line=str(context.line + 1))
        if line is not None and "quoted scalar" not in (error.context or ""):
            quote_line = _unclosed_quote_line(text, line)
            if quote_line is not None:
                params["quote_line"] = str(quote_line)
        self._add((), line, "yaml_syntax", **params)

    # structure

    def _build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self._count += 1
        line = node.start_mark.line + 1
        if self._count > MAX_VALUES:
            self._add(path, line, "too_large", limit=str(MAX_VALUES))
            raise _Abort
        if depth > MAX_DEPTH:
            self._add(path, line, "too_deep", limit=str(MAX_DEPTH))
            raise _Abort
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_TAG}seq":
                self._add(path, line, "unsupported_tag", tag=_tag(node.tag))
            items = []
            for index, item in enumerate(node.value):
                self._lines[(*path, index)] = item.start_mark.line + 1
                items.append(self._build(item, (*path, index), depth + 1))
            return items
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        if node.tag != f"{_TAG}map":
            self._add(path, node.start_mark.line + 1, "unsupported_tag", tag=_tag(node.tag))
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == f"{_TAG}merge":
                self._add(path, key_line, "merge_key")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                found = "found_list" if isinstance(key_node, yaml.SequenceNode) else "found_mapping"
                self._add(path, key_line, "complex_key", found=found)
                continue
            key = str(key_node.value)
            if key in first_line:
                self._add((*path, key), key_line, "duplicate_key", key=show(key),
                          first_line=str(first_line[key]))
                continue
            first_line[key] = key_line
            self._lines[(*path, key)] = key_line
            result[key] = self._build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag = node.tag
        if tag in _TEXT_TAGS:
            return node.value
        if tag not in _SCALAR_TAGS:
            self._add(path, node.start_mark.line + 1, "unsupported_tag", tag=_tag(tag))
            return node.value
        construct = yaml.constructor.SafeConstructor.yaml_constructors[tag]
        try:
            value = construct(self._scalars, node)
        except (ValueError, OverflowError, TypeError, yaml.YAMLError):
            # e.g. 2026-02-30 looks like a date but is none: keep the text, the schema says why
            return node.value
        if not node.style:  # plain: None from PyYAML, "" from libyaml
            self._raw[path] = node.value
        return value

    def _structure(self, root: yaml.Node) -> Any:
        self._lines[()] = root.start_mark.line + 1
        try:
            return self._build(root, (), 0)
        except _Abort:
            return None
        except RecursionError:  # pragma: no cover - MAX_DEPTH stops well before
            self._add((), None, "too_deep", limit=str(MAX_DEPTH))
            return None

    # all passes

    def run(self, data: str | bytes) -> Covenant | None:
        text = self._decode(data)
        if text is None:
            return None
        root = self._compose(text)
        if root is None:
            if not self.issues:
                self._add((), None, "empty_file")
            return None
        if isinstance(root, yaml.ScalarNode) and root.tag == f"{_TAG}null":
            self._add((), root.start_mark.line + 1, "empty_file")
            return None
        blocking = len(self.issues)
        content = self._structure(root)
        self.lines = LineMap(self._lines, self._raw)
        if any(i.code in ("too_large", "too_deep") for i in self.issues[blocking:]):
            return None
        if not isinstance(content, dict):
            self._add((), root.start_mark.line + 1, "not_mapping", found=_found(content))
            return None
        if "format" in content and not _supported_format(content["format"]):
            self._add(("format",), self.lines.line(("format",)), "unsupported_format",
                      value=_display(content["format"]) or "?")
            return None
        lax = _lax_numbers(content, (), self.lines)
        try:
            covenant = Covenant.model_validate(content)
        except ValidationError as error:
            translated = _translate(error, content, self.lines)
            told = {issue.path for issue in translated}
            self.issues.extend([*translated, *(i for i in lax if i.path not in told)])
            return None
        if lax:
            self.issues.extend(lax)
            return None
        self.issues.extend(crosscheck(covenant, self.lines))
        return covenant


def _tag(tag: str) -> str:
    return show("!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag)


def _lax_numbers(value: Any, loc: Path, lines: LineMap) -> list[CovenantIssue]:
    """Numbers where the schema wants a date or true/false.

    Pydantic would read ``start: 0`` as 1 January 1970 (a Unix time) and ``open: 1`` as true;
    in a covenant those are mistakes, so they are refused here.
    """
    found = _schema_at(loc)
    if found is None:
        return []
    tp, _meta = found
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and tp in (dt.date, bool):
        params = {"expected": "date" if tp is dt.date else "bool", "found": "found_number",
                  "value": _display(value) or "?"}
        return [CovenantIssue(format_path(loc), lines.line(loc), "wrong_type", params)]
    issues: list[CovenantIssue] = []
    if isinstance(value, dict):
        for key, item in value.items():
            issues += _lax_numbers(item, (*loc, key), lines)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            issues += _lax_numbers(item, (*loc, index), lines)
    return issues


def _nonexistent_date(value: object) -> bool:
    """Written like a date, but no such day: 2026-02-30, 2026-13-01."""
    found = _DATE_LIKE.match(value) if isinstance(value, str) else None
    if found is None:
        return False
    try:
        dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return True
    return False


def _supported_format(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return value == SUPPORTED_FORMAT or value == str(SUPPORTED_FORMAT)


# --- pass 3: pydantic's errors in words ----------------------------------------------------

_PATTERNS = {
    r"^[a-z0-9][a-z0-9_.-]*$": "identifier",
    r"^[1-9][0-9]{3} ?[A-Z]{2}$": "postal_code",
    r"^[A-Z][0-9]{1,2}$": "rule_id",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "email",
    r"^[0-9]+[0-9a-z.]*$": "article_number",
}

_TYPE_EXPECTED = {
    "string_type": "text",
    "int_type": "int",
    "int_parsing": "int",
    "int_parsing_size": "int",
    "int_from_float": "int",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "finite_number": "int",
}

_RANGE_OPS = {
    "greater_than_equal": "ge",
    "less_than_equal": "le",
    "greater_than": "gt",
    "less_than": "lt",
}


def _unwrap(tp: Any, meta: list[Any]) -> tuple[Any, list[Any]]:
    """Strip ``Annotated`` and ``X | None`` from a type, collecting the annotations."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            args = get_args(tp)
            tp, meta = args[0], [*meta, *args[1:]]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp, meta
            tp = members[0]
        else:
            return tp, meta


def _schema_at(loc: Sequence[str | int]) -> tuple[Any, list[Any]] | None:
    """The type the schema expects at a path, or None when the path leaves the schema."""
    tp: Any = Covenant
    meta: list[Any] = []
    for part in loc:
        tp, meta = _unwrap(tp, meta)
        origin = get_origin(tp)
        if isinstance(part, str) and isclass(tp) and issubclass(tp, BaseModel):
            info = tp.model_fields.get(part)
            if info is None:
                return None
            tp, meta = info.annotation, list(info.metadata)
        elif isinstance(part, int) and origin is list:
            tp, meta = get_args(tp)[0], []
        elif isinstance(part, str) and origin is dict:
            tp, meta = get_args(tp)[0 if part == "[key]" else 1], []
        elif part == "[key]":
            continue
        else:
            return None
    return _unwrap(tp, meta)


def _pattern_token(meta: list[Any]) -> dict[str, str] | None:
    for item in meta:
        if isinstance(item, StringConstraints) and item.pattern:
            pattern = str(item.pattern)
            token = _PATTERNS.get(pattern)
            return {"expected": token} if token else {"expected": "pattern", "pattern": pattern}
    return None


def _expected(loc: Sequence[str | int], fallback: str = "value") -> dict[str, str]:
    """What the schema expects at a path, as params for a message."""
    found = _schema_at(loc)
    if found is None:
        return {"expected": fallback}
    tp, meta = found
    if isclass(tp) and issubclass(tp, BaseModel):
        return {"expected": "mapping_keys", "keys": ", ".join(tp.model_fields)}
    if isclass(tp) and issubclass(tp, Enum):
        return {"expected": "enum", "allowed": listing(str(m.value) for m in tp)}
    origin = get_origin(tp)
    if origin is list:
        _item, item_meta = _unwrap(get_args(tp)[0], [])
        token = _pattern_token(item_meta)
        return {"expected": "list_of_ids" if token == {"expected": "identifier"} else "list"}
    if origin is dict:
        return {"expected": "mapping"}
    if tp is bool:
        return {"expected": "bool"}
    if tp is int:
        return {"expected": "int"}
    if tp is dt.date:
        return {"expected": "date"}
    if tp is str:
        return _pattern_token(meta) or {"expected": "text"}
    return {"expected": fallback}


def _allowed_keys(loc: Sequence[str | int]) -> list[str]:
    found = _schema_at(loc)
    if found is not None and isclass(found[0]) and issubclass(found[0], BaseModel):
        return list(found[0].model_fields)
    return []


def _lookup(data: Any, loc: Sequence[str | int]) -> Any:
    for part in loc:
        in_mapping = isinstance(data, dict) and isinstance(part, str) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_mapping or in_list):
            return None
        data = data[part]
    return data


def _translate(error: ValidationError, data: dict[str, Any], lines: LineMap) -> list[CovenantIssue]:
    issues: list[CovenantIssue] = []
    recipients: dict[Path, list[str]] = {}
    misspelt: set[Path] = set()
    missing: dict[Path, CovenantIssue] = {}
    for detail in error.errors(include_url=False):
        loc: Path = tuple(detail["loc"])
        kind = detail["type"]
        ctx: Mapping[str, Any] = detail.get("ctx") or {}
        value = detail.get("input")

        # A recipient entry without its ground: the key message of this loader.
        absent = kind in ("missing", "string_too_short") or value is None
        if _is_recipient(loc[:-1]) and loc[-1] in ("ground", "basis") and absent:
            recipients.setdefault(loc[:-1], []).append(str(loc[-1]))
            continue
        if _is_recipient(loc) and kind in ("model_type", "model_attributes_type"):
            issues.append(_recipient_issue(loc, ["ground", "basis"], data, lines, value))
            continue
        # A special or criminal category given to a partner without its legal basis (S3).
        if _is_grant(loc[:-1]) and loc[-1] == "basis" and absent:
            issues.append(_grant_issue(loc[:-1], data, lines, _lookup(data, loc[:-1])))
            continue
        if _is_grant(loc) and kind in ("model_type", "model_attributes_type"):
            issues.append(_grant_issue(loc, data, lines, value))
            continue

        # pydantic marks a bad dictionary key (a rule_articles key) with "[key]"; a file's
        # own key spelled "[key]" is an unknown key like any other.
        if len(loc) >= 2 and loc[-1] == "[key]" and kind != "extra_forbidden":
            rule = str(loc[-2])
            path = loc[:-1]
            issues.append(CovenantIssue(
                format_path(path), lines.line(path), "unknown_rule",
                {"rule": show(rule), "allowed": DOMAIN_RULE_RANGES, **suggest(rule.upper(),
                                                                         sorted(DOMAIN_RULES))},
            ))
            continue

        issue = _plain_issue(loc, kind, ctx, value, detail["msg"], lines)
        if issue.code == "unknown_key" and "suggestion" in issue.params:
            misspelt.add((*loc[:-1], issue.params["suggestion"]))
        elif issue.code == "missing":
            missing[loc] = issue
        issues.append(issue)
    for loc, keys in recipients.items():
        issues.append(_recipient_issue(loc, keys, data, lines, _lookup(data, loc)))
    # "unknown key 'purpsoes' (did you mean 'purposes'?)" already says 'purposes' is missing.
    redundant = {id(missing[loc]) for loc in misspelt if loc in missing}
    return [issue for issue in issues if id(issue) not in redundant]


def _is_recipient(loc: Path) -> bool:
    return (
        len(loc) == 4
        and loc[0] == "purposes"
        and isinstance(loc[1], int)
        and loc[2] == "recipients"
        and isinstance(loc[3], int)
    )


def _is_grant(loc: Path) -> bool:
    return (
        len(loc) == 4
        and loc[0] == "partners"
        and isinstance(loc[1], int)
        and loc[2] == "special_categories"
        and isinstance(loc[3], int)
    )


def _grant_issue(loc: Path, data: dict[str, Any], lines: LineMap, entry: Any) -> CovenantIssue:
    partner_id = _lookup(data, (*loc[:2], "id"))
    partner = partner_id if isinstance(partner_id, str) else format_path(loc[:2])
    category = entry.get("category") if isinstance(entry, dict) else entry
    shown = _display(category) if category is not None else None
    path = (*loc, "basis") if isinstance(entry, dict) else loc
    return CovenantIssue(
        format_path(path), lines.line(path), "special_category_without_basis",
        {"partner": show(partner), "category": shown or "?"},
    )


def _recipient_issue(loc: Path, keys: list[str], data: dict[str, Any], lines: LineMap,
                     entry: Any) -> CovenantIssue:
    purpose_id = _lookup(data, (*loc[:2], "id"))
    purpose = purpose_id if isinstance(purpose_id, str) else format_path(loc[:2])
    partner = entry.get("partner") if isinstance(entry, dict) else entry
    shown = _display(partner) if partner is not None else None
    path = (*loc, keys[0]) if len(keys) == 1 else loc
    return CovenantIssue(
        format_path(path), lines.line(path), "recipient_without_ground",
        {"partner": shown or "?", "purpose": show(purpose), "key": ", ".join(keys)},
    )


def _plain_issue(loc: Path, kind: str, ctx: Mapping[str, Any], value: Any, msg: str,
                 lines: LineMap) -> CovenantIssue:
    path = format_path(loc)
    line = lines.line(loc)

    def issue(code: str, **params: str) -> CovenantIssue:
        return CovenantIssue(path, line, code, params)

    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        allowed = _allowed_keys(loc[:-1])
        return issue("unknown_key", key=show(key), allowed=listing(allowed, 30) or "?",
                     **suggest(key, allowed))
    if kind == "missing":
        key = str(loc[-1]) if loc else "?"
        if loc == ("format",):
            return issue("missing", key="format", expected="format_one")
        return issue("missing", key=show(key), **_expected(loc))
    if kind in _TYPE_EXPECTED:
        params = _expected(loc, _TYPE_EXPECTED[kind])
        if params["expected"] == "date" and _nonexistent_date(value):
            return issue("invalid_date", value=str(value), expected="date")
        shown = _display(value)
        if shown is not None and value is not None:
            params["value"] = shown
        raw = lines.raw(loc)
        if kind == "string_type" and raw is not None and not isinstance(value, list | dict):
            params["raw"] = show(raw)
        return issue("wrong_type", found=_found(value), **params)
    if kind == "string_too_short":
        return issue("empty", **_expected(loc, "text"))
    if kind == "string_too_long":
        text = str(value)
        return issue("too_long", value=show(text), length=str(len(text)),
                     max=str(ctx.get("max_length", "?")))
    if kind == "string_pattern_mismatch":
        pattern = _pattern_token([StringConstraints(pattern=str(ctx.get("pattern", "")))])
        return issue("pattern", value=show(str(value)), **(pattern or {"expected": "text"}))
    if kind in ("enum", "literal_error") and value is None:
        return issue("empty", **_expected(loc))
    if kind in ("enum", "literal_error"):
        allowed_text = _expected(loc).get("allowed") or str(ctx.get("expected", "?"))
        options = [a.strip() for a in allowed_text.split(",")]
        return issue("not_allowed", value=_display(value) or "?", allowed=allowed_text,
                     **suggest(str(value), options))
    if kind == "too_short":
        return issue("too_few", actual=str(ctx.get("actual_length", "?")),
                     min=str(ctx.get("min_length", "?")))
    if kind == "too_long":
        return issue("too_many", actual=str(ctx.get("actual_length", "?")),
                     max=str(ctx.get("max_length", "?")))
    if kind in _RANGE_OPS:
        op = _RANGE_OPS[kind]
        return issue("out_of_range", value=_display(value) or "?", op=op,
                     limit=str(ctx.get(op, "?")))
    # Anything else pydantic may say: still one readable sentence.
    return issue("invalid", value=_display(value) or "…", detail=show(msg, 120))
