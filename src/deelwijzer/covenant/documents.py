"""Render the covenant, the privacy protocol and the client leaflet from the covenant data (C7).

One covenant file yields three documents: the samenwerkingsovereenkomst and the privacyprotocol
that the partners sign, and the client leaflet (folder, T2) in plain Dutch at level B1.

Each document is first built as a small, format-neutral model (headings, paragraphs, lists,
tables, articles, signature blocks) from the pydantic ``Covenant``. That one model is rendered

* to HTML with Django's template engine (autoescaped: every value from the covenant is user
  data), with an inline print stylesheet, so the HTML is a complete standalone document;
* to PDF by WeasyPrint from that same HTML (A4, running header, "pagina X van Y"), with a URL
  fetcher that refuses everything except ``data:`` URLs, so rendering never touches the network;
* to DOCX by python-docx, with real Word headings per article, tables for the generated
  sections and header/footer with version and status, so legal teams can edit it.

The article texts are Dutch as written in the covenant; ``lang="en"`` (HTML only) translates the
generated headings, labels and sentences.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from django.template.loader import render_to_string

from deelwijzer.covenant.schema import (
    Article,
    AvgGround,
    CategoryKind,
    Covenant,
    GovernanceLevel,
    Partner,
    PartnerKind,
    Sensitivity,
)
from deelwijzer.covenant.schema import DocumentKind as ArticleDocument

if TYPE_CHECKING:
    from weasyprint.document import Document as WeasyDocument

__all__ = [
    "DocumentKind",
    "filename",
    "layout_pdf",
    "render_docx",
    "render_html",
    "render_pdf",
]


class DocumentKind(StrEnum):
    """The documents rendered from a covenant."""

    COVENANT = "covenant"  # samenwerkingsovereenkomst / convenant
    PROTOCOL = "protocol"  # privacyprotocol
    LEAFLET = "leaflet"  # client leaflet (folder), plain Dutch B1


LANGUAGES = ("nl", "en")
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "covenant" / "documents"
_FILE_SLUGS = {
    DocumentKind.COVENANT: "convenant",
    DocumentKind.PROTOCOL: "privacyprotocol",
    DocumentKind.LEAFLET: "folder",
}
AP_NAME = "Autoriteit Persoonsgegevens"
AP_SITE = "www.autoriteitpersoonsgegevens.nl"

# --- the generated words ------------------------------------------------------------------
# Headings, labels and generated sentences, per language. Covenant content (names, article
# texts, descriptions) is never translated.

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "title.covenant": "Samenwerkingsovereenkomst",
        "title.protocol": "Privacyprotocol",
        "title.leaflet": "Wat gebeurt er met je gegevens?",
        "subtitle.protocol": "Bijlage bij de samenwerkingsovereenkomst van {name}",
        "subtitle.leaflet": "Informatie voor kinderen, jongeren en ouders van {name}",
        "version": "Versie",
        "version_short": "versie {version}",
        "status": "Status",
        "draft_mark": "CONCEPT",
        "page": "pagina",
        "of": "van",
        "article": "Artikel",
        "ref.covenant": "art. {number} samenwerkingsovereenkomst",
        "ref.protocol": "art. {number} privacyprotocol",
        "ref.annex": "bijlage {number}",
        "none": "geen",
        "not_recorded": "niet vastgelegd",
        # parties
        "h.parties": "Partijen",
        "party": (
            ", gevestigd aan {street}, {postal_code} {city}, in deze rechtsgeldig "
            "vertegenwoordigd door {signatory}, {function}"
        ),
        "party.alias": ", verder te noemen: ‘{alias}’",
        "party.kind": " ({kind})",
        "party.end": ";",
        "parties.together": (
            "hierna gezamenlijk te noemen ‘Partners’ en elk afzonderlijk ‘Partner’,"
        ),
        "kind.core": "kernpartner",
        "kind.shell": "schilpartner",
        # considerations
        "h.considerations": "Overwegende dat",
        "c.partnership": "Partners samenwerken in {name} in {region};",
        "the_region": "de regio {region}",
        "c.purpose": "Partners het gemeenschappelijke doel ‘{name}’ nastreven: {description};",
        "c.tasks": "{partner} daarbij handelt vanuit de eigen wettelijke taak: {tasks};",
        "c.task": "{description} ({basis})",
        "c.controllers": (
            "Partners ieder zelfstandig verwerkingsverantwoordelijke zijn in de zin van de AVG "
            "en ieder gebonden blijven aan de eigen wettelijke kaders en geheimhoudingsplichten;"
        ),
        "c.no_joint_dossier": (
            "er geen gezamenlijk dossier is: de Partner die de casusregisseur levert, houdt het "
            "dossier;"
        ),
        "c.joint_dossier": "Partners een gezamenlijk dossier voeren;",
        "c.protection": (
            "Partners het belangrijk vinden dat de rechtsbescherming van kinderen en volwassenen "
            "goed wordt geborgd;"
        ),
        "c.protocol": (
            "Partners de afspraken over het verwerken van persoonsgegevens vastleggen in het "
            "Privacyprotocol, dat bij deze overeenkomst hoort;"
        ),
        "agree": "komen het volgende overeen:",
        "pc.exchange": (
            "voor de samenwerking in {name}, zoals omschreven in de samenwerkingsovereenkomst, "
            "uitwisseling van persoonsgegevens noodzakelijk is;"
        ),
        "pc.exchange_special": (
            "voor de samenwerking in {name}, zoals omschreven in de samenwerkingsovereenkomst, "
            "uitwisseling van persoonsgegevens, waaronder bijzondere persoonsgegevens, "
            "noodzakelijk is;"
        ),
        "pc.law": (
            "Partners dit doen binnen de kaders van de (Uitvoeringswet) Algemene Verordening "
            "Gegevensbescherming ((U)AVG) en de wetten die hun wettelijke taken regelen;"
        ),
        "pc.controllers": (
            "Partners ieder zelfstandig verwerkingsverantwoordelijke zijn in de zin van artikel "
            "24 AVG;"
        ),
        "pc.ground": (
            "gegevensverwerking alleen mogelijk is als daarvoor een grondslag bestaat als bedoeld "
            "in artikel 6 AVG;"
        ),
        "pc.secrecy": (
            "Partners gebonden zijn aan verschillende geheimhoudingsplichten en professionele "
            "standaarden, waaronder: {regimes};"
        ),
        "pc.responsible": (
            "Partners ieder voor zich verantwoordelijk zijn om aan deze wet- en regelgeving te "
            "voldoen;"
        ),
        # articles
        "h.articles": "Bepalingen",
        "h.annexes": "Bijlagen",
        "annex": "Bijlage",
        # partnership data
        "h.partnership": "Gegevens van het samenwerkingsverband",
        "p.partnership_intro": (
            "Dit deel is gegenereerd uit de convenantgegevens en maakt deel uit van deze "
            "overeenkomst."
        ),
        "name": "Naam",
        "region": "Regio",
        "lead_partner": "Penvoerder",
        "team_coordinator": "Teamcoördinator",
        "start": "Ingangsdatum",
        "end": "Einddatum",
        "duration": "Looptijd",
        "duration_value": "{months} (tot en met {end})",
        "open_ended": "onbepaalde tijd",
        "evaluations": "Evaluatiemomenten",
        "joint_dossier": "Gezamenlijk dossier",
        "joint_dossier.no": "nee: de Partner die de casusregisseur levert, houdt het dossier",
        "joint_dossier.yes": "ja",
        "case_criteria": "Casuscriteria",
        "h.partners": "Partners",
        "partner": "Partner",
        "kind": "Soort",
        "controller": "Verwerkingsverantwoordelijke",
        "signatory": "Vertegenwoordigd door",
        "h.governance": "Overlegorganen",
        "body": "Orgaan",
        "level": "Niveau",
        "members": "Leden",
        "tasks": "Taken",
        "level.strategic": "strategisch",
        "level.tactical": "tactisch",
        "level.operational": "operationeel",
        "h.accession": "Toetreding",
        "accession.open": "Open voor toetreding",
        "accession.open_after": "Open voor toetreding, na de evaluatie van {date}",
        "accession.closed": "Niet open voor toetreding",
        "conditions": "Voorwaarden",
        "articles": "Artikelen",
        "h.termination": "Beëindiging",
        "notice": "Opzegtermijn",
        "arrangement": "Regeling",
        "h.disputes": "Geschillen",
        "procedure": "Procedure",
        # signatures
        "h.signatures": "Ondertekening",
        "signatures.intro": (
            "Aldus overeengekomen en ondertekend door de Partners, in zoveel exemplaren als er "
            "Partners zijn."
        ),
        "sig_name": "Naam",
        "sig_function": "Functie",
        "sig_place": "Plaats",
        "sig_date": "Datum",
        "sig_signature": "Handtekening",
        # protocol tables
        "h.protocol_partners": "Partners: wettelijke taken, grondslagen en contact",
        "statutory_tasks": "Wettelijke taken",
        "avg_ground": "Grondslag (AVG art. 6)",
        "secrecy": "Geheimhoudingsplicht",
        "special_categories": "Bijzondere en strafrechtelijke gegevens",
        "special_none": "Geen: deze partner ontvangt geen bijzondere of strafrechtelijke "
        "persoonsgegevens",
        "retention": "Bewaartermijnen",
        "retention_value": "{applies_to}: {years} ({basis})",
        "privacy_contact": "Privacycontactpersoon",
        "complaint_procedure": "Klachtenregeling",
        "h.categories": "Categorieën persoonsgegevens",
        "category": "Categorie",
        "sensitivity": "Gevoeligheid",
        "exception": "Wettelijke uitzondering",
        "h.purposes": "Doelen en ontvangers",
        "recipient": "Ontvanger",
        "ground": "Grondslag",
        "basis": "Wettelijke basis",
        "categories": "Gegevenscategorieën",
        "compatible": "Verenigbare doelen",
        "research": "Onderzoek",
        "research.yes": "ja, met DPIA: {dpia}",
        "h.steps": "Werkproces",
        "p.steps": (
            "Per stap van het werkproces staan hieronder het doel en de activiteiten, en daarna "
            "de categorieën persoonsgegevens die nodig zijn om vast te leggen en te delen."
        ),
        "step": "Stap",
        "h.matrix": "Gegevens per stap",
        "p.matrix": (
            "V: vastleggen, D: delen. De kolommen volgen de nummers van de stappen hierboven."
        ),
        "mark.record": "V",
        "mark.share": "D",
        "purpose": "Doel",
        "activities": "Activiteiten",
        "h.consent": "Toestemming en leeftijd",
        "age": "Leeftijd",
        "who_decides": "Wie geeft toestemming en oefent de rechten uit",
        "age.below": "jonger dan {age} jaar",
        "age.between": "{low} tot en met {high} jaar",
        "age.from": "{age} jaar en ouder",
        "who.representatives": "de wettelijk vertegenwoordiger(s)",
        "who.both": "de jeugdige én de wettelijk vertegenwoordiger(s) (dubbele toestemming)",
        "who.child": "de jeugdige zelf",
        "consent.form": "Vorm",
        "consent.form_written": (
            "uitdrukkelijk, specifiek (doel, gegevens en ontvangers), geïnformeerd en door een "
            "actieve handeling; schriftelijk vastgelegd door de partner die de toestemming "
            "verkreeg"
        ),
        "consent.form_unwritten": (
            "uitdrukkelijk, specifiek (doel, gegevens en ontvangers), geïnformeerd en door een "
            "actieve handeling; vastgelegd door de partner die de toestemming verkreeg"
        ),
        "consent.withdraw": "Intrekking",
        "consent.withdraw_value": (
            "altijd mogelijk; na intrekking vinden geen verdere verstrekkingen plaats"
        ),
        "h.deadlines": "Termijnen",
        "deadline.subject": "Onderwerp",
        "deadline.term": "Termijn",
        "deadline.rights": (
            "Verzoek van een betrokkene (inzage, rectificatie, wissing, beperking, "
            "overdraagbaarheid)"
        ),
        "deadline.rights_value": "binnen {term} na ontvangst",
        "deadline.extension": (
            "; bij complexe verzoeken te verlengen met {extension}, mits de betrokkene binnen "
            "{term} over de verlenging wordt geïnformeerd"
        ),
        "deadline.objection": "Bezwaar",
        "deadline.objection_value": "beslissing binnen {term}",
        "deadline.breach_partners": "Datalek: melding aan de andere partners",
        "deadline.breach_partners_value": "zo spoedig mogelijk, uiterlijk binnen {hours} uur",
        "deadline.breach_ap": "Datalek: melding aan de Autoriteit Persoonsgegevens",
        "deadline.breach_ap_value": (
            "waar nodig binnen {hours} uur na ontdekking (AVG art. 33); elke partner beslist "
            "zelf voor de eigen verwerkingen"
        ),
        "deadline.support": "Onafhankelijke cliëntondersteuning",
        "deadline.support_value": (
            "betrokkenen worden gewezen op hun recht op onafhankelijke cliëntondersteuning "
            "(Wmo 2015 art. 2.2.4 lid 1 sub a)"
        ),
        # leaflet (B1, "je")
        "l.intro1": "{name} is een samenwerking van organisaties in {region}.",
        "l.intro2": "We werken samen om jou en je gezin goed te helpen.",
        "l.intro3": "Daarvoor delen we soms gegevens over jou en je gezin.",
        "l.intro4": "In deze folder lees je hoe we dat doen.",
        "l.h.why": "Waarom delen wij gegevens?",
        "l.why1": "We delen gegevens alleen als dat nodig is voor een van deze doelen:",
        "l.why2": "We delen niet meer dan nodig is.",
        "l.why3": "We gebruiken je gegevens niet voor iets anders.",
        "l.h.what": "Welke gegevens?",
        "l.what1": "Het gaat om deze gegevens:",
        "l.what_special": "Sommige gegevens zijn extra gevoelig. Daar zijn we extra zuinig op.",
        "l.what_known": "Soms vertellen we alleen dat we je kennen. Meer niet.",
        "l.h.who": "Met wie?",
        "l.who_core": "Deze organisaties werken samen:",
        "l.who_shell1": "Soms doet er ook een andere organisatie mee.",
        "l.who_shell2": "Dat gebeurt alleen als het nodig is voor jouw situatie. Het gaat om:",
        "l.who_own": "Elke organisatie is zelf verantwoordelijk voor jouw gegevens.",
        "l.who_dossier": "Je dossier ligt bij de organisatie van je vaste hulpverlener.",
        "l.who_need": "Alleen mensen die jou helpen, mogen je gegevens zien.",
        "l.h.consent": "Wie beslist over het delen?",
        "l.consent1": "Meestal vragen we eerst of je het goed vindt.",
        "l.consent2": "Dat heet toestemming.",
        "l.consent_written": "We schrijven je toestemming op.",
        "l.age_below": "Ben je jonger dan {age}? Dan beslissen je ouders of je voogd.",
        "l.age_between": "Ben je {ages}? Dan beslis je samen met je ouders of je voogd.",
        "l.age_from": "Ben je {age} of ouder? Dan beslis je zelf.",
        "l.or": "of",
        "l.range": "tussen {low} en {high} jaar",
        "l.withdraw": (
            "Je mag altijd zeggen dat je het toch niet goed vindt. Dan delen we daarna niets meer."
        ),
        "l.without1": "Soms delen we gegevens zonder toestemming.",
        "l.without2": "Bijvoorbeeld als iemand in gevaar is.",
        "l.without3": "We schrijven dan op waarom. En we vertellen het je als dat kan.",
        "l.h.rights": "Wat zijn je rechten?",
        "l.rights1": "Je mag:",
        "l.right.access": "je gegevens bekijken, en zien met wie we ze hebben gedeeld;",
        "l.right.correct": "fouten laten verbeteren;",
        "l.right.erase": "vragen om gegevens te verwijderen;",
        "l.right.restrict": "vragen om je gegevens een tijd niet te gebruiken;",
        "l.right.object": "bezwaar maken als je het niet eens bent met wat we doen;",
        "l.right.statement": "je eigen verhaal laten toevoegen aan je dossier (eigen verklaring).",
        "l.rights_ask": "Vraag het aan je hulpverlener of aan een van de organisaties.",
        "l.rights_young": "Ben je jonger dan {age}? Dan doen je ouders of je voogd dit voor je.",
        "l.answer": "Je krijgt binnen {term} antwoord.",
        "l.answer_ext": (
            "Is je vraag moeilijk? Dan kan het {extension} langer duren. Dat hoor je binnen {term}."
        ),
        "l.objection": "Heb je bezwaar gemaakt? Dan krijg je binnen {term} antwoord.",
        "l.refusal": "Zegt een organisatie nee? Dan legt zij uit waarom.",
        "l.h.questions": "Heb je een vraag of klacht?",
        "l.q1": "Stel je vraag eerst aan je hulpverlener.",
        "l.q2": "Ben je niet tevreden? Neem dan contact op met de organisatie.",
        "l.q3": "Je kunt daar ook een klacht indienen.",
        "l.q4": "Dit zijn de contactgegevens van de organisaties:",
        "l.organisation": "Organisatie",
        "l.contact": "E-mail en telefoon",
        "l.complaints": "Klachten",
        "l.ap1": "Ben je het daarna nog steeds niet eens met wat we met je gegevens doen?",
        "l.ap2": "Dan kun je een klacht indienen bij de {ap}.",
        "l.ap3": "Kijk op {site}.",
        "l.court": "Je kunt ook naar de rechter gaan.",
        "l.h.support": "Wie kan je helpen?",
        "l.support1": "Wil je hulp van iemand die los van ons staat? Dat kan.",
        "l.support2": "Een onafhankelijke cliëntondersteuner helpt je gratis.",
        "l.support3": "Vraag ernaar bij de gemeente.",
    },
    "en": {
        "title.covenant": "Cooperation agreement (covenant)",
        "title.protocol": "Privacy protocol",
        "title.leaflet": "What happens to your information?",
        "subtitle.protocol": "Annex to the cooperation agreement of {name}",
        "subtitle.leaflet": "Information for children, young people and parents of {name}",
        "version": "Version",
        "version_short": "version {version}",
        "status": "Status",
        "draft_mark": "DRAFT",
        "page": "page",
        "of": "of",
        "article": "Article",
        "ref.covenant": "art. {number} cooperation agreement",
        "ref.protocol": "art. {number} privacy protocol",
        "ref.annex": "annex {number}",
        "none": "none",
        "not_recorded": "not recorded",
        "h.parties": "Parties",
        "party": (
            ", established at {street}, {postal_code} {city}, duly represented by {signatory}, "
            "{function}"
        ),
        "party.alias": ", hereinafter: ‘{alias}’",
        "party.kind": " ({kind})",
        "party.end": ";",
        "parties.together": (
            "hereinafter jointly referred to as ‘Partners’ and each individually as ‘Partner’,"
        ),
        "kind.core": "core partner",
        "kind.shell": "shell partner",
        "h.considerations": "Whereas",
        "c.partnership": "the Partners cooperate in {name} in {region};",
        "the_region": "the region {region}",
        "c.purpose": "the Partners pursue the common purpose ‘{name}’: {description};",
        "c.tasks": "{partner} acts from its own statutory task: {tasks};",
        "c.task": "{description} ({basis})",
        "c.controllers": (
            "each Partner is an independent controller within the meaning of the GDPR and "
            "remains bound by its own legal framework and duties of confidentiality;"
        ),
        "c.no_joint_dossier": (
            "there is no joint dossier: the Partner that provides the case director keeps the "
            "dossier;"
        ),
        "c.joint_dossier": "the Partners keep a joint dossier;",
        "c.protection": (
            "the Partners consider it important that the legal protection of children and adults "
            "is safeguarded;"
        ),
        "c.protocol": (
            "the Partners lay down their agreements on the processing of personal data in the "
            "Privacy protocol annexed to this agreement;"
        ),
        "agree": "agree as follows:",
        "pc.exchange": (
            "the cooperation in {name}, as described in the cooperation agreement, requires the "
            "exchange of personal data;"
        ),
        "pc.exchange_special": (
            "the cooperation in {name}, as described in the cooperation agreement, requires the "
            "exchange of personal data, including special categories of personal data;"
        ),
        "pc.law": (
            "the Partners do so within the General Data Protection Regulation (GDPR), its Dutch "
            "implementation act and the laws that govern their statutory tasks;"
        ),
        "pc.controllers": (
            "each Partner is an independent controller within the meaning of article 24 GDPR;"
        ),
        "pc.ground": "processing is possible only on a legal ground under article 6 GDPR;",
        "pc.secrecy": (
            "the Partners are bound by different duties of confidentiality and professional "
            "standards, including: {regimes};"
        ),
        "pc.responsible": "each Partner is responsible for complying with these rules;",
        "h.articles": "Provisions",
        "h.annexes": "Annexes",
        "annex": "Annex",
        "h.partnership": "Partnership details",
        "p.partnership_intro": (
            "This part is generated from the covenant data and forms part of this agreement."
        ),
        "name": "Name",
        "region": "Region",
        "lead_partner": "Lead partner",
        "team_coordinator": "Team coordinator",
        "start": "Start date",
        "end": "End date",
        "duration": "Duration",
        "duration_value": "{months} (until and including {end})",
        "open_ended": "indefinite",
        "evaluations": "Evaluation dates",
        "joint_dossier": "Joint dossier",
        "joint_dossier.no": "no: the Partner that provides the case director keeps the dossier",
        "joint_dossier.yes": "yes",
        "case_criteria": "Case criteria",
        "h.partners": "Partners",
        "partner": "Partner",
        "kind": "Kind",
        "controller": "Controller",
        "signatory": "Represented by",
        "h.governance": "Governance bodies",
        "body": "Body",
        "level": "Level",
        "members": "Members",
        "tasks": "Tasks",
        "level.strategic": "strategic",
        "level.tactical": "tactical",
        "level.operational": "operational",
        "h.accession": "Accession",
        "accession.open": "Open to new partners",
        "accession.open_after": "Open to new partners after the evaluation of {date}",
        "accession.closed": "Not open to new partners",
        "conditions": "Conditions",
        "articles": "Articles",
        "h.termination": "Termination",
        "notice": "Notice period",
        "arrangement": "Arrangement",
        "h.disputes": "Disputes",
        "procedure": "Procedure",
        "h.signatures": "Signatures",
        "signatures.intro": (
            "Thus agreed and signed by the Partners, in as many copies as there are Partners."
        ),
        "sig_name": "Name",
        "sig_function": "Function",
        "sig_place": "Place",
        "sig_date": "Date",
        "sig_signature": "Signature",
        "h.protocol_partners": "Partners: statutory tasks, legal grounds and contact",
        "statutory_tasks": "Statutory tasks",
        "avg_ground": "Legal ground (GDPR art. 6)",
        "secrecy": "Duty of confidentiality",
        "special_categories": "Special-category and criminal data",
        "special_none": "None: this partner receives no special-category or criminal data",
        "retention": "Retention periods",
        "retention_value": "{applies_to}: {years} ({basis})",
        "privacy_contact": "Privacy contact",
        "complaint_procedure": "Complaint procedure",
        "h.categories": "Categories of personal data",
        "category": "Category",
        "sensitivity": "Sensitivity",
        "exception": "Legal exception",
        "h.purposes": "Purposes and recipients",
        "recipient": "Recipient",
        "ground": "Legal ground",
        "basis": "Statutory basis",
        "categories": "Data categories",
        "compatible": "Compatible purposes",
        "research": "Research",
        "research.yes": "yes, with DPIA: {dpia}",
        "h.steps": "Work process",
        "p.steps": (
            "For each step of the work process: its purpose and activities, and then the "
            "categories of personal data that are necessary to record and to share."
        ),
        "step": "Step",
        "h.matrix": "Data per step",
        "p.matrix": "R: record, S: share. The columns follow the step numbers above.",
        "mark.record": "R",
        "mark.share": "S",
        "purpose": "Purpose",
        "activities": "Activities",
        "h.consent": "Consent and age",
        "age": "Age",
        "who_decides": "Who consents and exercises the rights",
        "age.below": "under {age}",
        "age.between": "{low} to {high} years",
        "age.from": "{age} years and older",
        "who.representatives": "the legal representative(s)",
        "who.both": "the young person and the legal representative(s) (double consent)",
        "who.child": "the young person alone",
        "consent.form": "Form",
        "consent.form_written": (
            "explicit, specific (purpose, data and recipients), informed and by an active act; "
            "recorded in writing by the partner that obtained it"
        ),
        "consent.form_unwritten": (
            "explicit, specific (purpose, data and recipients), informed and by an active act; "
            "recorded by the partner that obtained it"
        ),
        "consent.withdraw": "Withdrawal",
        "consent.withdraw_value": "always possible; after withdrawal nothing more is disclosed",
        "h.deadlines": "Deadlines",
        "deadline.subject": "Subject",
        "deadline.term": "Deadline",
        "deadline.rights": (
            "Data subject request (access, rectification, erasure, restriction, portability)"
        ),
        "deadline.rights_value": "within {term} of receipt",
        "deadline.extension": (
            "; for complex requests extendable by {extension}, provided the data subject is told "
            "within {term}"
        ),
        "deadline.objection": "Objection",
        "deadline.objection_value": "decision within {term}",
        "deadline.breach_partners": "Data breach: notice to the other partners",
        "deadline.breach_partners_value": "as soon as possible, at the latest within {hours} hours",
        "deadline.breach_ap": "Data breach: notification to the Autoriteit Persoonsgegevens",
        "deadline.breach_ap_value": (
            "where required within {hours} hours of discovery (GDPR art. 33); each partner "
            "decides for its own processing"
        ),
        "deadline.support": "Independent client support",
        "deadline.support_value": (
            "data subjects are told of their right to independent client support (Wmo 2015 "
            "art. 2.2.4(1)(a))"
        ),
        "l.intro1": "{name} is a group of organisations in {region} that work together.",
        "l.intro2": "We work together to help you and your family well.",
        "l.intro3": "To do so, we sometimes share information about you and your family.",
        "l.intro4": "This leaflet tells you how we do that.",
        "l.h.why": "Why do we share information?",
        "l.why1": "We only share information when it is needed for one of these purposes:",
        "l.why2": "We do not share more than needed.",
        "l.why3": "We do not use your information for anything else.",
        "l.h.what": "Which information?",
        "l.what1": "It is about this information:",
        "l.what_special": "Some information is extra sensitive. We take extra care of it.",
        "l.what_known": "Sometimes we only say that we know you. Nothing more.",
        "l.h.who": "With whom?",
        "l.who_core": "These organisations work together:",
        "l.who_shell1": "Sometimes another organisation takes part too.",
        "l.who_shell2": "That only happens when your situation needs it. These are:",
        "l.who_own": "Each organisation is itself responsible for your information.",
        "l.who_dossier": "Your file is kept by the organisation of your own care worker.",
        "l.who_need": "Only people who help you may see your information.",
        "l.h.consent": "Who decides about sharing?",
        "l.consent1": "Usually we first ask whether you agree.",
        "l.consent2": "This is called consent.",
        "l.consent_written": "We write your consent down.",
        "l.age_below": "Are you younger than {age}? Then your parents or guardian decide.",
        "l.age_between": "Are you {ages}? Then you decide together with your parents or guardian.",
        "l.age_from": "Are you {age} or older? Then you decide yourself.",
        "l.or": "or",
        "l.range": "between {low} and {high}",
        "l.withdraw": (
            "You can always say that you no longer agree. Then we do not share anything after that."
        ),
        "l.without1": "Sometimes we share information without consent.",
        "l.without2": "For example when someone is in danger.",
        "l.without3": "We then write down why. And we tell you if we can.",
        "l.h.rights": "What are your rights?",
        "l.rights1": "You may:",
        "l.right.access": "see your information, and see with whom we shared it;",
        "l.right.correct": "have mistakes corrected;",
        "l.right.erase": "ask us to delete information;",
        "l.right.restrict": "ask us not to use your information for a while;",
        "l.right.object": "object if you do not agree with what we do;",
        "l.right.statement": "have your own story added to your file (own statement).",
        "l.rights_ask": "Ask your care worker or one of the organisations.",
        "l.rights_young": (
            "Are you younger than {age}? Then your parents or guardian do this for you."
        ),
        "l.answer": "You get an answer within {term}.",
        "l.answer_ext": (
            "Is your question difficult? Then it can take {extension} longer. "
            "You hear this within {term}."
        ),
        "l.objection": "Did you object? Then you get an answer within {term}.",
        "l.refusal": "Does an organisation say no? Then it explains why.",
        "l.h.questions": "Do you have a question or complaint?",
        "l.q1": "First ask your care worker.",
        "l.q2": "Are you not satisfied? Then contact the organisation.",
        "l.q3": "You can also make a complaint there.",
        "l.q4": "These are the contact details of the organisations:",
        "l.organisation": "Organisation",
        "l.contact": "E-mail and phone",
        "l.complaints": "Complaints",
        "l.ap1": "Do you still disagree with what we do with your information?",
        "l.ap2": "Then you can complain to the {ap}, the Dutch data protection authority.",
        "l.ap3": "See {site}.",
        "l.court": "You can also go to court.",
        "l.h.support": "Who can help you?",
        "l.support1": "Do you want help from someone who is not part of us? You can.",
        "l.support2": "An independent client supporter helps you for free.",
        "l.support3": "Ask the municipality about it.",
    },
}

GROUND_TEXT: dict[str, dict[AvgGround, str]] = {
    "nl": {
        AvgGround.CONSENT: "AVG art. 6 lid 1 sub a (toestemming)",
        AvgGround.CONTRACT: "AVG art. 6 lid 1 sub b (uitvoering van een overeenkomst)",
        AvgGround.LEGAL_OBLIGATION: "AVG art. 6 lid 1 sub c (wettelijke verplichting)",
        AvgGround.VITAL_INTEREST: "AVG art. 6 lid 1 sub d (vitaal belang)",
        AvgGround.PUBLIC_TASK: "AVG art. 6 lid 1 sub e (taak van algemeen belang)",
        AvgGround.LEGITIMATE_INTEREST: "AVG art. 6 lid 1 sub f (gerechtvaardigd belang)",
    },
    "en": {
        AvgGround.CONSENT: "GDPR art. 6(1)(a) (consent)",
        AvgGround.CONTRACT: "GDPR art. 6(1)(b) (performance of a contract)",
        AvgGround.LEGAL_OBLIGATION: "GDPR art. 6(1)(c) (legal obligation)",
        AvgGround.VITAL_INTEREST: "GDPR art. 6(1)(d) (vital interest)",
        AvgGround.PUBLIC_TASK: "GDPR art. 6(1)(e) (task in the public interest)",
        AvgGround.LEGITIMATE_INTEREST: "GDPR art. 6(1)(f) (legitimate interest)",
    },
}

CATEGORY_KIND_TEXT: dict[str, dict[CategoryKind, str]] = {
    "nl": {
        CategoryKind.GENERAL: "algemeen",
        CategoryKind.SPECIAL: "bijzonder (AVG art. 9)",
        CategoryKind.CRIMINAL: "strafrechtelijk (AVG art. 10)",
        CategoryKind.BSN: "BSN (UAVG art. 46)",
        CategoryKind.KNOWN_TO_PARTNER: "buitenkant-informatie",
    },
    "en": {
        CategoryKind.GENERAL: "general",
        CategoryKind.SPECIAL: "special category (GDPR art. 9)",
        CategoryKind.CRIMINAL: "criminal (GDPR art. 10)",
        CategoryKind.BSN: "citizen service number (UAVG art. 46)",
        CategoryKind.KNOWN_TO_PARTNER: "known-to-partner information (buitenkant-informatie)",
    },
}

SENSITIVITY_TEXT: dict[str, dict[Sensitivity, str]] = {
    "nl": {
        Sensitivity.LOW: "laag",
        Sensitivity.MEDIUM: "gemiddeld",
        Sensitivity.HIGH: "hoog",
        Sensitivity.VERY_HIGH: "zeer hoog",
    },
    "en": {
        Sensitivity.LOW: "low",
        Sensitivity.MEDIUM: "medium",
        Sensitivity.HIGH: "high",
        Sensitivity.VERY_HIGH: "very high",
    },
}

_NUMBER_WORDS = {
    "nl": [
        "nul",
        "een",
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "elf",
        "twaalf",
    ],
    "en": [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ],
}
_UNITS = {
    "nl": {"month": ("maand", "maanden"), "week": ("week", "weken"), "year": ("jaar", "jaar")},
    "en": {"month": ("month", "months"), "week": ("week", "weeks"), "year": ("year", "years")},
}
_MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


# --- the format-neutral document model ----------------------------------------------------

Cell = tuple[str, ...]  # the lines of one table cell


@dataclass(frozen=True)
class Inline:
    """A line of text with an optional bold lead-in."""

    text: str
    strong: str = ""


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    text: str
    level: int = 1  # 1: major section (h2, Word Heading 1); 2: subsection (h3, Heading 2)
    page_break: bool = False
    wide: bool = False  # leaflet: from here on the full page width instead of two columns


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    inline: Inline
    style: str = ""  # "", "item" / "subitem" (enumerated, hanging indent), "note"


@dataclass(frozen=True)
class BulletList:
    kind: ClassVar[str] = "list"
    items: tuple[Inline, ...]
    ordered: bool = False
    style: str = ""  # "", "considerations" (a, b, c ...), "parties"


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...] = ()  # percentages
    key_value: bool = False  # a two-column label/value table without header row
    strong_first: bool = False  # the first line of the first column is a name: bold
    compact: bool = False  # small centred marks (the data matrix)


@dataclass(frozen=True)
class ArticleBlock:
    kind: ClassVar[str] = "article"
    label: str  # "Artikel 9" / "Bijlage 1"
    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class SignatureBlock:
    partner: str
    name: str
    function: str


@dataclass(frozen=True)
class Signatures:
    kind: ClassVar[str] = "signatures"
    blocks: tuple[SignatureBlock, ...]


Block = Heading | Paragraph | BulletList | Table | ArticleBlock | Signatures


@dataclass(frozen=True)
class DocumentModel:
    kind: DocumentKind
    lang: str
    title: str
    subtitle: str
    partnership_name: str
    version_label: str
    status_text: str
    draft: bool
    labels: dict[str, str]
    blocks: tuple[Block, ...]
    keywords: tuple[str, ...] = field(default=())

    @property
    def header_text(self) -> str:
        version = self.labels["version_short"].format(version=self.version_label)
        return f"{self.partnership_name} · {self.title} · {version}"


# --- small helpers -------------------------------------------------------------------------

_ENUMERATOR = re.compile(r"^(\(?[0-9]{1,2}[.)]|[0-9]{1,2}(\.[0-9]{1,2})+\.?|\(?[a-z][.)]|[-•*–])\s")


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split an article text into paragraphs.

    Blank lines separate paragraphs. A line starts a new paragraph when it begins with an
    enumerator ("1.", "2.3", "a.", "-") or when the previous line ends a sentence (one
    definition or member per line, as YAML literal blocks are written); otherwise the line
    break is a hard wrap inside a sentence and the lines are joined.
    """
    out: list[Paragraph] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        current: list[str] = []
        for raw in chunk.splitlines():
            line = raw.strip()
            if not line:
                continue
            if current and (_ENUMERATOR.match(line) or current[-1].endswith(_SENTENCE_END)):
                out.append(_text_paragraph(" ".join(current)))
                current = []
            current.append(line)
        if current:
            out.append(_text_paragraph(" ".join(current)))
    return tuple(out)


_SUB_ENUMERATOR = re.compile(r"^(\(?[a-z][.)]|[-•*–])\s")
_SENTENCE_END = (".", ":", ";", "?", "!")


def _text_paragraph(text: str) -> Paragraph:
    """A paragraph; enumerated members ("1.", "2.3") and their parts ("a.", "-") are indented."""
    if _SUB_ENUMERATOR.match(text):
        return Paragraph(Inline(text), style="subitem")
    return Paragraph(Inline(text), style="item" if _ENUMERATOR.match(text) else "")


def _number_key(number: str) -> tuple[tuple[int, str], ...]:
    """Natural sort key for article numbers: 2 < 2a < 2.1 < 10."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part)
        for part in re.findall(r"[0-9]+|[a-z]+", number)
    )


def _sorted_articles(covenant: Covenant, document: ArticleDocument) -> list[Article]:
    """The articles of one document in number order; entries that only repeat a paragraph of
    their enclosing article (``part_of``) are not rendered, since the parent holds the text."""
    return sorted(
        (a for a in covenant.articles if a.document == document and a.part_of is None),
        key=lambda a: _number_key(a.number),
    )


def _count(n: int, unit: str, lang: str) -> str:
    """'een maand', 'twee maanden', '14 weken'."""
    words = _NUMBER_WORDS[lang]
    singular, plural = _UNITS[lang][unit]
    amount = words[n] if 0 <= n < len(words) else str(n)
    return f"{amount} {singular if n == 1 else plural}"


def _date(value: dt.date, lang: str) -> str:
    return f"{value.day} {_MONTHS[lang][value.month - 1]} {value.year}"


def _add_months(start: dt.date, months: int) -> dt.date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _strip_end(text: str) -> str:
    return text.rstrip().rstrip(".;")


def is_draft(status_text: str) -> bool:
    """Whether the status text describes a draft (shown with a watermark)."""
    lowered = status_text.lower()
    return "concept" in lowered or "draft" in lowered


def _language(lang: str) -> str:
    """'en', 'en-gb', 'EN_US' -> 'en'; languages without labels fall back to Dutch, the
    language of the documents themselves."""
    primary = lang.replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in LANGUAGES else "nl"


class _Lookup:
    """Tolerant lookups: an unresolved reference renders as its id instead of failing."""

    def __init__(self, covenant: Covenant, lang: str) -> None:
        self.covenant = covenant
        self.lang = lang
        self.t = LABELS[lang]
        self.partners = {p.id: p for p in covenant.partners}
        self.categories = {c.id: c for c in covenant.data_categories}
        self.purposes = {p.id: p for p in covenant.purposes}
        self.articles = {a.id: a for a in covenant.articles}

    def partner_name(self, partner_id: str) -> str:
        partner = self.partners.get(partner_id)
        return partner.name if partner else partner_id

    def category_name(self, category_id: str) -> str:
        category = self.categories.get(category_id)
        return category.name if category else category_id

    def purpose_name(self, purpose_id: str) -> str:
        purpose = self.purposes.get(purpose_id)
        return purpose.name if purpose else purpose_id

    def refs(self, article_ids: Iterable[str]) -> str:
        """'art. 10, 10.1 samenwerkingsovereenkomst; art. 13 privacyprotocol'."""
        numbers: dict[str, list[str]] = {}
        unknown: list[str] = []
        for article_id in article_ids:
            article = self.articles.get(article_id)
            if article is None:
                unknown.append(article_id)
            else:
                numbers.setdefault(article.document.value, []).append(article.number)
        out = [
            self.t[f"ref.{document}"].format(number=", ".join(found))
            for document, found in numbers.items()
        ]
        return "; ".join(out + unknown)

    def ground(self, ground: AvgGround) -> str:
        return GROUND_TEXT[self.lang][ground]

    def kind(self, partner: Partner) -> str:
        return self.t["kind.core" if partner.kind == PartnerKind.CORE else "kind.shell"]

    def names(self, ids: Iterable[str], name: Callable[[str], str]) -> Cell:
        return tuple(name(i) for i in ids) or (self.t["none"],)


def _kv(rows: Sequence[tuple[str, str | Cell]]) -> Table:
    """A label/value table; rows whose value is empty are left out."""
    cells = []
    for label, value in rows:
        cell: Cell = (value,) if isinstance(value, str) else tuple(value)
        if any(cell):
            cells.append(((label,), cell))
    return Table(headers=(), rows=tuple(cells), widths=(30, 70), key_value=True)


# --- building the documents ----------------------------------------------------------------


def _parties(look: _Lookup) -> list[Block]:
    t = look.t
    items = []
    for partner in look.covenant.partners:
        text = t["party"].format(
            street=partner.address.street,
            postal_code=partner.address.postal_code,
            city=partner.address.city,
            signatory=partner.signatory.name,
            function=partner.signatory.function,
        )
        if partner.short_name:
            text += t["party.alias"].format(alias=partner.short_name)
        text += t["party.kind"].format(kind=look.kind(partner)) + t["party.end"]
        items.append(Inline(text, strong=partner.name))
    return [
        Heading(t["h.parties"]),
        BulletList(tuple(items), ordered=True, style="parties"),
        Paragraph(Inline(t["parties.together"])),
    ]


def _region(look: _Lookup) -> str:
    """'de regio Kleinstad', but 'Regio Westerkwartier' as written when it names itself."""
    region = look.covenant.partnership.region
    if region.lower().startswith(("regio ", "region ")):
        return region
    return look.t["the_region"].format(region=region)


def _covenant_considerations(look: _Lookup) -> list[Inline]:
    t, cov = look.t, look.covenant
    items = [t["c.partnership"].format(name=cov.partnership.name, region=_region(look))]
    for purpose in cov.purposes:
        items.append(
            t["c.purpose"].format(name=purpose.name, description=_strip_end(purpose.description))
        )
    for partner in cov.partners:
        tasks = "; ".join(
            t["c.task"].format(description=task.description, basis=task.legal_basis)
            for task in partner.statutory_tasks
        )
        items.append(t["c.tasks"].format(partner=partner.name, tasks=tasks))
    items.append(t["c.controllers"])
    items.append(t["c.joint_dossier" if cov.partnership.joint_dossier else "c.no_joint_dossier"])
    items.append(t["c.protection"])
    items.append(t["c.protocol"])
    return [Inline(item) for item in items]


def _articles(look: _Lookup, document: ArticleDocument) -> list[Block]:
    label = look.t["annex" if document == ArticleDocument.ANNEX else "article"]
    return [
        ArticleBlock(f"{label} {a.number}", a.title, _paragraphs(a.text))
        for a in _sorted_articles(look.covenant, document)
    ]


def _partnership_data(look: _Lookup) -> list[Block]:
    t, lang, cov = look.t, look.lang, look.covenant
    ps = cov.partnership
    if ps.end is not None:
        period: tuple[str, str] = (t["end"], _date(ps.end, lang))
    elif ps.duration_months is not None:
        end = _add_months(ps.start, ps.duration_months) - dt.timedelta(days=1)
        period = (
            t["duration"],
            t["duration_value"].format(
                months=_count(ps.duration_months, "month", lang), end=_date(end, lang)
            ),
        )
    else:
        period = (t["duration"], t["open_ended"])
    coordinator: Cell = (look.partner_name(ps.team_coordinator.partner),) + (
        (ps.team_coordinator.description,) if ps.team_coordinator.description else ()
    )
    blocks: list[Block] = [
        Heading(t["h.partnership"], page_break=True),
        Paragraph(Inline(t["p.partnership_intro"]), style="note"),
        _kv(
            [
                (t["name"], ps.name),
                (t["region"], ps.region),
                (t["lead_partner"], look.partner_name(ps.lead_partner)),
                (t["team_coordinator"], coordinator),
                (t["start"], _date(ps.start, lang)),
                period,
                (t["evaluations"], tuple(_date(d, lang) for d in ps.evaluation_dates)),
                (
                    t["joint_dossier"],
                    t["joint_dossier.yes" if ps.joint_dossier else "joint_dossier.no"],
                ),
                (t["case_criteria"], tuple(ps.case_criteria)),
            ]
        ),
        Heading(t["h.partners"], level=2),
        Table(
            headers=(t["partner"], t["kind"], t["controller"], t["signatory"]),
            rows=tuple(
                (
                    (p.name,),
                    (look.kind(p),),
                    (p.controller,),
                    (p.signatory.name, p.signatory.function),
                )
                for p in cov.partners
            ),
            widths=(28, 14, 30, 28),
            strong_first=True,
        ),
        Heading(t["h.governance"], level=2),
        Table(
            headers=(t["body"], t["level"], t["members"], t["tasks"]),
            rows=tuple(
                (
                    (body.name,),
                    (t[f"level.{GovernanceLevel(body.level).value}"],),
                    look.names(body.members, look.partner_name),
                    (body.tasks or "",),
                )
                for body in ps.governance_bodies
            ),
            widths=(22, 14, 32, 32),
        ),
    ]
    acc = ps.accession
    if not acc.open:
        acc_status = t["accession.closed"]
    elif acc.after_evaluation:
        acc_status = t["accession.open_after"].format(date=_date(ps.evaluation_dates[0], lang))
    else:
        acc_status = t["accession.open"]
    blocks += [
        Heading(t["h.accession"], level=2),
        _kv(
            [
                (t["status"], acc_status),
                (t["conditions"], tuple(acc.conditions)),
                (t["articles"], look.refs(acc.articles)),
            ]
        ),
        Heading(t["h.termination"], level=2),
        _kv(
            [
                (t["notice"], _count(ps.termination.notice_months, "month", lang)),
                (t["arrangement"], ps.termination.text),
                (t["articles"], look.refs(ps.termination.articles)),
            ]
        ),
        Heading(t["h.disputes"], level=2),
        _kv(
            [
                (t["procedure"], ps.disputes.procedure),
                (t["articles"], look.refs(ps.disputes.articles)),
            ]
        ),
    ]
    return blocks


def _signatures(look: _Lookup) -> list[Block]:
    t = look.t
    return [
        Heading(t["h.signatures"], page_break=True),
        Paragraph(Inline(t["signatures.intro"])),
        Signatures(
            tuple(
                SignatureBlock(p.name, p.signatory.name, p.signatory.function)
                for p in look.covenant.partners
            )
        ),
    ]


def _build_covenant(look: _Lookup) -> list[Block]:
    t = look.t
    blocks: list[Block] = _parties(look)
    blocks += [
        Heading(t["h.considerations"]),
        BulletList(tuple(_covenant_considerations(look)), style="considerations"),
        Paragraph(Inline(t["agree"])),
        Heading(t["h.articles"], page_break=True),
    ]
    blocks += _articles(look, ArticleDocument.COVENANT)
    blocks += _partnership_data(look)
    blocks += _signatures(look)
    annexes = _articles(look, ArticleDocument.ANNEX)
    if annexes:
        blocks += [Heading(t["h.annexes"], page_break=True), *annexes]
    return blocks


def _protocol_considerations(look: _Lookup) -> list[Inline]:
    t, cov = look.t, look.covenant
    special = any(c.kind == CategoryKind.SPECIAL for c in cov.data_categories)
    items = [
        t["pc.exchange_special" if special else "pc.exchange"].format(name=cov.partnership.name),
        t["pc.law"],
        t["pc.controllers"],
        t["pc.ground"],
    ]
    regimes = list(dict.fromkeys(f"{s.name} ({s.basis})" for p in cov.partners for s in p.secrecy))
    if regimes:
        items.append(t["pc.secrecy"].format(regimes="; ".join(regimes)))
    items.append(t["pc.responsible"])
    return [Inline(item) for item in items]


def _protocol_partners(look: _Lookup) -> list[Block]:
    t, lang = look.t, look.lang
    blocks: list[Block] = [Heading(t["h.protocol_partners"], page_break=True)]
    for p in look.covenant.partners:
        contact = p.privacy_contact
        contact_cell = tuple(
            line
            for line in (
                contact.name + (f", {contact.function}" if contact.function else ""),
                contact.email,
                contact.phone or "",
            )
            if line
        )
        complaint = (p.complaint_procedure.description,) + (
            (p.complaint_procedure.url,) if p.complaint_procedure.url else ()
        )
        blocks += [
            Heading(p.name, level=2),
            _kv(
                [
                    (t["kind"], look.kind(p)),
                    (t["controller"], p.controller),
                    (
                        t["statutory_tasks"],
                        tuple(f"{s.description} ({s.legal_basis})" for s in p.statutory_tasks),
                    ),
                    (t["avg_ground"], look.ground(p.avg_ground)),
                    (
                        t["secrecy"],
                        tuple(f"{s.name} ({s.basis})" for s in p.secrecy) or (t["none"],),
                    ),
                    (
                        t["special_categories"],
                        tuple(
                            f"{look.category_name(g.category)} ({g.basis})"
                            for g in p.special_categories
                        )
                        or (t["special_none"],),
                    ),
                    (
                        t["retention"],
                        tuple(
                            t["retention_value"].format(
                                applies_to=r.applies_to,
                                years=_count(r.years, "year", lang),
                                basis=r.basis,
                            )
                            for r in p.retention
                        ),
                    ),
                    (t["privacy_contact"], contact_cell),
                    (t["complaint_procedure"], complaint),
                ]
            ),
        ]
    return blocks


def _protocol_data(look: _Lookup) -> list[Block]:
    t, lang, cov = look.t, look.lang, look.covenant
    blocks: list[Block] = [
        Heading(t["h.categories"], page_break=True),
        Table(
            headers=(t["category"], t["kind"], t["sensitivity"], t["exception"]),
            rows=tuple(
                (
                    (c.name,) + ((c.description,) if c.description else ()),
                    (CATEGORY_KIND_TEXT[lang][c.kind],),
                    (SENSITIVITY_TEXT[lang][c.sensitivity],),
                    (
                        c.exception
                        or (
                            t["not_recorded"]
                            if c.kind in (CategoryKind.SPECIAL, CategoryKind.CRIMINAL)
                            else "—"
                        ),
                    ),
                )
                for c in cov.data_categories
            ),
            widths=(34, 22, 14, 30),
            strong_first=True,
        ),
        Heading(t["h.purposes"]),
    ]
    for purpose in cov.purposes:
        research = (
            t["research.yes"].format(dpia=purpose.dpia or t["not_recorded"])
            if purpose.research
            else ""
        )
        blocks += [
            Heading(purpose.name, level=2),
            Paragraph(Inline(purpose.description)),
            Table(
                headers=(t["recipient"], t["ground"], t["basis"]),
                rows=tuple(
                    ((look.partner_name(r.partner),), (look.ground(r.ground),), (r.basis,))
                    for r in purpose.recipients
                ),
                widths=(32, 44, 24),
            ),
            _kv(
                [
                    (t["categories"], look.names(purpose.categories, look.category_name)),
                    (t["compatible"], look.names(purpose.compatible_with, look.purpose_name)),
                    (t["research"], research),
                    (t["articles"], look.refs(purpose.articles)),
                ]
            ),
        ]
    return blocks


def _age_bands(look: _Lookup) -> list[tuple[str, str]]:
    """(age band, who decides) following S6 with the covenant's numbers."""
    t = look.t
    low = look.covenant.consent.representatives_only_below
    high = max(low, look.covenant.consent.child_alone_from)
    bands = []
    if low > 0:
        bands.append((t["age.below"].format(age=low), t["who.representatives"]))
    if high > low:
        bands.append((t["age.between"].format(low=low, high=high - 1), t["who.both"]))
    bands.append((t["age.from"].format(age=high), t["who.child"]))
    return bands


def _rights_term(look: _Lookup) -> str:
    deadline = look.covenant.deadlines.rights_request
    if deadline.weeks is not None:
        return _count(deadline.weeks, "week", look.lang)
    return _count(deadline.months if deadline.months is not None else 1, "month", look.lang)


def _step_matrix(look: _Lookup) -> Table:
    """Data categories x steps: what is recorded (V) and shared (D) in each step (C6)."""
    t, steps = look.t, look.covenant.steps
    rows = []
    for category in look.covenant.data_categories:
        marks: list[Cell] = []
        for step in steps:
            mark = [t["mark.record"]] if category.id in step.record else []
            mark += [t["mark.share"]] if category.id in step.share else []
            marks.append((" + ".join(mark),))
        rows.append(((category.name,), *marks))
    step_width = max(5, min(12, 66 // max(1, len(steps))))
    return Table(
        headers=(t["category"], *(str(i) for i in range(1, len(steps) + 1))),
        rows=tuple(rows),
        widths=(100 - step_width * len(steps), *(step_width for _ in steps)),
        compact=True,
    )


def _protocol_rules(look: _Lookup) -> list[Block]:
    t, lang, cov = look.t, look.lang, look.covenant
    steps = Table(
        headers=(t["step"], t["purpose"], t["activities"]),
        rows=tuple(
            (
                (f"{index}. {step.name}",),
                (look.purpose_name(step.purpose),),
                tuple(step.activities) + ((look.refs(step.articles),) if step.articles else ()),
            )
            for index, step in enumerate(cov.steps, start=1)
        ),
        widths=(22, 26, 52),
    )
    matrix = _step_matrix(look)
    ages = tuple(((band,), (who,)) for band, who in _age_bands(look))
    consent_form = _kv(
        [
            (
                t["consent.form"],
                t["consent.form_written" if cov.consent.written else "consent.form_unwritten"],
            ),
            (t["consent.withdraw"], t["consent.withdraw_value"]),
            (t["articles"], look.refs(cov.consent.articles)),
        ]
    )
    rights = cov.deadlines.rights_request
    term = _rights_term(look)
    rights_value = t["deadline.rights_value"].format(term=term)
    if rights.extension_months:
        rights_value += t["deadline.extension"].format(
            extension=_count(rights.extension_months, "month", lang), term=term
        )
    breach = cov.deadlines.breach
    deadlines: list[tuple[Cell, ...]] = [
        ((t["deadline.rights"],), (rights_value,)),
        (
            (t["deadline.objection"],),
            (
                t["deadline.objection_value"].format(
                    term=_count(rights.objection_weeks, "week", lang)
                ),
            ),
        ),
        (
            (t["deadline.breach_partners"],),
            (t["deadline.breach_partners_value"].format(hours=breach.partner_notice_hours),),
        ),
        (
            (t["deadline.breach_ap"],),
            (t["deadline.breach_ap_value"].format(hours=breach.authority_hours),),
        ),
        ((t["deadline.support"],), (t["deadline.support_value"],)),
    ]
    return [
        Heading(t["h.steps"], page_break=True),
        Paragraph(Inline(t["p.steps"]), style="note"),
        steps,
        Heading(t["h.matrix"], level=2),
        Paragraph(Inline(t["p.matrix"]), style="note"),
        matrix,
        Heading(t["h.consent"]),
        Table(headers=(t["age"], t["who_decides"]), rows=ages, widths=(30, 70)),
        consent_form,
        Heading(t["h.deadlines"]),
        Table(
            headers=(t["deadline.subject"], t["deadline.term"]),
            rows=tuple(deadlines),
            widths=(40, 60),
        ),
    ]


def _build_protocol(look: _Lookup) -> list[Block]:
    t = look.t
    blocks: list[Block] = _parties(look)
    blocks += [
        Heading(t["h.considerations"]),
        BulletList(tuple(_protocol_considerations(look)), style="considerations"),
        Paragraph(Inline(t["agree"])),
        Heading(t["h.articles"], page_break=True),
    ]
    blocks += _articles(look, ArticleDocument.PROTOCOL)
    blocks += _protocol_partners(look)
    blocks += _protocol_data(look)
    blocks += _protocol_rules(look)
    return blocks


def _leaflet_ages(look: _Lookup) -> list[str]:
    t = look.t
    low = look.covenant.consent.representatives_only_below
    high = max(low, look.covenant.consent.child_alone_from)
    lines = []
    if low > 0:
        lines.append(t["l.age_below"].format(age=low))
    if high > low:
        ages = [str(a) for a in range(low, high)]
        if len(ages) == 1:
            spelled = ages[0]
        elif len(ages) <= 5:
            spelled = f"{', '.join(ages[:-1])} {t['l.or']} {ages[-1]}"
        else:
            spelled = t["l.range"].format(low=low, high=high - 1)
        lines.append(t["l.age_between"].format(ages=spelled))
    lines.append(t["l.age_from"].format(age=high))
    return lines


LEAFLET_MAX_WORDS = 14


def _plain_purpose(name: str, description: str) -> Inline:
    """A purpose for the leaflet: its name, with the description only when that is one short
    sentence (B1); longer descriptions are legal text and stay in the protocol."""
    first = re.split(r"(?<=[.?!])\s", description.strip(), maxsplit=1)[0]
    if first == description.strip() and len(first.split()) <= LEAFLET_MAX_WORDS:
        return Inline(_strip_end(first) + ".", strong=f"{name}: ")
    return Inline(name)


def _build_leaflet(look: _Lookup) -> list[Block]:
    t, cov = look.t, look.covenant
    ps = cov.partnership

    def para(*keys: str, **values: Any) -> list[Block]:
        return [Paragraph(Inline(" ".join(t[key].format(**values) for key in keys)))]

    blocks: list[Block] = [
        *para("l.intro1", "l.intro2", name=ps.name, region=ps.region),
        *para("l.intro3", "l.intro4"),
    ]
    # Why
    blocks += [Heading(t["l.h.why"]), *para("l.why1")]
    blocks.append(BulletList(tuple(_plain_purpose(p.name, p.description) for p in cov.purposes)))
    blocks += para("l.why2", "l.why3")
    # What
    blocks += [Heading(t["l.h.what"]), *para("l.what1")]
    blocks.append(BulletList(tuple(Inline(c.name) for c in cov.data_categories)))
    kinds = {c.kind for c in cov.data_categories}
    if kinds & {CategoryKind.SPECIAL, CategoryKind.CRIMINAL}:
        blocks += para("l.what_special")
    if CategoryKind.KNOWN_TO_PARTNER in kinds:
        blocks += para("l.what_known")
    # Who
    core = [p for p in cov.partners if p.kind == PartnerKind.CORE]
    shell = [p for p in cov.partners if p.kind == PartnerKind.SHELL]
    blocks += [Heading(t["l.h.who"])]
    if core:
        blocks += para("l.who_core")
        blocks.append(BulletList(tuple(Inline(p.name) for p in core)))
    if shell:
        blocks += para("l.who_shell1", "l.who_shell2")
        blocks.append(BulletList(tuple(Inline(p.name) for p in shell)))
    blocks += para("l.who_own", *(() if ps.joint_dossier else ("l.who_dossier",)), "l.who_need")
    # Consent and age
    written = ("l.consent_written",) if cov.consent.written else ()
    blocks += [Heading(t["l.h.consent"]), *para("l.consent1", "l.consent2", *written)]
    blocks.append(BulletList(tuple(Inline(line) for line in _leaflet_ages(look))))
    blocks += para("l.withdraw")
    blocks += para("l.without1", "l.without2", "l.without3")
    # Rights
    rights = cov.deadlines.rights_request
    term = _rights_term(look)
    blocks += [Heading(t["l.h.rights"]), *para("l.rights1")]
    blocks.append(
        BulletList(
            tuple(
                Inline(t[f"l.right.{right}"])
                for right in ("access", "correct", "erase", "restrict", "object", "statement")
            )
        )
    )
    young = ("l.rights_young",) if cov.consent.representatives_only_below > 0 else ()
    blocks += para("l.rights_ask", *young, age=cov.consent.representatives_only_below)
    extension = ("l.answer_ext",) if rights.extension_months else ()
    blocks += para(
        "l.answer",
        *extension,
        term=term,
        extension=_count(rights.extension_months, "month", look.lang),
    )
    blocks += para(
        "l.objection", "l.refusal", term=_count(rights.objection_weeks, "week", look.lang)
    )
    # Independent client support (R7)
    blocks += [Heading(t["l.h.support"]), *para("l.support1", "l.support2", "l.support3")]
    # Questions and complaints, at the full page width for the contact table
    blocks += [
        Heading(t["l.h.questions"], wide=True),
        *para("l.q1", "l.q2", "l.q3"),
        *para("l.ap1", "l.ap2", "l.ap3", "l.court", ap=AP_NAME, site=AP_SITE),
        *para("l.q4"),
    ]
    blocks.append(
        Table(
            headers=(t["l.organisation"], t["l.contact"], t["l.complaints"]),
            rows=tuple(
                (
                    (p.name,),
                    tuple(x for x in (p.privacy_contact.email, p.privacy_contact.phone) if x),
                    (p.complaint_procedure.description,)
                    + ((p.complaint_procedure.url,) if p.complaint_procedure.url else ()),
                )
                for p in cov.partners
            ),
            widths=(30, 28, 42),
        )
    )
    return blocks


def build_document(
    covenant: Covenant,
    kind: DocumentKind,
    *,
    version_label: str,
    status_text: str,
    lang: str = "nl",
) -> DocumentModel:
    """The format-neutral model of one document (what HTML, PDF and DOCX render)."""
    lang = _language(lang)
    kind = DocumentKind(kind)
    look = _Lookup(covenant, lang)
    t = look.t
    name = covenant.partnership.name
    if kind == DocumentKind.COVENANT:
        blocks, subtitle = _build_covenant(look), name
    elif kind == DocumentKind.PROTOCOL:
        blocks, subtitle = _build_protocol(look), t["subtitle.protocol"].format(name=name)
    else:
        blocks, subtitle = _build_leaflet(look), t["subtitle.leaflet"].format(name=name)
    return DocumentModel(
        kind=kind,
        lang=lang,
        title=t[f"title.{kind.value}"],
        subtitle=subtitle,
        partnership_name=name,
        version_label=version_label,
        status_text=status_text,
        draft=is_draft(status_text),
        labels=t,
        blocks=tuple(blocks),
        keywords=(covenant.partnership.id, kind.value, f"versie {version_label}", status_text),
    )


# --- HTML and PDF --------------------------------------------------------------------------


def render_html(
    covenant: Covenant,
    kind: DocumentKind,
    *,
    version_label: str,
    status_text: str,
    lang: str = "nl",
) -> str:
    """A complete standalone HTML document (inline stylesheet, no external resources)."""
    model = build_document(
        covenant, kind, version_label=version_label, status_text=status_text, lang=lang
    )
    return _render_model_html(model)


def _render_model_html(model: DocumentModel) -> str:
    return render_to_string(
        f"covenant/documents/{model.kind.value}.html",
        {"doc": model, "t": model.labels},
    )


def _local_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses everything but inline ``data:`` URLs."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                raise ValueError(f"refused to fetch {url!r}: documents never use the network")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols=["data"])


def layout_pdf(
    covenant: Covenant,
    kind: DocumentKind,
    *,
    version_label: str,
    status_text: str,
) -> WeasyDocument:
    """The laid-out WeasyPrint document (pages, metadata) that :func:`render_pdf` writes."""
    from weasyprint import HTML

    html = render_html(
        covenant, kind, version_label=version_label, status_text=status_text, lang="nl"
    )
    return HTML(
        string=html, base_url=TEMPLATE_DIR.as_uri() + "/", url_fetcher=_local_only_fetcher()
    ).render()


def render_pdf(
    covenant: Covenant,
    kind: DocumentKind,
    *,
    version_label: str,
    status_text: str,
) -> bytes:
    """The document as PDF (A4, WeasyPrint, Dutch)."""
    document = layout_pdf(covenant, kind, version_label=version_label, status_text=status_text)
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


# --- DOCX ----------------------------------------------------------------------------------


def render_docx(
    covenant: Covenant,
    kind: DocumentKind,
    *,
    version_label: str,
    status_text: str,
) -> bytes:
    """The document as an editable Word file: Heading 1/2 per section and article, tables."""
    model = build_document(
        covenant, kind, version_label=version_label, status_text=status_text, lang="nl"
    )
    return _DocxWriter(model).write()


class _DocxWriter:
    def __init__(self, model: DocumentModel) -> None:
        import docx

        self.model = model
        self.t = model.labels
        self.doc = docx.Document()

    def write(self) -> bytes:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm, Pt

        model, doc = self.model, self.doc
        section = doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.2)
        normal = doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        self._language(normal, "nl-NL" if model.lang == "nl" else "en-GB")
        self._properties()
        self._header_footer()
        self._cover()
        for block in model.blocks:
            self._block(block)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    @staticmethod
    def _language(style: Any, language: str) -> None:
        """Set the proofing language of a style, so Word checks the spelling in Dutch."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        r_pr = style.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)
        lang.set(qn("w:bidi"), language)
        r_pr.append(lang)

    def _properties(self) -> None:
        model = self.model
        props = self.doc.core_properties
        props.title = f"{model.title} — {model.partnership_name}"
        props.subject = model.subtitle
        props.author = model.partnership_name
        props.keywords = ", ".join(model.keywords)
        props.comments = (
            f"{self.t['version']} {model.version_label}. {self.t['status']}: {model.status_text}"
        )
        props.version = model.version_label
        props.category = model.title
        props.language = "nl-NL" if model.lang == "nl" else "en-GB"

    def _header_footer(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        model, section = self.model, self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.text = (
            f"{self.t['draft_mark']} — {model.header_text}" if model.draft else model.header_text
        )
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in header.runs:
            run.font.size = Pt(8)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        parts: list[str | tuple[str]] = [
            f"{model.status_text} · {self.t['page']} ",
            ("PAGE",),
            f" {self.t['of']} ",
            ("NUMPAGES",),
        ]
        for part in parts:
            if isinstance(part, str):
                run = footer.add_run(part)
            else:
                run = footer.add_run()
                self._field(run, part[0])
            run.font.size = Pt(8)

    @staticmethod
    def _field(run: Any, instruction: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        text = OxmlElement("w:t")
        text.text = "1"
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        for element in (begin, instr, separate, text, end):
            run._r.append(element)

    def _cover(self) -> None:
        from docx.shared import Pt, RGBColor

        model, doc, t = self.model, self.doc, self.t
        doc.add_paragraph(model.title, style="Title")
        subtitle = doc.add_paragraph(model.subtitle, style="Subtitle")
        subtitle.paragraph_format.space_after = Pt(6)
        meta = doc.add_paragraph()
        meta.add_run(f"{t['version']}: ").bold = True
        meta.add_run(model.version_label)
        banner = doc.add_paragraph()
        self._shade(banner, "FDECEA" if model.draft else "E8F1FA")
        run = banner.add_run(
            (f"{t['draft_mark']} — " if model.draft else f"{t['status']}: ") + model.status_text
        )
        run.bold = True
        run.font.size = Pt(12)
        run.font.color.rgb = (
            RGBColor(0x9B, 0x1C, 0x1C) if model.draft else RGBColor(0x1B, 0x3A, 0x5C)
        )

    @staticmethod
    def _shade(paragraph: Any, fill: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        paragraph._p.get_or_add_pPr().append(shading)

    def _inline(self, paragraph: Any, inline: Inline) -> None:
        if inline.strong:
            paragraph.add_run(inline.strong).bold = True
        paragraph.add_run(inline.text)

    def _block(self, block: Block) -> None:
        from docx.shared import Cm, Pt

        doc = self.doc
        if isinstance(block, Heading):
            heading = doc.add_heading(block.text, level=block.level)
            heading.paragraph_format.page_break_before = block.page_break
        elif isinstance(block, ArticleBlock):
            heading = doc.add_heading(f"{block.label} {block.title}", level=2)
            heading.paragraph_format.keep_with_next = True
            for paragraph in block.paragraphs:
                self._paragraph(paragraph)
        elif isinstance(block, Paragraph):
            self._paragraph(block)
        elif isinstance(block, BulletList):
            if block.style == "considerations":
                for index, item in enumerate(block.items):
                    line = doc.add_paragraph()
                    line.paragraph_format.left_indent = Cm(0.8)
                    line.paragraph_format.first_line_indent = Cm(-0.8)
                    line.add_run(f"{_letter(index)}.\t")
                    self._inline(line, item)
            else:
                style = "List Number" if block.ordered else "List Bullet"
                for item in block.items:
                    self._inline(doc.add_paragraph(style=style), item)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Signatures):
            self._signatures(block)
        else:  # pragma: no cover - exhaustive
            raise TypeError(block)
        if isinstance(block, Table):
            doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def _paragraph(self, block: Paragraph) -> None:
        from docx.shared import Cm, Pt

        paragraph = self.doc.add_paragraph()
        if block.style in ("item", "subitem"):
            indent = 0.8 if block.style == "item" else 1.6
            paragraph.paragraph_format.left_indent = Cm(indent)
            paragraph.paragraph_format.first_line_indent = Cm(-0.8)
        if block.style == "note":
            paragraph.paragraph_format.space_after = Pt(6)
        self._inline(paragraph, block.inline)
        if block.style == "note":
            for run in paragraph.runs:
                run.italic = True

    def _table(self, block: Table) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        columns = len(block.headers) if block.headers else 2
        table = self.doc.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        usable = 16.6  # cm between the margins
        widths = block.widths or tuple(100 // columns for _ in range(columns))
        if block.headers:
            row = table.add_row()
            for cell, text in zip(row.cells, block.headers, strict=True):
                cell.paragraphs[0].add_run(text).bold = True
                self._shade_cell(cell, "E8EEF4")
            tr_pr = row._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            tr_pr.append(repeat)
        for values in block.rows:
            row = table.add_row()
            for index, (cell, lines) in enumerate(zip(row.cells, values, strict=True)):
                for number, line in enumerate(lines or ("",)):
                    paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
                    run = paragraph.add_run(line)
                    if index == 0 and (block.key_value or (block.strong_first and number == 0)):
                        run.bold = True
                    if block.compact and index > 0:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    paragraph.paragraph_format.space_after = Pt(0)
                if block.key_value and index == 0:
                    self._shade_cell(cell, "F3F5F7")
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Cm(usable * width / 100)

    @staticmethod
    def _shade_cell(cell: Any, fill: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)

    def _signatures(self, block: Signatures) -> None:
        from docx.shared import Cm, Pt

        t = self.t
        table = self.doc.add_table(rows=0, cols=2)
        for start in range(0, len(block.blocks), 2):
            row = table.add_row()
            row._tr.get_or_add_trPr()
            for cell, sig in zip(row.cells, block.blocks[start : start + 2], strict=False):
                cell.width = Cm(8.3)
                first = cell.paragraphs[0]
                first.add_run(sig.partner).bold = True
                lines = [
                    f"{t['sig_name']}: {sig.name}",
                    f"{t['sig_function']}: {sig.function}",
                    f"{t['sig_place']}: ______________________",
                    f"{t['sig_date']}: ______________________",
                    "",
                    f"{t['sig_signature']}:",
                    "",
                    "",
                    "______________________________",
                ]
                for line in lines:
                    paragraph = cell.add_paragraph(line)
                    paragraph.paragraph_format.space_after = Pt(2)
                    paragraph.paragraph_format.keep_with_next = True
            # Keep a signature block on one page.
            from docx.oxml import OxmlElement

            cant_split = OxmlElement("w:cantSplit")
            row._tr.get_or_add_trPr().append(cant_split)


def _letter(index: int) -> str:
    """a, b, ..., z, aa, ab, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


# --- file names ----------------------------------------------------------------------------


def filename(covenant: Covenant, kind: DocumentKind, version_label: str, ext: str) -> str:
    """A stable file name, e.g. ``proef-klein-privacyprotocol-2026.1.pdf``."""
    version = re.sub(r"[^A-Za-z0-9._-]+", "-", version_label.strip()).strip("-.") or "0"
    extension = re.sub(r"[^a-z0-9]", "", ext.lower().lstrip("."))
    slug = _FILE_SLUGS[DocumentKind(kind)]
    return f"{covenant.partnership.id}-{slug}-{version}.{extension}"
