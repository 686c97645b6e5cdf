"""The covenant loader: what a person sees when a covenant file is wrong, and when it is right."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from deelwijzer.covenant import loader
from deelwijzer.covenant.issues import (
    FRAGMENTS,
    MESSAGES,
    VOCAB,
    YAML_CONTEXTS,
    YAML_PROBLEMS,
    LineMap,
)
from deelwijzer.covenant.loader import (
    CovenantInvalid,
    CovenantIssue,
    load_covenant,
    load_covenant_file,
    parse_covenant,
)
from deelwijzer.covenant.schema import Covenant, PartnerKind

REPO = Path(__file__).resolve().parents[4]
EXAMPLES = sorted([*REPO.glob("examples/covenants/*.yaml"), *REPO.glob("examples/covenants/*.yml")])


def line_of(text: str, needle: str, start: int = 1) -> int:
    """1-based number of the first line (from ``start``) that contains ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def issues_of(text: str | bytes) -> list[CovenantIssue]:
    with pytest.raises(CovenantInvalid) as caught:
        load_covenant(text)
    assert caught.value.issues, "CovenantInvalid without issues"
    return caught.value.issues


def only(issues: list[CovenantIssue], code: str) -> CovenantIssue:
    found = [i for i in issues if i.code == code]
    assert len(found) == 1, [i.render() for i in issues]
    return found[0]


# --- a valid file --------------------------------------------------------------------------


def test_the_minimal_fixture_loads_into_the_schema(minimal_covenant_text: str) -> None:
    covenant = load_covenant(minimal_covenant_text)

    assert isinstance(covenant, Covenant)
    assert covenant.partnership.name == "Samenwerkingsverband Proef Klein"
    assert covenant.partnership.start == dt.date(2026, 1, 1)
    assert covenant.partner("politie").kind is PartnerKind.SHELL
    assert covenant.category("gezondheid").exception is not None
    assert covenant.purpose("monitoring").compatible_with == ["veiligheid-kind"]


def test_a_file_path_bytes_and_a_byte_order_mark_load_alike(
    minimal_covenant_path: Path, minimal_covenant_text: str
) -> None:
    from_file = load_covenant_file(minimal_covenant_path)
    from_bytes = load_covenant(minimal_covenant_text.encode())
    with_bom = load_covenant("\ufeff" + minimal_covenant_text)
    with_bom_bytes = load_covenant(b"\xef\xbb\xbf" + minimal_covenant_text.encode())

    assert from_file == from_bytes == with_bom == with_bom_bytes


def test_parse_covenant_tells_the_line_of_each_value(minimal_covenant_text: str) -> None:
    _covenant, lines = parse_covenant(minimal_covenant_text)

    assert lines.line(("purposes", 0, "recipients", 1, "partner")) == line_of(
        minimal_covenant_text, "{partner: veilig-thuis"
    )
    assert lines.line(("partners", 2)) == line_of(minimal_covenant_text, "- id: politie")
    # Not in the file (a default): the line of the nearest enclosing value.
    assert lines.line(("partners", 2, "secrecy")) == line_of(minimal_covenant_text, "- id: politie")


# --- the must-have cases: each names the place, by path and line ---------------------------


def test_a_misspelt_key_is_named_with_its_line_and_the_key_meant(
    minimal_covenant_text: str,
) -> None:
    text = minimal_covenant_text.replace("\npurposes:", "\npurpsoes:")

    issue = only(issues_of(text), "unknown_key")

    assert issue.path == "purpsoes"
    assert issue.line == line_of(text, "purpsoes:")
    assert issue.render() == (
        f"regel {issue.line}, purpsoes: onbekende sleutel 'purpsoes' (bedoelde u 'purposes'?); "
        "toegestaan zijn: format, version, partnership, partners, data_categories, purposes, "
        "steps, consent, deadlines, rule_articles, articles"
    )


def test_a_misspelt_nested_key_points_at_the_key_line(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("    avg_ground: \"6.1.e\"\n    secrecy:\n      - name: "
                                         "Geheimhoudingsplicht Wmo",
                                         "    avg_gruond: \"6.1.e\"\n    secrecy:\n      - name: "
                                         "Geheimhoudingsplicht Wmo")

    issues = issues_of(text)

    # The misspelling is reported, and "avg_ground missing" is not repeated beside it.
    assert [i.code for i in issues] == ["unknown_key"]
    assert issues[0].path == "partners[1].avg_gruond"
    assert issues[0].line == line_of(text, "avg_gruond")
    assert "(bedoelde u 'avg_ground'?)" in issues[0].render()


def test_a_yaml_syntax_error_names_line_and_column(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("  region: Kleinstad", "  region: Klein: stad")

    issue = only(issues_of(text), "yaml_syntax")

    assert issue.path == ""
    assert issue.line == line_of(text, "region: Klein: stad")
    assert issue.render().startswith(f"regel {issue.line}: YAML-syntaxfout in kolom 16: ")
    assert "een dubbele punt met spatie (': ') mag hier niet" in issue.render()


def test_an_unclosed_quote_is_pointed_at_even_when_yaml_fails_later(
    minimal_covenant_text: str,
) -> None:
    text = minimal_covenant_text.replace(
        "  name: Samenwerkingsverband Proef Klein", '  name: "Samenwerkingsverband Proef Klein'
    )

    issue = only(issues_of(text), "yaml_syntax")

    quote_line = line_of(text, '"Samenwerkingsverband Proef Klein')
    assert f"mogelijk is het aanhalingsteken op regel {quote_line} niet gesloten" in issue.render()


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n", "---\n", "~\n", b""])
def test_an_empty_file_is_one_clear_issue(text: str | bytes) -> None:
    issue = only(issues_of(text), "empty_file")

    assert issue.path == ""
    assert issue.render().endswith(
        "het bestand is leeg; verwacht een convenant in YAML dat begint met 'format: 1'"
    )


def test_a_purpose_naming_an_unknown_partner(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("{partner: veilig-thuis, ground", "{partner: politi, ground")

    issue = only(issues_of(text), "unknown_reference")

    assert issue.path == "purposes[0].recipients[1].partner"
    assert issue.line == line_of(text, "{partner: politi")
    assert issue.render() == (
        f"regel {issue.line}, purposes[0].recipients[1].partner: onbekende partner 'politi' "
        "(bedoelde u 'politie'?); verwacht een van: gemeente, politie, veilig-thuis"
    )


def test_a_recipient_without_a_ground(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace(
        '{partner: veilig-thuis, ground: "6.1.e", basis: Wmo 2015 art. 4.1.1}',
        "{partner: veilig-thuis, basis: Wmo 2015 art. 4.1.1}",
    )

    issue = only(issues_of(text), "recipient_without_ground")

    assert issue.path == "purposes[0].recipients[1].ground"
    assert issue.line == line_of(text, "{partner: veilig-thuis, basis")
    assert issue.message() == (
        "ontvanger 'veilig-thuis' van doel 'veiligheid-kind' heeft geen grondslag (ground "
        "ontbreekt); verwacht bij elke ontvanger 'partner', 'ground' (AVG art. 6 lid 1, "
        "bijvoorbeeld \"6.1.e\") en 'basis' (de wettelijke taak, bijvoorbeeld "
        "'Jeugdwet art. 2.3')"
    )


@pytest.mark.parametrize(
    ("entry", "key"),
    [
        ("{partner: veilig-thuis, ground: , basis: Wmo 2015 art. 4.1.1}", "ground"),
        ('{partner: veilig-thuis, ground: "6.1.e", basis: ""}', "basis"),
        ('{partner: veilig-thuis, ground: "6.1.e", basis: }', "basis"),
        ("{partner: veilig-thuis}", "ground, basis"),
    ],
)
def test_an_empty_ground_is_no_ground(minimal_covenant_text: str, entry: str, key: str) -> None:
    text = minimal_covenant_text.replace(
        '{partner: veilig-thuis, ground: "6.1.e", basis: Wmo 2015 art. 4.1.1}', entry
    )

    issue = only(issues_of(text), "recipient_without_ground")

    assert issue.line == line_of(text, entry)
    assert f"({key} ontbreekt)" in issue.message()


GEMEENTE_HEALTH = "      - {category: gezondheid, basis: Jeugdwet art. 2.3 jo. UAVG art. 30 lid 3}"


@pytest.mark.parametrize(
    ("entry", "path"),
    [
        ("      - {category: gezondheid}", "partners[0].special_categories[0].basis"),
        ('      - {category: gezondheid, basis: ""}', "partners[0].special_categories[0].basis"),
        ("      - {category: gezondheid, basis: }", "partners[0].special_categories[0].basis"),
        ("      - gezondheid", "partners[0].special_categories[0]"),
    ],
)
def test_a_special_category_given_to_a_partner_without_its_basis(
    minimal_covenant_text: str, entry: str, path: str
) -> None:
    text = minimal_covenant_text.replace(GEMEENTE_HEALTH, entry)

    issue = only(issues_of(text), "special_category_without_basis")

    assert (issue.path, issue.line) == (path, line_of(text, entry))
    assert issue.message() == (
        "partner 'gemeente' krijgt categorie 'gezondheid' zonder wettelijke grondslag (basis "
        "ontbreekt); verwacht bij elke categorie in special_categories 'category' en 'basis' "
        "met de bepaling die deze partner de verwerking toestaat (bijvoorbeeld 'Wet "
        "politiegegevens art. 20' of 'BW art. 7:457 (WGBO) jo. UAVG art. 30 lid 3')"
    )


def test_an_empty_choice(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("kind: shell", "kind:")

    issue = only(issues_of(text), "empty")

    assert issue.render() == (
        f"regel {line_of(text, 'kind:', start=70)}, partners[2].kind: de waarde is leeg; "
        "verwacht een van: core, shell"
    )


def test_a_recipient_named_without_ground_and_basis(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace(
        '      - {partner: veilig-thuis, ground: "6.1.e", basis: Wmo 2015 art. 4.1.1}',
        "      - veilig-thuis",
    )

    issue = only(issues_of(text), "recipient_without_ground")

    assert issue.path == "purposes[0].recipients[1]"
    assert issue.line == line_of(text, "      - veilig-thuis")
    assert "ontvanger 'veilig-thuis'" in issue.message()
    assert "(ground, basis ontbreekt)" in issue.message()


def test_a_special_category_without_its_exception(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("    exception: UAVG art. 30 lid 3 (jeugdhulp en zorg)\n", "")

    issue = only(issues_of(text), "special_without_exception")

    assert issue.path == "data_categories[1].exception"
    assert issue.line == line_of(text, "- id: gezondheid")
    assert issue.render() == (
        f"regel {issue.line}, data_categories[1].exception: categorie 'gezondheid' bevat "
        "bijzondere persoonsgegevens (AVG art. 9) maar noemt geen wettelijke uitzondering; "
        "verwacht 'exception' met de bepaling die de verwerking toestaat (bijvoorbeeld "
        "'UAVG art. 30 lid 3')"
    )


def test_messages_in_english(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("{partner: veilig-thuis, ground", "{partner: politi, ground")
    text = text.replace("\npurposes:", "\npurpsoes:")

    issues = issues_of(text)

    assert [i.render("en") for i in issues] == [
        f"line {line_of(text, 'purpsoes:')}, purpsoes: unknown key 'purpsoes' (did you mean "
        "'purposes'?); allowed are: format, version, partnership, partners, data_categories, "
        "purposes, steps, consent, deadlines, rule_articles, articles",
    ]
    one = issues_of(minimal_covenant_text.replace("kind: shell", "kind: schil"))[0]
    assert one.render("en") == (
        f"line {one.line}, partners[2].kind: 'schil' is not an allowed value (did you mean "
        "'shell'?); expected one of: core, shell"
    )


# --- the text and YAML level ---------------------------------------------------------------


def test_a_duplicate_key_is_refused_with_both_lines(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("  region: Kleinstad\n", "  region: Kleinstad\n"
                                         "  region: Grootstad\n")

    issue = only(issues_of(text), "duplicate_key")

    first = line_of(text, "region: Kleinstad")
    assert issue.path == "partnership.region"
    assert issue.line == first + 1
    assert f"(eerst op regel {first})" in issue.message()


def test_a_duplicate_key_in_a_flow_mapping(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace(
        "{partner: gemeente, ground: \"6.1.e\", basis: Jeugdwet art. 2.3}",
        "{partner: gemeente, partner: politie, ground: \"6.1.e\", basis: Jeugdwet art. 2.3}",
    )

    issues = issues_of(text)

    assert {i.path for i in issues if i.code == "duplicate_key"} == {
        "purposes[0].recipients[0].partner",
        "purposes[1].recipients[0].partner",
    }


def test_tabs_in_the_indentation_are_named_per_line(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("  region: Kleinstad", "\tregion: Kleinstad")
    text = text.replace("  lead_partner: gemeente", "\t lead_partner: gemeente")

    issues = issues_of(text)

    assert [(i.code, i.line) for i in issues] == [
        ("tab", line_of(text, "region: Kleinstad")),
        ("tab", line_of(text, "lead_partner: gemeente")),
    ]
    assert issues[0].message() == "tab in de inspringing; YAML staat voor inspringen alleen spaties toe"


def test_bytes_that_are_not_utf8(minimal_covenant_text: str) -> None:
    data = minimal_covenant_text.replace("Kleinstad", "Kleinst\u00e4d").encode("latin-1")

    issue = only(issues_of(data), "not_utf8")

    assert issue.line == line_of(minimal_covenant_text, "Kleinstad")
    assert "byte 0xE4" in issue.message()
    assert issue.message().endswith("sla het op als UTF-8")


def test_a_utf16_file_is_not_utf8(minimal_covenant_text: str) -> None:
    issue = only(issues_of(minimal_covenant_text.encode("utf-16")), "not_utf8")

    assert issue.line == 1


def test_a_control_character(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("  region: Kleinstad", "  region: Klein\x07stad")

    issue = only(issues_of(text), "control_character")

    assert issue.line == line_of(text, "region: Klein")
    assert issue.message().startswith("niet-toegestaan teken U+0007 in kolom 16")


@pytest.mark.parametrize(
    ("text", "found"),
    [("- a\n- b\n", "een lijst"), ("just words\n", "tekst"), ("42\n", "een getal")],
)
def test_a_document_that_is_not_a_mapping(text: str, found: str) -> None:
    issue = only(issues_of(text), "not_mapping")

    assert issue.line == 1
    assert issue.message().startswith(f"het bestand bevat {found}; verwacht een mapping")


def test_a_second_document(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text + "---\nformat: 1\n"

    issue = only(issues_of(text), "multiple_documents")

    assert issue.line == line_of(text, "---")


@pytest.mark.parametrize("value", ["2", "0", "'one'", "true", "1.5"])
def test_an_unsupported_format_version(minimal_covenant_text: str, value: str) -> None:
    text = minimal_covenant_text.replace("format: 1\n", f"format: {value}\n")

    issue = only(issues_of(text), "unsupported_format")

    assert issue.path == "format"
    assert issue.line == line_of(text, "format:")
    assert issue.message().endswith("wordt niet ondersteund; verwacht 'format: 1'")


def test_format_given_as_text_one_is_accepted(minimal_covenant_text: str) -> None:
    assert load_covenant(minimal_covenant_text.replace("format: 1\n", 'format: "1"\n')).format == 1


def test_a_missing_format(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("format: 1\n", "")

    issue = only(issues_of(text), "missing")

    assert issue.path == "format"
    assert issue.message() == (
        "verplichte sleutel 'format' ontbreekt; verwacht 'format: 1' (de versie van het "
        "bestandsformaat)"
    )


def test_python_tags_are_refused_not_executed(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace(
        "region: Kleinstad", "region: !!python/object/apply:os.system ['true']"
    )

    issue = only(issues_of(text), "unsupported_tag")

    assert issue.path == "partnership.region"
    assert "'!!python/object/apply:os.system'" in issue.message()


def test_a_merge_key_is_refused(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace(
        "  team_coordinator:\n    partner: gemeente",
        "  team_coordinator:\n    <<: {partner: gemeente}",
    )

    issues = issues_of(text)

    assert "merge_key" in [i.code for i in issues]


def test_aliases_are_expanded(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace(
        "      - {partner: gemeente, ground: \"6.1.e\", basis: Jeugdwet art. 2.3}\n"
        "      - {partner: veilig-thuis",
        "      - &gemeente {partner: gemeente, ground: \"6.1.e\", basis: Jeugdwet art. 2.3}\n"
        "      - {partner: veilig-thuis",
    ).replace(
        "    recipients:\n      - {partner: gemeente, ground: \"6.1.e\", basis: Jeugdwet art. 2.3}\n"
        "    categories: [bekend-bij]",
        "    recipients:\n      - *gemeente\n    categories: [bekend-bij]",
    )
    assert "*gemeente" in text

    covenant = load_covenant(text)

    assert covenant.purpose("monitoring").recipients == covenant.purpose(
        "veiligheid-kind"
    ).recipients[:1]


def test_an_alias_bomb_is_stopped() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        text += f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]\n"

    issue = only(issues_of(text), "too_large")

    assert "aliassen" in issue.message()


def test_a_cyclic_alias_is_stopped() -> None:
    issue = only(issues_of("format: 1\nversion: &loop [*loop]\n"), "too_deep")

    assert issue.path.startswith("version[0][0]")


def test_very_deep_nesting_is_an_issue_not_a_crash() -> None:
    issues = issues_of("a: " + "[" * 5000 + "]" * 5000 + "\n")

    assert [i.code for i in issues] == ["too_deep"]


# --- the schema level: pydantic's errors in words ------------------------------------------


def test_a_number_where_text_is_expected_suggests_quotes(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace('version: "2026.1"', "version: 2026.10")

    issue = only(issues_of(text), "wrong_type")

    assert issue.path == "version"
    assert issue.message() == (
        "verwacht tekst, maar gevonden: een getal '2026.1'; zet tekst tussen aanhalingstekens: "
        '"2026.10"'
    )


def test_yes_where_text_is_expected(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("region: Kleinstad", "region: yes")

    issue = only(issues_of(text), "wrong_type")

    assert issue.render("en") == (
        f"line {issue.line}, partnership.region: expected text, but found a yes/no value "
        "'true'; put text between quotes: \"yes\""
    )


def test_a_date_that_does_not_exist(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("start: 2026-01-01", "start: 2026-02-30")

    issue = only(issues_of(text), "invalid_date")

    assert issue.path == "partnership.start"
    assert issue.message() == (
        "'2026-02-30' is geen bestaande datum; verwacht een datum als 2026-01-01 (jaar-maand-dag)"
    )


def test_a_quoted_date_in_another_form(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("start: 2026-01-01", 'start: "2026-1-1"')

    issue = only(issues_of(text), "wrong_type")

    assert issue.message() == (
        "verwacht een datum als 2026-01-01 (jaar-maand-dag), maar gevonden: tekst '2026-1-1'"
    )


def test_text_where_a_date_is_expected(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("start: 2026-01-01", "start: begin januari")

    issue = only(issues_of(text), "wrong_type")

    assert issue.message() == (
        "verwacht een datum als 2026-01-01 (jaar-maand-dag), maar gevonden: tekst 'begin januari'"
    )


@pytest.mark.parametrize(
    ("old", "new", "path", "expected"),
    [
        ("start: 2026-01-01", "start: 0", "partnership.start", "een datum als 2026-01-01"),
        ("evaluation_dates: [2026-12-01]", "evaluation_dates: [2026]",
         "partnership.evaluation_dates[0]", "een datum als 2026-01-01"),
        ("open: true", "open: 1", "partnership.accession.open", "true of false"),
    ],
)
def test_a_number_is_not_read_as_a_date_or_a_yes(
    minimal_covenant_text: str, old: str, new: str, path: str, expected: str
) -> None:
    # pydantic alone would read 0 as 1 January 1970 and 1 as true
    text = minimal_covenant_text.replace(old, new)

    issue = only(issues_of(text), "wrong_type")

    assert issue.path == path
    assert issue.line == line_of(text, new)
    assert issue.message().startswith(f"verwacht {expected}")
    assert "maar gevonden: een getal" in issue.message()


def test_an_infinite_number(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("notice_months: 3", "notice_months: .inf")

    issue = only(issues_of(text), "wrong_type")

    assert issue.message() == "verwacht een geheel getal, maar gevonden: een getal 'inf'"


def test_an_identifier_in_the_wrong_form(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("  - id: politie", "  - id: Politie")

    issue = only(issues_of(text), "pattern")

    assert issue.path == "partners[2].id"
    assert "verwacht een id van kleine letters, cijfers, '-', '_' of '.'" in issue.message()


def test_a_postal_code_in_the_wrong_form(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("1234 EF", "1234ef")

    issue = only(issues_of(text), "pattern")

    assert issue.path == "partners[2].address.postal_code"
    assert issue.message() == "'1234ef' heeft niet de juiste vorm; verwacht een postcode als '1234 AB'"


def test_an_empty_list_and_a_negative_number(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace(
        "evaluation_dates: [2026-12-01]", "evaluation_dates: []"
    ).replace("notice_months: 3", "notice_months: -1")

    issues = issues_of(text)

    assert [(i.code, i.path, i.message()) for i in issues] == [
        ("too_few", "partnership.evaluation_dates",
         "de lijst heeft 0 element(en); verwacht er minstens 1"),
        ("out_of_range", "partnership.termination.notice_months",
         "-1 ligt buiten het toegestane bereik; verwacht minstens 0"),
    ]


def test_blank_text_and_a_too_long_id(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("region: Kleinstad", 'region: "  "').replace(
        "id: proef-klein", "id: " + "x" * 65
    )

    issues = issues_of(text)

    assert {i.code: i.path for i in issues} == {
        "too_long": "partnership.id",
        "empty": "partnership.region",
    }
    assert only(issues, "empty").message() == "de waarde is leeg; verwacht tekst"


def test_a_missing_section_says_what_it_should_hold(minimal_covenant_text: str) -> None:
    start = minimal_covenant_text.index("  team_coordinator:")
    end = minimal_covenant_text.index("  start:")
    text = minimal_covenant_text[:start] + minimal_covenant_text[end:]

    issue = only(issues_of(text), "missing")

    assert issue.path == "partnership.team_coordinator"
    assert issue.line == line_of(text, "partnership:")
    assert issue.message() == (
        "verplichte sleutel 'team_coordinator' ontbreekt; verwacht een mapping met de sleutels "
        "partner, description"
    )


def test_a_wrong_rule_id_key(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace("  S4: [pp-6]", "  s4: [pp-6]")

    issue = only(issues_of(text), "unknown_rule")

    assert issue.path == "rule_articles.s4"
    assert issue.line == line_of(text, "s4: [pp-6]")
    assert "(bedoelde u 'S4'?)" in issue.message()


def test_every_problem_is_reported_at_once_in_file_order(minimal_covenant_text: str) -> None:
    text = (
        minimal_covenant_text.replace("kind: shell", "kind: schil")
        .replace("  region: Kleinstad", "  regoin: Kleinstad")
        .replace("sensitivity: low", "sensitivity: laag")
    )

    issues = issues_of(text)

    assert [i.code for i in issues] == ["unknown_key", "not_allowed", "not_allowed"]
    assert [i.line for i in issues] == sorted(i.line or 0 for i in issues)


def test_an_unknown_pydantic_error_type_still_reads_as_a_sentence() -> None:
    class Odd(BaseModel):
        value: str

        @field_validator("value")
        @classmethod
        def no_foo(cls, value: str) -> str:
            raise ValueError("foo is not welcome")

    with pytest.raises(ValidationError) as caught:
        Odd(value="foo")

    [issue] = loader._translate(caught.value, {"value": "foo"}, LineMap({("value",): 3}))

    assert issue.code == "invalid"
    assert issue.render() == (
        "regel 3, value: ongeldige waarde 'foo' (Value error, foo is not welcome); zie "
        "docs/covenant-format.md voor wat hier verwacht wordt"
    )


# --- files ---------------------------------------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CovenantInvalid) as caught:
        load_covenant_file(tmp_path / "nope.yaml")

    [issue] = caught.value.issues
    assert issue.code == "file_not_found"
    assert issue.render() == (
        f"bestand '{tmp_path / 'nope.yaml'}' bestaat niet; geef het pad van een "
        "convenantbestand (YAML)"
    )


def test_a_directory(tmp_path: Path) -> None:
    with pytest.raises(CovenantInvalid) as caught:
        load_covenant_file(tmp_path)

    assert [i.code for i in caught.value.issues] == ["is_directory"]


def test_a_path_through_a_file(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    with pytest.raises(CovenantInvalid) as caught:
        load_covenant_file(tmp_path / "plain" / "covenant.yaml")

    [issue] = caught.value.issues
    assert issue.code == "file_unreadable"
    assert "Not a directory" in issue.message()


# --- the message table ---------------------------------------------------------------------

_FIELDS = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_exists_in_dutch_and_english_with_the_same_params(code: str) -> None:
    templates = MESSAGES[code]

    assert set(templates) == {"nl", "en"}
    assert set(_FIELDS.findall(templates["nl"])) == set(_FIELDS.findall(templates["en"]))
    params = {name: "X" for name in _FIELDS.findall(templates["nl"]) if name not in FRAGMENTS}
    for lang in ("nl", "en"):
        text = CovenantIssue("a.b", 7, code, params).render(lang)
        assert "{" not in text.replace("{ }", "")
        assert "?" not in text.replace("?'", "").replace("?)", "")


def test_vocabulary_and_fragments_exist_in_both_languages() -> None:
    assert set(VOCAB["nl"]) == set(VOCAB["en"])
    for alternatives in FRAGMENTS.values():
        for _needed, texts in alternatives:
            assert set(texts) == {"nl", "en"}


def test_every_template_is_well_formed() -> None:
    templates = [t for texts in MESSAGES.values() for t in texts.values()]
    templates += [t for texts in VOCAB.values() for t in texts.values()]
    templates += [t for alts in FRAGMENTS.values() for _n, texts in alts for t in texts.values()]
    templates += [t for _p, texts in YAML_PROBLEMS for t in texts.values()]
    templates += [t for _p, texts in YAML_CONTEXTS for t in texts.values()]

    for template in templates:
        list(string.Formatter().parse(template))  # raises ValueError on a stray brace


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: {x: 1\nb: 2", "een mapping tussen { } is niet goed gesloten; verwacht ',' of '}'"),
        ("a: [1, 2\nb: 3\n", "een lijst tussen [ ] is niet goed gesloten"),
        ("a: *x\n", "alias *x verwijst naar een anker &x dat (nog) niet bestaat"),
        ("a: `b\n", "het teken '`' kan een waarde niet beginnen"),
        ("a: 'x\nb: 1\n", "(in de tekst tussen aanhalingstekens die begint op regel 1)"),
        ("  a: 1\nb: 2\n", "sleutels op het hoogste niveau beginnen in kolom 1"),
    ],
)
def test_yaml_syntax_errors_in_words(text: str, words: str) -> None:
    issue = only(issues_of(text), "yaml_syntax")

    assert words in issue.message()


@pytest.mark.parametrize(
    ("lang", "start"),
    [("en-us", "line 2"), ("EN_gb", "line 2"), ("nl-nl", "regel 2"), ("de", "regel 2"),
     ("", "regel 2")],
)
def test_language_codes_as_django_gives_them(lang: str, start: str) -> None:
    assert CovenantIssue("format", 2, "missing", {"key": "format"}).render(lang).startswith(start)


def test_an_unknown_code_still_reads() -> None:
    issue = CovenantIssue("x", 2, "something_new", {"a": "b"})

    assert issue.render() == "regel 2, x: probleem 'something_new' (a=b)"
    assert issue.render("en") == "line 2, x: problem 'something_new' (a=b)"


def test_every_pattern_in_the_schema_is_put_in_words() -> None:
    patterns: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(Covenant.model_json_schema())

    assert patterns
    assert patterns <= set(loader._PATTERNS)


def test_the_exception_survives_pickling_and_copying(minimal_covenant_text: str) -> None:
    import copy
    import pickle

    with pytest.raises(CovenantInvalid) as caught:
        load_covenant(minimal_covenant_text.replace("kind: shell", "kind: schil"))

    for clone in (pickle.loads(pickle.dumps(caught.value)), copy.deepcopy(caught.value)):
        assert clone.issues == caught.value.issues
        assert str(clone) == str(caught.value)
    assert str(caught.value).startswith("1 problem(s) in the covenant file:\nline 76, ")


def test_issues_are_values() -> None:
    a = CovenantIssue("p", 1, "missing", {"key": "k"})
    b = CovenantIssue("p", 1, "missing", {"key": "k"})

    assert a == b
    assert len({a, b}) == 1
    assert all(c in string.printable or c.isalpha() for c in a.render())


# --- the example covenants -----------------------------------------------------------------


def test_the_format_documentation_shows_the_fixture_in_full(minimal_covenant_text: str) -> None:
    documentation = (REPO / "docs" / "covenant-format.md").read_text(encoding="utf-8")

    assert "```yaml\n" + minimal_covenant_text + "```" in documentation


def test_the_format_documentation_names_every_key() -> None:
    from deelwijzer.covenant import schema

    documentation = (REPO / "docs" / "covenant-format.md").read_text(encoding="utf-8")
    models = [
        value for value in vars(schema).values()
        if isinstance(value, type) and issubclass(value, BaseModel) and value.model_fields
    ]
    in_code = {
        word for span in re.findall(r"`([^`\n]+)`", documentation)
        for word in re.findall(r"[a-z_]+", span)
    }
    undocumented = [
        f"{model.__name__}.{name}"
        for model in models
        for name in model.model_fields
        if name not in in_code
    ]

    assert undocumented == [], "add these keys to docs/covenant-format.md"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_covenant_is_valid(path: Path) -> None:
    try:
        load_covenant_file(path)
    except CovenantInvalid as invalid:
        pytest.fail(
            f"{path.name} is not a valid covenant:\n"
            + "\n".join(issue.render("en") for issue in invalid.issues)
        )
