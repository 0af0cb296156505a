"""Pages of the PIP, nested under the person: overview with versions, the concept form
(goals as a formset), one version with its vaststelling, the beschikking download, and the
voortgangsgesprekken. Thin views: decisions in services.py, access in regie.core.access."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie import rules
from regie.core import audit
from regie.core.access import requires
from regie.core.models import AuditAction
from regie.core.roles import Permission
from regie.people.views import scoped_person
from regie.plans import documents, services
from regie.plans.forms import (
    BekendmakingForm,
    DoelVoortgangForm,
    GesprekForm,
    PIPVersieForm,
    VaststellenForm,
    doel_formset,
)
from regie.plans.models import (
    DoelVoortgang,
    GesprekStatus,
    Levensgebied,
    ParticipatieDoel,
    PIPVersie,
    Voortgangsgesprek,
)
from regie.rules import work as work_rules
from regie.rules.lifecycle import Status
from regie.work.models import Plaatsing, PlaatsingStatus

SPARE_GOAL_ROWS = 2  # empty goal rows below the rows per levensgebied


def _versie(request, person, nummer: int) -> PIPVersie:
    queryset = PIPVersie.objects.for_user(request.user).select_related(
        "pip__inburgeraar__municipality", "aanbieder", "opgesteld_door", "vastgesteld_door"
    )
    return get_object_or_404(queryset, pip__inburgeraar=person, nummer=nummer)


def visible_goals(goals, user) -> tuple[list, int]:
    """Goals on gezondheid may hold special-category data (AVG art. 9): only for roles
    that may see health data. Returns (shown goals, number hidden)."""
    if user.can(Permission.HEALTH_VIEW):
        return list(goals), 0
    shown = [g for g in goals if g.levensgebied != Levensgebied.GEZONDHEID]
    return shown, len(goals) - len(shown)


@requires(Permission.PIP_VIEW)
def pip_overview(request, pk: int):
    person = scoped_person(request, pk)
    audit.log_read(person, person.pk, "PIP-overzicht")
    user = request.user
    pip, versies = services.pip_and_versions(person)
    vastgesteld = services.vastgestelde(versies)
    current = vastgesteld[-1] if vastgesteld else None
    concept = next((v for v in versies if v.is_concept), None)
    termijn = services.termijn(pip)
    goals, hidden = visible_goals(current.doelen.all() if current else [], user)
    route_change = None
    if termijn:
        route_change = {
            "deadline": rules.leerroute_change_deadline(termijn[0]),
            "so_far": services.route_changes(vastgesteld),
            "max": services.max_route_changes(person),
        }
    context = {
        "person": person,
        "pip": pip,
        "versies": list(reversed(versies)),
        "current": current,
        "concept": concept,
        "termijn": termijn,
        "goals": goals,
        "hidden_goals": hidden,
        "voortgang": services.voortgang_of(person) if current else None,
        "advice": services.route_advice(person),
        "intake_completed": services.intake_completed(person),
        "draft_refusal": services.draft_refusal(person),
        "route_change": route_change,
        "can_start_uitvoering": person.status == Status.PIP_VASTGESTELD
        and user.can(Permission.PEOPLE_STATUS),
    }
    return render(request, "plans/overview.html", context)


@requires(Permission.PIP_VIEW)
def pip_versie(request, pk: int, versie: int):
    person = scoped_person(request, pk)
    version = _versie(request, person, versie)
    audit.log_read(version, person.pk, f"PIP versie {version.nummer}")
    goals, hidden = visible_goals(version.doelen.all(), request.user)
    problems, fingerprint = [], ""
    if version.is_concept and request.user.can(Permission.PIP_VASTSTELLEN):
        problems = services.vaststelling_problems(version, request.user, timezone.localdate())
        # What the colleague sees now: the vaststelling covers exactly this content.
        fingerprint = "" if problems else services.fingerprint(version)
    beschikking = None
    if not version.is_concept:
        from regie.plans.models import Beschikking

        beschikking = (
            Beschikking.objects.filter(versie=version)
            .only("template_versie", "bekendmaking", "bezwaar_einde", "created_at")
            .first()
        )
    placements = []
    if request.user.can(Permission.WORK_VIEW):
        placements = list(
            Plaatsing.objects.for_user(request.user)
            .filter(inburgeraar=person)
            .exclude(status=PlaatsingStatus.GESTOPT)
            .select_related("plek__werkgever", "job_coach")[:20]
        )
        audit.log_each(AuditAction.READ, placements, "plaatsingen in het PIP")
    running, missing = work_rules.participation_hours(
        version.participatie_uren_per_week,
        [p.hours_per_week for p in placements if p.status in work_rules.OCCUPYING],
    )
    context = {
        "person": person,
        "versie": version,
        "placements": placements,
        "placement_hours": running,
        "placement_hours_missing": missing,
        "week_hours": (version.lesuren_per_week or 0) + running,
        "participatie_doelen": [
            ParticipatieDoel(d).label
            for d in version.participatie_doelen
            if d in ParticipatieDoel.values
        ],
        "goals": goals,
        "hidden_goals": hidden,
        "problems": problems,
        "fingerprint": fingerprint,
        "beschikking": beschikking,
        "advice": services.route_advice(person) if version.is_concept else None,
        "vaststellen_form": VaststellenForm(initial={"dagtekening": timezone.localdate()}),
        "bekendmaking_form": BekendmakingForm(initial={"bekendgemaakt_op": timezone.localdate()}),
        "bezwaar_einde": None if version.is_concept else services.bezwaar_einde(version),
    }
    return render(request, "plans/versie.html", context)


@requires(Permission.PIP_DRAFT)
def pip_concept(request, pk: int):
    person = scoped_person(request, pk)
    refusal = services.draft_refusal(person)
    if refusal:
        messages.error(request, refusal)
        return redirect("pip_overview", pk=person.pk)
    versie, initial_goals = services.concept_or_new(person)
    advice = services.route_advice(person)
    has_vastgesteld = versie.nummer > 1
    data = request.POST if request.method == "POST" else None
    form = PIPVersieForm(
        data, instance=versie, person=person, advice=advice, has_vastgesteld=has_vastgesteld
    )
    # One row per levensgebied from the start (the first PIP's prefilled from the intake),
    # plus two empty rows for a further goal: a whole PIP is one page and one save.
    rows = services.goal_rows(person, versie, initial_goals, request.user)
    formset = doel_formset(extra=len(rows) + SPARE_GOAL_ROWS)(
        data, instance=versie, initial=rows or None, prefix="doelen"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = services.save_concept(
            form.instance, formset, request.user, aanbieden="aanbieden" in request.POST
        )
        if saved.aangeboden_op:
            messages.success(
                request,
                _("Het concept is opgeslagen en ter vaststelling aangeboden aan een collega."),
            )
        else:
            messages.success(request, _("Het concept is opgeslagen."))
        return redirect("pip_versie", pk=person.pk, versie=saved.nummer)
    if request.method == "GET":
        audit.log_read(person, person.pk, "PIP-concept")
    context = {
        "person": person,
        "versie": versie,
        "form": form,
        "formset": formset,
        "advice": advice,
        "intake_completed": services.intake_completed(person),
        "current": services.current_versie(versie.pip) if versie.pip.pk else None,
        "taken_over": services.takeover_labels(person)
        if versie.pk is None and versie.nummer == 1
        else [],
    }
    return render(request, "plans/concept.html", context)


@requires(Permission.PIP_VASTSTELLEN)
@require_POST
def pip_vaststellen(request, pk: int, versie: int):
    person = scoped_person(request, pk)
    version = _versie(request, person, versie)
    # Without a dagtekening in the form (older forms, the API) the dagtekening is today.
    data = request.POST.copy()
    data.setdefault("dagtekening", timezone.localdate().isoformat())
    form = VaststellenForm(data)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("pip_versie", pk=person.pk, versie=version.nummer)
    try:
        services.vaststellen(
            version,
            request.user,
            form.cleaned_data["dagtekening"],
            reviewed=request.POST.get("fingerprint", ""),
            dagtekening_reden=form.cleaned_data["dagtekening_reden"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("pip_versie", pk=person.pk, versie=version.nummer)
    messages.success(
        request,
        _("Het PIP (versie %(n)s) is vastgesteld. De beschikking staat klaar.")
        % {"n": version.nummer},
    )
    return redirect("pip_overview", pk=person.pk)


@requires(Permission.PIP_DRAFT)
@require_POST
def pip_bekendmaking(request, pk: int, versie: int):
    """'Verzonden / uitgereikt': record the bekendmaking of a vastgestelde version."""
    person = scoped_person(request, pk)
    version = _versie(request, person, versie)
    form = BekendmakingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        services.record_bekendmaking(
            version, request.user, form.cleaned_data["bekendgemaakt_op"], form.cleaned_data["wijze"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("pip_versie", pk=person.pk, versie=version.nummer)
    messages.success(
        request,
        _("De verzending is vastgelegd. De bezwaartermijn loopt tot en met %(dag)s.")
        % {"dag": date_format(services.bezwaar_einde(version), "j F Y")},
    )
    return redirect("pip_versie", pk=person.pk, versie=version.nummer)


@requires(Permission.BESCHIKKING_DOWNLOAD)
def pip_beschikking(request, pk: int, versie: int):
    person = scoped_person(request, pk)
    version = _versie(request, person, versie)
    if version.is_concept:
        messages.error(request, _("Een concept heeft nog geen beschikking."))
        return redirect("pip_versie", pk=person.pk, versie=version.nummer)
    # The document applies the page's field groups: a role that may not see health data
    # gets a copy with the health goals left out (issue 17, M3).
    redact = (
        not request.user.can(Permission.HEALTH_VIEW)
        and version.doelen.filter(levensgebied=Levensgebied.GEZONDHEID).exists()
    )
    with transaction.atomic():
        beschikking = services.beschikking_for(version)
        audit.log(
            AuditAction.DOWNLOAD,
            obj=beschikking,
            inburgeraar_id=person.pk,
            description=f"beschikking PIP versie {version.nummer} ({beschikking.template_versie})"
            + (" zonder gezondheidsdoelen" if redact else ""),
        )
    pdf = documents.redacted_copy(beschikking) if redact else bytes(beschikking.pdf)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{beschikking.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@requires(Permission.PIP_VIEW)
def voortgang_list(request, pk: int):
    person = scoped_person(request, pk)
    audit.log_read(person, person.pk, "voortgangsgesprekken")
    pip = services.pip_of(person)
    gesprekken = []
    if pip is not None:
        gesprekken = list(
            Voortgangsgesprek.objects.for_user(request.user)
            .filter(pip=pip)
            .select_related("vastgelegd_door")
            .prefetch_related("doelvoortgang__doel")
        )
    show_health = request.user.can(Permission.HEALTH_VIEW)
    context = {
        "person": person,
        "pip": pip,
        "current": services.current_versie(pip),
        "stand": services.voortgang_of(person),
        "gesprekken": gesprekken,
        "show_health": show_health,
        "gezondheid": Levensgebied.GEZONDHEID.value,
    }
    return render(request, "plans/voortgang.html", context)


@requires(Permission.PIP_DRAFT)
def voortgang_form(request, pk: int, gesprek: int | None = None):
    person = scoped_person(request, pk)
    pip = services.pip_of(person)
    current = services.current_versie(pip)
    if current is None:
        messages.error(request, _("Er is nog geen vastgesteld PIP om de voortgang van te volgen."))
        return redirect("pip_overview", pk=person.pk)
    if gesprek is None:
        instance = Voortgangsgesprek(
            pip=pip, status=GesprekStatus.GEHOUDEN, datum=timezone.localdate()
        )
    else:
        instance = get_object_or_404(
            Voortgangsgesprek.objects.for_user(request.user), pk=gesprek, pip=pip
        )
    goals, _hidden = visible_goals(services.gesprek_goals(pip), request.user)
    existing = (
        {p.doel_id: p for p in DoelVoortgang.objects.filter(gesprek=instance)}
        if instance.pk
        else {}
    )
    stand = services.voortgang_of(person)
    data = request.POST if request.method == "POST" else None
    form = GesprekForm(
        data,
        instance=instance,
        initial={
            "volgend_gesprek": services.voortgang_due(
                current.dagtekening, instance.datum, current.voortgang_frequentie_weken
            )
            if instance.status != GesprekStatus.VERVALLEN and current.voortgang_frequentie_weken
            else None
        },
    )
    progress_forms = [
        DoelVoortgangForm(
            data,
            doel=goal,
            prefix=f"doel-{goal.pk}",
            initial={
                "status": existing[goal.pk].status if goal.pk in existing else "",
                "toelichting": existing[goal.pk].toelichting if goal.pk in existing else "",
            },
        )
        for goal in goals
    ]
    if (
        request.method == "POST"
        and form.is_valid()
        and all(progress.is_valid() for progress in progress_forms)
    ):
        services.save_gesprek(
            form.instance,
            [
                (p.doel, p.cleaned_data["status"], p.cleaned_data["toelichting"])
                for p in progress_forms
            ],
            request.user,
            form.cleaned_data.get("volgend_gesprek"),
        )
        messages.success(request, _("Het voortgangsgesprek is opgeslagen."))
        return redirect("voortgang_list", pk=person.pk)
    if request.method == "GET":
        audit.log_read(person, person.pk, "voortgangsgesprek")
    context = {
        "person": person,
        "form": form,
        "progress_forms": progress_forms,
        "gesprek": instance,
        "current": current,
        "stand": stand,
    }
    return render(request, "plans/gesprek_form.html", context)
