"""Pages of maatschappelijke begeleiding: the person's guidance page (checklist, consents,
referrals, matching profile, maatje), the partner register and the collaboration overview,
volunteers, the matching run with its proposal, and matches. Thin views: decisions in
services.py, access in regie.core.access (every view declares its permission)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core import audit
from regie.core.access import requires, served_municipality_ids
from regie.core.models import AuditAction, Municipality
from regie.core.roles import Permission
from regie.guidance import rules, services
from regie.guidance.forms import (
    ChecklistItemTypeForm,
    ChecklistRowForm,
    ConsentForm,
    EndMatchForm,
    GuidanceSettingsForm,
    MaatjeLinkForm,
    MatchingProfileForm,
    MeetingForm,
    PartnerContactForm,
    PartnerForm,
    ReferralForm,
    ReferralUpdateForm,
    RunForm,
    VolunteerForm,
    organisations_without_partner,
)
from regie.guidance.models import (
    ChecklistItemType,
    Consent,
    GuidanceSettings,
    Match,
    MatchingProfile,
    MatchingRun,
    PairStatus,
    PartnerContact,
    ProposedPair,
    Referral,
    Theme,
    UnmatchedNewcomer,
    Volunteer,
)
from regie.jobs import services as job_services
from regie.jobs import views as job_views
from regie.people.views import scoped_person


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for e in errors:
                form.add_error(name if name in form.fields else None, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --------------------------------------------------------------------------- the person


@requires(Permission.GUIDANCE_VIEW)
def guidance_detail(request, pk: int):
    person = scoped_person(request, pk)
    audit.log_read(person, person.pk, "maatschappelijke begeleiding")
    user = request.user
    today = timezone.localdate()
    rows = services.checklist_for(person)
    referrals = list(
        Referral.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("partner__organisation")
    )
    consents = list(
        Consent.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("partner__organisation")
    )
    profile = MatchingProfile.objects.filter(inburgeraar=person).first()
    matches = list(
        Match.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("volunteer")
        .prefetch_related("meetings")
    )
    done, total = services.checklist_progress(rows)
    context = {
        "person": person,
        "rows": rows,
        "overdue": {r.item_type.pk for r in rows if r.overdue(today)},
        "done": done,
        "total": total,
        "referrals": referrals,
        "consents": consents,
        "profile": profile,
        "slot_labels": [rules.slot_label(s) for s in (profile.availability if profile else [])],
        "matches": matches,
        "today": today,
        "sees_health": user.can(Permission.HEALTH_VIEW),
        "can_change": user.can(Permission.GUIDANCE_CHANGE),
        "can_refer": user.can(Permission.REFERRAL_CHANGE),
        "can_link": user.can(Permission.MAATJE_LINK),
        "has_active_match": any(m.is_active for m in matches),
    }
    return render(request, "guidance/detail.html", context)


@requires(Permission.GUIDANCE_CHANGE)
def checklist_edit(request, pk: int):
    person = scoped_person(request, pk)
    today = timezone.localdate()
    rows = services.checklist_for(person)
    forms = []
    for row in rows:
        initial = {
            "status": row.status,
            "due_date": row.due,
            "done_date": row.item.done_date if row.item else None,
            "note": row.item.note if row.item else "",
        }
        forms.append(
            ChecklistRowForm(
                request.POST or None,
                prefix=f"t{row.item_type.pk}",
                initial=initial,
                item_type=row.item_type,
                today=today,
            )
        )
    if request.method == "POST" and all(f.is_valid() for f in forms):
        data = [{"item_type": f.item_type, **f.cleaned_data} for f in forms]
        changed = services.save_checklist(person, data, request.user.username)
        messages.success(request, _("Checklist opgeslagen (%(n)s wijzigingen).") % {"n": changed})
        return redirect("guidance_detail", pk=person.pk)
    audit.log_read(person, person.pk, "checklist begeleiding")
    return render(
        request,
        "guidance/checklist_form.html",
        {"person": person, "forms": forms, "has_errors": any(f.errors for f in forms)},
    )


def _referral_partners(user):
    return services.partners_for(user).filter(active=True, accepts_referrals=True)


@requires(Permission.REFERRAL_CHANGE)
def consent_add(request, pk: int):
    person = scoped_person(request, pk)
    user = request.user
    form = ConsentForm(
        request.POST or None,
        partners=_referral_partners(user),
        user=user,
        initial={"given_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.record_consent(
                    person,
                    data["partner"],
                    scope=data["scope"],
                    purpose=data["purpose"],
                    given_on=data["given_on"],
                    given_by=data["given_by"],
                    given_by_name=data["given_by_name"],
                    form=data["form"],
                    valid_until=data["valid_until"],
                    username=user.username,
                )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Toestemming vastgelegd."))
            return redirect("guidance_detail", pk=person.pk)
    return render(request, "guidance/consent_form.html", {"person": person, "form": form})


@requires(Permission.REFERRAL_CHANGE)
@require_POST
def consent_withdraw(request, pk: int, consent_pk: int):
    person = scoped_person(request, pk)
    consent = get_object_or_404(
        Consent.objects.for_user(request.user), pk=consent_pk, inburgeraar=person
    )
    services.withdraw_consent(consent, timezone.localdate())
    messages.success(request, _("Toestemming ingetrokken. Er wordt niets meer gedeeld."))
    return redirect("guidance_detail", pk=person.pk)


@requires(Permission.REFERRAL_CHANGE)
def referral_add(request, pk: int):
    person = scoped_person(request, pk)
    user = request.user
    form = ReferralForm(
        request.POST or None,
        partners=_referral_partners(user),
        user=user,
        initial={"referred_on": timezone.localdate(), "shared": ["contact"]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_referral(
                user,
                person,
                data["partner"],
                theme=data["theme"],
                reason=data["reason"],
                shared=data["shared"],
                shared_note=data["shared_note"],
                referred_on=data["referred_on"],
                follow_up_on=data["follow_up_on"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Doorverwijzing vastgelegd."))
            return redirect("guidance_detail", pk=person.pk)
    return render(request, "guidance/referral_form.html", {"person": person, "form": form})


@requires(Permission.REFERRAL_CHANGE)
def referral_edit(request, pk: int, referral_pk: int):
    person = scoped_person(request, pk)
    referral = get_object_or_404(
        Referral.objects.for_user(request.user).select_related("partner__organisation"),
        pk=referral_pk,
        inburgeraar=person,
    )
    audit.log_read(referral, person.pk, "doorverwijzing")
    form = ReferralUpdateForm(
        request.POST or None,
        initial={
            "follow_up_on": referral.follow_up_on,
            "outcome": referral.outcome,
            "outcome_note": referral.outcome_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.update_referral(referral, today=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Doorverwijzing bijgewerkt."))
            return redirect("guidance_detail", pk=person.pk)
    return render(
        request,
        "guidance/referral_edit.html",
        {
            "person": person,
            "referral": referral,
            "form": form,
            "sees_health": request.user.can(Permission.HEALTH_VIEW),
        },
    )


def _profile_form(request, person, back_url: str):
    profile = MatchingProfile.objects.filter(inburgeraar=person).first() or MatchingProfile(
        inburgeraar=person
    )
    form = MatchingProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        profile.availability = rules.clean_slots(form.cleaned_data["availability"])
        profile.updated_by = request.user.username
        profile.save()
        messages.success(request, _("Matchingprofiel opgeslagen."))
        return redirect(back_url)
    audit.log_read(person, person.pk, "matchingprofiel")
    return render(
        request,
        "guidance/profile_form.html",
        {"person": person, "form": form, "back_url": back_url},
    )


@requires(Permission.GUIDANCE_CHANGE)
def profile_edit(request, pk: int):
    person = scoped_person(request, pk)
    from django.urls import reverse

    return _profile_form(request, person, reverse("guidance_detail", args=[person.pk]))


@requires(Permission.MATCHING_RUN)
def matching_profile_edit(request, pk: int):
    person = scoped_person(request, pk)
    from django.urls import reverse

    return _profile_form(request, person, reverse("matching_home"))


# --------------------------------------------------------------------------- partners


@requires(Permission.PARTNERS_VIEW)
def partner_list(request):
    partners = list(services.partners_for(request.user))
    by_theme = [
        (label, [p for p in partners if value in p.theme_values()])
        for value, label in Theme.choices
    ]
    without = [p for p in partners if not p.theme_values()]
    return render(
        request,
        "guidance/partner_list.html",
        {
            "by_theme": by_theme,
            "without": without,
            "can_manage": request.user.can(Permission.PARTNERS_MANAGE),
        },
    )


@requires(Permission.PARTNERS_VIEW)
def partner_detail(request, partner_pk: int):
    user = request.user
    partner = get_object_or_404(services.partners_for(user), pk=partner_pk)
    counts = services.referral_counts([partner.pk], timezone.localdate())[partner.pk]
    referrals = []
    if user.can(Permission.GUIDANCE_VIEW):
        referrals = list(
            Referral.objects.for_user(user)
            .filter(partner=partner)
            .select_related("inburgeraar")
            .order_by("-referred_on")[:100]
        )
    contact_form = None
    if user.can(Permission.PARTNERS_MANAGE):
        contact_form = PartnerContactForm(request.POST or None, prefix="contact")
        if request.method == "POST" and contact_form.is_valid():
            contact = contact_form.save(commit=False)
            contact.partner = partner
            contact.save()
            messages.success(request, _("Contactpersoon toegevoegd."))
            return redirect("partner_detail", partner_pk=partner.pk)
    return render(
        request,
        "guidance/partner_detail.html",
        {
            "partner": partner,
            "contacts": list(partner.contacts.all()),
            "counts": counts,
            "referrals": referrals,
            "contact_form": contact_form,
            "today": timezone.localdate(),
        },
    )


@requires(Permission.PARTNERS_MANAGE)
def partner_edit(request, partner_pk: int | None = None):
    user = request.user
    partner = get_object_or_404(services.partners_for(user), pk=partner_pk) if partner_pk else None
    form = PartnerForm(
        request.POST or None,
        instance=partner,
        organisations=organisations_without_partner(served_municipality_ids(user))
        if partner is None
        else None,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            services.set_partner_themes(saved, form.cleaned_data["themes"])
            audit.log(
                AuditAction.UPDATE if partner else AuditAction.CREATE,
                obj=saved,
                description=f"partnerregister: {saved.organisation.name}",
                avg_relevant=False,
            )
        messages.success(request, _("Partner opgeslagen."))
        return redirect("partner_detail", partner_pk=saved.pk)
    return render(request, "guidance/partner_form.html", {"form": form, "partner": partner})


@requires(Permission.PARTNERS_MANAGE)
@require_POST
def partner_contact_delete(request, partner_pk: int, contact_pk: int):
    partner = get_object_or_404(services.partners_for(request.user), pk=partner_pk)
    get_object_or_404(PartnerContact, pk=contact_pk, partner=partner).delete()
    messages.success(request, _("Contactpersoon verwijderd."))
    return redirect("partner_detail", partner_pk=partner.pk)


@requires(Permission.FIGURES_VIEW)
def collaboration_overview(request):
    """For the regisseur: partners per theme with their referrals, and maatje coverage
    and time to match per municipality. Counts only, no persons."""
    user = request.user
    today = timezone.localdate()
    partners = list(services.partners_for(user))
    counts = services.referral_counts([p.pk for p in partners], today)
    themes = []
    for value, label in Theme.choices:
        members = [p for p in partners if value in p.theme_values()]
        themes.append(
            {
                "label": label,
                "partners": [(p, counts[p.pk]) for p in members],
                "total": sum(counts[p.pk]["total"] for p in members),
            }
        )
    return render(
        request,
        "guidance/overview.html",
        {
            "themes": themes,
            "figures": services.coverage_figures(served_municipality_ids(user)),
        },
    )


# --------------------------------------------------------------------------- volunteers


def _volunteer_municipalities(user):
    return Municipality.objects.filter(pk__in=served_municipality_ids(user))


@requires(Permission.VOLUNTEERS_MANAGE)
def volunteer_list(request):
    user = request.user
    today = timezone.localdate()
    volunteers = list(services.volunteers_with_load(user).select_related("municipality"))
    limits = services.vog_limits({v.municipality_id for v in volunteers})
    rows = [
        (v, services.volunteer_exclusion(v, today, limits[v.municipality_id])) for v in volunteers
    ]
    audit.log(
        AuditAction.READ,
        object_type="volunteer",
        description=f"vrijwilligerslijst ({len(volunteers)})",
    )
    return render(request, "guidance/volunteer_list.html", {"rows": rows})


@requires(Permission.VOLUNTEERS_MANAGE)
def volunteer_edit(request, volunteer_pk: int | None = None):
    user = request.user
    volunteer = (
        get_object_or_404(Volunteer.objects.for_user(user), pk=volunteer_pk)
        if volunteer_pk
        else None
    )
    form = VolunteerForm(
        request.POST or None,
        instance=volunteer,
        municipalities=_volunteer_municipalities(user),
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.availability = rules.clean_slots(form.cleaned_data["availability"])
        if not saved.organisation_id:
            saved.organisation_id = user.organisation_id
        saved.save()
        messages.success(request, _("Vrijwilliger opgeslagen."))
        return redirect("volunteer_list")
    matches = []
    if volunteer:
        audit.log(AuditAction.READ, obj=volunteer, description="vrijwilliger ingezien")
        matches = list(
            Match.objects.for_user(user).filter(volunteer=volunteer).select_related("inburgeraar")
        )
    return render(
        request,
        "guidance/volunteer_form.html",
        {"form": form, "volunteer": volunteer, "matches": matches},
    )


# --------------------------------------------------------------------------- matching


@requires(Permission.MAATJE_LINK)
def matching_home(request):
    """Newcomers without a maatje in the user's scope (a begeleider: the households their
    team guides), the proposals and the active matches. The coördinator also runs the
    matching and keeps the volunteer pool; a begeleider links one newcomer at a time."""
    user = request.user
    unmatched = list(
        services.unmatched_newcomers(user)
        .select_related("matching_profile", "begeleider")
        .order_by("housing_date", "pk")[:200]
    )
    runs = list(
        MatchingRun.objects.filter(organisation=user.organisation_id).select_related("run_by")[:10]
    )
    active = list(
        Match.objects.for_user(user)
        .active()
        .select_related("inburgeraar", "volunteer")
        .order_by("-start_date")[:200]
    )
    return render(
        request,
        "guidance/matching_home.html",
        {
            "unmatched": unmatched,
            "runs": runs,
            "active": active,
            "figures": services.coverage_figures(served_municipality_ids(user)),
            "today": timezone.localdate(),
            "can_run": user.can(Permission.MATCHING_RUN),
            "can_manage_volunteers": user.can(Permission.VOLUNTEERS_MANAGE),
        },
    )


@requires(Permission.MAATJE_LINK)
def maatje_link(request, pk: int):
    """Propose and link a maatje for one newcomer in the user's scope (seed §3.8): the
    volunteers of the pool who fit now, those sharing a language first."""
    user = request.user
    person = scoped_person(request, pk)
    today = timezone.localdate()
    current = services.active_match_of(person)
    candidates = [] if current else services.maatje_candidates(user, person, today)
    form = MaatjeLinkForm(
        request.POST or None, candidates=candidates, initial={"start_date": today}
    )
    if request.method == "POST" and current is None and form.is_valid():
        data = form.cleaned_data
        try:
            services.link_maatje(person, data["volunteer"], user, data["start_date"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(p)s is gekoppeld aan maatje %(v)s.")
                % {"p": person.full_name, "v": data["volunteer"].full_name},
            )
            return redirect("guidance_detail", pk=person.pk)
    audit.log_read(person, person.pk, "maatje koppelen")
    return render(
        request,
        "guidance/maatje_link.html",
        {
            "person": person,
            "form": form,
            "candidates": candidates,
            "current": current,
            "profile": MatchingProfile.objects.filter(inburgeraar=person).first(),
            "can_manage_volunteers": user.can(Permission.VOLUNTEERS_MANAGE),
        },
    )


@requires(Permission.MATCHING_RUN)
@require_POST
def matching_run(request):
    """The solver runs in the background (guidance/jobs.py); the job's page shows its
    progress and links to the proposal."""
    job = job_services.start(request.user, "maatje_matching", {})
    return job_views.started(request, job)


@requires(Permission.MATCHING_RUN)
def matching_run_detail(request, run_pk: int):
    user = request.user
    run = get_object_or_404(
        MatchingRun.objects.filter(organisation=user.organisation_id), pk=run_pk
    )
    pairs = list(
        ProposedPair.objects.for_user(user)
        .filter(run=run)
        .select_related("inburgeraar", "volunteer")
        .order_by("-score", "id")
    )
    unmatched = list(
        UnmatchedNewcomer.objects.for_user(user).filter(run=run).select_related("inburgeraar")
    )
    audit.log(
        AuditAction.READ,
        obj=run,
        description=f"matchingvoorstel ingezien ({len(pairs)} paren)",
    )
    return render(
        request,
        "guidance/run_detail.html",
        {
            "run": run,
            "pairs": pairs,
            "unmatched": unmatched,
            "today": timezone.localdate(),
            "open_status": PairStatus.OPEN,
        },
    )


@requires(Permission.MATCHING_RUN)
@require_POST
def pair_decide(request, run_pk: int, pair_pk: int):
    user = request.user
    pair = get_object_or_404(
        ProposedPair.objects.for_user(user)
        .filter(run__organisation=user.organisation_id)
        .select_related("volunteer", "inburgeraar"),
        pk=pair_pk,
        run_id=run_pk,
    )
    form = RunForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        if request.POST.get("action") == "confirm":
            services.confirm_pair(pair, user, data.get("start_date") or timezone.localdate())
            messages.success(
                request,
                _("%(p)s is gekoppeld aan maatje %(v)s.")
                % {"p": pair.inburgeraar.full_name, "v": pair.volunteer.full_name},
            )
        elif request.POST.get("action") == "reject":
            services.reject_pair(pair, user, data.get("reject_reason") or "")
            messages.success(request, _("Voorstel afgewezen."))
        else:
            messages.error(request, _("Kies bevestigen of afwijzen."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("matching_run_detail", run_pk=run_pk)


@requires(Permission.MATCHING_RUN)
def match_detail(request, match_pk: int):
    user = request.user
    match = get_object_or_404(
        Match.objects.for_user(user).select_related("inburgeraar", "volunteer"), pk=match_pk
    )
    audit.log_read(match, match.inburgeraar_id, "maatjeskoppeling")
    meeting_form = MeetingForm(
        request.POST if request.POST.get("form") == "meeting" else None,
        initial={"date": timezone.localdate()},
        prefix="meeting",
    )
    end_form = EndMatchForm(
        request.POST if request.POST.get("form") == "end" else None,
        initial={"end_date": timezone.localdate()},
        prefix="end",
    )
    if request.method == "POST":
        form = meeting_form if request.POST.get("form") == "meeting" else end_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    if form is meeting_form:
                        services.add_meeting(match, data["date"], data["note"], user.username)
                        messages.success(request, _("Ontmoeting vastgelegd."))
                    else:
                        services.end_match(match, data["end_date"], data["end_reason"])
                        messages.success(request, _("Koppeling beëindigd."))
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                return redirect("match_detail", match_pk=match.pk)
    return render(
        request,
        "guidance/match_detail.html",
        {
            "match": match,
            "meetings": list(match.meetings.all()),
            "meeting_form": meeting_form,
            "end_form": end_form,
        },
    )


# --------------------------------------------------------------------------- settings


@requires(Permission.RULES_MANAGE)
def guidance_settings(request):
    """The municipality's checklist and VOG rule (lokaal beleid), by the beheerder."""
    user = request.user
    municipalities = list(_volunteer_municipalities(user).order_by("name"))
    if not municipalities:
        return render(request, "guidance/settings.html", {"municipalities": []})
    chosen = next(
        (m for m in municipalities if str(m.pk) == request.GET.get("gemeente")), municipalities[0]
    )
    types = services.checklist_types(chosen, include_inactive=True)
    settings_obj = GuidanceSettings.objects.filter(municipality=chosen).first() or GuidanceSettings(
        municipality=chosen
    )
    action = request.POST.get("form")
    settings_form = GuidanceSettingsForm(
        request.POST if action == "settings" else None, instance=settings_obj, prefix="s"
    )
    new_form = ChecklistItemTypeForm(request.POST if action == "new" else None, prefix="new")
    type_forms = [
        ChecklistItemTypeForm(
            request.POST if action == f"type{t.pk}" else None, instance=t, prefix=f"t{t.pk}"
        )
        for t in types
    ]
    if request.method == "POST":
        target = {"settings": settings_form, "new": new_form}.get(action) or next(
            (f for f in type_forms if action == f"type{f.instance.pk}"), None
        )
        if target is not None and target.is_valid():
            saved = target.save(commit=False)
            if target is settings_form:
                saved.changed_by = user.username
            if target is new_form:
                saved.municipality = chosen
                saved.code = _unique_code(chosen, saved.name)
            saved.save()
            audit.log(
                AuditAction.UPDATE,
                obj=saved,
                description=f"instellingen begeleiding {chosen.name}",
                avg_relevant=False,
            )
            messages.success(request, _("Opgeslagen."))
            return redirect(f"{request.path}?gemeente={chosen.pk}")
    return render(
        request,
        "guidance/settings.html",
        {
            "municipalities": municipalities,
            "chosen": chosen,
            "settings_form": settings_form,
            "new_form": new_form,
            "type_forms": type_forms,
        },
    )


def _unique_code(municipality, name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name)[:34] or "punt"
    taken = set(
        ChecklistItemType.objects.filter(municipality=municipality).values_list("code", flat=True)
    )
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code
