"""Collecting a fine (issue 19, deliverable 4): the bank's CAMT.053 statement makes a
payment a fact (matched by betalingskenmerk, partial, full, over; unmatched rows reported;
all or nothing; no file twice), the aanmaning and the dwangbevel around their first
possible days, the betalingsregeling that stops the aanmaning while it is kept, and
kwijtschelding as a decision. Letters are read as the person reads them."""

import datetime as dt
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from regie.enforcement import camt
from regie.enforcement.models import (
    Bankafschrift,
    Betaling,
    Brief,
    InningVerzoek,
    Invordering,
)
from regie.enforcement.services import inning
from regie.enforcement.states import HandhavingState
from regie.rules import handhaving as hh
from regie.rules import inning as rules
from tests.enforcement.camt_maker import Entry, statement
from tests.enforcement.conftest import TODAY, fined_art23, give_pip

pytestmark = pytest.mark.django_db

IBAN = "NL93BNGH0285052871"
ASSET = Path(__file__).resolve().parents[1] / "assets" / "camt053-voorbeeld.xml"


def pdf_text(brief: Brief) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(bytes(brief.pdf))).pages)


def days_ago(n: int) -> dt.date:
    return TODAY() - dt.timedelta(days=n)


def fine(person, km, bekend_days_ago=90):
    """A € 50 art. 23 fine made known ``bekend_days_ago`` days ago."""
    return fined_art23(
        person,
        km,
        vastgesteld=days_ago(bekend_days_ago + 2),
        bekend=days_ago(bekend_days_ago),
    )


def load(data: bytes, user, world, name="afschrift.xml"):
    return inning.import_camt(data, name, user, [world.municipality.pk])


@pytest.fixture
def payer(world):
    """world.person in uitvoering with a PIP dated 200 days ago (the termijn runs)."""
    person = world.person
    person.status = "in_uitvoering"
    person.save()
    give_pip(person, world.aanbieder, days_ago(200))
    return person


@pytest.fixture
def fin(world):
    from regie.core.roles import Role

    return world.users[Role.FINANCIEEL]


def test_partial_then_full_payment_from_the_statement(payer, km, fin, world):
    zaak = fine(payer, km)
    assert zaak.bedrag == Decimal("50.00")
    first = load(
        statement(IBAN, [Entry("20.00", days_ago(5), kenmerk=zaak.betalingskenmerk)]), fin, world
    )
    zaak.refresh_from_db()
    s = inning.stand(zaak)
    assert (s.betaald, s.open, s.stand) == (Decimal("20.00"), Decimal("30.00"), rules.Stand.DEELS)
    assert zaak.stage == HandhavingState.BEKENDGEMAAKT
    betaling = Betaling.objects.get(handhaving=zaak)
    assert betaling.bankafschrift == first and betaling.regel > 0
    assert f"regel {betaling.regel}" in betaling.bron
    assert first.rapport["gekoppeld"][0]["stand"] == "deels"
    # The rest, with the kenmerk typed in the description (with spaces), in the next file.
    leesbaar = " ".join(zaak.betalingskenmerk[i : i + 4] for i in range(0, 16, 4))
    load(
        statement(
            IBAN,
            [Entry("30.00", days_ago(2), omschrijving=f"boete {leesbaar}", referentie="R2")],
            msg_id="MSG-2",
        ),
        fin,
        world,
    )
    zaak.refresh_from_db()
    assert zaak.stage == HandhavingState.BETAALD
    assert zaak.betaald_op == days_ago(2)
    assert zaak.invordering.stage == "betaald"
    assert inning.volgende_stap(zaak) is None


def test_overpayment_reported_to_pay_back(payer, km, fin, world):
    zaak = fine(payer, km)
    afschrift = load(
        statement(IBAN, [Entry("75.00", days_ago(1), kenmerk=zaak.betalingskenmerk)]), fin, world
    )
    zaak.refresh_from_db()
    assert zaak.stage == HandhavingState.BETAALD
    assert inning.stand(zaak).te_veel == Decimal("25.00")
    assert afschrift.rapport["gekoppeld"][0]["stand"] == "te_veel"


def test_unmatched_rows_reported_debits_skipped(payer, km, fin, world):
    zaak = fine(payer, km)
    afschrift = load(
        statement(
            IBAN,
            [
                Entry("50.00", days_ago(3), kenmerk=zaak.betalingskenmerk),
                Entry("12.50", days_ago(3), omschrijving="huur oktober"),
                Entry("50.00", days_ago(3), kenmerk="1000000000000000"),  # check digit wrong
                Entry("99.00", days_ago(3), credit=False),
                Entry("10.00", days_ago(3), status="PDNG", kenmerk=zaak.betalingskenmerk),
            ],
        ),
        fin,
        world,
    )
    rapport = afschrift.rapport
    assert len(rapport["gekoppeld"]) == 1
    assert [r["omschrijving"] for r in rapport["niet_gekoppeld"]] == [
        "huur oktober",
        "1000000000000000",
    ]
    assert rapport["niet_gekoppeld"][0]["uitleg"] == "Geen geldig betalingskenmerk gevonden."
    assert rapport["overgeslagen"] == 2
    assert Betaling.objects.count() == 1


def test_kenmerk_of_another_gemeente_is_not_matched(payer, km, fin, world):
    from regie.rules.betalingskenmerk import betalingskenmerk

    fine(payer, km)
    vreemd = betalingskenmerk("GM0999", 12345)
    afschrift = load(statement(IBAN, [Entry("50.00", days_ago(3), kenmerk=vreemd)]), fin, world)
    assert (
        "hoort bij geen boete van deze gemeente" in afschrift.rapport["niet_gekoppeld"][0]["uitleg"]
    )


def test_whole_file_refused_with_every_bad_row(payer, km, fin, world):
    zaak = fine(payer, km)
    data = statement(
        IBAN,
        [
            Entry("50.00", days_ago(3), kenmerk=zaak.betalingskenmerk),
            Entry("10.00", days_ago(3), valuta="USD"),
            Entry("10.00", TODAY() + dt.timedelta(days=3)),
        ],
    )
    with pytest.raises(ValidationError) as error:
        load(data, fin, world)
    messages = error.value.messages
    assert any("boeking 2" in m and "USD" in m for m in messages)
    assert any("boeking 3" in m and "toekomst" in m for m in messages)
    assert not Betaling.objects.exists() and not Bankafschrift.objects.exists()


def test_same_file_or_same_message_twice_refused(payer, km, fin, world):
    zaak = fine(payer, km)
    data = statement(IBAN, [Entry("20.00", days_ago(3), kenmerk=zaak.betalingskenmerk)])
    load(data, fin, world)
    with pytest.raises(ValidationError, match="al eerder ingelezen"):
        load(data, fin, world)
    other = statement(
        IBAN,
        [Entry("20.00", days_ago(3), kenmerk=zaak.betalingskenmerk)],
        created="2026-12-02T06:00:00",
    )
    with pytest.raises(ValidationError, match="bericht-id MSG-2026-001"):
        load(other, fin, world)
    # An overlapping statement with another id: the entry already read is skipped.
    overlap = statement(
        IBAN, [Entry("20.00", days_ago(3), kenmerk=zaak.betalingskenmerk)], msg_id="MSG-9"
    )
    afschrift = load(overlap, fin, world)
    assert afschrift.rapport["niet_gekoppeld"][0]["reden"] == "eerder"
    assert inning.stand(zaak).betaald == Decimal("20.00")


def test_wrong_account_and_invalid_file_refused(fin, world):
    with pytest.raises(ValidationError, match="niet de betaalrekening"):
        load(statement("NL91ABNA0417164300", []), fin, world)
    # A gemeente the user does not work for.
    with pytest.raises(ValidationError, match="niet de betaalrekening"):
        inning.import_camt(statement(IBAN, []), "x.xml", fin, [world.other_municipality.pk])
    broken = statement(IBAN, [Entry("1.00", days_ago(1))]).replace(b"<Sts>BOOK", b"<Sts>XXXX")
    with pytest.raises(ValidationError) as error:
        load(broken, fin, world)
    assert "XSD-schema camt.053.001.02" in error.value.messages[0]
    assert any("Ntry/Sts" in m for m in error.value.messages)
    with pytest.raises(ValidationError, match="DTD"):
        load(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', fin, world)
    with pytest.raises(ValidationError, match="geen CAMT.053"):
        load(b"<Document/>", fin, world)
    assert not Bankafschrift.objects.exists()


def test_fixture_file_validates_against_the_xsd():
    afschrift = camt.parse(ASSET.read_bytes())
    assert afschrift.ibans == [IBAN]
    credit = [r for r in afschrift.regels if r.credit]
    assert credit[0].gestructureerd == "0702940000000001"
    assert credit[0].bedrag == Decimal("50.00") and credit[0].regel > 1
    assert [r.bankreferentie for r in afschrift.regels] == [
        "2026120100001",
        "2026120100002",
        "2026120100003",
    ]


# --- aanmaning and dwangbevel --------------------------------------------------------------


def test_aanmaning_only_after_the_last_day_of_the_payment_term(payer, km):
    zaak = fine(payer, km)
    einde = hh.betaaltermijn_einde(zaak.bekendgemaakt_op)
    stap = inning.volgende_stap(zaak, einde)
    assert (stap.soort, stap.vanaf) == ("aanmaning", einde + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="kan pas vanaf"):
        inning.send_aanmaning(zaak, einde)
    brief = inning.send_aanmaning(zaak, einde + dt.timedelta(days=1))
    text = pdf_text(brief)
    laatste = rules.aanmaning_termijn_einde(einde + dt.timedelta(days=1))
    assert "Aanmaning" in text
    assert "NL93 BNGH 0285 0528 71" in text
    assert " ".join(zaak.betalingskenmerk[i : i + 4] for i in range(0, 16, 4)) in text
    assert f"{laatste.day} " in text and "€ 50,00" in text
    assert "dwangbevel" in text
    zaak.refresh_from_db()
    assert zaak.invordering.stage == "aangemaand"


def test_aanmaning_after_a_partial_payment_asks_the_rest(payer, km, fin, world):
    zaak = fine(payer, km)
    load(statement(IBAN, [Entry("20.00", days_ago(60), kenmerk=zaak.betalingskenmerk)]), fin, world)
    einde = hh.betaaltermijn_einde(zaak.bekendgemaakt_op)
    text = pdf_text(inning.send_aanmaning(zaak, einde + dt.timedelta(days=1)))
    assert "€ 20,00" in text and "€ 30,00" in text


def test_dwangbevel_only_after_the_aanmaning_term(payer, km):
    zaak = fine(payer, km)
    einde = hh.betaaltermijn_einde(zaak.bekendgemaakt_op)
    with pytest.raises(ValidationError, match="Een dwangbevel past nu niet"):
        inning.issue_dwangbevel(zaak, einde + dt.timedelta(days=1))
    aanmaning = einde + dt.timedelta(days=1)
    inning.send_aanmaning(zaak, aanmaning)
    zaak = type(zaak).objects.get(pk=zaak.pk)
    laatste = rules.aanmaning_termijn_einde(aanmaning)
    with pytest.raises(ValidationError, match="kan pas vanaf"):
        inning.issue_dwangbevel(zaak, laatste)
    brief = inning.issue_dwangbevel(zaak, laatste + dt.timedelta(days=1))
    text = pdf_text(brief)
    assert "Dwangbevel" in text and "deurwaarder" in text and "6 weken" in text
    zaak = type(zaak).objects.get(pk=zaak.pk)
    inning.record_betekening(zaak, laatste + dt.timedelta(days=2))
    deadlines = dict(inning.inning_deadlines(zaak, laatste + dt.timedelta(days=2)))
    assert deadlines["Termijn voor verzet tegen het dwangbevel"] == rules.verzet_termijn_einde(
        laatste + dt.timedelta(days=2)
    )


def test_suspension_stops_the_follow_up(payer, km, monkeypatch):
    zaak = fine(payer, km)
    assert inning.follow_up_suspended(zaak) is False
    monkeypatch.setattr(inning, "follow_up_suspended", lambda *args, **kwargs: True)
    assert inning.volgende_stap(zaak) is None
    with pytest.raises(ValidationError):
        inning.send_aanmaning(zaak, TODAY())


# --- betalingsregeling and kwijtschelding -------------------------------------------------


def test_betalingsregeling_stops_the_aanmaning_while_kept(payer, km, fin, world):
    zaak = fine(payer, km)
    verzoek = inning.register_verzoek(
        zaak, "betalingsregeling", days_ago(80), "Kan niet in één keer."
    )
    brief = inning.decide_verzoek(
        verzoek,
        toegekend=True,
        op=days_ago(79),
        reden="U hebt een laag inkomen.",
        user=km,
        aantal_termijnen=2,
        eerste_termijn=days_ago(70),
    )
    text = pdf_text(brief)
    assert "U krijgt een betalingsregeling" in text and "€ 25,00" in text
    assert "U hebt een laag inkomen." in text
    zaak = type(zaak).objects.get(pk=zaak.pk)
    # The first termijn (70 days ago) was not paid: the regeling is not kept.
    stap = inning.volgende_stap(zaak)
    assert stap.soort == "aanmaning" and stap.vanaf == days_ago(69)
    # Paid the first termijn on time: kept through the day of the second termijn.
    load(statement(IBAN, [Entry("25.00", days_ago(71), kenmerk=zaak.betalingskenmerk)]), fin, world)
    zaak = type(zaak).objects.get(pk=zaak.pk)
    tweede = rules.maand_later(days_ago(70), 1)
    assert inning.volgende_stap(zaak, tweede) is None
    volgende = tweede + dt.timedelta(days=1)
    assert inning.volgende_stap(zaak, volgende).vanaf == volgende


def test_regeling_above_the_local_maximum_needs_a_reason(payer, km):
    zaak = fine(payer, km)
    verzoek = inning.register_verzoek(zaak, "betalingsregeling", days_ago(10), "Graag.")
    with pytest.raises(ValidationError) as error:
        inning.decide_verzoek(
            verzoek,
            toegekend=True,
            op=days_ago(9),
            reden="Ja.",
            user=km,
            aantal_termijnen=rules.BETALINGSREGELING_MAX_TERMIJNEN + 1,
            eerste_termijn=days_ago(1),
        )
    assert "Ten hoogste 12 termijnen" in error.value.messages[0]


def test_kwijtschelding_full_ends_the_case_refusal_has_a_letter(payer, km):
    zaak = fine(payer, km)
    verzoek = inning.register_verzoek(zaak, "kwijtschelding", days_ago(10), "Geen inkomen.")
    with pytest.raises(ValidationError, match="Geef de reden"):
        inning.decide_verzoek(verzoek, toegekend=False, op=days_ago(9), reden=" ", user=km)
    brief = inning.decide_verzoek(
        verzoek, toegekend=False, op=days_ago(9), reden="U hebt genoeg inkomen.", user=km
    )
    assert "U krijgt geen kwijtschelding" in pdf_text(brief)
    verzoek2 = inning.register_verzoek(zaak, "kwijtschelding", days_ago(5), "Nu wel geen inkomen.")
    with pytest.raises(ValidationError, match="meer kan niet"):
        inning.decide_verzoek(
            verzoek2, toegekend=True, op=days_ago(4), reden="x", user=km, bedrag=Decimal("60")
        )
    brief = inning.decide_verzoek(
        verzoek2,
        toegekend=True,
        op=days_ago(4),
        reden="Uw inkomen is gestopt.",
        user=km,
        bedrag=Decimal("50.00"),
    )
    text = pdf_text(brief)
    assert "€ 50,00" in text and "U hoeft niets meer te betalen." in text
    zaak.refresh_from_db()
    assert zaak.stage == HandhavingState.KWIJTGESCHOLDEN
    assert Invordering.objects.get(handhaving=zaak).stage == "kwijtgescholden"
    assert InningVerzoek.objects.filter(handhaving=zaak).count() == 2


def test_inzage_and_anonymising_cover_collection(payer, km, fin, world):
    from regie.enforcement.privacy import _collect, anonymise_enforcement

    zaak = fine(payer, km)
    load(statement(IBAN, [Entry("20.00", days_ago(5), kenmerk=zaak.betalingskenmerk)]), fin, world)
    verzoek = inning.register_verzoek(zaak, "kwijtschelding", days_ago(3), "Ik heb schulden.")
    text = str(_collect(payer))
    assert "Ik heb schulden." in text and "20.00" in text
    anonymise_enforcement([payer.pk])
    verzoek.refresh_from_db()
    assert verzoek.verzoek == "" and inning.stand(zaak).betaald == Decimal("20.00")
