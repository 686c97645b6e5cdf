"""Covenant versions: import as draft, signatures, in force, accession (C8, C9)."""

from __future__ import annotations

import datetime as dt

import pytest

from deelwijzer.covenant.loader import CovenantInvalid
from deelwijzer.covenant.models import Partner, VersionStatus
from deelwijzer.covenant.services import (
    CovenantActionRefused,
    covenant_version_import,
    covenant_version_sign,
    covenant_version_withdraw,
)
from deelwijzer.testing.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db
SIGNED_ON = dt.date(2026, 1, 5)


def admin_of(partner: Partner):
    return ProfessionalFactory(partner=partner, roles=["partner_admin"])


def sign_all(version) -> None:
    for partner in version.partnership.partners.all():
        if not version.signatures.filter(partner=partner).exists():
            covenant_version_sign(version=version, partner=partner, signed_on=SIGNED_ON,
                                  recorded_by=admin_of(partner))


def test_import_creates_a_draft_and_the_partners(minimal_covenant_text):
    version = covenant_version_import(text=minimal_covenant_text)
    assert version.status == VersionStatus.DRAFT
    assert version.number == 1 and version.label == "2026.1"
    keys = set(version.partnership.partners.values_list("key", "kind"))
    assert keys == {("gemeente", "core"), ("veilig-thuis", "core"), ("politie", "shell")}


def test_invalid_text_is_refused_and_nothing_is_stored(minimal_covenant_text):
    with pytest.raises(CovenantInvalid):
        covenant_version_import(text=minimal_covenant_text.replace("purposes:", "purpsoes:"))
    from deelwijzer.covenant.models import CovenantVersion

    assert not CovenantVersion.objects.exists()


def test_version_comes_into_force_only_when_every_partner_signed(minimal_covenant_text):
    version = covenant_version_import(text=minimal_covenant_text)
    partners = list(version.partnership.partners.order_by("key"))
    for partner in partners[:-1]:
        covenant_version_sign(version=version, partner=partner, signed_on=SIGNED_ON,
                              recorded_by=admin_of(partner))
        version.refresh_from_db()
        assert version.status == VersionStatus.DRAFT
    covenant_version_sign(version=version, partner=partners[-1], signed_on=SIGNED_ON,
                          recorded_by=admin_of(partners[-1]))
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE and version.in_force_since is not None
    signature = version.signatures.get(partner__key="gemeente")
    assert signature.signatory_name == "A. de Vries"


def test_only_the_partners_own_administrator_records_its_signature(minimal_covenant_text):
    version = covenant_version_import(text=minimal_covenant_text)
    gemeente = version.partnership.partners.get(key="gemeente")
    politie = version.partnership.partners.get(key="politie")
    with pytest.raises(CovenantActionRefused, match="Gemeente Kleinstad"):
        covenant_version_sign(version=version, partner=gemeente, signed_on=SIGNED_ON,
                              recorded_by=admin_of(politie))
    with pytest.raises(CovenantActionRefused):
        covenant_version_sign(version=version, partner=gemeente, signed_on=SIGNED_ON,
                              recorded_by=ProfessionalFactory(partner=gemeente))
    assert not version.signatures.exists()


def test_signing_twice_or_in_the_future_is_refused(minimal_covenant_text):
    version = covenant_version_import(text=minimal_covenant_text)
    gemeente = version.partnership.partners.get(key="gemeente")
    admin = admin_of(gemeente)
    with pytest.raises(CovenantActionRefused):
        covenant_version_sign(version=version, partner=gemeente,
                              signed_on=dt.date.today() + dt.timedelta(days=2), recorded_by=admin)
    covenant_version_sign(version=version, partner=gemeente, signed_on=SIGNED_ON,
                          recorded_by=admin)
    with pytest.raises(CovenantActionRefused):
        covenant_version_sign(version=version, partner=gemeente, signed_on=SIGNED_ON,
                              recorded_by=admin)


def test_amendment_is_a_new_version_and_the_old_stays_readable(minimal_covenant_text):
    first = covenant_version_import(text=minimal_covenant_text)
    sign_all(first)
    amended = minimal_covenant_text.replace('version: "2026.1"', 'version: "2026.2"').replace(
        "Het zo snel mogelijk veilig", "Zo snel mogelijk veilig")
    second = covenant_version_import(text=amended)
    assert second.number == 2 and second.status == VersionStatus.DRAFT
    first.refresh_from_db()
    assert first.status == VersionStatus.IN_FORCE  # until the amendment is signed by all
    sign_all(second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (VersionStatus.SUPERSEDED, VersionStatus.IN_FORCE)
    assert "2026.1" in first.source  # old versions stay readable


def test_identical_text_and_second_draft_are_refused(minimal_covenant_text):
    covenant_version_import(text=minimal_covenant_text)
    with pytest.raises(CovenantActionRefused):
        covenant_version_import(text=minimal_covenant_text)
    with pytest.raises(CovenantActionRefused):
        covenant_version_import(text=minimal_covenant_text.replace("2026.1", "2026.9"))


NEW_PARTNER = """
  - id: woningcorporatie
    name: Woonstichting Kleinstad
    kind: shell
    controller: Woonstichting Kleinstad
    address: {street: Dorpsstraat 9, postal_code: 1234 GH, city: Kleinstad}
    signatory: {name: F. de Wit, function: Bestuurder}
    statutory_tasks:
      - description: Verhuur van woningen
        legal_basis: Woningwet art. 45
    avg_ground: "6.1.e"
    retention:
      - years: 2
        applies_to: Signalen
        basis: Archiefwet
    privacy_contact: {name: G. Bos, email: privacy@woon.example}
    complaint_procedure: {description: Klachtenregeling Woonstichting}
data_categories:"""


def with_new_partner(text: str) -> str:
    return text.replace('version: "2026.1"', 'version: "2026.2"').replace(
        "\ndata_categories:", NEW_PARTNER, 1)


def test_partner_joins_only_after_the_evaluation_date(minimal_covenant_text):
    sign_all(covenant_version_import(text=minimal_covenant_text))
    with pytest.raises(CovenantActionRefused, match="Woonstichting Kleinstad") as refused:
        covenant_version_import(text=with_new_partner(minimal_covenant_text),
                                today=dt.date(2026, 11, 30))
    assert "01-12-2026" in refused.value.message
    joined = covenant_version_import(text=with_new_partner(minimal_covenant_text),
                                     today=dt.date(2026, 12, 1))
    assert joined.partnership.partners.filter(key="woningcorporatie").exists()


def test_closed_covenant_admits_no_new_partner(minimal_covenant_text):
    closed = minimal_covenant_text.replace("open: true", "open: false")
    sign_all(covenant_version_import(text=closed))
    with pytest.raises(CovenantActionRefused):
        covenant_version_import(text=with_new_partner(closed), today=dt.date(2027, 1, 1))


def test_withdraw_only_unsigned_drafts(minimal_covenant_text):
    version = covenant_version_import(text=minimal_covenant_text)
    officer = ProfessionalFactory(roles=["privacy_officer"])
    with pytest.raises(CovenantActionRefused):
        covenant_version_withdraw(version=version, withdrawn_by=ProfessionalFactory())
    gemeente = version.partnership.partners.get(key="gemeente")
    covenant_version_sign(version=version, partner=gemeente, signed_on=SIGNED_ON,
                          recorded_by=admin_of(gemeente))
    with pytest.raises(CovenantActionRefused):
        covenant_version_withdraw(version=version, withdrawn_by=officer)
