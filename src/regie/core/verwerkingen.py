"""The register of processing activities (AVG art. 30) and the processing log per person
in the form of the Logius standard 'Logboek dataverwerkingen' (docs/verwerkingenlog.md).

The audit log is the log: every event about a person carries the trace context, the
processing activity and the data subject (regie.core.audit). This module lets the
functioneel beheerder keep the register's texts and export a person's processings, within
the municipalities their organisation serves (``audit_scope_q``).
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core import audit
from regie.core.access import requires, served_municipality_ids
from regie.core.administration import audit_scope_q
from regie.core.extensions import person_model
from regie.core.models import AuditAction, AuditEvent, Verwerkingsactiviteit
from regie.core.roles import Permission

SUBJECT_ID_TYPE = "BSN (HMAC-SHA256, sleutel van de installatie)"
# Events of these actions failed: the standard's status code ERROR.
ERROR_ACTIONS = {AuditAction.LOGIN_FAILED}


class VerwerkingsactiviteitForm(forms.ModelForm):
    class Meta:
        model = Verwerkingsactiviteit
        fields = [
            "naam",
            "doel",
            "grondslag",
            "categorieen_betrokkenen",
            "categorieen_gegevens",
            "ontvangers",
            "bewaartermijn",
        ]
        widgets = {
            "doel": forms.Textarea(attrs={"rows": 3}),
            "grondslag": forms.Textarea(attrs={"rows": 2}),
            "categorieen_gegevens": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "grondslag": gettext_lazy("AVG art. 6 (en art. 9 of 10) en de wet die de taak geeft."),
            "bewaartermijn": gettext_lazy("Hoe lang de gegevens worden bewaard, en waarom."),
        }


@requires(Permission.RULES_MANAGE)
def activiteiten(request):
    return render(
        request,
        "core/verwerkingsactiviteiten.html",
        {"activiteiten": Verwerkingsactiviteit.objects.all()},
    )


@requires(Permission.RULES_MANAGE)
def activiteit_edit(request, pk: int):
    activiteit = get_object_or_404(Verwerkingsactiviteit, pk=pk)
    form = VerwerkingsactiviteitForm(request.POST or None, instance=activiteit)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.changed_by = request.user.username
            saved.save()
            audit.log(
                AuditAction.UPDATE,
                obj=saved,
                avg_relevant=False,
                description=f"register van verwerkingsactiviteiten: {saved.code} "
                f"({', '.join(form.changed_data) or 'niets'})",
            )
        messages.success(request, _("De verwerkingsactiviteit is opgeslagen."))
        return redirect("verwerkingsactiviteiten")
    return render(
        request, "core/verwerkingsactiviteit_form.html", {"form": form, "activiteit": activiteit}
    )


def _ms(value) -> int:
    return int(value.timestamp() * 1000)


def records(events, register: dict[str, Verwerkingsactiviteit], subject: str) -> list[dict]:
    """The events as log records of the standard: trace_id, span_id, name, start and end
    (the event is a moment), status and the ``dpl.core`` attributes; Regie's own fields in
    the namespace ``regie``."""
    out = []
    for event in events:
        activiteit = register.get(event.activity)
        out.append(
            {
                "trace_id": event.trace_id,
                "span_id": event.span_id,
                "name": f"{event.action} {event.object_type}".strip(),
                "start_time": _ms(event.at),
                "end_time": _ms(event.at),
                "status_code": (
                    "STATUS_CODE_ERROR" if event.action in ERROR_ACTIONS else "STATUS_CODE_OK"
                ),
                "resource": {"service.name": "regie"},
                "attributes": {
                    "dpl.core.processing_activity_id": (
                        Verwerkingsactiviteit.URI_PREFIX + event.activity if event.activity else ""
                    ),
                    "dpl.core.data_subject_id": subject,
                    "dpl.core.data_subject_id_type": SUBJECT_ID_TYPE,
                    "regie.tijdstip": timezone.localtime(event.at).isoformat(timespec="seconds"),
                    "regie.verwerkingsactiviteit": activiteit.naam if activiteit else "",
                    "regie.handeling": event.get_action_display(),
                    "regie.gebruiker": event.username,
                    "regie.rollen": event.roles,
                    "regie.organisatie": event.organisation,
                    "regie.omschrijving": event.description,
                    "regie.pagina": event.route,
                },
            }
        )
    return out


def register_entries(codes) -> list[dict]:
    return [
        {
            "id": a.uri,
            "naam": a.naam,
            "doel": a.doel,
            "grondslag": a.grondslag,
            "categorieen_betrokkenen": a.categorieen_betrokkenen,
            "categorieen_persoonsgegevens": a.categorieen_gegevens,
            "ontvangers": a.ontvangers,
            "bewaartermijn": a.bewaartermijn,
        }
        for a in Verwerkingsactiviteit.objects.filter(code__in=codes)
    ]


@requires(Permission.AUDIT_VIEW)
def export(request):
    """``?inburgeraar=<number>``: every processing of that person's data as JSON in the
    form of the Logboek dataverwerkingen, with the processing activities it names. Only a
    person of the beheerder's own municipalities; the events within audit_scope_q."""
    try:
        number = int(request.GET.get("inburgeraar", ""))
    except ValueError:
        number = 0
    persons = person_model().objects.filter(municipality__in=served_municipality_ids(request.user))
    person = persons.filter(pk=number).only("pk", "bsn").first() if number > 0 else None
    if person is None:
        messages.error(
            request,
            _(
                "Kies eerst één inburgeraar (nummer) van uw gemeenten om het verwerkingenlog "
                "te exporteren."
            ),
        )
        return redirect("audit_log")
    subject = audit.subject_ref(person.bsn)
    events = list(
        AuditEvent.objects.filter(audit_scope_q(request.user))
        .filter(Q(inburgeraar_id=person.pk) | Q(subject_ref=subject))
        .order_by("at", "id")
    )
    codes = {e.activity for e in events if e.activity}
    register = {a.code: a for a in Verwerkingsactiviteit.objects.filter(code__in=codes)}
    body = {
        "standaard": "Logboek dataverwerkingen (Logius)",
        "inburgeraar": person.pk,
        "gemaakt_op": timezone.localtime().isoformat(timespec="seconds"),
        "verwerkingsactiviteiten": register_entries(codes),
        "verwerkingen": records(events, register, subject),
    }
    audit.log(
        AuditAction.EXPORT,
        obj=person,
        inburgeraar_id=person.pk,
        object_type="auditevent",
        description=f"verwerkingenlog: {len(events)} verwerkingen",
        activity="avg-inzage",
    )
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="regie-verwerkingenlog-{person.pk}.json"'
    )
    return response
