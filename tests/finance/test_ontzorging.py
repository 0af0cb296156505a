"""Recording an ontzorging through the pages: the end date is computed, extensions and
benefit changes are dated, items are validated (IBAN, amount, overlap) and nothing is
half-saved on bad input."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from regie.core.models import FieldChange
from regie.core.roles import Role
from regie.finance import services
from regie.finance.models import BetaalPost, Ontzorging, Uitkering, Verlenging
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db


def _start(client, person, **overrides):
    data = {
        "beschikking_datum": "2026-08-20",
        "beschikking_kenmerk": "PW-56A-2026-7",
        "machtiging_datum": "2026-08-25",
        "start_date": "2026-09-01",
        "uitkering": "1300.00",
        **overrides,
    }
    return client.post(reverse("ontzorging_edit", args=[person.pk]), data)


def test_the_klantmanager_records_an_ontzorging_of_six_months(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    response = _start(client, world.person)
    assert response.status_code == 302
    ontzorging = Ontzorging.objects.get(inburgeraar=world.person)
    assert ontzorging.end_date == date(2027, 2, 28)
    assert Uitkering.objects.get(ontzorging=ontzorging).bedrag == Decimal("1300.00")


def test_a_benefit_of_zero_saves_nothing(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    response = _start(client, world.person, uitkering="0")
    assert response.status_code == 200
    assert "groter zijn dan nul" in response.content.decode()
    assert not Ontzorging.objects.exists()


def test_only_for_asielmigranten(world, client_for):
    person = InburgeraarFactory(
        municipality=world.municipality,
        klantmanager=world.users[Role.KLANTMANAGER],
        gezinsmigrant=True,
    )
    client = client_for(world.users[Role.KLANTMANAGER])
    response = _start(client, person)
    assert response.status_code == 302
    assert not Ontzorging.objects.exists()
    page = client.get(reverse("ontzorging_detail", args=[person.pk])).content.decode()
    assert "Participatiewet art. 56a" in page


def _post_data(**overrides):
    return {
        "soort": "",
        "crediteur": "Woningstichting De Woonplaats",
        "iban": "NL20 INGB 0001 2345 67",
        "bic": "",
        "bedrag": "650.00",
        "frequentie": "maand",
        "kenmerk": "Huurcontract 1234",
        "geldig_vanaf": "2026-09-01",
        "geldig_tot": "",
        **overrides,
    }


def _huur(fin):
    return fin.rent.soort.pk


def test_an_item_with_a_valid_iban_is_stored_compact_and_unchecked(fin, client_for):
    client = client_for(fin.world.users[Role.KLANTMANAGER])
    fin.rent.geldig_tot = date(2026, 9, 30)
    fin.rent.save()
    response = client.post(
        reverse("post_add", args=[fin.world.person.pk]),
        _post_data(soort=_huur(fin), geldig_vanaf="2026-10-01"),
    )
    assert response.status_code == 302
    post = BetaalPost.objects.latest("id")
    assert post.iban == "NL20INGB0001234567"
    assert not post.is_checked
    assert post.aangemaakt_door == fin.world.users[Role.KLANTMANAGER]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"iban": "NL20INGB0001234568"}, "geen geldig IBAN"),
        ({"bedrag": "0"}, "groter zijn dan nul"),
        ({"bedrag": "-5"}, "groter zijn dan nul"),
        ({"geldig_tot": "2026-08-01"}, "vóór de begindatum"),
        ({}, "mogen elkaar niet overlappen"),  # the same rent is already paid
    ],
)
def test_bad_items_get_a_clear_message_and_nothing_is_saved(fin, client_for, overrides, message):
    client = client_for(fin.world.users[Role.KLANTMANAGER])
    before = BetaalPost.objects.count()
    response = client.post(
        reverse("post_add", args=[fin.world.person.pk]),
        _post_data(soort=_huur(fin), **overrides),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert BetaalPost.objects.count() == before


def test_a_change_ends_the_item_and_keeps_the_old_amount(fin, client_for):
    client = client_for(fin.world.users[Role.KLANTMANAGER])
    data = {
        "action": "wijzigen",
        "wijzigen-crediteur": fin.rent.crediteur,
        "wijzigen-iban": fin.rent.iban,
        "wijzigen-bic": "",
        "wijzigen-bedrag": "675.00",
        "wijzigen-frequentie": "maand",
        "wijzigen-kenmerk": fin.rent.kenmerk,
        "wijzigen-geldig_vanaf": "2027-01-01",
    }
    response = client.post(reverse("post_change", args=[fin.world.person.pk, fin.rent.pk]), data)
    assert response.status_code == 302
    fin.rent.refresh_from_db()
    assert fin.rent.geldig_tot == date(2026, 12, 31)
    assert fin.rent.bedrag == Decimal("650.00")
    successor = fin.rent.opvolger
    assert successor.bedrag == Decimal("675.00") and not successor.is_checked
    assert FieldChange.objects.filter(object_id=str(fin.rent.pk), field="geldig_tot").exists()
    rows = services.overview(fin.ontzorging)
    assert services.month_row(rows, date(2026, 12, 5)).paid_on_behalf == Decimal("770.50")
    assert services.month_row(rows, date(2027, 1, 5)).paid_on_behalf == Decimal("795.50")


def test_a_change_cannot_rewrite_a_paid_month(fin):
    run = services.create_run(
        fin.world.municipality, date(2026, 9, 1), fin.preparer, today=date(2026, 9, 1)
    ).run
    assert run.regels.count() == 2
    successor = BetaalPost(
        crediteur="x",
        iban=fin.rent.iban,
        bedrag=Decimal("1"),
        kenmerk="x",
        geldig_vanaf=date(2026, 9, 1),
    )
    with pytest.raises(Exception, match="na de begindatum"):
        services.change_post(fin.rent, successor, fin.world.users[Role.KLANTMANAGER])
    fin.rent.geldig_vanaf = date(2026, 8, 1)
    fin.rent.save()
    with pytest.raises(Exception, match="al betaald"):
        services.change_post(fin.rent, successor, fin.world.users[Role.KLANTMANAGER])


def test_four_eyes_on_checking_an_item(fin, client_for):
    post = BetaalPost.objects.create(
        ontzorging=fin.ontzorging,
        soort=fin.rent.soort,
        crediteur="Nieuwe verhuurder",
        iban="NL93BNGH0285052871",
        bedrag=Decimal("500"),
        kenmerk="x",
        geldig_vanaf=date(2027, 1, 1),
        aangemaakt_door=fin.preparer,
    )
    url = reverse("post_check", args=[fin.world.person.pk, post.pk])
    client_for(fin.preparer).post(url)
    post.refresh_from_db()
    assert not post.is_checked
    client_for(fin.approver).post(url)
    post.refresh_from_db()
    assert post.gecontroleerd_door == fin.approver


def test_an_extension_needs_a_reason_and_a_legal_basis_and_is_kept(fin, client_for, travel):
    travel("2027-02-15")
    client = client_for(fin.world.users[Role.KLANTMANAGER])
    url = reverse("ontzorging_extend", args=[fin.world.person.pk])
    basis = {"grondslag": "pw57", "grondslag_op": "2027-02-10", "kenmerk": "PW57-2027-12"}
    response = client.post(url, {"nieuwe_einde": "2027-05-31", "reden": "", **basis})
    assert response.status_code == 200
    response = client.post(
        url, {"nieuwe_einde": "2027-01-31", "reden": "Nog niet zelfredzaam", **basis}
    )
    assert "na de huidige einddatum" in response.content.decode()
    # Without a besluit under Pw art. 57 or the person's consent: not beyond six months.
    response = client.post(url, {"nieuwe_einde": "2027-05-31", "reden": "Nog niet zelfredzaam"})
    page = response.content.decode()
    assert "artikel 57 Participatiewet" in page and "vrijwillig budgetbeheer" in page
    response = client.post(
        url,
        {"nieuwe_einde": "2027-05-31", "reden": "Nog niet zelfredzaam", **basis,
         "grondslag_op": "2027-02-16"},
    )
    assert "Deze datum ligt in de toekomst." in response.content.decode()
    assert not Verlenging.objects.exists()

    client.post(url, {"nieuwe_einde": "2027-05-31", "reden": "Nog niet zelfredzaam", **basis})
    fin.ontzorging.refresh_from_db()
    assert fin.ontzorging.end_date == date(2027, 5, 31)
    verlenging = Verlenging.objects.get()
    assert verlenging.vorige_einde == date(2027, 2, 28)
    assert verlenging.reden == "Nog niet zelfredzaam"
    assert (verlenging.grondslag, verlenging.grondslag_op, verlenging.kenmerk) == (
        "pw57", date(2027, 2, 10), "PW57-2027-12"
    )
    page = client.get(reverse("ontzorging_detail", args=[fin.world.person.pk])).content.decode()
    assert "Besluit op grond van artikel 57 Participatiewet van 10 februari 2027" in page
    assert "PW57-2027-12" in page


def test_a_benefit_change_is_dated_and_the_old_amount_stays(fin, client_for):
    client = client_for(fin.world.users[Role.KLANTMANAGER])
    url = reverse("ontzorging_uitkering", args=[fin.world.person.pk])
    client.post(url, {"bedrag": "1350.00", "geldig_vanaf": "2026-11-01", "toelichting": "index"})
    amounts = list(fin.ontzorging.uitkeringen.values_list("bedrag", flat=True))
    assert amounts == [Decimal("1300.00"), Decimal("1350.00")]
    response = client.post(url, {"bedrag": "1400.00", "geldig_vanaf": "2026-11-01"})
    assert "al een uitkeringsbedrag" in response.content.decode()
    rows = services.overview(fin.ontzorging)
    assert services.month_row(rows, date(2026, 10, 1)).leefgeld == Decimal("529.50")
    assert services.month_row(rows, date(2026, 11, 1)).leefgeld == Decimal("579.50")


def test_handover_needs_the_whole_checklist(fin, client_for):
    client = client_for(fin.world.users[Role.KLANTMANAGER])
    url = reverse("ontzorging_afbouw", args=[fin.world.person.pk])
    data = {
        "check_eigen_betalingen": "on",
        "overdracht_toelichting": "",
        "overdragen": "on",
        "overdracht_datum": "2027-02-28",
    }
    response = client.post(url, data)
    assert "eindchecklist" in response.content.decode()
    fin.ontzorging.refresh_from_db()
    assert fin.ontzorging.is_active and not fin.ontzorging.check_eigen_betalingen
    data.update(check_crediteuren_geinformeerd="on", check_training="on", check_toeslagen="on")
    assert client.post(url, data).status_code == 302
    fin.ontzorging.refresh_from_db()
    assert fin.ontzorging.status == "beeindigd"
    assert fin.ontzorging.overdracht_op == date(2027, 2, 28)


def test_money_training_enrolment_also_for_the_ondertussengroep(fin, client_for):
    from regie.finance.models import Geldtraining, GeldtrainingDeelname

    person = InburgeraarFactory(
        municipality=fin.world.municipality,
        klantmanager=fin.world.users[Role.KLANTMANAGER],
        ondertussengroep=True,
    )
    group = Geldtraining.objects.create(
        municipality=fin.world.municipality,
        naam="Geldplan groep 1",
        startdatum=date(2026, 9, 1),
        bijeenkomsten=6,
    )
    client = client_for(fin.world.users[Role.KLANTMANAGER])
    url = reverse("geldtraining_add", args=[person.pk])
    bad = client.post(url, {"training": group.pk, "status": "afgerond", "aanwezig": "7"})
    content = bad.content.decode()
    assert "maar 6 bijeenkomsten" in content and "Vul in wanneer" in content
    assert not GeldtrainingDeelname.objects.exists()
    client.post(
        url,
        {
            "training": group.pk,
            "status": "afgerond",
            "aanwezig": "6",
            "afgerond_op": "2026-10-15",
            "individuele_hulp": "on",
        },
    )
    deelname = GeldtrainingDeelname.objects.get(inburgeraar=person)
    assert deelname.individuele_hulp and deelname.status == "afgerond"
