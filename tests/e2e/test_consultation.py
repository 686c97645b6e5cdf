"""A whole consultation in the browser (K1-K6, S4-S6, T4): the case director brings in a case,
invites partners, records why the family is absent and who informs them; partners add
contributions; a disclosure of health data is refused for lack of consent with the reason
shown; consent is recorded for a 13-year-old by child and parent; the same disclosure is then
allowed; the action list is made; the family is marked informed. Every step is in the
processing log and ``deelwijzer log verify`` passes."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Locator, Page, expect

from deelwijzer.accounts.models import Professional
from deelwijzer.accounts.tests.helpers import totp_code
from deelwijzer.demo.services import DEMO_PASSWORD, load_demo
from deelwijzer.processing_log.models import LogEntry
from deelwijzer.processing_log.selectors import entries_for_case
from tests.e2e.conftest import watch_csp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GGZ = "Stichting GGZ Zijlstroom"
GEMEENTE = "Gemeente Aldermeer"
JEUGDBESCHERMING = "Stichting Jeugdbescherming Westerkwartier-Noord"

Login = Callable[[str], Page]


def _born(age: int, today: dt.date) -> dt.date:
    """A date of birth that makes someone ``age`` today: the last day of the month before."""
    return dt.date(today.year - age, today.month, 1) - dt.timedelta(days=1)


@pytest.fixture
def log_in(page: Page, live_server: Any) -> Iterator[Login]:
    """Log a demo user in through the real form: password, then the TOTP code of a confirmed
    authenticator device. The first user gets ``page``; each next user its own browser."""
    browser = page.context.browser
    assert browser is not None
    contexts: list[BrowserContext] = []
    pages: list[Page] = []
    violations: list[list[str]] = []  # per further browser context (``page`` has its own)

    def log_in_as(username: str) -> Page:
        user = Professional.objects.get(username=username)
        device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
        if pages:
            context = browser.new_context(base_url=live_server.url, locale="nl-NL")
            context.set_default_timeout(15_000)
            violations.append(watch_csp(context))
            contexts.append(context)
            user_page = context.new_page()
        else:
            user_page = page
        pages.append(user_page)
        user_page.goto("/")
        expect(user_page).to_have_url(re.compile(r"/accounts/login/"))
        user_page.get_by_label("Gebruikersnaam").fill(username)
        user_page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        user_page.get_by_role("button", name="Inloggen").click()
        expect(user_page).to_have_url(re.compile(r"/accounts/two-factor/"))
        user_page.get_by_label("Verificatiecode").fill(totp_code(device))
        user_page.get_by_role("button", name="Controleren").click()
        expect(user_page).not_to_have_url(re.compile(r"/accounts/"))
        return user_page

    yield log_in_as
    for context in contexts:
        context.close()
    reported = [v for context_violations in violations for v in context_violations]
    assert not reported, f"Content-Security-Policy violations: {reported}"


def _full_name(username: str) -> str:
    return Professional.objects.get(username=username).get_full_name()


def _choose(select: Locator, text: str) -> None:
    """Choose the option of a select whose visible text contains ``text``."""
    select.select_option(select.locator("option", has_text=text).get_attribute("value"))


def _success(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def test_a_whole_consultation(page: Page, log_in: Login) -> None:
    load_demo()
    today = timezone.localdate()

    # --- The case director brings in a case: the household, mother as representative (K1, S6)
    director = log_in("regisseur")
    director.goto("/cases/open/")
    director.get_by_label("Voornamen (gezinslid 1)").fill("Noa")
    director.get_by_label("Achternaam (gezinslid 1)").fill("de Vries")
    director.get_by_label("Geboortedatum (gezinslid 1)").fill(
        _born(13, today).isoformat())
    director.get_by_label("Relatie (gezinslid 1)").select_option(label="kind")
    director.get_by_label("Voornamen (gezinslid 2)").fill("Sandra")
    director.get_by_label("Achternaam (gezinslid 2)").fill("de Vries")
    director.get_by_label("Geboortedatum (gezinslid 2)").fill(
        _born(41, today).isoformat())
    director.get_by_label("Relatie (gezinslid 2)").select_option(label="ouder of verzorger")
    director.get_by_role("group", name="Wettelijk vertegenwoordigers van gezinslid 1") \
        .get_by_label("gezinslid 2").check()
    director.get_by_label("Soort vertegenwoordiging (gezinslid 1)").select_option(
        label="ouder met gezag")
    director.get_by_role("group", name="Wettelijke taak").get_by_role("radio").first.check()
    director.get_by_role("group", name="Casuscriterium").get_by_role("radio").first.check()
    director.get_by_role("button", name="Casus inbrengen").click()
    _success(director, "is ingebracht")
    heading = director.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Casus")
    case_ref = heading.inner_text().split()[-1]
    expect(director.get_by_role("cell", name="Noa de Vries")).to_be_visible()

    # --- "melding" does not record health data; the director moves the case to "analyse"
    expect(director.get_by_role("heading", name=re.compile("Huidige stap"))).to_contain_text(
        "Melding")
    director.get_by_role("button", name=re.compile("Naar de volgende stap")).click()
    _success(director, "volgende stap")
    expect(director.get_by_role("heading", name=re.compile("Huidige stap"))).to_contain_text(
        "analyse")

    # --- Invites GGZ Zijlstroom and the gemeente, each with a professional, role and reason (K3)
    for partner, username, reason in (
            (GGZ, "ggz-zijlstroom-prof", "Behandelaar van Noa; nodig voor het beeld van haar "
                                         "ontwikkeling."),
            (GEMEENTE, "gemeente-aldermeer-prof", "Wmo-consulent van moeder; nodig voor "
                                                  "ondersteuning thuis.")):
        director.get_by_role("link", name="Partner betrekken").click()
        director.get_by_label(re.compile(r"^Partner\b")).select_option(label=partner)
        director.get_by_label(re.compile(r"^Professional\b")).select_option(
            label=f"{_full_name(username)} ({partner})")
        director.get_by_role("group", name="Rol").get_by_label("inhoud").check()
        director.get_by_label("Reden").fill(reason)
        director.get_by_role("button", name="Betrekken").click()
        _success(director, "is bij de casus betrokken")
        expect(director.get_by_role("cell", name=partner, exact=True)).to_be_visible()

    # --- Schedules a consultation without the family: why, who informs them, when (K4)
    director.get_by_role("link", name="Casusoverleg plannen").click()
    director.get_by_label("Datum").fill((today + dt.timedelta(days=7)).isoformat())
    director.get_by_role("group", name="Is het gezin aanwezig?").get_by_label(
        "Nee, zonder het gezin").check()
    director.get_by_label("Waarom het gezin niet aanwezig is").fill(
        "Moeder wil eerst zelf met de behandelaar praten; het gezin wordt vooraf gesproken.")
    director.get_by_label("Wie het gezin informeert").select_option(
        label=f"Fatima El Amrani ({JEUGDBESCHERMING})")
    director.get_by_role("group", name="Wanneer het gezin wordt geïnformeerd").get_by_role(
        "radio").first.check()
    director.get_by_role("button", name="Plannen").click()
    _success(director, "Het overleg is gepland")
    consultation_url = director.url
    expect(director.get_by_text("Zonder het gezin.")).to_be_visible()

    # --- The GGZ professional adds a contribution others may use (K5, K8)
    ggz = log_in("ggz-zijlstroom-prof")
    ggz.goto("/cases/")
    ggz.get_by_role("link", name=case_ref).click()
    ggz.get_by_role("link", name=re.compile("^Overleg van")).click()
    ggz.get_by_role("textbox", name=re.compile("^Inbreng")).fill(
        "Noa is sinds een half jaar in behandeling; zij komt trouw naar de afspraken.")
    ggz.get_by_role("group", name="Gegevenscategorieën").get_by_label(
        "Hulpverlening en plan van aanpak").check()
    ggz.get_by_role("group", name="Feit of mening").get_by_label("feit").check()
    ggz.get_by_label("Andere deelnemers mogen deze inbreng gebruiken").check()
    ggz.get_by_role("button", name="Inbreng toevoegen").click()
    _success(ggz, "Uw inbreng is vastgelegd")
    expect(ggz.get_by_role("cell", name=re.compile(GGZ))).to_be_visible()

    # --- The GGZ professional records a health item about Noa and asks to share it with
    # Jeugdbescherming: refused, no consent for data under professional secrecy (S4)
    ggz.goto("/share/persons/")
    ggz.get_by_role("link", name=re.compile("Noa de Vries")).click()
    ggz.get_by_role("link", name="Dossieritem vastleggen").click()
    ggz.get_by_label("Tekst").fill("Diagnose: angststoornis; behandeling loopt, wekelijks.")
    ggz.get_by_role("group", name="Feit of mening").get_by_label("feit").check()
    ggz.get_by_role("group", name="Gegevenscategorieën").get_by_label(
        "Gegevens over gezondheid").check()
    ggz.get_by_role("button", name="Vastleggen").click()
    _success(ggz, "Het dossieritem is vastgelegd")

    # --- The director asks GGZ for Noa's health data (S10); GGZ tries to provide its item:
    # refused, data under professional secrecy needs consent (S4), the reason on the page
    director.goto("/requests/new/")
    _choose(director.get_by_label("Betrokkene"), "Noa de Vries")
    director.get_by_label("Casus (optioneel)").select_option(case_ref)
    director.get_by_label("Gevraagde partner").select_option(label=GGZ)
    director.get_by_label("Doel").select_option(label="Opheffen van de onveilige situatie")
    director.get_by_role("group", name="Gevraagde gegevenscategorieën").get_by_label(
        "Gegevens over gezondheid").check()
    director.get_by_label("Grondslag").fill("Jeugdwet art. 1.1")
    director.get_by_label("Vraag", exact=True).fill("Welke behandeling krijgt Noa, en wat betekent die voor "
                                        "haar veiligheid thuis?")
    director.get_by_label("Noodzaak").fill("Nodig voor de analyse van de veiligheid van Noa.")
    director.get_by_label("Waarom minder niet volstaat").fill(
        "Het gezin kan de behandeling zelf niet goed beschrijven.")
    director.get_by_label("Proportionaliteit").fill("Alleen de hoofdlijn van de behandeling.")
    director.get_by_label("Waarom zonder toestemming").fill(
        "Moeder is nog niet bereikt; de toestemming vraagt GGZ zelf.")
    director.get_by_role("checkbox", name=re.compile("^Ik vraag dit niet")).check()
    director.get_by_role("button", name="Verzoek versturen").click()
    _success(director, "Uw verzoek is verstuurd")

    def answer_the_request() -> None:
        ggz.goto("/requests/")
        ggz.get_by_role("link", name=re.compile(r"\d")).first.click()
        ggz.get_by_role("group", name="Antwoord").get_by_label("verstrekt", exact=True).check()
        ggz.get_by_role("group", name="Te verstrekken dossierstukken").get_by_role(
            "checkbox").first.check()
        ggz.get_by_role("button", name="Antwoord vastleggen").click()

    answer_the_request()
    refusal = ggz.get_by_role("alert").filter(has_text="Niet toegestaan")
    expect(refusal).to_contain_text("S4")
    expect(refusal).to_contain_text("toestemming")
    expect(refusal).to_contain_text(re.compile(r"art\. \d"))

    # --- "Mag ik dit delen?" says the same, and what is missing: the consent
    ggz.goto("/share/persons/")
    ggz.get_by_role("link", name=re.compile("Noa de Vries")).click()
    ggz.get_by_role("link", name="Mag ik dit delen?").last.click()
    ggz.get_by_role("group", name="Met welke partner").get_by_label("Jeugdbescherming").check()
    ggz.get_by_role("button", name="Volgende").click()
    ggz.get_by_role("button", name="Volgende").click()
    answer = ggz.get_by_role("status").filter(has_text="Niet toegestaan")
    expect(answer).to_contain_text("U mag dit nu niet delen")
    refusal = answer.get_by_role("listitem").filter(has_text="S4")
    expect(refusal).to_contain_text("toestemming")
    expect(refusal).to_contain_text(re.compile(r"art\. \d"))
    expect(ggz.get_by_role("button", name=re.compile("Deel dit item"))).to_have_count(0)

    # --- Consent for a 13-year-old: the form shows that child and parent both consent (S5, S6)
    ggz.get_by_role("link", name="Toestemming vastleggen").first.click()
    expect(ggz.get_by_text(re.compile("zowel het kind als"))).to_be_visible()
    given_by = ggz.get_by_role("group", name="Gegeven door")
    given_by.get_by_label("Noa de Vries").check()
    ggz.get_by_role("group", name="Hoe de toestemming is gegeven").get_by_label(
        "ondertekend toestemmingsformulier").check()
    ggz.get_by_label("Ik heb verteld dat de toestemming altijd kan worden ingetrokken").check()
    ggz.get_by_label("Of: de tekst van de ondertekende verklaring").fill(
        "Noa en haar moeder geven toestemming om de diagnose en behandeling te delen met "
        "Jeugdbescherming voor het opheffen van de onveilige situatie.")
    ggz.get_by_role("button", name="Toestemming vastleggen").click()
    # the child alone is not enough at 13: the error names the rule and its article
    expect(given_by).to_contain_text("S6")
    expect(given_by).to_contain_text("art.")
    given_by.get_by_label("Noa de Vries").check()
    given_by.get_by_label(re.compile("Sandra de Vries")).check()
    ggz.get_by_role("button", name="Toestemming vastleggen").click()
    _success(ggz, "De toestemming is vastgelegd")

    # --- The same disclosure is now allowed, and made (V4)
    ggz.goto("/share/persons/")
    ggz.get_by_role("link", name=re.compile("Noa de Vries")).click()
    ggz.get_by_role("link", name="Mag ik dit delen?").last.click()
    ggz.get_by_role("group", name="Met welke partner").get_by_label("Jeugdbescherming").check()
    ggz.get_by_role("button", name="Volgende").click()
    ggz.get_by_role("button", name="Volgende").click()
    expect(ggz.get_by_role("status").filter(has_text="U mag dit delen")).to_be_visible()
    answer_the_request()
    _success(ggz, "Uw antwoord is vastgelegd")
    expect(ggz.get_by_role("heading", name=re.compile("Antwoord"))).to_contain_text("verstrekt")
    ggz.goto("/share/persons/")
    ggz.get_by_role("link", name=re.compile("Noa de Vries")).click()
    expect(ggz.get_by_role("cell", name=re.compile(rf"^{JEUGDBESCHERMING} \("))).to_be_visible()

    # --- The gemeente adds a contribution it keeps to itself (K5)
    gemeente = log_in("gemeente-aldermeer-prof")
    gemeente.goto(consultation_url)
    gemeente.get_by_role("textbox", name=re.compile("^Inbreng")).fill(
        "Moeder heeft schulden; een aanvraag schuldhulpverlening loopt.")
    gemeente.get_by_role("group", name="Gegevenscategorieën").get_by_label(
        "Financiële situatie").check()
    gemeente.get_by_role("group", name="Feit of mening").get_by_label("feit").check()
    gemeente.get_by_role("button", name="Inbreng toevoegen").click()
    _success(gemeente, "Uw inbreng is vastgelegd")
    expect(gemeente.get_by_text("Niet met u gedeeld")).to_have_count(0)

    # --- The director sees both contributions, makes the action list (K6) and records that
    # the family was informed beforehand (K4)
    director.goto(consultation_url)
    expect(director.get_by_role("link", name="Inbreng openen")).to_have_count(1)
    expect(director.get_by_text("Niet met u gedeeld")).to_have_count(1)
    director.get_by_role("textbox", name=re.compile("^Actie")).fill(
        "Behandeling voortzetten en over zes weken terugkoppelen aan de casusregisseur.")
    director.get_by_label(re.compile("^Eigenaar")).select_option(
        label=f"{_full_name('ggz-zijlstroom-prof')}, {GGZ} (inhoudelijk)")
    director.get_by_label(re.compile("^Uiterste datum")).fill(
        (today + dt.timedelta(days=42)).isoformat())
    director.get_by_role("button", name="Actie toevoegen").click()
    _success(director, "De actie is toegevoegd")
    expect(director.get_by_role("cell", name=re.compile("Behandeling voortzetten"))) \
        .to_be_visible()
    director.get_by_label(re.compile("^Gezin geïnformeerd op")).fill(today.isoformat())
    director.get_by_role("button", name="Het gezin is geïnformeerd").click()
    _success(director, "Vastgelegd: het gezin is geïnformeerd")
    expect(director.get_by_text(re.compile("^Gezin geïnformeerd op"))).to_be_visible()
    expect(director.get_by_text("Gezin nog niet geïnformeerd")).to_have_count(0)

    # --- Every step is in the processing log, and the log verifies
    entries = list(entries_for_case(case_ref))
    health = [e for e in entries if e.action == "disclose" and "gezondheid" in e.categories]
    assert [(e.status, e.recipient_partner, e.actor_partner) for e in health] == [
        ("refused", "jeugdbescherming", "ggz-zijlstroom"),
        ("ok", "jeugdbescherming", "ggz-zijlstroom")]
    assert health[0].rule_ids == ("S4",)
    assert {"S4", "S5", "S6"} <= set(health[1].rule_ids)
    assert {e.actor_partner for e in entries} == {
        "jeugdbescherming", "ggz-zijlstroom", "gemeente-aldermeer"}
    assert {e.step for e in entries} >= {"melding", "analyse"}
    recorded = [e for e in entries if e.action == "record" and e.status == "ok"]
    # registering the household: two persons, the household (one line each), the mother as
    # representative (one line); then one line per household member (2) for each of: opening
    # the case, the next step, two involvements, the consultation, two contributions, the
    # action, the family informed; one line about Noa for the health item, one for her consent
    assert {"identiteit", "gezag-en-maatregelen", "hulpverlening", "gezondheid",
            "financien"} <= {c for e in recorded for c in e.categories}
    assert len(recorded) == 5 + 9 * 2 + 2
    out = io.StringIO()
    call_command("log", "verify", "--lang", "en", stdout=out)  # SystemExit unless it verifies
    assert re.match(rf"{LogEntry.objects.count()} entries verified", out.getvalue())
