"""The weekprogramma of a group as a background job (regie.jobs): the solver may take up to
BACKGROUND_SOLVER_SECONDS at city size, which no web request should wait for. The job
plans only persons in the starting user's scope (``for_user``) and stores the concepts in
one transaction (``services.propose``): a failure stores nothing."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regie.core.roles import Permission
from regie.jobs.registry import JobContext, JobError, JobResult, job_kind

# In the background the solver may search longer than a page could wait (SOLVER_SECONDS);
# it stops earlier when it has proved its proposal the best.
BACKGROUND_SOLVER_SECONDS = 60


def _label(params: dict) -> str:
    n = len(params.get("persons", []))
    return ngettext(
        "Weekprogramma voor %(n)s inburgeraar", "Weekprogramma's voor %(n)s inburgeraars", n
    ) % {"n": n}


@job_kind("weekprogramme_group", Permission.WEEKPROGRAMME_PLAN, label=_label)
def weekprogramme_group(ctx: JobContext) -> JobResult:
    from regie.activities import services
    from regie.activities.views import PLANNABLE
    from regie.people.models import Inburgeraar

    try:
        valid_from = date.fromisoformat(ctx.params["valid_from"])
    except (KeyError, ValueError) as error:
        raise JobError(_("De ingangsdatum ontbreekt of is ongeldig.")) from error
    ids = [int(pk) for pk in ctx.params.get("persons", [])]
    ctx.progress(2, _("Gegevens van de inburgeraars verzamelen"))
    persons = list(
        Inburgeraar.objects.for_user(ctx.user)
        .filter(pk__in=ids, status__in=list(PLANNABLE))
        .select_related("municipality")
        .order_by("last_name", "first_name")
    )
    if not persons:
        raise JobError(_("Geen van deze inburgeraars kan nu worden gepland door u."))
    facts = services.plan_facts(persons)
    fixed = services.fixed_hours_for(persons, valid_from)
    params, skipped = {}, []
    for person in persons:
        found = services.default_params(person, facts[person.pk], fixed[person.pk])
        if found is None:
            skipped.append(person)
        else:
            params[person.pk] = found
    planned = [p for p in persons if p.pk in params]
    if not planned:
        raise JobError(_("Geen van deze inburgeraars heeft een vastgesteld PIP met een leerroute."))
    with ctx.ticking(
        10, 95, BACKGROUND_SOLVER_SECONDS, _("De beste verdeling over de sessies zoeken")
    ):
        created = services.propose(
            planned, params, valid_from, ctx.user, time_limit_s=BACKGROUND_SOLVER_SECONDS
        )
    summary = ngettext("%(n)s voorstel gemaakt.", "%(n)s voorstellen gemaakt.", len(created)) % {
        "n": len(created)
    }
    if skipped:
        summary += " " + _(
            "Niet gepland (nog geen vastgesteld PIP met een leerroute): %(names)s."
        ) % {"names": ", ".join(str(p) for p in skipped)}
    if len(created) == 1:
        link = reverse(
            "weekprogramme_detail",
            kwargs={"pk": created[0].inburgeraar_id, "programme": created[0].pk},
        )
    else:
        link = f"{reverse('weekprogramme_group')}?batch={created[0].batch}"
    return JobResult(summary=summary, link=link, link_text=_("Bekijk en bevestig de voorstellen"))
