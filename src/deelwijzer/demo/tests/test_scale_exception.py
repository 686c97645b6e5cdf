"""The scale package is the one exception to the source check of the one invariant
(``deelwijzer.testing.gateway.source_violations``): its own modules may import personal-data
models and use ``_records``; nothing else in the demo app may, nor a package inside it."""

from __future__ import annotations

from deelwijzer.testing import gateway

LEAK = ("from deelwijzer.persons.models import Person\n"
        "def rows():\n    return list(Person._records.all())\n")


def test_only_the_scale_package_itself_is_allowed(tmp_path, monkeypatch):
    planted = tmp_path / "deelwijzer"
    for module in ("demo/scale/rows.py", "demo/scale/__init__.py", "demo/leak.py",
                   "demo/scale/deeper/leak.py", "demo/scales/leak.py"):
        (planted / module).parent.mkdir(parents=True, exist_ok=True)
        (planted / module).write_text(LEAK)
    monkeypatch.setattr(gateway, "PACKAGE", planted)
    found = {v.where.rsplit(":", 1)[0] for v in gateway.source_violations()}
    assert found == {"deelwijzer/demo/scale/__init__.py", "deelwijzer/demo/leak.py",
                     "deelwijzer/demo/scale/deeper/leak.py", "deelwijzer/demo/scales/leak.py"}


def test_the_exception_says_why():
    assert set(gateway.ALLOWED_PACKAGES) == {("demo", "scale")}
    assert "DEELWIJZER_ALLOW_DEMO" in gateway.ALLOWED_PACKAGES["demo", "scale"]
