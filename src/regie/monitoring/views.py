"""Monitoring pages: figures only, for the municipalities the user's organisation serves.
No page or export here shows a name or any one person's file."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core import audit
from regie.core.access import requires, served_municipality_ids
from regie.core.models import AuditAction
from regie.core.roles import Permission
from regie.monitoring import exports, services
from regie.monitoring.forms import FilterForm

VIEWS = {
    "dashboard": (gettext_lazy("Dashboard"), "monitoring_dashboard"),
    "cohorten": (gettext_lazy("Cohorten"), "monitoring_cohorts"),
    "proces": (gettext_lazy("Proces en aanbieders"), "monitoring_process"),
    "borging": (gettext_lazy("Borging"), "monitoring_borging"),
}


def _form(request) -> FilterForm:
    return FilterForm(request.GET or None, served_municipality_ids(request.user))


def _tables(view: str, filters, today):
    if view == "cohorten":
        return services.cohort_tables(filters, today)
    if view == "proces":
        return services.process_tables(filters, today)
    if view == "borging":
        return services.borging_tables(filters)
    return services.dashboard_tables(filters, today)


def _page(request, view, title, intro, extra=None):
    form = _form(request)
    tables = _tables(view, form.filters(), timezone.localdate())
    context = {
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
def export(request):
    """The figures of one page as CSV or XLSX, with counts under 5 hidden: an export can
    leave the municipality."""
    view = request.GET.get("overzicht", "dashboard")
    view = view if view in VIEWS else "dashboard"
    fmt = "xlsx" if request.GET.get("formaat") == "xlsx" else "csv"
    tables = _tables(view, _form(request).filters(), timezone.localdate())
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        content = exports.tables_xlsx(tables)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exports.tables_csv(tables)
        content_type = "text/csv; charset=utf-8"
    audit.log(
        AuditAction.EXPORT,
        description=f"monitoring {view} ({fmt}), kleine aantallen onderdrukt",
        object_type="monitoring",
        avg_relevant=False,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="monitoring-{view}-{stamp}.{fmt}"'
    return response


# The per-person extract is pseudonymised personal data, not figures: only the
# functioneel beheerder delivers it (RULES_MANAGE and FIGURES_VIEW), never the regisseur.
@requires(Permission.RULES_MANAGE)
def extract(request):
    if not request.user.can(Permission.FIGURES_VIEW):
        raise PermissionDenied
    content, n = exports.extract_csv(_form(request).filters())
    audit.log(
        AuditAction.EXPORT,
        description=f"gepseudonimiseerd extract {exports.EXTRACT_FORMAT}: {n} personen",
        object_type="monitoring",
    )
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.EXTRACT_FORMAT}-{stamp}.csv"'
    return response
