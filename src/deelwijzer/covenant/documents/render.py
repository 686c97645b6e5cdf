"""Rendering a document model to HTML and PDF (WeasyPrint) and DOCX (python-docx); file names."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string

from deelwijzer.covenant.documents.build import build_document
from deelwijzer.covenant.documents.model import (
    _FILE_SLUGS,
    TEMPLATE_DIR,
    ArticleBlock,
    Block,
    BulletList,
    DocumentKind,
    DocumentModel,
    Heading,
    Inline,
    Paragraph,
    Signatures,
    Table,
)
from deelwijzer.covenant.schema import (
    Covenant,
)

if TYPE_CHECKING:
    from weasyprint.document import Document as WeasyDocument


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
