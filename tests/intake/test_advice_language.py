"""The route advice speaks the page's language: its reasons come from regie.rules as
Dutch phrases with their msgids, rendered through gettext when the page is rendered. The
Dutch text stays exactly what the rules say; no route code appears on the page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from regie.core import formatting
from regie.core.roles import Role
from regie.intake import services
from regie.rules import Leerroute, Opleidingsniveau, advise_leerroute, leerroute_change_allowed
from tests.factories import BredeIntakeFactory, LeerbaarheidstoetsFactory

pytestmark = pytest.mark.django_db

# The English of the msgids used below, as the lead's catalogue will hold them
# (/work/translations/plans.json); patched in so the test does not wait for the catalogue.
ENGLISH = {
    "De leerbaarheidstoets geeft aan dat B1 binnen de termijn niet haalbaar is.": (
        "The learnability test shows that B1 is not achievable within the term."
    ),
    "De inburgeraar wil een opleiding volgen, maar de onderwijsroute wordt niet "
    "geadviseerd: %(obstacles)s.": (
        "The inburgeraar wants to follow a course, but the education route is not advised: "
        "%(obstacles)s."
    ),
    "volgens de leerbaarheidstoets is B1 niet haalbaar": (
        "according to the learnability test B1 is not achievable"
    ),
    "de hoogst genoten opleiding is %(opleiding)s, lager dan voortgezet onderwijs": (
        "the highest schooling completed is %(opleiding)s, lower than secondary education"
    ),
    "basisonderwijs": "primary education",
    "de inburgeraar is %(age)s jaar; volgens lokaal beleid is de onderwijsroute voor wie "
    "jonger is dan %(max)s jaar (de wet kent geen leeftijdsgrens)": (
        "the inburgeraar is %(age)s years old; under local policy the education route is for "
        "those younger than %(max)s (the law sets no age limit)"
    ),
    "De Z-route past bij wie B1 en de onderwijsroute niet binnen de termijn kan halen "
    "(Wet inburgering 2021 art. 9 lid 1).": (
        "The Z-route suits those who cannot reach B1 or the education route within the term "
        "(Wet inburgering 2021 art. 9 para. 1)."
    ),
    "Zelfredzaamheidsroute (Z-route)": "Self-reliance route (Z-route)",
    "De leerroute kan alleen binnen anderhalf jaar na de start van de inburgeringstermijn "
    "worden gewijzigd (uiterlijk %(deadline)s; Besluit inburgering 2021 art. 5.4 lid 1). "
    "Alleen de wijziging van onderwijsroute naar B1-route kan altijd; afwijken kan na een "
    "niet-vrijstellende opleiding of in een bijzonder geval (art. 5.4 lid 2-3).": (
        "The learning route can only be changed within eighteen months of the start of the "
        "integration term (at the latest %(deadline)s; Besluit inburgering 2021 art. 5.4 "
        "para. 1)."
    ),
}


@pytest.fixture
def english(monkeypatch):
    # Rules phrases are rendered by regie.core.formatting (moved there from the intake
    # services so the person's file can render the rechtspositie too).
    real = formatting.gettext

    def gettext(msgid):
        if translation.get_language() == "en" and msgid in ENGLISH:
            return ENGLISH[msgid]
        return real(msgid)

    monkeypatch.setattr(formatting, "gettext", gettext)


@pytest.fixture
def z_person(world, travel):
    travel("2026-11-02")
    BredeIntakeFactory(inburgeraar=world.person, opleidingsniveau="primary", wants_education=True)
    LeerbaarheidstoetsFactory(inburgeraar=world.person, status="afgenomen", b1_haalbaar=False)
    return world.person


def test_the_dutch_reasons_are_the_same_sentences_as_before():
    advice = advise_leerroute(25, False, Opleidingsniveau.PRIMARY, True, True)
    assert advice.route == Leerroute.Z
    assert advice.reasons == [
        "De leerbaarheidstoets geeft aan dat B1 binnen de termijn niet haalbaar is.",
        "De inburgeraar wil een opleiding volgen, maar de onderwijsroute wordt niet "
        "geadviseerd: volgens de leerbaarheidstoets is B1 niet haalbaar; de hoogst genoten "
        "opleiding is basisonderwijs, lager dan voortgezet onderwijs.",
        "De Z-route past bij wie B1 en de onderwijsroute niet binnen de termijn kan halen "
        "(Wet inburgering 2021 art. 9 lid 1).",
    ]


def test_the_route_change_refusal_gives_the_deadline_in_full_dutch():
    allowed, why = leerroute_change_allowed(
        Leerroute.B1, Leerroute.Z, dt.date(2022, 3, 16), dt.date(2023, 9, 16), 0
    )
    assert not allowed and "uiterlijk 15 september 2023;" in why


def test_the_intake_page_in_english_shows_the_reasons_in_english(
    world, z_person, english, client_for
):
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("intake_detail", args=[z_person.pk])
    dutch = client.get(url).content.decode()
    assert "De leerbaarheidstoets geeft aan dat B1 binnen de termijn niet haalbaar is." in dutch
    assert "Zelfredzaamheidsroute (Z-route)" in dutch

    english_page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in english_page
    assert "The learnability test shows that B1 is not achievable within the term." in english_page
    assert (
        "the education route is not advised: according to the learnability test B1 is not "
        "achievable; the highest schooling completed is primary education, lower than "
        "secondary education; the inburgeraar is 36 years old; under local policy the "
        "education route is for those younger than 30 (the law sets no age limit)." in english_page
    )
    assert "Self-reliance route (Z-route)" in english_page
    assert "niet haalbaar" not in english_page


def test_route_change_refusal_in_english(english):
    allowed, why = leerroute_change_allowed(
        Leerroute.B1, Leerroute.Z, dt.date(2022, 3, 16), dt.date(2023, 9, 16), 0
    )
    with translation.override("en"):
        text = str(services.translated(why))
    assert text.startswith("The learning route can only be changed")
    assert "at the latest 15 September 2023;" in text
    with translation.override("nl"):
        assert str(services.translated(why)) == why
