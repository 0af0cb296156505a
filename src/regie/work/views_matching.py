"""Pages of the matching of people to places (/werk/matching/...): start a run for one
municipality (a background job), read its proposals with their reasons, confirm (a
Plaatsing with status voorgesteld) or decline each with a reason. Thin: the rules are in
regie.rules.plaatsing_matching, the solver in regie.planning.plaatsing, the rest in
work/matching.py."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core import audit
from regie.core.access import requires, served_municipality_ids
from regie.core.audit import AuditAction
from regie.core.models import Municipality
from regie.core.roles import Permission
from regie.jobs import services as job_services
from regie.jobs import views as job_views
from regie.work import matching
from regie.work.models import (
    NietGeplaatst,
    PlaatsingMatchingRun,
    PlaatsingVoorstel,
    VoorstelStatus,
)


def _runs(user):
    """Runs for the municipalities the user serves. A run holds only counts; its
    proposals are personal data and each page filters them by the user's scope."""
    return PlaatsingMatchingRun.objects.filter(municipality__in=served_municipality_ids(user))


@requires(Permission.WORK_MANAGE)
def matching_home(request):
    """Start a run for a municipality the user serves; the latest runs."""
    user = request.user
    municipalities = list(
        Municipality.objects.filter(pk__in=served_municipality_ids(user)).order_by("name")
    )
    runs = list(_runs(user).select_related("municipality", "run_by")[:10])
    return render(
        request,
        "work/matching/home.html",
        {"municipalities": municipalities, "runs": runs},
    )


@requires(Permission.WORK_MANAGE)
@require_POST
def matching_start(request):
    """The solver runs in the background (work/jobs.py); the job's page shows its
    progress and links to the proposal."""
    try:
        municipality = int(request.POST.get("municipality", ""))
    except ValueError:
        municipality = 0
    if municipality not in served_municipality_ids(request.user):
        messages.error(request, _("Kies een gemeente waarvoor u werkt."))
        return redirect("plaatsing_matching")
    job = job_services.start(request.user, "plaatsing_matching", {"municipality": municipality})
    return job_views.started(request, job)


@requires(Permission.WORK_MANAGE)
def matching_run(request, run_pk: int):
    user = request.user
    run = get_object_or_404(_runs(user).select_related("municipality", "run_by"), pk=run_pk)
    voorstellen = list(
        PlaatsingVoorstel.objects.for_user(user)
        .filter(run=run)
        .select_related("inburgeraar", "plek__werkgever", "decided_by")
        .order_by("-score", "id")
    )
    niet = list(NietGeplaatst.objects.for_user(user).filter(run=run).select_related("inburgeraar"))
    audit.log_each(AuditAction.READ, voorstellen + niet, "plaatsingsvoorstel ingezien")
    return render(
        request,
        "work/matching/run.html",
        {
            "run": run,
            "voorstellen": voorstellen,
            "niet_geplaatst": niet,
            "today": timezone.localdate(),
            "open_status": VoorstelStatus.OPEN,
            "greedy_behind": run.placed_count > run.greedy_placed
            or run.total_score > run.greedy_score,
        },
    )


@requires(Permission.WORK_MANAGE)
@require_POST
def matching_decide(request, run_pk: int, voorstel_pk: int):
    user = request.user
    voorstel = get_object_or_404(
        PlaatsingVoorstel.objects.for_user(user)
        .filter(run__in=_runs(user))
        .select_related("inburgeraar", "plek__werkgever"),
        pk=voorstel_pk,
        run_id=run_pk,
    )
    action = request.POST.get("action")
    try:
        if action == "confirm":
            try:
                start = date.fromisoformat(request.POST.get("start", ""))
            except ValueError as error:
                raise ValidationError(_("Vul een geldige startdatum in.")) from error
            matching.confirm(voorstel, user, start)
            messages.success(
                request,
                _(
                    "Plaatsing voorgesteld: %(p)s op %(w)s. Zet de status op lopend als de "
                    "plaatsing begint."
                )
                % {"p": voorstel.inburgeraar.full_name, "w": voorstel.plek.title},
            )
        elif action == "decline":
            matching.decline(voorstel, user, request.POST.get("reason", ""))
            messages.success(request, _("Voorstel afgewezen."))
        else:
            messages.error(request, _("Kies bevestigen of afwijzen."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("plaatsing_matching_run", run_pk=run_pk)
