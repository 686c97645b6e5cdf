"""``deelwijzer covenant validate FILE``: exit status and what the person at the terminal reads."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from deelwijzer.covenant.management.commands.covenant import Command

CONSOLE_SCRIPT = Path(sys.executable).parent / "deelwijzer"


def validate(*args: str, **options: str) -> tuple[int, str, str]:
    """Run the command in-process: (exit status, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("covenant", "validate", *args, stdout=out, stderr=err, **options)
    except SystemExit as stop:
        return int(stop.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the console script as a user would."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "deelwijzer.conf.dev"}
    return subprocess.run(
        [str(CONSOLE_SCRIPT), "covenant", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


def test_a_valid_file_gives_a_summary(minimal_covenant_path: Path) -> None:
    code, out, err = validate(str(minimal_covenant_path))

    assert code == 0
    assert err == ""
    assert out.splitlines() == [
        f"Convenant is geldig: Samenwerkingsverband Proef Klein, versie 2026.1 "
        f"({minimal_covenant_path})",
        "  partners: 3 (2 kern, 1 schil)",
        "  gegevenscategorieën: 3",
        "  doelen: 2",
        "  stappen: 2",
        "  artikelen: 5",
    ]


def test_the_summary_counts_repeated_paragraphs(tmp_path: Path, minimal_covenant_text: str) -> None:
    path = tmp_path / "parts.yaml"
    path.write_text(minimal_covenant_text + (
        "  - {id: pp-6.1, document: protocol, number: \"6.1\", title: Geheimhouding, "
        "text: Een ieder is verplicht tot geheimhouding., part_of: pp-6}\n"
    ), encoding="utf-8")

    code, out, _err = validate(str(path))

    assert code == 0
    assert out.splitlines()[-1] == "  artikelen: 6 (waarvan 1 een lid of onderdeel herhalen)"


def test_the_summary_in_english(minimal_covenant_path: Path) -> None:
    code, out, _err = validate(str(minimal_covenant_path), "--lang", "en")

    assert code == 0
    assert out.splitlines()[0].startswith("Covenant is valid: Samenwerkingsverband Proef Klein, "
                                          "version 2026.1")
    assert "  partners: 3 (2 core, 1 shell)" in out.splitlines()


def test_every_issue_on_its_own_line_sorted_by_line_then_a_count(
    tmp_path: Path, minimal_covenant_text: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        minimal_covenant_text.replace("sensitivity: low", "sensitivity: laag")
        .replace("kind: shell", "kind: schil")
        .replace("  region: Kleinstad", "  regoin: Kleinstad"),
        encoding="utf-8",
    )

    code, out, _err = validate(str(path))

    lines = out.splitlines()
    assert code == 1
    assert len(lines) == 4
    assert lines[0].startswith("regel 7, partnership.regoin: onbekende sleutel 'regoin' "
                               "(bedoelde u 'region'?)")
    assert lines[1].startswith("regel 76, partners[2].kind: 'schil' is geen toegestane waarde")
    assert lines[2].startswith("regel 104, data_categories[2].sensitivity: 'laag' is geen "
                               "toegestane waarde")
    assert lines[3] == f"3 fouten gevonden in {path}"


def test_one_issue_in_english(tmp_path: Path, minimal_covenant_text: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(minimal_covenant_text.replace("\npurposes:", "\npurpsoes:"), encoding="utf-8")

    code, out, _err = validate(str(path), lang="en")

    assert code == 1
    assert out.splitlines()[0].startswith(
        "line 105, purpsoes: unknown key 'purpsoes' (did you mean 'purposes'?)"
    )
    assert out.splitlines()[-1] == f"1 error found in {path}"


def test_a_recipient_given_criminal_data_without_a_basis_is_refused(
    tmp_path: Path, minimal_covenant_text: str
) -> None:
    """The police receives criminal data for the purpose, but its entry names no legal basis."""
    path = tmp_path / "criminal.yaml"
    path.write_text(
        minimal_covenant_text
        .replace("  - id: bekend-bij\n",
                 "  - id: strafrechtelijk\n    name: Strafrechtelijke gegevens\n"
                 "    kind: criminal\n    sensitivity: very_high\n"
                 "    exception: UAVG art. 33\n  - id: bekend-bij\n")
        .replace("    categories: [identiteit, gezondheid, bekend-bij]\n",
                 "    categories: [identiteit, gezondheid, strafrechtelijk, bekend-bij]\n")
        .replace("      - {partner: veilig-thuis, ground: \"6.1.e\", basis: Wmo 2015 art. 4.1.1}\n",
                 "      - {partner: veilig-thuis, ground: \"6.1.e\", basis: Wmo 2015 art. 4.1.1}\n"
                 "      - {partner: politie, ground: \"6.1.e\", basis: Politiewet 2012 art. 3}\n")
        .replace("    retention:\n      - years: 5\n",
                 "    special_categories:\n      - category: strafrechtelijk\n"
                 "    retention:\n      - years: 5\n"),
        encoding="utf-8",
    )

    code, out, _err = validate(str(path), lang="en")

    assert code == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), start=1)
                if "- category: strafrechtelijk" in text)
    assert out.splitlines() == [
        f"line {line}, partners[2].special_categories[0].basis: partner 'politie' is given "
        "category 'strafrechtelijk' without a legal basis (basis missing); expected for every "
        "category in special_categories 'category' and 'basis' with the provision that allows "
        "this partner the processing (for example 'Wet politiegegevens art. 20' or 'BW art. "
        "7:457 (WGBO) jo. UAVG art. 30 lid 3')",
        f"1 error found in {path}",
    ]
    # With its basis the same file is valid.
    path.write_text(path.read_text().replace(
        "      - category: strafrechtelijk\n",
        "      - {category: strafrechtelijk, basis: Wet politiegegevens art. 20}\n"),
        encoding="utf-8")
    assert validate(str(path))[0] == 0


def test_a_missing_file_and_a_directory(tmp_path: Path) -> None:
    code, out, _err = validate(str(tmp_path / "nope.yaml"))
    assert code == 1
    assert out.splitlines() == [
        f"bestand '{tmp_path / 'nope.yaml'}' bestaat niet; geef het pad van een "
        "convenantbestand (YAML)",
        f"1 fout gevonden in {tmp_path / 'nope.yaml'}",
    ]

    code, out, _err = validate(str(tmp_path))
    assert code == 1
    assert out.splitlines()[0].startswith(f"'{tmp_path}' is een map, geen bestand")


def test_permission_denied(tmp_path: Path, minimal_covenant_text: str) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(minimal_covenant_text, encoding="utf-8")
    path.chmod(0)

    if os.geteuid() == 0:
        # root reads any file: act as "nobody" for the length of the call
        os.seteuid(65534)
        try:
            code, out, _err = validate(str(path))
        finally:
            os.seteuid(0)
    else:
        code, out, _err = validate(str(path))

    assert code == 1
    assert out.splitlines() == [
        f"bestand '{path}' kan niet worden gelezen (Permission denied); controleer pad en rechten",
        f"1 fout gevonden in {path}",
    ]


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_an_unreadable_file() -> None:
    # /proc/self/mem cannot be read from offset 0, not even by root.
    code, out, _err = validate("/proc/self/mem")

    assert code == 1
    assert out.splitlines()[0].startswith("bestand '/proc/self/mem' kan niet worden gelezen (")


def test_subcommands_are_methods() -> None:
    assert [name for name, _attribute, _spec in Command.subcommands()] == ["validate"]


# --- the console script, as a user runs it -------------------------------------------------


def test_the_console_script_validates(minimal_covenant_path: Path, tmp_path: Path) -> None:
    valid = run_script("validate", str(minimal_covenant_path))
    missing = run_script("validate", str(tmp_path / "nope.yaml"), "--lang", "en")
    directory = run_script("validate", str(tmp_path))
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(b"\x00\xff\xfe not yaml: [")
    binary = run_script("validate", str(garbage))

    assert valid.returncode == 0, valid.stderr
    assert valid.stdout.startswith("Convenant is geldig: Samenwerkingsverband Proef Klein")
    assert missing.returncode == 1
    assert missing.stdout.splitlines()[-1] == f"1 error found in {tmp_path / 'nope.yaml'}"
    assert directory.returncode == 1
    assert "is een map, geen bestand" in directory.stdout
    assert binary.returncode == 1
    assert "het bestand is geen geldige UTF-8 (byte 0xFF op positie 1)" in binary.stdout
    for result in (valid, missing, directory, binary):
        assert "Traceback" not in result.stdout + result.stderr


def test_the_console_script_without_a_subcommand_shows_usage() -> None:
    result = run_script()

    assert result.returncode == 2
    assert "SUBCOMMAND" in result.stderr
    assert "Traceback" not in result.stderr
