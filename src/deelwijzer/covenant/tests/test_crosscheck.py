"""Whole-file checks: what a privacy officer would catch reading a covenant, with path and line."""

from __future__ import annotations

import pytest

from deelwijzer.covenant.crosscheck import DOMAIN_RULES, add_months, crosscheck
from deelwijzer.covenant.loader import CovenantInvalid, CovenantIssue, load_covenant

GEMEENTE = '{partner: gemeente, ground: "6.1.e", basis: Jeugdwet art. 2.3}'
VEILIG_THUIS = '{partner: veilig-thuis, ground: "6.1.e", basis: Wmo 2015 art. 4.1.1}'


def line_of(text: str, needle: str, start: int = 1) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def issues_of(text: str) -> list[CovenantIssue]:
    with pytest.raises(CovenantInvalid) as caught:
        load_covenant(text)
    return caught.value.issues


def changed(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_the_minimal_fixture_passes_every_cross_check(minimal_covenant_text: str) -> None:
    assert crosscheck(load_covenant(minimal_covenant_text)) == []


def test_without_a_line_map_issues_have_paths_but_no_lines(minimal_covenant_text: str) -> None:
    covenant = load_covenant(minimal_covenant_text)
    broken = covenant.model_copy(
        update={"partnership": covenant.partnership.model_copy(update={"lead_partner": "nobody"})}
    )

    [issue] = crosscheck(broken)

    assert (issue.path, issue.line, issue.code) == (
        "partnership.lead_partner", None, "unknown_reference"
    )
    assert issue.render().startswith("partnership.lead_partner: onbekende partner 'nobody'")


# --- ids and references --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "path", "listed"),
    [
        ("  - id: politie\n", "  - id: gemeente\n", "partners[2].id", "partners"),
        ("  - id: bekend-bij\n", "  - id: identiteit\n", "data_categories[2].id",
         "data_categories"),
        ("  - id: monitoring\n", "  - id: veiligheid-kind\n", "purposes[1].id", "purposes"),
        ("  - id: analyse\n", "  - id: signaal\n", "steps[1].id", "steps"),
        ("{id: ov-10,", "{id: ov-9,", "articles[1].id", "articles"),
    ],
)
def test_ids_are_unique_per_list(
    minimal_covenant_text: str, old: str, new: str, path: str, listed: str
) -> None:
    text = changed(minimal_covenant_text, (old, new))

    duplicates = [i for i in issues_of(text) if i.code == "duplicate_id"]

    assert [i.path for i in duplicates] == [path]
    assert duplicates[0].line == line_of(minimal_covenant_text, old.strip(" -\n").rstrip(","))
    assert f"komt meer dan eens voor in {listed} (eerder bij " in duplicates[0].message()


def test_governance_body_ids_are_unique(minimal_covenant_text: str) -> None:
    text = changed(
        minimal_covenant_text,
        ("      members: [gemeente, veilig-thuis]\n",
         "      members: [gemeente, veilig-thuis]\n    - id: stuurgroep\n      name: Tweede\n"
         "      level: tactical\n"),
    )

    [issue] = issues_of(text)

    assert issue.path == "partnership.governance_bodies[1].id"
    assert issue.line == line_of(text, "- id: stuurgroep", start=12)
    first = line_of(text, "- id: stuurgroep")
    assert issue.message() == (
        "id 'stuurgroep' komt meer dan eens voor in governance_bodies (eerder bij "
        f"partnership.governance_bodies[0].id, regel {first}); verwacht een uniek id per element"
    )


@pytest.mark.parametrize(
    ("old", "new", "path", "kind"),
    [
        ("  lead_partner: gemeente", "  lead_partner: gemeent", "partnership.lead_partner",
         "partner"),
        ("members: [gemeente, veilig-thuis]", "members: [gemeente, veilig-huis]",
         "partnership.governance_bodies[0].members[1]", "partner"),
        ("    partner: gemeente\n", "    partner: provincie\n",
         "partnership.team_coordinator.partner", "partner"),
        ("    articles: [ov-10]", "    articles: [ov-100]", "partnership.accession.articles[0]",
         "artikel"),
        ("    articles: [ov-9]", "    articles: [ov-8]", "partnership.termination.articles[0]",
         "artikel"),
        ("    articles: [ov-11]", "    articles: [ov-12]", "partnership.disputes.articles[0]",
         "artikel"),
        ("    categories: [bekend-bij]", "    categories: [bekend]", "purposes[1].categories[0]",
         "gegevenscategorie"),
        ("compatible_with: [veiligheid-kind]", "compatible_with: [veiligheid]",
         "purposes[1].compatible_with[0]", "doel"),
        ("    articles: [pp-2]", "    articles: [pp-3]", "purposes[0].articles[0]", "artikel"),
        ("    purpose: veiligheid-kind\n    activities: [Feiten",
         "    purpose: veilig\n    activities: [Feiten", "steps[1].purpose", "doel"),
        ("    record: [identiteit]\n", "    record: [identiteitt]\n", "steps[0].record[0]",
         "gegevenscategorie"),
        ("    share: [bekend-bij]\n", "    share: [bekend]\n", "steps[0].share[0]",
         "gegevenscategorie"),
        ("  S4: [pp-6]", "  S4: [pp-7]", "rule_articles.S4[0]", "artikel"),
    ],
)
def test_every_reference_resolves(
    minimal_covenant_text: str, old: str, new: str, path: str, kind: str
) -> None:
    text = changed(minimal_covenant_text, (old, new))

    [issue] = issues_of(text)

    assert issue.code == "unknown_reference"
    assert issue.path == path
    assert issue.line == minimal_covenant_text[: minimal_covenant_text.index(old)].count("\n") + 1
    assert issue.message().startswith(f"onbekende {kind} ")
    assert "; verwacht een van: " in issue.message()


def test_step_articles_and_consent_articles_resolve(minimal_covenant_text: str) -> None:
    text = changed(
        minimal_covenant_text,
        ("    activities: [Signaal ontvangen en wegen]\n",
         "    activities: [Signaal ontvangen en wegen]\n    articles: [pp-2, zz-1]\n"),
    ) + "consent:\n  articles: [pp-6, pp-6]\n"

    issues = issues_of(text)

    assert [(i.code, i.path) for i in issues] == [
        ("unknown_reference", "steps[0].articles[1]"),
        ("duplicate_reference", "consent.articles[1]"),
    ]
    assert issues[1].message() == (
        f"artikel 'pp-6' staat meer dan eens in deze lijst (eerder bij consent.articles[0], "
        f"regel {line_of(text, 'articles: [pp-6, pp-6]')}); noem elke waarde één keer"
    )


def test_a_suggestion_only_when_close(minimal_covenant_text: str) -> None:
    text = changed(minimal_covenant_text, ("  lead_partner: gemeente", "  lead_partner: zzz"))

    [issue] = issues_of(text)

    assert "bedoelde u" not in issue.message()
    assert issue.render("en").endswith(
        "partnership.lead_partner: unknown partner 'zzz'; expected one of: gemeente, politie, "
        "veilig-thuis"
    )


# --- grounds, categories, purposes, steps --------------------------------------------------


def test_a_partner_twice_among_the_recipients_of_a_purpose(minimal_covenant_text: str) -> None:
    text = changed(
        minimal_covenant_text,
        (f"      - {VEILIG_THUIS}\n",
         f"      - {VEILIG_THUIS}\n      - {{partner: gemeente, ground: \"6.1.c\", basis: x}}\n"),
    )

    [issue] = issues_of(text)

    assert issue.code == "duplicate_recipient"
    assert issue.path == "purposes[0].recipients[2].partner"
    assert issue.line == line_of(text, '6.1.c')
    assert issue.message().startswith(
        "partner 'gemeente' staat meer dan eens als ontvanger bij doel 'veiligheid-kind' "
        f"(eerder bij purposes[0].recipients[0].partner, regel {line_of(text, GEMEENTE)})"
    )


def test_a_criminal_category_without_exception(minimal_covenant_text: str) -> None:
    text = changed(
        minimal_covenant_text,
        ("  - id: bekend-bij\n",
         "  - id: justitie\n    name: Justitiële gegevens\n    kind: criminal\n"
         "    sensitivity: very_high\n  - id: bekend-bij\n"),
    )

    [issue] = issues_of(text)

    assert (issue.code, issue.path, issue.line) == (
        "special_without_exception", "data_categories[2].exception", line_of(text, "id: justitie")
    )
    assert "strafrechtelijke persoonsgegevens (AVG art. 10)" in issue.message()
    assert "criminal-offence personal data (AVG art. 10)" in issue.message("en")


def test_a_general_category_needs_no_exception(minimal_covenant_text: str) -> None:
    covenant = load_covenant(minimal_covenant_text)

    assert covenant.category("identiteit").exception is None


def test_a_step_records_only_categories_of_its_purpose(minimal_covenant_text: str) -> None:
    text = changed(
        minimal_covenant_text,
        ("    purpose: veiligheid-kind\n    activities: [Feiten",
         "    purpose: monitoring\n    activities: [Feiten"),
    )

    issues = issues_of(text)

    assert [(i.code, i.path) for i in issues] == [
        ("category_not_in_purpose", "steps[1].record[0]"),
        ("category_not_in_purpose", "steps[1].record[1]"),
        ("category_not_in_purpose", "steps[1].share[0]"),
        ("category_not_in_purpose", "steps[1].share[1]"),
    ]
    assert issues[0].message() == (
        "stap 'analyse' noemt categorie 'identiteit', die niet bij zijn doel 'monitoring' "
        "hoort; verwacht een van de categorieën van dat doel: bekend-bij"
    )


def test_a_research_purpose_needs_a_dpia(minimal_covenant_text: str) -> None:
    research = "    compatible_with: [veiligheid-kind]\n    research: true\n"
    text = changed(minimal_covenant_text, ("    compatible_with: [veiligheid-kind]\n", research))

    [issue] = issues_of(text)

    assert (issue.code, issue.path) == ("research_without_dpia", "purposes[1].dpia")
    assert issue.line == line_of(text, "- id: monitoring")
    assert load_covenant(text.replace(research, research + "    dpia: DPIA 2026-03, laag risico\n"))


def test_a_purpose_is_not_compatible_with_itself(minimal_covenant_text: str) -> None:
    text = changed(
        minimal_covenant_text,
        ("compatible_with: [veiligheid-kind]", "compatible_with: [veiligheid-kind, monitoring]"),
    )

    [issue] = issues_of(text)

    assert (issue.code, issue.path) == ("compatible_with_itself", "purposes[1].compatible_with[1]")


@pytest.mark.parametrize(
    ("old", "new", "role"),
    [
        ("  lead_partner: gemeente", "  lead_partner: politie", "penvoerder"),
        ("    partner: gemeente\n  start", "    partner: politie\n  start", "teamcoördinator"),
    ],
)
def test_lead_partner_and_team_coordinator_are_core_partners(
    minimal_covenant_text: str, old: str, new: str, role: str
) -> None:
    text = changed(minimal_covenant_text, (old, new))

    [issue] = issues_of(text)

    assert issue.code == "not_core_partner"
    assert issue.line == line_of(text, new.splitlines()[0])
    assert issue.message() == (
        f"{role} 'politie' is een schilpartner; verwacht een kernpartner (kind: core)"
    )


# --- the term ------------------------------------------------------------------------------


def test_end_and_duration_together(minimal_covenant_text: str) -> None:
    text = changed(minimal_covenant_text, ("  duration_months: 24\n",
                                           "  duration_months: 24\n  end: 2027-12-31\n"))

    [issue] = issues_of(text)

    assert (issue.code, issue.path, issue.line) == (
        "end_and_duration", "partnership.duration_months", line_of(text, "duration_months")
    )


def test_neither_end_nor_duration(minimal_covenant_text: str) -> None:
    text = changed(minimal_covenant_text, ("  duration_months: 24\n", ""))

    [issue] = issues_of(text)

    assert (issue.code, issue.path, issue.line) == (
        "no_end", "partnership.end", line_of(text, "partnership:")
    )


def test_an_end_before_the_start(minimal_covenant_text: str) -> None:
    text = changed(minimal_covenant_text, ("  duration_months: 24\n", "  end: 2025-12-31\n"))

    [issue] = issues_of(text)

    assert (issue.code, issue.path) == ("date_order", "partnership.end")
    assert issue.message() == (
        "einddatum 2025-12-31 ligt niet na de startdatum 2026-01-01; verwacht een einddatum na "
        "de start"
    )


def test_evaluation_dates_inside_the_term_and_in_order(minimal_covenant_text: str) -> None:
    text = changed(
        minimal_covenant_text,
        ("evaluation_dates: [2026-12-01]",
         "evaluation_dates: [2026-12-01, 2026-06-01, 2028-01-02, 2025-01-01]"),
    )

    issues = issues_of(text)

    assert [(i.code, i.path) for i in issues] == [
        ("evaluation_not_sorted", "partnership.evaluation_dates[1]"),
        ("evaluation_outside_period", "partnership.evaluation_dates[2]"),
        ("evaluation_outside_period", "partnership.evaluation_dates[3]"),
        ("evaluation_not_sorted", "partnership.evaluation_dates[3]"),
    ]
    assert issues[1].message() == (
        "evaluatiedatum 2028-01-02 valt buiten de looptijd (2026-01-01 tot 2028-01-01); "
        "verwacht een datum binnen de looptijd"
    )


def test_an_evaluation_on_the_last_day_is_inside(minimal_covenant_text: str) -> None:
    text = changed(minimal_covenant_text,
                   ("evaluation_dates: [2026-12-01]", "evaluation_dates: [2028-01-01]"))

    assert load_covenant(text).partnership.evaluation_dates[0].year == 2028


def test_add_months_keeps_to_the_calendar() -> None:
    import datetime as dt

    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)
    assert add_months(dt.date(9999, 12, 1), 1) == dt.date.max


# --- rules, articles -----------------------------------------------------------------------


def test_rule_articles_name_rules_of_domain_md(minimal_covenant_text: str) -> None:
    text = changed(minimal_covenant_text, ("  S4: [pp-6]", "  S4: [pp-6]\n  S15: [pp-6]"))

    [issue] = issues_of(text)

    assert (issue.code, issue.path, issue.line) == (
        "unknown_rule", "rule_articles.S15", line_of(text, "S15:")
    )
    assert "C1-C11, P1-P5, K1-K9, S1-S14, T1-T4, R1-R7, Q1, B1-B2, V1-V4" in issue.message()
    assert len(DOMAIN_RULES) == 11 + 5 + 9 + 14 + 4 + 7 + 1 + 2 + 4


def test_an_article_number_twice_in_one_document(minimal_covenant_text: str) -> None:
    text = changed(minimal_covenant_text,
                   ('{id: ov-10, document: covenant, number: "10"',
                    '{id: ov-10, document: covenant, number: "9"'))

    [issue] = issues_of(text)

    assert (issue.code, issue.path) == ("duplicate_article_number", "articles[1].number")
    assert issue.message() == (
        "artikel 9 van het convenant komt ook voor als 'ov-9'; verwacht elk artikelnummer één "
        "keer per document"
    )


@pytest.mark.parametrize(
    ("part_of", "code"),
    [("pp-6.4", "part_of_itself"), ("ov-9", "part_of_other_document"),
     ("pp-66", "unknown_reference")],
)
def test_part_of_names_an_enclosing_article(
    minimal_covenant_text: str, part_of: str, code: str
) -> None:
    text = minimal_covenant_text + (
        f"  - {{id: pp-6.4, document: protocol, number: \"6.4\", title: Toestemming, "
        f"text: Toestemming wordt gevraagd., part_of: {part_of}}}\n"
    )

    [issue] = issues_of(text)

    assert (issue.code, issue.path, issue.line) == (code, "articles[5].part_of",
                                                     line_of(text, "id: pp-6.4"))


def test_part_of_without_a_cycle(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace(
        "title: Geheimhouding,", "title: Geheimhouding, part_of: pp-6.4,"
    ) + ("  - {id: pp-6.4, document: protocol, number: \"6.4\", title: Toestemming, "
         "text: Toestemming wordt gevraagd., part_of: pp-6}\n")

    issues = issues_of(text)

    assert {(i.code, i.path) for i in issues} == {
        ("part_of_cycle", "articles[4].part_of"),
        ("part_of_cycle", "articles[5].part_of"),
    }


def test_part_of_in_order_is_accepted(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text + (
        "  - {id: pp-6.4, document: protocol, number: \"6.4\", title: Toestemming, "
        "text: Toestemming wordt gevraagd., part_of: pp-6}\n"
    )

    assert load_covenant(text).article("pp-6.4").part_of == "pp-6"


# --- consent and deadlines -----------------------------------------------------------------


def test_consent_ages_in_order(minimal_covenant_text: str) -> None:
    text = minimal_covenant_text + "consent:\n  representatives_only_below: 16\n  child_alone_from: 12\n"

    [issue] = issues_of(text)

    assert (issue.code, issue.path, issue.line) == (
        "consent_ages_order", "consent.representatives_only_below",
        line_of(text, "representatives_only_below"),
    )


def test_four_weeks_alone_is_a_valid_rights_deadline(minimal_covenant_text: str) -> None:
    covenant = load_covenant(minimal_covenant_text + "deadlines:\n  rights_request: {weeks: 4}\n")

    assert (covenant.deadlines.rights_request.months, covenant.deadlines.rights_request.weeks) == (
        None, 4
    )


@pytest.mark.parametrize(
    ("deadlines", "expected"),
    [
        ("  rights_request: {months: 1, weeks: 4}\n",
         [("deadline_ambiguous", "deadlines.rights_request.weeks")]),
        ("  rights_request: {months: null}\n",
         [("deadline_missing", "deadlines.rights_request")]),
        ("  rights_request: {months: 2, extension_months: 3, objection_weeks: 6}\n",
         [("deadline_too_long", "deadlines.rights_request.months"),
          ("deadline_too_long", "deadlines.rights_request.extension_months"),
          ("deadline_too_long", "deadlines.rights_request.objection_weeks")]),
        ("  rights_request: {weeks: 5}\n",
         [("deadline_too_long", "deadlines.rights_request.weeks")]),
        ("  breach: {authority_hours: 96}\n",
         [("breach_deadline_too_long", "deadlines.breach.authority_hours")]),
        ("  breach: {partner_notice_hours: 72}\n",
         [("breach_notice_after_authority", "deadlines.breach.partner_notice_hours")]),
    ],
)
def test_deadlines_within_the_avg(
    minimal_covenant_text: str, deadlines: str, expected: list[tuple[str, str]]
) -> None:
    text = minimal_covenant_text + "deadlines:\n" + deadlines

    issues = issues_of(text)

    assert [(i.code, i.path) for i in issues] == expected
    assert all(i.line == line_of(text, deadlines.strip().splitlines()[0]) for i in issues)


def test_a_deadline_message_in_both_languages(minimal_covenant_text: str) -> None:
    [issue] = issues_of(minimal_covenant_text + "deadlines:\n  breach: {authority_hours: 96}\n")

    assert issue.message() == (
        "melden aan de Autoriteit Persoonsgegevens binnen 96 uur is te laat; verwacht hoogstens "
        "72 uur (AVG art. 33)"
    )
    assert issue.message("en") == (
        "notifying the Autoriteit Persoonsgegevens within 96 hours is too late; expected at "
        "most 72 hours (AVG art. 33)"
    )


# --- special and criminal data per partner (S3) -------------------------------------------

CRIMINAL = (
    "  - id: bekend-bij\n",
    "  - id: justitie\n    name: Justitiële gegevens\n    kind: criminal\n"
    "    sensitivity: very_high\n    exception: UAVG art. 33\n  - id: bekend-bij\n",
)
GEMEENTE_HEALTH = "      - {category: gezondheid, basis: Jeugdwet art. 2.3 jo. UAVG art. 30 lid 3}\n"
POLICE_RETENTION = "    retention:\n      - years: 5\n"


def test_a_partner_may_be_given_criminal_data_with_its_basis(minimal_covenant_text: str) -> None:
    text = changed(
        minimal_covenant_text, CRIMINAL,
        ("    categories: [identiteit, gezondheid, bekend-bij]\n",
         "    categories: [identiteit, gezondheid, justitie, bekend-bij]\n"),
        (POLICE_RETENTION, "    special_categories:\n      - category: justitie\n"
         "        basis: Wet politiegegevens art. 20\n" + POLICE_RETENTION),
        (GEMEENTE, GEMEENTE + "\n      - {partner: politie, ground: \"6.1.e\", basis: Politiewet "
         "2012 art. 3}"),
    )

    covenant = load_covenant(text)

    assert covenant.partner("politie").special_categories[0].basis == "Wet politiegegevens art. 20"


def test_a_partner_lists_only_special_or_criminal_categories(minimal_covenant_text: str) -> None:
    text = changed(minimal_covenant_text, (
        GEMEENTE_HEALTH,
        GEMEENTE_HEALTH + "      - {category: bekend-bij, basis: Jeugdwet art. 2.3}\n"
        "      - {category: gezondheid, basis: Jeugdwet art. 7.4.1}\n"
        "      - {category: gezondhied, basis: UAVG art. 30}\n",
    ))

    issues = issues_of(text)

    assert [(i.code, i.path) for i in issues] == [
        ("not_special_category", "partners[0].special_categories[1].category"),
        ("duplicate_reference", "partners[0].special_categories[2].category"),
        ("unknown_reference", "partners[0].special_categories[3].category"),
    ]
    assert [i.line for i in issues] == [
        line_of(text, "category: bekend-bij"), line_of(text, "Jeugdwet art. 7.4.1"),
        line_of(text, "gezondhied"),
    ]
    assert issues[0].message() == (
        "categorie 'bekend-bij' bevat buitenkant-informatie (alleen 'bekend bij'), geen "
        "bijzondere of strafrechtelijke persoonsgegevens; verwacht in special_categories alleen "
        "categorieën van soort special of criminal (gezondheid): andere gegevens volgen de "
        "doelen en hun ontvangers, het BSN de regel van UAVG art. 46"
    )
    assert issues[0].message("en").startswith(
        "category 'bekend-bij' holds 'known to partner' information only, not special-category")
    assert "(bedoelde u 'gezondheid'?); verwacht een van: gezondheid" in issues[2].message()


def test_a_special_category_of_a_purpose_needs_a_recipient_that_may_receive_it(
        minimal_covenant_text: str) -> None:
    text = minimal_covenant_text.replace(GEMEENTE_HEALTH, "").replace(
        "      - {category: gezondheid, basis: Wmo 2015 art. 4.1.1 jo. UAVG art. 30 lid 3}\n", "")
    text = text.replace("    special_categories:\n    retention:", "    retention:")

    [issue] = issues_of(text)

    assert (issue.code, issue.path) == ("special_category_without_recipient",
                                        "purposes[0].categories[1]")
    assert issue.line == line_of(text, "categories: [identiteit, gezondheid, bekend-bij]")
    assert issue.message() == (
        "doel 'veiligheid-kind' noemt categorie 'gezondheid' (bijzondere persoonsgegevens (AVG "
        "art. 9)), maar geen van zijn ontvangers (gemeente, veilig-thuis) mag die ontvangen; "
        "verwacht bij minstens één ontvanger deze categorie in special_categories met de "
        "grondslag, of haal de categorie uit het doel"
    )
    # One recipient that may receive it is enough.
    assert crosscheck(load_covenant(minimal_covenant_text)) == []
