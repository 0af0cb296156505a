"""Handhaving through the services: signals, the written warning, the fine computed by the
rules (art. 22 and 23, repeats, the cap, Wi art. 27), bekendmaking and payment, and bad
input refused with nothing half-saved."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from regie.enforcement import services
from regie.enforcement.models import Brief, Handhavingszaak, Signaalbron
from regie.enforcement.states import HandhavingState
from tests.enforcement.conftest import (
    TODAY,
    art23_case,
    fined_art23,
    no_show_case,
    warned_case,
)

pytestmark = pytest.mark.django_db


def pdf_text(brief: Brief) -> str:
    reader = PdfReader(io.BytesIO(bytes(brief.pdf)))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_toets_no_show_signal_needs_a_recorded_no_show(world, km):
    with pytest.raises(ValidationError) as error:
        services.open_case(
            world.person, Signaalbron.TOETS_NIET_VERSCHENEN, TODAY(), "Niet gekomen.", km
        )
    assert "niet verscheen" in messages(error.value)
    assert not Handhavingszaak.objects.exists()
    zaak = no_show_case(world.person, km)
    assert zaak.grondslag == "art22" and zaak.stage == HandhavingState.SIGNAAL


def test_art23_signal_needs_a_vastgesteld_pip(world, km):
    with pytest.raises(ValidationError) as error:
        art23_case(world.person, km)
    assert "nog geen vastgesteld PIP" in messages(error.value)


def test_one_open_case_per_signal(world, km):
    no_show_case(world.person, km)
    with pytest.raises(ValidationError) as error:
        no_show_case(world.person, km)
    assert "loopt al een handhavingszaak" in messages(error.value)


def test_warning_makes_a_letter_with_new_term_and_bezwaarclausule(world, km):
    zaak = no_show_case(world.person, km)
    term = TODAY() + dt.timedelta(days=14)
    brief = services.send_warning(zaak, TODAY(), term, TODAY() + dt.timedelta(days=7))
    zaak.refresh_from_db()
    assert zaak.stage == HandhavingState.WAARSCHUWING
    assert brief.soort == "waarschuwing" and brief.template_versie == "waarschuwing-2026.3"
    text = pdf_text(brief)
    assert "Waarschuwing" in text
    assert "€ 250" in text  # what follows when the new term is missed (art. 22)
    assert "Bent u het niet eens met dit besluit?" in text
    assert "artikel 6:9" in text


def test_warning_term_must_follow_the_warning(world, km):
    zaak = no_show_case(world.person, km)
    with pytest.raises(ValidationError) as error:
        services.send_warning(zaak, TODAY(), TODAY())
    assert "nieuwe termijn moet na de datum" in messages(error.value)
    zaak.refresh_from_db()
    assert zaak.stage == HandhavingState.SIGNAAL and not Brief.objects.exists()


def test_art22_fine_only_after_warning_and_missed_term(world, km):
    zaak = no_show_case(world.person, km)
    kwargs = {
        "vastgesteld_op": TODAY(),
        "dagtekening": TODAY(),
        "toelichting": "Geen bericht.",
        "nadere_termijn_einde": TODAY() + dt.timedelta(days=30),
    }
    with pytest.raises(ValidationError) as error:
        services.impose_fine(zaak, **kwargs)
    assert "schriftelijke waarschuwing" in messages(error.value)
    services.send_warning(
        zaak,
        TODAY() - dt.timedelta(days=3),
        TODAY() + dt.timedelta(days=5),
        dagtekening_reden="Besloten op de dagtekening, later vastgelegd.",
    )
    with pytest.raises(ValidationError) as error:
        services.impose_fine(zaak, **kwargs)
    assert "loopt tot en met" in messages(error.value)
    zaak.refresh_from_db()
    assert zaak.stage == HandhavingState.WAARSCHUWING and zaak.bedrag is None


def test_art22_fine_is_250_with_further_term_of_at_most_two_months(world, km):
    zaak = warned_case(world.person, km)
    too_long = TODAY() + dt.timedelta(days=70)
    with pytest.raises(ValidationError) as error:
        services.impose_fine(
            zaak,
            vastgesteld_op=TODAY(),
            dagtekening=TODAY(),
            toelichting="Geen bericht.",
            nadere_termijn_einde=too_long,
        )
    assert "ten hoogste twee maanden" in messages(error.value)
    brief = services.impose_fine(
        zaak,
        vastgesteld_op=TODAY(),
        dagtekening=TODAY(),
        toelichting="Geen bericht.",
        nadere_termijn_einde=TODAY() + dt.timedelta(days=30),
    )
    zaak.refresh_from_db()
    assert zaak.bedrag == Decimal("250.00") and zaak.stage == HandhavingState.BOETEBESLUIT
    text = pdf_text(brief)
    assert "€ 250,00" in text and "artikel 22 lid 2" in text
    assert "Maak daarvoor een afspraak." in text  # how to meet the further term
    assert "Bent u het niet eens met dit besluit?" in text


def test_no_fine_when_bijstand_was_lowered(pip_person, km):
    zaak = art23_case(pip_person, km)
    with pytest.raises(ValidationError) as error:
        services.impose_fine(
            zaak,
            vastgesteld_op=TODAY(),
            dagtekening=TODAY(),
            toelichting="x",
            verwijtbaarheid="opzet",
            bijstand_verlaagd=True,
        )
    assert "art. 27" in messages(error.value)
    zaak.refresh_from_db()
    assert zaak.stage == HandhavingState.SIGNAAL and not Brief.objects.exists()


def test_art23_culpability_is_required_and_sets_the_amount(pip_person, km):
    zaak = art23_case(pip_person, km)
    with pytest.raises(ValidationError) as error:
        services.impose_fine(zaak, vastgesteld_op=TODAY(), dagtekening=TODAY(), toelichting="x")
    assert "verwijtbaarheid" in messages(error.value)
    services.impose_fine(
        zaak,
        vastgesteld_op=TODAY(),
        dagtekening=TODAY(),
        toelichting="Wisselende werktijden, geen opzet.",
        verwijtbaarheid="grove_schuld",
    )
    zaak.refresh_from_db()
    assert zaak.bedrag == Decimal("37.50")  # 50 x 75 %
    assert "75 % wegens grove schuld" in zaak.berekening


def test_art23_repeat_counts_only_onherroepelijke_fines_within_12_months(pip_person, km):
    day = TODAY()
    # The termijn began 500 days ago: an art. 23 fine only for conduct within it.
    pip_person.pip.versies.update(dagtekening=day - dt.timedelta(days=500))
    # Established 100 days ago, made known 99 days ago: bezwaartermijn long over.
    fined_art23(
        pip_person, km, vastgesteld=day - dt.timedelta(days=100), bekend=day - dt.timedelta(days=99)
    )
    # Recent and made known 3 days ago: not yet onherroepelijk, does not count.
    fined_art23(
        pip_person, km, vastgesteld=day - dt.timedelta(days=5), bekend=day - dt.timedelta(days=3)
    )
    zaak = art23_case(pip_person, km, days_ago=1)
    berekening = services.calculate(zaak, day, "opzet")
    assert berekening.herhalingen == 1
    assert berekening.wettelijk == Decimal("100.00")


def test_fine_above_the_maximum_is_refused_and_lower_needs_a_reason(pip_person, km):
    zaak = art23_case(pip_person, km)
    common = {
        "vastgesteld_op": TODAY(),
        "dagtekening": TODAY(),
        "toelichting": "x",
        "verwijtbaarheid": "opzet",
    }
    with pytest.raises(ValidationError) as error:
        services.impose_fine(zaak, bedrag=Decimal("60"), **common)
    assert "hoger dan het maximum van € 50,00" in messages(error.value)
    with pytest.raises(ValidationError) as error:
        services.impose_fine(zaak, bedrag=Decimal("30"), **common)
    assert "Leg uit waarom" in messages(error.value)
    zaak.refresh_from_db()
    assert zaak.stage == HandhavingState.SIGNAAL and zaak.bedrag is None
    services.impose_fine(zaak, bedrag=Decimal("30"), matiging_reden="Schulden.", **common)
    zaak.refresh_from_db()
    assert zaak.bedrag == Decimal("30.00") and zaak.maximum_bedrag == Decimal("50.00")


def test_cap_of_2400_limits_the_fine(pip_person, km):
    # Eight earlier fines of (at most) 800 would be impossible; simulate 2,390 imposed,
    # within the termijn (begun 500 days ago) whose fines the cap counts.
    pip_person.pip.versies.update(dagtekening=TODAY() - dt.timedelta(days=500))
    earlier = fined_art23(pip_person, km, vastgesteld=TODAY() - dt.timedelta(days=400))
    Handhavingszaak.objects.filter(pk=earlier.pk).update(bedrag=Decimal("2390"))
    zaak = art23_case(pip_person, km)
    berekening = services.calculate(zaak, TODAY(), "opzet")
    assert berekening.al_opgelegd == Decimal("2390") and berekening.maximum == Decimal("10.00")
    Handhavingszaak.objects.filter(pk=earlier.pk).update(bedrag=Decimal("2400"))
    with pytest.raises(ValidationError) as error:
        services.impose_fine(
            zaak,
            vastgesteld_op=TODAY(),
            dagtekening=TODAY(),
            toelichting="x",
            verwijtbaarheid="opzet",
        )
    assert "plafond" in messages(error.value)


def test_bekendmaking_payment_and_closing(pip_person, km):
    zaak = fined_art23(pip_person, km, vastgesteld=TODAY() - dt.timedelta(days=10))
    with pytest.raises(ValidationError):
        services.register_payment(zaak, TODAY())  # not yet made known
    with pytest.raises(ValidationError) as error:
        services.make_known(zaak, TODAY() - dt.timedelta(days=11))
    assert "vóór de dagtekening" in messages(error.value)
    services.make_known(zaak, TODAY() - dt.timedelta(days=9))
    deadlines = dict(services.handhaving_deadlines(zaak))
    assert deadlines["Betaaltermijn boete"] > TODAY()
    services.register_payment(zaak, TODAY())
    assert zaak.stage == HandhavingState.BETAALD
    other = art23_case(pip_person, km)
    with pytest.raises(ValidationError) as error:
        services.finish(other, HandhavingState.GESLOTEN, TODAY(), "  ")
    assert "reden" in messages(error.value)
    services.finish(other, HandhavingState.GESLOTEN, TODAY(), "Alsnog naar de lessen.")
    assert other.stage == HandhavingState.GESLOTEN


def test_a_waarschuwing_dated_before_today_needs_a_reason(no_show_and_km_for_dagtekening):
    """Issue 18 deliverable 2: like the PIP and the boetebesluit, a waarschuwing dated
    before today needs a reason (Awb; regie.rules.bekendmaking), stored with its letter."""
    zaak = no_show_and_km_for_dagtekening
    earlier = TODAY() - dt.timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        services.send_warning(zaak, earlier, TODAY() + dt.timedelta(days=14))
    assert error.value.message_dict["dagtekening_reden"] == [
        "De dagtekening ligt vóór vandaag. Geef aan waarom het besluit een eerdere datum krijgt."
    ]
    zaak.refresh_from_db()
    assert zaak.waarschuwing_op is None
    brief = services.send_warning(
        zaak,
        earlier,
        TODAY() + dt.timedelta(days=14),
        dagtekening_reden="Waarschuwing eerder besproken en toen besloten.",
    )
    assert brief.dagtekening == earlier
    assert brief.dagtekening_reden == "Waarschuwing eerder besproken en toen besloten."


@pytest.fixture
def no_show_and_km_for_dagtekening(pip_person, km):
    return art23_case(pip_person, km, days_ago=10)
