"""What may be done with a PIP, and when: drafting, the checks before vaststelling (four
eyes, route and goals present, reasons for the route, leerroute changes), vaststelling
itself (status change, beschikking), the inburgeringstermijn, and when the next
voortgangsgesprek is due. Views call these; the statutory figures come from regie.rules.

Other apps reach PIP data through this module only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie import rules
from regie.core import bekendmaking as core_bekendmaking
from regie.core.bekendmaking import dagtekening_errors
from regie.core.formatting import translated
from regie.core.memo import per_request
from regie.core.models import Organisation
from regie.core.presence import has_rows
from regie.core.roles import OrganisationType, Permission
from regie.people.models import Inburgeraar
from regie.people.services import change_status
from regie.people.termijn import start_na_eerste_pip, termijn_of, termijn_of_id
from regie.plans.models import (
    PIP,
    DoelStatus,
    GesprekStatus,
    LeerrouteChoice,
    Levensgebied,
    PIPDoel,
    PIPVersie,
    VersieStatus,
    Voortgangsgesprek,
)
from regie.plans.versions import vastgestelde_versies
from regie.rules.category import (
    ALLE_ONDERDELEN,
    Art23Grond,
    Onderdeel,
    PIPElement,
    art23_gronden_in_pip,
    missing_message,
    missing_pip_elements,
    pip_vereisten,
)
from regie.rules.leerroute import PVT_MIN_UREN, Leerroute, LeerrouteAdvies
from regie.rules.lifecycle import TERMINAL, Regime, Status

# Statuses in which a person has a plan that is being carried out and monitored.
MONITORED = (Status.PIP_VASTGESTELD, Status.IN_UITVOERING)


# --- the brede intake (regie.intake) -----------------------------------------------------


def route_advice(person: Inburgeraar) -> LeerrouteAdvies | None:
    """The leerroute advice from the brede intake and leerbaarheidstoets, if any."""
    from regie.intake import services as intake_services

    return intake_services.route_advice(person)


def intake_completed(person: Inburgeraar) -> bool:
    """Whether the brede intake is completed: the first PIP follows on it (Wi art. 15)."""
    from regie.intake import services as intake_services

    return intake_services.intake_completed(person)


# --- reading -----------------------------------------------------------------------------


def pip_of(person: Inburgeraar) -> PIP | None:
    return PIP.objects.filter(inburgeraar=person).first()


def versions(pip: PIP | None) -> list[PIPVersie]:
    if pip is None:
        return []
    return list(
        pip.versies.select_related("opgesteld_door", "vastgesteld_door", "aanbieder").order_by(
            "nummer"
        )
    )


def pip_and_versions(person: Inburgeraar) -> tuple[PIP | None, list[PIPVersie]]:
    """The person's PIP (one per person) and its versions in one query; a PIP without any
    version (or no PIP) costs a second."""
    versies = list(
        PIPVersie.objects.filter(pip__inburgeraar=person)
        .select_related("pip", "opgesteld_door", "vastgesteld_door", "aanbieder")
        .order_by("nummer")
    )
    if versies:
        return versies[0].pip, versies
    return pip_of(person), []


def vastgestelde(versies: Iterable[PIPVersie]) -> list[PIPVersie]:
    return sorted(
        (v for v in versies if v.status == VersieStatus.VASTGESTELD), key=lambda v: v.nummer
    )


def current_versie(pip: PIP | None) -> PIPVersie | None:
    """The version in force: the last vastgestelde one."""
    if pip is None:
        return None
    return pip.versies.vastgesteld().select_related("aanbieder").order_by("-nummer").first()


def concept_of(pip: PIP | None) -> PIPVersie | None:
    if pip is None:
        return None
    return pip.versies.concept().select_related("opgesteld_door", "aanbieder").first()


def first_dagtekening(pip: PIP | None) -> date | None:
    """The dagtekening of the first vastgestelde PIP: it starts the inburgeringstermijn."""
    if pip is None:
        return None
    first = pip.versies.vastgesteld().order_by("nummer").values_list("dagtekening", flat=True)
    return first.first()


def termijn(pip: PIP | None) -> tuple[date, date] | None:
    """(first day, last day) of the person's inburgeringstermijn: the person's record
    (regie.people.termijn.termijn_of) - started by the first PIP (Wi 2021 art. 11 lid 1) or
    taken over after a move (lid 3 onder b), moved by DUO's extensions (art. 12)."""
    if pip is None:
        return None
    found = termijn_of_id(pip.inburgeraar_id)
    return None if found is None else (found.start, found.einde)


def route_changes(vastgesteld: list[PIPVersie]) -> int:
    """How many times the leerroute changed between successive vastgestelde versions."""
    return sum(
        1
        for before, after in zip(vastgesteld, vastgesteld[1:], strict=False)
        if before.leerroute != after.leerroute
    )


def max_route_changes(person: Inburgeraar) -> int:
    """Local policy: how often the leerroute may change (seed §3.2: once)."""
    from regie.core.localrules import local_value

    return int(local_value(person.municipality, "leerroute_wijzigingen_max"))


def route_change_check(
    person: Inburgeraar,
    pip: PIP,
    new_route: str,
    on: date,
    bijzonder_geval: bool = False,
    *,
    afwijking_beleidsregel: bool = False,
) -> tuple[bool, str]:
    """Whether the leerroute of the PIP in force may change to ``new_route`` on ``on``
    (Wi 2021 art. 17 lid 2; Besluit art. 5.4; local maximum, a beleidsregel the
    klantmanager may deviate from with a recorded reason, Awb art. 4:84). (True, "") when
    it is not a change at all or there is no vastgesteld PIP yet."""
    vastgesteld = list(pip.versies.vastgesteld().order_by("nummer")) if pip.pk else []
    if not vastgesteld or not new_route or vastgesteld[-1].leerroute == new_route:
        return True, ""
    found = termijn_of(person)
    termijn_start = (
        found.start if found else rules.inburgeringstermijn(vastgesteld[0].dagtekening)[0]
    )
    from regie.intake.services import translated

    allowed, why = rules.leerroute_change_allowed(
        Leerroute(vastgesteld[-1].leerroute),
        Leerroute(new_route),
        termijn_start,
        on,
        route_changes(vastgesteld),
        max_route_changes(person),
        bijzonder_geval=bijzonder_geval,
        afwijking_beleidsregel=afwijking_beleidsregel,
    )
    return allowed, translated(why)


def deviates_from_advice(route: str, advice: LeerrouteAdvies | None) -> bool:
    return bool(route) and advice is not None and advice.route.value != route


def route_label(value: str) -> str:
    return str(LeerrouteChoice(value).label) if value else ""


def deviation_message(advice: LeerrouteAdvies) -> str:
    return _(
        "De gekozen leerroute wijkt af van het advies uit de brede intake (%(advies)s). "
        "Leg uit waarom u voor deze leerroute kiest (Raad van State, ECLI:NL:RVS:2024:5413)."
    ) % {"advies": route_label(advice.route.value)}


def contracted_aanbieders(person: Inburgeraar):
    """The aanbieders that work for the person's municipality."""
    return Organisation.objects.filter(
        type=OrganisationType.AANBIEDER, serves=person.municipality_id
    ).order_by("name")


# --- drafting ----------------------------------------------------------------------------


def draft_refusal(person: Inburgeraar) -> str:
    """Why no PIP can be drafted for this person, or '' when it can."""
    if person.regime != Regime.WI2021:
        return _(
            "Een PIP hoort bij de Wet inburgering 2021. Deze inburgeraar valt daar niet onder."
        )
    if Status(person.status) in TERMINAL:
        return _("Het traject van deze inburgeraar is afgesloten; er kan geen PIP meer bij.")
    return ""


# Fields of a version that a new concept takes over from the version in force.
COPIED_FIELDS = (
    "leerroute",
    "route_toelichting",
    "aanbieder_id",
    "duur_maanden",
    "lesuren_per_week",
    "intensiteit_toelichting",
    "pvt_afspraken",
    "map_afspraken",
    "knm_afspraken",
    "pvt_uren",
    "map_uren",
    "randvoorwaarden",
    "ondersteuning",
    "aantal_voortgangsgesprekken",
    "voortgang_frequentie_weken",
    "voortgang_afspraken",
    "participatie_doelen",
    "participatie_uren_per_week",
    "participatie_toelichting",
    "bijstand",
    "participatiewet",
    "tegenprestatie",
    "arbeidsverplichtingen",
    "financiele_ontzorging",
)
GOAL_FIELDS = ("levensgebied", "omschrijving", "wie", "streefdatum", "status")


# Who usually works on a goal of each levensgebied (seed bijlage 3): the default of the
# 'wie' field of a proposed goal row; the klantmanager changes it where needed.
GOAL_WHO = {
    Levensgebied.WONEN: gettext_lazy("inburgeraar en maatschappelijk begeleider"),
    Levensgebied.GEZONDHEID: gettext_lazy("inburgeraar en maatschappelijk begeleider"),
    Levensgebied.FINANCIEN: gettext_lazy("inburgeraar en klantmanager"),
    Levensgebied.LEREN_WERKEN: gettext_lazy("inburgeraar en klantmanager"),
    Levensgebied.SOCIAAL_NETWERK: gettext_lazy("inburgeraar en maatschappelijk begeleider"),
    Levensgebied.TAAL: gettext_lazy("inburgeraar en taalaanbieder"),
}


def intake_needs(person: Inburgeraar, user=None) -> dict[str, str]:
    """What the brede intake recorded per levensgebied, as goal proposals for a first PIP
    (levensgebied value -> text; empty when the intake says nothing about it). Health
    (AVG art. 9) only for a user who may see it."""
    from regie.intake import services as intake_services
    from regie.intake.models import IntakeGezondheid

    intake = intake_services.latest_intake(person)
    needs = {gebied.value: "" for gebied in Levensgebied}
    if intake is None:
        return needs

    def join(*parts) -> str:
        return " ".join(str(p).strip() for p in parts if p and str(p).strip())

    needs[Levensgebied.WONEN] = join(intake.housing)
    if user is not None and user.can(Permission.HEALTH_VIEW):
        health = IntakeGezondheid.objects.for_user(user).filter(intake=intake).first()
        if health is not None:
            needs[Levensgebied.GEZONDHEID] = join(health.impact)
    needs[Levensgebied.FINANCIEN] = join(
        intake.finances,
        _("Schulden of betalingsachterstanden aanpakken.") if intake.has_debts else "",
    )
    needs[Levensgebied.LEREN_WERKEN] = join(
        intake.work_options,
        _("Wil een opleiding in het mbo, hbo of wo volgen.") if intake.wants_education else "",
    )
    needs[Levensgebied.SOCIAAL_NETWERK] = join(intake.social_network)
    if intake.dutch_level:
        needs[Levensgebied.TAAL] = _(
            "Nederlands leren volgens de leerroute; geschat niveau bij de intake: %(niveau)s."
        ) % {"niveau": intake.get_dutch_level_display()}
    return needs


def intake_takeover(person: Inburgeraar) -> dict[str, object]:
    """What a first PIP takes over from the brede intake (and a recorded ontzorging):
    bijstand, financiële ontzorging and the childcare precondition."""
    from regie.finance import services as finance_services
    from regie.intake import services as intake_services
    from regie.intake.models import Inkomensbron

    intake = intake_services.latest_intake(person)
    values: dict[str, object] = {}
    bijstand = intake is not None and intake.income_source == Inkomensbron.BIJSTAND
    ontzorging = finance_services.ontzorging_of(person) is not None
    if bijstand or ontzorging:
        values["bijstand"] = True
    if (bijstand or ontzorging) and person.rechtspositie.ontzorging:
        # Participatiewet art. 56a: the first six months of bijstand of an inburgeringsplichtige
        # under the Wi 2021 with an asylum permit for a fixed period are ontzorgd.
        values["financiele_ontzorging"] = True
    if intake is not None and intake.childcare_needed:
        values["randvoorwaarden"] = " ".join(
            part for part in (str(_("Kinderopvang nodig.")), intake.childcare_notes.strip()) if part
        )
    return values


def takeover_labels(person: Inburgeraar) -> list[str]:
    """What a first PIP took over from the intake, named for the klantmanager."""
    labels = {
        "bijstand": _("bijstand (Participatiewet)"),
        "financiele_ontzorging": _("financiële ontzorging (Participatiewet art. 56a)"),
        "randvoorwaarden": _("kinderopvang als randvoorwaarde"),
    }
    return [labels[name] for name in intake_takeover(person) if name in labels]


def goal_rows(person: Inburgeraar, versie: PIPVersie, goals: list[dict], user=None) -> list[dict]:
    """The initial goal rows of the concept form: the given goals, then one row for every
    levensgebied without a goal yet. A first PIP's rows carry the intake's needs as
    proposals; the rows of a later version start empty (the intake is old news)."""
    needs = intake_needs(person, user) if versie.nummer == 1 and versie.pk is None else {}
    present = {goal["levensgebied"] for goal in goals}
    if versie.pk is not None:
        present |= set(versie.doelen.values_list("levensgebied", flat=True))
    rows = list(goals)
    for gebied in Levensgebied:
        if gebied.value in present:
            continue
        rows.append(
            {
                "levensgebied": gebied.value,
                "omschrijving": needs.get(gebied.value, ""),
                "wie": str(GOAL_WHO[gebied]),
                "status": DoelStatus.OPEN,
            }
        )
    return rows


def concept_or_new(person: Inburgeraar) -> tuple[PIPVersie, list[dict]]:
    """The open concept of the person's PIP, or an UNSAVED new version prefilled from the
    version in force (or, for a first PIP, with what the brede intake recorded about
    bijstand, ontzorging and childcare), with the goals to prefill (for a new concept only)."""
    pip = pip_of(person) or PIP(inburgeraar=person)
    existing = concept_of(pip) if pip.pk else None
    if existing is not None:
        return existing, []
    current = current_versie(pip) if pip.pk else None
    versie = PIPVersie(pip=pip, nummer=(current.nummer + 1) if current else 1)
    goals: list[dict] = []
    if current is not None:
        for name in COPIED_FIELDS:
            setattr(versie, name, getattr(current, name))
        goals = [
            {name: getattr(goal, name) for name in GOAL_FIELDS}
            for goal in current.doelen.exclude(
                status__in=[DoelStatus.BEHAALD, DoelStatus.VERVALLEN]
            )
        ]
    else:
        for name, value in intake_takeover(person).items():
            setattr(versie, name, value)
    return versie, goals


@transaction.atomic
def save_concept(versie: PIPVersie, goals_formset, user, *, aanbieden: bool) -> PIPVersie:
    """Save a concept and its goals (from a validated form and formset). The last person
    who changed a concept counts as its drafter for the four-eyes rule."""
    person = versie.pip.inburgeraar
    if versie.pip.pk is None:
        versie.pip, _created = PIP.objects.get_or_create(inburgeraar=person)
    if versie.pk is None:
        # Numbered from the stored versions, under a lock on the PIP row.
        PIP.objects.select_for_update().filter(pk=versie.pip.pk).first()
        highest = versie.pip.versies.aggregate(n=Max("nummer"))["n"] or 0
        versie.nummer = highest + 1
    advice = route_advice(person)
    versie.advies_leerroute = advice.route.value if advice else ""
    versie.opgesteld_door = user
    versie.opgesteld_op = timezone.now()
    versie.aangeboden_op = timezone.now() if aanbieden else None
    versie.save()
    goals_formset.instance = versie
    goals_formset.save()
    return versie


def draft_version(
    person: Inburgeraar, reden: str, user, *, aanbieden: bool = False, extra_goals=()
) -> PIPVersie:
    """Draft the next PIP version for a decision that changes the PIP (a gegrond bezwaar,
    a granted afschaling): the open concept, or a new one prefilled from the version in
    force (fields and open goals, plus ``extra_goals`` as dicts of PIPDoel fields), with
    ``reden`` added to its wijzigingsreden. Vastgesteld later by a colleague (four eyes),
    it is a beschikking open to bezwaar like every version."""
    from regie.plans.forms import doel_formset

    versie, goals = concept_or_new(person)
    goals = [*goals, *extra_goals]
    if reden not in versie.wijzigingsreden:
        versie.wijzigingsreden = (f"{versie.wijzigingsreden}\n\n{reden}").strip()
    data = {
        "doelen-TOTAL_FORMS": str(len(goals)),
        "doelen-INITIAL_FORMS": "0",
        "doelen-MIN_NUM_FORMS": "0",
        "doelen-MAX_NUM_FORMS": "1000",
    }
    for index, goal in enumerate(goals):
        for name, value in goal.items():
            data[f"doelen-{index}-{name}"] = "" if value is None else str(value)
    formset = doel_formset(extra=0)(data, instance=versie, prefix="doelen")
    if not formset.is_valid():  # pragma: no cover - goals come from a vastgestelde version
        raise ValidationError(_("De doelen van het PIP konden niet worden overgenomen."))
    return save_concept(versie, formset, user, aanbieden=aanbieden)


# --- vaststelling ------------------------------------------------------------------------


SELFPAYER_NO_LESSONS = gettext_lazy(
    "Deze inburgeraar regelt en betaalt de leerroute zelf (Wet inburgering 2021 art. 19). "
    "De gemeente kiest dan geen aanbieder en stelt geen lesuren per week vast: laat die leeg."
)


NO_ONTZORGING = gettext_lazy(
    "Financiële ontzorging geldt alleen voor een inburgeringsplichtige onder de Wet "
    "inburgering 2021 met een asielvergunning voor bepaalde tijd (Participatiewet art. 56a)."
)


def pvt_too_short():
    return gettext_lazy(
        "Het PVT omvat ten minste %(uren)s uur (Besluit inburgering 2021 art. 3.1 lid 3)."
    ) % {"uren": PVT_MIN_UREN}


def onderdelen_that_apply(person: Inburgeraar) -> frozenset[Onderdeel]:
    """The parts of the inburgeringsplicht that still apply to the person (Wi art. 6 lid 1).
    All of them until DUO's ontheffing and vrijstelling decisions are recorded; that record
    will answer here, and every check below follows."""
    return ALLE_ONDERDELEN


def required_elements(versie: PIPVersie, person: Inburgeraar, onderdelen=None):
    """What this version must contain for this person (regie.rules.category.pip_vereisten);
    ``onderdelen`` are the parts that still apply (default: onderdelen_that_apply)."""
    if onderdelen is None:
        onderdelen = onderdelen_that_apply(person)
    return pip_vereisten(person.rechtspositie, versie.leerroute or None, onderdelen)


def present_elements(versie: PIPVersie) -> set[PIPElement]:
    """The Wi 15 elements this version fills in."""
    filled = {
        PIPElement.LEERROUTE: bool(versie.leerroute),
        PIPElement.ONDERSTEUNING: bool(versie.ondersteuning.strip()),
        PIPElement.PVT_INTENSITEIT: bool(versie.pvt_uren),
        PIPElement.MAP_INTENSITEIT: bool(versie.map_uren),
        PIPElement.LEERROUTE_INTENSITEIT: bool(versie.duur_maanden and versie.lesuren_per_week),
        PIPElement.AANBIEDER: versie.aanbieder_id is not None,
        PIPElement.VOORTGANGSGESPREKKEN: bool(versie.aantal_voortgangsgesprekken),
    }
    return {element for element, present in filled.items() if present}


def missing_elements(versie: PIPVersie, person: Inburgeraar, onderdelen=None):
    return missing_pip_elements(
        required_elements(versie, person, onderdelen), present_elements(versie)
    )


def art23_gronden(versie: PIPVersie, person: Inburgeraar) -> frozenset[Art23Grond]:
    """What an art. 23 fine could be about under this version: what the law allows for the
    person and the version actually sets (the letter warns of these only)."""
    onderdelen = onderdelen_that_apply(person)
    return art23_gronden_in_pip(
        person.rechtspositie,
        ondersteuning=bool(versie.ondersteuning.strip()),
        pvt=bool(versie.pvt_uren) and Onderdeel.PVT in onderdelen,
        map_=bool(versie.map_uren)
        and Onderdeel.MAP in onderdelen
        and versie.leerroute != Leerroute.ONDERWIJS,
        leerroute_intensiteit=bool(versie.lesuren_per_week)
        and Onderdeel.LEERROUTE in onderdelen,
    )


def vaststelling_problems(
    versie: PIPVersie, user, on: date, dagtekening_reden: str = ""
) -> list[str]:
    """Everything that stands in the way of vaststelling ``versie`` by ``user`` with
    dagtekening ``on``, as Dutch sentences; empty when it may be vastgesteld. A dagtekening
    before today needs ``dagtekening_reden`` (regie.rules.bekendmaking)."""
    person = versie.pip.inburgeraar
    problems: list[str] = []
    if versie.status != VersieStatus.CONCEPT:
        return [_("Deze versie is al vastgesteld.")]
    if not user.can(Permission.PIP_VASTSTELLEN):
        problems.append(_("U bent niet bevoegd een PIP vast te stellen."))
    if versie.opgesteld_door_id == user.pk:
        problems.append(
            _(
                "U hebt deze versie zelf opgesteld of als laatste gewijzigd. Een collega moet "
                "het PIP vaststellen (vier-ogenprincipe)."
            )
        )
    if refusal := draft_refusal(person):
        problems.append(refusal)
    problems.extend(dagtekening_errors(on, dagtekening_reden))
    vastgesteld = list(versie.pip.versies.vastgesteld().order_by("nummer"))
    first = not vastgesteld
    if first and person.status != Status.INTAKE:
        problems.append(
            _(
                "Het eerste PIP wordt vastgesteld na de brede intake. De inburgeraar heeft "
                "status '%(status)s'."
            )
            % {"status": person.get_status_display()}
        )
    if first and person.status == Status.INTAKE and not intake_completed(person):
        problems.append(_("De brede intake is nog niet afgerond."))
    if missing := missing_elements(versie, person):
        problems.append(str(translated(missing_message(missing))))
    if not versie.doelen.exists():
        problems.append(_("Neem minstens één doel op."))
    if person.rechtspositie.zelfbetaler and (versie.aanbieder_id or versie.lesuren_per_week):
        problems.append(str(SELFPAYER_NO_LESSONS))
    elif versie.aanbieder_id is not None and (
        not contracted_aanbieders(person).filter(pk=versie.aanbieder_id).exists()
    ):
        problems.append(
            _("%(org)s is geen aanbieder die voor de gemeente %(muni)s werkt.")
            % {"org": versie.aanbieder, "muni": person.municipality}
        )
    if versie.pvt_uren is not None and versie.pvt_uren < PVT_MIN_UREN:
        problems.append(str(pvt_too_short()))
    if not versie.voortgang_frequentie_weken:
        problems.append(_("Leg vast hoe vaak een voortgangsgesprek plaatsvindt."))
    if versie.financiele_ontzorging and not person.rechtspositie.ontzorging:
        problems.append(str(NO_ONTZORGING))
    if versie.bijstand and not versie.participatiewet.strip():
        problems.append(_("Beschrijf de onderdelen van de Participatiewet (bijstand)."))
    advice = route_advice(person)
    if not versie.route_toelichting.strip():
        if deviates_from_advice(versie.leerroute, advice):
            problems.append(deviation_message(advice))
        else:
            problems.append(_("Motiveer de gekozen leerroute."))
    if vastgesteld:
        previous = vastgesteld[-1]
        if on < previous.dagtekening:
            problems.append(
                _("De dagtekening ligt vóór die van de vorige versie (%(dag)s).")
                % {"dag": date_format(previous.dagtekening, "j F Y")}
            )
        if not versie.wijzigingsreden.strip():
            problems.append(_("Geef aan waarom het PIP wordt gewijzigd."))
        allowed, why = route_change_check(
            person,
            versie.pip,
            versie.leerroute,
            on,
            versie.bijzonder_geval,
            afwijking_beleidsregel=bool(versie.afwijking_beleidsregel.strip()),
        )
        if not allowed:
            problems.append(why)
    return problems


# Bookkeeping fields of a version and a goal: not what the colleague reviews. Every other
# concrete field is content and part of the fingerprint, so a field added later counts too.
_NOT_CONTENT = frozenset(
    {
        "id",
        "bekendgemaakt_op",
        "bekendmaking_wijze",
        "bekendmaking_door",
        "dagtekening_reden",
        "pip",
        "versie",
        "nummer",
        "status",
        "advies_leerroute",
        "opgesteld_door",
        "opgesteld_op",
        "aangeboden_op",
        "vastgesteld_door",
        "vastgesteld_op",
        "created_at",
        "updated_at",
    }
)


def _content(obj) -> dict[str, str]:
    return {
        field.attname: str(getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if field.name not in _NOT_CONTENT
    }


def fingerprint(versie: PIPVersie) -> str:
    """A hash of what a colleague reviews before vaststelling: route, aanbieder, duration,
    hours, the agreements, the goals with their texts, the dagtekening. The vaststellen form
    carries the fingerprint of the page the colleague opened; the vaststelling refuses when
    the concept changed since (four eyes tied to what was reviewed, issue 17)."""
    doelen = [_content(doel) for doel in PIPDoel.objects.filter(versie=versie).order_by("pk")]
    payload = json.dumps({"versie": _content(versie), "doelen": doelen}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


CHANGED_SINCE_OPENED = gettext_lazy(
    "Het PIP is gewijzigd nadat u het opende; bekijk de nieuwe inhoud en stel het dan vast."
)


@transaction.atomic
def vaststellen(
    versie: PIPVersie,
    user,
    on: date | None = None,
    *,
    reviewed: str | None = None,
    dagtekening_reden: str = "",
) -> PIPVersie:
    """Set the PIP: the version becomes a beschikking dated ``on`` (today by default), its
    PDF is made and stored, and the first vaststelling moves the person from intake to
    pip_vastgesteld. ``reviewed`` is the fingerprint of the version as the colleague saw it
    (the form always sends it); when the concept changed since, nothing is set. Raises
    ValidationError with Dutch messages when it may not."""
    on = on or timezone.localdate()
    PIP.objects.select_for_update().filter(pk=versie.pip_id).first()
    versie.refresh_from_db()
    if reviewed is not None and versie.is_concept and reviewed != fingerprint(versie):
        raise ValidationError([str(CHANGED_SINCE_OPENED)])
    problems = vaststelling_problems(versie, user, on, dagtekening_reden)
    if problems:
        raise ValidationError(problems)
    first = not versie.pip.versies.vastgesteld().exists()
    versie.status = VersieStatus.VASTGESTELD
    versie.dagtekening = on
    versie.dagtekening_reden = dagtekening_reden.strip() if on < timezone.localdate() else ""
    versie.vastgesteld_door = user
    versie.vastgesteld_op = timezone.now()
    versie.advies_leerroute = (
        advice.route.value if (advice := route_advice(versie.pip.inburgeraar)) else ""
    )
    versie.save()
    if versie.afwijking_beleidsregel.strip():
        # A deviation from a beleidsregel in a special case (Awb art. 4:84): the reason is
        # stored with the version; the event says which rule was set aside and by whom.
        from regie.core import audit
        from regie.core.models import AuditAction

        audit.log(
            AuditAction.UPDATE,
            obj=versie,
            inburgeraar_id=versie.pip.inburgeraar_id,
            description=(
                f"PIP versie {versie.nummer}: afwijking van lokaal beleid "
                "leerroute_wijzigingen_max (Awb art. 4:84)"
            ),
        )
    from regie.plans.documents import make_beschikking

    if first:
        # The termijn starts now, unless it was taken over after a move (Wi art. 11).
        start_na_eerste_pip(
            versie.pip.inburgeraar,
            on,
            _("PIP versie %(n)s, dagtekening %(dag)s")
            % {"n": versie.nummer, "dag": date_format(on, "j F Y")},
        )
    make_beschikking(versie)
    if first:
        change_status(
            versie.pip.inburgeraar,
            Status.PIP_VASTGESTELD,
            _("PIP vastgesteld, dagtekening %(dag)s.") % {"dag": date_format(on, "j F Y")},
        )
    return versie


# --- bekendmaking ------------------------------------------------------------------------


@transaction.atomic
def record_bekendmaking(versie: PIPVersie, user, op: date, wijze: str) -> PIPVersie:
    """Record that the beschikking of ``versie`` was sent or handed over on ``op`` in
    ``wijze`` (Awb art. 3:41): the bezwaartermijn runs from the day after (art. 6:8).
    Audit-logged; a bezwaar already registered against this version gets the date and
    its timeliness is checked again. Raises ValidationError with Dutch messages."""
    PIPVersie.objects.select_for_update().filter(pk=versie.pk).first()
    versie.refresh_from_db()
    if versie.status != VersieStatus.VASTGESTELD:
        raise ValidationError({"bekendgemaakt_op": [_("Een concept wordt niet verzonden.")]})
    core_bekendmaking.record(
        versie,
        op=op,
        wijze=wijze,
        dagtekening=versie.dagtekening,
        user=user,
        what=f"PIP versie {versie.nummer}",
    )
    from regie.enforcement import services as enforcement_services

    enforcement_services.besluit_bekendgemaakt(pip_versie=versie)
    return versie


def bezwaar_einde(versie: PIPVersie) -> date | None:
    """The last day for bezwaar against ``versie``: six weeks from the day after its
    bekendmaking (Awb art. 6:7-6:8, Atw); None while it has not been sent."""
    if versie.bekendgemaakt_op is None:
        return None
    return rules.bezwaartermijn_einde(versie.bekendgemaakt_op)


def beschikking_for(versie: PIPVersie):
    """The stored beschikking of a vastgestelde version (made now if it is missing, e.g.
    for versions imported without a document)."""
    from regie.plans.documents import make_beschikking
    from regie.plans.models import Beschikking

    found = Beschikking.objects.filter(versie=versie).first()
    return found or make_beschikking(versie)


# --- voortgangsgesprekken ----------------------------------------------------------------


def voortgang_due(dagtekening: date, last_held: date | None, frequentie_weken: int) -> date:
    """When the next voortgangsgesprek is due: the PIP's frequency counted from the last
    held gesprek, or from the dagtekening of the version in force when that is later (a
    new version restarts the rhythm)."""
    basis = max(d for d in (dagtekening, last_held) if d is not None)
    return basis + timedelta(weeks=frequentie_weken)


@dataclass(frozen=True)
class VoortgangStand:
    versie_nummer: int
    dagtekening: date
    frequentie_weken: int
    last_held: date | None
    gepland: date | None  # the earliest planned gesprek, if any
    due: date


@per_request
def voortgang_for(persons) -> dict[int, VoortgangStand]:
    """The voortgang of many persons at once (ids or a queryset of Inburgeraar), in two
    queries whatever their number. Persons without a vastgesteld PIP with a frequency are
    left out."""
    latest: dict[int, tuple[int, date, int]] = {}
    if isinstance(persons, QuerySet):
        rows = (
            PIPVersie.objects.filter(pip__inburgeraar__in=persons, status=VersieStatus.VASTGESTELD)
            .order_by("nummer")
            .values_list(
                "pip__inburgeraar_id", "nummer", "dagtekening", "voortgang_frequentie_weken"
            )
        )
    else:
        # A page of persons (a file: one): the rows the file's other sections read too.
        ids = tuple(p if isinstance(p, int) else p.pk for p in persons)
        rows = [
            (r.person_id, r.nummer, r.dagtekening, r.voortgang_frequentie_weken)
            for r in sorted(vastgestelde_versies(ids), key=lambda r: r.nummer)
        ]
    for person_id, nummer, dagtekening, weeks in rows:
        latest[person_id] = (nummer, dagtekening, weeks)
    if not latest:
        return {}
    held: dict[int, date] = {}
    planned: dict[int, date] = {}
    for person_id, status, last, first in (
        Voortgangsgesprek.objects.filter(
            # A queryset stays a subquery (no list of hundreds of ids to send back).
            # Persons whose file showed no voortgangsgesprek at all are not asked
            # (regie.core.presence; only known within the request of their file).
            pip__inburgeraar__in=persons
            if isinstance(persons, QuerySet)
            else [pid for pid in latest if has_rows(pid, "voortgangsgesprek")],
            status__in=[GesprekStatus.GEHOUDEN, GesprekStatus.GEPLAND],
        )
        .values_list("pip__inburgeraar_id", "status")
        .annotate(last=Max("datum"), first=Min("datum"))
        .order_by()
    ):
        if status == GesprekStatus.GEHOUDEN:
            held[person_id] = last
        else:
            planned[person_id] = first
    found = {}
    for person_id, (nummer, dagtekening, weeks) in latest.items():
        if not weeks or dagtekening is None:
            continue
        found[person_id] = VoortgangStand(
            versie_nummer=nummer,
            dagtekening=dagtekening,
            frequentie_weken=weeks,
            last_held=held.get(person_id),
            gepland=planned.get(person_id),
            due=voortgang_due(dagtekening, held.get(person_id), weeks),
        )
    return found


def voortgang_of(person: Inburgeraar) -> VoortgangStand | None:
    return voortgang_for([person.pk]).get(person.pk)


def gesprek_goals(pip: PIP) -> list[PIPDoel]:
    """The goals discussed in a voortgangsgesprek: those of the version in force."""
    current = current_versie(pip)
    return list(current.doelen.all()) if current else []


@transaction.atomic
def save_gesprek(
    gesprek: Voortgangsgesprek,
    progress: list[tuple[PIPDoel, str, str]],
    user,
    volgend_gesprek: date | None = None,
) -> Voortgangsgesprek:
    """Record a gesprek with the progress per goal (goal, new status, toelichting); a held
    gesprek updates the goals' status and may plan the next one."""
    from regie.plans.models import DoelVoortgang

    gesprek.vastgelegd_door = user
    gesprek.save()
    if gesprek.status == GesprekStatus.GEHOUDEN:
        for doel, status, toelichting in progress:
            if not status:
                continue
            DoelVoortgang.objects.update_or_create(
                gesprek=gesprek, doel=doel, defaults={"status": status, "toelichting": toelichting}
            )
            if doel.status != status:
                doel.status = status
                doel.save()
        if (
            volgend_gesprek
            and not gesprek.pip.gesprekken.filter(
                status=GesprekStatus.GEPLAND, datum__gt=gesprek.datum
            ).exists()
        ):
            Voortgangsgesprek.objects.create(
                pip=gesprek.pip,
                status=GesprekStatus.GEPLAND,
                datum=volgend_gesprek,
                vastgelegd_door=user,
            )
    return gesprek
