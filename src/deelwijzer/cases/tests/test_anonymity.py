"""K2: the identifying-input check of anonymous consultations."""

from __future__ import annotations

import pytest

from deelwijzer.cases.anonymity import identifying, vocabulary


@pytest.mark.parametrize(("text", "code"), [
    ("BSN 111222333", "bsn"),
    ("bsn 1112.22.333", "bsn"),
    ("Woont op 1234AB", "postal_code"),
    ("Geboren 2013-04-03", "birth_date"),
    ("Geboren 3/4/13", "birth_date"),
    ("Geboren op 3 apr. 2013", "birth_date"),
    ("Het gaat om de vader Ahmed", "name"),
    ("Naam: jansen", None),  # lower case after "naam:" is not recognised as a name
    ("Naam: Jansen", "name"),
    ("Gesprek met dhr. van der Berg", "name"),
])
def test_identifying_input_is_recognised(text, code):
    assert identifying(text) == code


@pytest.mark.parametrize("text", [
    "Meisje van 13, zorgen over veiligheid thuis.",
    "De naam van de school is bekend bij ons.",
    "In 2010 en 2011 waren er meldingen. Vader heeft schulden.",
    "Advies van Veilig Thuis over de meldcode; GGZ en CJG zijn betrokken.",
    "Gezin met drie kinderen (4, 9 en 13 jaar) in de regio Aldermeer.",
])
def test_ordinary_case_descriptions_pass(text):
    assert identifying(text, vocabulary(["Veilig Thuis", "Aldermeer"])) is None
