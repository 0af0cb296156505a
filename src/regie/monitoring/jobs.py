"""The monitoring exports as background jobs (regie.jobs): the figures of a page as CSV or
XLSX, and the pseudonymised extract. Each runs with the starting user's scope: the
municipalities their organisation serves, as the page does."""

from __future__ import annotations

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.access import served_municipality_ids
from regie.core.models import AuditAction
from regie.core.roles import Permission
from regie.jobs.registry import JobContext, JobResult, job_kind
from regie.monitoring import exports
from regie.monitoring.forms import FilterForm

FILTER_FIELDS = ("gemeente", "vanaf", "tot", "cohort", "doelgroep", "leerroute", "aanbieder")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filter_params(query: QueryDict) -> dict:
    """The filters of a monitoring page's query string, as a job's parameters."""
    return {name: query.get(name, "") for name in FILTER_FIELDS if query.get(name, "")}


def _filters(ctx: JobContext):
    query = QueryDict(mutable=True)
    query.update(ctx.params.get("filters", {}))
    return FilterForm(query or None, served_municipality_ids(ctx.user)).filters()


def _export_label(params: dict) -> str:
    from regie.monitoring.views import VIEWS

    title = VIEWS.get(params.get("view"), VIEWS["dashboard"])[0]
    return _("Monitoring-export %(view)s (%(fmt)s)") % {
        "view": title,
        "fmt": params.get("fmt", "csv"),
    }


@job_kind("monitoring_export", Permission.FIGURES_VIEW, label=_export_label)
def monitoring_export(ctx: JobContext) -> JobResult:
    from regie.monitoring import services
    from regie.monitoring.views import VIEWS

    view = ctx.params.get("view") if ctx.params.get("view") in VIEWS else "dashboard"
    fmt = "xlsx" if ctx.params.get("fmt") == "xlsx" else "csv"
    ctx.progress(5, _("Cijfers berekenen"))
    tables = services.tables_for(view, _filters(ctx), timezone.localdate())
    ctx.progress(60, _("Bestand maken"))
    if fmt == "xlsx":
        content, content_type = exports.tables_xlsx(tables), XLSX
    else:
        content, content_type = exports.tables_csv(tables), "text/csv; charset=utf-8"
    audit.log(
        AuditAction.EXPORT,
        description=f"monitoring {view} ({fmt}), kleine aantallen onderdrukt",
        object_type="monitoring",
        avg_relevant=False,
    )
    stamp = timezone.localdate().isoformat()
    return JobResult(
        content,
        f"monitoring-{view}-{stamp}.{fmt}",
        content_type,
        _("%(n)s tabellen, aantallen onder 5 verborgen.") % {"n": len(tables)},
    )


@job_kind(
    "monitoring_extract",
    Permission.RULES_MANAGE,
    label=lambda params: _("Gepseudonimiseerd extract voor statistiek"),
)
def monitoring_extract(ctx: JobContext) -> JobResult:
    if not ctx.user.can(Permission.FIGURES_VIEW):
        from regie.jobs.registry import JobError

        raise JobError(_("U mag geen cijfers over de inburgering zien."))
    ctx.progress(2, _("Personen tellen"))

    def progress(done: int, total: int) -> None:
        ctx.progress(
            2 + 95 * done / max(total, 1),
            _("%(done)s van %(total)s personen")
            % {
                "done": done,
                "total": total,
            },
        )

    content, n = exports.extract_csv(_filters(ctx), progress)
    audit.log(
        AuditAction.EXPORT,
        description=f"gepseudonimiseerd extract {exports.EXTRACT_FORMAT}: {n} personen",
        object_type="monitoring",
    )
    stamp = timezone.localdate().isoformat()
    return JobResult(
        content,
        f"{exports.EXTRACT_FORMAT}-{stamp}.csv",
        "text/csv; charset=utf-8",
        _("%(n)s personen, gepseudonimiseerd.") % {"n": n},
    )
