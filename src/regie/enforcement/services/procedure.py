"""The bezwaar procedure beyond the decision (issue 19 item 7): suspension while an
omission is repaired (Awb 7:10 lid 2), further postponement with consent (lid 4) and the
written notices (lid 5), the advisory commission (7:13), who heard the indiener (7:5), the
ingebrekestelling and its dwangsom (4:17-4:18) and the voorlopige voorziening (8:81) with
:func:`decision_suspended`, which every follow-up of a decision asks.

Part of :mod:`regie.enforcement.services`; import it from there."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from regie.enforcement.bezwaar_models import (
    Commissie,
    Hoorder,
    Ingebrekestelling,
    Opschorting,
    Uitstel,
    VoorlopigeVoorziening,
)
from regie.enforcement.bezwaar_states import (
    COMMISSIE_TRANSITIONS,
    INGEBREKESTELLING_TRANSITIONS,
    OPSCHORTING_TRANSITIONS,
    VOORZIENING_TRANSITIONS,
    CommissieState,
    IngebrekestellingState,
    OpschortingState,
    VoorzieningState,
)
from regie.enforcement.models import Bezwaar, BriefSoort, Handhavingszaak, Hoorzitting
from regie.enforcement.services.common import _d, _not_future, _raise, _today
from regie.enforcement.states import BEZWAAR_OPEN, BezwaarState, can_transition
from regie.rules import bezwaar as rb


def _open(bezwaar: Bezwaar) -> None:
    if bezwaar.stage not in BEZWAAR_OPEN:
        raise ValidationError(_("Op dit bezwaar is al beslist."))


def _step(table, current, new) -> None:
    if not can_transition(table, current, new):
        raise ValidationError(_("Deze stap is al vastgelegd."))


# --- suspension (Awb art. 7:10 lid 2) ------------------------------------------------------


def opgeschort(bezwaar: Bezwaar, today: date | None = None) -> int:
    """Days the beslistermijn stood still for repairs (uses ``bezwaar.opschortingen.all()``,
    so a prefetch keeps lists at a constant number of queries). A running suspension
    counts until today (at most until the day after its hersteltermijn): the term shown is
    then the earliest it can be."""
    today = today or _today()
    total = 0
    for o in bezwaar.opschortingen.all():
        if o.stage == OpschortingState.HERSTELD:
            tot = o.beeindigd_op
        elif o.stage == OpschortingState.VERSTREKEN:
            tot = rb.opschorting_einde(None, o.hersteltermijn_einde)
        else:
            tot = min(today, rb.opschorting_einde(None, o.hersteltermijn_einde))
        total += rb.opgeschorte_dagen(o.verzocht_op, tot)
    return total


def uitgesteld_tot(bezwaar: Bezwaar) -> date | None:
    return max((u.tot_en_met for u in bezwaar.uitstellen.all()), default=None)


@transaction.atomic
def request_repair(
    bezwaar: Bezwaar, *, verzuim: str, verzocht_op: date, hersteltermijn_einde: date, user=None
) -> Opschorting:
    """Ask the indiener to repair an omission (Awb art. 6:6); the beslistermijn stands still
    from the day after (7:10 lid 2). Makes the letter."""
    from regie.enforcement.bezwaar_documents import make_notice

    _open(bezwaar)
    errors: dict[str, list] = {}
    _not_future(verzocht_op, "verzocht_op", errors, _("De datum van het verzoek"))
    if verzocht_op < bezwaar.ontvangen_op:
        errors.setdefault("verzocht_op", []).append(
            _("Het verzoek ligt vóór de ontvangst van het bezwaar.")
        )
    if hersteltermijn_einde <= verzocht_op:
        errors.setdefault("hersteltermijn_einde", []).append(
            _("De hersteltermijn moet na de dag van het verzoek eindigen.")
        )
    if not verzuim.strip():
        errors.setdefault("verzuim", []).append(_("Schrijf op wat er ontbreekt."))
    if bezwaar.opschortingen.filter(stage=OpschortingState.LOOPT).exists():
        errors.setdefault("__all__", []).append(
            _("Er loopt al een verzoek om herstel. Leg eerst vast of het verzuim is hersteld.")
        )
    _raise(errors)
    opschorting = Opschorting.objects.create(
        bezwaar=bezwaar,
        verzuim=verzuim.strip(),
        verzocht_op=verzocht_op,
        hersteltermijn_einde=hersteltermijn_einde,
        geregistreerd_door=user,
    )
    make_notice(bezwaar, BriefSoort.HERSTELVERZOEK, verzocht_op, user, stap=opschorting)
    return opschorting


@transaction.atomic
def end_repair(opschorting: Opschorting, *, stand: str, op: date | None = None) -> Opschorting:
    """The omission was repaired on ``op``, or the hersteltermijn passed unused: the
    beslistermijn runs again."""
    _step(OPSCHORTING_TRANSITIONS, opschorting.stage, stand)
    errors: dict[str, list] = {}
    if stand == OpschortingState.HERSTELD:
        if op is None:
            errors.setdefault("op", []).append(_("Vul de dag van het herstel in."))
        else:
            _not_future(op, "op", errors, _("Het herstel"))
            if op < opschorting.verzocht_op:
                errors.setdefault("op", []).append(_("Het herstel ligt vóór het verzoek."))
            elif op > opschorting.hersteltermijn_einde:
                errors.setdefault("op", []).append(
                    _(
                        "Het herstel kwam na de hersteltermijn (tot en met %(dag)s). Kies "
                        "'hersteltermijn ongebruikt verstreken'; de jurist beoordeelt het "
                        "late herstel bij de beslissing."
                    )
                    % {"dag": _d(opschorting.hersteltermijn_einde)}
                )
    elif _today() <= opschorting.hersteltermijn_einde:
        errors.setdefault("stand", []).append(
            _("De hersteltermijn loopt nog tot en met %(dag)s.")
            % {"dag": _d(opschorting.hersteltermijn_einde)}
        )
    _raise(errors)
    opschorting.stage = stand
    opschorting.beeindigd_op = op if stand == OpschortingState.HERSTELD else None
    opschorting.save()
    return opschorting


# --- further postponement with consent (Awb art. 7:10 lid 4-5) -----------------------------


@transaction.atomic
def postpone_with_consent(
    bezwaar: Bezwaar,
    *,
    tot_en_met: date,
    instemming_op: date,
    instemming_hoe: str,
    reden: str,
    user=None,
    op: date | None = None,
) -> Uitstel:
    from regie.enforcement.bezwaar_documents import make_notice
    from regie.enforcement.services.bezwaar import beslistermijn

    op = op or _today()
    _open(bezwaar)
    errors: dict[str, list] = {}
    huidig = beslistermijn(bezwaar)
    if tot_en_met <= huidig:
        errors.setdefault("tot_en_met", []).append(
            _("De beslistermijn loopt al tot en met %(dag)s. Kies een latere datum.")
            % {"dag": _d(huidig)}
        )
    _not_future(instemming_op, "instemming_op", errors, _("De instemming"))
    if instemming_op < bezwaar.ontvangen_op:
        errors.setdefault("instemming_op", []).append(
            _("De instemming ligt vóór de ontvangst van het bezwaar.")
        )
    if not instemming_hoe.strip():
        errors.setdefault("instemming_hoe", []).append(
            _("Leg vast hoe de indiener instemde (Awb art. 7:10 lid 4).")
        )
    if not reden.strip():
        errors.setdefault("reden", []).append(_("Geef de reden van het uitstel."))
    _raise(errors)
    uitstel = Uitstel.objects.create(
        bezwaar=bezwaar,
        tot_en_met=tot_en_met,
        instemming_op=instemming_op,
        instemming_hoe=instemming_hoe.strip(),
        reden=reden.strip(),
        besloten_op=op,
        geregistreerd_door=user,
    )
    bezwaar._prefetched_objects_cache = {}
    make_notice(bezwaar, BriefSoort.UITSTEL, op, user, stap=uitstel)
    return uitstel


# --- the advisory commission (Awb art. 7:13) -----------------------------------------------


@transaction.atomic
def announce_commission(
    bezwaar: Bezwaar, *, naam: str, mededeling_op: date, user=None
) -> Commissie:
    """Tell the indiener that a commission advises (7:13); the beslistermijn is then twelve
    weeks (7:10 lid 1). Makes the letter."""
    from regie.enforcement.bezwaar_documents import make_notice

    _open(bezwaar)
    errors: dict[str, list] = {}
    if Commissie.objects.filter(bezwaar=bezwaar).exists():
        raise ValidationError(_("De mededeling over de adviescommissie is al gedaan."))
    if not naam.strip():
        errors.setdefault("naam", []).append(_("Vul de naam van de commissie in."))
    _not_future(mededeling_op, "mededeling_op", errors, _("De mededeling"))
    if mededeling_op < bezwaar.ontvangen_op:
        errors.setdefault("mededeling_op", []).append(
            _("De mededeling ligt vóór de ontvangst van het bezwaar.")
        )
    _raise(errors)
    commissie = Commissie.objects.create(
        bezwaar=bezwaar, naam=naam.strip(), mededeling_op=mededeling_op, geregistreerd_door=user
    )
    if not bezwaar.adviescommissie:
        bezwaar.adviescommissie = True
        bezwaar.save()
    make_notice(bezwaar, BriefSoort.ADVIESCOMMISSIE, mededeling_op, user, stap=commissie)
    return commissie


@transaction.atomic
def record_commission_advice(commissie: Commissie, *, advies_op: date, advies: str) -> Commissie:
    _step(COMMISSIE_TRANSITIONS, commissie.stage, CommissieState.ADVIES)
    errors: dict[str, list] = {}
    _not_future(advies_op, "advies_op", errors, _("Het advies"))
    if advies_op < commissie.mededeling_op:
        errors.setdefault("advies_op", []).append(_("Het advies ligt vóór de mededeling."))
    if not advies.strip():
        errors.setdefault("advies", []).append(_("Neem het advies van de commissie over."))
    _raise(errors)
    commissie.stage = CommissieState.ADVIES
    commissie.advies_op = advies_op
    commissie.advies = advies.strip()
    commissie.save()
    return commissie


# --- the hearer (Awb art. 7:5) -------------------------------------------------------------


def involved_in_decision(bezwaar: Bezwaar) -> set[int]:
    """The users who prepared, made or sent the contested decision (Awb 7:5 lid 1): the
    fine's behandelaar and everyone the audit log shows creating or changing the case or
    its letters before the bezwaar; for a PIP version, who drew it up, set it and recorded
    its sending, and who changed it."""
    from regie.core.models import AuditAction, AuditEvent

    ids: set[int] = set()
    if bezwaar.handhaving_id:
        zaak = bezwaar.handhaving
        if zaak.behandelaar_id:
            ids.add(zaak.behandelaar_id)
        brief_ids = [str(pk) for pk in zaak.brieven.values_list("pk", flat=True)]
        objects = Q(object_type="handhavingszaak", object_id=str(zaak.pk)) | Q(
            object_type="brief", object_id__in=brief_ids
        )
    else:
        versie = bezwaar.pip_versie
        for attr in ("opgesteld_door_id", "vastgesteld_door_id", "bekendmaking_door_id"):
            if getattr(versie, attr, None):
                ids.add(getattr(versie, attr))
        objects = Q(object_type="pipversie", object_id=str(versie.pk))
    ids.update(
        uid
        for uid in AuditEvent.objects.filter(objects)
        .filter(action__in=[AuditAction.CREATE, AuditAction.UPDATE, AuditAction.STATUS])
        .values_list("user_id_copy", flat=True)
        if uid is not None
    )
    return ids


@transaction.atomic
def set_hearers(hoorzitting: Hoorzitting, users) -> list[Hoorder]:
    """Record who hears the indiener; refuse anyone who was involved in the contested
    decision (Awb art. 7:5 lid 1 onder c)."""
    users = list(users)
    if not users:
        raise ValidationError({"hoorders": [_("Kies wie de inburgeraar hoort.")]})
    betrokken = involved_in_decision(hoorzitting.bezwaar)
    fout = [u for u in users if u.pk in betrokken]
    if fout:
        raise ValidationError(
            {
                "hoorders": [
                    _(
                        "%(namen)s was betrokken bij de voorbereiding van het besluit waartegen "
                        "het bezwaar is gericht en mag de inburgeraar daarom niet horen (Awb "
                        "art. 7:5 lid 1). Kies een collega die niet bij het besluit betrokken "
                        "was."
                    )
                    % {"namen": ", ".join(str(u) for u in fout)}
                ]
            }
        )
    hoorzitting.hoorders.all().delete()
    return [Hoorder.objects.create(hoorzitting=hoorzitting, gebruiker=u) for u in users]


# --- ingebrekestelling and dwangsom (Awb art. 4:17-4:18) -----------------------------------


def dwangsom_van(ingebrekestelling: Ingebrekestelling, peildatum: date | None = None):
    """The dwangsom owed on ``peildatum`` (today): stopped by the day the beslissing op
    bezwaar was made known (recorded as sent)."""
    bezwaar = ingebrekestelling.bezwaar
    return rb.dwangsom(
        ingebrekestelling.ontvangen_op,
        peildatum or _today(),
        beslissing_op=bezwaar.beslissing_bekendgemaakt_op,
    )


@transaction.atomic
def record_ingebrekestelling(bezwaar: Bezwaar, *, ontvangen_op: date, user=None):
    from regie.enforcement.services.bezwaar import beslistermijn

    errors: dict[str, list] = {}
    if bezwaar.stage == BezwaarState.INGETROKKEN:
        raise ValidationError(_("Het bezwaar is ingetrokken."))
    if Ingebrekestelling.objects.filter(bezwaar=bezwaar).exists():
        raise ValidationError(_("De ingebrekestelling is al vastgelegd."))
    _not_future(ontvangen_op, "ontvangen_op", errors, _("De ontvangst"))
    einde = beslistermijn(bezwaar)
    if rb.ingebrekestelling_te_vroeg(ontvangen_op, einde):
        errors.setdefault("ontvangen_op", []).append(
            _(
                "De beslistermijn liep tot en met %(dag)s. Een ingebrekestelling telt pas als "
                "zij na die dag is ontvangen (Awb art. 4:17 lid 3). Er loopt geen dwangsom."
            )
            % {"dag": _d(einde)}
        )
    if bezwaar.beslissing_bekendgemaakt_op and bezwaar.beslissing_bekendgemaakt_op <= ontvangen_op:
        errors.setdefault("ontvangen_op", []).append(
            _("De beslissing op bezwaar was toen al verzonden (%(dag)s).")
            % {"dag": _d(bezwaar.beslissing_bekendgemaakt_op)}
        )
    _raise(errors)
    return Ingebrekestelling.objects.create(
        bezwaar=bezwaar, ontvangen_op=ontvangen_op, geregistreerd_door=user
    )


@transaction.atomic
def fix_dwangsom(ingebrekestelling: Ingebrekestelling, *, op: date | None = None):
    """Record that the college set the dwangsom by beschikking (Awb art. 4:18), at the
    amount Regie computed; only once it no longer runs."""
    op = op or _today()
    _step(
        INGEBREKESTELLING_TRANSITIONS, ingebrekestelling.stage, IngebrekestellingState.VASTGESTELD
    )
    d = dwangsom_van(ingebrekestelling, op)
    if d.loopt:
        raise ValidationError(
            _(
                "De dwangsom loopt nog (dag %(n)s van 42). Stel hem vast als op het bezwaar is "
                "beslist en de beslissing is verzonden, of na dag 42 (%(dag)s)."
            )
            % {"n": d.dagen, "dag": _d(d.laatste_mogelijke_dag)}
        )
    ingebrekestelling.stage = IngebrekestellingState.VASTGESTELD
    ingebrekestelling.vastgesteld_op = op
    ingebrekestelling.vastgesteld_bedrag = d.bedrag
    ingebrekestelling.save()
    return ingebrekestelling


# --- voorlopige voorziening (Awb art. 8:81) ------------------------------------------------


@transaction.atomic
def register_voorziening(
    bezwaar: Bezwaar, *, verzocht_op: date, zaaknummer: str = "", user=None
) -> VoorlopigeVoorziening:
    errors: dict[str, list] = {}
    if bezwaar.stage == BezwaarState.INGETROKKEN:
        raise ValidationError(_("Het bezwaar is ingetrokken."))
    _not_future(verzocht_op, "verzocht_op", errors, _("Het verzoek"))
    if verzocht_op < bezwaar.ontvangen_op:
        errors.setdefault("verzocht_op", []).append(
            _(
                "Een voorlopige voorziening kan pas als er bezwaar of beroep is (Awb art. "
                "8:81 lid 1); het bezwaar is ontvangen op %(dag)s."
            )
            % {"dag": _d(bezwaar.ontvangen_op)}
        )
    if bezwaar.voorzieningen.filter(stage=VoorzieningState.VERZOCHT).exists():
        errors.setdefault("__all__", []).append(
            _("Er loopt al een verzoek om een voorlopige voorziening.")
        )
    _raise(errors)
    return VoorlopigeVoorziening.objects.create(
        bezwaar=bezwaar,
        verzocht_op=verzocht_op,
        zaaknummer=zaaknummer.strip(),
        geregistreerd_door=user,
    )


@transaction.atomic
def decide_voorziening(
    vv: VoorlopigeVoorziening,
    *,
    stand: str,
    uitspraak_op: date,
    schorsing: bool = False,
    geschorst_tot: date | None = None,
    toelichting: str = "",
) -> VoorlopigeVoorziening:
    _step(VOORZIENING_TRANSITIONS, vv.stage, stand)
    errors: dict[str, list] = {}
    _not_future(uitspraak_op, "uitspraak_op", errors, _("De uitspraak"))
    if uitspraak_op < vv.verzocht_op:
        errors.setdefault("uitspraak_op", []).append(_("De uitspraak ligt vóór het verzoek."))
    if schorsing and stand != VoorzieningState.TOEGEWEZEN:
        errors.setdefault("schorsing", []).append(
            _("Alleen een toegewezen verzoek kan het besluit schorsen.")
        )
    if geschorst_tot and not schorsing:
        errors.setdefault("geschorst_tot", []).append(
            _("Een einddatum hoort alleen bij een schorsing.")
        )
    if geschorst_tot and geschorst_tot < uitspraak_op:
        errors.setdefault("geschorst_tot", []).append(
            _("De schorsing kan niet eindigen vóór de uitspraak.")
        )
    if stand == VoorzieningState.TOEGEWEZEN and not toelichting.strip():
        errors.setdefault("toelichting", []).append(_("Leg vast wat de rechter besliste."))
    _raise(errors)
    vv.stage = stand
    vv.uitspraak_op = uitspraak_op
    vv.schorsing = schorsing
    vv.geschorst_tot = geschorst_tot
    vv.toelichting = toelichting.strip()
    vv.save()
    return vv


def _suspending(on_date: date):
    return VoorlopigeVoorziening.objects.filter(
        stage=VoorzieningState.TOEGEWEZEN, schorsing=True, uitspraak_op__lte=on_date
    ).filter(Q(geschorst_tot__isnull=True) | Q(geschorst_tot__gte=on_date))


def suspended_case_ids(case_ids, on_date: date) -> set[int]:
    """Of these handhavingszaken, those whose boetebesluit a granted voorlopige voorziening
    suspends on ``on_date`` (one query)."""
    ids = list(case_ids)
    if not ids:
        return set()
    return set(
        _suspending(on_date)
        .filter(bezwaar__handhaving_id__in=ids)
        .values_list("bezwaar__handhaving_id", flat=True)
    )


def decision_suspended(case_or_besluit, on_date: date | None = None) -> bool:
    """Whether the voorzieningenrechter suspended this decision on ``on_date`` (Awb art.
    8:81): a Handhavingszaak (its boetebesluit), a Bezwaar (the decision it contests) or a
    PIP version. While it does, nothing follows from the decision: no payment term, no
    aanmaning or dwangbevel, and it does not count for a doubling."""
    on_date = on_date or _today()
    qs = _suspending(on_date)
    obj = case_or_besluit
    if isinstance(obj, Handhavingszaak):
        return qs.filter(bezwaar__handhaving=obj).exists()
    if isinstance(obj, Bezwaar):
        if obj.handhaving_id:
            return qs.filter(bezwaar__handhaving_id=obj.handhaving_id).exists()
        return qs.filter(bezwaar__pip_versie_id=obj.pip_versie_id).exists()
    return qs.filter(bezwaar__pip_versie=obj).exists()


def suspension_of(zaak_or_bezwaar, on_date: date | None = None) -> VoorlopigeVoorziening | None:
    """The granted voorziening that suspends this decision on ``on_date``, if any."""
    on_date = on_date or _today()
    qs = _suspending(on_date)
    if isinstance(zaak_or_bezwaar, Handhavingszaak):
        return qs.filter(bezwaar__handhaving=zaak_or_bezwaar).first()
    b = zaak_or_bezwaar
    if b.handhaving_id:
        return qs.filter(bezwaar__handhaving_id=b.handhaving_id).first()
    return qs.filter(bezwaar__pip_versie_id=b.pip_versie_id).first()
