"""The generated words of the documents: labels, grounds, category kinds, sensitivities,
numbers and months, in Dutch and English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deelwijzer.covenant.schema import (
    AvgGround,
    CategoryKind,
    Sensitivity,
)

if TYPE_CHECKING:
    pass


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
