"""The steps of the procedure before an art. 23 fine (Awb 5:48-5:53) on the case page:
"Rapport opmaken en zienswijze vragen" and "Zienswijze vastleggen". Reached through the
case's step URL (views.handhaving_step), which checks the permission and the scope."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core import audit
from regie.enforcement import services
from regie.enforcement.forms_boeteprocedure import RapportForm, ZienswijzeForm
from regie.rules import boeteprocedure as bp

PROCEDURE_STEPS = {
    "rapport": gettext_lazy("Rapport opmaken en zienswijze vragen"),
    "zienswijze": gettext_lazy("Zienswijze vastleggen"),
}


def procedure_steps(case) -> list[tuple[str, str]]:
    """The procedure steps that apply to the case now (for the 'Volgende stap' list)."""
    steps = []
    if not services.rapport_refusal(case):
        steps.append(("rapport", PROCEDURE_STEPS["rapport"]))
    rapport = services.rapport_of(case)
    if rapport is not None and bp.can_transition(rapport.stage, bp.ProcedureState.ZIENSWIJZE):
        steps.append(("zienswijze", PROCEDURE_STEPS["zienswijze"]))
    return steps


def procedure_step(request, person, case, step: str, form_page, run):
    back = reverse("handhaving_detail", args=[person.pk, case.pk])
    data = request.POST if request.method == "POST" else None
    extra = {"zaak": case}
    if step == "rapport":
        form = RapportForm(data, initial=services.rapport_voorstel(case, request.user))
        not_now = services.rapport_refusal(case)
        intro = _(
            "Een boete op grond van artikel 23 kan hoger zijn dan € 340. Daarom maakt u eerst "
            "een rapport op en vraagt u de inburgeraar om een zienswijze (Algemene wet "
            "bestuursrecht art. 5:48 en 5:53). Regie maakt van dit formulier de brief: het "
            "rapport, waarom een boete kan volgen, tot wanneer de inburgeraar kan reageren "
            "(schriftelijk of in een gesprek, met een tolk als dat nodig is) en dat hij of zij "
            "niet hoeft te antwoorden. Velden met 'Deze tekst komt in de brief' staan er "
            "letterlijk in."
        )

        def action():
            d = form.cleaned_data
            return services.make_rapport(
                case,
                rapport_op=d["rapport_op"],
                overtreding_op=d["overtreding_op"],
                feiten=d["feiten"],
                verplichting=d["verplichting"],
                opgemaakt_door=d["opgemaakt_door"],
                zienswijze_termijn_einde=d["zienswijze_termijn_einde"],
                verhoord_op=d["verhoord_op"],
                verhoor_cautie=d["verhoor_cautie"],
                user=request.user,
            )

        done = _("Het rapport is opgemaakt. Download de brief en verstuur hem.")
    else:
        rapport = services.rapport_of(case)
        initial = {}
        if person.interpreter_needed:
            initial = {
                "nederlands_voldoende": "0",
                "tolk": person.interpreter_language,
            }
        form = ZienswijzeForm(data, initial=initial)
        not_now = ""
        if rapport is None:
            not_now = _("Maak eerst een rapport op en vraag om een zienswijze.")
        elif not bp.can_transition(rapport.stage, bp.ProcedureState.ZIENSWIJZE):
            not_now = _("In de stand '%(stand)s' kan geen zienswijze meer worden vastgelegd.") % {
                "stand": rapport.get_stage_display()
            }
        intro = _(
            "Leg vast wat de inburgeraar over het rapport zei of schreef. Bij een gesprek: "
            "vertel eerst dat de inburgeraar niet hoeft te antwoorden (Awb art. 5:10a), en "
            "zorg voor een tolk als de inburgeraar niet goed genoeg Nederlands spreekt (Awb "
            "art. 5:50 lid 2)."
        )
        if person.interpreter_needed:
            intro += " " + _("In het dossier staat: tolk nodig (%(taal)s).") % {
                "taal": person.interpreter_language or "—"
            }

        def action():
            d = form.cleaned_data
            nederlands = d["nederlands_voldoende"]
            return services.record_zienswijze(
                case,
                op=d["op"],
                wijze=d["wijze"],
                inhoud=d["inhoud"],
                gehoord_door=d["gehoord_door"],
                cautie=d["cautie"],
                nederlands_voldoende=True if nederlands is None else nederlands,
                tolk=d["tolk"],
            )

        done = _("De zienswijze is vastgelegd.")
    if request.method == "POST" and form.is_valid() and run(form, action) is not None:
        messages.success(request, done)
        return redirect(back)
    if request.method == "GET":
        audit.log_read(case, person.pk, f"handhavingszaak {case.kenmerk}: {step}")
    if not_now:
        extra["not_now"] = not_now
    label = PROCEDURE_STEPS[step]
    return form_page(
        request,
        person,
        title=f"{label} – {case.kenmerk}",
        form=form,
        back=back,
        submit=label,
        intro=intro,
        extra=extra,
    )
