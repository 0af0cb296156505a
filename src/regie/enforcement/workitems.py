"""Handhaving and bezwaar in shared pages: the werkvoorraad of the klantmanager (signals
to handle, warning terms running out, fines to make known or collect, bezwaren to prepare)
and of the jurist (bezwaren awaiting a decision, hearings, beroepen), the next deadline in
the caseload list, and the section on the person's file with every running term. Each
provider does a constant number of queries whatever the caseload."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regie.core.access import caseload_q, compiled_query
from regie.core.extensions import (
    Deadline,
    PersonSection,
    WorkItem,
    WorkSection,
    deadline_provider,
    person_section,
    werkvoorraad_provider,
)
from regie.core.presence import has_rows, only_if_present, person_presence
from regie.core.roles import Permission
from regie.core.urlfmt import reverse_row
from regie.enforcement import services
from regie.enforcement.models import Beroep, Bezwaar, Handhavingszaak, Signaalbron
from regie.enforcement.states import (
    BEROEP_OPEN,
    BEZWAAR_OPEN,
    HANDHAVING_OPEN,
    BezwaarState,
    HandhavingState,
    HoorzittingState,
)
from regie.rules.lifecycle import Status

# What services.beslistermijn reads of a bezwaar (suspensions, postponements with consent).
TERM_PREFETCH = ("opschortingen", "uitstellen")

# Terms ending within this many days (and every overdue one) are shown.
DUE_WINDOW_DAYS = 14
MAX_ITEMS = 200

# Tables of the file that are often empty for a person (regie.core.presence).
person_presence("handhaving", "enforcement.Handhavingszaak")
person_presence("bezwaar", "enforcement.Bezwaar")


def _hh_url(zaak) -> str:
    return reverse_row("handhaving_detail", zaak.inburgeraar_id, zaak.pk)


def _bz_url(bezwaar) -> str:
    return reverse_row("bezwaar_detail", bezwaar.inburgeraar_id, bezwaar.pk)


def _open_bezwaren(user, stages=BEZWAAR_OPEN, hearings: bool = False):
    return _open_bezwaren_query(user, frozenset(stages), hearings)


@compiled_query
def _open_bezwaren_query(user, stages: frozenset, hearings: bool):
    queryset = (
        Bezwaar.objects.for_user(user)
        .filter(stage__in=sorted(s.value for s in stages))
        .select_related("inburgeraar")
        .prefetch_related(*TERM_PREFETCH)
        .order_by("ontvangen_op", "id")
    )
    if hearings:
        queryset = queryset.prefetch_related("hoorzittingen")
    return queryset[:MAX_ITEMS]


def team_cases(user) -> list[Handhavingszaak]:
    """The cases of the user's (team's) caseload that still need work or have a running
    term, in one query."""
    return list(_team_cases(user))


@compiled_query
def _team_cases(user):
    return (
        Handhavingszaak.objects.for_user(user)
        .filter(caseload_q(user, "inburgeraar__"))
        .filter(
            stage__in=[
                HandhavingState.SIGNAAL,
                HandhavingState.WAARSCHUWING,
                HandhavingState.BOETEBESLUIT,
                HandhavingState.BEKENDGEMAAKT,
                HandhavingState.BETAALD,
            ]
        )
        # After DUO's full ontheffing (status ontheffing) the obligation has ended: a signal
        # or a warning term leads nowhere. A fine already imposed keeps its terms.
        .exclude(
            inburgeraar__status=Status.ONTHEFFING,
            stage__in=[HandhavingState.SIGNAAL, HandhavingState.WAARSCHUWING],
        )
        .select_related("inburgeraar", "boeterapport")
        .order_by("signaal_op", "id")[:MAX_ITEMS]
    )


def signals(user, cases: list[Handhavingszaak]) -> list[WorkItem]:
    """Open signals, and toets no-shows (from regie.intake) without an open case."""
    from regie.intake.workitems import toets_no_shows_to_invite

    items = [
        WorkItem(
            z.inburgeraar,
            _("Signaal: %(bron)s") % {"bron": z.get_bron_display()},
            None,
            _hh_url(z),
        )
        for z in cases
        if z.stage == HandhavingState.SIGNAAL
    ]
    with_case = {
        z.inburgeraar_id
        for z in cases
        if z.bron == Signaalbron.TOETS_NIET_VERSCHENEN and z.stage in HANDHAVING_OPEN
    }
    items += [
        WorkItem(
            person,
            _("Niet verschenen bij de leerbaarheidstoets: handhaving overwegen"),
            None,
            reverse_row("handhaving_create", person.pk),
        )
        for person in toets_no_shows_to_invite(user)
        if person.pk not in with_case
    ]
    return items


def running_terms(cases: list[Handhavingszaak], today: date) -> list[WorkItem]:
    """Warning terms running out, fines to make known, payments due, further terms."""
    horizon = today + timedelta(days=DUE_WINDOW_DAYS)
    items = []
    # A boetebesluit the voorzieningenrechter suspended has no follow-up (Awb art. 8:81).
    suspended = services.suspended_case_ids(
        [z.pk for z in cases if z.stage == HandhavingState.BEKENDGEMAAKT], today
    )
    for zaak in cases:
        if zaak.pk in suspended:
            items.append(
                WorkItem(
                    zaak.inburgeraar,
                    _("Boete geschorst door de voorzieningenrechter: geen betaling of aanmaning"),
                    None,
                    _hh_url(zaak),
                )
            )
            continue
        if zaak.stage == HandhavingState.BOETEBESLUIT:
            items.append(
                WorkItem(
                    zaak.inburgeraar,
                    _("Boetebesluit versturen en bekendmaking vastleggen"),
                    zaak.boetebesluit_op,
                    _hh_url(zaak),
                )
            )
            continue
        # The procedure before an art. 23 fine (Awb 5:53): once the zienswijze is in or its
        # term passed, the case waits for the boetebesluit and is shown until it is taken.
        wacht_op_besluit = (
            services.procedure_deadlines(zaak) if services.klaar_voor_besluit(zaak, today) else []
        )
        for what, due in services.handhaving_deadlines(zaak):
            binnenkort = due <= horizon and (zaak.stage != HandhavingState.BETAALD or due >= today)
            if binnenkort or (what, due) in wacht_op_besluit:
                items.append(WorkItem(zaak.inburgeraar, what, due, _hh_url(zaak)))
    items.sort(key=lambda item: (item.due is None, item.due or today))
    return items


def to_prepare(user, today: date) -> list[WorkItem]:
    items = [
        WorkItem(
            b.inburgeraar,
            _("Bezwaar %(kenmerk)s: advies opstellen") % {"kenmerk": b.kenmerk},
            services.advies_uiterlijk(b),
            _bz_url(b),
        )
        for b in _open_bezwaren(user, stages={BezwaarState.ONTVANGEN})
    ]
    items.sort(key=lambda item: item.due)
    return items


def to_decide(user, today: date) -> tuple[list[WorkItem], list[WorkItem]]:
    """(bezwaren awaiting the jurist's decision or still with the uitvoerder, with their
    beslistermijn; planned hearings)."""
    decide, hearings = [], []
    for b in _open_bezwaren(user, hearings=True):
        termijn = services.beslistermijn(b)
        if b.stage == BezwaarState.TER_BESLISSING:
            what = _("Bezwaar %(kenmerk)s: beslissen (advies: %(advies)s)") % {
                "kenmerk": b.kenmerk,
                "advies": b.get_advies_uitkomst_display(),
            }
        else:
            what = _("Bezwaar %(kenmerk)s: wacht op advies van de uitvoerder") % {
                "kenmerk": b.kenmerk
            }
        decide.append(WorkItem(b.inburgeraar, what, termijn, _bz_url(b)))
        for h in b.hoorzittingen.all():
            if h.stage == HoorzittingState.GEPLAND:
                what = (
                    _("Hoorzitting %(kenmerk)s")
                    if h.datum >= today
                    else _("Verslag hoorzitting %(kenmerk)s")
                ) % {"kenmerk": b.kenmerk}
                hearings.append(WorkItem(b.inburgeraar, what, h.datum, _bz_url(b)))
    decide.sort(key=lambda item: item.due)
    hearings.sort(key=lambda item: item.due)
    return decide, hearings


def beroepen(user, today: date) -> list[WorkItem]:
    items = []
    for beroep in (
        Beroep.objects.for_user(user)
        .filter(stage__in=[s.value for s in BEROEP_OPEN])
        .select_related("bezwaar__inburgeraar")
        .order_by("ingesteld_op", "id")[:MAX_ITEMS]
    ):
        deadlines = services.beroep_deadlines(beroep)
        due = min((d for _w, d in deadlines), default=None)
        what = _("%(inst)s %(nr)s: %(stand)s") % {
            "inst": beroep.get_instantie_display(),
            "nr": beroep.zaaknummer,
            "stand": beroep.get_stage_display(),
        }
        items.append(WorkItem(beroep.bezwaar.inburgeraar, what, due, _bz_url(beroep.bezwaar)))
    items.sort(key=lambda item: (item.due is None, item.due or today))
    return items


@werkvoorraad_provider
def enforcement_work(user, today: date):
    sections = []
    if user.can(Permission.HANDHAVING_CHANGE):
        cases = team_cases(user)
        sections.append(
            WorkSection(
                "handhaving_signalen",
                _("Handhaving: signalen"),
                signals(user, cases),
                _("Geen signalen die op handhaving wachten."),
                order=40,
            )
        )
        sections.append(
            WorkSection(
                "handhaving_termijnen",
                _("Handhaving: termijnen binnen 14 dagen of te laat"),
                running_terms(cases, today),
                _("Geen handhavingstermijnen die binnen 14 dagen aflopen."),
                order=41,
            )
        )
    if user.can(Permission.BEZWAAR_PREPARE):
        sections.append(
            WorkSection(
                "bezwaar_voorbereiden",
                _("Bezwaren voorbereiden (advies)"),
                to_prepare(user, today),
                _("Geen bezwaren die op uw advies wachten."),
                order=42,
            )
        )
    if user.can(Permission.BEZWAAR_DECIDE):
        decide, hearings = to_decide(user, today)
        sections += [
            WorkSection(
                "bezwaar_beslissen",
                _("Bezwaren en beslistermijnen"),
                decide,
                _("Geen openstaande bezwaren."),
                order=10,
            ),
            WorkSection(
                "bezwaar_hoorzittingen",
                _("Hoorzittingen"),
                hearings,
                _("Geen geplande hoorzittingen."),
                order=11,
            ),
            WorkSection(
                "beroepen",
                _("Beroep en hoger beroep"),
                beroepen(user, today),
                _("Geen lopende beroepen."),
                order=12,
            ),
            WorkSection(
                "bezwaar_procedure",
                _("Bezwaar: herstel, dwangsom en voorlopige voorziening"),
                procedure_items(user, today),
                _("Geen lopend herstelverzoek, dwangsom of voorlopige voorziening."),
                order=13,
            ),
        ]
    if user.can(Permission.FIGURES_VIEW):
        sections.append(
            WorkSection(
                "dwangsommen",
                _("Dwangsommen: te laat beslist op bezwaar (Awb art. 4:17)"),
                dwangsom_figures(user, today),
                _("Geen dwangsom die loopt of nog moet worden vastgesteld."),
                order=14,
            )
        )
    return sections


def procedure_items(user, today: date) -> list[WorkItem]:
    """For the jurist: running hersteltermijnen (Awb 6:6, 7:10 lid 2), dwangsommen running
    or to be set (4:17-4:18), voorlopige voorzieningen awaiting the judge (8:81). Three
    queries whatever the caseload."""
    from regie.enforcement.bezwaar_models import (
        Ingebrekestelling,
        Opschorting,
        VoorlopigeVoorziening,
    )
    from regie.enforcement.bezwaar_states import (
        IngebrekestellingState,
        OpschortingState,
        VoorzieningState,
    )

    items = []
    for o in (
        Opschorting.objects.for_user(user)
        .filter(stage=OpschortingState.LOOPT)
        .select_related("bezwaar__inburgeraar")[:MAX_ITEMS]
    ):
        b = o.bezwaar
        items.append(
            WorkItem(
                b.inburgeraar,
                _("Bezwaar %(kenmerk)s: hersteltermijn loopt (beslistermijn staat stil)")
                % {"kenmerk": b.kenmerk},
                o.hersteltermijn_einde,
                _bz_url(b),
            )
        )
    for ing in (
        Ingebrekestelling.objects.for_user(user)
        .filter(stage=IngebrekestellingState.ONTVANGEN)
        .select_related("bezwaar__inburgeraar")[:MAX_ITEMS]
    ):
        b = ing.bezwaar
        d = services.dwangsom_van(ing, today)
        if d.loopt:
            what = _(
                "Bezwaar %(kenmerk)s: dwangsom loopt, %(bedrag)s na %(n)s dagen; beslis en "
                "verzend de beslissing"
            ) % {"kenmerk": b.kenmerk, "bedrag": services.euro(d.bedrag), "n": d.dagen}
            due = max(today, d.eerste_dag) if d.dagen == 0 else today
        else:
            what = _("Bezwaar %(kenmerk)s: dwangsom van %(bedrag)s vaststellen (Awb art. 4:18)") % {
                "kenmerk": b.kenmerk,
                "bedrag": services.euro(d.bedrag),
            }
            due = d.vaststellen_uiterlijk or today
        items.append(WorkItem(b.inburgeraar, what, due, _bz_url(b)))
    for vv in (
        VoorlopigeVoorziening.objects.for_user(user)
        .filter(stage=VoorzieningState.VERZOCHT)
        .select_related("bezwaar__inburgeraar")[:MAX_ITEMS]
    ):
        b = vv.bezwaar
        items.append(
            WorkItem(
                b.inburgeraar,
                _("Bezwaar %(kenmerk)s: voorlopige voorziening verzocht, uitspraak afwachten")
                % {"kenmerk": b.kenmerk},
                None,
                _bz_url(b),
            )
        )
    items.sort(key=lambda item: (item.due is None, item.due or today))
    return items


class _Gemeente:
    """Stands in for a person in a werkvoorraad row of figures (no person is shown)."""

    def __init__(self, name: str):
        self.full_name = name


def dwangsom_figures(user, today: date) -> list[WorkItem]:
    """For the regisseur: per municipality the dwangsommen that run or must still be set
    (Awb art. 4:17-4:18), as amounts only: no persons (one query)."""
    from regie.core.access import served_municipality_ids
    from regie.enforcement.bezwaar_models import Ingebrekestelling
    from regie.enforcement.bezwaar_states import IngebrekestellingState

    per_muni: dict[str, list] = {}
    for ing in (
        Ingebrekestelling.objects.filter(
            stage=IngebrekestellingState.ONTVANGEN,
            bezwaar__inburgeraar__municipality_id__in=served_municipality_ids(user),
        )
        .select_related("bezwaar__inburgeraar__municipality")
        .order_by("ontvangen_op", "id")[:MAX_ITEMS]
    ):
        per_muni.setdefault(ing.bezwaar.inburgeraar.municipality.name, []).append(
            services.dwangsom_van(ing, today)
        )
    url = reverse("handhaving_figures")
    items = []
    for name, sommen in sorted(per_muni.items()):
        totaal = sum((d.bedrag for d in sommen), start=type(sommen[0].bedrag)(0))
        lopend = sum(1 for d in sommen if d.loopt)
        due = min(
            (d.vaststellen_uiterlijk for d in sommen if d.vaststellen_uiterlijk), default=None
        )
        what = ngettext(
            "%(n)s dwangsom, waarvan %(lopend)s lopend: %(bedrag)s verbeurd tot vandaag",
            "%(n)s dwangsommen, waarvan %(lopend)s lopend: %(bedrag)s verbeurd tot vandaag",
            len(sommen),
        ) % {"n": len(sommen), "lopend": lopend, "bedrag": services.euro(totaal)}
        items.append(WorkItem(_Gemeente(name), what, due, url))
    return items


@deadline_provider
def enforcement_deadlines(user, persons: list) -> dict[int, list[Deadline]]:
    """Running handhaving terms and beslistermijnen of the persons on a page (2 queries),
    each only for the roles that may see handhaving or bezwaar."""
    ids = [p.pk for p in persons]
    if not ids:
        return {}
    found: dict[int, list[Deadline]] = {}
    zaken = Handhavingszaak.objects.none()
    # Persons loaded with their file's presence columns and no zaak (or bezwaar) at all
    # need no query (regie.core.presence); everyone else is asked as before.
    zaak_ids = [p.pk for p in persons if has_rows(p, "handhaving")]
    if user.can(Permission.HANDHAVING_VIEW) and zaak_ids:
        zaken = Handhavingszaak.objects.filter(
            inburgeraar__in=zaak_ids, stage__in=[s.value for s in HANDHAVING_OPEN]
        ).select_related("boeterapport")
    zaken = list(zaken)
    suspended = services.suspended_case_ids([z.pk for z in zaken], timezone.localdate())
    for zaak in zaken:
        if zaak.pk in suspended:
            continue
        for what, due in services.handhaving_deadlines(zaak):
            found.setdefault(zaak.inburgeraar_id, []).append(Deadline(what, due))
    bezwaren = Bezwaar.objects.none()
    bezwaar_ids = [p.pk for p in persons if has_rows(p, "bezwaar")]
    if user.can(Permission.BEZWAAR_VIEW) and bezwaar_ids:
        bezwaren = Bezwaar.objects.filter(
            inburgeraar__in=bezwaar_ids, stage__in=[s.value for s in BEZWAAR_OPEN]
        ).prefetch_related(*TERM_PREFETCH)
    for bezwaar in bezwaren:
        found.setdefault(bezwaar.inburgeraar_id, []).append(
            Deadline(_("Beslissing op bezwaar"), services.beslistermijn(bezwaar))
        )
    return found


@person_section
def enforcement_section(request, person) -> PersonSection | None:
    user = request.user
    sees_hh = user.can(Permission.HANDHAVING_VIEW)
    sees_bz = user.can(Permission.BEZWAAR_VIEW)
    if not (sees_hh or sees_bz):
        return None
    zaken = (
        list(
            only_if_present(
                Handhavingszaak.objects.for_user(user).filter(inburgeraar=person),
                person,
                "handhaving",
            ).select_related("boeterapport")
        )
        if sees_hh
        else []
    )
    bezwaren = (
        list(
            only_if_present(
                Bezwaar.objects.for_user(user).filter(inburgeraar=person), person, "bezwaar"
            )
            .select_related("pip_versie", "handhaving")
            .prefetch_related("hoorzittingen", "beroepen__hoger_beroepen", *TERM_PREFETCH)
        )
        if sees_bz
        else []
    )
    today = timezone.localdate()
    terms = []
    suspended = services.suspended_case_ids([z.pk for z in zaken], today)
    for zaak in zaken:
        if zaak.pk in suspended:
            continue
        terms += [
            (due, what, zaak.kenmerk, _hh_url(zaak))
            for what, due in services.handhaving_deadlines(zaak)
        ]
    for bezwaar in bezwaren:
        terms += [
            (due, what, bezwaar.kenmerk, _bz_url(bezwaar))
            for what, due in services.bezwaar_deadlines(bezwaar)
        ]
    terms.sort()
    if zaken or bezwaren:
        audit_log_read(person)
    return PersonSection(
        "enforcement/_section.html",
        {
            "person": person,
            "zaken": zaken,
            "bezwaren": [(b, services.beslistermijn(b)) for b in bezwaren],
            "terms": terms,
            "today": today,
            "soon": today + timedelta(days=DUE_WINDOW_DAYS),
            "can_open": user.can(Permission.HANDHAVING_CHANGE)
            and not services.open_refusal(person),
            "can_register": user.can(Permission.BEZWAAR_PREPARE),
            "sees_hh": sees_hh,
            "sees_bz": sees_bz,
        },
        order=60,
    )


def audit_log_read(person) -> None:
    from regie.core import audit

    audit.log_read(person, person.pk, "handhaving en bezwaar (dossier)")
