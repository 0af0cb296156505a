"""The inzage export (AVG art. 15): everything Regie holds about one person, as JSON and
as a PDF for the person, collected from every app's registered ``PersonData``
(regie.core.privacy), with the history of changes and who (organisation and role, not
the employee's name) read or changed the file.

The export is a background job (regie.core.jobs.avg_inzage): for a person with a big
file the PDF takes a while. Handled by the functioneel beheerder — who first records the
request as a dated access grant for the person — or by the person's own klantmanager
(permission AVG_EXPORT). The export includes the health data: it is meant for the data
subject. Every export is audit-logged.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from regie.core import audit
from regie.core.access import requires
from regie.core.extensions import PersonSection, person_model, person_section
from regie.core.models import AuditAction, AuditEvent, FieldChange, Verwerkingsactiviteit
from regie.core.pdf import html_to_pdf
from regie.core.privacy import person_data_providers
from regie.core.roles import Permission
from regie.rules.retention import TERMS, term_years

PURPOSES = (
    "Uitvoering van de Wet inburgering 2021: brede intake, persoonlijk plan inburgering en "
    "participatie (PIP), begeleiding, voortgang en handhaving (Wet inburgering 2021 art. 14-"
    "27; AVG art. 6 lid 1 onder c en e). Gezondheidsgegevens alleen voor zover nodig voor "
    "uw leerroute en begeleiding (AVG art. 9 lid 2 onder g; Wet inburgering 2021 art. 14)."
)
RIGHTS = (
    "U mag onjuiste gegevens laten verbeteren (AVG art. 16), bezwaar maken tegen de "
    "verwerking (art. 21) en een klacht indienen bij de Autoriteit Persoonsgegevens. Neem "
    "daarvoor contact op met uw gemeente."
)


def inzage_data(person) -> dict:
    """The complete export as plain data (the JSON file; the PDF shows the same)."""
    history = FieldChange.objects.filter(inburgeraar_id=person.pk).order_by("at", "id")
    # Also the processings before the person was in Regie (a BRP query at registration),
    # found by the keyed hash of the BSN (docs/verwerkingenlog.md).
    events = AuditEvent.objects.filter(
        Q(inburgeraar_id=person.pk) | Q(subject_ref=audit.subject_ref(person.bsn))
    ).order_by("at", "id")
    activities = dict(Verwerkingsactiviteit.objects.values_list("code", "naam"))
    return {
        "document": "Inzage in persoonsgegevens (AVG artikel 15)",
        "gemaakt_op": timezone.localtime().isoformat(timespec="seconds"),
        "verwerkingsverantwoordelijke": f"Gemeente {person.municipality.name}",
        "inburgeraar": person.pk,
        "doelen_en_grondslag": PURPOSES,
        "bewaartermijnen": [
            {
                "soort": term.record_type.value,
                # The term this municipality keeps (its configuration within the law).
                "jaren": term_years(term.record_type, settings.REGIE_RETENTION_YEARS),
                "toelichting": term.description,
            }
            for term in TERMS.values()
        ],
        "rechten": RIGHTS,
        "onderdelen": [
            {"sleutel": entry.key, "titel": entry.label, "records": entry.collect(person)}
            for entry in person_data_providers()
        ],
        "wijzigingshistorie": [
            {
                "tijdstip": timezone.localtime(change.at).isoformat(timespec="seconds"),
                "gegeven": change.object_type,
                "veld": change.field_label or change.field,
                "oud": change.old_value,
                "nieuw": change.new_value,
            }
            for change in history
        ],
        "verwerkingen": [
            {
                "tijdstip": timezone.localtime(event.at).isoformat(timespec="seconds"),
                "organisatie": event.organisation,
                "rollen": event.roles,
                "handeling": event.get_action_display(),
                "gegeven": event.object_type,
                "verwerkingsactiviteit": activities.get(event.activity, ""),
            }
            for event in events
        ],
    }


def _person(request, pk):
    """The person, if the user may see them; otherwise 404 (existence not disclosed)."""
    queryset = person_model().objects.for_user(request.user).select_related("municipality")
    return get_object_or_404(queryset, pk=pk)


def log_inzage(person, what: str) -> None:
    """The audit event of one inzage export (by the user in the audit context: the page's
    user, or the starting user when the job runs in the worker)."""
    audit.log(
        AuditAction.EXPORT,
        obj=person,
        inburgeraar_id=person.pk,
        description=f"inzage AVG art. 15 ({what})",
        activity="avg-inzage",
    )


def render_pdf(person, data: dict) -> bytes:
    html = render_to_string("core/inzage_pdf.html", {"data": data, "person": person})
    return html_to_pdf(html)


def special_category_models() -> list:
    """The registered models that hold special-category data (AVG art. 9): as a whole
    (``special_category``) or in some of their rows (``special_category_q``, such as a PIP
    goal on the levensgebied gezondheid or a referral that shares health information)."""
    return [
        model
        for entry in person_data_providers()
        for model in entry.models
        if getattr(model, "special_category", False)
        or getattr(model, "special_category_q", None) is not None
    ]


def holds_special_category(person) -> bool:
    """Whether the file holds special-category data anywhere: a record of a health model, a
    row marked so by ``special_category_q``, or the history of a special-category field
    (which the inzage's wijzigingshistorie shows)."""
    for model in special_category_models():
        rows = model._base_manager.filter(**{f"{model.person_path}pk": person.pk})
        if not getattr(model, "special_category", False):
            rows = rows.filter(model.special_category_q)
        if rows.exists():
            return True
    return FieldChange.objects.filter(inburgeraar_id=person.pk, special_category=True).exists()


def health_refusal() -> str:
    return _(
        "Dit dossier bevat gezondheidsgegevens (bijzondere persoonsgegevens, AVG art. 9). "
        "Een volledige inzage maakt daarom de klantmanager of de maatschappelijk "
        "begeleider, die deze gegevens mag inzien."
    )


def _refused_without_health_view(request, person):
    """The inzage must be complete, so when the file holds health data only a role that may
    see them makes it (issue 17, M2a); the others are told who can."""
    if request.user.can(Permission.HEALTH_VIEW) or not holds_special_category(person):
        return None
    messages.error(request, health_refusal())
    return redirect("person_detail", pk=person.pk)


def _inzage(request, pk: int, fmt: str):
    """GET (an old link or bookmark): a page with the button that starts the inzage; POST:
    start it as a background job (regie.core.jobs.avg_inzage; it can take a while for a
    big file) and follow it on the job's page, where the file is offered for download to
    this user only. Scope and the health-data rule are checked here and again in the
    worker; the audit event is written when the job makes the file."""
    from regie.jobs import services as job_services
    from regie.jobs import views as job_views

    person = _person(request, pk)
    if refused := _refused_without_health_view(request, person):
        return refused
    if request.method != "POST":
        return render(
            request,
            "core/inzage_start.html",
            {"person": person, "format": fmt, "label": fmt.upper()},
        )
    job = job_services.start(request.user, "avg_inzage", {"person": person.pk, "format": fmt})
    return job_views.started(request, job)


@requires(Permission.AVG_EXPORT)
@require_http_methods(["GET", "POST"])
def inzage_json(request, pk: int):
    return _inzage(request, pk, "json")


@requires(Permission.AVG_EXPORT)
@require_http_methods(["GET", "POST"])
def inzage_pdf(request, pk: int):
    return _inzage(request, pk, "pdf")


@person_section
def inzage_section(request, person) -> PersonSection | None:
    if not request.user.can(Permission.AVG_EXPORT):
        return None
    return PersonSection("core/_inzage_section.html", {"person": person}, order=95)
