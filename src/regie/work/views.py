"""Pages of participatie en werk: the register of werkgevers and plekken (/werk/...) and
the placements of one person (/inburgeraars/<pk>/werk/...). Thin: the rules are in
regie.rules.work and services.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.access import requires, served_municipality_ids
from regie.core.audit import AuditAction
from regie.core.roles import Permission
from regie.people.views import scoped_person
from regie.rules import work as rules
from regie.work import services
from regie.work.forms import (
    EvaluatieForm,
    PlaatsingForm,
    PlaatsingStatusForm,
    PlekForm,
    UitstroomForm,
    WerkgeverForm,
)
from regie.work.models import Evaluatie, Plaatsing, PlaatsingStatus, PlekSoort, Werkgever


def _apply_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _werkgevers(user):
    return Werkgever.objects.for_user(user)


@requires(Permission.WORK_VIEW)
def werkgever_list(request):
    user = request.user
    soort = request.GET.get("soort", "")
    werkgevers = _werkgevers(user).annotate(
        plek_count=Count("plekken", filter=Q(plekken__active=True), distinct=True),
        seats=Count(
            "plekken__plaatsingen",
            filter=Q(plekken__plaatsingen__status__in=sorted(rules.OCCUPYING)),
            distinct=True,
        ),
    )
    if soort in PlekSoort.values:
        werkgevers = werkgevers.filter(plekken__soort=soort, plekken__active=True).distinct()
    return render(
        request,
        "work/werkgever_list.html",
        {
            "werkgevers": list(werkgevers[:500]),
            "soorten": PlekSoort.choices,
            "soort": soort,
            "can_manage": user.can(Permission.WORK_MANAGE),
        },
    )


@requires(Permission.WORK_VIEW)
def werkgever_detail(request, werkgever_pk: int):
    user = request.user
    werkgever = get_object_or_404(_werkgevers(user).select_related("municipality"), pk=werkgever_pk)
    plekken = list(
        werkgever.plekken.annotate(
            running=Count("plaatsingen", filter=Q(plaatsingen__status__in=sorted(rules.OCCUPYING)))
        )
    )
    for plek in plekken:
        plek.free = rules.capacity_left(plek.capacity, plek.running)
    placements = []
    if user.can(Permission.WORK_MANAGE):
        # Only the placements of persons the user may see; the register itself holds none.
        placements = list(
            Plaatsing.objects.for_user(user)
            .filter(plek__werkgever=werkgever)
            .select_related("inburgeraar", "plek", "job_coach")[:200]
        )
        audit.log_each(AuditAction.READ, placements, "plaatsingen bij werkgever")
    return render(
        request,
        "work/werkgever_detail.html",
        {
            "werkgever": werkgever,
            "plekken": plekken,
            "placements": placements,
            "can_manage": user.can(Permission.WORK_MANAGE),
        },
    )


@requires(Permission.WORK_MANAGE)
def werkgever_edit(request, werkgever_pk: int | None = None):
    user = request.user
    werkgever = get_object_or_404(_werkgevers(user), pk=werkgever_pk) if werkgever_pk else None
    form = WerkgeverForm(
        request.POST or None, instance=werkgever, municipality_ids=served_municipality_ids(user)
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        audit.log(
            AuditAction.UPDATE if werkgever else AuditAction.CREATE,
            obj=saved,
            description=f"werkgeversregister: {saved.name}",
            avg_relevant=False,
        )
        messages.success(request, _("Werkgever opgeslagen."))
        return redirect("werkgever_detail", werkgever_pk=saved.pk)
    return render(request, "work/werkgever_form.html", {"form": form, "werkgever": werkgever})


@requires(Permission.WORK_MANAGE)
def plek_edit(request, werkgever_pk: int, plek_pk: int | None = None):
    werkgever = get_object_or_404(_werkgevers(request.user), pk=werkgever_pk)
    plek = get_object_or_404(werkgever.plekken, pk=plek_pk) if plek_pk else None
    form = PlekForm(request.POST or None, instance=plek)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.werkgever = werkgever
        saved.save()
        audit.log(
            AuditAction.UPDATE if plek else AuditAction.CREATE,
            obj=saved,
            description=f"plek bij {werkgever.name}: {saved.title}",
            avg_relevant=False,
        )
        messages.success(request, _("Plek opgeslagen."))
        return redirect("werkgever_detail", werkgever_pk=werkgever.pk)
    return render(
        request, "work/plek_form.html", {"form": form, "werkgever": werkgever, "plek": plek}
    )


@requires(Permission.WORK_MANAGE)
def plaatsing_add(request, pk: int):
    person = scoped_person(request, pk)
    user = request.user
    form = PlaatsingForm(
        request.POST or None,
        user=user,
        initial={"start": timezone.localdate(), "job_coach": user.pk},
    )
    if request.method == "POST" and form.is_valid():
        plaatsing = form.save(commit=False)
        plaatsing.inburgeraar = person
        plaatsing.status = form.cleaned_data["status"]
        try:
            services.create_plaatsing(plaatsing)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Plaatsing vastgelegd."))
            return redirect("person_detail", pk=person.pk)
    return render(request, "work/plaatsing_form.html", {"person": person, "form": form})


@requires(Permission.WORK_MANAGE)
def plaatsing_status(request, pk: int, plaatsing_pk: int):
    person = scoped_person(request, pk)
    plaatsing = get_object_or_404(
        Plaatsing.objects.for_user(request.user)
        .filter(inburgeraar=person)
        .select_related("plek__werkgever"),
        pk=plaatsing_pk,
    )
    audit.log_read(plaatsing, person.pk, "plaatsing")
    if not rules.TRANSITIONS[plaatsing.status]:
        form = None
    else:
        form = PlaatsingStatusForm(
            request.POST or None,
            plaatsing=plaatsing,
            initial={"on": timezone.localdate()},
        )
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_status(
                plaatsing, data["status"], data.get("on"), data["reason"], data.get("reden") or ""
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Status gewijzigd in: %(status)s.")
                % {"status": PlaatsingStatus(plaatsing.status).label},
            )
            return redirect("person_detail", pk=person.pk)
    evaluaties = list(
        Evaluatie.objects.for_user(request.user)
        .filter(plaatsing=plaatsing)
        .select_related("door", "plaatsing")  # the audit log reads plaatsing.inburgeraar_id
    )
    audit.log_each(AuditAction.READ, evaluaties, "evaluaties van een plaatsing")
    return render(
        request,
        "work/plaatsing_status.html",
        {
            "person": person,
            "plaatsing": plaatsing,
            "form": form,
            "evaluaties": evaluaties,
            "may_evaluate": plaatsing.status in rules.EVALUABLE,
        },
    )


@requires(Permission.WORK_MANAGE)
def evaluatie_add(request, pk: int, plaatsing_pk: int):
    person = scoped_person(request, pk)
    plaatsing = get_object_or_404(
        Plaatsing.objects.for_user(request.user)
        .filter(inburgeraar=person, status__in=sorted(rules.EVALUABLE))
        .select_related("plek__werkgever"),
        pk=plaatsing_pk,
    )
    today = timezone.localdate()
    form = EvaluatieForm(
        request.POST or None, plaatsing=plaatsing, today=today, initial={"datum": today}
    )
    if request.method == "POST" and form.is_valid():
        evaluatie = form.save(commit=False)
        evaluatie.plaatsing = plaatsing
        evaluatie.door = request.user
        evaluatie.save()
        messages.success(request, _("Evaluatie vastgelegd."))
        return redirect("plaatsing_status", pk=person.pk, plaatsing_pk=plaatsing.pk)
    return render(
        request,
        "work/evaluatie_form.html",
        {"person": person, "plaatsing": plaatsing, "form": form},
    )


@requires(Permission.WORK_MANAGE)
def uitstroom_add(request, pk: int):
    person = scoped_person(request, pk)
    today = timezone.localdate()
    form = UitstroomForm(
        request.POST or None, user=request.user, today=today, initial={"datum": today}
    )
    if request.method == "POST" and form.is_valid():
        uitstroom = form.save(commit=False)
        uitstroom.inburgeraar = person
        uitstroom.door = request.user
        uitstroom.save()
        messages.success(
            request,
            _("Uitstroom vastgelegd: %(soort)s.") % {"soort": uitstroom.get_soort_display()},
        )
        return redirect("person_detail", pk=person.pk)
    return render(request, "work/uitstroom_form.html", {"person": person, "form": form})
