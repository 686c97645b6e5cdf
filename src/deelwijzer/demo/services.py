"""The demo partnership: the example covenant, signed and in force, with a login per role."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from deelwijzer.accounts.models import Professional, RoleAssignment
from deelwijzer.accounts.roles import Role
from deelwijzer.covenant.models import CovenantVersion, Partner, VersionStatus
from deelwijzer.covenant.schema import Covenant
from deelwijzer.covenant.selectors import version_covenant
from deelwijzer.covenant.services import covenant_version_import, covenant_version_sign

DEMO_PASSWORD = "deelwijzer-demo"  # noqa: S105 - a published demo password, never in production
DEFAULT_COVENANT = "examples/covenants/toekomstscenario.yaml"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    function: str
    roles: tuple[Role, ...]
    partner: str | None  # partner id in the covenant, or a placeholder resolved below
    vog_years_ago: float = 1
    declaration: bool = True
    note: str = ""


def demo_covenant_path() -> Path:
    return Path(settings.PROJECT_DIR) / DEFAULT_COVENANT


def _people(covenant: Covenant) -> list[DemoUser]:
    core = [p for p in covenant.partners if p.kind == "core"]
    shell = [p for p in covenant.partners if p.kind == "shell"]
    lead = covenant.partnership.lead_partner
    coordinator = covenant.partnership.team_coordinator.partner
    # The certified institution (Jeugdbescherming) usually provides the case director.
    director_partner = next(
        (p.id for p in core if "jeugdbescherming" in p.id),
        next((p.id for p in core if p.id != lead), lead),
    )
    people = [
        DemoUser("regisseur", "Fatima", "El Amrani", "Casusregisseur", (Role.PROFESSIONAL,
                 Role.CASE_DIRECTOR), director_partner, note="case director / casusregisseur"),
        DemoUser("voorzitter", "Henk", "de Boer", "Voorzitter casusoverleg", (Role.PROFESSIONAL,
                 Role.CHAIR), lead),
        DemoUser("coordinator", "Ingrid", "Smits", "Teamcoördinator", (Role.TEAM_COORDINATOR,),
                 coordinator),
        DemoUser("privacy", "Pieter", "Vos", "Functionaris gegevensbescherming",
                 (Role.PRIVACY_OFFICER,), lead),
        DemoUser("sysadmin", "Sanne", "Kok", "Applicatiebeheerder", (Role.SYSTEM_ADMIN,), None),
    ]
    names = ["Anna", "Bram", "Chantal", "Daan", "Esra", "Floor", "Gijs", "Hanna", "Ilse", "Joost"]
    for i, partner in enumerate(core + shell):
        first = names[i % len(names)]
        people.append(DemoUser(f"{partner.id}-beheer", first, "Beheer", "Partnerbeheerder",
                               (Role.PARTNER_ADMIN,), partner.id))
        people.append(DemoUser(f"{partner.id}-prof", first, "Professional",
                               "Jeugdprofessional" if partner.kind == "core" else "Contactpersoon",
                               (Role.PROFESSIONAL,), partner.id))
    people.append(DemoUser("vog-verlopen", "Victor", "Oud", "Jeugdprofessional",
                           (Role.PROFESSIONAL,), director_partner, vog_years_ago=3.5,
                           note="cannot log in: VOG older than three years"))
    if shell:
        people.append(DemoUser("zonder-verklaring", "Zoë", "Nieuw", "Wijkagent",
                               (Role.PROFESSIONAL,), shell[0].id, declaration=False,
                               note="cannot log in: no confidentiality declaration"))
    return people


def _demo_version(text: str) -> CovenantVersion:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    existing = CovenantVersion.objects.filter(source_sha256=digest).first()
    return existing or covenant_version_import(text=text)


@transaction.atomic
def load_demo(covenant_file: Path | None = None) -> tuple[CovenantVersion, list[DemoUser]]:
    """Import, staff and sign the demo covenant. Running it again changes nothing."""
    text = (covenant_file or demo_covenant_path()).read_text(encoding="utf-8")
    version = _demo_version(text)
    covenant = version_covenant(version)
    today = timezone.localdate()
    partners = {p.key: p for p in Partner.objects.filter(partnership=version.partnership)}
    people = _people(covenant)
    for person in people:
        user, created = Professional.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@demo.example",
                "function": person.function,
                "partner": partners.get(person.partner) if person.partner else None,
                "vog_date": today - dt.timedelta(days=round(365.25 * person.vog_years_ago)),
                "confidentiality_declaration_date": today - dt.timedelta(days=60)
                if person.declaration else None,
                "is_staff": Role.SYSTEM_ADMIN in person.roles,
                "is_superuser": Role.SYSTEM_ADMIN in person.roles,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        for role in person.roles:
            RoleAssignment.objects.get_or_create(professional=user, role=role.value)
    if version.status == VersionStatus.DRAFT:
        signed = set(version.signatures.values_list("partner__key", flat=True))
        for p in covenant.partners:
            if p.id in signed:
                continue
            admin = Professional.objects.get(username=f"{p.id}-beheer")
            covenant_version_sign(version=version, partner=partners[p.id],
                                  signed_on=min(today, covenant.partnership.start),
                                  recorded_by=admin)
        version.refresh_from_db()
    return version, people
