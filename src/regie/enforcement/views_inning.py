"""Pages of collecting a fine (issue 19): the financieel medewerker imports the bank's
statement (CAMT.053) and reads its report; the klantmanager sees on the case what was paid
and what is open, and sends the aanmaning and the dwangbevel and decides on a
betalingsregeling or kwijtschelding. Thin views over services.inning."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core import audit
from regie.core.access import requires, served_municipality_ids
from regie.core.roles import Permission
from regie.enforcement import forms_inning
from regie.enforcement.berekening import euro
from regie.enforcement.models import Bankafschrift, InningVerzoek, VerzoekSoort, VerzoekStage
from regie.enforcement.services import inning
from regie.enforcement.services.common import _d
from regie.enforcement.views import _form_page, _run, _zaak
from regie.people.views import scoped_person
from regie.rules import inning as rules

# --- on the case page -----------------------------------------------------------------------


def inning_context(request, case) -> dict:
    """What the case page shows of collecting the fine (a fixed number of queries)."""
    if case.bedrag is None or case.boetebesluit_op is None:
        return {"inning": None}
    betalingen = list(case.betalingen.select_related("bankafschrift"))
    verzoeken = list(case.inning_verzoeken.all())
    s = inning.stand(case, betalingen)
    inv = inning.invordering_of(case)
    today = timezone.localdate()
    stap = inning.volgende_stap(case, today)
    acties = []
    if request.user.can(Permission.HANDHAVING_CHANGE):
        if stap is not None:
            acties.append(
                (
                    stap.soort,
                    _("Aanmaning maken") if stap.soort == "aanmaning" else _("Dwangbevel maken"),
                    stap.vanaf,
                    stap.vanaf <= today,
                )
            )
        if (
            inv is not None
            and inv.stage == rules.InningState.DWANGBEVEL
            and not (inv.dwangbevel_betekend_op)
        ):
            acties.append(("betekening", _("Betekening vastleggen"), None, True))
        if case.stage in inning.TE_INNEN and s.open > 0:
            acties.append(("verzoek", _("Verzoek betalingsregeling of kwijtschelding"), None, True))
    regeling = inning.regeling(case)
    return {
        "inning": {
            "stand": s,
            "betaald": euro(s.betaald),
            "open": euro(s.open),
            "te_veel": euro(s.te_veel),
            "verschuldigd": euro(s.verschuldigd),
            "betalingen": [(b, euro(b.bedrag)) for b in betalingen],
            "invordering": inv,
            "stage_label": _stage_label(case, inv, today),
            "termijnen_lopend": inning.inning_deadlines(case, today),
            "stap": stap,
            "acties": acties,
            "verzoeken": [(v, euro(v.bedrag) if v.bedrag is not None else "") for v in verzoeken],
            "open_verzoeken": [v for v in verzoeken if v.stage == VerzoekStage.AANGEVRAAGD]
            if request.user.can(Permission.HANDHAVING_CHANGE)
            else [],
            "termijnen": [(d, euro(a)) for d, a in inning.schema(regeling)] if regeling else [],
            "handmatig": case.betaald_op is not None and not betalingen,
            "kosten": euro(inv.aanmaningskosten + inv.dwangbevel_kosten) if inv else "",
            "heeft_kosten": bool(inv and (inv.aanmaningskosten or inv.dwangbevel_kosten)),
            "kwijtgescholden": euro(inv.kwijtgescholden) if inv and inv.kwijtgescholden else "",
        }
    }


def _stage_label(case, inv, today) -> str:
    if inv is not None:
        return inv.get_stage_display()
    if case.stage != "bekendgemaakt":
        return case.get_stage_display()
    einde = inning.betaaltermijn(case)
    if einde is not None and einde < today:
        return _("Betaaltermijn verstreken op %(dag)s") % {"dag": _d(einde)}
    return _("Betaaltermijn loopt")


@requires(Permission.HANDHAVING_CHANGE)
def inning_actie(request, pk: int, zaak: int, actie: str):
    person = scoped_person(request, pk)
    case = _zaak(request, person, zaak)
    back = reverse("handhaving_detail", args=[person.pk, case.pk])
    data = request.POST if request.method == "POST" else None
    if actie == "aanmaning":
        form = forms_inning.VerzendForm(data)
        title = _("Aanmaning maken")

        def action():
            return inning.send_aanmaning(case, form.cleaned_data["datum"])

        done = _("De aanmaning is gemaakt. Download de brief en verstuur hem vandaag.")
        intro = _(
            "De inburgeraar krijgt twee weken na de dag van verzending om te betalen (Awb art. "
            "4:112). De brief noemt het bedrag dat nog openstaat, de IBAN en het "
            "betalingskenmerk."
        )
    elif actie == "dwangbevel":
        form = forms_inning.VerzendForm(data)
        title = _("Dwangbevel maken")

        def action():
            return inning.issue_dwangbevel(case, form.cleaned_data["datum"])

        done = _("Het dwangbevel is gemaakt. Geef het aan de deurwaarder voor betekening.")
        intro = _(
            "Na de aanmaning is niet (helemaal) betaald. Met een dwangbevel kan de gemeente "
            "het bedrag laten innen door een deurwaarder (Awb art. 4:114)."
        )
    elif actie == "betekening":
        form = forms_inning.BetekeningForm(data)
        title = _("Betekening vastleggen")

        def action():
            return inning.record_betekening(case, form.cleaned_data["datum"])

        done = _("Vastgelegd.")
        intro = _("Vanaf de dag na de betekening loopt zes weken de termijn voor verzet.")
    elif actie == "verzoek":
        form = forms_inning.VerzoekForm(data)
        title = _("Verzoek betalingsregeling of kwijtschelding")

        def action():
            d = form.cleaned_data
            return inning.register_verzoek(case, d["soort"], d["ontvangen_op"], d["verzoek"])

        done = _("Het verzoek is vastgelegd. Beslis erop met een reden.")
        intro = ""
    else:
        raise Http404
    if request.method == "POST" and form.is_valid() and _run(form, action) is not None:
        messages.success(request, done)
        return redirect(back)
    if request.method == "GET":
        audit.log_read(case, person.pk, f"handhavingszaak {case.kenmerk}: {actie}")
    return _form_page(
        request,
        person,
        title=f"{title} – {case.kenmerk}",
        form=form,
        back=back,
        submit=title,
        intro=intro,
    )


@requires(Permission.HANDHAVING_CHANGE)
def inning_beslissing(request, pk: int, zaak: int, verzoek: int):
    person = scoped_person(request, pk)
    case = _zaak(request, person, zaak)
    item = get_object_or_404(
        InningVerzoek.objects.for_user(request.user), pk=verzoek, handhaving=case
    )
    back = reverse("handhaving_detail", args=[person.pk, case.pk])
    form = forms_inning.BeslissingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data

        def action():
            return inning.decide_verzoek(
                item,
                toegekend=d["uitkomst"] == "toegekend",
                op=d["beslist_op"],
                reden=d["reden"],
                user=request.user,
                aantal_termijnen=d["aantal_termijnen"],
                eerste_termijn=d["eerste_termijn"],
                bedrag=d["bedrag"],
                afwijking_reden=d["afwijking_reden"],
            )

        if _run(form, action) is not None:
            messages.success(request, _("Beslist. Download het besluit en verstuur het vandaag."))
            return redirect(back)
    if request.method == "GET":
        audit.log_read(case, person.pk, f"handhavingszaak {case.kenmerk}: verzoek {item.pk}")
    s = inning.stand(case)
    intro = _("%(soort)s, ontvangen op %(dag)s: %(verzoek)s. Nog open: %(open)s.") % {
        "soort": item.get_soort_display(),
        "dag": _d(item.ontvangen_op),
        "verzoek": item.verzoek,
        "open": euro(s.open),
    }
    if item.soort == VerzoekSoort.BETALINGSREGELING:
        for name in ("bedrag",):
            form.fields.pop(name, None)
    else:
        for name in ("aantal_termijnen", "eerste_termijn", "afwijking_reden"):
            form.fields.pop(name, None)
    return _form_page(
        request,
        person,
        title=_("Beslissen: %(soort)s – %(k)s")
        % {"soort": item.get_soort_display(), "k": case.kenmerk},
        form=form,
        back=back,
        submit=_("Beslissen en brief maken"),
        intro=intro,
    )


# --- the bank's statement (financieel medewerker) ----------------------------------------------


@requires(Permission.INNING_IMPORT)
def afschriften(request):
    """Upload a CAMT.053 file; the list of earlier imports of the user's gemeenten."""
    ids = served_municipality_ids(request.user)
    form = forms_inning.CamtForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        result = _run(
            form,
            lambda: inning.import_camt(bestand.read(), bestand.name, request.user, ids),
        )
        if result is not None:
            messages.success(request, _("Het bankafschrift is ingelezen."))
            return redirect("inning_afschrift", afschrift=result.pk)
    imports = list(
        Bankafschrift.objects.filter(municipality_id__in=ids)
        .select_related("municipality", "geimporteerd_door")
        .order_by("-created_at", "-id")[:100]
    )
    return render(
        request,
        "enforcement/afschriften.html",
        {"form": form, "imports": [(a, _summary(a)) for a in imports]},
    )


def _summary(afschrift: Bankafschrift) -> dict:
    rapport = afschrift.rapport or {}
    return {
        "gekoppeld": len(rapport.get("gekoppeld", [])),
        "niet_gekoppeld": len(rapport.get("niet_gekoppeld", [])),
        "overgeslagen": rapport.get("overgeslagen", 0),
    }


def _row(row: dict) -> dict:
    return {
        **row,
        "bedrag_euro": euro(Decimal(row["bedrag"])),
        "datum": _d(date.fromisoformat(row["datum"])),
    }


STAND_LABELS = {
    "open": gettext_lazy("niets betaald"),
    "deels": gettext_lazy("deels betaald"),
    "betaald": gettext_lazy("volledig betaald"),
    "te_veel": gettext_lazy("te veel betaald: verschil terugbetalen"),
    "terugbetalen": gettext_lazy("boete vervallen: terugbetalen"),
}


@requires(Permission.INNING_IMPORT)
def afschrift(request, afschrift: int):
    item = get_object_or_404(
        Bankafschrift.objects.filter(municipality_id__in=served_municipality_ids(request.user)),
        pk=afschrift,
    )
    rapport = item.rapport or {}
    gekoppeld = [
        {**_row(r), "stand_label": STAND_LABELS.get(r.get("stand"), "")}
        for r in rapport.get("gekoppeld", [])
    ]
    niet = [_row(r) for r in rapport.get("niet_gekoppeld", [])]
    return render(
        request,
        "enforcement/afschrift.html",
        {
            "afschrift": item,
            "gekoppeld": gekoppeld,
            "niet_gekoppeld": niet,
            "overgeslagen": rapport.get("overgeslagen", 0),
        },
    )
