"""Every reason code the decision point can give: its DOMAIN rule, and one sentence in Dutch and
English.

A code belongs to exactly one rule. ``keywords`` (Dutch, lower case) pick the article to cite
first among the articles the covenant maps to the rule (``rule_articles``): the compiler puts the
articles whose title contains the earliest keyword first, the most specific (deepest
``part_of``) before the general. So "secrecy needs consent" cites protocol 6.4b ("Uitsluitend
met uitdrukkelijke toestemming"), not the whole of 6.4. The choice is made once, when the
covenant is compiled.

Templates use ``{name}`` placeholders filled from ``Reason.params``; ids of partners, purposes,
steps and categories are replaced by their names when explained.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Code:
    rule: str
    allowed: bool
    keywords: tuple[str, ...]
    nl: str
    en: str


# When a covenant maps no article to a rule, its reasons cite the articles of the nearest rule
# it rests on: buitenkant-information is an exception to secrecy (K9 -> S4), police data is
# purpose binding under Wpg art. 20 (S11 -> S2), the age rules and consent requirements are part
# of consent under secrecy (S6 -> S5 -> S4), the minimum of good caregiving is part of the
# weighing (S8 -> S7 -> S4), copying into one's own dossier is about who keeps the dossier
# (K7 -> C5), the contributor's control is a rule of the case consultation (K5 -> K6).
RULE_FALLBACK: dict[str, str] = {
    "K9": "S4",
    "S11": "S2",
    "S6": "S5",
    "S5": "S4",
    "S8": "S7",
    "S7": "S4",
    "K7": "C5",
    "K5": "K6",
    "S13": "S1",
}

_CONSENT = ("uitdrukkelijke toestemming", "toestemming")
_WEIGHING = ("afwegingsvragen", "conflict van plichten", "afweging")
_RECORD = ("dossiervorming", "vastlegging")
_NEED = ("noodzakelijkheid", "noodzaak", "proportionaliteit")
_GROUND = ("wettelijke grondslag", "grondslag", "taak van algemeen belang")
_BINDING = ("doelbinding", "andere doel", "geen gebruik")
_SPECIAL = ("bijzondere", "soorten persoonsgegevens", "strafrechtelijk")
_AGE = ("positie van de jeugdige", "leeftijd", "jeugdige", "vertegenwoordig", *_CONSENT)
_EXCESS = ("bovenmatig", "proportionaliteit")

CODES: dict[str, Code] = {
    # --- P2, P3, P4: who may act -----------------------------------------------------------------
    "vog_invalid": Code(
        "P2", False, ("verklaring omtrent gedrag",),
        "Toegang mag niet: er is geen geldige VOG van hooguit drie jaar oud",
        "Access refused: there is no valid certificate of good conduct (VOG) of at most three "
        "years old",
    ),
    "declaration_missing": Code(
        "P3", False, ("geheimhoudingsplicht", "geheimhouding"),
        "Toegang mag niet: medewerkers van een schilpartner tekenen eerst een "
        "geheimhoudingsverklaring",
        "Access refused: staff of a shell partner first sign a confidentiality declaration",
    ),
    "vog_valid": Code(
        "P2", True, ("verklaring omtrent gedrag",),
        "De medewerker heeft een geldige VOG",
        "The professional holds a valid certificate of good conduct (VOG)",
    ),
    "declaration_signed": Code(
        "P3", True, ("geheimhoudingsplicht", "geheimhouding"),
        "De medewerker van de schilpartner heeft de geheimhoudingsverklaring getekend",
        "The shell partner's professional signed the confidentiality declaration",
    ),
    "no_client_role": Code(
        "P5", False, ("toegang",),
        "Mag niet: uw rol (zoals beheerder of teamcoördinator) geeft geen toegang tot "
        "gegevens van cliënten",
        "Refused: your role (such as administrator or team coordinator) gives no access to "
        "clients' data",
    ),
    "not_involved": Code(
        "P4", False, ("toegang", "proportionaliteit"),
        "Mag niet: alleen wie een directe rol heeft in de casus ziet deze gegevens "
        "(need to know)",
        "Refused: only those with a direct role in the case see this data (need to know)",
    ),
    "informant_own_data_only": Code(
        "P4", False, ("toegang", "proportionaliteit"),
        "Mag niet: een informant geeft alleen de eigen informatie en ziet verder niets",
        "Refused: an informant gives its own information and sees nothing else",
    ),
    "erase_not_allowed": Code(
        "P4", False, ("toegang", "opslag"),
        "Wissen mag niet: alleen de casushouder of privacy officer van de partner die de "
        "gegevens beheert, wist ze",
        "Erasure refused: only the case holder or privacy officer of the partner that controls "
        "the data erases it",
    ),
    "involved": Code(
        "P4", True, ("toegang", "proportionaliteit"),
        "Mag: de medewerker heeft een rol in de casus of legt eigen gegevens vast",
        "Allowed: the professional has a role in the case or records its own data",
    ),
    # --- S1: purpose, ground, necessity ----------------------------------------------------------
    "unknown_partner": Code(
        "S1", False, _GROUND,
        "Mag niet: partner '{partner}' staat niet in het convenant",
        "Refused: partner '{partner}' is not in the covenant",
    ),
    "unknown_purpose": Code(
        "S1", False, ("doel", *_NEED),
        "Mag niet: doel '{purpose}' staat niet in het convenant",
        "Refused: purpose '{purpose}' is not in the covenant",
    ),
    "unknown_category": Code(
        "S1", False, _NEED,
        "Mag niet: gegevenscategorie {categories} staat niet in het convenant",
        "Refused: data category {categories} is not in the covenant",
    ),
    "unknown_action": Code(
        "S1", False, _NEED,
        "Mag niet: '{action}' is geen bekende verwerking",
        "Refused: '{action}' is not a known processing",
    ),
    "no_categories": Code(
        "S1", False, _NEED,
        "Mag niet: noem welke gegevens het betreft, zodat de noodzaak kan worden getoetst",
        "Refused: name which data it concerns, so its necessity can be checked",
    ),
    "unknown_step": Code(
        "S1", False, _NEED,
        "Mag niet: stap '{step}' staat niet in het werkproces van het convenant",
        "Refused: step '{step}' is not in the covenant's work process",
    ),
    "ground_missing": Code(
        "S1", False, _GROUND,
        "Mag niet: er is geen grondslag opgegeven",
        "Refused: no legal ground is given",
    ),
    "unknown_ground": Code(
        "S1", False, _GROUND,
        "Mag niet: '{ground}' is geen grondslag uit AVG art. 6 lid 1",
        "Refused: '{ground}' is not a ground of GDPR art. 6(1)",
    ),
    "partner_not_in_purpose": Code(
        "S1", False, _GROUND,
        "Mag niet: {partner} heeft voor het doel {purpose} geen grondslag in het convenant",
        "Refused: {partner} has no ground in the covenant for the purpose {purpose}",
    ),
    "ground_mismatch": Code(
        "S1", False, _GROUND,
        "Mag niet: voor dit doel verwerkt deze partner op grondslag {expected}, niet {ground}",
        "Refused: for this purpose this partner processes on ground {expected}, not {ground}",
    ),
    "category_not_in_purpose": Code(
        "S1", False, _NEED,
        "Mag niet: {categories} hoort niet bij het doel {purpose} (niet meer gegevens dan nodig)",
        "Refused: {categories} is not part of the purpose {purpose} (no more data than needed)",
    ),
    "step_not_in_purpose": Code(
        "S1", False, _NEED,
        "Mag niet: stap {step} hoort niet bij het doel {purpose}",
        "Refused: step {step} does not belong to the purpose {purpose}",
    ),
    "category_not_in_step_record": Code(
        "S1", False, _NEED,
        "Vastleggen mag niet: in de stap {step} wordt {categories} niet vastgelegd",
        "Recording refused: the step {step} does not record {categories}",
    ),
    "category_not_in_step_share": Code(
        "S1", False, _NEED,
        "Delen mag niet: in de stap {step} wordt {categories} niet gedeeld",
        "Sharing refused: the step {step} does not share {categories}",
    ),
    "category_not_in_step": Code(
        "S1", False, _NEED,
        "Inzien mag niet: {categories} wordt in de stap {step} niet vastgelegd of gedeeld",
        "Viewing refused: {categories} is neither recorded nor shared in the step {step}",
    ),
    "purpose_and_ground": Code(
        "S1", True, _GROUND,
        "Mag: het doel staat in het convenant, de partner heeft er een grondslag voor en de "
        "gegevens horen bij het doel",
        "Allowed: the purpose is in the covenant, the partner has a ground for it and the data "
        "belongs to the purpose",
    ),
    # --- S2: purpose binding ---------------------------------------------------------------------
    "incompatible_purpose": Code(
        "S2", False, _BINDING,
        "Mag niet: gegevens verkregen voor {origin} worden niet gebruikt voor {purpose}; het "
        "convenant noemt die doelen niet verenigbaar",
        "Refused: data obtained for {origin} is not used for {purpose}; the covenant does not "
        "list these purposes as compatible",
    ),
    "compatible_purpose": Code(
        "S2", True, _BINDING,
        "Mag: {purpose} mag volgens het convenant gegevens gebruiken die voor {origin} zijn "
        "verkregen",
        "Allowed: by the covenant, {purpose} may use data obtained for {origin}",
    ),
    # --- S3: special, criminal, BSN --------------------------------------------------------------
    "no_legal_exception": Code(
        "S3", False, _SPECIAL,
        "Mag niet: voor {categories} noemt het convenant geen wettelijke uitzondering",
        "Refused: the covenant names no legal exception for {categories}",
    ),
    "special_not_in_purpose": Code(
        "S3", False, _SPECIAL,
        "Mag niet: bijzondere of strafrechtelijke gegevens ({categories}) horen niet bij het "
        "doel {purpose}",
        "Refused: special-category or criminal data ({categories}) is not part of the purpose "
        "{purpose}",
    ),
    "bsn_not_in_purpose": Code(
        "S3", False, _SPECIAL,
        "Mag niet: het BSN wordt voor het doel {purpose} niet gebruikt",
        "Refused: the citizen service number is not used for the purpose {purpose}",
    ),
    "special_not_for_recipient": Code(
        "S3", False, ("casuïstiek", *_SPECIAL),
        "Mag niet: {partner} mag volgens het convenant geen {categories} ontvangen of "
        "vastleggen; een afweging of toestemming geeft daarvoor geen grondslag",
        "Refused: by the covenant, {partner} may not receive or hold {categories}; a weighing "
        "or consent gives no ground for that",
    ),
    "special_for_recipient": Code(
        "S3", True, ("casuïstiek", *_SPECIAL),
        "Mag: wie deze bijzondere of strafrechtelijke gegevens ontvangt of vastlegt, mag ze "
        "volgens het convenant verwerken voor zijn wettelijke taak",
        "Allowed: whoever receives or records this special-category or criminal data may "
        "process it for its statutory task by the covenant",
    ),
    "special_exception": Code(
        "S3", True, _SPECIAL,
        "Mag: voor deze bijzondere, strafrechtelijke of BSN-gegevens noemt het convenant de "
        "wettelijke uitzondering",
        "Allowed: the covenant names the legal exception for this special-category, criminal or "
        "BSN data",
    ),
    # --- S4: secrecy -----------------------------------------------------------------------------
    "secrecy_needs_consent": Code(
        "S4", False, _CONSENT,
        "Delen mag niet: gegevens onder beroepsgeheim vragen toestemming",
        "Sharing refused: data under professional secrecy needs consent",
    ),
    "secrecy_consent": Code(
        "S4", True, _CONSENT,
        "Delen mag: er is uitdrukkelijke toestemming voor dit doel, deze gegevens en deze "
        "ontvanger",
        "Sharing allowed: there is explicit consent for this purpose, this data and this "
        "recipient",
    ),
    "secrecy_legal_duty": Code(
        "S4", True, ("wet", "doorbrek", "geheim"),
        "Delen mag: een wettelijke plicht of bevoegdheid ({duty}) doorbreekt het beroepsgeheim",
        "Sharing allowed: a legal duty or power ({duty}) overrides professional secrecy",
    ),
    "secrecy_justification": Code(
        "S4", True, _WEIGHING,
        "Delen mag zonder toestemming: de afweging bij conflict van plichten of vitaal belang "
        "is vastgelegd",
        "Sharing allowed without consent: the weighing for a conflict of duties or vital "
        "interest is on record",
    ),
    # --- S5: consent requirements ----------------------------------------------------------------
    "consent_valid": Code(
        "S5", True, _CONSENT,
        "Toestemming {consent} is uitdrukkelijk, specifiek, schriftelijk vastgelegd en niet "
        "ingetrokken",
        "Consent {consent} is explicit, specific, recorded in writing and not withdrawn",
    ),
    "consent_other_subject": Code(
        "S5", False, _CONSENT,
        "Toestemming {consent} gaat over iemand anders",
        "Consent {consent} is about someone else",
    ),
    "consent_other_purpose": Code(
        "S5", False, ("gerichtheid", *_CONSENT),
        "Toestemming {consent} geldt voor een ander doel ({origin}), niet voor {purpose}",
        "Consent {consent} is for another purpose ({origin}), not for {purpose}",
    ),
    "consent_categories_missing": Code(
        "S5", False, ("gerichtheid", *_CONSENT),
        "Toestemming {consent} dekt {categories} niet",
        "Consent {consent} does not cover {categories}",
    ),
    "consent_recipient_missing": Code(
        "S5", False, ("gerichtheid", *_CONSENT),
        "Toestemming {consent} noemt {recipient} niet als ontvanger",
        "Consent {consent} does not name {recipient} as recipient",
    ),
    "consent_not_yet_valid": Code(
        "S5", False, _CONSENT,
        "Toestemming {consent} geldt pas vanaf {date}",
        "Consent {consent} applies only from {date}",
    ),
    "consent_expired": Code(
        "S5", False, _CONSENT,
        "Toestemming {consent} is verlopen op {date}",
        "Consent {consent} expired on {date}",
    ),
    "consent_withdrawn": Code(
        "S5", False, ("gevolg van intrekking", "intrekking"),
        "Delen mag niet meer: toestemming {consent} is ingetrokken op {date}",
        "Sharing no longer allowed: consent {consent} was withdrawn on {date}",
    ),
    "consent_not_written": Code(
        "S5", False, ("schriftelijk", *_CONSENT),
        "Toestemming {consent} is niet schriftelijk vastgelegd",
        "Consent {consent} is not recorded in writing",
    ),
    "consent_not_active": Code(
        "S5", False, ("actieve handeling", "uitdrukkelijk", *_CONSENT),
        "Toestemming {consent} blijkt niet uit een actieve handeling",
        "Consent {consent} was not given by an active act",
    ),
    # --- S6: age ---------------------------------------------------------------------------------
    "consent_by_representative": Code(
        "S6", True, _AGE,
        "De betrokkene is {age} jaar: de wettelijk vertegenwoordiger heeft toestemming gegeven",
        "The subject is {age}: the legal representative gave consent",
    ),
    "consent_by_child_and_representative": Code(
        "S6", True, _AGE,
        "De betrokkene is {age} jaar: de jeugdige en de wettelijk vertegenwoordiger hebben "
        "beiden toestemming gegeven",
        "The subject is {age}: both the young person and the legal representative consented",
    ),
    "consent_by_subject": Code(
        "S6", True, _AGE,
        "De betrokkene is {age} jaar en heeft zelf toestemming gegeven",
        "The subject is {age} and consented personally",
    ),
    "consent_needs_representative": Code(
        "S6", False, _AGE,
        "Toestemming {consent} telt niet: de betrokkene is {age} jaar, dus de wettelijk "
        "vertegenwoordiger geeft toestemming",
        "Consent {consent} does not count: the subject is {age}, so the legal representative "
        "consents",
    ),
    "consent_needs_child_and_representative": Code(
        "S6", False, _AGE,
        "Toestemming {consent} telt niet: de betrokkene is {age} jaar, dus zowel de jeugdige "
        "als de wettelijk vertegenwoordiger stemmen in",
        "Consent {consent} does not count: the subject is {age}, so both the young person and "
        "the legal representative consent",
    ),
    "consent_needs_subject": Code(
        "S6", False, _AGE,
        "Toestemming {consent} telt niet: de betrokkene is {age} jaar en beslist zelf",
        "Consent {consent} does not count: the subject is {age} and decides personally",
    ),
    # --- S7: no-consent weighing -----------------------------------------------------------------
    "weighing_recorded": Code(
        "S7", True, _WEIGHING,
        "De afweging zonder toestemming is volledig vastgelegd (vragen a tot en met h, "
        "functionaris, reden, ontvangers, gegevens, informeren)",
        "The no-consent weighing is fully on record (questions a to h, functionary, reason, "
        "recipients, data, informing)",
    ),
    "justification_incomplete": Code(
        "S7", False, _WEIGHING,
        "Delen zonder toestemming mag niet: de afweging is onvolledig ({missing} ontbreekt)",
        "Sharing without consent refused: the weighing is incomplete ({missing} missing)",
    ),
    "justification_kind_unknown": Code(
        "S7", False, _WEIGHING,
        "Delen zonder toestemming mag niet: '{kind}' is geen conflict van plichten, vitaal "
        "belang of wettelijke plicht",
        "Sharing without consent refused: '{kind}' is not a conflict of duties, vital interest "
        "or legal duty",
    ),
    "vital_motivation_missing": Code(
        "S7", False, ("vitaal", *_WEIGHING),
        "Delen op grond van vitaal belang mag niet: de extra zware motivering van een zeer "
        "ernstige situatie ontbreekt",
        "Sharing on vital interest refused: the extra heavy motivation of a very serious "
        "situation is missing",
    ),
    "justification_recipient_missing": Code(
        "S7", False, _RECORD + _WEIGHING,
        "Delen zonder toestemming mag niet: de vastgelegde afweging noemt {recipient} niet",
        "Sharing without consent refused: the recorded weighing does not name {recipient}",
    ),
    "justification_categories_missing": Code(
        "S7", False, _RECORD + _WEIGHING,
        "Delen zonder toestemming mag niet: de vastgelegde afweging dekt {categories} niet",
        "Sharing without consent refused: the recorded weighing does not cover {categories}",
    ),
    "inform_not_planned": Code(
        "S7", False, (*_RECORD, "informeren", *_WEIGHING),
        "Delen zonder toestemming mag niet: leg vast of en wanneer de cliënt wordt "
        "geïnformeerd",
        "Sharing without consent refused: record whether and when the client is informed",
    ),
    "inform_date_past": Code(
        "S7", False, (*_RECORD, "informeren", *_WEIGHING),
        "Delen zonder toestemming mag niet: de cliënt zou uiterlijk {date} worden "
        "geïnformeerd en dat is niet vastgelegd",
        "Sharing without consent refused: the client was to be informed by {date} and that is "
        "not on record",
    ),
    # --- S8: good caregiving: as little as possible ----------------------------------------------
    "beyond_minimum": Code(
        "S8", False, ("zo min mogelijk", "zo weinig", "goed hulpverlenerschap", "conflict"),
        "Delen mag niet: bij goed hulpverlenerschap zonder andere grond wordt zo weinig mogelijk "
        "gedeeld, en de afweging noemt {categories} niet",
        "Sharing refused: with good caregiving as the only ground as little as possible is "
        "shared, and the weighing does not name {categories}",
    ),
    "minimal_sharing": Code(
        "S8", True, ("zo min mogelijk", "zo weinig", "goed hulpverlenerschap", "conflict"),
        "Alleen de gegevens uit de afweging worden gedeeld (zo weinig mogelijk)",
        "Only the data named in the weighing is shared (as little as possible)",
    ),
    # --- S9: no more partners than needed --------------------------------------------------------
    "recipient_missing": Code(
        "S9", False, _EXCESS,
        "Mag niet: noem de ontvangende partner",
        "Refused: name the receiving partner",
    ),
    "recipient_not_in_purpose": Code(
        "S9", False, _EXCESS,
        "Delen mag niet: {recipient} draagt volgens het convenant niet bij aan het doel "
        "{purpose}",
        "Sharing refused: by the covenant, {recipient} does not contribute to the purpose "
        "{purpose}",
    ),
    "recipient_in_purpose": Code(
        "S9", True, _EXCESS,
        "Mag: de ontvanger draagt bij aan het doel en heeft er een grondslag voor",
        "Allowed: the recipient contributes to the purpose and has a ground for it",
    ),
    # --- S11: police data ------------------------------------------------------------------------
    "police_purpose_bound": Code(
        "S11", False, _BINDING,
        "Mag niet: politiegegevens zijn verstrekt voor {origin} en worden alleen daarvoor "
        "gebruikt, niet voor {purpose} (Wpg art. 20)",
        "Refused: police data was provided for {origin} and is used only for that, not for "
        "{purpose} (Wpg art. 20)",
    ),
    "police_purpose_kept": Code(
        "S11", True, _BINDING,
        "Mag: politiegegevens worden gebruikt voor het doel waarvoor de politie ze verstrekte; "
        "de geheimhouding gaat mee",
        "Allowed: police data is used for the purpose the police provided it for; its secrecy "
        "passes on",
    ),
    # --- K5, K7, K9 ------------------------------------------------------------------------------
    "contributor_permission_missing": Code(
        "K5", False, ("spelregels", "inbreng", "casusoverleg"),
        "Mag niet: {contributor} bracht deze gegevens in en heeft niet ingestemd met dit gebruik",
        "Refused: {contributor} contributed this data and has not agreed to this use",
    ),
    "contributor_permission": Code(
        "K5", True, ("spelregels", "inbreng", "casusoverleg"),
        "Mag: {contributor} die de gegevens inbracht, stemt in met dit gebruik",
        "Allowed: {contributor}, who contributed the data, agrees to this use",
    ),
    "copy_not_informed": Code(
        "K7", False, ("eigen dossier", "opslag", "dossier"),
        "Opnemen in het eigen dossier mag niet: informeer eerst de betrokkene",
        "Copying into the own dossier refused: first inform the subject",
    ),
    "copy_needs_consent": Code(
        "K7", False, ("eigen dossier", "opslag", "dossier"),
        "Opnemen in het eigen dossier mag niet: daarvoor is toestemming van de betrokkene nodig",
        "Copying into the own dossier refused: it needs the subject's consent",
    ),
    "copy_by_dossier_holder": Code(
        "K7", True, ("eigen dossier", "opslag", "dossier"),
        "Mag: de partner van de casusregisseur houdt het dossier",
        "Allowed: the case director's partner keeps the dossier",
    ),
    "copy_informed": Code(
        "K7", True, ("eigen dossier", "opslag", "dossier"),
        "Mag: de betrokkene is geïnformeerd over opname in het eigen dossier",
        "Allowed: the subject was informed of the copy into the own dossier",
    ),
    "known_to_partner_weighing_missing": Code(
        "K9", False, ("conflict van plichten", "afweging"),
        "Delen van buitenkant-informatie zonder toestemming mag alleen na een afweging: leg vast "
        "waarom toestemming niet kan en beantwoord de vragen b tot en met e ({missing} ontbreekt)",
        "Sharing 'known to us' information without consent needs a weighing: record why consent "
        "is not possible and answer questions b to e ({missing} missing)",
    ),
    "known_to_partner_only": Code(
        "K9", True, ("conflict van plichten", "afweging"),
        "Delen mag bij uitzondering zonder toestemming: het gaat alleen om buitenkant-informatie "
        "en de afweging is vastgelegd",
        "Sharing allowed by exception without consent: it is only 'known to us' information and "
        "the weighing is on record",
    ),
    # --- V4 --------------------------------------------------------------------------------------
    "disclosure_logged": Code(
        "V4", True, ("verstrek", "vastleg"),
        "Deze verstrekking wordt vastgelegd, zodat de betrokkene kan nagaan wie wat ontving",
        "This disclosure is recorded, so the subject can learn who received what",
    ),
}

# Conditions attached to an allowed decision.
CONDITIONS: dict[str, tuple[str, str]] = {
    "inform_client": (
        "Informeer de cliënt achteraf over de verstrekking, uiterlijk op {due}",
        "Inform the client of the disclosure afterwards, by {due} at the latest",
    ),
    "client_informed": (
        "De cliënt is op {due} over de verstrekking geïnformeerd; leg dat vast bij de "
        "verstrekking",
        "The client was informed of the disclosure on {due}; record that with the disclosure",
    ),
}
