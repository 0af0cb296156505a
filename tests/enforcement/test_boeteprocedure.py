"""The procedure before an art. 23 fine (Awb 5:48-5:53, 5:10a; issue 19 deliverable 2): its
state table, its terms around their edges (the last day of the zienswijze term, the
thirteen-week day), the letter with the rapport, the page that says why no fine yet, the
werkvoorraad, and art. 23 only for persons in its scope (issue 19 point 5)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from regie.enforcement import services
from regie.enforcement.models import Boeterapport, Signaalbron
from regie.enforcement.workitems import enforcement_work
from regie.rules import boeteprocedure as bp
from regie.rules.boeteprocedure import PROCEDURE_TRANSITIONS, ProcedureState
from tests.enforcement.conftest import TODAY, art23_case, give_pip, warned_case, with_procedure

pytestmark = pytest.mark.django_db

MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
]  # fmt: skip


def _d(day):
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def pdf_text(brief) -> str:
    reader = PdfReader(io.BytesIO(bytes(brief.pdf)))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


# --- pure rules ----------------------------------------------------------------------------


def test_every_state_has_a_row_and_the_ends_are_final():
    assert set(PROCEDURE_TRANSITIONS) == set(ProcedureState)
    assert PROCEDURE_TRANSITIONS[ProcedureState.BESLOTEN] == frozenset()
    assert PROCEDURE_TRANSITIONS[ProcedureState.GESTOPT] == frozenset()
    allowed = {(a, b) for a, targets in PROCEDURE_TRANSITIONS.items() for b in targets}
    assert allowed == {
        (ProcedureState.RAPPORT, ProcedureState.ZIENSWIJZE),
        (ProcedureState.RAPPORT, ProcedureState.BESLOTEN),
        (ProcedureState.RAPPORT, ProcedureState.GESTOPT),
        (ProcedureState.ZIENSWIJZE, ProcedureState.BESLOTEN),
        (ProcedureState.ZIENSWIJZE, ProcedureState.GESTOPT),
    }
    for a in ProcedureState:
        for b in ProcedureState:
            assert bp.can_transition(a, b) == ((a, b) in allowed)


def test_awb553_applies_when_the_fine_that_can_be_imposed_exceeds_340():
    assert bp.awb553_van_toepassing(Decimal("800"))  # art. 23 maximum
    assert not bp.awb553_van_toepassing(Decimal("340"))
    assert not bp.awb553_van_toepassing(Decimal("250"))  # art. 22


def test_the_zienswijze_term_ends_and_the_fine_is_possible_the_day_after():
    einde = dt.date(2027, 1, 15)
    on_last_day = bp.boete_na_procedure("rapport", einde, einde, rapport_op=dt.date(2027, 1, 1))
    assert not on_last_day.mogelijk and on_last_day.vanaf == dt.date(2027, 1, 16)
    assert bp.boete_na_procedure("rapport", einde, dt.date(2027, 1, 16)).mogelijk
    # A zienswijze given ends the wait, but not before the day it was given.
    assert bp.boete_na_procedure(
        "zienswijze", einde, dt.date(2027, 1, 5), zienswijze_op=dt.date(2027, 1, 5)
    ).mogelijk
    assert not bp.boete_na_procedure(
        "zienswijze", einde, dt.date(2027, 1, 4), zienswijze_op=dt.date(2027, 1, 5)
    ).mogelijk
    assert not bp.boete_na_procedure(None, None, einde).mogelijk
    assert not bp.boete_na_procedure("besloten", einde, dt.date(2027, 2, 1)).mogelijk


def test_the_decision_is_due_thirteen_weeks_after_the_rapport_without_the_atw():
    assert bp.beslistermijn_einde(dt.date(2026, 12, 1)) == dt.date(2027, 3, 2)
    # Lands on a Saturday and stays there: more than twelve weeks (Atw art. 4).
    assert bp.beslistermijn_einde(dt.date(2026, 12, 5)) == dt.date(2027, 3, 6)
    assert bp.zienswijze_termijn_minimum(dt.date(2026, 12, 1)) == dt.date(2026, 12, 15)


def test_an_oral_zienswijze_needs_the_cautie_and_an_interpreter_when_needed():
    fields = [
        f
        for f, _m in bp.zienswijze_problemen(
            "mondeling", cautie=False, nederlands_voldoende=False, tolk=""
        )
    ]
    assert fields == ["cautie", "tolk"]
    assert not bp.zienswijze_problemen(
        "mondeling", cautie=True, nederlands_voldoende=False, tolk="T. Tolk, Arabisch"
    )
    assert not bp.zienswijze_problemen(
        "schriftelijk", cautie=False, nederlands_voldoende=False, tolk=""
    )


# --- the service and the letter -------------------------------------------------------------


def _rapport(zaak, on, **kwargs):
    values = {
        "rapport_op": on,
        "overtreding_op": on,
        "feiten": "U was in oktober bij 5 van de 12 lessen.",
        "verplichting": "Naar alle lessen van de leerroute gaan.",
        "opgemaakt_door": "Sanne de Vries, klantmanager",
        "zienswijze_termijn_einde": bp.zienswijze_termijn_minimum(on),
    }
    values.update(kwargs)
    return services.make_rapport(zaak, **values)


def test_the_rapport_letter_has_the_facts_the_term_and_the_cautie(pip_person, km):
    zaak = art23_case(pip_person, km, days_ago=3)
    brief = _rapport(zaak, TODAY())
    text = pdf_text(brief)
    assert "U was in oktober bij 5 van de 12 lessen." in text
    assert "Naar alle lessen van de leerroute gaan." in text
    assert "Sanne de Vries, klantmanager" in text
    assert _d(bp.zienswijze_termijn_minimum(TODAY())) in text
    assert "U hoeft geen antwoord te geven" in text and "tolk" in text
    assert _d(bp.beslistermijn_einde(TODAY())) in text
    # Not a besluit: no bezwaarclausule, and it says why.
    assert "Bent u het niet eens met dit besluit?" not in text
    assert "geen besluit" in text
    assert brief.soort == "boeterapport" and brief.dagtekening == TODAY()


def test_a_rapport_only_for_art23_with_a_long_enough_term_and_cautie_at_a_hearing(
    world, pip_person, km
):
    with pytest.raises(ValidationError, match="artikel 23"):
        _rapport(warned_case(world.person, km), TODAY())
    zaak = art23_case(pip_person, km, days_ago=3)
    with pytest.raises(ValidationError) as error:
        _rapport(
            zaak,
            TODAY(),
            zienswijze_termijn_einde=TODAY() + dt.timedelta(days=13),
            verhoord_op=TODAY(),
        )
    fields = error.value.message_dict
    assert "ten minste 2 weken" in fields["zienswijze_termijn_einde"][0]
    assert "5:10a" in fields["verhoor_cautie"][0]
    assert not Boeterapport.objects.exists()
    _rapport(zaak, TODAY(), verhoord_op=TODAY(), verhoor_cautie=True)
    with pytest.raises(ValidationError, match="al een rapport"):
        _rapport(zaak, TODAY())


def test_no_fine_until_the_day_after_the_zienswijze_term(travel, pip_person, km, client_for):
    travel("2027-01-04")
    give_pip(pip_person, pip_person.pip.versies.first().aanbieder, dt.date(2026, 11, 1), 2)
    zaak = art23_case(pip_person, km, days_ago=1)
    url = reverse("handhaving_detail", args=[pip_person.pk, zaak.pk])
    boete_url = reverse("handhaving_step", args=[pip_person.pk, zaak.pk, "boete"])
    client = client_for(km)
    html = client.get(url).content.decode()
    assert "maak eerst een rapport op" in html and boete_url not in html
    assert reverse("handhaving_step", args=[pip_person.pk, zaak.pk, "rapport"]) in html
    _rapport(zaak, dt.date(2027, 1, 4), zienswijze_termijn_einde=dt.date(2027, 1, 18))
    travel("2027-01-18")  # the last day of the term
    client = client_for(km)  # a fresh session after two weeks
    html = client.get(url).content.decode()
    assert "tot en met 18 januari 2027 een zienswijze geven" in html
    assert "vanaf 19 januari 2027" in html and boete_url not in html
    fine = {
        "vastgesteld_op": dt.date(2027, 1, 18),
        "dagtekening": dt.date(2027, 1, 18),
        "toelichting": "Geen reden gegeven.",
        "verwijtbaarheid": "overig",
    }
    with pytest.raises(ValidationError, match="zienswijze geven"):
        services.impose_fine(zaak, **fine)
    travel("2027-01-19")
    html = client_for(km).get(url).content.decode()
    assert boete_url in html and "verstreken zonder zienswijze" in html
    services.impose_fine(
        zaak,
        **{**fine, "vastgesteld_op": dt.date(2027, 1, 19), "dagtekening": dt.date(2027, 1, 19)},
    )
    zaak.refresh_from_db()
    assert zaak.bedrag == Decimal("25.00") and zaak.boeterapport.stage == "besloten"


def test_an_oral_zienswijze_with_cautie_and_interpreter_opens_the_fine(pip_person, km, client_for):
    pip_person.interpreter_needed = True
    pip_person.interpreter_language = "Tigrinya"
    pip_person.save()
    zaak = art23_case(pip_person, km, days_ago=3)
    _rapport(zaak, TODAY())
    url = reverse("handhaving_step", args=[pip_person.pk, zaak.pk, "zienswijze"])
    client = client_for(km)
    page = client.get(url).content.decode()
    assert "tolk nodig (Tigrinya)" in page and 'value="Tigrinya"' in page
    post = {
        "op": TODAY().isoformat(),
        "wijze": "mondeling",
        "inhoud": "Ik had nachtdiensten.",
        "gehoord_door": "Sanne de Vries",
        "nederlands_voldoende": "0",
        "tolk": "",
    }
    html = client.post(url, post).content.decode()
    assert "niet hoeft te antwoorden" in html and "5:50 lid 2" in html
    response = client.post(url, {**post, "cautie": "on", "tolk": "Tolk 12345, Tigrinya"})
    assert response.status_code == 302
    rapport = Boeterapport.objects.get(zaak=zaak)
    assert (
        rapport.stage == "zienswijze" and rapport.cautie and rapport.tolk == "Tolk 12345, Tigrinya"
    )
    detail = client.get(reverse("handhaving_detail", args=[pip_person.pk, zaak.pk])).content
    detail = detail.decode()
    assert "Cautie gegeven vóór het gesprek" in detail and "tolk: Tolk 12345, Tigrinya" in detail
    assert reverse("handhaving_step", args=[pip_person.pk, zaak.pk, "boete"]) in detail


def test_closing_the_case_stops_the_procedure(pip_person, km):
    zaak = with_procedure(art23_case(pip_person, km, days_ago=3), TODAY())
    services.finish(zaak, "gesloten", TODAY(), "Zienswijze overtuigt: ziek geweest.")
    assert Boeterapport.objects.get(zaak=zaak).stage == "gestopt"


# --- werkvoorraad -----------------------------------------------------------------------------


def _terms(km):
    sections = {s.key: s for s in enforcement_work(km, TODAY())}
    return [(i.what, i.due) for i in sections["handhaving_termijnen"].items]


def test_werkvoorraad_shows_the_term_then_the_decision_due_within_13_weeks(travel, pip_person, km):
    travel("2027-02-01")
    give_pip(pip_person, pip_person.pip.versies.first().aanbieder, dt.date(2026, 11, 1), 2)
    zaak = art23_case(pip_person, km, days_ago=1)
    _rapport(zaak, dt.date(2027, 2, 1), zienswijze_termijn_einde=dt.date(2027, 2, 15))
    assert ("Zienswijzetermijn loopt (Awb art. 5:53)", dt.date(2027, 2, 15)) in _terms(km)
    travel("2027-02-16")
    due = dt.date(2027, 5, 3)  # 13 weeks after 1 February
    terms = _terms(km)
    assert (
        "Zienswijzetermijn verstreken: boetebesluit nemen binnen 13 weken na het rapport "
        "(Awb art. 5:51)",
        due,
    ) in terms
    travel("2027-05-03")  # the thirteenth week's last day: still due, not yet late
    html_due = [d for _w, d in _terms(km)]
    assert due in html_due


# --- art. 23 only in scope (issue 19 point 5) -------------------------------------------------


def test_a_self_paying_gezinsmigrant_cannot_be_fined_for_attendance(pip_person, km):
    pip_person.verblijfsvergunning = "gezin"
    pip_person.save()
    with pytest.raises(ValidationError, match="betaalt de leerroute zelf"):
        services.open_case(pip_person, Signaalbron.AANWEZIGHEID, TODAY(), "50 %.", km)
    # A case opened before the permit was recorded: the fine is refused all the same.
    pip_person.verblijfsvergunning = "asiel"
    pip_person.save()
    zaak = art23_case(pip_person, km, days_ago=3)
    pip_person.verblijfsvergunning = "gezin"
    pip_person.save()
    zaak.refresh_from_db()
    grond = services.boete_grond(zaak, TODAY())
    assert not grond.mogelijk and "geen verplichting vast" in grond.reden
    with pytest.raises(ValidationError, match="geen verplichting vast"):
        _rapport(zaak, TODAY())
