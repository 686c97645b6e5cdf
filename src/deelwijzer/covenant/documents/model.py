"""The format-neutral document model that the builders make and the renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    pass


class DocumentKind(StrEnum):
    """The documents rendered from a covenant."""

    COVENANT = "covenant"  # samenwerkingsovereenkomst / convenant
    PROTOCOL = "protocol"  # privacyprotocol
    LEAFLET = "leaflet"  # client leaflet (folder), plain Dutch B1


LANGUAGES = ("nl", "en")
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "covenant" / "documents"
_FILE_SLUGS = {
    DocumentKind.COVENANT: "convenant",
    DocumentKind.PROTOCOL: "privacyprotocol",
    DocumentKind.LEAFLET: "folder",
}
AP_NAME = "Autoriteit Persoonsgegevens"
AP_SITE = "www.autoriteitpersoonsgegevens.nl"


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
