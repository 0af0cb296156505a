"""Bezwaar and beroep through the services: registration with the on-time check and its
reasoning, the beslistermijn and its one postponement, the hearing before the decision,
the outcomes and what follows from them (a new PIP concept that does not move the termijn;
a revoked fine), beroep and hoger beroep."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from regie import rules
from regie.enforcement import services
from regie.enforcement.models import Bezwaar, Brief, Uitkomst, Wijze
from regie.enforcement.states import BezwaarState, HandhavingState, HoorzittingState
from regie.plans import services as plan_services
from regie.plans.models import PIPVersie
from tests.enforcement.conftest import (
    TODAY,
    advised,
    fined_art23,
    give_pip,
    heard,
    register,
)

pytestmark = pytest.mark.django_db


def msgs(error) -> str:
    return " ".join(error.value.messages)


def pdf_text(brief: Brief) -> str:
    reader = PdfReader(io.BytesIO(bytes(brief.pdf)))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_bezwaar_dated_before_the_decision_is_refused(pip_person, km):
    versie = pip_person.pip.versies.get()
    with pytest.raises(ValidationError) as error:
        register(pip_person, km, ontvangen=versie.dagtekening - dt.timedelta(days=1))
    assert "gedateerd vóór het besluit" in msgs(error)
    assert not Bezwaar.objects.exists()


def test_post_date_only_for_post_and_not_after_receipt(pip_person, km):
    with pytest.raises(ValidationError) as error:
        register(pip_person, km, ter_post_bezorgd_op=TODAY() - dt.timedelta(days=12))
    assert "alleen bij een bezwaar dat per post" in msgs(error)
    with pytest.raises(ValidationError) as error:
        register(
            pip_person,
            km,
            wijze=Wijze.POST,
            ontvangen=TODAY() - dt.timedelta(days=10),
            ter_post_bezorgd_op=TODAY() - dt.timedelta(days=9),
        )
    assert "niet na de datum van ontvangst" in msgs(error)


def test_late_bezwaar_registered_with_reasoning(world, km):
    versie = give_pip(world.person, world.aanbieder, TODAY() - dt.timedelta(days=100))
    laatste = rules.bezwaartermijn_einde(versie.dagtekening)
    bezwaar = register(world.person, km, ontvangen=laatste + dt.timedelta(days=1))
    assert not bezwaar.tijdig
    lines = services.tijdigheid_redenering(services.tijdigheid(bezwaar))
    assert "niet tijdig" in " ".join(lines)
    assert "Awb art. 6:11" in lines[-1]


def test_posted_in_time_counts_awb_6_9(world, km):
    person = world.person
    give_pip(person, world.aanbieder, dt.date(2026, 3, 21))  # last day Mon 4 May 2026
    bezwaar = register(
        person,
        km,
        ontvangen=dt.date(2026, 5, 8),
        wijze=Wijze.POST,
        ter_post_bezorgd_op=dt.date(2026, 5, 4),
    )
    assert bezwaar.tijdig
    text = " ".join(services.tijdigheid_redenering(services.tijdigheid(bezwaar)))
    assert "Algemene termijnenwet" in text  # Sat 2 May moved to Mon 4 May
    assert "ter post bezorgd" in text and "tijdig (Awb art. 6:9 lid 2)" in text
    # Beslistermijn: six weeks from Tue 5 May 2026 -> Mon 15 Jun 2026.
    assert services.beslistermijn(bezwaar) == dt.date(2026, 6, 15)
    bezwaar.adviescommissie = True
    assert services.beslistermijn(bezwaar) == dt.date(2026, 7, 27)


def test_postponement_once_at_most_six_weeks_with_reason(pip_person, km):
    bezwaar = register(pip_person, km)
    before = services.beslistermijn(bezwaar)
    with pytest.raises(ValidationError) as error:
        services.postpone(bezwaar, 7, "Drukte.")
    assert "ten hoogste zes weken" in msgs(error)
    with pytest.raises(ValidationError) as error:
        services.postpone(bezwaar, 2, " ")
    assert "reden" in msgs(error)
    services.postpone(bezwaar, 6, "Advies van een deskundige nodig.")
    assert services.beslistermijn(bezwaar) == rules.termijn_na(before, weeks=6)
    with pytest.raises(ValidationError) as error:
        services.postpone(bezwaar, 1, "Nog eens.")
    assert "al eens verdaagd" in msgs(error)


def test_postponement_only_before_the_term_ends(world, km):
    give_pip(world.person, world.aanbieder, TODAY() - dt.timedelta(days=200))
    bezwaar = register(world.person, km, ontvangen=TODAY() - dt.timedelta(days=190))
    with pytest.raises(ValidationError) as error:
        services.postpone(bezwaar, 3, "Te laat bedacht.")
    assert "verstreken" in msgs(error)


def test_decision_needs_advice_first(pip_person, km, jurist):
    bezwaar = register(pip_person, km)
    with pytest.raises(ValidationError) as error:
        services.decide(bezwaar, uitkomst=Uitkomst.ONGEGROND, motivering="x", user=jurist)
    assert "advies van de uitvoerder ontbreekt" in msgs(error)


def test_decision_without_hearing_is_refused(pip_person, km, jurist):
    bezwaar = advised(pip_person, km)
    with pytest.raises(ValidationError) as error:
        services.decide(bezwaar, uitkomst=Uitkomst.ONGEGROND, motivering="x", user=jurist)
    assert "Horen is verplicht (Awb art. 7:2)" in msgs(error)
    bezwaar.refresh_from_db()
    assert bezwaar.stage == BezwaarState.TER_BESLISSING and not Brief.objects.exists()
    # 'Kennelijk ongegrond' does not fit a gegrond decision.
    with pytest.raises(ValidationError) as error:
        services.decide(
            bezwaar,
            uitkomst=Uitkomst.GEGROND,
            motivering="x",
            user=jurist,
            hoor_afzien_grond="kennelijk_ongegrond",
        )
    assert "past niet bij de uitkomst" in msgs(error)
    services.decide(
        bezwaar,
        uitkomst=Uitkomst.ONGEGROND,
        motivering="Kennelijk ongegrond.",
        user=jurist,
        hoor_afzien_grond="kennelijk_ongegrond",
    )
    assert bezwaar.stage == BezwaarState.BESLIST


def test_planned_hearing_must_be_reported_before_deciding(pip_person, km, jurist):
    bezwaar = advised(pip_person, km)
    hearing = services.plan_hearing(bezwaar, TODAY() + dt.timedelta(days=3))
    with pytest.raises(ValidationError) as error:
        services.plan_hearing(bezwaar, TODAY() + dt.timedelta(days=4))
    assert "al een hoorzitting gepland" in msgs(error)
    with pytest.raises(ValidationError) as error:
        services.decide(bezwaar, uitkomst=Uitkomst.ONGEGROND, motivering="x", user=jurist)
    assert "nog een hoorzitting gepland" in msgs(error)
    with pytest.raises(ValidationError) as error:
        services.report_hearing(hearing, HoorzittingState.GEHOUDEN, "Verslag.")
    assert "kan pas daarna" in msgs(error)
    hearing.datum = TODAY()
    hearing.save()
    with pytest.raises(ValidationError) as error:
        services.report_hearing(hearing, HoorzittingState.GEHOUDEN, "")
    assert "Leg vast wat er" in msgs(error)
    services.report_hearing(hearing, HoorzittingState.NIET_VERSCHENEN, "")
    services.decide(bezwaar, uitkomst=Uitkomst.ONGEGROND, motivering="x", user=jurist)
    assert bezwaar.stage == BezwaarState.BESLIST


def test_late_bezwaar_is_niet_ontvankelijk_unless_verschoonbaar(world, km, jurist):
    versie = give_pip(world.person, world.aanbieder, TODAY() - dt.timedelta(days=100))
    late = rules.bezwaartermijn_einde(versie.dagtekening) + dt.timedelta(days=2)
    bezwaar = advised(world.person, km, ontvangen=late)
    heard(bezwaar, days_ago=0)
    with pytest.raises(ValidationError) as error:
        services.decide(bezwaar, uitkomst=Uitkomst.ONGEGROND, motivering="x", user=jurist)
    assert "niet tijdig" in msgs(error)
    with pytest.raises(ValidationError) as error:
        services.decide(
            bezwaar, uitkomst=Uitkomst.ONGEGROND, motivering="x", user=jurist, verschoonbaar=True
        )
    assert "verschoonbaar" in msgs(error)
    services.decide(
        bezwaar,
        uitkomst=Uitkomst.ONGEGROND,
        motivering="x",
        user=jurist,
        verschoonbaar=True,
        verschoonbaar_reden="In het ziekenhuis opgenomen.",
    )
    assert bezwaar.verschoonbaar


def test_gegrond_against_pip_makes_a_new_concept_and_keeps_the_termijn(
    pip_person, km, jurist, colleague
):
    pip = pip_person.pip
    termijn_before = plan_services.termijn(pip)
    bezwaar = advised(pip_person, km, uitkomst=Uitkomst.GEGROND)
    heard(bezwaar)
    brief = services.decide(
        bezwaar, uitkomst=Uitkomst.GEGROND, motivering="De intensiteit is te hoog.", user=jurist
    )
    bezwaar.refresh_from_db()
    concept = bezwaar.nieuwe_pip_versie
    assert concept.is_concept and concept.nummer == 2
    assert bezwaar.kenmerk in concept.wijzigingsreden
    assert concept.leerroute == pip.versies.get(nummer=1).leerroute
    # A klantmanager (not the jurist who drafted it) sets it later, dated today.
    vastgesteld = plan_services.vaststellen(concept, colleague)
    assert vastgesteld.dagtekening == TODAY()
    assert plan_services.termijn(pip) == termijn_before
    text = pdf_text(brief)
    assert "gegrond" in text and "inburgeringstermijn verandert daardoor niet" in text
    # The beroepsclausule names the competent rechtbank and its address (Awb art. 8:7).
    assert "in beroep gaan bij de Rechtbank Gelderland" in text
    assert "Rechtbank Gelderland Postbus 9030 6800 EM Arnhem" in text
    assert "Bent u het niet eens met dit besluit?" not in text


def test_no_beslissing_without_a_recorded_rechtbank(pip_person, km, jurist):
    """Issue 18 point 9: a letter saying only 'de rechtbank' is never made; the jurist is
    told in Dutch to have the beheerder fill in the rechtbank."""
    municipality = pip_person.municipality
    municipality.rechtbank_naam = ""
    municipality.save()
    bezwaar = advised(pip_person, km, uitkomst=Uitkomst.ONGEGROND)
    heard(bezwaar)
    with pytest.raises(ValidationError) as error:
        services.decide(bezwaar, uitkomst=Uitkomst.ONGEGROND, motivering="x", user=jurist)
    assert "niet bij welke rechtbank beroep kan worden ingesteld" in msgs(error)
    assert "Vraag de beheerder de rechtbank en het postadres" in msgs(error)
    bezwaar.refresh_from_db()
    assert bezwaar.stage != BezwaarState.BESLIST and not Brief.objects.filter(bezwaar=bezwaar)


def test_gegrond_against_a_fine_revokes_it(pip_person, km, jurist):
    zaak = fined_art23(
        pip_person,
        km,
        vastgesteld=TODAY() - dt.timedelta(days=20),
        bekend=TODAY() - dt.timedelta(days=19),
    )
    besluit = next(b for b in services.contestable(pip_person) if b.handhaving == zaak)
    bezwaar = services.register_bezwaar(
        pip_person, besluit=besluit, ontvangen_op=TODAY(), wijze=Wijze.DIGITAAL, gronden="Ziek."
    )
    services.submit_advice(bezwaar, "Gegrond.", Uitkomst.GEGROND, km)
    services.decide(
        bezwaar,
        uitkomst=Uitkomst.GEGROND,
        motivering="Ziek gemeld.",
        user=jurist,
        hoor_afzien_grond="volledig_tegemoetgekomen",
    )
    zaak.refresh_from_db()
    assert zaak.stage == HandhavingState.HERROEPEN
    assert services.fines_so_far(pip_person.pk) == 0


def test_withdrawal(pip_person, km):
    bezwaar = register(pip_person, km)
    services.withdraw(bezwaar, TODAY(), km)
    assert bezwaar.stage == BezwaarState.INGETROKKEN and bezwaar.uitkomst == Uitkomst.INGETROKKEN
    with pytest.raises(ValidationError):
        services.withdraw(bezwaar, TODAY(), km)


def test_beroep_and_hoger_beroep(pip_person, km, jurist):
    bezwaar = advised(pip_person, km)
    with pytest.raises(ValidationError) as error:
        services.register_beroep(
            bezwaar, instantie="rechtbank", ingesteld_op=TODAY(), appellant="inburgeraar"
        )
    assert "pas na de beslissing" in msgs(error)
    heard(bezwaar)
    services.decide(bezwaar, uitkomst=Uitkomst.ONGEGROND, motivering="x", user=jurist)
    beroep = services.register_beroep(
        bezwaar,
        instantie="rechtbank",
        ingesteld_op=TODAY(),
        appellant="inburgeraar",
        beroepschrift_ontvangen_op=TODAY(),
    )
    deadlines = dict(services.beroep_deadlines(beroep))
    assert deadlines["Stukken en verweerschrift naar de rechter (Awb art. 8:42)"] == (
        rules.termijn_na(TODAY(), weeks=4)
    )
    with pytest.raises(ValidationError) as error:
        services.register_beroep(
            bezwaar,
            instantie="raad_van_state",
            ingesteld_op=TODAY(),
            appellant="college",
            hoger_beroep_van=beroep,
        )
    assert "na de uitspraak van de rechtbank" in msgs(error)
    with pytest.raises(ValidationError) as error:
        services.update_beroep(beroep, stand="uitspraak")
    assert "datum van de uitspraak" in msgs(error)
    services.update_beroep(beroep, stand="uitspraak", uitspraak_op=TODAY(), uitkomst="gegrond")
    hoger = services.register_beroep(
        bezwaar,
        instantie="raad_van_state",
        ingesteld_op=TODAY(),
        appellant="college",
        hoger_beroep_van=beroep,
    )
    assert hoger.hoger_beroep_van == beroep
    with pytest.raises(ValidationError):
        services.update_beroep(beroep, stand="ingesteld")  # no going back


# --- issue 18, point 2: the term counts from the bekendmaking ------------------------------


def test_a_bezwaar_46_days_after_the_dagtekening_but_30_after_sending_is_timely(world, km):
    # Dagtekening 7 October 2026, sent on 23 October: a bezwaar received on 22 November
    # is 46 days after the dagtekening but 30 days after the bekendmaking.
    versie = give_pip(
        world.person, world.aanbieder, dt.date(2026, 10, 7), bekend=dt.date(2026, 10, 23)
    )
    bezwaar = register(world.person, km, ontvangen=dt.date(2026, 11, 22), versie=versie)
    assert bezwaar.tijdig and bezwaar.besluit_bekendgemaakt_op == dt.date(2026, 10, 23)
    text = " ".join(services.tijdigheid_redenering(services.tijdigheid(bezwaar)))
    assert "bekendgemaakt op 23 oktober 2026" in text and "op 24 oktober 2026" in text


def test_a_besluit_not_yet_sent_is_no_basis_for_a_late_verdict(world, km, jurist):
    versie = give_pip(world.person, world.aanbieder, TODAY() - dt.timedelta(days=100), bekend=None)
    bezwaar = register(world.person, km, ontvangen=TODAY(), versie=versie)
    assert bezwaar.tijdig and bezwaar.besluit_bekendgemaakt_op is None
    [line] = services.tijdigheid_redenering(services.tijdigheid(bezwaar))
    assert "nog niet vastgelegd als verzonden" in line and "niet te laat" in line
    # The beslistermijn counts from the receipt meanwhile (never later than the real one).
    assert services.beslistermijn(bezwaar) == rules.termijn_na(TODAY(), weeks=6)


def test_recording_the_sending_later_checks_the_bezwaar_again(world, km, colleague):
    from regie.core.models import AuditEvent

    versie = give_pip(world.person, world.aanbieder, TODAY() - dt.timedelta(days=100), bekend=None)
    bezwaar = register(world.person, km, ontvangen=TODAY(), versie=versie)
    sent = TODAY() - dt.timedelta(days=99)
    plan_services.record_bekendmaking(versie, km, sent, "post")
    bezwaar.refresh_from_db()
    assert bezwaar.besluit_bekendgemaakt_op == sent and not bezwaar.tijdig
    assert AuditEvent.objects.filter(
        inburgeraar_id=world.person.pk, description__startswith="verzonden/uitgereikt PIP"
    ).exists()


def test_the_beroepstermijn_runs_from_the_sending_of_the_beslissing(
    travel, world, km, jurist, client_for
):
    from django.urls import reverse

    from regie.core.models import AuditEvent

    travel("2026-12-01")
    versie = give_pip(world.person, world.aanbieder, dt.date(2026, 11, 2))
    bezwaar = advised(world.person, km, ontvangen=dt.date(2026, 11, 20), versie=versie)
    heard(bezwaar, days_ago=0)
    brief = services.decide(bezwaar, uitkomst=Uitkomst.ONGEGROND, motivering="x", user=jurist)
    bezwaar.refresh_from_db()
    # Made before sending: the letter names no last day for beroep.
    text = pdf_text(brief)
    assert "zes weken na de dag na verzending van deze brief" in text
    assert brief.template_versie == "beslissing-op-bezwaar-2026.2"
    # Not sent yet: no beroepstermijn, and a fine would not be onherroepelijk.
    assert services.beroepstermijn(bezwaar) is None
    assert "Beroepstermijn (Awb art. 6:7)" not in dict(services.bezwaar_deadlines(bezwaar))
    # Sent on Friday 4 December: six weeks from 5 December end on Friday 15 January 2027.
    travel("2026-12-04")
    url = reverse("bezwaar_brief_verzonden", args=[world.person.pk, bezwaar.pk, brief.pk])
    response = client_for(jurist).post(url, {"datum": "2026-12-04", "wijze": "digitaal"})
    assert response.status_code == 302
    bezwaar.refresh_from_db()
    brief.refresh_from_db()
    assert brief.bekendgemaakt_op == dt.date(2026, 12, 4) and brief.bekendmaking_wijze == "digitaal"
    assert bezwaar.beslissing_bekendgemaakt_op == dt.date(2026, 12, 4)
    assert services.beroepstermijn(bezwaar) == dt.date(2027, 1, 15)
    assert dict(services.bezwaar_deadlines(bezwaar))["Beroepstermijn (Awb art. 6:7)"] == (
        dt.date(2027, 1, 15)
    )
    page = client_for(jurist).get(reverse("bezwaar_detail", args=[world.person.pk, bezwaar.pk]))
    assert "Beroep kan tot en met 15 januari 2027" in page.content.decode()
    assert AuditEvent.objects.filter(
        description__startswith="verzonden/uitgereikt beslissing_op_bezwaar"
    ).exists()
    # Once only.
    again = client_for(jurist).post(url, {"datum": "2026-12-04", "wijze": "post"}, follow=True)
    assert "al vastgelegd" in again.content.decode()


def test_the_boetebesluit_sent_through_its_letter_starts_bezwaar_and_payment(
    travel, pip_person, km, client_for
):
    from django.urls import reverse

    travel("2026-12-01")
    # The PIP (and so the termijn) began before the fine, whatever day the suite runs on.
    PIPVersie.objects.filter(pip__inburgeraar=pip_person).update(
        dagtekening=dt.date(2026, 10, 22), bekendgemaakt_op=dt.date(2026, 10, 22)
    )
    zaak = fined_art23(pip_person, km, vastgesteld=dt.date(2026, 12, 1))
    brief = zaak.brieven.get()
    assert "zes weken na de dag na verzending" in pdf_text(brief)
    url = reverse("handhaving_brief_verzonden", args=[pip_person.pk, zaak.pk, brief.pk])
    # A day still to come is refused, with a Dutch message and nothing recorded.
    refused = client_for(km).post(url, {"datum": "2026-12-02", "wijze": "post"}, follow=True)
    assert "kan niet in de toekomst liggen" in refused.content.decode()
    travel("2026-12-02")
    assert client_for(km).post(url, {"datum": "2026-12-02", "wijze": "post"}).status_code == 302
    zaak.refresh_from_db()
    brief.refresh_from_db()
    assert zaak.stage == HandhavingState.BEKENDGEMAAKT
    assert zaak.bekendgemaakt_op == brief.bekendgemaakt_op == dt.date(2026, 12, 2)
    assert zaak.bekendmaking_wijze == "post"
    deadlines = dict(services.handhaving_deadlines(zaak))
    # Six weeks from 3 December 2026: Wednesday 13 January 2027.
    assert deadlines["Betaaltermijn boete"] == dt.date(2027, 1, 13)
    assert deadlines["Bezwaartermijn boetebesluit"] == dt.date(2027, 1, 13)


def test_a_beslissing_op_bezwaar_dated_before_today_needs_a_reason(pip_person, km, jurist):
    """Issue 18 deliverable 2: a beslissing op bezwaar dated before today needs a reason,
    like every other besluit; the reason is stored with its letter."""
    bezwaar = advised(pip_person, km, ontvangen=TODAY() - dt.timedelta(days=5))
    heard(bezwaar, days_ago=3)
    earlier = TODAY() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.decide(
            bezwaar, uitkomst=Uitkomst.ONGEGROND, motivering="x", user=jurist, beslist_op=earlier
        )
    assert error.value.message_dict["dagtekening_reden"] == [
        "De dagtekening ligt vóór vandaag. Geef aan waarom het besluit een eerdere datum krijgt."
    ]
    bezwaar.refresh_from_db()
    assert bezwaar.stage != BezwaarState.BESLIST
    brief = services.decide(
        bezwaar,
        uitkomst=Uitkomst.ONGEGROND,
        motivering="x",
        user=jurist,
        beslist_op=earlier,
        dagtekening_reden="Besloten in de vergadering van gisteren.",
    )
    assert brief.dagtekening == earlier
    assert brief.dagtekening_reden == "Besloten in de vergadering van gisteren."
