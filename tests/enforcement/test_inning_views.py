"""The pages of collecting a fine: the financieel medewerker uploads the bank's statement
and reads the report; the klantmanager sees paid and open amounts with each payment's
source line, the aanmaning in the werkvoorraad when it is due, and makes it from the case
page; bad input stays on the form in Dutch."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.formats import date_format

from regie.core.roles import Role
from regie.enforcement.models import Bankafschrift, Brief
from regie.rules import handhaving as hh
from regie.rules import inning as rules
from tests.enforcement.camt_maker import Entry, statement
from tests.enforcement.conftest import TODAY, fined_art23, give_pip
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db
IBAN = "NL93BNGH0285052871"


def days_ago(n):
    return TODAY() - dt.timedelta(days=n)


@pytest.fixture
def zaak(world, km):
    person = world.person
    person.status = "in_uitvoering"
    person.save()
    give_pip(person, world.aanbieder, days_ago(200))
    return fined_art23(person, km, vastgesteld=days_ago(92), bekend=days_ago(90))


def upload(client, data, name="dag.xml"):
    return client.post(
        reverse("inning_afschriften"),
        {"bestand": SimpleUploadedFile(name, data, content_type="text/xml")},
        follow=True,
    )


def test_financieel_imports_and_reads_the_report(world, client_for, zaak):
    client = client_for(world.users[Role.FINANCIEEL])
    page = client.get(reverse("inning_afschriften"))
    assert "Bankafschriften: betalingen van boetes" in page.content.decode()
    data = statement(
        IBAN,
        [
            Entry("20.00", days_ago(4), kenmerk=zaak.betalingskenmerk),
            Entry("12.50", days_ago(4), omschrijving="huur oktober"),
        ],
    )
    response = upload(client, data)
    html = response.content.decode()
    assert "Het bankafschrift is ingelezen." in html
    assert "1 betaling gekoppeld" in html and "1 betaling niet gekoppeld" in html
    assert "€ 20,00" in html and "deels betaald" in html and zaak.kenmerk in html
    assert "huur oktober" in html and "Geen geldig betalingskenmerk gevonden." in html
    # The same file again: refused on the form, in Dutch, nothing saved.
    again = upload(client, data).content.decode()
    assert "Dit bestand is al eerder ingelezen." in again
    assert Bankafschrift.objects.count() == 1


def test_bad_file_shows_every_problem(world, client_for, zaak):
    client = client_for(world.users[Role.FINANCIEEL])
    data = statement(IBAN, [Entry("10.00", days_ago(4), valuta="USD")])
    html = upload(client, data).content.decode()
    assert "valuta USD; alleen euro" in html
    html = upload(client, b"geen xml").content.decode()
    assert "De inhoud van het bestand past niet bij de extensie .xml." in html
    html = upload(client, b"<Document><kapot></Document>").content.decode()
    assert "geen geldige XML" in html
    html = upload(client, data, name="dag.csv").content.decode()
    assert "Dit soort bestand wordt niet geaccepteerd." in html
    assert not Bankafschrift.objects.exists()


def test_klantmanager_cannot_import(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    assert client.get(reverse("inning_afschriften")).status_code == 403


def test_case_page_shows_paid_open_and_the_source_line(
    world, client_for, km, zaak, django_assert_max_num_queries
):
    from regie.enforcement.services import inning

    inning.import_camt(
        statement(IBAN, [Entry("20.00", days_ago(60), kenmerk=zaak.betalingskenmerk)]),
        "dag-1.xml",
        world.users[Role.FINANCIEEL],
        [world.municipality.pk],
    )
    client = client_for(km)
    url = reverse("handhaving_detail", args=[zaak.inburgeraar_id, zaak.pk])
    client.get(url)
    with django_assert_max_num_queries(60):
        html = client.get(url).content.decode()
    assert "Betaling en inning" in html
    assert '<dd id="inning-betaald">€ 20,00</dd>' in html
    assert "<strong>€ 30,00</strong>" in html
    assert "dag-1.xml, regel" in html
    # No "betaald" click any more: payment is a fact from the bank.
    assert "Betaling vastleggen" not in html
    assert "Aanmaning maken" in html


def test_aanmaning_in_the_werkvoorraad_and_made_from_the_case(world, client_for, km, zaak):
    client = client_for(km)
    einde = hh.betaaltermijn_einde(zaak.bekendgemaakt_op)
    items = work_items(km)
    assert [(i.what, i.due) for i in items] == [
        ("Boete niet (helemaal) betaald: aanmaning sturen", einde + dt.timedelta(days=1))
    ]
    url = reverse("inning_actie", args=[zaak.inburgeraar_id, zaak.pk, "aanmaning"])
    # The last day of the payment term: not yet.
    response = client.post(url, {"datum": einde.isoformat()})
    assert "kan pas vanaf" in response.content.decode()
    response = client.post(url, {"datum": (einde + dt.timedelta(days=1)).isoformat()}, follow=True)
    assert "De aanmaning is gemaakt." in response.content.decode()
    assert Brief.objects.filter(handhaving=zaak, soort="aanmaning").count() == 1
    laatste = rules.aanmaning_termijn_einde(einde + dt.timedelta(days=1))
    page = client.get(reverse("handhaving_detail", args=[zaak.inburgeraar_id, zaak.pk]))
    html = page.content.decode()
    assert "Betaaltermijn aanmaning" in html
    assert date_format(laatste, "j F Y") in html
    zaak.refresh_from_db()
    due = [(i.what, i.due) for i in work_items(km)]
    if laatste < TODAY():
        assert due == [
            ("Aanmaning niet betaald: dwangbevel uitvaardigen", laatste + dt.timedelta(days=1))
        ]
    else:
        assert due == []


def work_items(user):
    from regie.enforcement.workitems_inning import inning_work

    (section,) = inning_work(user, TODAY())
    return section.items


def test_werkvoorraad_query_count_constant(world, km, zaak):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from regie.enforcement.workitems_inning import inning_work

    def count():
        with CaptureQueriesContext(connection) as ctx:
            inning_work(km, TODAY())
        return len(ctx.captured_queries)

    inning_work(km, TODAY())  # warm the per-user caches
    few = count()
    for _ in range(3):
        person = InburgeraarFactory(
            municipality=world.municipality, klantmanager=km, status="in_uitvoering"
        )
        give_pip(person, world.aanbieder, days_ago(200))
        fined_art23(person, km, vastgesteld=days_ago(92), bekend=days_ago(90))
    assert len(work_items(km)) == 4
    assert count() == few


def test_verzoek_and_decision_through_the_pages(world, client_for, km, zaak):
    client = client_for(km)
    person = zaak.inburgeraar_id
    response = client.post(
        reverse("inning_actie", args=[person, zaak.pk, "verzoek"]),
        {"soort": "betalingsregeling", "ontvangen_op": days_ago(3).isoformat(), "verzoek": "Graag"},
        follow=True,
    )
    assert "Het verzoek is vastgelegd." in response.content.decode()
    verzoek = zaak.inning_verzoeken.get()
    url = reverse("inning_beslissing", args=[person, zaak.pk, verzoek.pk])
    page = client.get(url).content.decode()
    assert "Aantal maandtermijnen" in page and "kwijtgescholden" not in page
    response = client.post(
        url,
        {
            "uitkomst": "toegekend",
            "beslist_op": days_ago(2).isoformat(),
            "reden": "U kunt het niet in één keer betalen.",
            "aantal_termijnen": "x",
        },
    )
    assert "Voer een geheel getal in." in response.content.decode()
    response = client.post(
        url,
        {
            "uitkomst": "toegekend",
            "beslist_op": days_ago(2).isoformat(),
            "reden": "U kunt het niet in één keer betalen.",
            "aantal_termijnen": "2",
            "eerste_termijn": TODAY().isoformat(),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Beslist." in html and "€ 25,00" in html
    # While the regeling is kept, no aanmaning is offered.
    assert "Aanmaning maken" not in html


def test_a_granted_schorsing_stops_the_aanmaning(world, km, zaak):
    """A bezwaar alone does not stop collecting (Awb 6:16); a voorlopige voorziening with
    schorsing does (Awb 8:81), as the bezwaar procedure records it."""
    from regie.enforcement.bezwaar_models import VoorlopigeVoorziening
    from regie.enforcement.bezwaar_states import VoorzieningState
    from regie.enforcement.models import Bezwaar
    from regie.enforcement.services import inning

    bezwaar = Bezwaar.objects.create(
        inburgeraar=zaak.inburgeraar,
        handhaving=zaak,
        besluit_bekendgemaakt_op=zaak.bekendgemaakt_op,
        ontvangen_op=days_ago(80),
        wijze="post",
        gronden="Ik ben het er niet mee eens.",
    )
    assert [i.what for i in work_items(km)] == ["Boete niet (helemaal) betaald: aanmaning sturen"]
    VoorlopigeVoorziening.objects.create(
        bezwaar=bezwaar,
        verzocht_op=days_ago(70),
        stage=VoorzieningState.TOEGEWEZEN,
        uitspraak_op=days_ago(60),
        schorsing=True,
    )
    assert work_items(km) == []
    assert inning.volgende_stap(zaak) is None
    # Before the uitspraak the fine was not suspended.
    assert inning.volgende_stap(zaak, days_ago(61)) is not None
