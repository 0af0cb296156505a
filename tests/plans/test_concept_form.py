"""The PIP concept form as a klantmanager meets it: a goal row for every levensgebied from
the start, prefilled from the brede intake, bijstand and ontzorging taken over, and a whole
PIP made in one save. The POST is what a browser sends from the rendered form."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from regie.core.roles import Role
from regie.intake.models import IntakeGezondheid
from regie.people.services import change_status
from regie.plans.models import PIPVersie
from tests.factories import BredeIntakeFactory


class FormValues(HTMLParser):
    """The values a browser would submit from the page's POST form (no JavaScript)."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None
        self._option = None
        self._selected = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.values.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = [name, None, None]  # name, first option, selected option
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in attrs:
                self._select[2] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.values.append((self._textarea[0], self._textarea[1].lstrip("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, first, chosen = self._select
            self.values.append((name, chosen if chosen is not None else (first or "")))
            self._select = None


def form_values(html: str) -> dict[str, str]:
    parser = FormValues()
    parser.feed(html)
    return dict(parser.values)


@pytest.fixture(autouse=True)
def today(travel):
    travel("2026-10-12")


@pytest.fixture
def km(world):
    return world.users[Role.KLANTMANAGER]


@pytest.fixture
def intake_person(world):
    """An asielstatushouder on bijstand whose brede intake recorded needs on every
    levensgebied."""
    person = world.person
    change_status(person, "intake")
    intake = BredeIntakeFactory(
        inburgeraar=person,
        completed=True,
        housing="Woont met partner bij De Woonplaats; de huur is nog niet geregeld.",
        income_source="bijstand",
        has_debts=True,
        finances="Wil leren de post en de rekeningen zelf te betalen.",
        work_options="Wil aan het werk in de zorg.",
        social_network="Nog weinig contacten; wil graag een maatje.",
        dutch_level="a0",
        childcare_needed=True,
        childcare_notes="Peuteropvang tijdens de taallessen.",
    )
    IntakeGezondheid.objects.create(intake=intake, impact="Rugklachten; kan niet lang staan.")
    return person


def test_first_pip_shows_six_prefilled_goal_rows_and_takes_over_bijstand(
    intake_person, km, client_for
):
    response = client_for(km).get(reverse("pip_concept", args=[intake_person.pk]))
    content = response.content.decode()
    for n, gebied in enumerate(
        ("Wonen", "Gezondheid", "Financiën", "Leren en werken", "Sociaal netwerk", "Taal"), 1
    ):
        assert f"Doel {n}: {gebied}" in content
    assert "Doel 7 (extra doel)" in content and "Doel 8 (extra doel)" in content
    values = form_values(content)
    assert values["doelen-TOTAL_FORMS"] == "8"
    assert values["doelen-0-levensgebied"] == "wonen"
    assert values["doelen-0-omschrijving"].startswith("Woont met partner bij De Woonplaats")
    assert values["doelen-1-omschrijving"] == "Rugklachten; kan niet lang staan."
    assert values["doelen-2-omschrijving"] == (
        "Wil leren de post en de rekeningen zelf te betalen. "
        "Schulden of betalingsachterstanden aanpakken."
    )
    assert values["doelen-4-omschrijving"] == "Nog weinig contacten; wil graag een maatje."
    assert "Onder A1" in values["doelen-5-omschrijving"]
    assert values["doelen-5-wie"] == "inburgeraar en taalaanbieder"
    # Bijstand and ontzorging from the intake (an asielstatushouder on bijstand).
    assert values["bijstand"] == "on" and values["financiele_ontzorging"] == "on"
    assert values["randvoorwaarden"] == "Kinderopvang nodig. Peuteropvang tijdens de taallessen."
    assert not PIPVersie.objects.exists()  # a GET saves nothing


def test_one_save_makes_a_complete_concept(intake_person, km, world, client_for):
    client = client_for(km)
    url = reverse("pip_concept", args=[intake_person.pk])
    values = form_values(client.get(url).content.decode())
    values.pop("csrfmiddlewaretoken", None)
    values.update(
        leerroute="b1",
        route_toelichting="B1 is haalbaar.",
        aanbieder=str(world.aanbieder.pk),
        duur_maanden="30",
        lesuren_per_week="12",
        voortgang_frequentie_weken="8",
        participatiewet="Re-integratie naast de taallessen.",
    )
    values["doelen-3-omschrijving"] = ""  # no goal on leren en werken yet: the row is skipped
    values["doelen-6-levensgebied"] = "taal"
    values["doelen-6-omschrijving"] = "Zelf de bus nemen naar Toptaal."
    response = client.post(url, values)
    assert response.status_code == 302
    versie = PIPVersie.objects.get(pip__inburgeraar=intake_person)
    assert versie.is_concept and versie.bijstand and versie.financiele_ontzorging
    goals = list(versie.doelen.order_by("id").values_list("levensgebied", "omschrijving", "wie"))
    assert [g[0] for g in goals] == [
        "wonen",
        "gezondheid",
        "financien",
        "sociaal_netwerk",
        "taal",
        "taal",
    ]
    assert goals[0][2] == "inburgeraar en maatschappelijk begeleider"
    assert goals[-1][1:] == ("Zelf de bus nemen naar Toptaal.", "inburgeraar en taalaanbieder")
    page = client.get(reverse("pip_versie", args=[intake_person.pk, versie.nummer]))
    assert "Nog weinig contacten; wil graag een maatje." in page.content.decode()
    # Reopened, the concept shows its six goals and an empty row for leren en werken only.
    again = form_values(client.get(url).content.decode())
    assert again["doelen-INITIAL_FORMS"] == "6"
    assert again["doelen-6-levensgebied"] == "leren_werken"
    assert again["doelen-6-omschrijving"] == ""


def test_errors_keep_every_typed_row(intake_person, km, client_for):
    client = client_for(km)
    url = reverse("pip_concept", args=[intake_person.pk])
    values = form_values(client.get(url).content.decode())
    values.pop("csrfmiddlewaretoken", None)
    values["doelen-0-omschrijving"] = "Zelf de huur betalen."
    values["doelen-6-omschrijving"] = "Een doel zonder levensgebied."
    values["leerroute"] = "z"  # deviates from the advice and has no reasons
    values["route_toelichting"] = ""
    response = client.post(url, values)
    assert response.status_code == 200
    content = response.content.decode()
    assert "ECLI:NL:RVS:2024:5413" in content
    kept = form_values(content)
    assert kept["doelen-0-omschrijving"] == "Zelf de huur betalen."
    assert kept["doelen-6-omschrijving"] == "Een doel zonder levensgebied."
    assert kept["doelen-4-omschrijving"] == "Nog weinig contacten; wil graag een maatje."
    assert not PIPVersie.objects.exists()


def test_no_bijstand_in_the_intake_means_none_in_the_pip(world, km, client_for):
    person = world.person
    change_status(person, "intake")
    BredeIntakeFactory(inburgeraar=person, completed=True, income_source="partner")
    values = form_values(
        client_for(km).get(reverse("pip_concept", args=[person.pk])).content.decode()
    )
    assert "bijstand" not in values and "financiele_ontzorging" not in values
    assert values["doelen-0-omschrijving"] == ""  # the intake said nothing about housing
