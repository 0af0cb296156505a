"""The pages: the split between uitvoerder and gemeente, the jurist's scope, bad input
shown on the form with nothing saved, audit-logged downloads, and the regisseur's figures
without names."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import Role
from regie.enforcement.models import Bezwaar, Handhavingszaak
from regie.enforcement.states import BezwaarState
from regie.people.models import Inburgeraar
from tests.enforcement.conftest import TODAY, advised, fined_art23, register
from tests.factories import InburgeraarFactory, PIPFactory, PIPVersieFactory

pytestmark = pytest.mark.django_db


def test_jurist_sees_a_person_only_through_a_bezwaar_or_a_fine(pip_person, km, jurist, world):
    assert not Inburgeraar.objects.for_user(jurist).filter(pk=pip_person.pk).exists()
    bezwaar = register(pip_person, km)
    assert Inburgeraar.objects.for_user(jurist).filter(pk=pip_person.pk).exists()
    # Not in another municipality, even with a bezwaar there.
    stranger = world.stranger
    versie = PIPVersieFactory(
        pip=PIPFactory(inburgeraar=stranger),
        nummer=1,
        vastgesteld=True,
        dagtekening=TODAY() - dt.timedelta(days=5),
    )
    Bezwaar.objects.create(
        inburgeraar=stranger,
        pip_versie=versie,
        besluit_bekendgemaakt_op=versie.dagtekening,
        ontvangen_op=TODAY(),
        wijze="post",
        gronden="x",
    )
    assert not Inburgeraar.objects.for_user(jurist).filter(pk=stranger.pk).exists()
    bezwaar.delete()
    other = InburgeraarFactory(
        municipality=world.municipality, klantmanager=km, status="in_uitvoering"
    )
    PIPVersieFactory(
        pip=PIPFactory(inburgeraar=other),
        nummer=1,
        vastgesteld=True,
        dagtekening=TODAY() - dt.timedelta(days=30),
        aanbieder=world.aanbieder,
    )
    fined_art23(other, km, vastgesteld=TODAY() - dt.timedelta(days=3))
    assert set(Inburgeraar.objects.for_user(jurist).values_list("pk", flat=True)) == {other.pk}


def test_uitvoerder_prepares_gemeente_decides(pip_person, km, jurist, client_for):
    bezwaar = advised(pip_person, km)
    args = [pip_person.pk, bezwaar.pk]
    km_client = client_for(km)
    assert km_client.get(reverse("bezwaar_beslissing", args=args)).status_code == 403
    assert (
        km_client.post(reverse("hoorzitting_plan", args=args), {"datum": "2030-01-01"}).status_code
        == 403
    )
    jurist_client = client_for(jurist)
    assert jurist_client.get(reverse("bezwaar_advies", args=args)).status_code == 403
    page = jurist_client.get(reverse("bezwaar_detail", args=args)).content.decode()
    assert reverse("bezwaar_beslissing", args=args) in page
    assert reverse("bezwaar_advies", args=args) not in page


def test_registration_form_refuses_a_bezwaar_before_the_decision(pip_person, km, client_for):
    versie = pip_person.pip.versies.get()
    response = client_for(km).post(
        reverse("bezwaar_create", args=[pip_person.pk]),
        {
            "besluit": f"pip:{versie.pk}",
            "ontvangen_op": (versie.dagtekening - dt.timedelta(days=3)).isoformat(),
            "wijze": "post",
            "gronden": "Niet eens.",
        },
    )
    assert response.status_code == 200
    assert "gedateerd vóór het besluit" in response.content.decode()
    assert not Bezwaar.objects.exists()


def test_registration_and_tijdigheid_shown(pip_person, km, client_for):
    versie = pip_person.pip.versies.get()
    client = client_for(km)
    response = client.post(
        reverse("bezwaar_create", args=[pip_person.pk]),
        {
            "besluit": f"pip:{versie.pk}",
            "ontvangen_op": TODAY().isoformat(),
            "wijze": "digitaal",
            "gronden": "Niet eens.",
        },
    )
    bezwaar = Bezwaar.objects.get()
    assert response.status_code == 302 and bezwaar.tijdig
    page = client.get(response["Location"]).content.decode()
    assert "Zo is het berekend" in page and "Awb art. 6:7 en 6:8" in page


def test_decision_form_refuses_without_hearing(pip_person, km, jurist, client_for):
    bezwaar = advised(pip_person, km)
    response = client_for(jurist).post(
        reverse("bezwaar_beslissing", args=[pip_person.pk, bezwaar.pk]),
        {"uitkomst": "ongegrond", "motivering": "Klopt.", "beslist_op": TODAY().isoformat()},
    )
    assert response.status_code == 200
    assert "Horen is verplicht" in response.content.decode()
    bezwaar.refresh_from_db()
    assert bezwaar.stage == BezwaarState.TER_BESLISSING


def test_fine_form_refuses_amount_above_maximum(pip_person, km, client_for):
    from regie.enforcement import services
    from tests.enforcement.conftest import with_procedure

    zaak = services.open_case(pip_person, "aanwezigheid", TODAY(), "Te weinig.", km)
    with_procedure(zaak, TODAY())
    url = reverse("handhaving_step", args=[pip_person.pk, zaak.pk, "boete"])
    client = client_for(km)
    page = client.get(url).content.decode()
    assert "Berekening van de boete" in page
    data = {
        "overtreding_vastgesteld_op": TODAY().isoformat(),
        "verwijtbaarheid": "overig",
        "verwijtbaarheid_toelichting": "Geen geldige reden.",
        "brief_toelichting": "U was vaak niet in de les.",
        "contact_naam": "Sanne de Vries",
        "contact_telefoon": "0543 123 456",
        "boetebesluit_op": TODAY().isoformat(),
        "bedrag": "99",
    }
    response = client.post(url, data)
    assert "hoger dan het maximum van € 25,00" in response.content.decode()
    zaak.refresh_from_db()
    assert zaak.stage == "signaal"
    preview = client.post(url, {**data, "berekenen": "1", "bedrag": ""}).content.decode()
    assert "50 % wegens geen opzet of grove schuld" in preview
    zaak.refresh_from_db()
    assert zaak.stage == "signaal"


def test_letter_download_is_audit_logged(pip_person, km, jurist, client_for):
    zaak = fined_art23(pip_person, km, vastgesteld=TODAY())
    brief = zaak.brieven.get(soort="boetebesluit")
    url = reverse("handhaving_brief", args=[pip_person.pk, zaak.pk, brief.pk])
    response = client_for(jurist).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert bytes(response.content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action=AuditAction.DOWNLOAD, username=jurist.username, inburgeraar_id=pip_person.pk
    ).exists()


def test_regisseur_figures_have_no_names(pip_person, km, jurist, world, client_for):
    from regie.enforcement import services
    from tests.enforcement.conftest import heard

    bezwaar = advised(pip_person, km)
    heard(bezwaar)
    services.decide(bezwaar, uitkomst="ongegrond", motivering="x", user=jurist)
    fined_art23(pip_person, km, vastgesteld=TODAY())
    client = client_for(world.users[Role.REGISSEUR])
    response = client.get(reverse("handhaving_figures"))
    page = response.content.decode()
    assert response.status_code == 200
    assert pip_person.last_name not in page and pip_person.bsn not in page
    rows = response.context["rows"]
    row = next(r for r in rows if r.name == world.municipality.name)
    assert row.bezwaren == 1 and row.uitkomsten == {"Ongegrond": 1} and row.boetes == 1
    assert row.gemiddelde_dagen == 10.0
    # Dutch notation on the page: the euro total and the average number of days.
    assert "(totaal € 50,00)" in page
    assert "<td>10</td>" in page
    client.cookies["django_language"] = "en"
    from django.utils import translation

    with translation.override("nl"):
        english = client.get(reverse("handhaving_figures")).content.decode()
    assert "€ 50,00" in english and "Ongegrond" not in english
    client.cookies["django_language"] = "nl"
    bad = client.get(reverse("handhaving_figures"), {"van": "2026-05-01", "tot": "2026-01-01"})
    assert "De begindatum ligt na de einddatum." in bad.content.decode()
    assert client_for(km).get(reverse("handhaving_figures")).status_code == 403


def test_figures_query_count_is_constant(world, km, client_for, django_assert_max_num_queries):
    client = client_for(world.users[Role.REGISSEUR])
    url = reverse("handhaving_figures")
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(4):
        person = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
        Handhavingszaak.objects.create(
            inburgeraar=person,
            bron="aanwezigheid",
            grondslag="art23",
            signaal_op=TODAY(),
            omschrijving="x",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
