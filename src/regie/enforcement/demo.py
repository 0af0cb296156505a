"""Demo handhaving and bezwaar, made through the services (so every letter is a real PDF
and every term is computed): a toets no-show with a written warning sent; an art. 23 fine
for low attendance, made known; a bezwaar against a PIP awaiting the jurist's decision with
a hoorzitting planned; one bezwaar decided ongegrond, against which beroep is pending at
the rechtbank. All in Winterswijk, in the demo klantmanager's team. Deterministic: persons
are chosen by their order, dates count from builder.today."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import translation
from django.utils.formats import date_format

from regie.core.extensions import demo_extender
from regie.core.roles import Role
from regie.enforcement import services
from regie.enforcement.models import (
    Appellant,
    Grondslag,
    Handhavingszaak,
    Instantie,
    Signaalbron,
    Uitkomst,
    Wijze,
)
from regie.enforcement.states import HoorzittingState
from regie.rules.calendar import volgende_werkdag
from regie.rules.lifecycle import Regime, Status

# What the demo letters print as the place of a new appointment and the number to call
# (14 + the area code is the general number Dutch gemeenten use). Demo data only.
DEMO_LOCATIE = "Gemeentehuis Winterswijk, Stationsstraat 24, Winterswijk"
DEMO_TELEFOON = "14 0543"


def _dutch_date(day) -> str:
    with translation.override("nl"):  # the text of a Dutch letter
        return date_format(day, "j F Y")


def _with_pip(builder, km) -> list:
    """Winterswijk persons of the klantmanager's team with a vastgesteld PIP, most recent
    dagtekening first."""
    from regie.plans import services as plan_services

    found = []
    for person in builder.people:
        if (
            person.regime != Regime.WI2021
            or person.status != Status.IN_UITVOERING
            or person.klantmanager_id is None
            or person.klantmanager.team_id != km.team_id
            or person.municipality.name != "Winterswijk"
        ):
            continue
        versie = plan_services.current_versie(plan_services.pip_of(person))
        if versie is not None and versie.dagtekening:
            found.append((versie.dagtekening, person.pk, person, versie))
    found.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return [(person, versie) for _day, _pk, person, versie in found]


def _toets_no_show(builder, km, today) -> None:
    from regie.intake import services as intake_services

    for person in builder.people:
        toetsen = [t for t in intake_services.toetsen_of(person) if t.status == "niet_verschenen"]
        if not toetsen:
            continue
        no_show = toetsen[0].date
        zaak = services.open_case(
            person,
            Signaalbron.TOETS_NIET_VERSCHENEN,
            min(no_show + timedelta(days=1), today),
            "Niet verschenen op de leerbaarheidstoets van "
            f"{no_show:%d-%m-%Y}, zonder bericht vooraf.",
            person.klantmanager or km,
        )
        services.send_warning(
            zaak,
            waarschuwing_op=min(no_show + timedelta(days=2), today),
            # On werkdagen, as the form requires.
            nieuwe_termijn_einde=volgende_werkdag(today + timedelta(days=11)),
            nieuwe_afspraak_op=volgende_werkdag(today + timedelta(days=7)),
            nieuwe_afspraak_tijd=time(10, 0),
            afspraak_locatie=DEMO_LOCATIE,
            brief_wat_gebeurd=(
                f"U had op {_dutch_date(no_show)} een afspraak voor de "
                "leerbaarheidstoets. U bent niet gekomen. U hebt ons niet laten weten waarom."
            ),
            contact_telefoon=DEMO_TELEFOON,
            dagtekening_reden="Demo: de waarschuwing is op de dagtekening verstuurd en later "
            "vastgelegd.",
        )
        return


def _attendance_fine(person, km, today) -> None:
    zaak = services.open_case(
        person,
        Signaalbron.AANWEZIGHEID,
        today - timedelta(days=40),
        "Toptaal meldt een aanwezigheid van 55 % in de afgelopen zes weken; afgesproken is "
        "ten minste 80 % van de lessen in het PIP.",
        km,
    )
    services.impose_fine(
        zaak,
        vastgesteld_op=today - timedelta(days=35),
        dagtekening=today - timedelta(days=34),
        dagtekening_reden="Demo: het besluit is op de dagtekening genomen en later vastgelegd.",
        verwijtbaarheid="overig",
        toelichting=(
            "Geen medische of andere geldige reden gemeld; wel wisselende werktijden bij een "
            "uitzendbaan. Geen opzet of grove schuld: 50 %."
        ),
        brief_toelichting=(
            "Toptaal meldt dat u de afgelopen zes weken bij ongeveer de helft van de lessen "
            "was. In uw PIP staat dat u bij ten minste 80 % van de lessen bent. U hebt ons "
            "geen reden gegeven."
        ),
        contact_telefoon=DEMO_TELEFOON,
    )
    services.make_known(zaak, today - timedelta(days=34))


def _new_version(person, on, drafter, vaststeller, reason):
    """A new vastgestelde PIP version dated ``on``, through regie.plans (four eyes)."""
    from regie.plans import services as plan_services

    goal = {
        "levensgebied": "taal",
        "omschrijving": "Twee avondlessen per week bij Toptaal naast het werk.",
        "wie": "inburgeraar",
        "streefdatum": on + timedelta(weeks=26),
        "status": "bezig",
    }
    versie = services.draft_pip_version(person, reason, drafter, aanbieden=True, extra_goals=[goal])
    return plan_services.vaststellen(
        versie,
        vaststeller,
        on=on,
        dagtekening_reden="Demo: het besluit is op de dagtekening genomen en later vastgelegd.",
    )


def _bezwaar(person, versie, km, ontvangen):
    besluit = next(b for b in services.contestable(person) if b.pip_versie == versie)
    return services.register_bezwaar(
        person,
        besluit=besluit,
        ontvangen_op=ontvangen,
        wijze=Wijze.POST,
        ter_post_bezorgd_op=ontvangen - timedelta(days=2),
        gronden=(
            "Ik ben het niet eens met de nieuwe afspraken over de lesuren. Ik werk drie dagen "
            "per week en kan niet meer lessen volgen dan nu."
        ),
        user=km,
    )


@demo_extender
def build_enforcement(builder) -> None:
    users = builder.users
    km, jurist = users.get("klantmanager"), users.get("jurist")
    if km is None or jurist is None:
        return
    today = builder.today
    _toets_no_show(builder, km, today)
    candidates = _with_pip(builder, km)
    if len(candidates) < 3:
        return
    (first, _v1), (second, _v2), (third, _v3) = candidates[:3]
    colleague = next(
        (
            u
            for u in users.values()
            if u != km and u.team_id == km.team_id and u.has_role(Role.KLANTMANAGER)
        ),
        None,
    )
    if colleague is None:
        return
    reason = (
        "Na het voortgangsgesprek zijn de lesuren per week verhoogd, omdat de inburgeraar "
        "achterloopt op de planning."
    )

    # A bezwaar against a new PIP version, advice given, hearing planned: awaiting the
    # jurist's decision.
    versie = _new_version(first, today - timedelta(days=25), km, colleague, reason)
    waiting = _bezwaar(first, versie, km, today - timedelta(days=12))
    services.submit_advice(
        waiting,
        "De hogere intensiteit is nodig om de leerroute binnen de termijn te halen; met de "
        "werkgever is overlegd over de roosters. Advies: ongegrond.",
        Uitkomst.ONGEGROND,
        km,
    )
    # The signature was missing: asked to repair, repaired; the term stood still (7:10 lid 2).
    herstel = services.request_repair(
        waiting,
        verzuim="uw handtekening onder het bezwaarschrift",
        verzocht_op=today - timedelta(days=10),
        hersteltermijn_einde=today + timedelta(days=4),
        user=jurist,
    )
    services.end_repair(herstel, stand="hersteld", op=today - timedelta(days=6))
    services.plan_hearing(waiting, today + timedelta(days=9), locatie="Gemeentehuis, kamer 2.14")

    # A bezwaar decided ongegrond after a hearing, with beroep pending at the rechtbank.
    versie = _new_version(second, today - timedelta(days=120), km, colleague, reason)
    decided = _bezwaar(second, versie, km, today - timedelta(days=100))
    services.submit_advice(
        decided,
        "De intensiteit volgt uit het PIP en is gemotiveerd. Advies: ongegrond.",
        Uitkomst.ONGEGROND,
        km,
    )
    hearing = services.plan_hearing(decided, today - timedelta(days=75), locatie="Gemeentehuis")
    services.report_hearing(
        hearing,
        HoorzittingState.GEHOUDEN,
        "De inburgeraar lichtte zijn werktijden toe. Er is een avondles mogelijk bij Toptaal.",
        "inburgeraar, tolk Arabisch, jurist, klantmanager",
    )
    services.decide(
        decided,
        uitkomst=Uitkomst.ONGEGROND,
        motivering=(
            "De hogere intensiteit is nodig om de leerroute binnen de inburgeringstermijn te "
            "halen. Met avondlessen is zij te combineren met het werk. Het besluit blijft in "
            "stand."
        ),
        user=jurist,
        beslist_op=today - timedelta(days=60),
        dagtekening_reden="Demo: op de dagtekening beslist en later vastgelegd.",
    )
    services.register_beroep(
        decided,
        instantie=Instantie.RECHTBANK,
        ingesteld_op=today - timedelta(days=30),
        appellant=Appellant.INBURGERAAR,
        zaaknummer="ZUT 26/0412",
        beroepschrift_ontvangen_op=today - timedelta(days=25),
    )

    # An art. 23 fine for attendance below the norm, reported by the aanbieder: only on a
    # day its basis holds (in scope, in the PIP, within the termijn). Demo persons whose
    # termijn has ended get the fine dated in its last months.
    from regie.people.termijn import termijn_of

    for person, _versie in [(third, _v3), *candidates[3:]]:
        termijn = termijn_of(person)
        if termijn is None:
            continue
        day = min(today - timedelta(days=34), termijn.einde - timedelta(days=30))
        probe = Handhavingszaak(inburgeraar=person, grondslag=Grondslag.ART23)
        if services.boete_grond(probe, day).mogelijk:
            _attendance_fine(person, km, day + timedelta(days=34))
            break
