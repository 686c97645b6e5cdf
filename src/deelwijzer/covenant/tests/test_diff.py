"""The difference between two versions, in plain words."""

from __future__ import annotations

import yaml
from django.utils import translation

from deelwijzer.covenant.diff import covenant_diff
from deelwijzer.covenant.schema import Covenant
from deelwijzer.covenant.tests.test_services_versions import with_new_partner


def parse(text: str) -> Covenant:
    return Covenant.model_validate(yaml.safe_load(text))


def texts(old: str, new: str) -> list[str]:
    with translation.override("en"):
        return [c.text for c in covenant_diff(parse(old), parse(new))]


def test_identical_versions_have_no_changes(minimal_covenant_text):
    assert texts(minimal_covenant_text, minimal_covenant_text) == []


def test_partner_added_is_named(minimal_covenant_text):
    changes = texts(minimal_covenant_text, with_new_partner(minimal_covenant_text))
    assert "Partner Woonstichting Kleinstad added" in changes
    assert "Version label 2026.1 became 2026.2" in changes


def test_recipient_and_category_changes_are_spelled_out(minimal_covenant_text):
    new = minimal_covenant_text.replace(
        "      - {partner: veilig-thuis, ground: \"6.1.e\", basis: Wmo 2015 art. 4.1.1}\n", ""
    ).replace("categories: [identiteit, gezondheid, bekend-bij]", "categories: [identiteit, bekend-bij]"
    ).replace("    record: [identiteit, gezondheid]\n    share: [identiteit, gezondheid]",
              "    record: [identiteit]\n    share: [identiteit]")
    changes = texts(minimal_covenant_text, new)
    assert "Purpose 'Veiligheid van het kind': Veilig Thuis Kleinstad no longer receive(s) data" in changes
    assert "Purpose 'Veiligheid van het kind': no longer includes Gezondheid" in changes
    assert "Step 'Analyse': data to record, data to share changed" in changes


def test_article_text_change(minimal_covenant_text):
    new = minimal_covenant_text.replace("Toetreding is mogelijk na de evaluatie.",
                                        "Toetreding is niet mogelijk.")
    assert texts(minimal_covenant_text, new) == ["Article covenant art. 10: text changed"]


def test_a_partner_allowed_other_special_data_is_named(minimal_covenant_text):
    new = minimal_covenant_text.replace(
        "      - {category: gezondheid, basis: Wmo 2015 art. 4.1.1 jo. UAVG art. 30 lid 3}\n", "")
    new = new.replace("    special_categories:\n    retention:", "    retention:")
    assert texts(minimal_covenant_text, new) == [
        "Partner Veilig Thuis Kleinstad: special and criminal data changed"]
    with translation.override("nl"):
        [change] = covenant_diff(parse(minimal_covenant_text), parse(new))
    assert "bijzondere en strafrechtelijke gegevens" in change.text
