"""Monitoring pages: figures only, for the municipalities the user's organisation serves.
No page or export here shows a name or any one person's file."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from regie.core.access import requires, served_municipality_ids
from regie.core.roles import Permission
from regie.jobs import services as job_services
from regie.jobs import views as job_views
from regie.monitoring import facts, jobs, services
from regie.monitoring.forms import FilterForm

VIEWS = {
    "dashboard": (gettext_lazy("Dashboard"), "monitoring_dashboard"),
    "cohorten": (gettext_lazy("Cohorten"), "monitoring_cohorts"),
    "proces": (gettext_lazy("Proces en aanbieders"), "monitoring_process"),
    "borging": (gettext_lazy("Borging"), "monitoring_borging"),
}


def _form(request) -> FilterForm:
    return FilterForm(request.GET or None, served_municipality_ids(request.user))


def _page(request, view, title, intro, extra=None):
    form = _form(request)
    # Wide views (many municipalities) read the facts rebuilt by the scheduled job and say
    # how old they are; narrow views read the source tables live.
    filters, stand = facts.resolve(form.filters())
    tables = services.tables_for(view, filters, timezone.localdate())
    context = {
        "stand": stand,
        "form": form,
        "tables": tables,
        "title": title,
        "intro": intro,
        "view": view,
        "views": [(k, label, url) for k, (label, url) in VIEWS.items()],
        "query": request.GET.urlencode(),
        **(extra or {}),
    }
    return render(request, "monitoring/page.html", context)


@requires(Permission.FIGURES_VIEW)
def dashboard(request):
    return _page(
        request,
        "dashboard",
        _("Monitoring inburgering"),
        _(
            "Cijfers uit de actuele gegevens van de gemeenten waarvoor uw organisatie werkt. "
            "Alleen aantallen, nooit namen."
        ),
        {"not_available": services.not_available()},
    )


@requires(Permission.FIGURES_VIEW)
def cohorts(request):
    return _page(
        request,
        "cohorten",
        _("Cohorten"),
        _(
            "Per jaar waarin de inburgeringsplicht begon (datum kennisgeving), gesplitst naar "
            "asiel- en gezinsmigranten, zoals de CBS Statistiek Wet inburgering."
        ),
    )


@requires(Permission.FIGURES_VIEW)
def process(request):
    return _page(
        request,
        "proces",
        _("Proces en aanbieders"),
        _(
            "Waar personen het langst wachten en de cijfers per aanbieder voor het "
            "contractmanagement."
        ),
    )


@requires(Permission.FIGURES_VIEW)
def borging(request):
    return _page(
        request,
        "borging",
        _("Borging"),
        _(
            "Per activiteit en jaar de deelname en de toegewezen financiering; per jaar en "
            "bron de financiering en wat daarvan nog niet aan een activiteit is toegewezen."
        ),
    )


@requires(Permission.FIGURES_VIEW)
@require_POST
def export(request):
    """Start the figures of one page as CSV or XLSX (counts under 5 hidden: an export can
    leave the municipality) as a background job; the job's page shows its progress."""
    view = request.GET.get("overzicht", "dashboard")
    view = view if view in VIEWS else "dashboard"
    fmt = "xlsx" if request.POST.get("formaat") == "xlsx" else "csv"
    params = {"view": view, "fmt": fmt, "filters": jobs.filter_params(_form(request).data)}
    return job_views.started(request, job_services.start(request.user, "monitoring_export", params))


# The per-person extract is pseudonymised personal data, not figures: only the
# functioneel beheerder delivers it (RULES_MANAGE and FIGURES_VIEW), never the regisseur.
@requires(Permission.RULES_MANAGE)
@require_POST
def extract(request):
    if not request.user.can(Permission.FIGURES_VIEW):
        raise PermissionDenied
    params = {"filters": jobs.filter_params(_form(request).data)}
    job = job_services.start(request.user, "monitoring_extract", params)
    return job_views.started(request, job)
