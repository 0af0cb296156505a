"""Pages of the brede intake and the leerbaarheidstoets, nested under the person's file.
Thin views: access through ``requires`` and ``scoped_person``, decisions in services.py,
every page showing a person's data logs the read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core import audit
from regie.core.access import requires
from regie.core.roles import Permission
from regie.intake import services
from regie.intake.forms import (
    GesprekCorrectionForm,
    GesprekForm,
    IntakeForm,
    IntakeHealthForm,
    OproepForm,
    ToetsCorrectionForm,
    ToetsExemptionForm,
    ToetsPlanForm,
    ToetsResultForm,
)
from regie.intake.models import (
    BredeIntake,
    IntakeGesprek,
    IntakeGezondheid,
    IntakeOproep,
    Leerbaarheidstoets,
    OproepStatus,
    ToetsStatus,
)
from regie.people.views import scoped_person
from regie.rules.oproepen import may_complete_without_person

SETTLED = (ToetsStatus.AFGENOMEN, ToetsStatus.ONTHEFFING)


def _form_errors_to_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@requires(Permission.INTAKE_VIEW)
def intake_detail(request, pk: int):
    person = scoped_person(request, pk)
    user = request.user
    intake = services.latest_intake(person)
    gesprekken = services.gesprekken_of(intake) if intake else []
    toetsen = services.toetsen_of(person)
    oproepen = services.oproepen_of(person)
    no_shows = sum(1 for o in oproepen if o.status == OproepStatus.NIET_VERSCHENEN)
    health = None
    if intake is not None:
        health = IntakeGezondheid.objects.for_user(user).filter(intake=intake).first()
    audit.log_read(intake or person, person.pk, "brede intake")
    if health is not None:
        audit.log_read(health, person.pk, "brede intake: gezondheid")
    context = {
        "person": person,
        "intake": intake,
        "health": health,
        "sees_health": user.can(Permission.HEALTH_VIEW),
        "gesprekken": gesprekken,
        "toetsen": toetsen,
        "advice": services.route_advice(person, intake=intake, toetsen=toetsen),
        "senior_warning": services.senior_begeleider_warning(person, gesprekken)
        if intake
        else None,
        "senior_rule": services.senior_rule_applies(person),
        # The warning links to the correction of the gesprek it is about.
        "first_gesprek": min(gesprekken, key=lambda g: (g.date, g.pk)) if gesprekken else None,
        "problems": services.completion_problems(
            intake,
            len(gesprekken),
            toets_settled_=any(t.status in SETTLED for t in toetsen),
        )
        if intake and intake.is_draft
        else [],
        "oproepen": oproepen,
        "oproep_no_shows": no_shows,
        "may_complete_without_person": may_complete_without_person(no_shows),
        "can_change": user.can(Permission.INTAKE_CHANGE),
        "can_reopen": intake is not None
        and not intake.is_draft
        and person.status in ("aangemeld", "intake"),
    }
    return render(request, "intake/detail.html", context)


@requires(Permission.INTAKE_CHANGE)
def intake_edit(request, pk: int):
    """Start or edit the brede intake: one page with a fieldset per levensgebied."""
    person = scoped_person(request, pk)
    user = request.user
    intake = services.latest_intake(person)
    if intake is not None and not intake.is_draft:
        messages.error(request, _("De brede intake is afgerond. Heropen haar om te wijzigen."))
        return redirect("intake_detail", pk=person.pk)
    health_instance = None
    with_health = user.can(Permission.HEALTH_CHANGE) and user.can(Permission.HEALTH_VIEW)
    if intake is not None and with_health:
        health_instance = IntakeGezondheid.objects.for_user(user).filter(intake=intake).first()
    data = request.POST if request.method == "POST" else None
    form = IntakeForm(data, instance=intake)
    health_form = IntakeHealthForm(data, instance=health_instance) if with_health else None
    if request.method == "POST":
        valid = form.is_valid()
        valid = (health_form.is_valid() if health_form else True) and valid
        if valid:
            try:
                with transaction.atomic():
                    if intake is None:
                        intake = services.start_intake(person, intake=form.save(commit=False))
                    else:
                        intake = form.save()
                    if health_form is not None and (
                        health_form.instance.pk or health_form.has_changed()
                    ):
                        health = health_form.save(commit=False)
                        health.intake = intake
                        health.save()
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("De brede intake is opgeslagen."))
                return redirect("intake_detail", pk=person.pk)
    else:
        audit.log_read(intake or person, person.pk, "brede intake: wijzigformulier")
        if health_instance is not None:
            audit.log_read(health_instance, person.pk, "brede intake: gezondheid")
    return render(
        request,
        "intake/form.html",
        {"person": person, "intake": intake, "form": form, "health_form": health_form},
    )


@requires(Permission.INTAKE_CHANGE)
def gesprek_add(request, pk: int):
    """Record a gesprek of the brede intake; the first one starts the intake."""
    person = scoped_person(request, pk)
    intake = services.latest_intake(person)
    if intake is not None and not intake.is_draft:
        messages.error(
            request, _("De brede intake is afgerond. Heropen haar om een gesprek toe te voegen.")
        )
        return redirect("intake_detail", pk=person.pk)
    initial = {"date": timezone.localdate(), "participants": [request.user.pk]}
    if person.interpreter_needed:
        initial.update(interpreter_used=True, interpreter_language=person.interpreter_language)
    form = GesprekForm(request.POST or None, person=person, initial=initial)
    is_first = intake is None or not intake.gesprekken.exists()
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                intake = services.start_intake(person, started_on=form.cleaned_data["date"])
                gesprek = form.save(commit=False)
                gesprek.intake = intake
                gesprek.recorded_by = request.user.username
                gesprek.save()
                form.save_m2m()
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Het gesprek is vastgelegd."))
            warning = services.senior_begeleider_warning(person, services.gesprekken_of(intake))
            if warning:
                messages.warning(request, warning)
            return redirect("intake_detail", pk=person.pk)
    if request.method == "GET":
        audit.log_read(intake or person, person.pk, "brede intake: gesprek toevoegen")
    context = {
        "person": person,
        "form": form,
        "senior_hint": is_first and services.senior_rule_applies(person),
    }
    return render(request, "intake/gesprek_form.html", context)


@requires(Permission.INTAKE_CHANGE)
def gesprek_correct(request, pk: int, gesprek_pk: int):
    """Correct a recorded gesprek (e.g. the senior begeleider who was there after all),
    also after the intake was completed; always with a reason for the history."""
    person = scoped_person(request, pk)
    gesprek = get_object_or_404(
        IntakeGesprek.objects.for_user(request.user).select_related("intake"),
        pk=gesprek_pk,
        intake__inburgeraar=person,
    )
    form = GesprekCorrectionForm(request.POST or None, person=person, instance=gesprek)
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_gesprek(
                form.save(commit=False),
                form.cleaned_data["participants"],
                form.cleaned_data["correctie_reden"],
                request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Het gesprek is gecorrigeerd."))
            warning = services.senior_begeleider_warning(
                person, services.gesprekken_of(gesprek.intake)
            )
            if warning:
                messages.warning(request, warning)
            return redirect("intake_detail", pk=person.pk)
    if request.method == "GET":
        audit.log_read(gesprek, person.pk, "brede intake: gesprek corrigeren")
    context = {"person": person, "form": form, "gesprek": gesprek, "correcting": True}
    return render(request, "intake/gesprek_form.html", context)


@requires(Permission.INTAKE_CHANGE)
@require_POST
def intake_complete(request, pk: int):
    person = scoped_person(request, pk)
    intake = get_object_or_404(
        BredeIntake.objects.for_user(request.user).drafts(), inburgeraar=person
    )
    try:
        services.complete_intake(
            intake,
            request.user.username,
            zonder_inburgeraar=request.POST.get("zonder_inburgeraar") == "1",
            geen_toets_reden=request.POST.get("geen_toets_reden"),
        )
    except ValidationError as error:
        messages.error(request, _("De brede intake is niet afgerond:"))
        _form_errors_to_messages(request, error)
    else:
        messages.success(request, _("De brede intake is afgerond."))
    return redirect("intake_detail", pk=person.pk)


@requires(Permission.INTAKE_CHANGE)
@require_POST
def intake_reopen(request, pk: int):
    person = scoped_person(request, pk)
    intake = services.latest_intake(person)
    if intake is None or intake.is_draft:
        raise Http404
    try:
        services.reopen_intake(intake)
    except ValidationError as error:
        _form_errors_to_messages(request, error)
    else:
        messages.success(request, _("De brede intake is heropend."))
    return redirect("intake_detail", pk=person.pk)


@requires(Permission.INTAKE_VIEW)
def toets_detail(request, pk: int):
    person = scoped_person(request, pk)
    toetsen = services.toetsen_of(person)
    audit.log_read(person, person.pk, "leerbaarheidstoets")
    context = {
        "person": person,
        "toetsen": toetsen,
        "invitations": sum(1 for t in toetsen if t.status != ToetsStatus.ONTHEFFING),
        "no_shows": sum(1 for t in toetsen if t.status == ToetsStatus.NIET_VERSCHENEN),
        "open_toets": next((t for t in toetsen if t.status == ToetsStatus.GEPLAND), None),
        "done": any(t.status in (ToetsStatus.AFGENOMEN, ToetsStatus.ONTHEFFING) for t in toetsen),
        "can_change": request.user.can(Permission.INTAKE_CHANGE),
    }
    return render(request, "intake/toets_detail.html", context)


@requires(Permission.INTAKE_CHANGE)
def toets_plan(request, pk: int):
    person = scoped_person(request, pk)
    form = ToetsPlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_toets(
                person, form.cleaned_data["date"], form.cleaned_data["toetsbegeleider"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De leerbaarheidstoets is gepland."))
            return redirect("toets_detail", pk=person.pk)
    if request.method == "GET":
        audit.log_read(person, person.pk, "leerbaarheidstoets plannen")
    return render(
        request,
        "intake/toets_form.html",
        {"person": person, "form": form, "title": _("Leerbaarheidstoets plannen")},
    )


@requires(Permission.INTAKE_CHANGE)
def toets_exemption(request, pk: int):
    person = scoped_person(request, pk)
    form = ToetsExemptionForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_exemption(
                person,
                form.cleaned_data["exemption_reason"],
                form.cleaned_data["date"],
                form.cleaned_data["notes"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De ontheffing van de leerbaarheidstoets is vastgelegd."))
            return redirect("toets_detail", pk=person.pk)
    if request.method == "GET":
        audit.log_read(person, person.pk, "leerbaarheidstoets: ontheffing")
    return render(
        request,
        "intake/toets_form.html",
        {
            "person": person,
            "form": form,
            "title": _("Ontheffing van de leerbaarheidstoets vastleggen"),
        },
    )


@requires(Permission.INTAKE_CHANGE)
def toets_result(request, pk: int, toets_pk: int):
    person = scoped_person(request, pk)
    toets = get_object_or_404(
        Leerbaarheidstoets.objects.for_user(request.user).select_related("toetsbegeleider"),
        pk=toets_pk,
        inburgeraar=person,
    )
    correcting = toets.status in (ToetsStatus.AFGENOMEN, ToetsStatus.NIET_VERSCHENEN)
    if toets.status != ToetsStatus.GEPLAND and not correcting:
        messages.error(request, _("Deze toets is al verwerkt."))
        return redirect("toets_detail", pk=person.pk)
    if correcting:
        # A processed result is a fact handhaving and the advice rely on: corrected only
        # with a reason.
        initial = {
            "status": toets.status,
            "date": toets.date,
            "b1_haalbaar": {True: "ja", False: "nee"}.get(toets.b1_haalbaar, ""),
            "outcome": toets.outcome,
        }
        form = ToetsCorrectionForm(request.POST or None, initial=initial)
    else:
        form = ToetsResultForm(request.POST or None, initial={"date": toets.date})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if correcting:
                services.correct_toets_result(
                    toets,
                    data["status"],
                    data["date"],
                    data["b1_haalbaar"],
                    data["outcome"],
                    data["correctie_reden"],
                    request.user,
                )
            else:
                services.record_toets_result(
                    toets, data["status"], data["date"], data["b1_haalbaar"], data["outcome"]
                )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("De uitslag is gecorrigeerd.") if correcting else _("De toets is verwerkt."),
            )
            return redirect("toets_detail", pk=person.pk)
    if request.method == "GET":
        audit.log_read(toets, person.pk, "leerbaarheidstoets: uitslag")
    return render(
        request,
        "intake/toets_form.html",
        {
            "person": person,
            "form": form,
            "toets": toets,
            "title": _("Uitslag van de leerbaarheidstoets corrigeren")
            if correcting
            else _("Uitslag van de leerbaarheidstoets vastleggen"),
        },
    )


# --- Oproepen for the brede intake (Wi art. 14 lid 1-2) ------------------------------------


@requires(Permission.INTAKE_CHANGE)
def oproep_add(request, pk: int):
    person = scoped_person(request, pk)
    form = OproepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            oproep = services.send_oproep(person, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(soort)s %(n)s is gemaakt. Download de brief en verstuur hem.")
                % {"soort": oproep.get_soort_display(), "n": oproep.volgnummer},
            )
            return redirect("intake_detail", pk=person.pk)
    if request.method == "GET":
        audit.log_read(person, person.pk, "oproep brede intake maken")
    return render(
        request,
        "intake/oproep_form.html",
        {"person": person, "form": form, "title": _("Oproep voor de brede intake")},
    )


@requires(Permission.INTAKE_CHANGE)
@require_POST
def oproep_result(request, pk: int, oproep_pk: int):
    person = scoped_person(request, pk)
    oproep = get_object_or_404(
        IntakeOproep.objects.for_user(request.user), pk=oproep_pk, inburgeraar=person
    )
    try:
        services.record_oproep_result(oproep, request.POST.get("status", ""))
    except ValidationError as error:
        _form_errors_to_messages(request, error)
    else:
        messages.success(request, _("De oproep is verwerkt."))
    return redirect("intake_detail", pk=person.pk)


# The letter carries the person's address: only the role that makes and sends it.
@requires(Permission.INTAKE_CHANGE)
def oproep_brief(request, pk: int, oproep_pk: int):
    person = scoped_person(request, pk)
    oproep = get_object_or_404(
        IntakeOproep.objects.for_user(request.user), pk=oproep_pk, inburgeraar=person
    )
    if not oproep.pdf:
        raise Http404
    audit.log_read(oproep, person.pk, f"brief {oproep.get_soort_display()} {oproep.kenmerk}")
    response = HttpResponse(bytes(oproep.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{oproep.filename}"'
    return response
