"""Bezwaar against a PIP beschikking or a boetebesluit: registration and timeliness (Awb
6:7-6:11), the uitvoerder's advice, verdaging, hearing (7:2-7:3), the decision (7:11) and
the open terms.

Part of :mod:`regie.enforcement.services`; import it from there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.core.bekendmaking import dagtekening_errors
from regie.enforcement.berekening import euro
from regie.enforcement.models import (
    Bezwaar,
    BezwaarStage,
    Brief,
    BriefSoort,
    HandhavingStage,
    Handhavingszaak,
    Hoorzitting,
    Uitkomst,
    Wijze,
)
from regie.enforcement.services.beroep import beroep_deadlines
from regie.enforcement.services.common import (
    ADVIES_MARGE_DAGEN,
    _d,
    _move,
    _not_future,
    _raise,
    _today,
)
from regie.enforcement.states import (
    BEZWAAR_OPEN,
    BEZWAAR_TRANSITIONS,
    HANDHAVING_TRANSITIONS,
    HOORZITTING_GEHOORD,
    HOORZITTING_TRANSITIONS,
    BezwaarState,
    HandhavingState,
    HoorzittingState,
    can_transition,
)
from regie.people.models import Inburgeraar
from regie.rules import handhaving as hh
from regie.rules.deadlines import VERDAGING_BEZWAAR_MAX_WEKEN

# --- bezwaar -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Besluit:
    """A decision open to bezwaar: a PIP beschikking or a boetebesluit."""

    key: str
    label: str
    dagtekening: date
    bekendgemaakt_op: date | None  # None: not yet recorded as sent
    pip_versie: object | None = None
    handhaving: Handhavingszaak | None = None


def contestable(person: Inburgeraar) -> list[Besluit]:
    """The person's decisions a bezwaar can be registered against. A PIP beschikking
    counts from its recorded bekendmaking (regie.plans.services.record_bekendmaking);
    one not yet recorded as sent can still be contested (the bezwaar is then not late)."""
    from regie.plans import services as plan_services

    found = [
        Besluit(
            key=f"pip:{v.pk}",
            label=_("PIP versie %(n)s, dagtekening %(dag)s")
            % {"n": v.nummer, "dag": _d(v.dagtekening)},
            dagtekening=v.dagtekening,
            bekendgemaakt_op=v.bekendgemaakt_op,
            pip_versie=v,
        )
        for v in plan_services.vastgestelde(plan_services.versions(plan_services.pip_of(person)))
        if v.dagtekening
    ]
    for zaak in Handhavingszaak.objects.filter(
        inburgeraar=person, bekendgemaakt_op__isnull=False, boetebesluit_op__isnull=False
    ).order_by("boetebesluit_op"):
        found.append(
            Besluit(
                key=f"boete:{zaak.pk}",
                label=_("Boetebesluit %(kenmerk)s van %(bedrag)s, dagtekening %(dag)s")
                % {
                    "kenmerk": zaak.kenmerk,
                    "bedrag": euro(zaak.bedrag),
                    "dag": _d(zaak.boetebesluit_op),
                },
                dagtekening=zaak.boetebesluit_op,
                bekendgemaakt_op=zaak.bekendgemaakt_op,
                handhaving=zaak,
            )
        )
    return found


def tijdigheid(bezwaar: Bezwaar) -> hh.Tijdigheid:
    return hh.bezwaar_tijdigheid(
        bezwaar.besluit_bekendgemaakt_op, bezwaar.ontvangen_op, bezwaar.ter_post_bezorgd_op
    )


def tijdigheid_redenering(t: hh.Tijdigheid) -> list[str]:
    """The on-time check as sentences, so the user sees why (Awb art. 6:7-6:9, Atw)."""
    if not t.bekendgemaakt:
        return [
            _(
                "Het besluit is nog niet vastgelegd als verzonden of uitgereikt. De "
                "bezwaartermijn begint pas de dag na de bekendmaking (Awb art. 6:8), dus dit "
                "bezwaar is niet te laat (Awb art. 6:10). Leg de verzending van het besluit "
                "vast; dan wordt de termijn berekend."
            )
        ]
    lines = [
        _(
            "Het besluit is bekendgemaakt op %(bek)s. De bezwaartermijn van zes weken begint "
            "de dag daarna, op %(start)s (Awb art. 6:7 en 6:8)."
        )
        % {"bek": _d(t.bekendgemaakt_op), "start": _d(t.eerste_dag)},
    ]
    if t.verschoven:
        lines.append(
            _(
                "Zes weken later is %(bare)s, een zaterdag, zondag of feestdag. Daarom loopt de "
                "termijn door tot en met %(last)s (Algemene termijnenwet art. 1)."
            )
            % {"bare": _d(t.zes_weken_einde), "last": _d(t.laatste_dag)}
        )
    else:
        lines.append(
            _("De laatste dag van de bezwaartermijn is %(last)s.") % {"last": _d(t.laatste_dag)}
        )
    if t.ontvangen_op <= t.laatste_dag:
        lines.append(
            _("Het bezwaar is ontvangen op %(ont)s, binnen de termijn: tijdig.")
            % {"ont": _d(t.ontvangen_op)}
        )
    elif t.ter_post_bezorgd_op is None:
        lines.append(
            _(
                "Het bezwaar is ontvangen op %(ont)s, na de termijn, en niet per post verstuurd "
                "met een bekende postdatum: niet tijdig (Awb art. 6:9)."
            )
            % {"ont": _d(t.ontvangen_op)}
        )
    elif t.ter_post_bezorgd_op > t.laatste_dag:
        lines.append(
            _(
                "Het bezwaar is op %(post)s ter post bezorgd, na de laatste dag: niet tijdig "
                "(Awb art. 6:9 lid 2)."
            )
            % {"post": _d(t.ter_post_bezorgd_op)}
        )
    elif t.tijdig:
        lines.append(
            _(
                "Het bezwaar is op %(post)s ter post bezorgd, vóór het einde van de termijn, en "
                "ontvangen op %(ont)s, binnen een week daarna (uiterlijk %(week)s): tijdig (Awb "
                "art. 6:9 lid 2)."
            )
            % {
                "post": _d(t.ter_post_bezorgd_op),
                "ont": _d(t.ontvangen_op),
                "week": _d(t.post_uiterlijk_ontvangen),
            }
        )
    else:
        lines.append(
            _(
                "Het bezwaar is op tijd ter post bezorgd (%(post)s), maar pas ontvangen op "
                "%(ont)s, later dan een week na de termijn (uiterlijk %(week)s): niet tijdig "
                "(Awb art. 6:9 lid 2)."
            )
            % {
                "post": _d(t.ter_post_bezorgd_op),
                "ont": _d(t.ontvangen_op),
                "week": _d(t.post_uiterlijk_ontvangen),
            }
        )
    if not t.tijdig:
        lines.append(
            _(
                "Een te laat bezwaar is niet-ontvankelijk, tenzij de overschrijding verschoonbaar "
                "is (Awb art. 6:11). Dat beoordeelt de jurist."
            )
        )
    return lines


def beslistermijn(bezwaar: Bezwaar) -> date:
    """Last day for the decision (Awb art. 7:10): six or twelve weeks from the end of the
    bezwaartermijn, plus a recorded verdaging (lid 3), moved by the days it stood still for
    a repair (lid 2) and at least until a date the indiener agreed to (lid 4). Reads
    ``opschortingen`` and ``uitstellen`` through ``.all()``: prefetch them in lists."""
    from regie.enforcement.services.procedure import opgeschort, uitgesteld_tot
    from regie.rules.bezwaar import beslistermijn_met_opschorting

    if bezwaar.pk is None:
        opschort, uitstel = 0, None
    else:
        opschort, uitstel = opgeschort(bezwaar), uitgesteld_tot(bezwaar)
    return beslistermijn_met_opschorting(
        hh.beslistermijn_basis(bezwaar.besluit_bekendgemaakt_op, bezwaar.ontvangen_op),
        adviescommissie=bezwaar.adviescommissie,
        verdaagd_weken=bezwaar.verdaagd_weken,
        opgeschort=opschort,
        uitgesteld_tot=uitstel,
    )


def advies_uiterlijk(bezwaar: Bezwaar) -> date:
    """When the uitvoerder's advice is due (working agreement: ADVIES_MARGE_DAGEN before
    the beslistermijn ends, never before the day the bezwaar arrived)."""
    return max(bezwaar.ontvangen_op, beslistermijn(bezwaar) - timedelta(days=ADVIES_MARGE_DAGEN))


@transaction.atomic
def register_bezwaar(
    person: Inburgeraar,
    *,
    besluit: Besluit,
    ontvangen_op: date,
    wijze: str,
    gronden: str,
    ter_post_bezorgd_op: date | None = None,
    adviescommissie: bool = False,
    user=None,
) -> Bezwaar:
    """Register a bezwaar against a PIP beschikking or a boetebesluit, with the on-time
    check (Awb art. 6:7-6:9). A late bezwaar is registered too: the jurist decides on it."""
    errors: dict[str, list] = {}
    _not_future(ontvangen_op, "ontvangen_op", errors, _("De datum van ontvangst"))
    if ontvangen_op < besluit.dagtekening:
        errors.setdefault("ontvangen_op", []).append(
            _(
                "Het bezwaar is gedateerd vóór het besluit (dagtekening %(dag)s). Een bezwaar "
                "kan alleen gaan over een besluit dat al genomen is (Awb art. 6:10)."
            )
            % {"dag": _d(besluit.dagtekening)}
        )
    if ter_post_bezorgd_op is not None:
        if wijze != Wijze.POST:
            errors.setdefault("ter_post_bezorgd_op", []).append(
                _("Een postdatum hoort alleen bij een bezwaar dat per post is ontvangen.")
            )
        elif ter_post_bezorgd_op > ontvangen_op:
            errors.setdefault("ter_post_bezorgd_op", []).append(
                _("De postdatum kan niet na de datum van ontvangst liggen.")
            )
        elif ter_post_bezorgd_op < besluit.dagtekening:
            errors.setdefault("ter_post_bezorgd_op", []).append(
                _("De postdatum ligt vóór het besluit.")
            )
    if not gronden.strip():
        errors.setdefault("gronden", []).append(
            _("Neem de gronden van het bezwaar over (Awb art. 6:5).")
        )
    duplicate = Bezwaar.objects.filter(
        inburgeraar=person, stage__in=[s.value for s in BEZWAAR_OPEN]
    ).filter(
        pip_versie=besluit.pip_versie if besluit.pip_versie else None,
        handhaving=besluit.handhaving,
    )
    if duplicate.exists():
        errors.setdefault("besluit", []).append(
            _("Tegen dit besluit loopt al een bezwaar. Voeg de stukken daaraan toe.")
        )
    _raise(errors)
    t = hh.bezwaar_tijdigheid(besluit.bekendgemaakt_op, ontvangen_op, ter_post_bezorgd_op)
    return Bezwaar.objects.create(
        inburgeraar=person,
        pip_versie=besluit.pip_versie,
        handhaving=besluit.handhaving,
        besluit_bekendgemaakt_op=besluit.bekendgemaakt_op,
        ontvangen_op=ontvangen_op,
        wijze=wijze,
        ter_post_bezorgd_op=ter_post_bezorgd_op,
        gronden=gronden.strip(),
        adviescommissie=adviescommissie,
        tijdig=t.tijdig,
        geregistreerd_door=user,
    )


def beroepstermijn(bezwaar: Bezwaar) -> date | None:
    """Last day for beroep against the beslissing op bezwaar: six weeks from the day after
    it was sent or handed over (Awb art. 6:7-6:8); None while that is not recorded."""
    if bezwaar.beslissing_bekendgemaakt_op is None:
        return None
    return hh.beroepstermijn_einde(bezwaar.beslissing_bekendgemaakt_op)


@transaction.atomic
def record_brief_bekendmaking(brief: Brief, op: date, wijze: str, user=None) -> Brief:
    """ "Verzonden / uitgereikt" for a letter of handhaving or bezwaar (Awb art. 3:41): the
    day and way are stored on the letter, audit-logged, and the terms that run from it
    start the day after: for a boetebesluit the case is made known (bezwaar, payment), for
    a beslissing op bezwaar the beroepstermijn. Raises ValidationError (Dutch)."""
    from regie.core import bekendmaking as core_bekendmaking
    from regie.enforcement.services.boete import make_known

    Brief.objects.select_for_update().filter(pk=brief.pk).first()
    brief.refresh_from_db()
    if brief.soort == "boetebesluit" and brief.handhaving_id:
        zaak = brief.handhaving
        if zaak.bekendgemaakt_op is not None:
            raise ValidationError(
                {"bekendgemaakt_op": [_("De verzending van dit besluit is al vastgelegd.")]}
            )
        make_known(zaak, op, wijze)
        brief.refresh_from_db()
        return brief
    core_bekendmaking.record(
        brief,
        op=op,
        wijze=wijze,
        dagtekening=brief.dagtekening,
        user=user,
        what=f"{brief.soort} {brief.pk}",
    )
    if brief.soort == "beslissing_op_bezwaar" and brief.bezwaar_id:
        bezwaar = brief.bezwaar
        bezwaar.beslissing_bekendgemaakt_op = op
        bezwaar.save()
    return brief


def besluit_bekendgemaakt(*, pip_versie=None) -> int:
    """A decision was just recorded as sent: the open bezwaren against it that were
    registered before get its bekendmaking, and their timeliness is checked again (a
    bezwaar cannot have been late before the term began). Returns how many changed."""
    changed = 0
    for bezwaar in Bezwaar.objects.filter(
        pip_versie=pip_versie, besluit_bekendgemaakt_op__isnull=True
    ):
        bezwaar.besluit_bekendgemaakt_op = pip_versie.bekendgemaakt_op
        bezwaar.tijdig = tijdigheid(bezwaar).tijdig
        bezwaar.save()
        changed += 1
    return changed


@transaction.atomic
def submit_advice(bezwaar: Bezwaar, advies: str, advies_uitkomst: str, user) -> Bezwaar:
    """The uitvoerder's advice goes to the gemeente's jurist."""
    errors: dict[str, list] = {}
    if not advies.strip():
        errors.setdefault("advies", []).append(_("Schrijf het advies."))
    if advies_uitkomst not in (Uitkomst.GEGROND, Uitkomst.ONGEGROND, Uitkomst.NIET_ONTVANKELIJK):
        errors.setdefault("advies_uitkomst", []).append(_("Kies de uitkomst die u adviseert."))
    _raise(errors)
    _move(bezwaar, BEZWAAR_TRANSITIONS, BezwaarState.TER_BESLISSING, BezwaarStage)
    bezwaar.advies = advies.strip()
    bezwaar.advies_uitkomst = advies_uitkomst
    bezwaar.advies_door = user
    bezwaar.advies_op = _today()
    bezwaar.save()
    return bezwaar


@transaction.atomic
def postpone(
    bezwaar: Bezwaar, weken: int, reden: str, op: date | None = None, user=None
) -> Bezwaar:
    """Verdaging of the decision by at most six weeks, once, with reasons, before the
    beslistermijn has passed (Awb art. 7:10 lid 3)."""
    op = op or _today()
    errors: dict[str, list] = {}
    if bezwaar.stage not in BEZWAAR_OPEN:
        raise ValidationError(_("Op dit bezwaar is al beslist."))
    if bezwaar.verdaagd_weken:
        raise ValidationError(
            _(
                "De beslissing is al eens verdaagd. Verder uitstel kan alleen met instemming "
                "van de indiener (Awb art. 7:10 lid 4): kies 'Verder uitstel met instemming'."
            )
        )
    if not 1 <= weken <= VERDAGING_BEZWAAR_MAX_WEKEN:
        errors.setdefault("weken", []).append(
            _("Verdagen kan met ten hoogste zes weken (Awb art. 7:10 lid 3).")
        )
    if not reden.strip():
        errors.setdefault("reden", []).append(_("Geef de reden van de verdaging."))
    if op > beslistermijn(bezwaar):
        errors.setdefault("weken", []).append(
            _("De beslistermijn is op %(dag)s verstreken; verdagen kan alleen daarvóór.")
            % {"dag": _d(beslistermijn(bezwaar))}
        )
    _raise(errors)
    bezwaar.verdaagd_weken = weken
    bezwaar.verdaging_reden = reden.strip()
    bezwaar.verdaagd_op = op
    bezwaar.save()
    # Awb art. 7:10 lid 5: the verdaging is made known in writing.
    from regie.enforcement.bezwaar_documents import make_notice

    make_notice(bezwaar, BriefSoort.VERDAGING, op, user)
    return bezwaar


@transaction.atomic
def plan_hearing(bezwaar: Bezwaar, datum: date, tijd=None, locatie: str = "") -> Hoorzitting:
    if bezwaar.stage not in BEZWAAR_OPEN:
        raise ValidationError(_("Op dit bezwaar is al beslist."))
    if datum < bezwaar.ontvangen_op:
        raise ValidationError(
            {"datum": _("De hoorzitting ligt vóór de ontvangst van het bezwaar.")}
        )
    if bezwaar.hoorzittingen.filter(stage=HoorzittingState.GEPLAND).exists():
        raise ValidationError(
            _("Er staat al een hoorzitting gepland. Leg daarvan eerst het verslag vast.")
        )
    return Hoorzitting.objects.create(bezwaar=bezwaar, datum=datum, tijd=tijd, locatie=locatie)


@transaction.atomic
def report_hearing(
    hoorzitting: Hoorzitting, stand: str, verslag: str, aanwezigen: str = ""
) -> Hoorzitting:
    errors: dict[str, list] = {}
    if not can_transition(HOORZITTING_TRANSITIONS, hoorzitting.stage, stand):
        raise ValidationError(_("Van deze hoorzitting is het verslag al vastgelegd."))
    if stand in HOORZITTING_GEHOORD and hoorzitting.datum > _today():
        errors.setdefault("stand", []).append(
            _("De hoorzitting is op %(dag)s; het verslag kan pas daarna.")
            % {"dag": _d(hoorzitting.datum)}
        )
    if stand == HoorzittingState.GEHOUDEN and not verslag.strip():
        errors.setdefault("verslag", []).append(_("Leg vast wat er op de hoorzitting is gezegd."))
    _raise(errors)
    hoorzitting.stage = stand
    hoorzitting.verslag = verslag.strip()
    hoorzitting.aanwezigen = aanwezigen.strip()
    hoorzitting.save()
    return hoorzitting


@transaction.atomic
def withdraw(bezwaar: Bezwaar, op: date, user=None) -> Bezwaar:
    """The person withdrew the bezwaar (Awb art. 6:21)."""
    errors: dict[str, list] = {}
    _not_future(op, "datum", errors, _("De intrekking"))
    if op < bezwaar.ontvangen_op:
        errors.setdefault("datum", []).append(
            _("De intrekking ligt vóór de ontvangst van het bezwaar.")
        )
    _raise(errors)
    _move(bezwaar, BEZWAAR_TRANSITIONS, BezwaarState.INGETROKKEN, BezwaarStage)
    bezwaar.uitkomst = Uitkomst.INGETROKKEN
    bezwaar.beslist_op = op
    bezwaar.beslist_door = user
    bezwaar.save()
    return bezwaar


def gehoord(bezwaar: Bezwaar) -> bool:
    return any(h.stage in HOORZITTING_GEHOORD for h in bezwaar.hoorzittingen.all())


def decision_problems(
    bezwaar: Bezwaar,
    uitkomst: str,
    hoor_afzien_grond: str,
    verschoonbaar: bool,
    beslist_op: date,
) -> dict[str, list]:
    """Everything that stands in the way of this decision, by form field."""
    errors: dict[str, list] = {}

    def err(name, message):
        errors.setdefault(name, []).append(message)

    if bezwaar.stage == BezwaarState.ONTVANGEN:
        err(None, _("Het advies van de uitvoerder ontbreekt nog. De jurist beslist op advies."))
    elif bezwaar.stage != BezwaarState.TER_BESLISSING:
        err(None, _("Op dit bezwaar is al beslist."))
    if uitkomst not in (Uitkomst.GEGROND, Uitkomst.ONGEGROND, Uitkomst.NIET_ONTVANKELIJK):
        err("uitkomst", _("Kies de uitkomst."))
        return errors
    if beslist_op > _today():
        err("beslist_op", _("De beslissing kan niet in de toekomst zijn gedateerd."))
    if beslist_op < bezwaar.ontvangen_op:
        err("beslist_op", _("De beslissing ligt vóór de ontvangst van het bezwaar."))
    hearings = list(bezwaar.hoorzittingen.all())
    if any(h.stage == HoorzittingState.GEPLAND for h in hearings):
        err(None, _("Er staat nog een hoorzitting gepland. Leg eerst het verslag vast."))
    heard = any(h.stage in HOORZITTING_GEHOORD for h in hearings)
    grond = hh.HoorAfzienGrond(hoor_afzien_grond) if hoor_afzien_grond else None
    if not hh.horen_afzien_toegestaan(hh.BezwaarUitkomst(uitkomst), heard, grond):
        if grond is None:
            err(
                "hoor_afzien_grond",
                _(
                    "De inburgeraar is niet gehoord. Horen is verplicht (Awb art. 7:2). Plan een "
                    "hoorzitting, of kies een grond om van horen af te zien (Awb art. 7:3)."
                ),
            )
        else:
            err(
                "hoor_afzien_grond",
                _(
                    "Deze grond om van horen af te zien past niet bij de uitkomst '%(uitkomst)s'. "
                    "Plan een hoorzitting."
                )
                % {"uitkomst": Uitkomst(uitkomst).label},
            )
    if not bezwaar.tijdig and not verschoonbaar and uitkomst != Uitkomst.NIET_ONTVANKELIJK:
        err(
            "uitkomst",
            _(
                "Het bezwaar is niet tijdig ingediend. Het is niet-ontvankelijk, tenzij de "
                "termijnoverschrijding verschoonbaar is (Awb art. 6:11)."
            ),
        )
    return errors


def rechtbank_problem(municipality) -> str:
    """Why the beroepsclausule cannot name the rechtbank (Awb art. 8:7 lid 1, 3:45): the
    municipality has no rechtbank or postadres recorded. Empty when it has both."""
    if municipality.rechtbank_naam.strip() and municipality.rechtbank_postadres.strip():
        return ""
    return _(
        "De beslissing op bezwaar kan niet worden gemaakt: bij gemeente %(gemeente)s staat "
        "niet bij welke rechtbank beroep kan worden ingesteld (Awb art. 8:7 lid 1). Vraag "
        "de beheerder de rechtbank en het postadres voor beroepschriften in te vullen bij "
        "de lokale regels van de gemeente."
    ) % {"gemeente": municipality.name}


@transaction.atomic
def decide(
    bezwaar: Bezwaar,
    *,
    uitkomst: str,
    motivering: str,
    user,
    hoor_afzien_grond: str = "",
    verschoonbaar: bool = False,
    verschoonbaar_reden: str = "",
    beslist_op: date | None = None,
    dagtekening_reden: str = "",
) -> Brief:
    """The jurist's decision on the bezwaar (Awb art. 7:11). A dagtekening (``beslist_op``)
    before today needs ``dagtekening_reden``, stored with the letter. Gegrond against a PIP: a new
    PIP concept is drafted from the version in force (regie.plans), which a klantmanager
    vaststelt; the inburgeringstermijn does not move (Wi art. 11 lid 3). Gegrond against a
    fine: the fine is revoked. The letter carries the beroep clause."""
    Bezwaar.objects.select_for_update().filter(pk=bezwaar.pk).first()
    beslist_op = beslist_op or _today()
    errors = decision_problems(bezwaar, uitkomst, hoor_afzien_grond, verschoonbaar, beslist_op)
    if not motivering.strip():
        errors.setdefault("motivering", []).append(_("Motiveer de beslissing (Awb art. 7:12)."))
    if beslist_op < _today():
        for message in dagtekening_errors(beslist_op, dagtekening_reden):
            errors.setdefault("dagtekening_reden", []).append(message)
    if verschoonbaar and not verschoonbaar_reden.strip():
        errors.setdefault("verschoonbaar_reden", []).append(
            _("Leg uit waarom de termijnoverschrijding verschoonbaar is.")
        )
    rechtbank = rechtbank_problem(bezwaar.inburgeraar.municipality)
    if rechtbank:
        errors.setdefault("__all__", []).append(rechtbank)
    _raise(errors)
    bezwaar.stage = BezwaarState.BESLIST
    bezwaar.uitkomst = uitkomst
    bezwaar.motivering = motivering.strip()
    bezwaar.hoor_afzien_grond = "" if gehoord(bezwaar) else hoor_afzien_grond
    bezwaar.verschoonbaar = verschoonbaar and not bezwaar.tijdig
    bezwaar.verschoonbaar_reden = verschoonbaar_reden.strip() if bezwaar.verschoonbaar else ""
    bezwaar.beslist_door = user
    bezwaar.beslist_op = beslist_op
    if uitkomst == Uitkomst.GEGROND and bezwaar.pip_versie_id:
        bezwaar.nieuwe_pip_versie = new_pip_concept(bezwaar, user)
    if uitkomst == Uitkomst.GEGROND and bezwaar.handhaving_id:
        zaak = bezwaar.handhaving
        _move(zaak, HANDHAVING_TRANSITIONS, HandhavingState.HERROEPEN, HandhavingStage)
        zaak.afgesloten_op = beslist_op
        zaak.afsluit_reden = _("Bezwaar %(kenmerk)s gegrond verklaard.") % {
            "kenmerk": bezwaar.kenmerk
        }
        zaak.save()
    bezwaar.save()
    from regie.enforcement.documents import make_letter

    return make_letter(
        bezwaar, "beslissing_op_bezwaar", dagtekening_reden if beslist_op < _today() else ""
    )


def new_pip_concept(bezwaar: Bezwaar, user):
    """A new PIP concept after a gegrond bezwaar, made through regie.plans: prefilled from
    the version in force, with the reason naming the bezwaar. An open concept is reused."""
    reden = _(
        "Nieuwe versie na gegrond bezwaar %(kenmerk)s tegen PIP versie %(n)s (beslissing van "
        "%(dag)s). De inburgeringstermijn verandert niet (Wet inburgering 2021 art. 11 lid 3)."
    ) % {
        "kenmerk": bezwaar.kenmerk,
        "n": bezwaar.pip_versie.nummer,
        "dag": _d(bezwaar.beslist_op or _today()),
    }
    return draft_pip_version(bezwaar.inburgeraar, reden, user)


def draft_pip_version(
    person: Inburgeraar, reden: str, user, *, aanbieden: bool = False, extra_goals=()
):
    """Draft the next PIP version with ``reden`` (regie.plans.services.draft_version)."""
    from regie.plans import services as plan_services

    return plan_services.draft_version(
        person, reden, user, aanbieden=aanbieden, extra_goals=extra_goals
    )


def bezwaar_deadlines(bezwaar: Bezwaar) -> list[tuple[str, date]]:
    """The open deadlines of a bezwaar and its beroepen, as (what, last day)."""
    found = []
    if bezwaar.stage == BezwaarState.ONTVANGEN:
        found.append((_("Advies van de uitvoerder"), advies_uiterlijk(bezwaar)))
    if bezwaar.stage in BEZWAAR_OPEN:
        found.append((_("Beslistermijn bezwaar (Awb art. 7:10)"), beslistermijn(bezwaar)))
        found.extend(
            (_("Hersteltermijn verzuim (Awb art. 6:6)"), o.hersteltermijn_einde)
            for o in bezwaar.opschortingen.all()
            if o.stage == "loopt"
        )
        for h in bezwaar.hoorzittingen.all():
            if h.stage == HoorzittingState.GEPLAND:
                found.append((_("Hoorzitting"), h.datum))
    if bezwaar.stage == BezwaarState.BESLIST and bezwaar.beslist_op:
        beroepen = list(bezwaar.beroepen.all())
        # The beroepstermijn runs from the day after the beslissing was sent (Awb 6:8).
        einde = beroepstermijn(bezwaar)
        if not beroepen and einde is not None and einde >= _today():
            found.append((_("Beroepstermijn (Awb art. 6:7)"), einde))
        for beroep in beroepen:
            found.extend(beroep_deadlines(beroep))
    return found
