"""The bezwaar procedure beyond the decision (issue 19 item 7), through the services:
suspension for repair (Awb 7:10 lid 2), verdaging and further postponement with their
written notices (lid 3-5), the advisory commission (7:13), the hearer's independence
(7:5), the ingebrekestelling with its dwangsom (4:17-4:18) and the voorlopige voorziening
(8:81) stopping every follow-up of the decision it suspends."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from regie.core.roles import Role
from regie.enforcement import services, workitems
from regie.enforcement.bezwaar_states import (
    IngebrekestellingState,
    OpschortingState,
    VoorzieningState,
)
from regie.enforcement.models import Brief, BriefSoort, Wijze
from regie.rules import bezwaar as rb
from regie.rules import handhaving as hh
from tests.enforcement.conftest import TODAY, fined_art23, give_pip, register

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return TODAY() - dt.timedelta(days=n)


def msgs(error) -> str:
    return " ".join(error.value.messages)


def pdf_text(brief: Brief) -> str:
    reader = PdfReader(io.BytesIO(bytes(brief.pdf)))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def fresh(bezwaar):
    bezwaar.refresh_from_db()
    return bezwaar


def late_bezwaar(world, km):
    """A bezwaar whose beslistermijn passed long ago (PIP sent 200 days ago)."""
    give_pip(world.person, world.aanbieder, days(200))
    return register(world.person, km, ontvangen=days(190))


# --- suspension (7:10 lid 2) ---------------------------------------------------------------


def test_repair_request_suspends_the_term_and_makes_a_letter(pip_person, km, jurist):
    bezwaar = register(pip_person, km, ontvangen=days(10))
    before = services.beslistermijn(bezwaar)
    o = services.request_repair(
        bezwaar,
        verzuim="uw handtekening",
        verzocht_op=days(9),
        hersteltermijn_einde=days(9) + dt.timedelta(days=14),
        user=jurist,
    )
    brief = Brief.objects.get(bezwaar=bezwaar, soort=BriefSoort.HERSTELVERZOEK)
    text = pdf_text(brief)
    assert "uw handtekening" in text and "artikel 6:6" in text
    assert "staat de termijn waarin wij moeten beslissen stil" in text
    # A second request while one runs is refused.
    with pytest.raises(ValidationError) as error:
        services.request_repair(
            bezwaar, verzuim="x", verzocht_op=days(8), hersteltermijn_einde=days(1)
        )
    assert "loopt al een verzoek om herstel" in msgs(error)
    # Repaired 4 days ago: stood still from the day after the request up to that day.
    services.end_repair(o, stand=OpschortingState.HERSTELD, op=days(4))
    after = services.beslistermijn(fresh(bezwaar))
    assert services.opgeschort(bezwaar) == 4
    assert (
        rb.beslistermijn_met_opschorting(
            hh.beslistermijn_basis(bezwaar.besluit_bekendgemaakt_op, bezwaar.ontvangen_op),
            opgeschort=4,
        )
        == after
    )
    assert after > before


def test_repair_after_the_term_and_unused_term(pip_person, km):
    bezwaar = register(pip_person, km, ontvangen=days(10))
    o = services.request_repair(
        bezwaar, verzuim="de datum", verzocht_op=days(9), hersteltermijn_einde=days(3)
    )
    with pytest.raises(ValidationError) as error:
        services.end_repair(o, stand=OpschortingState.HERSTELD, op=days(1))
    assert "na de hersteltermijn" in msgs(error)
    services.end_repair(o, stand=OpschortingState.VERSTREKEN)
    # From the day after the request to the day after the term's last day: 6 days.
    assert services.opgeschort(fresh(bezwaar)) == 6
    with pytest.raises(ValidationError):
        services.end_repair(o, stand=OpschortingState.HERSTELD, op=days(2))


def test_unused_term_cannot_be_recorded_while_it_runs(pip_person, km):
    bezwaar = register(pip_person, km, ontvangen=days(10))
    o = services.request_repair(
        bezwaar, verzuim="de datum", verzocht_op=days(1), hersteltermijn_einde=days(-10)
    )
    with pytest.raises(ValidationError) as error:
        services.end_repair(o, stand=OpschortingState.VERSTREKEN)
    assert "loopt nog" in msgs(error)


# --- verdaging (lid 3) and further postponement (lid 4) with notices (lid 5) ---------------


def test_verdaging_makes_the_written_notice(pip_person, km, jurist):
    bezwaar = register(pip_person, km)
    services.postpone(bezwaar, 4, "Wij wachten op informatie van de taalschool.", user=jurist)
    brief = Brief.objects.get(bezwaar=bezwaar, soort=BriefSoort.VERDAGING)
    text = pdf_text(brief)
    assert "4 weken" in text and "wachten op informatie van de taalschool" in text
    assert "artikel 7:10 lid 3" in text
    assert services.beslistermijn(bezwaar).strftime("%Y") in text


def test_further_postponement_needs_consent_and_a_later_date(pip_person, km, jurist):
    bezwaar = register(pip_person, km)
    huidig = services.beslistermijn(bezwaar)
    with pytest.raises(ValidationError) as error:
        services.postpone_with_consent(
            bezwaar, tot_en_met=huidig, instemming_op=days(1), instemming_hoe=" ", reden=""
        )
    text = msgs(error)
    assert "Kies een latere datum" in text and "instemde" in text and "reden" in text
    later = huidig + dt.timedelta(weeks=4)
    services.postpone_with_consent(
        bezwaar,
        tot_en_met=later,
        instemming_op=days(1),
        instemming_hoe="per e-mail",
        reden="Wij wachten op het advies van een arts.",
        user=jurist,
    )
    assert services.beslistermijn(fresh(bezwaar)) == later
    brief = Brief.objects.get(bezwaar=bezwaar, soort=BriefSoort.UITSTEL)
    assert "artikel 7:10 lid 4" in pdf_text(brief)
    assert "per e-mail" in pdf_text(brief)


# --- commission (7:13) ---------------------------------------------------------------------


def test_commission_notice_gives_twelve_weeks(pip_person, km, jurist):
    bezwaar = register(pip_person, km)
    six = services.beslistermijn(bezwaar)
    services.announce_commission(
        bezwaar, naam="Commissie bezwaarschriften", mededeling_op=TODAY(), user=jurist
    )
    bezwaar = fresh(bezwaar)
    assert bezwaar.adviescommissie
    twelve = services.beslistermijn(bezwaar)
    assert twelve > six + dt.timedelta(weeks=5)
    text = pdf_text(Brief.objects.get(bezwaar=bezwaar, soort=BriefSoort.ADVIESCOMMISSIE))
    assert "Commissie bezwaarschriften" in text and "twaalf weken" in text
    with pytest.raises(ValidationError) as error:
        services.announce_commission(bezwaar, naam="X", mededeling_op=TODAY())
    assert "al gedaan" in msgs(error)


# --- the hearer (7:5) ----------------------------------------------------------------------


def test_who_handled_the_fine_may_not_hear(pip_person, km, jurist):
    zaak = fined_art23(pip_person, km, vastgesteld=days(20), bekend=days(19))
    zaak.behandelaar = km
    zaak.save()
    besluit = next(b for b in services.contestable(pip_person) if b.handhaving == zaak)
    bezwaar = services.register_bezwaar(
        pip_person, besluit=besluit, ontvangen_op=TODAY(), wijze=Wijze.DIGITAAL, gronden="Ziek."
    )
    hearing = services.plan_hearing(bezwaar, TODAY())
    with pytest.raises(ValidationError) as error:
        services.set_hearers(hearing, [km])
    assert "mag de inburgeraar daarom niet horen (Awb art. 7:5 lid 1)" in msgs(error)
    assert not hearing.hoorders.exists()
    services.set_hearers(hearing, [jurist])
    assert [h.gebruiker for h in hearing.hoorders.all()] == [jurist]


# --- ingebrekestelling and dwangsom (4:17-4:18) ----------------------------------------------


def test_ingebrekestelling_before_the_term_ends_is_refused(pip_person, km):
    bezwaar = register(pip_person, km)
    with pytest.raises(ValidationError) as error:
        services.record_ingebrekestelling(bezwaar, ontvangen_op=TODAY())
    assert "Awb art. 4:17 lid 3" in msgs(error)


def test_dwangsom_to_the_day_and_its_vaststelling(world, km, jurist):
    bezwaar = late_bezwaar(world, km)
    ing = services.record_ingebrekestelling(bezwaar, ontvangen_op=days(30), user=jurist)
    d = services.dwangsom_van(ing)
    # First day 14 days after receipt (16 days ago): 17 days, 14 × € 23 + 3 × € 35.
    assert d.eerste_dag == days(16)
    assert (d.dagen, d.bedrag) == (17, Decimal("427"))
    assert d.loopt
    with pytest.raises(ValidationError) as error:
        services.fix_dwangsom(ing)
    assert "loopt nog (dag 17 van 42)" in msgs(error)
    # The jurist's werkvoorraad shows it with the amount.
    items = workitems.procedure_items(jurist, TODAY())
    assert any("dwangsom loopt, € 427,00 na 17 dagen" in i.what for i in items)


def test_dwangsom_after_42_days_is_set_at_the_maximum(world, km, jurist):
    bezwaar = late_bezwaar(world, km)
    ing = services.record_ingebrekestelling(bezwaar, ontvangen_op=days(70))
    d = services.dwangsom_van(ing)
    assert (d.dagen, d.bedrag, d.loopt) == (42, Decimal("1442"), False)
    items = workitems.procedure_items(jurist, TODAY())
    assert any("dwangsom van € 1.442,00 vaststellen (Awb art. 4:18)" in i.what for i in items)
    services.fix_dwangsom(ing)
    ing.refresh_from_db()
    assert ing.stage == IngebrekestellingState.VASTGESTELD
    assert ing.vastgesteld_bedrag == Decimal("1442")


def test_regisseur_sees_amounts_per_municipality_not_persons(world, km):
    bezwaar = late_bezwaar(world, km)
    services.record_ingebrekestelling(bezwaar, ontvangen_op=days(30))
    items = workitems.dwangsom_figures(world.users[Role.REGISSEUR], TODAY())
    assert len(items) == 1
    assert items[0].person.full_name == world.municipality.name
    assert items[0].what == "1 dwangsom, waarvan 1 lopend: € 427,00 verbeurd tot vandaag"


# --- voorlopige voorziening (8:81) ---------------------------------------------------------


def _fine_with_bezwaar(person, km):
    # Sent 35 days ago: the betaaltermijn ends within the werkvoorraad's 14 days.
    zaak = fined_art23(person, km, vastgesteld=days(36), bekend=days(35))
    besluit = next(b for b in services.contestable(person) if b.handhaving == zaak)
    bezwaar = services.register_bezwaar(
        person, besluit=besluit, ontvangen_op=days(5), wijze=Wijze.DIGITAAL, gronden="Ziek."
    )
    return zaak, bezwaar


def test_granted_schorsing_stops_every_follow_up(pip_person, km, jurist):
    zaak, bezwaar = _fine_with_bezwaar(pip_person, km)
    cases = workitems.team_cases(km)
    assert any(i.what == "Betaaltermijn boete" for i in workitems.running_terms(cases, TODAY()))
    vv = services.register_voorziening(bezwaar, verzocht_op=days(4), zaaknummer="AWB 26/1")
    assert not services.decision_suspended(zaak, TODAY())
    with pytest.raises(ValidationError) as error:
        services.decide_voorziening(
            vv, stand=VoorzieningState.AFGEWEZEN, uitspraak_op=days(1), schorsing=True
        )
    assert "Alleen een toegewezen verzoek" in msgs(error)
    services.decide_voorziening(
        vv,
        stand=VoorzieningState.TOEGEWEZEN,
        uitspraak_op=days(2),
        schorsing=True,
        toelichting="Geschorst tot zes weken na de beslissing op bezwaar.",
    )
    assert services.decision_suspended(zaak, TODAY())
    assert services.decision_suspended(bezwaar, TODAY())
    assert not services.decision_suspended(zaak, days(3))  # before the uitspraak
    assert services.suspended_case_ids([zaak.pk], TODAY()) == {zaak.pk}
    items = workitems.running_terms(workitems.team_cases(km), TODAY())
    assert not any(i.what == "Betaaltermijn boete" for i in items)
    assert any("geschorst door de voorzieningenrechter" in i.what for i in items)
    # Nor does it count for a doubling.
    later = services.open_case(pip_person, "aanwezigheid", TODAY(), "Weer te weinig.", km)
    assert zaak not in services.boete.prior_art23(later, TODAY())


def test_schorsing_with_an_end_date(pip_person, km):
    zaak, bezwaar = _fine_with_bezwaar(pip_person, km)
    vv = services.register_voorziening(bezwaar, verzocht_op=days(4))
    services.decide_voorziening(
        vv,
        stand=VoorzieningState.TOEGEWEZEN,
        uitspraak_op=days(3),
        schorsing=True,
        geschorst_tot=days(1),
        toelichting="Kort geschorst.",
    )
    assert services.decision_suspended(zaak, days(1))
    assert not services.decision_suspended(zaak, TODAY())


def test_who_set_the_pip_or_changed_the_case_may_not_hear(pip_person, km, jurist, colleague):
    from regie.core.models import AuditEvent
    from regie.plans.models import PIPVersie

    PIPVersie.objects.filter(pip__inburgeraar=pip_person).update(vastgesteld_door=colleague)
    bezwaar = register(pip_person, km)
    assert colleague.pk in services.involved_in_decision(bezwaar)
    hearing = services.plan_hearing(bezwaar, TODAY())
    with pytest.raises(ValidationError) as error:
        services.set_hearers(hearing, [jurist, colleague])
    assert str(colleague) in msgs(error) and str(jurist) not in msgs(error)
    # The audit log counts too: whoever changed the fine's case was involved.
    zaak = fined_art23(pip_person, km, vastgesteld=days(20), bekend=days(19))
    AuditEvent.objects.create(
        user_id_copy=jurist.pk,
        action="update",
        object_type="handhavingszaak",
        object_id=str(zaak.pk),
    )
    besluit = next(b for b in services.contestable(pip_person) if b.handhaving == zaak)
    tegen_boete = services.register_bezwaar(
        pip_person, besluit=besluit, ontvangen_op=TODAY(), wijze=Wijze.DIGITAAL, gronden="Ziek."
    )
    assert jurist.pk in services.involved_in_decision(tegen_boete)


def test_procedure_items_query_count_is_constant(world, km, jurist):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import InburgeraarFactory

    def add(n):
        for _ in range(n):
            person = InburgeraarFactory(
                municipality=world.municipality, klantmanager=km, status="in_uitvoering"
            )
            give_pip(person, world.aanbieder, days(200))
            b = register(person, km, ontvangen=days(190))
            services.record_ingebrekestelling(b, ontvangen_op=days(30))
            services.register_voorziening(b, verzocht_op=days(5))
            services.request_repair(
                b, verzuim="x", verzocht_op=days(2), hersteltermijn_einde=days(-5)
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            workitems.procedure_items(jurist, TODAY())
            workitems.dwangsom_figures(world.users[Role.REGISSEUR], TODAY())
        return len(ctx.captured_queries)

    add(1)
    count()
    few = count()
    add(3)
    assert count() == few
    assert len(workitems.procedure_items(jurist, TODAY())) == 12
