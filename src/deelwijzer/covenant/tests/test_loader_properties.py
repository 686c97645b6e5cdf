"""Whatever the input, the loader returns a Covenant or raises CovenantInvalid with readable issues.

Random text and bytes, random YAML structures, and mutations of the valid fixture (a key
deleted, renamed or duplicated, a scalar of another type, list items swapped, the text cut
short): never another exception, never an issue without a sentence.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deelwijzer.covenant.issues import MESSAGES
from deelwijzer.covenant.loader import CovenantInvalid, CovenantIssue, load_covenant
from deelwijzer.covenant.schema import Covenant

FIXTURE = Path(__file__).parent / "fixtures" / "minimal.yaml"
TEXT = FIXTURE.read_text(encoding="utf-8")
DATA: dict[str, Any] = yaml.safe_load(TEXT)

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


def load(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # a safe loader: CSafeLoader or SafeLoader


def outcome(source: str | bytes) -> list[CovenantIssue]:
    """Load; check the contract; return the issues ([] when the covenant is valid)."""
    try:
        covenant = load_covenant(source)
    except CovenantInvalid as invalid:
        issues = invalid.issues
    else:
        assert isinstance(covenant, Covenant)
        return []
    assert issues, "CovenantInvalid without issues"
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    last_line = len(_LINE_BREAKS.split(text)) + 1
    for issue in issues:
        assert issue.code in MESSAGES, issue
        assert issue.line is None or 1 <= issue.line <= last_line, issue
        for lang in ("nl", "en"):
            rendered = issue.render(lang)
            assert isinstance(rendered, str)
            assert rendered.strip(), issue
            assert len(rendered.splitlines()) == 1, rendered
    assert [i.line or 0 for i in issues if i.line is not None] == sorted(
        i.line for i in issues if i.line is not None
    )
    return issues


# --- random input --------------------------------------------------------------------------

YAMLISH = st.text(
    alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?~. \n\t\r0123456789abcxyz<=\x00\ufeff")),
    max_size=200,
)


@SETTINGS
@given(st.text(max_size=500))
def test_random_text(text: str) -> None:
    outcome(text)


@SETTINGS
@given(YAMLISH)
def test_random_yaml_punctuation(text: str) -> None:
    outcome(text)


@SETTINGS
@given(st.binary(max_size=500))
def test_random_bytes(data: bytes) -> None:
    outcome(data)


@SETTINGS
@given(YAMLISH)
def test_yaml_punctuation_after_a_valid_start(tail: str) -> None:
    outcome(TEXT[: len(TEXT) // 2] + tail)


KEYS = sorted(
    {
        "format", "version", "partnership", "partners", "data_categories", "purposes", "steps",
        "articles", "id", "name", "kind", "recipients", "partner", "ground", "basis",
        "categories", "start", "end", "rule_articles", "deadlines", "consent", "exception",
    }
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.dates()
    | st.sampled_from(["6.1.e", "core", "shell", "special", "S4", "2026-02-30", "1234 AB"])
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=5),
    max_leaves=30,
)


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), STRUCTURES, max_size=8))
@example({"[key]": None})  # pydantic's own marker for a bad dictionary key, as a file's key
def test_random_yaml_structures(data: dict[str, Any]) -> None:
    outcome(dump(data))


@SETTINGS
@given(STRUCTURES)
def test_random_yaml_documents(data: Any) -> None:
    outcome(dump(data))


# --- mutations of the valid fixture --------------------------------------------------------

Path_ = tuple[str | int, ...]


def paths(node: Any, prefix: Path_ = ()) -> list[tuple[Path_, Any]]:
    """Every (path, value) in a loaded YAML tree, the root included."""
    found: list[tuple[Path_, Any]] = [(prefix, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


def parent_of(data: Any, path: Path_) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def mutate(draw: st.DrawFn, data: dict[str, Any]) -> str:
    """One structural change, drawn at random."""
    everything = paths(data)
    mapping_keys = [p for p, _v in everything if p and isinstance(parent_of(data, p), dict)]
    scalars = [p for p, v in everything if p and not isinstance(v, dict | list)]
    lists = [p for p, v in everything if isinstance(v, list) and len(v) >= 2]
    operation = draw(st.sampled_from(["delete", "rename", "retype", "swap"]))
    if operation == "delete":
        path = draw(st.sampled_from(mapping_keys))
        del parent_of(data, path)[path[-1]]
    elif operation == "rename":
        path = draw(st.sampled_from(mapping_keys))
        parent = parent_of(data, path)
        new_name = draw(st.sampled_from(KEYS) | st.text(min_size=1, max_size=12))
        parent[new_name] = parent.pop(path[-1])
    elif operation == "retype":
        path = draw(st.sampled_from(scalars))
        parent_of(data, path)[path[-1]] = draw(STRUCTURES)
    else:
        path = draw(st.sampled_from(lists))
        items = parent_of(data, path)[path[-1]] if path else data
        i = draw(st.integers(0, len(items) - 1))
        j = draw(st.integers(0, len(items) - 1))
        items[i], items[j] = items[j], items[i]
    return dump(data)


@SETTINGS
@given(st.data())
def test_one_mutation_of_the_fixture(data: st.DataObject) -> None:
    outcome(mutate(data.draw, copy.deepcopy(DATA)))


@SETTINGS
@given(st.data(), st.integers(min_value=2, max_value=6))
def test_several_mutations_of_the_fixture(data: st.DataObject, count: int) -> None:
    tree = copy.deepcopy(DATA)
    for _ in range(count):
        tree = load(mutate(data.draw, tree))
        if not isinstance(tree, dict) or not tree:
            break
    outcome(dump(tree))


KEY_LINES = [
    number for number, line in enumerate(TEXT.splitlines()) if re.match(r"^\s*[a-z_]+:", line)
]


@SETTINGS
@given(st.sampled_from(KEY_LINES))
def test_a_duplicated_key_line_is_always_refused(number: int) -> None:
    lines = TEXT.splitlines(keepends=True)
    text = "".join([*lines[: number + 1], lines[number], *lines[number + 1 :]])

    issues = outcome(text)

    duplicates = [i for i in issues if i.code == "duplicate_key"]
    assert [i.line for i in duplicates] == [number + 2]


@SETTINGS
@given(st.integers(min_value=0, max_value=len(TEXT)))
def test_the_fixture_cut_short(length: int) -> None:
    outcome(TEXT[:length])


@SETTINGS
@given(st.integers(min_value=0, max_value=len(TEXT.encode())))
def test_the_fixture_bytes_cut_short(length: int) -> None:
    # May cut a multi-byte character in two: that is a "not UTF-8" issue, not a crash.
    outcome(TEXT.encode()[:length])


@SETTINGS
@given(st.sampled_from([p for p, v in paths(DATA) if isinstance(v, dt.date)]),
       st.text(max_size=12))
def test_any_text_for_a_date(path: Path_, value: str) -> None:
    tree = copy.deepcopy(DATA)
    parent_of(tree, path)[path[-1]] = value
    outcome(dump(tree))


def test_the_fixture_itself_passes() -> None:
    assert outcome(TEXT) == []
    assert outcome(dump(DATA)) == []


def shape(node: yaml.Node) -> Any:
    """A composed node as plain data: tag, line and column, and value of every node."""
    where = (node.tag, node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return (*where, node.value)
    if isinstance(node, yaml.SequenceNode):
        return (*where, [shape(item) for item in node.value])
    return (*where, [(shape(k), shape(v)) for k, v in node.value])


@SETTINGS
@given(st.data())
def test_libyaml_and_pyyaml_agree_on_lines(data: st.DataObject) -> None:
    """The loader composes with libyaml for speed; its lines must be PyYAML's."""
    if _LOADER is yaml.SafeLoader:
        return
    text = mutate(data.draw, copy.deepcopy(DATA))
    fast = yaml.compose(text, Loader=_LOADER)
    slow = yaml.compose(text, Loader=yaml.SafeLoader)
    assert fast is not None and slow is not None
    assert shape(fast) == shape(slow)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(TEXT.splitlines()) - 1))
def test_a_tab_before_any_line_is_named(number: int) -> None:
    lines = TEXT.splitlines(keepends=True)
    text = "".join([*lines[:number], "\t" + lines[number], *lines[number + 1 :]])

    issues = outcome(text)

    assert [(i.code, i.line) for i in issues] == [("tab", number + 1)]


@SETTINGS
@given(st.integers(min_value=0, max_value=len(TEXT.encode())), st.sampled_from([b"\xff", b"\xc3",
                                                                              b"\x80", b"\xed\xa0\x80"]))
def test_a_byte_that_is_not_utf8_is_named_with_its_line(offset: int, bad: bytes) -> None:
    data = TEXT.encode()
    while offset < len(data) and 0x80 <= data[offset] < 0xC0:  # not inside a character
        offset += 1
    broken = data[:offset] + bad + data[offset:]

    issues = outcome(broken)

    assert [(i.code, i.line) for i in issues] == [("not_utf8", data[:offset].count(b"\n") + 1)]
