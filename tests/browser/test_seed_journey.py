"""The seed's journey for one new person, in a real browser, as every role that does it.

Selam Tesfay, an Eritrean asielstatushouder, is registered with her partner in one
household by her klantmanager; she has her brede intake (gesprek and leerbaarheidstoets);
her PIP is drafted and set by a colleague (four eyes) and the beschikking checked against
the rules; she is referred to Toptaal, which accepts and puts her in a lesson group; her
ontzorging starts with fixed costs checked by a second person and paid in a payment run
prepared by one financieel medewerker and approved by another, whose SEPA file is checked;
the begeleider works the household's checklist, records a consent and refers her to a
partner; a maatje is linked; she is enrolled on the menukaart and gets a weekprogramma
with her lessons; the aanbieder reports attendance and the month's lesuren; the low
attendance leads to a schriftelijke waarschuwing, a bezwaar against the PIP follows; and
the regisseur's figures count her.

At every step the test asserts what the user sees: the texts, the figures and dates
(computed from regie.rules for the day the clock is set to), and the next work item in the
next role's werkvoorraad. Every page on the way is checked with axe-core (WCAG 2.1 A/AA).
"""

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from regie import rules
from regie.core.models import User
from regie.core.roles import OrganisationType, Role
from regie.finance.services import default_soorten, execution_date_for
from regie.finance.templatetags.finance import euro
from regie.guidance.services import checklist_types, default_due
from regie.jobs.services import execute as run_job
from regie.people.models import Inburgeraar
from regie.plans.models import PIPVersie
from regie.rules import handhaving as hh
from regie.rules import ontzorging as ontz
from regie.rules import target2
from regie.rules.calendar import is_werkdag
from regie.rules.figures import int_figure
from tests.browser.test_foundation_flow import login
from tests.browser.test_pip_flow import accessible, dutch, pdf_text
from tests.factories import (
    ActivityFactory,
    BetaalrekeningFactory,
    OrganisationFactory,
    PartnerFactory,
    SessionFactory,
    UserFactory,
    VolunteerFactory,
    valid_bsn,
)

pytestmark = pytest.mark.browser

# A Monday (the lesson group meets on Monday morning); every expected date is computed from
# it with regie.rules. The journey also passes on other Mondays (tried: 27 December 2027).
TODAY = "2027-03-01T10:00"


def money(amount: Decimal) -> str:
    with override("nl"):
        return euro(amount)


def month_label(day: dt.date) -> str:
    with override("nl"):
        return date_format(day, "F Y")


def field(scope, label: str):
    """A form field by its label, whether or not it is marked "(niet verplicht)"."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(niet verplicht\))?$", re.I))


def next_werkdag(day: dt.date) -> dt.date:
    while not is_werkdag(day):
        day += dt.timedelta(days=1)
    return day


def choose_person(select, name: str) -> None:
    """Pick a person in a dropdown, where each carries birth date and number (#16.9)."""
    [label] = [o for o in select.locator("option").all_inner_texts() if o.startswith(name)]
    assert re.fullmatch(rf"{re.escape(name)} \(\d{{2}}-\d{{2}}-\d{{4}}, nr \d+\)", label), label
    select.select_option(label=label)


def as_user(page, user: User) -> None:
    """Log out whoever is logged in and log in as ``user``: the werkvoorraad opens."""
    if page.get_by_role("button", name="Uitloggen").count():
        page.get_by_role("button", name="Uitloggen").click()
        page.get_by_role("heading", level=1, name="Inloggen").wait_for()
    login(page, user.username)
    accessible(page, "Werkvoorraad")


def work_item(page, section: str, name: str) -> str:
    """The text of ``name``'s row in the werkvoorraad section titled ``section``."""
    card = page.locator("section.regie-card").filter(
        has=page.get_by_role("heading", level=2, name=re.compile(rf"^{re.escape(section)}"))
    )
    row = card.get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True))
    row.first.wait_for()
    return squeeze(row.first)


def section(page, heading: str):
    """The page section (or card) under the h2 ``heading``."""
    return page.locator("section", has=page.get_by_role("heading", level=2, name=heading))


def squeeze(locator) -> str:
    """A locator's visible text on one line, single-spaced."""
    return " ".join(locator.inner_text().split())


def message(page, text: str) -> None:
    """Wait for the flash message (or any text) ``text``."""
    page.get_by_text(text).first.wait_for()


@dataclass
class Journey:
    """The people of the journey and what the steps leave behind."""

    world: object
    today: dt.date
    km: User
    colleague: User
    financieel: User
    financieel2: User
    begeleider: User
    coordinator: User
    aanbieder: User
    jurist: User
    regisseur: User
    person: Inburgeraar | None = None
    partner: Inburgeraar | None = None
    facts: dict = dataclasses.field(default_factory=dict)
    name: str = "Selam Tesfay"


@pytest.fixture
def journey_day(travel):
    """Set the day before the world is made: everything is created "today"."""
    travel(TODAY)


# --- 1. registration with household -------------------------------------------------------


def register(page, j: Journey) -> None:
    today = j.today
    kennisgeving = today - dt.timedelta(days=21)
    brp = today - dt.timedelta(days=28)
    j.facts["kennisgeving"] = kennisgeving
    as_user(page, j.km)
    page.get_by_role("link", name="Inburgeraars", exact=True).first.click()
    accessible(page, "Inburgeraars")
    page.get_by_role("link", name="Nieuwe inburgeraar inschrijven").click()
    accessible(page, "Nieuwe inburgeraar inschrijven")
    field(page, "Voornamen").fill("Selam")
    field(page, "Achternaam").fill("Tesfay")
    field(page, "BSN").fill(valid_bsn(90001))
    field(page, "Geboortedatum").fill("1994-04-12")
    field(page, "Geslacht").select_option(label="Vrouw")
    field(page, "Nationaliteit").fill("Eritrese")
    # Languages from the list (#16.9), stored as ISO 639 codes.
    page.get_by_label("Tigrinya", exact=True).check()
    page.get_by_label("Arabisch", exact=True).check()
    page.get_by_label("Tolk nodig").check()
    field(page, "Taal van de tolk").fill("Tigrinya")
    field(page, "Gemeente").select_option(label=j.world.municipality.name)
    field(page, "Doelgroep").select_option(label="Asielmigrant")
    field(page, "Verblijfsvergunning").select_option(value="asiel")
    field(page, "Datum kennisgeving DUO").fill(kennisgeving.isoformat())
    field(page, "Datum inschrijving BRP").fill(brp.isoformat())
    field(page, "Datum huisvesting").fill(brp.isoformat())
    field(page, "Klantmanager").select_option(value=str(j.km.pk))
    field(page, "Maatschappelijk begeleider").select_option(value=str(j.begeleider.pk))
    field(page, "Of: nieuw huishouden").fill("Huishouden Tesfay")
    field(page, "Rol in huishouden").select_option(label="Referent / hoofd")
    page.get_by_role("button", name="Opslaan").click()
    message(page, "Selam Tesfay is ingeschreven.")
    accessible(page, j.name)
    j.person = Inburgeraar.objects.get(last_name="Tesfay")
    assert set(j.person.languages.replace(" ", "").split(",")) == {"ti", "ar"}
    assert "Tigrinya" in page.content() and "Arabisch" in page.content()
    # The PIP deadline of Besluit inburgering 2021 art. 5.3: 10 weeks after the later of
    # kennisgeving and BRP registration (Atw applied).
    deadline = rules.pip_deadline(kennisgeving, brp)
    j.facts["pip_deadline"] = deadline
    alert = page.get_by_text(f"PIP vaststellen: uiterlijk {dutch(deadline)}")
    assert alert.is_visible()
    assert f"nog {(deadline - today).days} dagen" in alert.inner_text()
    assert page.get_by_role("heading", name="Huishouden: Huishouden Tesfay").is_visible()

    # The partner joins the same household.
    page.get_by_role("link", name="Inburgeraars", exact=True).first.click()
    page.get_by_role("link", name="Nieuwe inburgeraar inschrijven").click()
    accessible(page, "Nieuwe inburgeraar inschrijven")
    field(page, "Voornamen").fill("Yonas")
    field(page, "Achternaam").fill("Habte")
    field(page, "BSN").fill(valid_bsn(90002))
    field(page, "Geboortedatum").fill("1991-09-03")
    field(page, "Geslacht").select_option(label="Man")
    field(page, "Nationaliteit").fill("Eritrese")
    field(page, "Gemeente").select_option(label=j.world.municipality.name)
    field(page, "Doelgroep").select_option(label="Asielmigrant")
    field(page, "Verblijfsvergunning").select_option(value="asiel")
    field(page, "Datum kennisgeving DUO").fill(kennisgeving.isoformat())
    field(page, "Datum inschrijving BRP").fill(brp.isoformat())
    field(page, "Klantmanager").select_option(value=str(j.km.pk))
    # Households in the dropdown carry address and number, so equal names differ.
    household = field(page, "Huishouden")
    [label] = [o for o in household.locator("option").all_inner_texts() if "Tesfay" in o]
    assert re.fullmatch(r"Huishouden Tesfay \(.*nr \d+\)", label), label
    household.select_option(label=label)
    field(page, "Rol in huishouden").select_option(label="Partner")
    page.get_by_role("button", name="Opslaan").click()
    message(page, "Yonas Habte is ingeschreven.")
    accessible(page, "Yonas Habte")
    j.partner = Inburgeraar.objects.get(last_name="Habte")
    household = page.locator("section", has=page.get_by_role("heading", name=re.compile("Huish")))
    assert "Selam Tesfay (Referent / hoofd)" in household.inner_text()
    assert "Rol: Partner" in household.inner_text()

    # The next step is in the klantmanager's werkvoorraad, with the PIP deadline.
    page.get_by_role("link", name="Werkvoorraad").first.click()
    accessible(page, "Werkvoorraad")
    row = work_item(page, "Brede intake plannen", j.name)
    assert f"Brede intake plannen {dutch(deadline)}" in row
    # ... and the begeleider's: she is a new asielmigrant in their guidance.
    as_user(page, j.begeleider)
    row = work_item(page, "Nieuwe asielmigranten in begeleiding", j.name)
    assert "Eerste gesprek en praktische begeleiding" in row


# --- 2. brede intake with gesprek and leerbaarheidstoets ---------------------------------


def intake(page, j: Journey) -> None:
    today, name = j.today, j.name
    as_user(page, j.km)
    page.get_by_role("link", name=name, exact=True).first.click()  # from the werkvoorraad
    accessible(page, f"Gesprek van de brede intake met {name}")
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Andere aanwezigen").fill("tolk Tigrinya")
    page.get_by_label("Verslag").fill("Kennismaking; levensgebieden doorgenomen met tolk.")
    page.get_by_role("button", name="Gesprek vastleggen").click()
    message(page, "Het gesprek is vastgelegd.")
    accessible(page, f"Brede intake van {name}")

    page.get_by_role("link", name="Intake invullen of wijzigen").click()
    accessible(page, f"Brede intake van {name} wijzigen")
    alone = page.get_by_role("group", name="Gesprek zonder partner of anderen (verplicht")
    alone.get_by_label("Gewezen op gesprek zonder partner of anderen op").fill(today.isoformat())
    alone.get_by_label("De inburgeraar wilde (een deel van) de gesprekken alleen voeren").check()
    page.get_by_label("Woonsituatie").fill("Huurwoning met partner, sinds vier weken.")
    page.get_by_label("Inkomensbron").select_option(label="Bijstand (Participatiewet)")
    page.get_by_label("Hoogst genoten opleiding").select_option(label="Voortgezet onderwijs")
    page.get_by_label("Aantal jaren onderwijs").fill("11")
    page.get_by_label(re.compile(r"^Geletterdheid")).select_option(
        label="Geletterd in een ander schrift (alleen)"
    )
    page.get_by_label("Geschat niveau Nederlands").select_option(label="A1")
    page.get_by_role("button", name="Opslaan").click()
    message(page, "De brede intake is opgeslagen.")
    page.get_by_text(f"Op {dutch(today)} gewezen op het recht de gesprekken alleen").wait_for()

    # The toets belongs to the brede intake (Wi 14 lid 3): its result comes first.
    page.get_by_role("link", name="Leerbaarheidstoets", exact=True).click()
    accessible(page, f"Leerbaarheidstoets van {name}")
    page.get_by_role("link", name="Toets plannen").click()
    accessible(page, "Leerbaarheidstoets plannen")
    page.get_by_label("Datum van de toets").fill(today.isoformat())
    page.get_by_label("Toetsbegeleider").select_option(value=str(j.km.pk))
    page.get_by_role("button", name="Opslaan").click()
    message(page, "De leerbaarheidstoets is gepland.")
    page.get_by_role("link", name="Uitslag of niet verschenen vastleggen").first.click()
    accessible(page, "Uitslag van de leerbaarheidstoets vastleggen")
    page.get_by_label("Wat gebeurde er?").select_option(label="De toets is afgenomen")
    page.get_by_label("Datum", exact=True).fill(today.isoformat())
    page.get_by_label("Uitslag: is B1 haalbaar binnen de termijn?").select_option(
        label="Ja, B1 is haalbaar"
    )
    page.get_by_label("Uitslag en advies, toelichting").fill("Leert snel; B1 haalbaar.")
    page.get_by_role("button", name="Opslaan").click()
    message(page, "De toets is verwerkt.")
    accessible(page, f"Leerbaarheidstoets van {name}")
    assert page.get_by_role("cell", name="B1 is haalbaar").is_visible()

    page.get_by_role("link", name="Brede intake", exact=True).click()
    page.get_by_role("button", name="Brede intake afronden").click()
    message(page, "De brede intake is afgerond.")
    accessible(page, f"Brede intake van {name}")
    advice = section(page, "Advies leerroute")
    assert "Advies: B1-route" in advice.inner_text()
    page.get_by_role("link", name=f"← {name}").click()
    accessible(page, name)
    assert page.locator("main .regie-badge").first.inner_text() == "Brede intake"


# --- 3. PIP concept and vaststelling by a colleague, the beschikking ---------------------


def pip(page, j: Journey) -> None:
    name, aanbieder = j.name, j.world.aanbieder
    page.get_by_role("link", name="PIP opstellen").click()
    accessible(page, f"PIP versie 1 van {name} (concept)")
    assert "Advies uit de brede intake: B1-route" in page.content()
    route = page.get_by_role("group", name="Leerroute")
    route.get_by_label(re.compile(r"^Leerroute")).select_option(label="B1-route")
    route.get_by_label("Waarom deze leerroute").fill("Toets en opleiding maken B1 haalbaar.")
    route.get_by_label("Aanbieder (gecontracteerd)").select_option(label=aanbieder.name)
    page.get_by_label("Duur in maanden").fill("24")
    page.get_by_label("Lesuren per week").fill("12")
    page.get_by_label("Voortgangsgesprek elke ... weken").fill("8")
    # What Wi 2021 art. 15 lid 1 asks before vaststelling (issue 18 point 4).
    page.get_by_label(re.compile(r"^Ondersteuning")).fill("Maatschappelijke begeleiding.")
    page.get_by_label("PVT: aantal uren").fill("12")
    page.get_by_label("MAP: aantal uren").fill("40")
    page.get_by_label("Aantal voortgangsgesprekken").fill("9")
    # Bijstand comes over from the intake (#16.6), and with it the Participatiewet part.
    assert page.get_by_text("Overgenomen uit de brede intake: bijstand").is_visible()
    assert page.get_by_label("De inburgeraar ontvangt bijstand").is_checked()
    page.get_by_label("Onderdelen Participatiewet").fill("Re-integratie naast de taallessen.")
    # A goal row for every levensgebied from the start (#16.6): one page, one save.
    for n, gebied in enumerate(
        ("Wonen", "Gezondheid", "Financiën", "Leren en werken", "Sociaal netwerk", "Taal"), 1
    ):
        assert page.get_by_role("group", name=f"Doel {n}: {gebied}", exact=True).is_visible()
    goal = page.get_by_role("group", name="Doel 6: Taal", exact=True)
    goal.get_by_label("Doel", exact=True).fill("Twaalf lesuren per week bij Toptaal volgen.")
    goal.get_by_label("Wie doet het").fill("inburgeraar")
    goal = page.get_by_role("group", name="Doel 5: Sociaal netwerk", exact=True)
    goal.get_by_label("Doel", exact=True).fill("Een maatje en de kletsplek.")
    goal.get_by_label("Wie doet het").fill("maatschappelijk begeleider")
    page.get_by_role("button", name="Opslaan en ter vaststelling aanbieden").click()
    message(page, "ter vaststelling aangeboden aan een collega")
    accessible(page, f"PIP versie 1 van {name}")
    assert page.get_by_text("Een collega moet het PIP vaststellen").is_visible()
    assert page.get_by_role("button", name="PIP versie 1 vaststellen").count() == 0

    # The colleague finds it in the werkvoorraad and sets it.
    as_user(page, j.colleague)
    row = work_item(page, "PIP's die wachten op vaststelling (vier ogen)", name)
    assert f"PIP versie 1 vaststellen (opgesteld door {j.km})" in row
    page.get_by_role("link", name=name, exact=True).first.click()
    accessible(page, f"PIP versie 1 van {name}")
    page.get_by_role("button", name="PIP versie 1 vaststellen").click()
    message(page, "Het PIP (versie 1) is vastgesteld.")
    accessible(page, f"PIP van {name}")

    with page.expect_download() as info:
        page.get_by_role("link", name="pdf versie 1").click()
    download = info.value
    assert download.suggested_filename == f"beschikking-pip-{j.person.pk}-v1.pdf"
    with open(download.path(), "rb") as handle:
        text = pdf_text(handle.read())
    dagtekening = PIPVersie.objects.get(pip__inburgeraar=j.person, nummer=1).dagtekening
    assert dagtekening == j.today
    start, last = rules.inburgeringstermijn(dagtekening)
    j.facts.update(dagtekening=dagtekening, termijn_einde=last)
    assert f"{dutch(dagtekening)} PIP-{j.person.pk}-1 Besluit over uw inburgering" in text
    assert f"begint op {dutch(start)} en eindigt op {dutch(last)}" in text
    # The letter is made before it is sent: the bezwaartermijn is stated from the sending
    # (Awb 6:8), never as a date that may already be past (issue 18 point 2).
    assert "zes weken na de dag na verzending van deze brief" in text
    assert "B1-route" in text and aanbieder.name in text and "12" in text

    page.get_by_role("link", name=f"← {name}").click()
    accessible(page, name)
    assert page.locator("main .regie-badge").first.inner_text() == "PIP vastgesteld"


# --- 3b. referral to the aanbieder, accepted in the portal -------------------------------


def refer_to_aanbieder(page, j: Journey) -> None:
    name, aanbieder = j.name, j.world.aanbieder
    page.get_by_role("link", name="Verwijzingen, lesuren en resultaten").click()
    accessible(page, f"Verwijzingen en rapportages van {name}")
    page.get_by_role("link", name="Verwijzen naar een aanbieder").click()
    accessible(page, f"{name} verwijzen naar een aanbieder")
    # The aanbieder of the PIP is proposed.
    assert field(page, "Aanbieder").input_value() == str(aanbieder.pk)
    page.get_by_role("button", name="Verwijzen").click()
    message(page, f"{name} is verwezen naar {aanbieder.name}.")
    accessible(page, f"Verwijzingen en rapportages van {name}")

    # The aanbieder finds it in its werkvoorraad and accepts it from today (a Monday).
    as_user(page, j.aanbieder)
    row = work_item(page, "Verwijzingen om te beantwoorden", name)
    assert "Accepteren of afwijzen" in row
    page.get_by_role("link", name=name, exact=True).first.click()
    accessible(page, f"Verwijzing van {name}")
    assert "12" in section(page, "Gegevens").inner_text()  # lesuren per week from the PIP
    start = j.today
    j.facts["les_start"] = start
    page.get_by_label("Startdatum").fill(start.isoformat())
    page.get_by_role("button", name="Accepteren").click()
    message(page, "Uw antwoord op de verwijzing is vastgelegd.")

    # ... and puts her in the B1 lesson group of its timetable (all blocks).
    page.goto("/lesroosters/")
    accessible(page, "Lesroosters")
    page.get_by_role("link", name="Toptaal B1-groep").click()
    accessible(page, "Toptaal B1-groep")
    page.get_by_role("link", name="Deelnemers en inschrijven").click()
    accessible(page, "Deelnemers van Toptaal B1-groep")
    choose_person(page.get_by_label("Inburgeraar"), name)
    field(page, "Vanaf").fill(start.isoformat())
    page.get_by_role("button", name="Inschrijven").click()
    message(page, f"{name} is ingeschreven.")
    accessible(page, "Deelnemers van Toptaal B1-groep")
    rows = page.get_by_role("row").filter(has_text=name)
    assert rows.count() == 2  # Monday and Wednesday morning
    assert dutch(start) in rows.first.inner_text()


# --- 4. ontzorging, posts checked by a second person, the payment run and SEPA ----------


HUUR = ("Woonstichting De Woonplaats", "NL91ABNA0417164300", "612.40", "€ 612,40")
ZORG = ("Menzis Zorgverzekeraar", "NL44RABO0123456789", "138.75", "€ 138,75")
BENEFIT = ("1412.50", "€ 1.412,50")


def ontzorging(page, j: Journey) -> None:
    name = j.name
    start = ontz.month_start(j.person.housing_date)  # the bijstand starts with the housing
    end = ontz.ontzorging_einde(start)
    as_user(page, j.km)
    page.goto(f"/inburgeraars/{j.person.pk}/")
    page.get_by_role("link", name="Ontzorging en geldtraining").click()
    accessible(page, f"Financiële ontzorging van {name}")
    page.get_by_role("link", name="Ontzorging vastleggen").click()
    accessible(page, "Ontzorging vastleggen")
    field(page, "Datum beschikking").fill((start - dt.timedelta(days=3)).isoformat())
    field(page, "Kenmerk beschikking").fill("PW-2027-0412")
    field(page, "Machtiging getekend op").fill((start - dt.timedelta(days=3)).isoformat())
    field(page, "Startdatum").fill(start.isoformat())
    field(page, "Netto uitkering per maand").fill(BENEFIT[0])
    page.get_by_role("button", name="Opslaan").click()
    message(page, f"De ontzorging is vastgelegd tot en met {dutch(end)}.")
    accessible(page, f"Financiële ontzorging van {name}")
    besluit = section(page, "Besluit en machtiging")
    assert f"{dutch(start)} – {dutch(end)}" in besluit.inner_text()
    afbouw = ontz.afbouw_signal_from(end)
    assert f"Afbouwsignaal vanaf {dutch(afbouw)}" in squeeze(besluit)

    for soort, (crediteur, iban, amount, _shown), kenmerk in (
        ("Huur", HUUR, "Huurcontract 4471"),
        ("Zorgverzekering (premie)", ZORG, "Polis 99120034"),
    ):
        page.get_by_role("link", name="Vaste last toevoegen").click()
        accessible(page, "Vaste last toevoegen")
        field(page, "Soort").select_option(label=soort)
        field(page, "Crediteur").fill(crediteur)
        field(page, "IBAN van de crediteur").fill(iban)
        field(page, "Bedrag").fill(amount)
        field(page, "Betalingskenmerk of omschrijving").fill(kenmerk)
        assert field(page, "Geldig vanaf").input_value() == start.isoformat()
        page.get_by_role("button", name="Opslaan").click()
        message(page, "De post is toegevoegd. Een collega controleert hem voor betaling.")
        accessible(page, f"Financiële ontzorging van {name}")
    posts = page.get_by_role("table", name="Vaste lasten")
    assert posts.get_by_text("wacht op controle").count() == 2
    month = section(page, "Deze maand")
    leefgeld = ontz.leefgeld(Decimal(BENEFIT[0]), [Decimal(HUUR[2]), Decimal(ZORG[2])])
    text = squeeze(month)
    assert f"Uitkering {BENEFIT[1]}" in text
    assert f"Betaald namens de inburgeraar {money(Decimal(HUUR[2]) + Decimal(ZORG[2]))}" in text
    assert f"Leefgeld {money(leefgeld)}" in text

    # A second person (financieel) checks the posts from the werkvoorraad.
    as_user(page, j.financieel)
    row = work_item(page, "Vaste lasten die wachten op controle", name)
    assert f"Vaste last controleren: Huur aan {HUUR[0]} {dutch(start)}" in row
    page.get_by_role("link", name=name, exact=True).first.click()
    accessible(page, f"Financiële ontzorging van {name}")
    for crediteur in (HUUR[0], ZORG[0]):
        page.get_by_role("button", name=re.compile(rf"^Gecontroleerd .* {crediteur}$")).click()
        page.get_by_text(f"gecontroleerd door {j.financieel}").first.wait_for()
    accessible(page, f"Financiële ontzorging van {name}")

    # The same financieel prepares the run of this month ...
    page.goto("/financien/betaalruns/")
    accessible(page, "Betaalruns financiële ontzorging")
    month_start = ontz.month_start(j.today)
    page.get_by_label("Maand").select_option(value=f"{month_start:%Y-%m}")
    page.get_by_role("button", name="Run voorbereiden").click()
    message(page, "Betaalrun gemaakt met 2 posten. Een collega keurt hem goed.")
    heading = f"Betaalrun {month_label(month_start)} – {j.world.municipality.name}"
    accessible(page, heading)
    execution = execution_date_for(month_start, j.today)
    total = money(Decimal(HUUR[2]) + Decimal(ZORG[2]))
    facts = squeeze(page.locator("main dl").first)
    assert f"Posten 2 Totaal {total} Gewenste uitvoeringsdatum {dutch(execution)}" in facts
    # The requested execution date is a TARGET2 business day (#16.7).
    assert target2.is_business_day(execution)
    assert page.get_by_text("U hebt deze run zelf voorbereid; een collega").is_visible()
    assert page.get_by_role("button", name=re.compile("goedkeuren \\(vier ogen\\)$")).count() == 0

    # ... a second financieel approves it from the werkvoorraad ...
    as_user(page, j.financieel2)
    label = f"{j.world.municipality.name} – {month_label(month_start)}"
    row = work_item(page, "Betaalruns die wachten op uw goedkeuring", label)
    assert f"Betaalrun goedkeuren (voorbereid door {j.financieel}) {dutch(execution)}" in row
    page.get_by_role("link", name=label, exact=True).click()
    accessible(page, heading)
    # The approval names exactly what it covers.
    page.get_by_role("button", name=f"Deze 2 betalingen van {total} goedkeuren (vier ogen)").click()
    message(page, "De betaalrun is goedgekeurd en kan worden geëxporteerd.")

    # ... and the first makes and downloads the SEPA file.
    as_user(page, j.financieel)
    page.goto("/financien/betaalruns/")
    page.get_by_role("row").filter(has_text=month_label(month_start)).get_by_role("link").click()
    accessible(page, heading)
    assert f"Goedgekeurd {j.financieel2}" in squeeze(page.locator("main dl").first)
    run_url = page.url
    page.get_by_role("button", name="SEPA-bestand maken").click()
    # The file is written in the background (issue 22): the job's page shows the bar; the
    # test runs the job as the worker would (tests/jobs runs it through a real worker).
    page.wait_for_url("**/taken/*/")
    run_job(int(page.url.rstrip("/").rsplit("/", 1)[1]))
    page.get_by_text("Klaar.", exact=True).wait_for()
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "100"
    page.goto(run_url)
    accessible(page, heading)
    with page.expect_download() as info:
        page.get_by_role("link", name="SEPA-bestand downloaden (pain.001.001.09)").click()
    with open(info.value.path(), "rb") as handle:
        xml = handle.read()
    check_sepa(xml, execution, month_start)

    # The file shows the payments.
    page.goto(f"/inburgeraars/{j.person.pk}/ontzorging/")
    paid = section(page, "Laatste betalingen")
    assert f"{month_label(month_start)}: Huur – {HUUR[3]}" in paid.inner_text()


def check_sepa(xml: bytes, execution: dt.date, month: dt.date) -> None:
    """pain.001.001.09 with one transfer per post, to the creditors typed in."""
    assert xml.startswith(b"<?xml")
    ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"}
    root = ElementTree.fromstring(xml)  # noqa: S314 - our own generated document
    assert root.tag == "{urn:iso:std:iso:20022:tech:xsd:pain.001.001.09}Document"
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=ns) == "2"
    total = Decimal(HUUR[2]) + Decimal(ZORG[2])
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=ns) == f"{total}"
    info = root.find("p:CstmrCdtTrfInitn/p:PmtInf", ns)
    assert info.findtext("p:ReqdExctnDt/p:Dt", namespaces=ns) == execution.isoformat()
    lines = {
        tx.findtext("p:Cdtr/p:Nm", namespaces=ns): (
            tx.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=ns),
            tx.findtext("p:Amt/p:InstdAmt", namespaces=ns),
            tx.findtext("p:RmtInf/p:Ustrd", namespaces=ns),
        )
        for tx in info.findall("p:CdtTrfTxInf", ns)
    }
    assert lines == {
        HUUR[0]: (HUUR[1], HUUR[2], f"Huurcontract 4471 {month:%m-%Y}"),
        ZORG[0]: (ZORG[1], ZORG[2], f"Polis 99120034 {month:%m-%Y}"),
    }


# --- 5. the begeleider: checklist, consent and a referral to a partner -------------------


def guidance(page, j: Journey) -> None:
    name = j.name
    start = j.person.housing_date  # guidance starts with the housing
    types = checklist_types(j.world.municipality)
    late = sorted(
        (default_due(t, start), t.name) for t in types if default_due(t, start) is not None
    )
    late = [(due, what) for due, what in late if due < j.today]
    as_user(page, j.begeleider)
    row = work_item(page, "Praktische zaken over datum", name)
    assert f"Checklist: {', '.join(what for _, what in late[:3])}" in row
    assert dutch(late[0][0]) in row
    page.get_by_role("link", name=name, exact=True).first.click()
    accessible(page, f"Maatschappelijke begeleiding van {name}")
    page.get_by_role("link", name="Checklist bijwerken").click()
    accessible(page, "Checklist bijwerken: Huishouden Tesfay")
    for what in ("Huurcontract getekend", "Bankrekening geopend"):
        field(page, f"Status – {what}").select_option(label="Geregeld")
        field(page, f"Geregeld op – {what}").fill(j.today.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    message(page, "Checklist opgeslagen (")
    accessible(page, f"Maatschappelijke begeleiding van {name}")
    heading = page.get_by_role("heading", name="Checklist van Huishouden Tesfay")
    assert f"2 van {len(types)} geregeld" in heading.inner_text()
    row = page.get_by_role("row").filter(has_text="Huurcontract getekend")
    huur = next(t for t in types if t.name == "Huurcontract getekend")
    assert f"Geregeld {dutch(default_due(huur, start))} {dutch(j.today)}" in squeeze(row)

    # Consent first, then the referral to the partner (seed bijlage 3).
    page.get_by_role("link", name="Toestemming vastleggen").click()
    accessible(page, f"Toestemming van {name} vastleggen")
    field(page, "Partner").select_option(label="Humanitas Thuisadministratie")
    page.get_by_label("Naam en contactgegevens").check()
    page.get_by_label("Financiële situatie").check()
    field(page, "Doel van het delen").fill("Aanmelding bij de thuisadministratie.")
    field(page, "Datum toestemming").fill(j.today.isoformat())
    field(page, "Toestemming gegeven door").select_option(label="De inburgeraar zelf")
    field(page, "Vorm").select_option(label="Mondeling, met tolk of in eigen taal uitgelegd")
    page.get_by_role("button", name="Toestemming vastleggen").click()
    message(page, "Toestemming vastgelegd.")
    accessible(page, f"Maatschappelijke begeleiding van {name}")
    consents = page.get_by_role("table", name="Toestemmingen")
    assert "Naam en contactgegevens, Financiële situatie" in consents.inner_text()
    assert f"{dutch(j.today)} (de inburgeraar zelf" in consents.inner_text()

    follow_up = j.today + dt.timedelta(days=5)
    page.get_by_role("link", name="Doorverwijzen").click()
    accessible(page, f"{name} doorverwijzen naar een partner")
    field(page, "Partner").select_option(label="Humanitas Thuisadministratie")
    field(page, "Thema").select_option(label="Financiën")
    field(page, "Hulpvraag").fill("Hulp bij de post en het overzicht van de vaste lasten.")
    shared = page.get_by_role("group", name="Wat wordt gedeeld")
    shared.get_by_label("Naam en contactgegevens").check()
    field(page, "Verwezen op").fill(j.today.isoformat())
    field(page, "Vervolgafspraak (nabellen)").fill(follow_up.isoformat())
    page.get_by_role("button", name="Doorverwijzen").click()
    message(page, "Doorverwijzing vastgelegd.")
    accessible(page, f"Maatschappelijke begeleiding van {name}")
    referral = page.get_by_role("table", name="Doorverwijzingen naar partners")
    text = squeeze(referral)
    assert f"Humanitas Thuisadministratie Financiën {dutch(j.today)}" in text
    assert dutch(follow_up) in text

    # The follow-up call is the begeleider's next work item.
    page.get_by_role("link", name="Werkvoorraad").first.click()
    accessible(page, "Werkvoorraad")
    row = work_item(page, "Doorverwijzingen: nabellen binnen 7 dagen of te laat", name)
    assert f"Nabellen over verwijzing naar Humanitas Thuisadministratie {dutch(follow_up)}" in row


# --- 6. a maatje ---------------------------------------------------------------------------


def maatje(page, j: Journey) -> None:
    name = j.name
    # The begeleider fills in what the matching needs.
    page.goto(f"/inburgeraars/{j.person.pk}/begeleiding/")
    accessible(page, f"Maatschappelijke begeleiding van {name}")
    assert page.get_by_text("Nog geen maatje.").is_visible()
    page.get_by_role("link", name="Matchingprofiel bijwerken").click()
    accessible(page, f"Matchingprofiel van {name}")
    field(page, "Interesses").fill("koken, wandelen")
    page.get_by_label("dinsdag avond").check()
    page.get_by_role("button", name="Opslaan").click()
    message(page, "Matchingprofiel opgeslagen.")

    # The begeleider links the maatje for the household they guide (seed §3.8); the
    # coördinator keeps the pool and the matching runs.
    page.get_by_role("link", name="Werkvoorraad").first.click()
    accessible(page, "Werkvoorraad")
    row = work_item(page, "Nieuwkomers zonder maatje", name)
    assert f"Maatje zoeken (in begeleiding sinds {dutch(j.person.housing_date)})" in row
    page.goto(f"/inburgeraars/{j.person.pk}/begeleiding/")
    page.get_by_role("link", name="Maatje koppelen").click()
    accessible(page, f"Maatje koppelen voor {name}")
    page.get_by_label("Fatima Ghebre").check()
    page.get_by_role("button", name="Maatje koppelen").click()
    message(page, f"{name} is gekoppeld aan maatje Fatima Ghebre.")
    page.goto("/begeleiding/maatjes/")
    accessible(page, "Maatjes koppelen")
    assert page.get_by_text("Alleen de coördinator kan vrijwilligers toevoegen").is_visible()

    page.goto(f"/inburgeraars/{j.person.pk}/begeleiding/")
    accessible(page, f"Maatschappelijke begeleiding van {name}")
    assert page.get_by_text(f"Fatima Ghebre: vanaf {dutch(j.today)} · 0 ontmoetingen").is_visible()


# --- 7. menukaart and weekprogramma with the lessons ---------------------------------------


def week(page, j: Journey) -> None:
    name = j.name
    # The begeleider enrols her in the kletsplek from the menukaart, with her (seed §2.5).
    as_user(page, j.begeleider)
    page.goto(f"/inburgeraars/{j.person.pk}/activiteiten/")
    page.get_by_role("link", name="Inschrijven voor een activiteit").click()
    accessible(page, f"{name} inschrijven voor een activiteit")
    choice = page.get_by_label("Activiteit en moment")
    kletsplek = [o for o in choice.locator("option").all_inner_texts() if "Kletsplek" in o]
    assert len(kletsplek) == 1 and "dinsdag 14:00" in kletsplek[0]
    choice.select_option(label=kletsplek[0])
    page.get_by_role("button", name="Inschrijven", exact=True).click()
    message(page, f"{name} is ingeschreven voor Kletsplek")

    page.goto(f"/inburgeraars/{j.person.pk}/activiteiten/")
    accessible(page, f"Activiteiten van {name}")
    page.get_by_role("link", name="Weekprogramma maken").click()
    accessible(page, f"Weekprogramma maken voor {name}")
    page.get_by_role("button", name="Voorstel maken").click()
    accessible(page, f"Weekprogramma van {name}")
    table = page.get_by_role("table", name="De week")
    # The lessons of the aanbieder's timetable, twice a week, and the kletsplek.
    assert table.get_by_role("row").filter(has_text="Toptaal B1-groep").count() == 2
    assert table.get_by_role("row").filter(has_text="Kletsplek").count() == 1
    page.get_by_role("button", name="Weekprogramma bevestigen").click()
    message(page, "Het weekprogramma is bevestigd")
    accessible(page, f"Weekprogramma van {name}")
    with page.expect_download() as info:
        page.get_by_role("link", name="Weekrooster afdrukken (pdf, 1 pagina)").click()
    with open(info.value.path(), "rb") as handle:
        text = pdf_text(handle.read())
    assert "Toptaal B1-groep" in text and "Kletsplek" in text


# --- 8. the aanbieder reports lesuren and attendance ----------------------------------------


def reports(page, j: Journey) -> None:
    name = j.name
    as_user(page, j.aanbieder)
    # Attendance of this morning's lesson.
    page.goto("/lesroosters/")
    page.get_by_role("link", name="Toptaal B1-groep").click()
    accessible(page, "Toptaal B1-groep")
    page.get_by_role("link", name=re.compile("^Aanwezigheid maandag", re.I)).click()
    accessible(page, re.compile("^Aanwezigheid"))
    page.get_by_label(f"{name}: Aanwezig").check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    message(page, "Aanwezigheid opgeslagen")

    # The month's lesuren in the portal: 6 of 12 hours.
    page.goto("/aanbieder/")
    accessible(page, "Aanbiedersportaal")
    page.get_by_role("link", name=name, exact=True).click()
    accessible(page, name)
    form = section(page, "Lesuren van een maand")
    form.get_by_label("Maand").fill(f"{j.today:%Y-%m}")
    form.get_by_label("Uren aangeboden").fill("12")
    form.get_by_label("Uren aanwezig").fill("6")
    form.get_by_role("button", name="Vastleggen").click()
    message(page, "Vastgelegd.")
    accessible(page, name)
    lesuren = page.get_by_role("table", name="Lesuren per maand")
    row = squeeze(lesuren.get_by_role("row").nth(1))
    assert row.startswith(f"{month_label(j.today)} {j.world.aanbieder.name}") and "50%" in row

    # The klantmanager sees the signal in the werkvoorraad and the figures on the file.
    as_user(page, j.km)
    row = work_item(page, "Aanwezigheid bij de taalaanbieder onder de drempel", name)
    limit = int_figure("aanwezigheid_signaal_procent")  # lokaal beleid
    assert f"Aanwezigheid 50% in {month_label(j.today)} (signaal onder {limit}%)" in row
    # The person's link in that item (other items of the werkvoorraad link elsewhere).
    page.locator("section.regie-card").filter(
        has=page.get_by_role(
            "heading", level=2, name=re.compile("^Aanwezigheid bij de taalaanbieder onder")
        )
    ).get_by_role("link", name=name, exact=True).first.click()
    accessible(page, f"Verwijzingen en rapportages van {name}")
    assert "50%" in page.get_by_role("table", name="Lesuren per maand").inner_text()


# --- 9. handhaving (waarschuwing) and bezwaar -----------------------------------------------


def enforcement(page, j: Journey) -> None:
    name, today = j.name, j.today
    page.goto(f"/inburgeraars/{j.person.pk}/")
    accessible(page, name)
    page.get_by_role("link", name="Signaal vastleggen").click()
    accessible(page, "Signaal vastleggen")
    field(page, "Signaal").select_option(
        label="Aanwezigheid onder de norm (gemeld door de aanbieder)"
    )
    assert field(page, "Datum van het signaal").input_value() == today.isoformat()
    internal = field(page, "Wat is er gebeurd (interne notitie)")
    internal.fill("Toptaal meldt 6 van 12 lesuren in maart.")
    page.get_by_role("button", name="Opslaan").click()
    message(page, "Het signaal is vastgelegd.")
    accessible(page, re.compile("^Handhavingszaak"))
    page.get_by_role("link", name="Schriftelijke waarschuwing sturen").click()
    accessible(page, re.compile("^Schriftelijke waarschuwing"))
    # Appointment and term on working days (four weeks from 1 March 2027 is Easter Monday).
    afspraak = next_werkdag(today + dt.timedelta(days=7))
    termijn = next_werkdag(today + dt.timedelta(weeks=4))
    # What reaches the letter is said on the form (#16.8); the signal's note stays inside.
    assert page.get_by_text("Deze tekst komt in de brief.").first.is_visible()
    field(page, "Wat moet de inburgeraar doen").fill(
        "Kom naar het gesprek over uw lessen. Neem uw rooster mee."
    )
    field(page, "Datum van de nieuwe afspraak").fill(afspraak.isoformat())
    field(page, "Tijd van de nieuwe afspraak").fill("10:30")
    field(page, "Plaats van de nieuwe afspraak").fill("Fijnder, Misterweg 2, Winterswijk")
    field(page, "Nieuwe termijn tot en met").fill(termijn.isoformat())
    field(page, "Contactpersoon").fill(str(j.km))
    field(page, "Telefoonnummer").fill("0543 123 456")
    page.get_by_role("button", name="Schriftelijke waarschuwing sturen").click()
    message(page, "De waarschuwing is gemaakt. Download de brief en verstuur hem.")
    accessible(page, re.compile("^Handhavingszaak"))
    text = squeeze(section(page, "Schriftelijke waarschuwing"))
    assert f"Verstuurd op {dutch(today)}" in text
    with override("nl"):
        weekday = date_format(afspraak, "l")
    assert f"Nieuwe afspraak {weekday} {dutch(afspraak)}, 10:30" in text
    assert f"Nieuwe termijn tot en met {dutch(termijn)}" in text
    with page.expect_download() as info:
        page.get_by_role("link", name=f"Schriftelijke waarschuwing {dutch(today)} (pdf)").click()
    with open(info.value.path(), "rb") as handle:
        letter = pdf_text(handle.read())
    assert dutch(termijn) in letter and name in letter
    assert "Kom naar het gesprek over uw lessen." in letter
    assert "10.30 uur" in letter and "Fijnder, Misterweg 2, Winterswijk" in letter
    assert "0543 123 456" in letter
    assert "Toptaal meldt 6 van 12 lesuren" not in letter  # the internal note

    # A bezwaar against the PIP, on time, reaches the jurist with the beslistermijn.
    page.goto(f"/inburgeraars/{j.person.pk}/")
    page.get_by_role("link", name="Bezwaar registreren").click()
    accessible(page, "Bezwaar registreren")
    versie = PIPVersie.objects.get(pip__inburgeraar=j.person, nummer=1)
    page.get_by_label("Besluit waartegen het bezwaar is gericht").select_option(f"pip:{versie.pk}")
    page.get_by_label("Ontvangen op").fill(today.isoformat())
    page.get_by_label("Hoe ontvangen").select_option("post")
    page.get_by_label("Ter post bezorgd op (poststempel)").fill(today.isoformat())
    page.get_by_label("Gronden van het bezwaar").fill("Twaalf lesuren naast mijn werk is te veel.")
    page.get_by_role("button", name="Opslaan").click()
    message(page, "Het bezwaar is geregistreerd. Het is tijdig.")
    accessible(page, re.compile("^Bezwaar "))
    # The PIP was not recorded as sent: the beslistermijn counts from the day the bezwaar
    # came in (rules.handhaving.beslistermijn_basis; Awb 7:10 with 6:8 unknown).
    beslis = rules.beslistermijn_bezwaar_einde(hh.beslistermijn_basis(None, today))
    as_user(page, j.jurist)
    row = work_item(page, "Bezwaren en beslistermijnen", name)
    assert "wacht op advies van de uitvoerder" in row and dutch(beslis) in row


# --- 10. the regisseur's figures ------------------------------------------------------------


def figures(page, j: Journey) -> None:
    """Only numbers, never names: the three persons of the municipality, of whom Selam is
    the one in uitvoering, with her PIP, lesuren, maatje, ontzorging and bezwaar."""
    as_user(page, j.regisseur)
    page.get_by_role("link", name="Monitoring").first.click()
    accessible(page, "Monitoring inburgering")
    days = (j.facts["dagtekening"] - j.facts["kennisgeving"]).days
    expected = {
        "Inburgeraars per status": ["Aangemeld 2", "In uitvoering 1"],
        "Doorlooptijden vanaf de kennisgeving (dagen)": [
            f"Tot vaststelling PIP (dagtekening) 1 {days} {days}"
        ],
        "PIP's vastgesteld binnen de PIP-termijn": ["Binnen de termijn 1 100"],
        "Verdeling over de leerroutes (laatst vastgestelde PIP)": ["B1-route 1 100"],
        "Voortgang: lesuren en examens": [
            "Lesuren aangeboden 12",
            "Lesuren aanwezig 6",
            "Aanwezigheid (%) 50",
        ],
        "Participatie: PVT, MAP, maatjes en activiteiten": [
            "Maatje gekoppeld (van wie er een wil) 1 1 100",
            "Deelname aan een activiteit 1 3 33,3",
        ],
        "Financiële ontzorging": ["Actief 1"],
        "Handhaving en bezwaar": [
            "Handhavingszaken: Schriftelijke waarschuwing 1",
            "Bezwaren 1",
            "Waarvan te laat ingediend 0",
        ],
    }
    missing = []
    for title, rows in expected.items():
        table = page.get_by_role("table", name=title, exact=True)
        shown = [squeeze(row) for row in table.get_by_role("row").all()]
        missing += [(title, row, shown) for row in rows if row not in shown]
    assert not missing, "\n".join(f"{t}: {r!r} not in {s!r}" for t, r, s in missing)
    assert j.name not in page.content()


# --- the journey ---------------------------------------------------------------------------


def build(world) -> Journey:
    """The seed's roles around the shared ``world``: two klantmanagers of one team, two
    financieel medewerkers, and what the municipality has before the person arrives."""
    default_soorten()  # the statutory kinds of fixed costs (a data migration; see conftest)
    km = world.users[Role.KLANTMANAGER]
    km.is_certified_toetsbegeleider = True
    km.save(update_fields=["is_certified_toetsbegeleider"])
    fin = world.users[Role.FINANCIEEL]
    BetaalrekeningFactory(municipality=world.municipality)
    # A partner of the sociaal domein, a volunteer who speaks Tigrinya, the kletsplek.
    PartnerFactory(
        organisation=OrganisationFactory(
            name="Humanitas Thuisadministratie",
            type=OrganisationType.PARTNER,
            serves=[world.municipality],
        ),
        offer="Vrijwilligers helpen met de administratie thuis.",
    )
    VolunteerFactory(
        organisation=world.sociaal_team,
        municipality=world.municipality,
        first_name="Fatima",
        last_name="Ghebre",
        languages="nl, ti",
        interests="koken",
        availability=["di-avond"],
    )
    kletsplek = ActivityFactory(
        name="Kletsplek",
        themes=["taal", "sociaal_netwerk"],
        routes=["b1", "z"],
        organiser=world.sociaal_team,
        coordinator_organisation=world.sociaal_team,
        municipality=world.municipality,
    )
    SessionFactory(activity=kletsplek, weekday=1, start=dt.time(14), end=dt.time(16))
    # The aanbieder's timetable: a B1 group on Monday and Wednesday morning.
    group = ActivityFactory(
        lesson=True,
        routes=["b1"],
        name="Toptaal B1-groep",
        organiser=world.aanbieder,
        coordinator_organisation=world.sociaal_team,
        municipality=world.municipality,
    )
    for weekday in (0, 2):
        SessionFactory(
            activity=group, weekday=weekday, start=dt.time(9), end=dt.time(12), capacity=16
        )
    return Journey(
        world=world,
        today=dt.date.fromisoformat(TODAY[:10]),
        km=km,
        colleague=UserFactory(
            organisation=world.uitvoerder,
            team=km.team,
            roles=[Role.KLANTMANAGER],
            username="klantmanager.b",
        ),
        financieel=fin,
        financieel2=UserFactory(
            organisation=world.uitvoerder,
            team=fin.team,
            roles=[Role.FINANCIEEL],
            username="financieel2",
        ),
        begeleider=world.users[Role.BEGELEIDER],
        coordinator=world.users[Role.COORDINATOR],
        aanbieder=world.users[Role.AANBIEDER],
        jurist=world.users[Role.JURIST],
        regisseur=world.users[Role.REGISSEUR],
    )


def test_seed_journey_of_one_new_person(journey_day, world, page):
    j = build(world)
    assert timezone.localdate() == j.today
    register(page, j)
    intake(page, j)
    pip(page, j)
    refer_to_aanbieder(page, j)
    ontzorging(page, j)
    guidance(page, j)
    maatje(page, j)
    week(page, j)
    reports(page, j)
    enforcement(page, j)
    figures(page, j)
