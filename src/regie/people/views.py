"""Pages of the registry: the search-first caseload list, the person's file with its
timeline, create/edit, status changes, health notes and access grants. Thin views: the
decisions live in services.py and regie.rules; access in regie.core.access."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core import audit, presence
from regie.core.access import requires, served_municipality_ids
from regie.core.extensions import next_deadlines, person_sections
from regie.core.formatting import datum, translated
from regie.core.forms import ProposalDecisionForm as GrantDecisionForm
from regie.core.localrules import local_value
from regie.core.models import ApprovalStatus, AuditAction, AuditEvent, User
from regie.core.presence import only_if_present, presence_annotations
from regie.core.roles import FieldGroup, Permission
from regie.core.viewers import recent_views_for
from regie.people import services
from regie.people.forms import (
    AccessGrantForm,
    DuoBesluitForm,
    HealthNoteForm,
    HouseholdForm,
    InburgeraarForm,
    SearchForm,
    StatusForm,
)
from regie.people.models import (
    AccessGrant,
    CorrectionSubject,
    HealthNote,
    Inburgeraar,
    OnderdeelChoice,
)
from regie.people.workitems import pip_deadline, pip_target
from regie.rules import approval
from regie.rules.bsn import normalise_bsn

SORTS = {
    "name": ["last_name", "first_name", "id"],
    "-kennisgeving": ["-kennisgeving_date", "id"],
    "kennisgeving": ["kennisgeving_date", "id"],
    "status": ["status", "last_name", "id"],
}


def scoped_person(request, pk: int, presence: bool = False) -> Inburgeraar:
    """The person, if the user may see them; otherwise 404 (their existence is not
    disclosed). Every open of a file is audit-logged by the caller. With ``presence`` the
    person comes with which tables of the file hold rows of theirs (regie.core.presence),
    so that the file's sections skip the reads that would return nothing."""
    queryset = Inburgeraar.objects.for_user(request.user).select_related(
        "municipality", "klantmanager", "begeleider", "household"
    )
    if presence:
        queryset = queryset.annotate(**presence_annotations())
    return get_object_or_404(queryset, pk=pk)


def visibility(user) -> dict[str, bool]:
    return {group.value: user.sees(group) for group in FieldGroup}


def search_people(user, form: SearchForm):
    queryset = Inburgeraar.objects.for_user(user).select_related("klantmanager", "municipality")
    if not form.is_valid():
        return queryset.none()
    data = form.cleaned_data
    query = data.get("q", "").strip()
    if query:
        digits = normalise_bsn(query)
        if digits.isdigit() and len(digits) == 9 and user.sees(FieldGroup.BSN):
            queryset = queryset.filter(bsn=digits)
        else:
            for term in query.lower().split():
                queryset = queryset.filter(search_name__contains=term)
    for field in ("status", "doelgroep", "regime"):
        if data.get(field):
            queryset = queryset.filter(**{field: data[field]})
    if data.get("mine"):
        queryset = queryset.filter(Q(klantmanager=user) | Q(begeleider=user))
    return queryset.order_by(*SORTS.get(data.get("sort") or "name", SORTS["name"]))


@requires(Permission.PEOPLE_VIEW)
def person_list(request):
    form = SearchForm(request.GET or None)
    if request.GET:
        form.is_valid()
    else:
        form = SearchForm({"sort": "name"})
    page = Paginator(search_people(request.user, form), request_page_size()).get_page(
        request.GET.get("page")
    )
    persons = list(page.object_list)
    deadlines = next_deadlines(request.user, persons)
    rows = [(person, deadlines.get(person.pk)) for person in persons]
    audit.log(
        AuditAction.SEARCH,
        object_type="inburgeraar",
        description=f"{page.paginator.count} resultaten, pagina {page.number}",
    )
    # Who appeared in the results (name, BSN, birth date): on each person's trail.
    audit.log_each(AuditAction.SEARCH, persons, "in de zoekresultaten")
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "visible": visibility(request.user),
        "querystring": querystring_without_page(request),
    }
    template = "people/_results.html" if request.headers.get("HX-Request") else "people/list.html"
    return render(request, template, context)


def request_page_size() -> int:
    from django.conf import settings

    return settings.REGIE_PAGE_SIZE


def querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@requires(Permission.PEOPLE_VIEW)
def person_detail(request, pk: int):
    person = scoped_person(request, pk, presence=True)
    presence.remember(person)
    audit.log_read(person, person.pk, "persoonsdossier")
    user = request.user
    household = []
    if person.household_id and user.sees(FieldGroup.HOUSEHOLD):
        household = (
            Inburgeraar.objects.for_user(user)
            .filter(household_id=person.household_id)
            .exclude(pk=person.pk)
        )
    recent_views = recent_views_for(
        user,
        AuditEvent.objects.filter(inburgeraar_id=person.pk, action=AuditAction.READ).only(
            "at", "username", "roles", "organisation"
        )[:10],
    )
    context = {
        "person": person,
        "visible": visibility(user),
        "deadline": services.next_deadline(user, person),
        "pip_target": pip_target(person),
        "pip_statutory": pip_deadline(person),
        "household": household,
        "health_notes": only_if_present(
            HealthNote.objects.for_user(user).filter(inburgeraar=person), person, "healthnote"
        ),
        "timeline": services.timeline(person, user),
        "recent_views": recent_views,
        "corrections": services.corrections_for(person, user),
        "rechtspositie_reasons": rechtspositie_reasons(person, user),
        "sections": person_sections(request, person),
        "status_form": StatusForm(options=services.status_options(person))
        if user.can(Permission.PEOPLE_STATUS)
        else None,
        "health_form": HealthNoteForm() if user.can(Permission.HEALTH_CHANGE) else None,
    }
    return render(request, "people/detail.html", context)


def rechtspositie_reasons(person, user) -> list:
    """What follows from the permit and the regime, as sentences for the file; whether an
    ontzorging applies only for the roles that see the ontzorging (need to know)."""
    positie = person.rechtspositie
    reasons = list(positie.reasons)
    if positie.ontzorging_reason and user.can(Permission.ONTZORGING_VIEW):
        reasons.append(positie.ontzorging_reason)
    return [translated(r) for r in reasons]


@requires(Permission.PEOPLE_CREATE)
def person_create(request):
    form = InburgeraarForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            person = form.save()
        messages.success(request, _("%(name)s is ingeschreven.") % {"name": person})
        return redirect("person_detail", pk=person.pk)
    from regie.exchange.views import brp_municipalities  # the BRP is optional (docs/brp.md)

    brp_url = reverse("brp_registratie") if brp_municipalities(request.user) else ""
    return render(
        request, "people/form.html", {"form": form, "person": None, "brp_url": brp_url}
    )


@requires(Permission.PEOPLE_CHANGE)
def person_edit(request, pk: int):
    """Correct a person's registration data: every change needs a reason, which goes with
    the field history (old and new values) into the file's correction history and the
    audit log."""
    person = scoped_person(request, pk)
    form = InburgeraarForm(request.POST or None, instance=person, user=request.user)
    form.add_reason_field()
    if request.method == "POST" and form.is_valid():
        changed = form.changed_fields()
        if not changed:
            messages.info(request, _("Er is niets gewijzigd."))
            return redirect("person_detail", pk=person.pk)
        fields = list(dict.fromkeys("household" if n == "new_household" else n for n in changed))
        with transaction.atomic():
            form.save()
            services.record_correction(
                person,
                CorrectionSubject.REGISTRATIE,
                fields,
                "",
                form.cleaned_data["reason"],
                request.user,
            )
        messages.success(request, _("De wijziging is opgeslagen, met de reden in de geschiedenis."))
        return redirect("person_detail", pk=person.pk)
    if request.method == "GET":
        audit.log_read(person, person.pk, "wijzigformulier")
    return render(request, "people/form.html", {"form": form, "person": person})


@requires(Permission.PEOPLE_CHANGE)
def household_edit(request, pk: int):
    """Correct the household of a person: its name, the members' roles, a member who does
    not belong to it. Every change needs a reason; each member's file shows it."""
    person = scoped_person(request, pk)
    if not person.household_id:
        messages.info(request, _("%(name)s hoort bij geen huishouden.") % {"name": person})
        return redirect("person_detail", pk=person.pk)
    household = person.household
    members = list(
        Inburgeraar.objects.for_user(request.user)
        .filter(household=household)
        .order_by("date_of_birth", "pk")
    )
    form = HouseholdForm(request.POST or None, household=household, members=members)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if not changes:
            messages.info(request, _("Er is niets gewijzigd."))
            return redirect("person_detail", pk=person.pk)
        reason = form.cleaned_data["reason"]
        summary = "; ".join(str(text) for _member, _field, text in changes)
        with transaction.atomic():
            new_name = form.cleaned_data["name"].strip()
            if new_name != household.name:
                old_name = household.name
                household.name = new_name
                household.save(update_fields=["name"])
                audit.log(
                    AuditAction.UPDATE,
                    obj=household,
                    description=f"huishouden hernoemd: {old_name} → {new_name}; reden: {reason}",
                )
            touched = {}
            for member, field, _text in changes:
                if member is None:
                    continue
                if field == "household":
                    member.household = None
                    member.household_role = ""
                else:
                    member.household_role = form.cleaned_data[f"role_{member.pk}"]
                member.save()
                touched.setdefault(member.pk, []).append(field)
            fields = ["household"] + sorted({f for fs in touched.values() for f in fs})
            for member in members:
                services.record_correction(
                    member,
                    CorrectionSubject.HUISHOUDEN,
                    list(dict.fromkeys(fields)),
                    summary,
                    reason,
                    request.user,
                )
        messages.success(
            request, _("Het huishouden is gecorrigeerd, met de reden in de geschiedenis.")
        )
        return redirect("person_detail", pk=person.pk)
    audit.log_read(person, person.pk, "huishouden corrigeren")
    return render(
        request,
        "people/household_form.html",
        {"person": person, "household": household, "form": form},
    )


@requires(Permission.PEOPLE_STATUS)
@require_POST
def person_status(request, pk: int):
    person = scoped_person(request, pk)
    form = StatusForm(request.POST, options=services.status_options(person))
    if form.is_valid():
        try:
            services.change_status(person, form.cleaned_data["status"], form.cleaned_data["reason"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("De status is gewijzigd."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("person_detail", pk=person.pk)


@requires(Permission.HEALTH_CHANGE)
@require_POST
def health_note_add(request, pk: int):
    person = scoped_person(request, pk)
    form = HealthNoteForm(request.POST)
    if form.is_valid():
        HealthNote.objects.create(
            inburgeraar=person, text=form.cleaned_data["text"], author=request.user.username
        )
        messages.success(request, _("De notitie is opgeslagen."))
    else:
        messages.error(request, _("Vul de notitie in (ten hoogste 4000 tekens)."))
    return redirect("person_detail", pk=person.pk)


def grantable_users(user):
    return (
        User.objects.filter(is_active=True, organisation__serves__in=served_municipality_ids(user))
        .distinct()
        .order_by("last_name", "username")
    )


@requires(Permission.GRANTS_MANAGE)
def grant_list(request):
    form = AccessGrantForm(request.POST or None, users=grantable_users(request.user))
    if request.method == "POST" and form.is_valid():
        bsn = normalise_bsn(form.cleaned_data["bsn"])
        person = Inburgeraar.objects.filter(
            bsn=bsn, municipality__in=served_municipality_ids(request.user)
        ).first()
        valid_until = form.cleaned_data["valid_until"]
        today = timezone.localdate()
        longest = local_value(person.municipality if person else None, "toegang_max_dagen")
        if person is None:
            form.add_error("bsn", _("Geen inburgeraar met dit BSN in uw gemeenten."))
        elif valid_until < today:
            form.add_error("valid_until", _("Deze datum ligt in het verleden."))
        elif (valid_until - today).days > longest:
            form.add_error(
                "valid_until",
                _(
                    "Een toegang geldt hoogstens %(n)s dagen (lokaal beleid), dus uiterlijk tot "
                    "en met %(datum)s. Verleen hem later opnieuw als dat nodig is."
                )
                % {"n": longest, "datum": datum(today + timedelta(days=longest))},
            )
        else:
            grantee = form.cleaned_data["user"]
            second = approval.grant_needs_second_person(
                opens_health_data=grantee.can(Permission.HEALTH_VIEW),
                person_in_grantee_area=person.municipality_id in served_municipality_ids(grantee),
                to_self=grantee.pk == request.user.pk,
            )
            grant = AccessGrant.objects.create(
                user=grantee,
                inburgeraar=person,
                reason=form.cleaned_data["reason"],
                valid_until=form.cleaned_data["valid_until"],
                granted_by=request.user.username,
                requested_by=request.user,
                status=ApprovalStatus.VOORGESTELD if second else ApprovalStatus.GOEDGEKEURD,
            )
            audit.log(
                AuditAction.GRANT,
                obj=grant,
                inburgeraar_id=person.pk,
                description=(
                    f"{'aangevraagd' if second else 'verleend'} aan {grantee.username} "
                    f"tot {grant.valid_until}"
                ),
            )
            if second:
                messages.success(
                    request,
                    _(
                        "De toegang is aangevraagd. Hij geldt pas als een andere beheerder hem "
                        "goedkeurt."
                    ),
                )
            else:
                messages.success(request, _("De toegang is verleend."))
            return redirect("grant_list")
    # Only grants on persons of the beheerder's own municipalities: a shared uitvoerder's
    # grants on another municipality's persons are not theirs to see (issue 17, H1).
    grants = [
        (grant, _why_not_decide_grant(request.user, grant))
        for grant in AccessGrant.objects.filter(
            user__in=grantable_users(request.user),
            inburgeraar__municipality__in=served_municipality_ids(request.user),
        ).select_related("user", "inburgeraar", "requested_by")[:200]
    ]
    return render(
        request,
        "people/grants.html",
        {"form": form, "grants": grants, "decision_form": GrantDecisionForm()},
    )


def _why_not_decide_grant(user, grant: AccessGrant) -> str:
    """Empty when ``user`` may approve or reject the pending ``grant``."""
    if grant.status != ApprovalStatus.VOORGESTELD:
        return _("Over deze toegang is al beslist.")
    requester = grant.requested_by_id
    if not approval.may_decide(user.pk, proposer_id=requester, subject_id=grant.user_id) or (
        requester is None and grant.granted_by == user.username
    ):
        return _(
            "Een andere beheerder keurt deze toegang goed: niet wie hem aanvroeg en niet wie "
            "hem krijgt."
        )
    return ""


@requires(Permission.GRANTS_MANAGE)
@require_POST
def grant_decide(request, pk: int):
    """The second beheerder approves or rejects a pending access grant."""
    grant = get_object_or_404(
        AccessGrant.objects.filter(
            user__in=grantable_users(request.user),
            inburgeraar__municipality__in=served_municipality_ids(request.user),
        ).select_related("user"),
        pk=pk,
    )
    form = GrantDecisionForm(request.POST)
    refused = _why_not_decide_grant(request.user, grant)
    if refused:
        messages.error(request, refused)
    elif not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    else:
        approve = form.cleaned_data["decision"] == "approve"
        new = ApprovalStatus.GOEDGEKEURD if approve else ApprovalStatus.AFGEWEZEN
        if approval.can_transition(grant.status, new):
            grant.status = new
            grant.decided_by = request.user.username
            grant.decided_at = timezone.now()
            grant.decision_reason = form.cleaned_data["reason"].strip()
            grant.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
            audit.log(
                AuditAction.GRANT,
                obj=grant,
                inburgeraar_id=grant.inburgeraar_id,
                description=(
                    f"{'goedgekeurd' if approve else 'afgewezen'}: toegang van "
                    f"{grant.user.username} tot {grant.valid_until}"
                ),
            )
            messages.success(
                request,
                _("De toegang is goedgekeurd.") if approve else _("De toegang is afgewezen."),
            )
    return redirect("grant_list")


# --- the inburgeringstermijn and DUO's decisions (issue 18) -----------------------------


def _termijn_page(request, person, form=None, status=200):
    from regie.people.models import DuoBesluit
    from regie.people.termijn import geldende_onderdelen, termijn_of
    from regie.rules import termijn as rules_termijn

    termijn = termijn_of(person)
    can_record = request.user.can(Permission.PEOPLE_STATUS)
    if can_record and form is None:
        form = DuoBesluitForm(person=person)
    route = None
    if request.user.can(Permission.PIP_VIEW):
        from regie.plans import services as plans

        current = plans.current_versie(plans.pip_of(person))
        route = current.leerroute if current else None
    labels = dict(OnderdeelChoice.choices)
    return render(
        request,
        "people/termijn.html",
        {
            "person": person,
            "termijn": termijn,
            "wijzigingen": list(reversed(termijn.wijzigingen)) if termijn else [],
            "aanvraag_vanaf": rules_termijn.verlenging_aanvraag_vanaf(termijn.einde)
            if termijn
            else None,
            "besluiten": DuoBesluit.objects.for_user(request.user)
            .filter(inburgeraar=person)
            .defer("advies_document"),
            "geldend": [
                labels[o.value] for o in geldende_onderdelen(person, route) if o.value in labels
            ],
            "route_known": route is not None,
            "form": form if can_record else None,
            "show_toelichting": request.user.can(Permission.HEALTH_VIEW),
        },
        status=status,
    )


@requires(Permission.PEOPLE_VIEW)
def termijn_detail(request, pk: int):
    person = scoped_person(request, pk)
    audit.log_read(person, person.pk, "inburgeringstermijn en besluiten van DUO")
    return _termijn_page(request, person)


@requires(Permission.PEOPLE_STATUS)
@require_POST
def duo_besluit_add(request, pk: int):
    from regie.people.termijn import duo_besluit_vastleggen

    person = scoped_person(request, pk)
    form = DuoBesluitForm(request.POST, request.FILES, person=person)
    if form.is_valid():
        try:
            duo_besluit_vastleggen(person, form.cleaned_data, request.user)
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                for message in messages_:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Het besluit van DUO is vastgelegd."))
            return redirect("termijn_detail", pk=person.pk)
    return _termijn_page(request, person, form)


# The college's advice on an ontheffing may name a medical ground: only the roles that see
# health data download it (like the toelichting on the page); every download is logged.
@requires(Permission.HEALTH_VIEW)
def duo_besluit_advies(request, pk: int, besluit: int):
    from regie.people.models import DuoBesluit

    person = scoped_person(request, pk)
    found = get_object_or_404(
        DuoBesluit.objects.for_user(request.user).exclude(advies_document=None),
        pk=besluit,
        inburgeraar=person,
    )
    audit.log_read(found, person.pk, f"advies college bij DUO-besluit {found.duo_kenmerk}")
    response = HttpResponse(bytes(found.advies_document), content_type="application/pdf")
    name = "".join(c for c in found.advies_bestandsnaam if c.isalnum() or c in "._- ")
    response["Content-Disposition"] = f'attachment; filename="{name or "advies.pdf"}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
