"""The documents rendered from a covenant: covenant, privacy protocol and client leaflet (C7, T2).

PDF text is read from WeasyPrint's own laid-out document (``layout_pdf``), which is exactly what
``render_pdf`` writes; that works in every environment without pdftotext or pypdf.
"""

from __future__ import annotations

import copy
import html as html_lib
import io
import re
import time
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from weasyprint.formatting_structure import boxes

from deelwijzer.covenant.documents import (
    DocumentKind,
    filename,
    layout_pdf,
    render,
    render_docx,
    render_html,
    render_pdf,
)
from deelwijzer.covenant.schema import Covenant

FIXTURE = Path(__file__).parent / "fixtures" / "minimal.yaml"
REPO = Path(__file__).resolve().parents[4]
EXAMPLES = sorted((REPO / "examples" / "covenants").glob("*.yaml"))

DRAFT = "Concept — nog niet door alle partners ondertekend"
IN_FORCE = "In werking sinds 3 maart 2026"
VERSION = "2026.1"


def raw() -> dict[str, Any]:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def covenant_from(data: dict[str, Any]) -> Covenant:
    return Covenant.model_validate(data)


@pytest.fixture(scope="module")
def covenant() -> Covenant:
    return covenant_from(raw())


def html_of(cov: Covenant, kind: DocumentKind, status: str = DRAFT, lang: str = "nl") -> str:
    return render_html(cov, kind, version_label=VERSION, status_text=status, lang=lang)


def visible_text(html: str) -> str:
    """The text a reader sees: tags dropped, block ends become sentence-free line breaks."""
    body = html.split("<main>", 1)[1].split("</main>", 1)[0]
    body = re.sub(r"</(p|li|h[1-6]|td|th|dd|dt|div)>", "\n", body)
    body = re.sub(r"<br\s*/?>", "\n", body)
    body = re.sub(r"<[^>]+>", " ", body)
    return html_lib.unescape(body)


def pdf_pages_text(cov: Covenant, kind: DocumentKind, status: str = IN_FORCE) -> list[str]:
    document = layout_pdf(cov, kind, version_label=VERSION, status_text=status)
    return [
        " ".join(box.text for box in page._page_box.descendants() if isinstance(box, boxes.TextBox))
        for page in document.pages
    ]


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def docx_tables_text(document: Any) -> list[str]:
    return [
        "\n".join(cell.text for row in table.rows for cell in row.cells)
        for table in document.tables
    ]


# --- HTML ----------------------------------------------------------------------------------


def test_covenant_html_has_parties_articles_data_and_signatures(covenant: Covenant) -> None:
    html = html_of(covenant, DocumentKind.COVENANT)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in html
    text = visible_text(html)
    assert "Samenwerkingsovereenkomst" in text
    for partner in covenant.partners:
        assert partner.name in text
        assert partner.signatory.name in text
        assert partner.signatory.function in text
    assert "rechtsgeldig vertegenwoordigd door A. de Vries, Wethouder Jeugd" in text
    assert "(kernpartner)" in text and "(schilpartner)" in text
    # considerations come from purposes and statutory tasks
    assert "Overwegende dat" in text
    assert "‘Veiligheid van het kind’" in text
    assert "Toegang tot jeugdhulp (Jeugdwet art. 2.3)" in text
    # covenant articles only, in number order (9 before 10 before 11)
    positions = [text.index(f"Artikel {n}") for n in ("9", "10", "11")]
    assert positions == sorted(positions)
    assert "Duur, wijziging en beëindiging" in text and "Toetreding" in text
    assert "Het doel is de veiligheid van het kind." not in text  # a protocol article
    # generated partnership data
    assert "Gegevens van het samenwerkingsverband" in text
    assert "Penvoerder" in text and "Stuurgroep" in text and "strategisch" in text
    assert "1 januari 2026" in text
    assert "24 maanden (tot en met 31 december 2027)" in text
    assert "1 december 2026" in text
    assert "Open voor toetreding, na de evaluatie van 1 december 2026" in text
    assert "drie maanden" in text
    assert "Partners lossen geschillen eerst in onderling overleg op." in text
    assert "art. 11 samenwerkingsovereenkomst" in text
    # signature page: one block per partner
    assert "Ondertekening" in text
    assert html.count('class="signature"') == len(covenant.partners)
    assert text.count("Handtekening") == len(covenant.partners)


def test_protocol_html_has_articles_and_generated_tables(covenant: Covenant) -> None:
    text = visible_text(html_of(covenant, DocumentKind.PROTOCOL, IN_FORCE))
    assert "Privacyprotocol" in text
    assert "Artikel 2" in text and "Doel" in text and "Artikel 6" in text
    assert "Geheimhouding" in text
    assert "Wijzigingen zijn slechts geldig" not in text  # a covenant article
    # per partner: tasks, ground, secrecy, retention, contact, complaints
    assert "kindermishandeling (Wmo 2015 art. 4.1.1)" in text
    assert "AVG art. 6 lid 1 sub e (taak van algemeen belang)" in text
    assert "Geheimhoudingsplicht jeugdhulp (Jeugdwet art. 7.3.11)" in text
    # per partner: the special and criminal data it may receive, with the basis (S3)
    assert "Bijzondere en strafrechtelijke gegevens" in text
    assert "Gezondheid (Wmo 2015 art. 4.1.1 jo. UAVG art. 30 lid 3)" in text
    assert text.count("Geen: deze partner ontvangt geen bijzondere of strafrechtelijke "
                      "persoonsgegevens") == 1  # the police, in the minimal covenant
    assert "Dossier jeugdhulp: 15 jaar (Jeugdwet art. 7.3.8)" in text
    assert "Politiegegevens: vijf jaar (Wet politiegegevens art. 8)" in text
    assert "privacy@vt-kleinstad.example" in text
    assert "Klachtenregeling politie" in text
    # data categories with their kind in Dutch, sensitivity and exception
    assert "algemeen" in text
    assert "bijzonder (AVG art. 9)" in text
    assert "buitenkant-informatie" in text
    assert "zeer hoog" in text
    assert "UAVG art. 30 lid 3 (jeugdhulp en zorg)" in text
    # purposes, recipients, compatible purposes, steps
    assert "Veiligheid van het kind" in text and "Monitoring" in text
    assert "Verenigbare doelen" in text
    assert "1. Signaal" in text and "2. Analyse" in text
    assert "Gegevens per stap" in text
    assert "V + D" in text  # identiteit is recorded and shared in step 2
    assert "Signaal ontvangen en wegen" in text
    # consent and age from the covenant numbers
    assert "jonger dan 12 jaar" in text
    assert "12 tot en met 15 jaar" in text
    assert "16 jaar en ouder" in text
    assert "de jeugdige zelf" in text
    # deadlines
    assert "binnen een maand na ontvangst" in text
    assert "te verlengen met twee maanden" in text
    assert "beslissing binnen vier weken" in text
    assert "uiterlijk binnen 24 uur" in text
    assert "binnen 72 uur" in text


def test_all_category_kinds_render_in_dutch(covenant: Covenant) -> None:
    data = raw()
    data["data_categories"] += [
        {
            "id": "strafblad",
            "name": "Justitiële gegevens",
            "kind": "criminal",
            "sensitivity": "very_high",
            "exception": "UAVG art. 33",
        },
        {"id": "bsn", "name": "Burgerservicenummer", "kind": "bsn", "sensitivity": "high"},
    ]
    text = visible_text(html_of(covenant_from(data), DocumentKind.PROTOCOL))
    for kind in (
        "algemeen",
        "bijzonder (AVG art. 9)",
        "strafrechtelijk (AVG art. 10)",
        "BSN",
        "buitenkant-informatie",
    ):
        assert kind in text


def test_status_banner_and_draft_watermark(covenant: Covenant) -> None:
    draft = html_of(covenant, DocumentKind.COVENANT, DRAFT)
    assert "status-banner status-draft" in draft
    assert DRAFT in draft
    assert 'class="watermark"' in draft and "CONCEPT" in draft
    final = html_of(covenant, DocumentKind.COVENANT, IN_FORCE)
    assert "status-banner" in final and IN_FORCE in final
    assert 'class="watermark"' not in final
    assert 'class="status-banner status-draft"' not in final


def test_user_data_is_escaped(covenant: Covenant) -> None:
    data = raw()
    data["partners"][0]["name"] = 'Gemeente <script>alert("x")</script> & Co'
    data["articles"][0]["text"] = "Tekst met <b>opmaak</b> & meer."
    cov = covenant_from(data)
    for kind in DocumentKind:
        html = html_of(cov, kind, status='<img src=x onerror="y">')
        assert "<script>" not in html
        assert "<b>opmaak</b>" not in html
        assert "<img" not in html
        assert "Gemeente &lt;script&gt;" in html
    assert "&lt;b&gt;opmaak&lt;/b&gt; &amp; meer." in html_of(cov, DocumentKind.COVENANT)


def test_english_translates_labels_not_article_texts(covenant: Covenant) -> None:
    html = html_of(covenant, DocumentKind.PROTOCOL, lang="en")
    assert '<html lang="en">' in html
    text = visible_text(html)
    assert "Privacy protocol" in text
    assert "Article 2" in text
    assert "GDPR art. 6(1)(e) (task in the public interest)" in text
    assert "Het doel is de veiligheid van het kind." in text  # article text as written
    assert "Partijen" not in text and "Parties" in text
    leaflet = visible_text(html_of(covenant, DocumentKind.LEAFLET, lang="en"))
    assert "What are your rights?" in leaflet
    assert "Autoriteit Persoonsgegevens" in leaflet
    assert '<html lang="en">' in html_of(covenant, DocumentKind.LEAFLET, lang="en-gb")
    # a language without labels falls back to Dutch, the language of the documents
    assert '<html lang="nl">' in html_of(covenant, DocumentKind.COVENANT, lang="de")


def test_article_text_paragraphs_and_enumerations() -> None:
    data = raw()
    data["articles"][0]["text"] = (
        "Inleidende zin die over\ntwee regels loopt.\n\n"
        "1. Eerste lid.\n2. Tweede lid\n   dat doorloopt.\na. onderdeel"
    )
    text = html_of(covenant_from(data), DocumentKind.COVENANT)
    assert "<p>Inleidende zin die over twee regels loopt.</p>" in text
    assert '<p class="item">1. Eerste lid.</p>' in text
    assert '<p class="item">2. Tweede lid dat doorloopt.</p>' in text
    assert '<p class="subitem">a. onderdeel</p>' in text


def test_articles_sorted_naturally_and_annexes_follow_signatures() -> None:
    data = raw()
    data["articles"] += [
        {
            "id": "ov-2a",
            "document": "covenant",
            "number": "2a",
            "title": "Tussenartikel",
            "text": "Tekst.",
        },
        {
            "id": "ov-2",
            "document": "covenant",
            "number": "2",
            "title": "Governance",
            "text": "Tekst.",
        },
        {
            "id": "bijl-1",
            "document": "annex",
            "number": "1",
            "title": "Wegwijzer",
            "text": "Bijlagetekst.",
        },
    ]
    text = visible_text(html_of(covenant_from(data), DocumentKind.COVENANT))
    order = [text.index(s) for s in ("Artikel 2 ", "Artikel 2a", "Artikel 9", "Artikel 10")]
    assert order == sorted(order)
    assert text.index("Ondertekening") < text.index("Bijlage 1") < text.index("Bijlagetekst.")


# --- leaflet (B1) --------------------------------------------------------------------------


def sentences(text: str) -> list[list[str]]:
    out = []
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.?!])\s+", line.strip()):
            words = re.findall(r"[\wÀ-ÿ@.'’-]+", sentence)
            if words:
                out.append(words)
    return out


def assert_plain_language(cov: Covenant, text: str) -> None:
    """B1-ish: short sentences, no legal jargon, every partner and the AP named."""
    found = sentences(text)
    average = sum(len(s) for s in found) / len(found)
    assert average < 15, f"average sentence length {average:.1f} words"
    for jargon in ("verwerkingsverantwoordelijke", "grondslag"):
        assert jargon not in text.lower(), jargon
    for partner in cov.partners:
        assert partner.name in text
    assert "Autoriteit Persoonsgegevens" in text


def test_leaflet_is_plain_language(covenant: Covenant) -> None:
    text = visible_text(html_of(covenant, DocumentKind.LEAFLET, IN_FORCE))
    assert_plain_language(covenant, text)
    assert max(len(s) for s in sentences(text)) <= 25
    lowered = text.lower()
    for jargon in (
        "verwerkingsverantwoordelijke",
        "grondslag",
        "betrokkene",
        "avg",
        "verwerking",
        "rechtsgeldig",
        "bijzondere persoonsgegevens",
    ):
        assert jargon not in lowered, jargon
    # one form of address: "je", never "u"/"uw"
    assert not re.search(r"\b(u|uw|U|Uw)\b", text)
    assert re.search(r"\bje\b", text)
    for heading in (
        "Waarom delen wij gegevens?",
        "Welke gegevens?",
        "Met wie?",
        "Wat zijn je rechten?",
        "Heb je een vraag of klacht?",
    ):
        assert heading in text
    for partner in covenant.partners:
        assert partner.name in text
        assert partner.privacy_contact.email in text
        assert partner.complaint_procedure.description in text
    assert "Autoriteit Persoonsgegevens" in text
    assert "onafhankelijke cliëntondersteuner" in text
    for purpose in covenant.purposes:
        assert purpose.name in text
    for category in covenant.data_categories:
        assert category.name in text
    assert "Ben je jonger dan 12? Dan beslissen je ouders of je voogd." in text
    assert "Ben je 12, 13, 14 of 15? Dan beslis je samen met je ouders of je voogd." in text
    assert "Ben je 16 of ouder? Dan beslis je zelf." in text
    assert "Je krijgt binnen een maand antwoord." in text
    for right in (
        "bekijken",
        "verbeteren",
        "verwijderen",
        "niet te gebruiken",
        "bezwaar",
        "eigen verklaring",
    ):
        assert right in text


def test_leaflet_follows_the_covenant_settings() -> None:
    data = raw()
    data["consent"] = {"representatives_only_below": 12, "child_alone_from": 18}
    data["deadlines"] = {"rights_request": {"weeks": 4, "extension_months": 0}}
    data["partnership"]["joint_dossier"] = True
    text = visible_text(html_of(covenant_from(data), DocumentKind.LEAFLET))
    assert "Ben je tussen 12 en 17 jaar? Dan beslis je samen met je ouders of je voogd." in text
    assert "Ben je 18 of ouder? Dan beslis je zelf." in text
    assert "Je krijgt binnen vier weken antwoord." in text
    assert "langer duren" not in text
    assert "vaste hulpverlener" not in text  # no "your dossier is with ..." for a joint dossier
    protocol = visible_text(html_of(covenant_from(data), DocumentKind.PROTOCOL))
    assert "binnen vier weken na ontvangst" in protocol
    assert "12 tot en met 17 jaar" in protocol and "18 jaar en ouder" in protocol


# --- PDF -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_pdf_renders_with_name_and_content(covenant: Covenant, kind: DocumentKind) -> None:
    pdf = render_pdf(covenant, kind, version_label=VERSION, status_text=DRAFT)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    pages = pdf_pages_text(covenant, kind, DRAFT)
    assert len(pages) >= 1
    everything = " ".join(pages)
    assert covenant.partnership.name in everything
    assert DRAFT in pages[0]
    assert f"pagina 1 van {len(pages)}" in pages[0]
    if kind == DocumentKind.COVENANT:
        assert "Duur, wijziging en beëindiging" in everything
    elif kind == DocumentKind.PROTOCOL:
        assert "Geheimhouding" in everything
        assert "AVG art. 6 lid 1 sub e (taak van algemeen belang)" in everything
    else:
        assert len(pages) <= 2
        assert "Autoriteit Persoonsgegevens" in everything


def test_pdf_running_header_and_metadata(covenant: Covenant) -> None:
    document = layout_pdf(
        covenant, DocumentKind.PROTOCOL, version_label=VERSION, status_text=IN_FORCE
    )
    assert len(document.pages) >= 2
    second = " ".join(
        box.text
        for box in document.pages[1]._page_box.descendants()
        if isinstance(box, boxes.TextBox)
    )
    assert "Samenwerkingsverband Proef Klein Privacyprotocol · versie 2026.1" in second
    assert f"pagina 2 van {len(document.pages)}" in second
    assert document.metadata.title is not None
    assert "Privacyprotocol" in document.metadata.title
    assert VERSION in document.metadata.title


def test_pdf_never_fetches_external_resources(covenant: Covenant) -> None:
    fetcher = render._local_only_fetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/tracker.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    data = raw()
    data["partners"][0]["name"] = '<img src="https://example.org/x.png">Gemeente'
    # escaped, so nothing to fetch; rendering completes offline
    assert render_pdf(
        covenant_from(data), DocumentKind.LEAFLET, version_label=VERSION, status_text=IN_FORCE
    ).startswith(b"%PDF")


def test_protocol_pdf_renders_reasonably_fast(covenant: Covenant) -> None:
    render_pdf(covenant, DocumentKind.PROTOCOL, version_label=VERSION, status_text=DRAFT)
    start = time.perf_counter()
    render_pdf(covenant, DocumentKind.PROTOCOL, version_label=VERSION, status_text=DRAFT)
    elapsed = time.perf_counter() - start
    assert elapsed < 10, f"protocol PDF took {elapsed:.2f} s"


# --- DOCX ----------------------------------------------------------------------------------


def test_covenant_docx_has_headings_tables_and_properties(covenant: Covenant) -> None:
    document = open_docx(
        render_docx(covenant, DocumentKind.COVENANT, version_label=VERSION, status_text=DRAFT)
    )
    headings = {
        p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")
    }
    assert headings["Artikel 9 Duur, wijziging en beëindiging"] == "Heading 2"
    assert headings["Artikel 10 Toetreding"] == "Heading 2"
    assert headings["Partijen"] == "Heading 1"
    assert headings["Ondertekening"] == "Heading 1"
    assert headings["Gegevens van het samenwerkingsverband"] == "Heading 1"
    tables = docx_tables_text(document)
    assert any(
        all(p.name in table and p.controller in table for p in covenant.partners)
        for table in tables
    )
    assert any("Handtekening" in table and "A. de Vries" in table for table in tables)
    section = document.sections[0]
    assert VERSION in section.header.paragraphs[0].text
    assert DRAFT in section.footer.paragraphs[0].text
    props = document.core_properties
    assert "Samenwerkingsovereenkomst" in props.title
    assert props.subject == covenant.partnership.name
    assert VERSION in props.keywords and VERSION in props.comments
    assert DRAFT in props.comments
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Wijzigingen zijn slechts geldig" in body


def test_protocol_docx_has_partner_tables_and_articles(covenant: Covenant) -> None:
    document = open_docx(
        render_docx(covenant, DocumentKind.PROTOCOL, version_label=VERSION, status_text=IN_FORCE)
    )
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Artikel 2 Doel" in headings
    assert "Artikel 6 Geheimhouding" in headings
    for partner in covenant.partners:
        assert partner.name in headings
    tables = "\n".join(docx_tables_text(document))
    assert "AVG art. 6 lid 1 sub e (taak van algemeen belang)" in tables
    assert "bijzonder (AVG art. 9)" in tables
    assert "12 tot en met 15 jaar" in tables
    assert IN_FORCE in document.sections[0].footer.paragraphs[0].text


def test_leaflet_docx_opens(covenant: Covenant) -> None:
    document = open_docx(
        render_docx(covenant, DocumentKind.LEAFLET, version_label=VERSION, status_text=IN_FORCE)
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Wat zijn je rechten?" in text
    assert "Autoriteit Persoonsgegevens" in text


# --- file names ----------------------------------------------------------------------------


def test_filename_is_stable(covenant: Covenant) -> None:
    assert (
        filename(covenant, DocumentKind.PROTOCOL, "2026.1", "pdf")
        == "proef-klein-privacyprotocol-2026.1.pdf"
    )
    assert filename(covenant, DocumentKind.COVENANT, "2026.1", ".DOCX") == (
        "proef-klein-convenant-2026.1.docx"
    )
    assert filename(covenant, DocumentKind.LEAFLET, "2026.1", "html") == (
        "proef-klein-folder-2026.1.html"
    )
    assert filename(covenant, DocumentKind.LEAFLET, " 2026/2 concept ", "pdf") == (
        "proef-klein-folder-2026-2-concept.pdf"
    )


# --- big inputs ----------------------------------------------------------------------------

LONG_ARTICLE = (
    "1. Partners sluiten de onderhavige overeenkomst ten behoeve van de samenwerking binnen "
    "het samenwerkingsverband en leggen daarin hun afspraken vast over doel, werkwijze en "
    "rechtsbescherming van betrokkenen.\n"
    "2. Partners voeren in de samenwerking hun eigen wettelijke taken uit en maken daarbij "
    "gebruik van de deskundigheid van de andere Partners.\n"
    "3. Partners dragen er zorg voor dat zij zorgvuldig omgaan met de persoonsgegevens van "
    "betrokkenen, conform de geldende wet- en regelgeving:\n"
    "a. niet meer gegevens dan noodzakelijk;\n"
    "b. niet met meer Partners dan noodzakelijk;\n"
    "c. met een overeenkomstig doel.\n\n"
    "Een zeer lang woord als Jeugdbeschermingsketensamenwerkingsverbandsovereenkomstbepaling "
    "mag de opmaak niet breken."
)


def big_covenant() -> Covenant:
    """Thirteen partners, many categories, purposes, steps and long articles (cf. seed 003)."""
    data = raw()
    base = data["partners"][0]
    for n in range(10):
        partner = copy.deepcopy(base)
        partner.update(
            id=f"zorg-{n}",
            name=f"Stichting Jeugd- en Gezinszorg Midden-Limburg Regio {n}",
            short_name=f"JGZ{n}",
            kind="shell" if n % 3 == 0 else "core",
        )
        partner["privacy_contact"] = {
            "name": f"F. Functionaris{n}",
            "function": "Functionaris gegevensbescherming",
            "email": f"fg{n}@jeugd-en-gezinszorg-regio-{n}.example",
            "phone": "088 123 45 67",
        }
        partner["complaint_procedure"] = {
            "description": f"Klachtenregeling cliënten JGZ{n}",
            "url": f"https://jgz{n}.example/klachten",
        }
        partner["statutory_tasks"] = base["statutory_tasks"] * 3
        data["partners"].append(partner)
    for n in range(12):
        data["data_categories"].append(
            {
                "id": f"cat-{n}",
                "name": f"Gegevens over onderwerp nummer {n}",
                "kind": "special" if n % 2 else "general",
                "sensitivity": "high",
                "description": "Een beschrijving van deze categorie persoonsgegevens.",
                "exception": "UAVG art. 30 lid 3" if n % 2 else None,
            }
        )
    ids = [p["id"] for p in data["partners"]]
    for n in range(6):
        data["purposes"].append(
            {
                "id": f"doel-{n}",
                "name": f"Doel nummer {n}",
                "description": "Het bieden van passende hulp en bescherming aan het gezin.",
                "recipients": [
                    {"partner": i, "ground": "6.1.e", "basis": "Jeugdwet art. 2.3"} for i in ids
                ],
                "categories": [f"cat-{k}" for k in range(12)],
                "compatible_with": ["veiligheid-kind"],
            }
        )
    for n in range(8):
        data["steps"].append(
            {
                "id": f"stap-{n}",
                "name": f"Stap {n} van het werkproces",
                "purpose": "monitoring",
                "activities": ["Gesprek met het gezin", "Plan opstellen", "Evalueren"],
                "record": ["identiteit", "cat-1", "cat-2"],
                "share": ["bekend-bij"],
            }
        )
    data["partnership"]["case_criteria"] = ["Zorgen over de veiligheid van een kind."] * 3
    data["partnership"]["governance_bodies"][0]["members"] = ids
    for n in range(12, 30):
        for doc_kind, prefix in (("covenant", "ov"), ("protocol", "pp")):
            data["articles"].append(
                {
                    "id": f"{prefix}-{n}",
                    "document": doc_kind,
                    "number": str(n),
                    "title": f"Bepaling over onderwerp {n}",
                    "text": LONG_ARTICLE,
                }
            )
    return covenant_from(data)


def render_everything(cov: Covenant) -> dict[DocumentKind, int]:
    """Every document in every format; the number of PDF pages per document."""
    pages: dict[DocumentKind, int] = {}
    for kind in DocumentKind:
        html = render_html(cov, kind, version_label=VERSION, status_text=DRAFT)
        assert cov.partnership.name in html_lib.unescape(html)
        document = layout_pdf(cov, kind, version_label=VERSION, status_text=DRAFT)
        pages[kind] = len(document.pages)
        assert document.write_pdf().startswith(b"%PDF")
        opened = open_docx(render_docx(cov, kind, version_label=VERSION, status_text=DRAFT))
        assert opened.paragraphs
        for partner in cov.partners:
            assert partner.name in html_lib.unescape(html)
    return pages


def test_big_covenant_renders() -> None:
    cov = big_covenant()
    pages = render_everything(cov)
    assert pages[DocumentKind.COVENANT] >= 5
    assert pages[DocumentKind.PROTOCOL] >= 10
    assert pages[DocumentKind.LEAFLET] <= 3


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_covenants_render(path: Path) -> None:
    cov = covenant_from(yaml.safe_load(path.read_text(encoding="utf-8")))
    pages = render_everything(cov)
    assert pages[DocumentKind.LEAFLET] <= 2
    assert_plain_language(cov, visible_text(html_of(cov, DocumentKind.LEAFLET)))
    text = visible_text(html_of(cov, DocumentKind.PROTOCOL))
    for article in cov.articles:
        if article.document == "protocol" and article.part_of is None:
            assert f"Artikel {article.number}" in text and article.title in text
