"""Problems found in a covenant file, and how they are told to a person.

Pure Python (no Django, no gettext): the loader, the cross-checks and the validator command
share these. An issue carries a stable ``code`` and language-neutral ``params``; the sentence
is made when it is shown, in Dutch (default) or English, from the message table below.

``loader`` re-exports :class:`CovenantIssue` and :class:`CovenantInvalid`; import them from
there.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

PathPart = str | int
Path = tuple[PathPart, ...]

LANGUAGES = ("nl", "en")

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def format_path(parts: Sequence[PathPart]) -> str:
    """``("purposes", 2, "recipients", 0, "partner")`` -> ``purposes[2].recipients[0].partner``.

    List indexes count from 0. Keys that are not plain names are quoted: ``a["b c"]``.
    """
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            out += f".{part}" if out else part
        else:
            out += '["' + one_line(part.replace("\\", "\\\\").replace('"', '\\"')) + '"]'
    return out


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """Control characters and line breaks written as escapes: the text stays on one line."""
    return _CONTROL.sub(
        lambda m: _NAMED_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text
    )


def show(value: object, limit: int = 60) -> str:
    """A value as one short line, for inside a message."""
    text = one_line(value if isinstance(value, str) else repr(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def listing(values: Iterable[str], limit: int = 15) -> str:
    """``a, b, c`` with at most ``limit`` values."""
    items = list(values)
    if len(items) > limit:
        return ", ".join(items[:limit]) + f", … ({len(items)})"
    return ", ".join(items)


def suggest(value: str, options: Iterable[str]) -> dict[str, str]:
    """``{"suggestion": closest option}`` for a near miss (a typo, other case), else ``{}``."""
    choices = list(options)
    matches = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if not matches:
        lowered = {choice.lower(): choice for choice in choices}
        if value.lower() in lowered:
            matches = [lowered[value.lower()]]
    return {"suggestion": matches[0]} if matches else {}


# --- the message table ---------------------------------------------------------------------
#
# code -> language -> template. A template names params as {name}. Three kinds of placeholders
# are filled specially:
# - a param listed in _VOCAB_PARAMS holds a token (e.g. expected="date") that is replaced by
#   its phrase from VOCAB in the message's language; phrases may name params themselves;
# - a placeholder named in FRAGMENTS expands to that fragment when its driving param is
#   present, and to nothing otherwise (e.g. {suggest} -> " (bedoelde u 'purposes'?)");
# - a param that is missing shows as "?" (a message never fails to render).
# Messages start in lower case and have no final full stop: render() puts them after
# "regel N, path: ".

MESSAGES: dict[str, dict[str, str]] = {
    # file and YAML level
    "file_not_found": {
        "nl": "bestand '{file}' bestaat niet; geef het pad van een convenantbestand (YAML)",
        "en": "file '{file}' does not exist; give the path of a covenant file (YAML)",
    },
    "is_directory": {
        "nl": "'{file}' is een map, geen bestand; geef het pad van een convenantbestand (YAML)",
        "en": "'{file}' is a directory, not a file; give the path of a covenant file (YAML)",
    },
    "file_unreadable": {
        "nl": "bestand '{file}' kan niet worden gelezen ({reason}); controleer pad en rechten",
        "en": "file '{file}' cannot be read ({reason}); check the path and the permissions",
    },
    "not_utf8": {
        "nl": "het bestand is geen geldige UTF-8 (byte {byte} op positie {offset}); "
        "sla het op als UTF-8",
        "en": "the file is not valid UTF-8 (byte {byte} at offset {offset}); save it as UTF-8",
    },
    "control_character": {
        "nl": "niet-toegestaan teken {character} in kolom {column}; verwijder het of vervang "
        "het door een gewoon teken",
        "en": "character {character} in column {column} is not allowed; remove it or replace "
        "it with a plain character",
    },
    "empty_file": {
        "nl": "het bestand is leeg; verwacht een convenant in YAML dat begint met 'format: 1'",
        "en": "the file is empty; expected a covenant in YAML starting with 'format: 1'",
    },
    "not_mapping": {
        "nl": "het bestand bevat {found}; verwacht een mapping met de sleutels format, "
        "version, partnership, partners, data_categories, purposes, steps en articles",
        "en": "the file holds {found}; expected a mapping with the keys format, version, "
        "partnership, partners, data_categories, purposes, steps and articles",
    },
    "yaml_syntax": {
        "nl": "YAML-syntaxfout{column_part}{context_part}: {problem}{quote_at}",
        "en": "YAML syntax error{column_part}{context_part}: {problem}{quote_at}",
    },
    "tab": {
        "nl": "tab in de inspringing; YAML staat voor inspringen alleen spaties toe",
        "en": "tab in the indentation; YAML allows only spaces for indentation",
    },
    "multiple_documents": {
        "nl": "tweede YAML-document ('---') gevonden; verwacht precies één convenant per bestand",
        "en": "a second YAML document ('---') was found; expected exactly one covenant per file",
    },
    "duplicate_key": {
        "nl": "sleutel '{key}' staat twee keer in dezelfde mapping (eerst op regel {first_line}); "
        "elke sleutel mag maar één keer voorkomen",
        "en": "key '{key}' appears twice in the same mapping (first on line {first_line}); "
        "each key may appear only once",
    },
    "complex_key": {
        "nl": "een sleutel moet een naam zijn, maar hier staat {found}; verwacht 'naam: waarde'",
        "en": "a key must be a name, but this is {found}; expected 'name: value'",
    },
    "merge_key": {
        "nl": "de samenvoegsleutel '<<' wordt niet ondersteund; schrijf de sleutels uit",
        "en": "the merge key '<<' is not supported; write the keys out",
    },
    "unsupported_tag": {
        "nl": "YAML-tag '{tag}' wordt niet ondersteund; verwacht een gewone waarde zonder "
        "'!'-tag",
        "en": "YAML tag '{tag}' is not supported; expected a plain value without a '!' tag",
    },
    "too_deep": {
        "nl": "de structuur is dieper genest dan {limit} niveaus; verwacht de opbouw uit "
        "docs/covenant-format.md",
        "en": "the structure is nested deeper than {limit} levels; expected the layout of "
        "docs/covenant-format.md",
    },
    "too_large": {
        "nl": "het bestand bevat na het uitvouwen van aliassen (*naam) meer dan {limit} "
        "waarden; schrijf de waarden uit of maak het bestand kleiner",
        "en": "after expanding aliases (*name) the file holds more than {limit} values; write "
        "the values out or make the file smaller",
    },
    "unsupported_format": {
        "nl": "formaatversie '{value}' wordt niet ondersteund; verwacht 'format: 1'",
        "en": "format version '{value}' is not supported; expected 'format: 1'",
    },
    # schema level (translated pydantic errors)
    "unknown_key": {
        "nl": "onbekende sleutel '{key}'{suggest}; toegestaan zijn: {allowed}",
        "en": "unknown key '{key}'{suggest}; allowed are: {allowed}",
    },
    "missing": {
        "nl": "verplichte sleutel '{key}' ontbreekt; verwacht {expected}",
        "en": "required key '{key}' is missing; expected {expected}",
    },
    "recipient_without_ground": {
        "nl": "ontvanger '{partner}' van doel '{purpose}' heeft geen grondslag ({key} "
        "ontbreekt); verwacht bij elke ontvanger 'partner', 'ground' (AVG art. 6 lid 1, "
        "bijvoorbeeld \"6.1.e\") en 'basis' (de wettelijke taak, bijvoorbeeld "
        "'Jeugdwet art. 2.3')",
        "en": "recipient '{partner}' of purpose '{purpose}' has no legal ground ({key} "
        "missing); expected for every recipient 'partner', 'ground' (AVG art. 6(1), for "
        "example \"6.1.e\") and 'basis' (the statutory task, for example "
        "'Jeugdwet art. 2.3')",
    },
    "wrong_type": {
        "nl": "verwacht {expected}, maar gevonden: {found}{value_part}{quote_hint}",
        "en": "expected {expected}, but found {found}{value_part}{quote_hint}",
    },
    "empty": {
        "nl": "de waarde is leeg; verwacht {expected}",
        "en": "the value is empty; expected {expected}",
    },
    "too_long": {
        "nl": "'{value}' is te lang ({length} tekens); verwacht hoogstens {max} tekens",
        "en": "'{value}' is too long ({length} characters); expected at most {max} characters",
    },
    "pattern": {
        "nl": "'{value}' heeft niet de juiste vorm; verwacht {expected}",
        "en": "'{value}' does not have the right form; expected {expected}",
    },
    "not_allowed": {
        "nl": "'{value}' is geen toegestane waarde{suggest}; verwacht een van: {allowed}",
        "en": "'{value}' is not an allowed value{suggest}; expected one of: {allowed}",
    },
    "too_few": {
        "nl": "de lijst heeft {actual} element(en); verwacht er minstens {min}",
        "en": "the list has {actual} item(s); expected at least {min}",
    },
    "too_many": {
        "nl": "de lijst heeft {actual} elementen; verwacht er hoogstens {max}",
        "en": "the list has {actual} items; expected at most {max}",
    },
    "out_of_range": {
        "nl": "{value} ligt buiten het toegestane bereik; verwacht {op} {limit}",
        "en": "{value} is out of range; expected {op} {limit}",
    },
    "invalid_date": {
        "nl": "'{value}' is geen bestaande datum; verwacht {expected}",
        "en": "'{value}' is not an existing date; expected {expected}",
    },
    "invalid": {
        "nl": "ongeldige waarde '{value}' ({detail}); zie docs/covenant-format.md voor wat "
        "hier verwacht wordt",
        "en": "invalid value '{value}' ({detail}); see docs/covenant-format.md for what is "
        "expected here",
    },
    # cross-checks (whole file)
    "duplicate_id": {
        "nl": "id '{id}' komt meer dan eens voor in {list}{first_at}; verwacht een uniek id "
        "per element",
        "en": "id '{id}' occurs more than once in {list}{first_at}; expected a unique id per "
        "item",
    },
    "unknown_reference": {
        "nl": "onbekende {kind} '{value}'{suggest}; verwacht een van: {allowed}",
        "en": "unknown {kind} '{value}'{suggest}; expected one of: {allowed}",
    },
    "duplicate_reference": {
        "nl": "{kind} '{value}' staat meer dan eens in deze lijst{first_at}; noem elke waarde "
        "één keer",
        "en": "{kind} '{value}' occurs more than once in this list{first_at}; name each value "
        "once",
    },
    "duplicate_recipient": {
        "nl": "partner '{partner}' staat meer dan eens als ontvanger bij doel '{purpose}'"
        "{first_at}; verwacht per partner één ontvanger met één grondslag",
        "en": "partner '{partner}' is listed more than once as recipient of purpose "
        "'{purpose}'{first_at}; expected one recipient entry with one ground per partner",
    },
    "category_not_in_purpose": {
        "nl": "stap '{step}' noemt categorie '{category}', die niet bij zijn doel "
        "'{purpose}' hoort; verwacht een van de categorieën van dat doel: {allowed}",
        "en": "step '{step}' names category '{category}', which is not among the categories "
        "of its purpose '{purpose}'; expected one of: {allowed}",
    },
    "special_without_exception": {
        "nl": "categorie '{id}' bevat {kind} maar noemt geen wettelijke uitzondering; "
        "verwacht 'exception' met de bepaling die de verwerking toestaat (bijvoorbeeld "
        "'{example}')",
        "en": "category '{id}' holds {kind} but names no legal exception; expected "
        "'exception' with the provision that allows the processing (for example "
        "'{example}')",
    },
    "special_category_without_basis": {
        "nl": "partner '{partner}' krijgt categorie '{category}' zonder wettelijke grondslag "
        "(basis ontbreekt); verwacht bij elke categorie in special_categories 'category' en "
        "'basis' met de bepaling die deze partner de verwerking toestaat (bijvoorbeeld 'Wet "
        "politiegegevens art. 20' of 'BW art. 7:457 (WGBO) jo. UAVG art. 30 lid 3')",
        "en": "partner '{partner}' is given category '{category}' without a legal basis (basis "
        "missing); expected for every category in special_categories 'category' and 'basis' "
        "with the provision that allows this partner the processing (for example 'Wet "
        "politiegegevens art. 20' or 'BW art. 7:457 (WGBO) jo. UAVG art. 30 lid 3')",
    },
    "not_special_category": {
        "nl": "categorie '{category}' bevat {kind}, geen bijzondere of strafrechtelijke "
        "persoonsgegevens; verwacht in special_categories alleen categorieën van soort special "
        "of criminal ({allowed}): andere gegevens volgen de doelen en hun ontvangers, het BSN "
        "de regel van UAVG art. 46",
        "en": "category '{category}' holds {kind}, not special-category or criminal data; "
        "expected in special_categories only categories of kind special or criminal "
        "({allowed}): other data follows the purposes and their recipients, the BSN the rule "
        "of UAVG art. 46",
    },
    "special_category_without_recipient": {
        "nl": "doel '{purpose}' noemt categorie '{category}' ({kind}), maar geen van zijn "
        "ontvangers ({recipients}) mag die ontvangen; verwacht bij minstens één ontvanger "
        "deze categorie in special_categories met de grondslag, of haal de categorie uit het "
        "doel",
        "en": "purpose '{purpose}' lists category '{category}' ({kind}), but none of its "
        "recipients ({recipients}) may receive it; expected this category in "
        "special_categories, with its basis, for at least one recipient, or remove the "
        "category from the purpose",
    },
    "end_and_duration": {
        "nl": "zowel een einddatum (end) als een looptijd (duration_months) opgegeven; "
        "verwacht er één van beide",
        "en": "both an end date (end) and a duration (duration_months) are given; expected "
        "one of them",
    },
    "no_end": {
        "nl": "de looptijd van het samenwerkingsverband ontbreekt; verwacht een einddatum "
        "(end) of een looptijd in maanden (duration_months)",
        "en": "the term of the partnership is missing; expected an end date (end) or a "
        "duration in months (duration_months)",
    },
    "date_order": {
        "nl": "einddatum {end} ligt niet na de startdatum {start}; verwacht een einddatum "
        "na de start",
        "en": "end date {end} is not after start date {start}; expected an end date after "
        "the start",
    },
    "evaluation_outside_period": {
        "nl": "evaluatiedatum {date} valt buiten de looptijd ({start} tot {end}); verwacht "
        "een datum binnen de looptijd",
        "en": "evaluation date {date} lies outside the term ({start} to {end}); expected a "
        "date within the term",
    },
    "evaluation_not_sorted": {
        "nl": "evaluatiedatum {date} komt niet na de vorige ({previous}); verwacht de "
        "evaluatiedatums oplopend en zonder herhaling",
        "en": "evaluation date {date} does not come after the previous one ({previous}); "
        "expected the evaluation dates in ascending order without repeats",
    },
    "not_core_partner": {
        "nl": "{role} '{partner}' is een schilpartner; verwacht een kernpartner (kind: core)",
        "en": "{role} '{partner}' is a shell partner; expected a core partner (kind: core)",
    },
    "research_without_dpia": {
        "nl": "doel '{purpose}' is onderzoek maar heeft geen DPIA; verwacht 'dpia' met de "
        "uitkomst van of verwijzing naar de DPIA (C11)",
        "en": "purpose '{purpose}' is research but has no DPIA; expected 'dpia' with the "
        "outcome of, or a reference to, the DPIA (C11)",
    },
    "compatible_with_itself": {
        "nl": "doel '{purpose}' noemt zichzelf als verenigbaar doel; verwacht alleen andere "
        "doelen in compatible_with",
        "en": "purpose '{purpose}' names itself as compatible; expected only other purposes in "
        "compatible_with",
    },
    "unknown_rule": {
        "nl": "onbekende regel '{rule}'{suggest}; verwacht een regel uit DOMAIN.md: {allowed}",
        "en": "unknown rule '{rule}'{suggest}; expected a rule from DOMAIN.md: {allowed}",
    },
    "duplicate_article_number": {
        "nl": "artikel {number} van {document} komt ook voor als '{first}'; verwacht elk "
        "artikelnummer één keer per document",
        "en": "article {number} of {document} also occurs as '{first}'; expected each article "
        "number once per document",
    },
    "part_of_itself": {
        "nl": "artikel '{article}' noemt zichzelf in part_of; verwacht het id van het artikel "
        "waar dit lid of onderdeel bij hoort",
        "en": "article '{article}' names itself in part_of; expected the id of the article "
        "this paragraph belongs to",
    },
    "part_of_other_document": {
        "nl": "artikel '{article}' staat in {document} maar hoort volgens part_of bij "
        "'{parent}' in {parent_document}; verwacht een artikel uit hetzelfde document",
        "en": "article '{article}' is in {document} but part_of names '{parent}' in "
        "{parent_document}; expected an article of the same document",
    },
    "part_of_cycle": {
        "nl": "de part_of-keten van artikel '{article}' komt weer bij zichzelf uit; verwacht "
        "een keten die eindigt bij een artikel zonder part_of",
        "en": "the part_of chain of article '{article}' leads back to itself; expected a chain "
        "that ends at an article without part_of",
    },
    "deadline_too_long": {
        "nl": "'{key}: {value}' is langer dan de AVG toestaat (art. 12 lid 3: antwoord binnen "
        "een maand, hoogstens twee maanden verlenging); verwacht hoogstens {limit}",
        "en": "'{key}: {value}' is longer than the AVG allows (art. 12(3): answer within one "
        "month, at most two months' extension); expected at most {limit}",
    },
    "deadline_ambiguous": {
        "nl": "de termijn voor AVG-verzoeken staat zowel in maanden ({months}) als in weken "
        "({weeks}); verwacht er één van beide",
        "en": "the term for data subject requests is given both in months ({months}) and in "
        "weeks ({weeks}); expected one of them",
    },
    "deadline_missing": {
        "nl": "de termijn voor AVG-verzoeken ontbreekt; verwacht 'months' of 'weeks' (R3)",
        "en": "the term for data subject requests is missing; expected 'months' or 'weeks' (R3)",
    },
    "breach_deadline_too_long": {
        "nl": "melden aan de Autoriteit Persoonsgegevens binnen {value} uur is te laat; "
        "verwacht hoogstens 72 uur (AVG art. 33)",
        "en": "notifying the Autoriteit Persoonsgegevens within {value} hours is too late; "
        "expected at most 72 hours (AVG art. 33)",
    },
    "breach_notice_after_authority": {
        "nl": "partners horen pas binnen {value} uur van een datalek, niet eerder dan de "
        "meldtermijn aan de AP ({limit} uur); verwacht een kortere termijn, zodat elke "
        "partner zelf op tijd kan melden (B1, B2)",
        "en": "partners learn of a breach only within {value} hours, no sooner than the "
        "deadline for the AP ({limit} hours); expected a shorter term so that each partner "
        "can notify in time itself (B1, B2)",
    },
    "consent_ages_order": {
        "nl": "representatives_only_below ({below}) is hoger dan child_alone_from ({alone}); "
        "verwacht dat alleen-de-vertegenwoordiger eindigt voordat het kind alleen beslist (S6)",
        "en": "representatives_only_below ({below}) is higher than child_alone_from ({alone}); "
        "expected the representatives-only age to end before the child decides alone (S6)",
    },
}

# Optional parts of a message: placeholder -> alternatives, each (params it needs, language ->
# text). The first alternative whose params are all present is used; with none, nothing.
FRAGMENTS: dict[str, list[tuple[tuple[str, ...], dict[str, str]]]] = {
    "suggest": [
        (("suggestion",), {"nl": " (bedoelde u '{suggestion}'?)",
                           "en": " (did you mean '{suggestion}'?)"}),
    ],
    "first_at": [
        (("first", "first_line"), {"nl": " (eerder bij {first}, regel {first_line})",
                                   "en": " (earlier at {first}, line {first_line})"}),
        (("first",), {"nl": " (eerder bij {first})", "en": " (earlier at {first})"}),
    ],
    "column_part": [
        (("column",), {"nl": " in kolom {column}", "en": " in column {column}"}),
    ],
    "quote_at": [
        (("quote_line",), {"nl": "; mogelijk is het aanhalingsteken op regel {quote_line} niet "
                                 "gesloten",
                           "en": "; perhaps the quote on line {quote_line} is not closed"}),
    ],
    "value_part": [
        (("value",), {"nl": " '{value}'", "en": " '{value}'"}),
    ],
    "quote_hint": [
        (("raw",), {"nl": "; zet tekst tussen aanhalingstekens: \"{raw}\"",
                    "en": "; put text between quotes: \"{raw}\""}),
    ],
}

# Params whose values are tokens, translated through VOCAB.
_VOCAB_PARAMS = (
    "expected", "found", "kind", "role", "list", "op", "document", "parent_document",
)

VOCAB: dict[str, dict[str, str]] = {
    "nl": {
        # what is expected
        "text": "tekst",
        "identifier": "een id van kleine letters, cijfers, '-', '_' of '.', beginnend met een "
        "letter of cijfer (bijvoorbeeld 'veilig-thuis')",
        "int": "een geheel getal",
        "bool": "true of false",
        "date": "een datum als 2026-01-01 (jaar-maand-dag)",
        "list": "een lijst",
        "list_of_ids": "een lijst van id's, bijvoorbeeld [gemeente, veilig-thuis]",
        "mapping": "een mapping (sleutel: waarde)",
        "mapping_keys": "een mapping met de sleutels {keys}",
        "enum": "een van: {allowed}",
        "postal_code": "een postcode als '1234 AB'",
        "rule_id": "een regel-id uit DOMAIN.md, zoals 'S4'",
        "email": "een e-mailadres als 'privacy@voorbeeld.nl'",
        "article_number": "een artikelnummer als '6' of '6.4b' (cijfers, kleine letters en "
        "punten, beginnend met een cijfer)",
        "pattern": "tekst volgens het patroon {pattern}",
        "value": "een waarde",
        "format_one": "'format: 1' (de versie van het bestandsformaat)",
        # what was found
        "found_text": "tekst",
        "found_number": "een getal",
        "found_bool": "een ja/nee-waarde",
        "found_date": "een datum",
        "found_datetime": "een datum met tijd",
        "found_null": "niets (een lege waarde)",
        "found_list": "een lijst",
        "found_mapping": "een mapping",
        "found_other": "een onbekend soort waarde",
        # kinds of things referred to
        "partner": "partner",
        "category": "gegevenscategorie",
        "purpose": "doel",
        "article": "artikel",
        "step": "stap",
        "governance_body": "overlegorgaan",
        "special": "bijzondere persoonsgegevens (AVG art. 9)",
        "criminal": "strafrechtelijke persoonsgegevens (AVG art. 10)",
        "general": "algemene persoonsgegevens",
        "bsn": "het burgerservicenummer (UAVG art. 46)",
        "known_to_partner": "buitenkant-informatie (alleen 'bekend bij')",
        # roles
        "lead_partner": "penvoerder",
        "team_coordinator": "teamcoördinator",
        # lists
        "partners": "partners",
        "data_categories": "data_categories",
        "purposes": "purposes",
        "steps": "steps",
        "articles": "articles",
        "governance_bodies": "governance_bodies",
        # comparisons
        "ge": "minstens",
        "le": "hoogstens",
        "gt": "meer dan",
        "lt": "minder dan",
        # documents
        "covenant": "het convenant",
        "protocol": "het privacyprotocol",
        "annex": "de bijlagen",
    },
    "en": {
        "text": "text",
        "identifier": "an id of lower-case letters, digits, '-', '_' or '.', starting with a "
        "letter or digit (for example 'veilig-thuis')",
        "int": "a whole number",
        "bool": "true or false",
        "date": "a date like 2026-01-01 (year-month-day)",
        "list": "a list",
        "list_of_ids": "a list of ids, for example [gemeente, veilig-thuis]",
        "mapping": "a mapping (key: value)",
        "mapping_keys": "a mapping with the keys {keys}",
        "enum": "one of: {allowed}",
        "postal_code": "a postal code like '1234 AB'",
        "rule_id": "a rule id from DOMAIN.md, such as 'S4'",
        "email": "an e-mail address like 'privacy@example.nl'",
        "article_number": "an article number like '6' or '6.4b' (digits, lower-case letters "
        "and dots, starting with a digit)",
        "pattern": "text matching the pattern {pattern}",
        "value": "a value",
        "format_one": "'format: 1' (the version of the file format)",
        "found_text": "text",
        "found_number": "a number",
        "found_bool": "a yes/no value",
        "found_date": "a date",
        "found_datetime": "a date with a time",
        "found_null": "nothing (an empty value)",
        "found_list": "a list",
        "found_mapping": "a mapping",
        "found_other": "an unknown kind of value",
        "partner": "partner",
        "category": "data category",
        "purpose": "purpose",
        "article": "article",
        "step": "step",
        "governance_body": "governance body",
        "special": "special-category personal data (AVG art. 9)",
        "criminal": "criminal-offence personal data (AVG art. 10)",
        "general": "general personal data",
        "bsn": "the citizen service number (UAVG art. 46)",
        "known_to_partner": "'known to partner' information only",
        "lead_partner": "lead partner (penvoerder)",
        "team_coordinator": "team coordinator",
        "partners": "partners",
        "data_categories": "data_categories",
        "purposes": "purposes",
        "steps": "steps",
        "articles": "articles",
        "governance_bodies": "governance_bodies",
        "ge": "at least",
        "le": "at most",
        "gt": "more than",
        "lt": "less than",
        "covenant": "the covenant",
        "protocol": "the privacy protocol",
        "annex": "the annexes",
    },
}

# PyYAML's problems in words: a regular expression on PyYAML's English text -> language ->
# words (which may use the expression's named groups). Unknown problems are shown in English,
# followed by _YAML_ADVICE.
YAML_PROBLEMS: list[tuple[re.Pattern[str], dict[str, str]]] = [
    (re.compile(r"mapping values are not allowed here"), {
        "nl": "een dubbele punt met spatie (': ') mag hier niet; zet tekst met ': ' tussen "
        "aanhalingstekens, of controleer de inspringing",
        "en": "a colon and space (': ') is not allowed here; put text containing ': ' between "
        "quotes, or check the indentation",
    }),
    (re.compile(r"could not find expected ':'"), {
        "nl": "de dubbele punt ':' na een sleutel ontbreekt",
        "en": "the colon ':' after a key is missing",
    }),
    (re.compile(r"found unexpected end of stream"), {
        "nl": "het bestand eindigt midden in een waarde; sluit het aanhalingsteken",
        "en": "the file ends in the middle of a value; close the quote",
    }),
    (re.compile(r"expected <block end>, but found"), {
        "nl": "hier loopt een mapping of lijst niet door zoals verwacht; controleer de "
        "inspringing en of alle aanhalingstekens gesloten zijn",
        "en": "a mapping or list does not continue as expected here; check the indentation and "
        "that every quote is closed",
    }),
    (re.compile(r"expected '<document start>', but found"), {
        "nl": "de inspringing klopt niet; sleutels op het hoogste niveau beginnen in kolom 1",
        "en": "the indentation is wrong; top-level keys start in column 1",
    }),
    (re.compile(r"did not find expected key"), {
        "nl": "hier werd een sleutel verwacht; controleer de inspringing",
        "en": "a key was expected here; check the indentation",
    }),
    (re.compile(r"did not find expected '-' indicator"), {
        "nl": "hier werd een lijstelement ('- ') verwacht; controleer de inspringing",
        "en": "a list item ('- ') was expected here; check the indentation",
    }),
    (re.compile(r"expected ',' or '\]'"), {
        "nl": "een lijst tussen [ ] is niet goed gesloten; verwacht ',' of ']'",
        "en": "a list between [ ] is not closed properly; expected ',' or ']'",
    }),
    (re.compile(r"expected ',' or '\}'"), {
        "nl": "een mapping tussen {{ }} is niet goed gesloten; verwacht ',' of '}}'",
        "en": "a mapping between {{ }} is not closed properly; expected ',' or '}}'",
    }),
    (re.compile(r"found undefined alias '(?P<name>.*)'"), {
        "nl": "alias *{name} verwijst naar een anker &{name} dat (nog) niet bestaat",
        "en": "alias *{name} refers to an anchor &{name} that does not exist (yet)",
    }),
    (re.compile(r"found character '(?P<char>.*)' that cannot start any token"), {
        "nl": "het teken '{char}' kan een waarde niet beginnen; zet de waarde tussen "
        "aanhalingstekens",
        "en": "the character '{char}' cannot start a value; put the value between quotes",
    }),
]
_YAML_ADVICE = {
    "nl": "; controleer inspringing, dubbele punten en aanhalingstekens",
    "en": "; check the indentation, colons and quotes",
}
YAML_CONTEXTS: list[tuple[str, dict[str, str]]] = [
    ("while scanning a quoted scalar", {
        "nl": " (in de tekst tussen aanhalingstekens die begint op regel {context_line})",
        "en": " (in the quoted text that starts on line {context_line})",
    }),
    ("while parsing a block mapping", {
        "nl": " (in de mapping die begint op regel {context_line})",
        "en": " (in the mapping that starts on line {context_line})",
    }),
    ("while parsing a block collection", {
        "nl": " (in de lijst die begint op regel {context_line})",
        "en": " (in the list that starts on line {context_line})",
    }),
    ("while parsing a flow sequence", {
        "nl": " (in de lijst [ ] die begint op regel {context_line})",
        "en": " (in the list [ ] that starts on line {context_line})",
    }),
    ("while parsing a flow mapping", {
        "nl": " (in de mapping {{ }} die begint op regel {context_line})",
        "en": " (in the mapping {{ }} that starts on line {context_line})",
    }),
    ("", {
        "nl": " (zie ook regel {context_line})",
        "en": " (see also line {context_line})",
    }),
]


def yaml_problem(problem: str, lang: str) -> str:
    """PyYAML's description of a syntax error, in words in ``lang`` where known."""
    for pattern, texts in YAML_PROBLEMS:
        found = pattern.search(problem)
        if found:
            return _format(texts.get(lang, texts["nl"]), found.groupdict())
    return problem + _YAML_ADVICE.get(lang, _YAML_ADVICE["nl"])


def yaml_context(params: Mapping[str, str], lang: str) -> str:
    """Where the construct that failed began, when that is another line."""
    if not params.get("context_line"):
        return ""
    context = params.get("context", "")
    for prefix, texts in YAML_CONTEXTS:
        if context.startswith(prefix):
            return _format(texts.get(lang, texts["nl"]), params)
    return ""  # pragma: no cover - the "" prefix always matches


def language(lang: str | None) -> str:
    """``"en-us"``, ``"EN"``, ``"en_GB"`` -> ``"en"``; anything unknown -> ``"nl"``."""
    base = (lang or "").replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else "nl"


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def _format(template: str, params: Mapping[str, str]) -> str:
    """``template.format_map(params)``; a missing param shows as "?", a broken template as is."""
    try:
        return template.format_map(params if isinstance(params, _Params) else _Params(params))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template


def _expand(template: str, params: Mapping[str, str], lang: str) -> str:
    vocab = VOCAB.get(lang, VOCAB["nl"])
    values = _Params(params)
    for name in _VOCAB_PARAMS:
        token = params.get(name)
        if token is not None and token in vocab:
            values[name] = _format(vocab[token], params)
    for placeholder, alternatives in FRAGMENTS.items():
        values[placeholder] = ""
        for needed, texts in alternatives:
            if all(params.get(name) for name in needed):
                values[placeholder] = _format(texts.get(lang, texts["nl"]), params)
                break
    if "problem" in params:
        values["problem"] = yaml_problem(params["problem"], lang)
    values["context_part"] = yaml_context(params, lang)
    return _format(template, values)


@dataclass(frozen=True)
class CovenantIssue:
    """One problem in a covenant file: where it is and what is wrong."""

    path: str  # e.g. "purposes[2].recipients[0].partner"; "" for the whole file
    line: int | None  # 1-based line in the YAML file, when known
    code: str  # stable machine code, a key of MESSAGES
    params: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Every value on one line: an issue is shown as one line, whatever the file held.
        params = {str(k): one_line(str(v)) for k, v in self.params.items()}
        object.__setattr__(self, "params", params)  # a copy: read it, do not change it
        object.__setattr__(self, "path", one_line(self.path))

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.code, tuple(sorted(self.params.items()))))

    def message(self, lang: str = "nl") -> str:
        """One sentence: what is wrong and what is expected (``lang``: nl or en)."""
        lang = language(lang)
        templates = MESSAGES.get(self.code)
        if templates is None:
            details = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
            if lang == "en":
                return f"problem '{self.code}'" + (f" ({details})" if details else "")
            return f"probleem '{self.code}'" + (f" ({details})" if details else "")
        return _expand(templates.get(lang, templates["nl"]), self.params, lang)

    def render(self, lang: str = "nl") -> str:
        """``regel 14, purposes[2].recipients[0].partner: onbekende partner 'politi'; …``."""
        lang = language(lang)
        where = []
        if self.line is not None:
            where.append(("line " if lang == "en" else "regel ") + str(self.line))
        if self.path:
            where.append(self.path)
        prefix = ", ".join(where)
        return f"{prefix}: {self.message(lang)}" if prefix else self.message(lang)


class CovenantInvalid(Exception):
    """A covenant file that cannot be used; ``issues`` holds every problem found."""

    def __init__(self, issues: Sequence[CovenantIssue]) -> None:
        self.issues: list[CovenantIssue] = sort_issues(issues)
        lines = "\n".join(issue.render("en") for issue in self.issues)
        super().__init__(f"{len(self.issues)} problem(s) in the covenant file:\n{lines}")

    def __reduce__(self) -> tuple[type[CovenantInvalid], tuple[list[CovenantIssue]]]:
        return type(self), (self.issues,)


def sort_issues(issues: Iterable[CovenantIssue]) -> list[CovenantIssue]:
    """By line (unknown lines last), keeping the order of discovery otherwise; no repeats."""
    unique = list(dict.fromkeys(issues))
    return sorted(unique, key=lambda i: (i.line is None, i.line or 0))


class LineMap:
    """Where each value of a covenant file sits: path -> 1-based line.

    For a mapping entry the line is that of its key; for a list item, the line where the item
    starts. Asking for a path that is not in the file (a missing key, a default) gives the line
    of the nearest enclosing value that is.
    """

    def __init__(self, lines: Mapping[Path, int] | None = None,
                 raw: Mapping[Path, str] | None = None) -> None:
        self._lines: dict[Path, int] = dict(lines or {})
        self._raw: dict[Path, str] = dict(raw or {})

    def line(self, path: Sequence[PathPart]) -> int | None:
        parts = tuple(path)
        while True:
            found = self._lines.get(parts)
            if found is not None:
                return found
            if not parts:
                return None
            parts = parts[:-1]

    def exact_line(self, path: Sequence[PathPart]) -> int | None:
        return self._lines.get(tuple(path))

    def raw(self, path: Sequence[PathPart]) -> str | None:
        """The source text of a plain (unquoted) scalar at exactly this path."""
        return self._raw.get(tuple(path))

    def issue(self, path: Sequence[PathPart], code: str, **params: str) -> CovenantIssue:
        return CovenantIssue(format_path(path), self.line(path), code, params)
