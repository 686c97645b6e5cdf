"""Writes to covenant data: import a version, record signatures, bring a version into force.

C8: a version comes into force only when every partner in it has signed; amendments are new
versions and old ones stay readable. C9: a partner joins only through a new version, and only
after the evaluation date when the covenant in force says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.accounts.roles import Role
from deelwijzer.covenant.loader import load_covenant
from deelwijzer.covenant.models import (
    CovenantVersion,
    Partner,
    Partnership,
    Signature,
    VersionStatus,
)
from deelwijzer.covenant.schema import Covenant
from deelwijzer.covenant.selectors import version_covenant, version_in_force_changed
from deelwijzer.covenant.texts import citations


class CovenantActionRefused(Exception):
    """A covenant action the rules do not allow; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check_accession(current: Covenant, new: Covenant, today: dt.date) -> None:
    """C9: refuse partners that join against the accession rules of the version in force."""
    joining = {p.id for p in new.partners} - {p.id for p in current.partners}
    if not joining:
        return
    accession = current.partnership.accession
    names = ", ".join(sorted(new.partner(pid).name for pid in joining))
    cite = citations(current, accession.articles)
    if not accession.open:
        raise CovenantActionRefused(
            _("%(names)s cannot join: the covenant in force is closed to new partners%(cite)s.")
            % {"names": names, "cite": cite}
        )
    first_evaluation = min(current.partnership.evaluation_dates)
    if accession.after_evaluation and today < first_evaluation:
        raise CovenantActionRefused(
            _(
                "%(names)s cannot join before the evaluation of %(date)s: the covenant in force "
                "admits new partners only after the evaluation%(cite)s."
            )
            % {"names": names, "date": first_evaluation.strftime("%d-%m-%Y"), "cite": cite}
        )


def _sync_partners(partnership: Partnership, covenant: Covenant) -> None:
    for p in covenant.partners:
        Partner.objects.update_or_create(
            partnership=partnership, key=p.id, defaults={"name": p.name, "kind": p.kind.value}
        )


@transaction.atomic
def covenant_version_import(
    *, text: str | bytes, imported_by: Any = None, today: dt.date | None = None
) -> CovenantVersion:
    """Import a covenant text as a new draft version (raises CovenantInvalid on bad input,
    e.g. bytes that are not UTF-8, with the line)."""
    covenant = load_covenant(text)
    if isinstance(text, bytes):
        text = text.decode("utf-8")  # the loader has checked it decodes
    today = today or timezone.localdate()
    partnership, _created = Partnership.objects.select_for_update().get_or_create(
        key=covenant.partnership.id,
        defaults={"name": covenant.partnership.name, "region": covenant.partnership.region},
    )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    latest = partnership.versions.order_by("-number").first()
    if latest is not None and latest.source_sha256 == digest:
        raise CovenantActionRefused(
            _("This text is identical to version %(number)s; nothing to import.")
            % {"number": latest.number}
        )
    if partnership.versions.filter(label=covenant.version).exists():
        raise CovenantActionRefused(
            _("Version label %(label)s is used already; give the amendment a new label.")
            % {"label": covenant.version}
        )
    if partnership.versions.filter(status=VersionStatus.DRAFT).exists():
        raise CovenantActionRefused(
            _("There is already a draft version awaiting signatures; sign or withdraw it first.")
        )
    in_force = partnership.versions.filter(status=VersionStatus.IN_FORCE).first()
    if in_force is not None:
        _check_accession(version_covenant(in_force), covenant, today)
    _sync_partners(partnership, covenant)
    return CovenantVersion.objects.create(
        partnership=partnership,
        number=(latest.number + 1) if latest else 1,
        label=covenant.version,
        source=text,
        source_sha256=digest,
        imported_by=imported_by,
    )


def may_manage_versions(professional: Any) -> bool:
    """Importing and withdrawing versions: privacy officers and system administrators."""
    return bool(
        professional.has_role(Role.PRIVACY_OFFICER) or professional.has_role(Role.SYSTEM_ADMIN)
    )


@transaction.atomic
def covenant_version_withdraw(*, version: CovenantVersion, withdrawn_by: Any) -> None:
    """Remove a draft nobody has signed yet (a signed draft stays, as evidence)."""
    if not may_manage_versions(withdrawn_by):
        raise CovenantActionRefused(
            _("Only a privacy officer or system administrator may do this."))
    if version.status != VersionStatus.DRAFT:
        raise CovenantActionRefused(_("Only a draft version can be withdrawn."))
    if version.signatures.exists():
        raise CovenantActionRefused(
            _("This draft has signatures already; import an amended version instead.")
        )
    version.delete()


def may_record_signature(professional: Any, partner: Partner) -> bool:
    """An authorised person of the partner: its partner administrator."""
    return bool(
        professional.is_authenticated
        and professional.partner_id == partner.pk
        and professional.has_role(Role.PARTNER_ADMIN)
    )


@transaction.atomic
def covenant_version_sign(
    *, version: CovenantVersion, partner: Partner, signed_on: dt.date, recorded_by: Any
) -> Signature:
    """Record a partner's signature; the last signature brings the version into force."""
    version = CovenantVersion.objects.select_for_update().get(pk=version.pk)
    covenant = version_covenant(version)
    if version.status != VersionStatus.DRAFT:
        raise CovenantActionRefused(_("This version is not a draft; it cannot be signed anymore."))
    if partner.partnership_id != version.partnership_id or partner.key not in {
        p.id for p in covenant.partners
    }:
        raise CovenantActionRefused(_("%(partner)s is not a party to this version.") % {
            "partner": partner.name})
    if not may_record_signature(recorded_by, partner):
        raise CovenantActionRefused(
            _("Only a partner administrator of %(partner)s may record its signature.")
            % {"partner": partner.name}
        )
    if signed_on > timezone.localdate():
        raise CovenantActionRefused(_("The signing date cannot be in the future."))
    if version.signatures.filter(partner=partner).exists():
        raise CovenantActionRefused(_("%(partner)s has signed this version already.") % {
            "partner": partner.name})
    signatory = covenant.partner(partner.key).signatory
    signature = Signature.objects.create(
        version=version,
        partner=partner,
        signatory_name=signatory.name,
        signatory_function=signatory.function,
        signed_on=signed_on,
        recorded_by=recorded_by,
    )
    if version.signatures.count() == len(covenant.partners):
        _bring_into_force(version)
    return signature


def _bring_into_force(version: CovenantVersion) -> None:
    partnership = version.partnership
    partnership.versions.filter(status=VersionStatus.IN_FORCE).update(
        status=VersionStatus.SUPERSEDED
    )
    covenant = version_covenant(version)
    version.status = VersionStatus.IN_FORCE
    version.in_force_since = timezone.now()
    version.save(update_fields=["status", "in_force_since"])
    partnership.name = covenant.partnership.name
    partnership.region = covenant.partnership.region
    partnership.save(update_fields=["name", "region"])
    _sync_partners(partnership, covenant)
    version_in_force_changed()
