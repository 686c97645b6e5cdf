"""Reads of covenant data."""

from __future__ import annotations

from contextvars import ContextVar

from django.db.models import QuerySet

from deelwijzer.covenant.compiled import compile_covenant
from deelwijzer.covenant.loader import load_covenant
from deelwijzer.covenant.models import CovenantVersion, Partnership, VersionStatus
from deelwijzer.covenant.schema import Covenant
from deelwijzer.policy import CovenantIndex
from deelwijzer.selectors import ALL, Listing, Window, window_of

# Parsed and compiled covenants, per process, by content hash (a version's source never
# changes: a new text is a new version). Keyed by the hash alone, so a lookup does not hash the
# whole source text again.
_PARSED: dict[str, Covenant] = {}
_COMPILED: dict[tuple[str, str], CovenantIndex] = {}
_CACHE_SIZE = 32


def version_covenant(version: CovenantVersion) -> Covenant:
    """The parsed covenant of a stored version (validated at import; cached by content hash)."""
    covenant = _PARSED.get(version.source_sha256)
    if covenant is None:
        if len(_PARSED) >= _CACHE_SIZE:
            _PARSED.clear()
        covenant = _PARSED[version.source_sha256] = load_covenant(version.source)
    return covenant


def policy_index(version: CovenantVersion) -> CovenantIndex:
    """The covenant version compiled into the decision point's lookup tables (once per version
    and process). Decisions record its version label."""
    key = (version.source_sha256, version.label)
    index = _COMPILED.get(key)
    if index is None:
        if len(_COMPILED) >= _CACHE_SIZE:
            _COMPILED.clear()
        index = _COMPILED[key] = compile_covenant(version_covenant(version), version.label)
    return index


# The version in force, once per request: read at the first question of a request and kept
# until its end (``request_started``/``request_finished``, connected in apps.py), so a page that
# asks twenty times runs one query. Every request reads it afresh, so a version brought into
# force by another process counts from that process's commit on; one brought into force in
# this request counts at once (``version_in_force_changed``). Outside a request (commands,
# services called from tests) every question reads the database.
_IN_FORCE: ContextVar[dict[int, CovenantVersion | None] | None] = ContextVar(
    "deelwijzer_version_in_force", default=None)


def version_scope_begin(**kwargs: object) -> None:
    _IN_FORCE.set({})


def version_scope_end(**kwargs: object) -> None:
    _IN_FORCE.set(None)


def version_in_force_changed() -> None:
    """A version came into force or left it: forget what this request read."""
    memo = _IN_FORCE.get()
    if memo is not None:
        memo.clear()


def version_in_force(partnership: Partnership) -> CovenantVersion | None:
    memo = _IN_FORCE.get()
    if memo is not None and partnership.pk in memo:
        return memo[partnership.pk]
    # Without its source text (125 kB for the demo covenant): the parsed covenant is cached by
    # the text's hash, so the text is read (one more query) only the first time per process.
    version = partnership.versions.filter(status=VersionStatus.IN_FORCE).defer("source").first()
    if memo is not None:
        memo[partnership.pk] = version
    return version


def partnership_versions(partnership: Partnership) -> QuerySet[CovenantVersion]:
    return partnership.versions.prefetch_related("signatures__partner").order_by("-number")


def versions_listing(partnership: Partnership | None,
                     window: Window = ALL) -> Listing[CovenantVersion]:
    """A page of the partnership's covenant versions, newest first (none without one)."""
    if partnership is None:
        return Listing([], 0)
    return window_of(partnership.versions.order_by("-number", "-pk"), window)


def version_signature_status(version: CovenantVersion) -> list[dict[str, object]]:
    """Per partner in the version: its name, signatory and signature (or None)."""
    covenant = version_covenant(version)
    signed = {s.partner.key: s for s in version.signatures.select_related("partner")}
    partners = {p.key: p for p in version.partnership.partners.all()}
    return [
        {
            "key": p.id,
            "partner": partners.get(p.id),
            "name": p.name,
            "kind": p.kind.value,
            "signatory": p.signatory,
            "signature": signed.get(p.id),
        }
        for p in covenant.partners
    ]
