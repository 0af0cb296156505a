"""Platform pages: login with the second step, the werkvoorraad start page, users,
organisations, municipality rules and the audit log."""

import base64
import csv
import io

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.core import administration, audit
from regie.core.access import public, requires, served_municipality_ids
from regie.core.administration import audit_scope_q, municipalities_beyond, refusal
from regie.core.extensions import person_model, werkvoorraad
from regie.core.forms import (
    AuditFilterForm,
    LoginForm,
    MunicipalityRulesForm,
    ProposalDecisionForm,
    TeamMunicipalitiesForm,
    TokenForm,
    UserForm,
)
from regie.core.localrules import local_value, set_local_value
from regie.core.models import (
    AuditAction,
    AuditEvent,
    Municipality,
    Organisation,
    RoleAssignment,
    Team,
    User,
)
from regie.core.roles import Permission
from regie.core.safe_csv import BOM, dutch_row, safe_row
from regie.identity import session as identity_session


class RegieLoginView(LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # "Inloggen via <organisatie>": the identity providers in use (docs/oidc.md).
        return super().get_context_data(providers=identity_session.login_buttons(), **kwargs)


login_view = public(RegieLoginView.as_view())


@public
@require_POST
def logout_view(request):
    # Logged in through the organisation's provider: end the session there too, when the
    # provider has an end_session_endpoint; it sends the browser back to the login page.
    at_provider = identity_session.end_session_url(
        request, request.build_absolute_uri(reverse("login"))
    )
    logout(request)
    if at_provider:
        # A page, not a redirect: the CSP's form-action would stop the logout form's
        # redirect to another origin. The page forwards by itself (Refresh) or by its link.
        response = render(request, "registration/logout_provider.html", {"url": at_provider})
        response.headers["Refresh"] = f"0;url={at_provider}"
        return response
    messages.info(request, _("U bent uitgelogd."))
    return redirect("login")


def _login_required(view):
    """For the two-factor pages: any logged-in user, whatever their role."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("login")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return public(wrapped)


def _safe_next(request) -> str:
    """``next`` only when it stays on Regie's own host (issue 17, M5: no open redirect)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@_login_required
def two_factor_verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_safe_next(request) or "home")
        form.add_error("token", _("Deze code klopt niet of is verlopen. Probeer de nieuwe code."))
    return render(request, "registration/two_factor_verify.html", {"form": form})


@_login_required
def two_factor_setup(request):
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        return redirect("two_factor_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error(
                "token", _("Te veel onjuiste codes. Wacht een minuut en probeer opnieuw.")
            )
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
            otp_login(request, device)
            audit.log(AuditAction.UPDATE, obj=user, avg_relevant=False, description="2FA ingesteld")
            messages.success(request, _("Tweestapsverificatie is ingesteld."))
            return redirect("home")
        else:
            form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR-code"))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/two_factor_setup.html",
        {"form": form, "qr": qr, "secret": secret, "required": user.requires_two_factor},
    )


def work_rows(items, today) -> str:
    """The table rows of a werkvoorraad section, written here rather than by a template
    loop: a werkvoorraad holds some hundreds of rows and the template engine cost about as
    much as the rest of the page's Python besides the queries. The same HTML as the
    template wrote, every value escaped (format_html)."""
    late = format_html("<br>({})", _("te laat"))
    rows = []
    for item in items:
        if item.due:
            overdue = item.due < today
            due = format_html(
                '<span class="{}">{}{}</span>',
                "regie-overdue" if overdue else "regie-soon",
                date_format(item.due, "j F Y"),
                late if overdue else "",
            )
        else:
            due = "—"
        rows.append(
            format_html(
                '<tr><td><a class="utrecht-link" href="{}">{}</a></td><td>{}</td>\n'
                '          <td class="regie-nowrap">{}</td></tr>',
                item.url,
                getattr(item.person, "full_name", ""),
                item.what,
                due,
            )
        )
    return mark_safe("\n      ".join(rows))  # noqa: S308 - every row is format_html


# Rows of a section on the werkvoorraad itself: the most urgent first (each provider sorts
# its section by what is due), the whole section one click away (werkvoorraad_section). A
# team's werkvoorraad can hold some hundreds of rows, which no one reads on one page.
ROWS_SHOWN = 10


def _log_shown(items, description: str) -> None:
    persons = person_model()
    audit.log_each(
        AuditAction.READ,
        # Not a label such as a payment run.
        [item.person for item in items if isinstance(item.person, persons)],
        description,
    )


@requires(Permission.WERKVOORRAAD)
def home(request):
    """The werkvoorraad: what is due for this user, derived from dates by each app."""
    persons = person_model()
    user = request.user
    today = timezone.localdate()
    sections = werkvoorraad(user, today)
    shown = [
        (section, section.items[:ROWS_SHOWN], len(section.items))
        for section in sections
        if section.items
    ]
    # Only the persons on the page are read here; the rest of a section when it is opened.
    _log_shown([item for _section, items, _n in shown for item in items], "in de werkvoorraad")
    context = {
        "today": today,
        # What needs doing first; the sections with nothing to do together in one short list.
        "section_rows": [
            (section, work_rows(items, today), total if total > len(items) else 0)
            for section, items, total in shown
        ],
        "rows_shown": ROWS_SHOWN,
        "empty_sections": [section for section in sections if not section.items],
        "caseload_count": persons.objects.for_user(user).count(),
    }
    if user.can(Permission.FIGURES_VIEW):
        # Figures, not case files: counts per municipality and status only.
        labels = dict(persons._meta.get_field("status").choices)
        context["figures"] = [
            {**row, "status_label": labels.get(row["status"], row["status"])}
            for row in persons.objects.filter(municipality__in=served_municipality_ids(user))
            .values("municipality__name", "status")
            .annotate(n=Count("id"))
            .order_by("municipality__name", "status")
        ]
    return render(request, "core/home.html", context)


@requires(Permission.WERKVOORRAAD)
def werkvoorraad_section(request, key: str):
    """One section of the werkvoorraad with all its rows."""
    today = timezone.localdate()
    section = next((s for s in werkvoorraad(request.user, today) if s.key == key), None)
    if section is None:
        raise Http404
    _log_shown(section.items, "in de werkvoorraad")
    return render(
        request,
        "core/werkvoorraad_section.html",
        {"section": section, "rows": work_rows(section.items, today), "today": today},
    )


def _managed_organisations(user):
    return Organisation.objects.filter(serves__in=served_municipality_ids(user)).distinct()


@requires(Permission.USERS_MANAGE)
def user_list(request):
    users = (
        User.objects.filter(organisation__in=_managed_organisations(request.user))
        .select_related("organisation", "team")
        .prefetch_related("role_assignments")
        .order_by("organisation__name", "last_name", "username")
    )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "core/users.html", {"page": page})


@requires(Permission.USERS_MANAGE)
def user_edit(request, pk: int | None = None):
    organisations = _managed_organisations(request.user)
    instance = (
        get_object_or_404(User.objects.filter(organisation__in=organisations), pk=pk)
        if pk
        else User()
    )
    form = UserForm(
        request.POST or None,
        instance=instance,
        organisations=organisations,
        editor=request.user,
    )
    if request.method == "POST" and form.is_valid() and form.concerned:
        # The account reaches other municipalities: a proposal, not a change (four eyes).
        administration.propose(request.user, form, form.concerned)
        messages.success(
            request,
            _(
                "Uw voorstel is opgeslagen. Het geldt pas als een beheerder van "
                "%(municipalities)s het heeft goedgekeurd."
            )
            % {"municipalities": ", ".join(m.name for m in form.concerned)},
        )
        return redirect("proposal_list")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save(commit=False)
            if form.cleaned_data["password"]:
                user.set_password(form.cleaned_data["password"])
            user.save()
            wanted = set(form.cleaned_data["roles"])
            RoleAssignment.objects.filter(user=user).exclude(role__in=wanted).delete()
            for role in wanted - {a.role for a in user.role_assignments.all()}:
                RoleAssignment.objects.create(user=user, role=role)
            audit.log(
                AuditAction.UPDATE if pk else AuditAction.CREATE,
                obj=user,
                avg_relevant=False,
                description=f"rollen: {', '.join(sorted(wanted))}",
            )
        messages.success(request, _("De gebruiker %(name)s is opgeslagen.") % {"name": user})
        return redirect("user_list")
    refused = ""
    if instance.pk and (beyond := municipalities_beyond(request.user, instance.organisation)):
        refused = refusal(instance.organisation, beyond)
    return render(
        request,
        "core/user_form.html",
        {
            "form": form,
            "edited": instance,
            "refused": refused,
            "pending": administration.pending_proposal(instance),
        },
    )


@requires(Permission.USERS_MANAGE)
def proposal_list(request):
    """Account proposals that reach other municipalities: those waiting for this beheerder
    first, then the rest of the open ones, then the last decided."""
    user = request.user
    proposals = list(administration.visible_proposals(user)[:200])
    rows = [
        {
            "proposal": p,
            "outstanding": administration.outstanding_municipalities(p),
            "why_not": administration.why_not_decide(user, p),
            "form": ProposalDecisionForm(prefix=f"p{p.pk}"),
        }
        for p in proposals
    ]
    return render(
        request,
        "core/proposals.html",
        {
            "mine_to_decide": [
                r for r in rows if r["proposal"].status == "voorgesteld" and not r["why_not"]
            ],
            "waiting": [r for r in rows if r["proposal"].status == "voorgesteld" and r["why_not"]],
            "decided": [r for r in rows if r["proposal"].status != "voorgesteld"][:50],
        },
    )


@requires(Permission.USERS_MANAGE)
@require_POST
def proposal_decide(request, pk: int):
    proposal = get_object_or_404(administration.visible_proposals(request.user), pk=pk)
    form = ProposalDecisionForm(request.POST, prefix=f"p{proposal.pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("proposal_list")
    try:
        done = administration.decide(
            request.user,
            proposal,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )
    except ValueError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)
    return redirect("proposal_list")


@requires(Permission.USERS_MANAGE)
def team_municipalities(request, pk: int):
    """Which of the beheerder's own municipalities a team's intake queue covers. The
    team's other municipalities are another beheerder's and stay as they are."""
    team = get_object_or_404(
        Team.objects.filter(organisation__in=_managed_organisations(request.user)).select_related(
            "organisation"
        ),
        pk=pk,
    )
    own = set(served_municipality_ids(request.user))
    # Unticking everything posts nothing: still a bound form.
    form = TeamMunicipalitiesForm(
        request.POST if request.method == "POST" else None, team=team, own=own
    )
    if request.method == "POST" and form.is_valid():
        before = ", ".join(m.name for m in form.current) or "-"
        with transaction.atomic():
            team.municipalities.set(form.result())
            after = ", ".join(m.name for m in team.municipalities.order_by("name")) or "-"
            audit.log(
                AuditAction.UPDATE,
                obj=team,
                avg_relevant=False,
                description=f"gemeenten van {team.name}: {before} -> {after}"[:300],
            )
        messages.success(
            request, _("De gemeenten van team %(team)s zijn opgeslagen.") % {"team": team.name}
        )
        return redirect("organisation_list")
    return render(request, "core/team_form.html", {"form": form, "team": team})


@requires(Permission.ORGANISATIONS_VIEW)
def organisation_list(request):
    organisations = (
        _managed_organisations(request.user)
        .prefetch_related("serves", "teams")
        .annotate(n_users=Count("users", distinct=True))
        .order_by("type", "name")
    )
    return render(
        request,
        "core/organisations.html",
        {
            "organisations": organisations,
            "own_ids": set(served_municipality_ids(request.user)),
            "may_manage_teams": request.user.can(Permission.USERS_MANAGE),
        },
    )


@requires(Permission.RULES_MANAGE)
def municipality_rules(request, pk: int):
    municipality = get_object_or_404(
        Municipality.objects.filter(id__in=served_municipality_ids(request.user)), pk=pk
    )
    form = MunicipalityRulesForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            adres = ", ".join(
                line.strip() for line in municipality.rechtbank_postadres.splitlines() if line
            )
            changed = []
            for name, value in form.figure_values().items():
                if local_value(municipality, name) != value:
                    set_local_value(municipality, name, value, request.user.username)
                    changed.append(f"{name}={value}")
            audit.log(
                AuditAction.UPDATE,
                obj=municipality,
                avg_relevant=False,
                description=(
                    f"pip_deadline_from_housing={municipality.pip_deadline_from_housing}; "
                    f"rechtbank={municipality.rechtbank_naam!r}, {adres!r}; "
                    + ", ".join(changed)
                )[:300],
            )
        messages.success(request, _("De lokale regels zijn opgeslagen."))
        return redirect("organisation_list")
    return render(
        request, "core/municipality_rules.html", {"form": form, "municipality": municipality}
    )


# At most this many persons match a name in the audit filter; a broader name asks for more.
AUDIT_PERSON_LIMIT = 25


def _audit_persons(user, text: str) -> list:
    """The persons whose audit rows the beheerder asks for by name or BSN: only in the
    municipalities the beheerder's organisation serves, and logged as a search per person
    (the person's own AVG inzage shows that the beheerder looked them up)."""
    persons = person_model().objects.filter(municipality__in=served_municipality_ids(user))
    digits = text.replace(" ", "").replace(".", "")
    if digits.isdigit() and len(digits) == 9:
        persons = persons.filter(bsn=digits)
    else:
        for word in text.split():
            persons = persons.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    found = list(
        persons.only("pk", "first_name", "last_name", "date_of_birth", "bsn").order_by(
            "last_name", "first_name", "pk"
        )[: AUDIT_PERSON_LIMIT + 1]
    )
    for person in found[:AUDIT_PERSON_LIMIT]:
        audit.log(
            AuditAction.SEARCH,
            inburgeraar_id=person.pk,
            object_type="auditevent",
            description="auditlog gefilterd op naam of BSN",
        )
    return found


def _filtered_audit(form: AuditFilterForm, user):
    """The audit rows the filter asks for, within what this beheerder may see (the
    municipalities their organisation serves, audit_scope_q), and the persons a name or
    BSN matched. The page and both exports use it."""
    events = AuditEvent.objects.filter(audit_scope_q(user))
    if not form.is_valid():
        return events.none(), []
    data = form.cleaned_data
    persons = []
    if data.get("persoon"):
        persons = _audit_persons(user, data["persoon"])
        events = events.filter(inburgeraar_id__in=[p.pk for p in persons[:AUDIT_PERSON_LIMIT]])
    if data.get("username"):
        # By the account's immutable id: a current name also finds the rows written
        # under its earlier names (and the changes made to the account, such as a
        # rename); a former name finds the rows that carry it.
        name = data["username"]
        ids = list(User.objects.filter(username=name).values_list("pk", flat=True))
        events = events.filter(
            Q(username=name)
            | Q(user_id_copy__in=ids)
            | Q(object_type="user", object_id__in=[str(pk) for pk in ids])
        )
    if data.get("inburgeraar"):
        events = events.filter(inburgeraar_id=data["inburgeraar"])
    if data.get("action"):
        events = events.filter(action=data["action"])
    if data.get("date_from"):
        events = events.filter(at__date__gte=data["date_from"])
    if data.get("date_to"):
        events = events.filter(at__date__lte=data["date_to"])
    return events, persons


AUDIT_COLUMNS = [
    "tijdstip",
    "gebruiker",
    "rollen",
    "organisatie",
    "handeling",
    "inburgeraar",
    "soort",
    "object",
    "omschrijving",
    "pagina",
    "gebruiker-id",
]


def _audit_rows(events):
    for event in events.iterator(chunk_size=2000):
        yield [
            timezone.localtime(event.at).isoformat(timespec="seconds"),
            event.username,
            event.roles,
            event.organisation,
            event.action,
            event.inburgeraar_id or "",
            event.object_type,
            event.object_id,
            event.description,
            event.route,
            event.user_id_copy or "",
        ]


@requires(Permission.AUDIT_VIEW)
def audit_log(request):
    form = AuditFilterForm(request.GET or {})
    events, persons = _filtered_audit(form, request.user)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "core/audit.html",
        {
            "form": form,
            "page": page,
            "querystring": params.urlencode(),
            "persons": persons[:AUDIT_PERSON_LIMIT],
            "too_many_persons": len(persons) > AUDIT_PERSON_LIMIT,
            "person_asked": bool(form.is_valid() and form.cleaned_data.get("persoon")),
            "log_person": _log_person(form, persons),
        },
    )


def _log_person(form, persons) -> int | None:
    """The one person whose processing log can be exported from the filtered page."""
    if not form.is_valid():
        return None
    if len(persons) == 1:
        return persons[0].pk
    return form.cleaned_data.get("inburgeraar") if not persons else None


@requires(Permission.AUDIT_VIEW)
def audit_export(request):
    """The filtered audit log as CSV for Dutch Excel (";", UTF-8 with BOM, formula-safe)."""
    form = AuditFilterForm(request.GET or {})
    events, _persons = _filtered_audit(form, request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="regie-auditlog.csv"'
    response.write(BOM)  # so Excel reads UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(AUDIT_COLUMNS)
    for row in _audit_rows(events):
        writer.writerow(dutch_row(row))
    audit.log(AuditAction.EXPORT, object_type="auditevent", avg_relevant=False, description="CSV")
    return response


@requires(Permission.AUDIT_VIEW)
def audit_export_xlsx(request):
    """The same rows as the CSV, as an Excel workbook."""
    from openpyxl import Workbook

    form = AuditFilterForm(request.GET or {})
    events, _persons = _filtered_audit(form, request.user)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("auditlog")
    sheet.append(AUDIT_COLUMNS)
    for row in _audit_rows(events):
        sheet.append(safe_row(row))
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="regie-auditlog.xlsx"'
    audit.log(AuditAction.EXPORT, object_type="auditevent", avg_relevant=False, description="XLSX")
    return response


@public
def permission_denied(request, exception=None):
    from regie.core.roles import who_can

    who = who_can(str(exception.args[0])) if exception is not None and exception.args else ""
    return render(request, "403.html", {"who_can": who}, status=403)


@public
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
