"""Shared builders for the datarequests tests."""

from __future__ import annotations

from typing import Any

from deelwijzer.datarequests import services
from deelwijzer.persons import gateway
from deelwijzer.persons import services as persons

MELDING = gateway.Context(purpose="veiligheid", step="melding", ground="6.1.e")
WEIGHING = {
    "legal_basis": "Jeugdwet art. 1.1",
    "question": "Is er zicht op de zorgen rond de thuissituatie?",
    "necessity": "Nodig om de veiligheid te beoordelen.",
    "subsidiarity": "Het gezin kon het zelf niet vertellen.",
    "proportionality": "Alleen de aard van de zorgen, niets anders.",
}


def ask(demo: Any, provider: str = "cjg-aldermeer", **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "professional": demo.director, "person": demo.child,
        "provider": demo.partner(provider), "purpose": "veiligheid",
        "categories": ["aard-zorgen"], "not_a_recheck": True,
        "why_no_consent": "Het gezin is onbereikbaar; de zorgen zijn acuut.",
        **WEIGHING,
    }
    values.update(overrides)
    return services.data_request_create(**values)


def item(demo: Any, partner: str = "cjg-aldermeer", categories: tuple[str, ...] = ("aard-zorgen",),
         text: str = "Zorgen gemeld door school.") -> Any:
    return persons.dossier_item_record(
        professional=demo.prof(partner), person=demo.child, text=text,
        categories=list(categories), nature="fact", context=MELDING)
