"""Reads of covenant data."""

from __future__ import annotations

from functools import lru_cache

from django.db.models import QuerySet

from deelwijzer.covenant.compiled import compile_covenant
from deelwijzer.covenant.loader import load_covenant
from deelwijzer.covenant.models import CovenantVersion, Partnership, VersionStatus
from deelwijzer.covenant.schema import Covenant
from deelwijzer.policy import CovenantIndex


@lru_cache(maxsize=64)
def _parse(sha256: str, source: str) -> Covenant:
    return load_covenant(source)


def version_covenant(version: CovenantVersion) -> Covenant:
    """The parsed covenant of a stored version (validated at import; cached by content hash)."""
    return _parse(version.source_sha256, version.source)


@lru_cache(maxsize=16)
def _compile(sha256: str, source: str, label: str) -> CovenantIndex:
    return compile_covenant(_parse(sha256, source), label)


def policy_index(version: CovenantVersion) -> CovenantIndex:
    """The covenant version compiled into the decision point's lookup tables (once per version).
    Decisions record its version label."""
    return _compile(version.source_sha256, version.source, version.label)


def version_in_force(partnership: Partnership) -> CovenantVersion | None:
    return partnership.versions.filter(status=VersionStatus.IN_FORCE).first()


def partnership_versions(partnership: Partnership) -> QuerySet[CovenantVersion]:
    return partnership.versions.prefetch_related("signatures__partner").order_by("-number")


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
