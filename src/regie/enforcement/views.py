"""Pages of handhaving, bezwaar and beroep, nested under the person, and the regisseur's
figures. Thin views: every step is a service call (services.py) whose errors go back onto
the form; access through regie.core.access. The uitvoerder (klantmanager) handles
handhaving and prepares bezwaren; the gemeente's jurist plans hearings, decides, and
follows beroep (seed §3.2)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from regie.core import audit
from regie.core.access import requires, served_municipality_ids
from regie.core.formatting import datum
from regie.core.models import AuditAction, Municipality
from regie.core.roles import Permission
from regie.enforcement import berekening, forms, services
from regie.enforcement.documents import iban_leesbaar
from regie.enforcement.models import (
    Beroep,
    BeroepStage,
    Bezwaar,
    Brief,
    Grondslag,
    HandhavingStage,
    Handhavingszaak,
    Hoorzitting,
    Instantie,
    Signaalbron,
)
from regie.enforcement.states import (
    BEZWAAR_OPEN,
    HANDHAVING_TRANSITIONS,
    BezwaarState,
    HandhavingState,
    HoorzittingState,
)
from regie.people.views import scoped_person
from regie.rules import bezwaar as rb
from regie.rules.betalingskenmerk import leesbaar

# --- helpers ------------------------------------------------------------------------------


def _zaak(request, person, pk: int) -> Handhavingszaak:
    queryset = Handhavingszaak.objects.for_user(request.user).select_related(
        "inburgeraar", "behandelaar", "vorige_zaak"
    )
    return get_object_or_404(queryset, pk=pk, inburgeraar=person)


def _bezwaar(request, person, pk: int) -> Bezwaar:
    queryset = (
        Bezwaar.objects.for_user(request.user)
        .select_related(
            "inburgeraar__municipality",
            "pip_versie",
            "handhaving",
            "advies_door",
            "beslist_door",
            "nieuwe_pip_versie",
        )
        .prefetch_related("opschortingen", "uitstellen")
    )
    return get_object_or_404(queryset, pk=pk, inburgeraar=person)


def _form_page(request, person, *, title, form, back, intro="", submit=None, extra=None):
    context = {
        "person": person,
        "title": title,
        "intro": intro,
        "form": form,
        "back": back,
        "submit": submit or _("Opslaan"),
        **(extra or {}),
    }
    return render(request, "enforcement/form.html", context)


def _run(form, action):
    """Call a service step; on refusal put its messages on the form and return None."""
    try:
        with transaction.atomic():
            return action()
    except ValidationError as error:
        forms.apply_errors(form, error)
        return None


def _pdf(brief: Brief, person, what: str) -> HttpResponse:
    audit.log(
        AuditAction.DOWNLOAD,
        obj=brief,
        inburgeraar_id=person.pk,
        description=f"{what} ({brief.template_versie})",
    )
    response = HttpResponse(bytes(brief.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{brief.filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- handhaving ---------------------------------------------------------------------------


@requires(Permission.HANDHAVING_CHANGE)
def handhaving_create(request, pk: int):
    person = scoped_person(request, pk)
    back = reverse("person_detail", args=[person.pk])
    if refusal := services.open_refusal(person):
        messages.error(request, refusal)
        return redirect(back)
    previous = list(
        Handhavingszaak.objects.for_user(request.user).filter(
            inburgeraar=person, grondslag=Grondslag.ART22, nadere_termijn_einde__isnull=False
        )
    )
    initial = {}
    if request.method == "GET" and services.toets_no_shows(person):
        initial["bron"] = Signaalbron.TOETS_NIET_VERSCHENEN
    form = forms.SignaalForm(request.POST or None, previous=previous, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        vorige = next((z for z in previous if z.pk == data["vorige_zaak"]), None)
        zaak = _run(
            form,
            lambda: services.open_case(
                person, data["bron"], data["signaal_op"], data["omschrijving"], request.user, vorige
            ),
        )
        if zaak is not None:
            messages.success(request, _("Het signaal is vastgelegd."))
            return redirect("handhaving_detail", pk=person.pk, zaak=zaak.pk)
    if request.method == "GET":
        audit.log_read(person, person.pk, "handhaving: signaal vastleggen")
    no_shows = services.toets_no_shows(person)
    intro = _(
        "Een handhavingszaak begint met een signaal. Bij de brede intake en de "
        "leerbaarheidstoets (artikel 22) komt eerst een schriftelijke waarschuwing met een nieuwe "
        "termijn; bij verplichtingen uit het PIP (artikel 23) is dat niet verplicht."
    )
    if no_shows:
        intro += " " + _(
            "Deze inburgeraar is %(n)s keer niet verschenen bij de leerbaarheidstoets."
        ) % {"n": no_shows}
    return _form_page(
        request, person, title=_("Signaal vastleggen"), form=form, back=back, intro=intro
    )


@requires(Permission.HANDHAVING_VIEW)
def handhaving_detail(request, pk: int, zaak: int):
    person = scoped_person(request, pk)
    case = _zaak(request, person, zaak)
    audit.log_read(case, person.pk, f"handhavingszaak {case.kenmerk}")
    allowed = HANDHAVING_TRANSITIONS[HandhavingState(case.stage)]
    steps = []
    geen_boete = ""
    if HandhavingState.BOETEBESLUIT in allowed and step_applies(case, "boete"):
        grond = services.boete_grond(case)
        geen_boete = "" if grond.mogelijk else grond.reden
    if request.user.can(Permission.HANDHAVING_CHANGE):
        for step, (label, target) in STEPS.items():
            if step == "boete" and geen_boete:
                continue
            if target in allowed and step_applies(case, step):
                steps.append((step, label))
    context = {
        "person": person,
        "zaak": case,
        "oproepen": services.wi14_oproepen(case, request.user),
        "brieven": list(
            case.brieven.only(
                "pk",
                "bezwaar_id",
                "soort",
                "dagtekening",
                "dagtekening_reden",
                "template_versie",
                "bekendgemaakt_op",
                "bekendmaking_wijze",
            )
        ),
        "bekendmaking_form": forms.BekendmakingForm(),
        "can_send": request.user.can(Permission.HANDHAVING_CHANGE),
        "bezwaren": list(case.bezwaren.all()),
        # A suspended boetebesluit (Awb art. 8:81) has no running terms.
        "schorsing": (schorsing := services.suspension_of(case)),
        "deadlines": [] if schorsing else services.handhaving_deadlines(case),
        "steps": steps,
        "geen_boete": geen_boete,
        "berekening": berekening.regels(case.berekening_stappen, case.berekening),
        "bedrag": services.euro(case.bedrag) if case.bedrag is not None else "",
        "betalingskenmerk": leesbaar(case.betalingskenmerk or ""),
        "today": timezone.localdate(),
    }
    return render(request, "enforcement/handhaving_detail.html", context)


# step -> (button label, target stage)
STEPS = {
    "waarschuwing": (
        gettext_lazy("Schriftelijke waarschuwing sturen"),
        HandhavingState.WAARSCHUWING,
    ),
    "boete": (gettext_lazy("Boete opleggen"), HandhavingState.BOETEBESLUIT),
    "bekendmaking": (gettext_lazy("Verzonden / uitgereikt"), HandhavingState.BEKENDGEMAAKT),
    "betaling": (gettext_lazy("Betaling vastleggen"), HandhavingState.BETAALD),
    "kwijtschelding": (gettext_lazy("Kwijtschelden"), HandhavingState.KWIJTGESCHOLDEN),
    "sluiten": (gettext_lazy("Sluiten zonder boete"), HandhavingState.GESLOTEN),
}


def step_applies(zaak: Handhavingszaak, step: str) -> bool:
    # Art. 22 needs the written warning before the fine; the boete step waits for it.
    if step == "boete" and zaak.grondslag == Grondslag.ART22:
        return zaak.stage == HandhavingState.WAARSCHUWING
    return True


@requires(Permission.HANDHAVING_CHANGE)
def handhaving_step(request, pk: int, zaak: int, step: str):
    person = scoped_person(request, pk)
    case = _zaak(request, person, zaak)
    if step not in STEPS:
        raise Http404
    label, target = STEPS[step]
    back = reverse("handhaving_detail", args=[person.pk, case.pk])
    data = request.POST if request.method == "POST" else None
    extra = {"zaak": case}
    if step == "waarschuwing":
        form = forms.WaarschuwingForm(
            data,
            initial=services.waarschuwing_voorstel(case, request.user),
            afspraak_verplicht=case.grondslag == Grondslag.ART22,
        )

        def action():
            d = form.cleaned_data
            return services.send_warning(
                case,
                d["waarschuwing_op"],
                d["nieuwe_termijn_einde"],
                d["nieuwe_afspraak_op"],
                nieuwe_afspraak_tijd=d["nieuwe_afspraak_tijd"],
                afspraak_locatie=d["afspraak_locatie"],
                brief_wat_gebeurd=d["brief_wat_gebeurd"],
                brief_opdracht=d["brief_opdracht"],
                contact_naam=d["contact_naam"],
                contact_telefoon=d["contact_telefoon"],
                dagtekening_reden=d["dagtekening_reden"],
            )

        done = _("De waarschuwing is gemaakt. Download de brief en verstuur hem.")
    elif step == "boete":
        form = forms.BoeteForm(
            data,
            initial={
                "contact_naam": services.waarschuwing_voorstel(case, request.user)["contact_naam"],
                "contact_telefoon": case.contact_telefoon,
            },
        )
        extra["berekening"] = _preview(case, form)
        extra["art22"] = case.grondslag == Grondslag.ART22

        def action():
            d = form.cleaned_data
            return services.impose_fine(
                case,
                vastgesteld_op=d["overtreding_vastgesteld_op"],
                dagtekening=d["boetebesluit_op"],
                dagtekening_reden=d["dagtekening_reden"],
                toelichting=d["verwijtbaarheid_toelichting"],
                verwijtbaarheid=d["verwijtbaarheid"],
                bedrag=d["bedrag"],
                matiging_reden=d["matiging_reden"],
                bijstand_verlaagd=d["bijstand_verlaagd"],
                nadere_termijn_einde=d["nadere_termijn_einde"],
                brief_toelichting=d["brief_toelichting"],
                contact_naam=d["contact_naam"],
                contact_telefoon=d["contact_telefoon"],
            )

        done = _("Het boetebesluit is genomen. Download het besluit en verstuur het.")
    elif step == "bekendmaking":
        form = forms.BekendmakingForm(data)

        def action():
            return services.make_known(case, form.cleaned_data["datum"], form.cleaned_data["wijze"])
    elif step == "betaling":
        form = forms.DatumForm(data)

        def action():
            return services.register_payment(case, form.cleaned_data["datum"])

        done = _("Vastgelegd.")
    else:
        form = forms.AfsluitForm(data)

        def action():
            d = form.cleaned_data
            return services.finish(case, target, d["datum"], d["reden"])

        done = _("De zaak is afgesloten.")
    preview = step == "boete" and "berekenen" in request.POST
    extra["previewed"] = preview
    if (
        request.method == "POST"
        and not preview
        and form.is_valid()
        and _run(form, action) is not None
    ):
        messages.success(request, done)
        return redirect(back)
    if request.method == "GET":
        audit.log_read(case, person.pk, f"handhavingszaak {case.kenmerk}: {step}")
    if target not in HANDHAVING_TRANSITIONS[HandhavingState(case.stage)] or not step_applies(
        case, step
    ):
        extra["not_now"] = _("Deze stap past niet bij de fase '%(fase)s' van de zaak.") % {
            "fase": case.get_stage_display()
        }
    return _form_page(
        request,
        person,
        title=f"{label} – {case.kenmerk}",
        form=form,
        back=back,
        submit=label,
        intro=_letter_intro(case, step),
        extra=extra,
    )


def _letter_intro(case: Handhavingszaak, step: str) -> str:
    """What the letter of this step will contain, so the user knows what they write for."""
    if step == "waarschuwing":
        return _(
            "Regie maakt van dit formulier de brief aan de inburgeraar, in het Nederlands. "
            "Velden met 'Deze tekst komt in de brief' staan er letterlijk in: schrijf kort en "
            "eenvoudig (taalniveau B1). De interne notitie bij het signaal komt niet in de brief."
        )
    if step == "boete":
        rekening = services.betaalrekening(case.inburgeraar.municipality)
        if rekening is None:
            return _(
                "Er is nog geen rekeningnummer van de gemeente ingesteld. Zonder "
                "rekeningnummer kan de inburgeraar niet betalen; de functioneel beheerder "
                "stelt de betaalrekening in bij de financiële instellingen."
            )
        return _(
            "Het boetebesluit noemt het bedrag, de rekening %(iban)s (%(naam)s), een "
            "betalingskenmerk, de betaaltermijn en hoe de inburgeraar een betalingsregeling "
            "aanvraagt. Velden met 'Deze tekst komt in de brief' staan er letterlijk in; de "
            "interne notitie niet."
        ) % {"iban": iban_leesbaar(rekening.iban), "naam": rekening.naam}
    return ""


def _preview(case: Handhavingszaak, form) -> services.Berekening | None:
    """The calculation shown beside the fine form: from the posted values when valid
    enough, else for today with the culpability left open."""
    vastgesteld = timezone.localdate()
    graad = None
    if form.is_bound and form.is_valid():
        vastgesteld = form.cleaned_data["overtreding_vastgesteld_op"]
        graad = form.cleaned_data["verwijtbaarheid"] or None
    if case.grondslag == Grondslag.ART23 and graad is None:
        graad = "opzet"  # show the highest amount until the user chooses
    try:
        return services.calculate(case, vastgesteld, graad)
    except ValidationError:
        return None


@requires(Permission.HANDHAVING_VIEW)
def handhaving_brief(request, pk: int, zaak: int, brief: int):
    person = scoped_person(request, pk)
    case = _zaak(request, person, zaak)
    letter = get_object_or_404(Brief.objects.for_user(request.user), pk=brief, handhaving=case)
    return _pdf(letter, person, f"{letter.get_soort_display()} {case.kenmerk}")


def _brief_verzonden(request, person, letter: Brief, back: str):
    form = forms.BekendmakingForm(request.POST)
    if form.is_valid():
        done = _run(
            form,
            lambda: services.record_brief_bekendmaking(
                letter, form.cleaned_data["datum"], form.cleaned_data["wijze"], request.user
            ),
        )
        if done is not None:
            messages.success(request, _("De verzending is vastgelegd."))
            return redirect(back)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return redirect(back)


@requires(Permission.HANDHAVING_CHANGE)
@require_POST
def handhaving_brief_verzonden(request, pk: int, zaak: int, brief: int):
    """'Verzonden / uitgereikt' for a letter of a handhavingszaak."""
    person = scoped_person(request, pk)
    case = _zaak(request, person, zaak)
    letter = get_object_or_404(Brief.objects.for_user(request.user), pk=brief, handhaving=case)
    return _brief_verzonden(
        request, person, letter, reverse("handhaving_detail", args=[person.pk, case.pk])
    )


# --- bezwaar ------------------------------------------------------------------------------


@requires(Permission.BEZWAAR_PREPARE)
def bezwaar_create(request, pk: int):
    person = scoped_person(request, pk)
    back = reverse("person_detail", args=[person.pk])
    besluiten = services.contestable(person)
    form = forms.BezwaarForm(request.POST or None, besluiten=besluiten)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        besluit = next(b for b in besluiten if b.key == d["besluit"])
        bezwaar = _run(
            form,
            lambda: services.register_bezwaar(
                person,
                besluit=besluit,
                ontvangen_op=d["ontvangen_op"],
                wijze=d["wijze"],
                gronden=d["gronden"],
                ter_post_bezorgd_op=d["ter_post_bezorgd_op"],
                adviescommissie=d["adviescommissie"],
                user=request.user,
            ),
        )
        if bezwaar is not None:
            if bezwaar.tijdig:
                messages.success(request, _("Het bezwaar is geregistreerd. Het is tijdig."))
            else:
                messages.warning(
                    request,
                    _("Het bezwaar is geregistreerd, maar het is niet tijdig ingediend."),
                )
            return redirect("bezwaar_detail", pk=person.pk, bezwaar=bezwaar.pk)
    if request.method == "GET":
        audit.log_read(person, person.pk, "bezwaar registreren")
    intro = _(
        "Registreer het bezwaar zoals het binnenkwam. Regie controleert of het op tijd is "
        "(Awb art. 6:7-6:9) en berekent de beslistermijn (Awb art. 7:10)."
    )
    if not besluiten:
        intro = _("Deze inburgeraar heeft nog geen besluit waartegen bezwaar kan worden gemaakt.")
    return _form_page(
        request, person, title=_("Bezwaar registreren"), form=form, back=back, intro=intro
    )


@requires(Permission.BEZWAAR_VIEW)
def bezwaar_detail(request, pk: int, bezwaar: int):
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    audit.log_read(case, person.pk, f"bezwaar {case.kenmerk}")
    hoorzittingen = list(case.hoorzittingen.prefetch_related("hoorders__gebruiker"))
    beroepen = list(case.beroepen.select_related("hoger_beroep_van"))
    user = request.user
    is_open = case.stage in BEZWAAR_OPEN
    context = {
        **procedure_context(case, user, is_open),
        "person": person,
        "bezwaar": case,
        "tijdigheid": services.tijdigheid_redenering(services.tijdigheid(case)),
        "beslistermijn": services.beslistermijn(case),
        "advies_uiterlijk": services.advies_uiterlijk(case),
        "deadlines": services.bezwaar_deadlines(case),
        "hoorzittingen": hoorzittingen,
        "beroepen": beroepen,
        "brieven": list(
            case.brieven.only(
                "pk",
                "bezwaar_id",
                "soort",
                "dagtekening",
                "dagtekening_reden",
                "template_versie",
                "bekendgemaakt_op",
                "bekendmaking_wijze",
            )
        ),
        "bekendmaking_form": forms.BekendmakingForm(),
        "beroepstermijn": services.beroepstermijn(case),
        "bedrag": services.euro(case.handhaving.bedrag)
        if case.handhaving_id and case.handhaving.bedrag is not None
        else "",
        "today": timezone.localdate(),
        "can_advise": user.can(Permission.BEZWAAR_PREPARE) and case.stage == BezwaarState.ONTVANGEN,
        "can_withdraw": user.can(Permission.BEZWAAR_PREPARE) and is_open,
        "can_decide": user.can(Permission.BEZWAAR_DECIDE) and is_open,
        "can_plan": user.can(Permission.BEZWAAR_DECIDE)
        and is_open
        and not any(h.stage == HoorzittingState.GEPLAND for h in hoorzittingen),
        "can_postpone": user.can(Permission.BEZWAAR_DECIDE) and is_open and not case.verdaagd_weken,
        "can_beroep": user.can(Permission.BEZWAAR_DECIDE) and case.stage == BezwaarState.BESLIST,
        "can_report": user.can(Permission.BEZWAAR_DECIDE),
        "can_pip": user.can(Permission.PIP_VIEW),
    }
    return render(request, "enforcement/bezwaar_detail.html", context)


def procedure_context(case, user, is_open: bool) -> dict:
    """The bezwaar procedure's records on the bezwaar page (Awb 7:10 lid 2-5, 7:13, 4:17,
    8:81): a fixed number of queries."""
    from regie.enforcement.bezwaar_models import Commissie, Ingebrekestelling

    opschortingen = list(case.opschortingen.all())
    uitstellen = list(case.uitstellen.all())
    commissie = Commissie.objects.filter(bezwaar=case).first()
    ingebrekestelling = Ingebrekestelling.objects.filter(bezwaar=case).first()
    decide = user.can(Permission.BEZWAAR_DECIDE)
    dwangsom = services.dwangsom_van(ingebrekestelling) if ingebrekestelling else None
    return {
        "opschortingen": opschortingen,
        "opgeschort": services.opgeschort(case),
        "uitstellen": uitstellen,
        "commissie": commissie,
        "ingebrekestelling": ingebrekestelling,
        "dwangsom": dwangsom,
        "dwangsom_bedrag": services.euro(dwangsom.bedrag) if dwangsom else "",
        "dwangsom_per_dag": services.euro(dwangsom.per_dag_nu) if dwangsom else "",
        "dwangsom_max": services.euro(rb.dwangsom_totaal(rb.DWANGSOM_MAX_DAGEN)),
        "dwangsom_vastgesteld": services.euro(ingebrekestelling.vastgesteld_bedrag)
        if ingebrekestelling and ingebrekestelling.vastgesteld_bedrag is not None
        else "",
        "voorzieningen": list(case.voorzieningen.all()),
        "schorsing": services.suspension_of(case),
        "can_procedure": decide and is_open,
        "can_repair": decide and is_open and not any(o.stage == "loopt" for o in opschortingen),
        "can_further": decide and is_open,
        "can_commission": decide and is_open and commissie is None,
        "can_ingebreke": decide
        and case.stage != BezwaarState.INGETROKKEN
        and ingebrekestelling is None
        and timezone.localdate() > services.beslistermijn(case),
        "can_vv": decide and case.stage != BezwaarState.INGETROKKEN,
        "can_decide_steps": decide,
    }


def _bezwaar_back(person, case) -> str:
    return reverse("bezwaar_detail", args=[person.pk, case.pk])


@requires(Permission.BEZWAAR_PREPARE)
def bezwaar_advies(request, pk: int, bezwaar: int):
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    form = forms.AdviesForm(
        request.POST or None,
        initial={"advies": case.advies, "advies_uitkomst": case.advies_uitkomst},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if _run(
            form,
            lambda: services.submit_advice(case, d["advies"], d["advies_uitkomst"], request.user),
        ):
            messages.success(request, _("Het advies is naar de jurist van de gemeente gestuurd."))
            return redirect(_bezwaar_back(person, case))
    if request.method == "GET":
        audit.log_read(case, person.pk, f"bezwaar {case.kenmerk}: advies")
    extra = {"bezwaar": case}
    if case.stage != BezwaarState.ONTVANGEN:
        extra["not_now"] = _("Het advies is al uitgebracht of op het bezwaar is beslist.")
    return _form_page(
        request,
        person,
        title=_("Advies opstellen – %(kenmerk)s") % {"kenmerk": case.kenmerk},
        intro=_("De uitvoerder bereidt het bezwaar voor; de jurist van de gemeente beslist."),
        form=form,
        back=_bezwaar_back(person, case),
        submit=_("Advies naar de jurist sturen"),
        extra=extra,
    )


@requires(Permission.BEZWAAR_PREPARE)
def bezwaar_intrekking(request, pk: int, bezwaar: int):
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    form = forms.DatumForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(form, lambda: services.withdraw(case, form.cleaned_data["datum"], request.user))
    ):
        messages.success(request, _("De intrekking is vastgelegd."))
        return redirect(_bezwaar_back(person, case))
    extra = {"bezwaar": case}
    if case.stage not in BEZWAAR_OPEN:
        extra["not_now"] = _("Op dit bezwaar is al beslist.")
    return _form_page(
        request,
        person,
        title=_("Intrekking vastleggen – %(kenmerk)s") % {"kenmerk": case.kenmerk},
        intro=_("De inburgeraar heeft het bezwaar ingetrokken (Awb art. 6:21)."),
        form=form,
        back=_bezwaar_back(person, case),
        submit=_("Intrekking vastleggen"),
        extra=extra,
    )


@requires(Permission.BEZWAAR_DECIDE)
def hoorzitting_plan(request, pk: int, bezwaar: int):
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    form = forms.HoorzittingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if _run(form, lambda: services.plan_hearing(case, d["datum"], d["tijd"], d["locatie"])):
            messages.success(request, _("De hoorzitting is gepland."))
            return redirect(_bezwaar_back(person, case))
    if request.method == "GET":
        audit.log_read(case, person.pk, f"bezwaar {case.kenmerk}: hoorzitting plannen")
    return _form_page(
        request,
        person,
        title=_("Hoorzitting plannen – %(kenmerk)s") % {"kenmerk": case.kenmerk},
        intro=_(
            "Voordat op het bezwaar wordt beslist, wordt de inburgeraar gehoord (Awb art. 7:2)."
        ),
        form=form,
        back=_bezwaar_back(person, case),
        submit=_("Hoorzitting plannen"),
        extra={"bezwaar": case},
    )


@requires(Permission.BEZWAAR_DECIDE)
def hoorzitting_verslag(request, pk: int, bezwaar: int, hoorzitting: int):
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    hearing = get_object_or_404(
        Hoorzitting.objects.for_user(request.user), pk=hoorzitting, bezwaar=case
    )
    form = forms.HoorverslagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if _run(
            form,
            lambda: services.report_hearing(hearing, d["stand"], d["verslag"], d["aanwezigen"]),
        ):
            messages.success(request, _("Het verslag van de hoorzitting is vastgelegd."))
            return redirect(_bezwaar_back(person, case))
    if request.method == "GET":
        audit.log_read(case, person.pk, f"bezwaar {case.kenmerk}: hoorzitting")
    extra = {"bezwaar": case}
    if hearing.stage != HoorzittingState.GEPLAND:
        extra["not_now"] = _("Van deze hoorzitting is het verslag al vastgelegd.")
    return _form_page(
        request,
        person,
        title=_("Verslag hoorzitting van %(dag)s") % {"dag": datum(hearing.datum)},
        form=form,
        back=_bezwaar_back(person, case),
        submit=_("Verslag vastleggen"),
        extra=extra,
    )


@requires(Permission.BEZWAAR_DECIDE)
def bezwaar_verdaging(request, pk: int, bezwaar: int):
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    form = forms.VerdagingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if _run(form, lambda: services.postpone(case, d["weken"], d["reden"], user=request.user)):
            messages.success(
                request,
                _("De beslissing is verdaagd. De nieuwe beslistermijn eindigt op %(dag)s.")
                % {"dag": services._d(services.beslistermijn(case))},
            )
            return redirect(_bezwaar_back(person, case))
    if request.method == "GET":
        audit.log_read(case, person.pk, f"bezwaar {case.kenmerk}: verdaging")
    return _form_page(
        request,
        person,
        title=_("Beslissing verdagen – %(kenmerk)s") % {"kenmerk": case.kenmerk},
        intro=_("De beslistermijn eindigt nu op %(dag)s.")
        % {"dag": services._d(services.beslistermijn(case))},
        form=form,
        back=_bezwaar_back(person, case),
        submit=_("Verdagen"),
        extra={"bezwaar": case},
    )


@requires(Permission.BEZWAAR_DECIDE)
def bezwaar_beslissing(request, pk: int, bezwaar: int):
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    form = forms.BeslissingForm(request.POST or None, initial={"uitkomst": case.advies_uitkomst})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        brief = _run(
            form,
            lambda: services.decide(
                case,
                uitkomst=d["uitkomst"],
                motivering=d["motivering"],
                user=request.user,
                hoor_afzien_grond=d["hoor_afzien_grond"],
                verschoonbaar=d["verschoonbaar"],
                verschoonbaar_reden=d["verschoonbaar_reden"],
                beslist_op=d["beslist_op"],
                dagtekening_reden=d["dagtekening_reden"],
            ),
        )
        if brief is not None:
            messages.success(request, _("Op het bezwaar is beslist. De beslissing staat klaar."))
            return redirect(_bezwaar_back(person, case))
    if request.method == "GET":
        audit.log_read(case, person.pk, f"bezwaar {case.kenmerk}: beslissing")
    extra = {"bezwaar": case, "show_advies": True}
    if case.stage == BezwaarState.ONTVANGEN:
        extra["not_now"] = _("Het advies van de uitvoerder ontbreekt nog.")
    elif case.stage not in BEZWAAR_OPEN:
        extra["not_now"] = _("Op dit bezwaar is al beslist.")
    return _form_page(
        request,
        person,
        title=_("Beslissen op bezwaar – %(kenmerk)s") % {"kenmerk": case.kenmerk},
        form=form,
        back=_bezwaar_back(person, case),
        submit=_("Beslissen"),
        extra=extra,
    )


@requires(Permission.BEZWAAR_VIEW)
def bezwaar_brief(request, pk: int, bezwaar: int, brief: int):
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    letter = get_object_or_404(Brief.objects.for_user(request.user), pk=brief, bezwaar=case)
    return _pdf(letter, person, f"{letter.get_soort_display()} {case.kenmerk}")


@requires(Permission.BEZWAAR_DECIDE)
@require_POST
def bezwaar_brief_verzonden(request, pk: int, bezwaar: int, brief: int):
    """'Verzonden / uitgereikt' for the beslissing op bezwaar: the beroepstermijn starts."""
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    letter = get_object_or_404(Brief.objects.for_user(request.user), pk=brief, bezwaar=case)
    return _brief_verzonden(request, person, letter, _bezwaar_back(person, case))


# --- beroep -------------------------------------------------------------------------------


@requires(Permission.BEZWAAR_DECIDE)
def beroep_create(request, pk: int, bezwaar: int):
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    uitspraken = [
        b
        for b in case.beroepen.all()
        if b.instantie == Instantie.RECHTBANK and b.stage == BeroepStage.UITSPRAAK
    ]
    form = forms.BeroepForm(request.POST or None, uitspraken=uitspraken)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        parent = next((b for b in uitspraken if b.pk == d["hoger_beroep_van"]), None)
        beroep = _run(
            form,
            lambda: services.register_beroep(
                case,
                instantie=d["instantie"],
                ingesteld_op=d["ingesteld_op"],
                appellant=d["appellant"],
                zaaknummer=d["zaaknummer"],
                beroepschrift_ontvangen_op=d["beroepschrift_ontvangen_op"],
                hoger_beroep_van=parent,
            ),
        )
        if beroep is not None:
            messages.success(request, _("Het beroep is vastgelegd."))
            return redirect(_bezwaar_back(person, case))
    if request.method == "GET":
        audit.log_read(case, person.pk, f"bezwaar {case.kenmerk}: beroep")
    extra = {"bezwaar": case}
    if case.stage != BezwaarState.BESLIST:
        extra["not_now"] = _("Beroep kan pas na de beslissing op het bezwaar.")
    return _form_page(
        request,
        person,
        title=_("Beroep vastleggen – %(kenmerk)s") % {"kenmerk": case.kenmerk},
        intro=_(
            "Beroep bij de rechtbank tegen de beslissing op bezwaar, of hoger beroep bij de Raad "
            "van State tegen de uitspraak van de rechtbank (Awb art. 8:1, 8:104)."
        ),
        form=form,
        back=_bezwaar_back(person, case),
        submit=_("Beroep vastleggen"),
        extra=extra,
    )


@requires(Permission.BEZWAAR_DECIDE)
def beroep_edit(request, pk: int, bezwaar: int, beroep: int):
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    appeal = get_object_or_404(Beroep.objects.for_user(request.user), pk=beroep, bezwaar=case)
    form = forms.BeroepUpdateForm(
        request.POST or None,
        initial={
            "stand": appeal.stage,
            "zaaknummer": appeal.zaaknummer,
            "beroepschrift_ontvangen_op": appeal.beroepschrift_ontvangen_op,
            "zitting_op": appeal.zitting_op,
            "uitspraak_op": appeal.uitspraak_op,
            "uitkomst": appeal.uitkomst,
            "toelichting": appeal.toelichting,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if _run(
            form,
            lambda: services.update_beroep(
                appeal,
                stand=d["stand"],
                zitting_op=d["zitting_op"],
                uitspraak_op=d["uitspraak_op"],
                uitkomst=d["uitkomst"],
                toelichting=d["toelichting"],
                beroepschrift_ontvangen_op=d["beroepschrift_ontvangen_op"],
                zaaknummer=d["zaaknummer"],
            ),
        ):
            messages.success(request, _("Het beroep is bijgewerkt."))
            return redirect(_bezwaar_back(person, case))
    if request.method == "GET":
        audit.log_read(case, person.pk, f"bezwaar {case.kenmerk}: beroep bijwerken")
    return _form_page(
        request,
        person,
        title=_("%(inst)s bijwerken – %(kenmerk)s")
        % {"inst": appeal.get_instantie_display(), "kenmerk": case.kenmerk},
        form=form,
        back=_bezwaar_back(person, case),
        extra={"bezwaar": case},
    )


# --- figures for the regisseur -----------------------------------------------------------


@requires(Permission.FIGURES_VIEW)
def figures(request):
    """Numbers, outcomes, average duration and overdue cases per municipality and period.
    Figures only: no persons."""
    user = request.user
    municipalities = list(
        Municipality.objects.filter(pk__in=served_municipality_ids(user)).order_by("name")
    )
    today = timezone.localdate()
    default = {"van": date(today.year, 1, 1), "tot": today}
    form = forms.PeriodForm(request.GET or default, municipalities=municipalities)
    rows = []
    if form.is_valid():
        d = form.cleaned_data
        ids = [m.pk for m in municipalities if d["gemeente"] in (None, m.pk)]
        rows = services.figures(ids, d["van"], d["tot"])
    return render(
        request,
        "enforcement/figures.html",
        {"form": form, "rows": rows, "stages": HandhavingStage},
    )
