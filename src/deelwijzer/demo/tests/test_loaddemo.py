"""The demo: loaded once, idempotent, signed and in force, a login for every role."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from deelwijzer.accounts.models import Professional, RoleChoices
from deelwijzer.covenant.models import CovenantVersion, VersionStatus

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("loaddemo", *args, stdout=out)
    return out.getvalue()


def test_loaddemo_is_idempotent_and_in_force():
    run()
    users = Professional.objects.count()
    run()
    assert Professional.objects.count() == users
    version = CovenantVersion.objects.get()
    assert version.status == VersionStatus.IN_FORCE
    assert version.signatures.count() == version.partnership.partners.count()


def test_list_users_prints_every_role_username_first():
    lines = run("--list-users").strip().splitlines()
    usernames = {line.split()[0] for line in lines}
    assert {"regisseur", "voorzitter", "coordinator", "privacy", "sysadmin"} <= usernames
    roles_seen = {r.role for r in Professional.objects.get(username="regisseur")
                  .role_assignments.all()}
    assert "case_director" in roles_seen
    director = next(line for line in lines if line.startswith("regisseur "))
    assert "regisseur" in director.lower() or "director" in director.lower()
    every_role = {r for p in Professional.objects.all() for r in p.roles}
    assert every_role == {RoleChoices(c).value for c in RoleChoices.values}
