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

The modules: ``model`` (the document model), ``words`` (the generated words, Dutch and English),
``build`` (the three documents as models) and ``render`` (HTML, PDF, DOCX, file names).
"""

from deelwijzer.covenant.documents.model import LANGUAGES, DocumentKind
from deelwijzer.covenant.documents.render import (
    filename,
    layout_pdf,
    render_docx,
    render_html,
    render_pdf,
)

__all__ = [
    "LANGUAGES",
    "DocumentKind",
    "filename",
    "layout_pdf",
    "render_docx",
    "render_html",
    "render_pdf",
]
