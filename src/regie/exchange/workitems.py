"""Signals in the werkvoorraad and the section on a person's file.

For the klantmanager: attendance below the municipality's threshold (local figure
aanwezigheid_signaal_procent), exam results of the last 30 days, afschaalverzoeken to
decide and rejected referrals. For the aanbieder: referrals to answer. Each provider does
a constant number of queries whatever the caseload (one per municipality for the
threshold)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.access import caseload_q, compiled_query
from regie.core.extensions import (
    PersonSection,
    WorkItem,
    WorkSection,
    person_section,
    werkvoorraad_provider,
)
from regie.core.formatting import datum, getal, leerroute_label, maand
from regie.core.presence import has_rows, person_presence
from regie.core.roles import Permission, Role
from regie.core.urlfmt import reverse_row
from regie.exchange import services
from regie.exchange.models import (
    AfschaalStatus,
    Afschaalverzoek,
    BrpSignaal,
    BrpSignaalSoort,
    BrpSignaalStatus,
    DuoMelding,
    DuoMeldingStatus,
    Examenresultaat,
)
from regie.people.models import Inburgeraar, Verwijzing, VerwijzingStatus
from regie.people.services import referrals_for

RECENT_DAYS = 30
MAX_ITEMS = 100

# Tables of the file that are often empty for a person (regie.core.presence).
person_presence("lesuren", "exchange.Lesuren")


def _taal_url(person_id: int) -> str:
    return reverse_row("person_taal", person_id)


def attendance_items(user, today: date) -> list[WorkItem]:
    persons = (
        Inburgeraar.objects.for_user(user)
        .filter(caseload_q(user))
        .filter(
            pk__in=Verwijzing.objects.filter(status=VerwijzingStatus.GEACCEPTEERD).values(
                "inburgeraar_id"
            )
        )
        .select_related("municipality")
        .only("pk", "first_name", "last_name", "municipality")
    )
    items = []
    for person, stand, limit in services.below_threshold(persons, today, limit=2000):
        items.append(
            WorkItem(
                person,
                _("Aanwezigheid %(p)s%% in %(maand)s (signaal onder %(d)s%%)")
                % {"p": stand.procent, "maand": maand(stand.maand), "d": limit},
                None,
                _taal_url(person.pk),
            )
        )
    return items[:MAX_ITEMS]


def _caseload_rows(model, user, *order: str, **filters):
    """The rows of ``model`` about the user's (team's) caseload that match ``filters``,
    with their person, in ``order``: the first MAX_ITEMS."""
    return (
        model.objects.for_user(user)
        .filter(caseload_q(user, "inburgeraar__"), **filters)
        .select_related("inburgeraar")
        .order_by(*order)[:MAX_ITEMS]
    )


@compiled_query
def _recent_examens(user, since: date):
    return _caseload_rows(Examenresultaat, user, "-datum", created_at__date__gte=since)


@compiled_query
def _afschaalverzoeken(user):
    return _caseload_rows(Afschaalverzoek, user, "created_at", status=AfschaalStatus.INGEDIEND)


@compiled_query
def _afschalingen_zonder_pip(user):
    """A granted afschaling changes the PIP (Besluit 5.3 lid 6): until a new version is
    vastgesteld after the decision."""
    return (
        services.afschalingen_zonder_pip(
            Afschaalverzoek.objects.for_user(user).filter(caseload_q(user, "inburgeraar__"))
        )
        .select_related("inburgeraar")
        .order_by("besloten_op")[:MAX_ITEMS]
    )


@compiled_query
def _afschalingen_onverzonden(user):
    """A decided afschalingsbesluit not yet recorded as sent: its bezwaartermijn has not
    started (Awb art. 6:8)."""
    return _caseload_rows(
        Afschaalverzoek,
        user,
        "besloten_op",
        status__in=[AfschaalStatus.TOEGEKEND, AfschaalStatus.AFGEWEZEN],
        bekendgemaakt_op__isnull=True,
    )


@compiled_query
def _recent_afgewezen(user, since: date):
    return (
        Verwijzing.objects.for_user(user)
        .filter(
            caseload_q(user, "inburgeraar__"),
            status=VerwijzingStatus.AFGEWEZEN,
            beantwoord_op__date__gte=since,
        )
        .select_related("inburgeraar", "aanbieder")[:MAX_ITEMS]
    )


@werkvoorraad_provider
def klantmanager_taal_work(user, today: date):
    if not user.has_role(Role.KLANTMANAGER):
        return []
    since = today - timedelta(days=RECENT_DAYS)
    examens = _recent_examens(user, since)
    verzoeken = _afschaalverzoeken(user)
    pip_aanpassen = _afschalingen_zonder_pip(user)
    onverzonden = _afschalingen_onverzonden(user)
    afgewezen = _recent_afgewezen(user, since)
    return [
        WorkSection(
            "aanwezigheid",
            _("Aanwezigheid bij de taalaanbieder onder de drempel"),
            attendance_items(user, today),
            _("Geen signalen over aanwezigheid."),
            order=40,
        ),
        WorkSection(
            "examens",
            _("Examenresultaten van de laatste 30 dagen"),
            [
                WorkItem(
                    e.inburgeraar,
                    _("%(onderdeel)s %(niveau)s: %(uitslag)s")
                    % {
                        "onderdeel": e.get_onderdeel_display(),
                        "niveau": e.niveau,
                        "uitslag": e.get_uitslag_display(),
                    },
                    None,
                    _taal_url(e.inburgeraar_id),
                )
                for e in examens
            ],
            _("Geen nieuwe examenresultaten."),
            order=41,
        ),
        WorkSection(
            "afschalen",
            _("Afschaalverzoeken naar A2 om te beoordelen"),
            [
                WorkItem(
                    v.inburgeraar,
                    _("Afschalen %(onderdeel)s naar A2 (%(uren)s lesuren)")
                    % {
                        "onderdeel": v.get_onderdeel_display(),
                        "uren": getal(v.lesuren_bij_indienen),
                    },
                    None,
                    _taal_url(v.inburgeraar_id),
                )
                for v in verzoeken
            ]
            + [
                WorkItem(
                    v.inburgeraar,
                    _(
                        "Besluit afschalen %(onderdeel)s (%(dag)s): verzending of uitreiking "
                        "vastleggen"
                    )
                    % {
                        "onderdeel": v.get_onderdeel_display().lower(),
                        "dag": datum(v.dagtekening),
                    },
                    None,
                    _taal_url(v.inburgeraar_id),
                )
                for v in onverzonden
            ]
            + [
                WorkItem(
                    v.inburgeraar,
                    _("Verwijzing afgewezen door %(org)s: verwijs opnieuw") % {"org": v.aanbieder},
                    None,
                    _taal_url(v.inburgeraar_id),
                )
                for v in afgewezen
            ],
            _("Geen afschaalverzoeken of afgewezen verwijzingen."),
            order=42,
        ),
        WorkSection(
            "pip_na_afschaling",
            _("PIP aanpassen na afschaling"),
            [
                WorkItem(
                    v.inburgeraar,
                    _(
                        "PIP aanpassen na afschaling: %(onderdeel)s naar A2, toegekend op "
                        "%(dag)s (Besluit inburgering 2021 art. 5.3 lid 6)"
                    )
                    % {
                        "onderdeel": v.get_onderdeel_display().lower(),
                        "dag": datum(timezone.localdate(v.besloten_op)),
                    },
                    None,
                    reverse_row("pip_overview", v.inburgeraar_id),
                )
                for v in pip_aanpassen
            ],
            _("Geen PIP's om aan te passen na een afschaling."),
            order=43,
        ),
    ]


@compiled_query
def _te_melden(user):
    return (
        DuoMelding.objects.for_user(user)
        .filter(caseload_q(user, "inburgeraar__"), status=DuoMeldingStatus.TE_MELDEN)
        .select_related("inburgeraar")
        .order_by("inburgeraar_id", "datum", "id")[: MAX_ITEMS * 10]
    )


@werkvoorraad_provider
def duo_melden_work(user, today: date):
    """'Melden aan DUO': per person of the caseload, the facts still te_melden (Besluit
    inburgering 2021 art. 9.2 lid 2, 9.3 lid 2); one query. A fact leaves once it is
    reported (export or by hand) and confirmed facts never come back."""
    if not user.has_role(Role.KLANTMANAGER):
        return []
    rows = _te_melden(user)
    per_person: dict[int, list[DuoMelding]] = {}
    for melding in rows:
        per_person.setdefault(melding.inburgeraar_id, []).append(melding)
    url = reverse("duo_melden")
    items = [
        WorkItem(
            facts[0].inburgeraar,
            _("Te melden aan DUO: %(feiten)s")
            % {"feiten": ", ".join(dict.fromkeys(m.get_soort_display() for m in facts))},
            None,
            url,
        )
        for facts in per_person.values()
    ][:MAX_ITEMS]
    return [
        WorkSection(
            "duo_melden",
            _("Melden aan DUO"),
            items,
            _("Geen feiten te melden aan DUO."),
            order=43,
        )
    ]


@compiled_query
def _verwijzingen_aangevraagd(user):
    return (
        Verwijzing.objects.for_user(user)
        .filter(status=VerwijzingStatus.AANGEVRAAGD)
        .select_related("inburgeraar")
        .order_by("created_at")[:MAX_ITEMS]
    )


@werkvoorraad_provider
def aanbieder_work(user, today: date):
    if not user.has_role(Role.AANBIEDER):
        return []
    pending = _verwijzingen_aangevraagd(user)
    return [
        WorkSection(
            "verwijzingen_open",
            _("Verwijzingen om te beantwoorden"),
            [
                WorkItem(
                    v.inburgeraar,
                    _("Accepteren of afwijzen (%(route)s)")
                    % {"route": leerroute_label(v.leerroute)},
                    None,
                    reverse_row("portal_verwijzing", v.pk),
                )
                for v in pending
            ],
            _("Er wachten geen verwijzingen."),
            order=10,
        )
    ]


@person_section
def taal_section(request, person):
    user = request.user
    if not user.can(Permission.VERWIJZING_MANAGE):
        return None
    verwijzingen = referrals_for(person, user)
    return PersonSection(
        "exchange/_section.html",
        {
            "person": person,
            "verwijzingen": verwijzingen,
            "nt2_lesuren": services.nt2_lesuren(person.pk)
            if has_rows(person, "lesuren")
            else Decimal(0),
        },
        order=45,
    )


@compiled_query
def _open_brp_signalen(user):
    return _caseload_rows(BrpSignaal, user, "gevonden_op", "pk", status=BrpSignaalStatus.OPEN)


@werkvoorraad_provider
def klantmanager_brp_work(user, today: date):
    """What the BRP check found (regie brp-check, docs/brp.md): a move out of the
    municipality leads to the overdracht, a death and a new address to the file."""
    if not user.has_role(Role.KLANTMANAGER):
        return []
    signalen = _open_brp_signalen(user)
    return [
        WorkSection(
            "brp",
            _("Signalen uit de BRP"),
            [
                WorkItem(
                    s.inburgeraar,
                    s.omschrijving,
                    None,
                    _taal_url(s.inburgeraar_id)
                    + ("#overdracht" if s.soort == BrpSignaalSoort.VERHUISD else "#brp-signalen"),
                )
                for s in signalen
            ],
            _("Geen signalen uit de BRP."),
            order=39,
        )
    ]
