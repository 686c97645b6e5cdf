"""Short translated labels for covenant terms, shared by pages, documents and messages."""

from __future__ import annotations

from django.utils.translation import gettext as _

from deelwijzer.covenant.schema import Article, Covenant


def document_name(document: str) -> str:
    return {
        "covenant": _("covenant"),
        "protocol": _("privacy protocol"),
        "annex": _("annex"),
    }.get(document, document)


def article_citation(article: Article) -> str:
    """E.g. "privacyprotocol art. 6.4b"."""
    return f"{document_name(article.document)} art. {article.number}"


def citations(covenant: Covenant, article_ids: list[str]) -> str:
    """E.g. " (convenant art. 10)", or "" when no articles are given."""
    if not article_ids:
        return ""
    return " (" + ", ".join(article_citation(covenant.article(i)) for i in article_ids) + ")"
