"""Pages: the aanbieder portal (/aanbieder/), the klantmanager's referral page on a
person's file, and the exchange pages (/uitwisseling/) for DUO, CBS and a move. Thin
views: decisions in services.py, imports.py and exports.py; access in regie.core.access."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core import audit
from regie.core.access import caseload_q, requires, served_municipality_ids
from regie.core.formatting import datum
from regie.core.models import AuditAction, Municipality
from regie.core.numbers import whole_number
from regie.core.roles import FieldGroup, Permission, who_can
from regie.exchange import brp, exports, imports, services
from regie.exchange.adapters.base import FormatError, ImportReport, adapter
from regie.exchange.adapters.brp import BrpError
from regie.exchange.forms import (
    AccepterenForm,
    AfschaalBesluitForm,
    AfschaalverzoekForm,
    AfwezigheidForm,
    AfwijzenForm,
    BeeindigenForm,
    BrpKoppelingForm,
    BrpOphalenForm,
    CbsExportForm,
    DuoExportForm,
    DuoImportForm,
    DuoTerugmeldingForm,
    ExamenresultaatForm,
    LesurenForm,
    OverdrachtExportForm,
    OverdrachtImportForm,
    OverschrijdingForm,
    PortalZoekForm,
    UploadForm,
    VerwijzingForm,
    VoortgangsmetingForm,
)
from regie.exchange.models import (
    Afschaalverzoek,
    Afwezigheid,
    BrpKoppeling,
    BrpSignaal,
    BrpSignaalStatus,
    DuoMelding,
    DuoMeldingStatus,
    Examenresultaat,
    ImportRun,
    Lesuren,
    Overdracht,
    Voortgangsmeting,
)
from regie.jobs import services as job_services
from regie.jobs import views as job_views
from regie.people.models import Verwijzing, VerwijzingStatus
from regie.people.views import scoped_person, visibility


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def bsn_file_refusal(user) -> str | None:
    """Why ``user`` may not make a file that carries BSNs (the DUO meldingen, the CBS
    delivery, the overdracht dossier), or None. The receiver matches on the BSN, so a copy
    without it is useless: a role that does not see BSNs on Regie's pages (the beheerder)
    does not make these files either (issue 17: every document applies the page's field
    groups)."""
    if user.sees(FieldGroup.BSN):
        return None
    return _(
        "Dit bestand bevat burgerservicenummers, en die ziet uw rol niet. Het wordt gemaakt "
        "door %(who)s."
    ) % {"who": who_can(Permission.EXCHANGE_RUN, sees=FieldGroup.BSN)}


def _download(export) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def reports_of(user, person) -> dict:
    """Everything aanbieders reported about ``person`` that ``user`` may see."""
    return {
        "lesuren": Lesuren.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("aanbieder")[:36],
        "afwezigheden": Afwezigheid.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("aanbieder")[:50],
        "metingen": Voortgangsmeting.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("aanbieder")[:50],
        "examens": Examenresultaat.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("aanbieder"),
        "afschaalverzoeken": Afschaalverzoek.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("aanbieder", "besloten_door"),
        "nt2_lesuren": services.nt2_lesuren(person.pk),
    }


# --- the klantmanager: referrals and reports on a person's file ---------------------------


def _bekendmaking_form():
    from regie.plans.forms import BekendmakingForm

    return BekendmakingForm(initial={"bekendgemaakt_op": timezone.localdate()})


@requires(Permission.VERWIJZING_MANAGE)
def person_taal(request, pk: int):
    person = scoped_person(request, pk)
    audit.log_read(person, person.pk, "verwijzingen en rapportages aanbieders")
    user = request.user
    context = {
        "person": person,
        "verwijzingen": Verwijzing.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("aanbieder", "verwezen_door"),
        "besluit_form": AfschaalBesluitForm(),
        "bekendmaking_form": _bekendmaking_form(),
        "overschrijding_form": OverschrijdingForm() if user.can(Permission.EXCHANGE_RUN) else None,
        "overdracht_form": OverdrachtExportForm() if user.can(Permission.EXCHANGE_RUN) else None,
        "meldingen": DuoMelding.objects.for_user(user).filter(inburgeraar=person),
        "overdrachten": Overdracht.objects.for_user(user).filter(inburgeraar=person),
        "brp_signalen": BrpSignaal.objects.for_user(user).filter(
            inburgeraar=person, status=BrpSignaalStatus.OPEN
        ),
        **reports_of(user, person),
    }
    return render(request, "exchange/person_taal.html", context)


@requires(Permission.VERWIJZING_MANAGE)
def verwijzing_create(request, pk: int):
    person = scoped_person(request, pk)
    aanbieders = services.contracted_aanbieders(person)
    route = services.route_from_pip(person)
    form = VerwijzingForm(
        request.POST or None,
        aanbieders=aanbieders,
        initial={"aanbieder": route.aanbieder_id if route else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.create_verwijzing(
                person,
                form.cleaned_data["aanbieder"],
                request.user,
                form.cleaned_data["toelichting"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is verwezen naar %(org)s.")
                % {"name": person, "org": form.cleaned_data["aanbieder"]},
            )
            return redirect("person_taal", pk=person.pk)
    audit.log_read(person, person.pk, "verwijzing maken")
    return render(
        request, "exchange/verwijzing_form.html", {"person": person, "form": form, "route": route}
    )


@requires(Permission.VERWIJZING_MANAGE)
def afschaal_besluit(request, pk: int, verzoek: int):
    # The person first: who does not see them gets 404, whatever the method.
    person = scoped_person(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    found = get_object_or_404(
        Afschaalverzoek.objects.for_user(request.user), pk=verzoek, inburgeraar=person
    )
    form = AfschaalBesluitForm(request.POST)
    if form.is_valid():
        try:
            services.decide_afschalen(
                found,
                request.user,
                form.cleaned_data["besluit"] == "toekennen",
                form.cleaned_data["besluit_toelichting"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Het besluit over het afschaalverzoek is vastgelegd."))
    else:
        messages.error(request, _("Kies toekennen of afwijzen."))
    return redirect("person_taal", pk=person.pk)


@requires(Permission.VERWIJZING_MANAGE)
def afschaal_bekendmaking(request, pk: int, verzoek: int):
    """'Verzonden / uitgereikt': record the bekendmaking of the decision on an
    afschaalverzoek; the bezwaartermijn runs from the day after."""
    from regie.plans.forms import BekendmakingForm

    person = scoped_person(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    found = get_object_or_404(
        Afschaalverzoek.objects.for_user(request.user), pk=verzoek, inburgeraar=person
    )
    form = BekendmakingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        services.record_afschaal_bekendmaking(
            found, request.user, form.cleaned_data["bekendgemaakt_op"], form.cleaned_data["wijze"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("De verzending is vastgelegd. De bezwaartermijn loopt tot en met %(dag)s.")
            % {"dag": datum(found.bezwaar_einde)},
        )
    return redirect("person_taal", pk=person.pk)


@requires(Permission.EXCHANGE_RUN)
def overschrijding_add(request, pk: int):
    # The person first: who does not see them gets 404, whatever the method.
    person = scoped_person(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = OverschrijdingForm(request.POST)
    if form.is_valid():
        try:
            exports.record_overschrijding(
                person, form.cleaned_data["datum"], form.cleaned_data["toelichting"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("De melding staat klaar voor de volgende export naar DUO."))
    else:
        messages.error(request, _("Vul de datum en de toelichting in."))
    return redirect("person_taal", pk=person.pk)


@requires(Permission.EXCHANGE_RUN)
def overdracht_export(request, pk: int):
    # The person first: who does not see them gets 404, whatever the method.
    person = scoped_person(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if refusal := bsn_file_refusal(request.user):
        messages.error(request, refusal)
        return redirect("person_detail", pk=person.pk)
    form = OverdrachtExportForm(request.POST)
    form.is_valid()
    export = exports.export_dossier(person, bool(form.cleaned_data.get("vertrokken")))
    return _download(export)


# --- the aanbieder portal -----------------------------------------------------------------


PORTAL_PAGE_SIZE = 50
# The open referrals shown at once, oldest first; the rest follow once these are answered.
PORTAL_OPEN_REFERRALS = 50


def _int_param(request, name: str) -> int | None:
    return whole_number(request.GET.get(name))


def _participants(user, form, last_month):
    """The aanbieder's current participants, narrowed by the search form."""
    persons = services.referred_persons(user)
    if not form.is_valid():
        return persons
    data = form.cleaned_data
    for term in data["q"].lower().split():
        persons = persons.filter(search_name__contains=term)
    if data["gemeente"]:
        persons = persons.filter(municipality_id=data["gemeente"])
    if data["zonder_lesuren"]:
        # A filter on persons already in scope; it reads no lesuren of its own.
        registered = Lesuren.objects.filter(aanbieder_id=user.organisation_id, maand=last_month)
        persons = persons.exclude(pk__in=registered.values("inburgeraar_id"))
    return persons


def keyset_page(persons, *, size: int, after=None, before=None):
    """One page of ``persons`` ordered by (last name, id), starting after or ending before
    the (last name, id) of a boundary person: a constant number of rows read whatever the
    page, unlike OFFSET. Returns (rows, has_previous, has_next)."""
    if before is not None:
        name, pk = before
        rows = list(
            persons.filter(Q(last_name__lt=name) | Q(last_name=name, pk__lt=pk)).order_by(
                "-last_name", "-id"
            )[: size + 1]
        )
        return rows[:size][::-1], len(rows) > size, True
    if after is not None:
        name, pk = after
        persons = persons.filter(Q(last_name__gt=name) | Q(last_name=name, pk__gt=pk))
    rows = list(persons.order_by("last_name", "id")[: size + 1])
    return rows[:size], after is not None, len(rows) > size


@requires(Permission.AANBIEDER_REPORT)
def portal_home(request):
    user = request.user
    today = timezone.localdate()
    last_month = services.first_of_month(services.first_of_month(today) - timedelta(days=1))
    verwijzingen = list(
        Verwijzing.objects.for_user(user)
        .filter(status=VerwijzingStatus.AANGEVRAAGD)
        .select_related("inburgeraar")
        .order_by("created_at", "id")[: PORTAL_OPEN_REFERRALS + 1]
    )
    form = PortalZoekForm(
        request.GET or None, municipalities=_municipalities(user), last_month=last_month
    )
    persons = _participants(user, form, last_month).select_related("municipality")
    # The boundary of the page: a person id, its last name read here (names stay out of URLs).
    after, before = _int_param(request, "na"), _int_param(request, "voor")
    boundary = after or before
    if boundary is not None:
        found = services.referred_persons(user).filter(pk=boundary).values_list("last_name", "pk")
        boundary = found.first()
    number = _int_param(request, "pagina") or 1
    if boundary is None:
        rows, has_previous, has_next = keyset_page(persons, size=PORTAL_PAGE_SIZE)
        number = 1
    elif after:
        rows, has_previous, has_next = keyset_page(persons, after=boundary, size=PORTAL_PAGE_SIZE)
    else:
        rows, has_previous, has_next = keyset_page(persons, before=boundary, size=PORTAL_PAGE_SIZE)
        number = max(2, number) if has_previous else 1
    latest = services.latest_attendance([p.pk for p in rows], today)
    audit.log_each(
        AuditAction.READ,
        [*rows, *verwijzingen[:PORTAL_OPEN_REFERRALS]],
        "in het aanbiedersportaal",
    )
    params = request.GET.copy()
    for name in ("na", "voor", "pagina"):
        params.pop(name, None)
    return render(
        request,
        "exchange/portal_home.html",
        {
            "verwijzingen": verwijzingen[:PORTAL_OPEN_REFERRALS],
            "more_verwijzingen": len(verwijzingen) > PORTAL_OPEN_REFERRALS,
            "form": form,
            "searching": bool(
                form.is_bound and form.is_valid() and any(form.cleaned_data.values())
            ),
            "rows": [(p, latest.get(p.pk)) for p in rows],
            "page": {
                "number": number,
                "has_previous": has_previous,
                "has_next": has_next,
                "first": rows[0].pk if rows else None,
                "last": rows[-1].pk if rows else None,
                "querystring": params.urlencode(),
            },
        },
    )


@requires(Permission.VERWIJZING_RESPOND)
def portal_verwijzing(request, pk: int):
    verwijzing = get_object_or_404(
        Verwijzing.objects.for_user(request.user).select_related("inburgeraar", "verwezen_door"),
        pk=pk,
    )
    person = verwijzing.inburgeraar
    accept_form = AccepterenForm(request.POST if "accepteren" in request.POST else None)
    reject_form = AfwijzenForm(request.POST if "afwijzen" in request.POST else None)
    if request.method == "POST":
        form, do = (
            (
                accept_form,
                lambda d: services.accept_verwijzing(verwijzing, request.user, d["start_date"]),
            )
            if "accepteren" in request.POST
            else (
                reject_form,
                lambda d: services.reject_verwijzing(
                    verwijzing, request.user, d["afwijzingsreden"]
                ),
            )
        )
        if form.is_valid():
            try:
                do(form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Uw antwoord op de verwijzing is vastgelegd."))
                return redirect("portal_home")
    audit.log_read(verwijzing, person.pk, "verwijzing (aanbiedersportaal)")
    return render(
        request,
        "exchange/portal_verwijzing.html",
        {
            "verwijzing": verwijzing,
            "person": person,
            "visible": visibility(request.user),
            "accept_form": accept_form,
            "reject_form": reject_form,
        },
    )


PORTAL_FORMS = {
    "lesuren": LesurenForm,
    "afwezigheid": AfwezigheidForm,
    "voortgang": VoortgangsmetingForm,
    "examen": ExamenresultaatForm,
    "afschalen": AfschaalverzoekForm,
    "beeindigen": BeeindigenForm,
}


def _save_portal_form(name, form, user, person, verwijzing):
    data = form.cleaned_data
    if name == "lesuren":
        maand = services.parse_maand(data["maand"])
        services.register_lesuren(
            user, person, maand, data["uren_aangeboden"], data["uren_aanwezig"]
        )
    elif name == "afschalen":
        services.request_afschalen(user, person, data["onderdeel"], data["motivering"])
    elif name == "beeindigen":
        services.end_traject(verwijzing, user, data["end_date"], data["einde_reden"])
    else:
        record = form.save(commit=False)
        record.inburgeraar = person
        record.aanbieder_id = user.organisation_id
        record.geregistreerd_door = user.username
        if getattr(record, "datum", None) and record.datum > timezone.localdate():
            raise ValidationError({"datum": _("De datum ligt in de toekomst.")})
        record.full_clean()
        record.save()


@requires(Permission.AANBIEDER_REPORT)
def portal_deelnemer(request, pk: int):
    user = request.user
    person = scoped_person(request, pk)
    verwijzing = (
        Verwijzing.objects.for_user(user)
        .filter(inburgeraar=person, status=VerwijzingStatus.GEACCEPTEERD)
        .order_by("-created_at")
        .first()
    )
    posted = request.POST.get("formulier") if request.method == "POST" else None
    forms = {
        name: cls(request.POST if posted == name else None, prefix=name)
        for name, cls in PORTAL_FORMS.items()
    }
    if posted in forms and verwijzing is not None:
        form = forms[posted]
        if form.is_valid():
            try:
                with transaction.atomic():
                    _save_portal_form(posted, form, user, person, verwijzing)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Vastgelegd."))
                return redirect("portal_deelnemer", pk=person.pk)
    elif posted:
        messages.error(request, _("Er is geen lopend traject bij uw organisatie."))
    audit.log_read(person, person.pk, "deelnemer (aanbiedersportaal)")
    return render(
        request,
        "exchange/portal_deelnemer.html",
        {
            "person": person,
            "verwijzing": verwijzing,
            "visible": visibility(user),
            "forms": forms if verwijzing is not None else {},
            "posted": posted,
            **reports_of(user, person),
        },
    )


@requires(Permission.AANBIEDER_REPORT)
def portal_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            rows = adapter("lesuren").read_lesuren(bestand, bestand.name)
        except FormatError as exc:
            report = ImportReport(file_error=str(exc))
        else:
            report = imports.import_lesuren(request.user, rows, bestand.name)
        if report.applied:
            messages.success(
                request,
                _("Alle %(n)s rijen zijn verwerkt.") % {"n": len(report.results)},
            )
    return render(request, "exchange/portal_upload.html", {"form": form, "report": report})


# --- exchange: DUO, CBS, overdracht -------------------------------------------------------


def _municipalities(user):
    return Municipality.objects.filter(pk__in=served_municipality_ids(user)).order_by("name")


@requires(Permission.EXCHANGE_RUN)
def exchange_home(request):
    munis = _municipalities(request.user)
    return render(
        request,
        "exchange/home.html",
        {
            # Four forms on one page: each its own ids, so every label finds its field.
            "duo_form": DuoImportForm(auto_id="duo-in-%s"),
            "export_form": DuoExportForm(municipalities=munis, auto_id="duo-uit-%s"),
            "cbs_form": CbsExportForm(municipalities=munis, auto_id="cbs-%s"),
            "overdracht_form": OverdrachtImportForm(municipalities=munis, auto_id="overdracht-%s"),
            "runs": ImportRun.objects.filter(organisation_id=request.user.organisation_id)[:20],
            "bsn_refusal": bsn_file_refusal(request.user),
        },
    )


@requires(Permission.EXCHANGE_RUN)
def duo_import(request):
    form = DuoImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            rows = adapter("duo").read_signals(bestand, bestand.name)
        except FormatError as exc:
            report = ImportReport(file_error=str(exc))
        else:
            report = imports.import_duo_signals(rows, request.user, bestand.name)
        if report.applied:
            messages.success(request, _("De DUO-signalen zijn verwerkt."))
    return render(request, "exchange/duo_import.html", {"form": form, "report": report})


@requires(Permission.EXCHANGE_RUN)
def duo_terugmelding(request):
    """DUO's answer to the meldingen: confirmed rows mark their DuoMelding bevestigd, all
    or nothing, with a report per row (regie.exchange.imports.import_duo_terugmelding)."""
    form = DuoTerugmeldingForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            rows = adapter("duo").read_terugmelding(bestand, bestand.name)
        except FormatError as exc:
            report = ImportReport(file_error=str(exc))
        else:
            report = imports.import_duo_terugmelding(rows, request.user, bestand.name)
        if report.applied:
            messages.success(request, _("De terugmelding van DUO is verwerkt."))
    return render(
        request, "exchange/duo_terugmelding.html", {"form": form, "report": report}
    )


@requires(Permission.EXCHANGE_RUN)
@require_POST
def duo_export(request):
    if refusal := bsn_file_refusal(request.user):
        messages.error(request, refusal)
        return redirect("exchange_home")
    form = DuoExportForm(request.POST, municipalities=_municipalities(request.user))
    if not form.is_valid():
        messages.error(request, _("Kies een gemeente en een formaat."))
        return redirect("exchange_home")
    # Written in the background (regie.jobs, exchange/jobs.py); the job's page offers it.
    params = {"gemeente": form.cleaned_data["gemeente"].pk, "formaat": form.cleaned_data["formaat"]}
    return job_views.started(request, job_services.start(request.user, "duo_meldingen", params))


@requires(Permission.EXCHANGE_RUN)
@require_POST
def cbs_export(request):
    if refusal := bsn_file_refusal(request.user):
        messages.error(request, refusal)
        return redirect("exchange_home")
    form = CbsExportForm(request.POST, municipalities=_municipalities(request.user))
    if not form.is_valid():
        messages.error(request, _("Kies een gemeente."))
        return redirect("exchange_home")
    params = {"gemeente": form.cleaned_data["gemeente"].pk}
    return job_views.started(request, job_services.start(request.user, "cbs_levering", params))


@requires(Permission.EXCHANGE_RUN)
def overdracht_import(request):
    form = OverdrachtImportForm(
        request.POST or None, request.FILES or None, municipalities=_municipalities(request.user)
    )
    report = None
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            dossier = adapter("overdracht").read_dossier(bestand, bestand.name)
        except FormatError as exc:
            report = ImportReport(file_error=str(exc))
        else:
            report = exports.import_dossier(
                dossier,
                form.cleaned_data["gemeente"],
                bestand.name,
                inschrijving_op=form.cleaned_data["inschrijving_op"],
            )
    return render(request, "exchange/overdracht_import.html", {"form": form, "report": report})


@requires(Permission.EXCHANGE_RUN)
def duo_melden(request):
    """'Melden aan DUO': the facts of the user's caseload still to report (te_melden) and
    those reported but not yet confirmed, to mark by hand while no machine link with DUO's
    Portaal Inburgering exists. Opening the page gathers new facts (idempotent)."""
    if request.method == "POST":
        ids = [whole_number(v) for v in request.POST.getlist("melding")]
        chosen = list(
            DuoMelding.objects.for_user(request.user)
            .filter(
                caseload_q(request.user, "inburgeraar__"), pk__in=[i for i in ids if i is not None]
            )
            .select_related("inburgeraar")
        )
        if request.POST.get("actie") == "bevestigd":
            count = exports.mark_bevestigd(chosen, request.user)
            messages.success(request, _("%(n)s melding(en) bevestigd.") % {"n": count})
        else:
            count = exports.mark_gemeld_in_portaal(chosen, request.user)
            messages.success(
                request, _("%(n)s melding(en) gemeld in het Portaal Inburgering.") % {"n": count}
            )
        return redirect("duo_melden")
    for municipality in _municipalities(request.user):
        exports.gather_meldingen(municipality)
    open_ = list(
        DuoMelding.objects.for_user(request.user)
        .filter(
            caseload_q(request.user, "inburgeraar__"),
            status__in=[DuoMeldingStatus.TE_MELDEN, DuoMeldingStatus.GEMELD],
        )
        .select_related("inburgeraar")
        .order_by("status", "inburgeraar__last_name", "inburgeraar_id", "datum", "id")
    )
    audit.log_each(AuditAction.READ, open_, "Melden aan DUO")
    return render(
        request,
        "exchange/duo_melden.html",
        {
            "te_melden": [m for m in open_ if m.status == DuoMeldingStatus.TE_MELDEN],
            "gemeld": [m for m in open_ if m.status == DuoMeldingStatus.GEMELD],
        },
    )


# --- BRP (docs/brp.md) --------------------------------------------------------------------
def brp_municipalities(user) -> list[Municipality]:
    """The municipalities of ``user`` whose BRP can be asked."""
    return list(
        Municipality.objects.filter(
            id__in=served_municipality_ids(user), brp_koppeling__actief=True
        ).order_by("name")
    )


@requires(Permission.PEOPLE_CREATE)
def brp_registratie(request):
    """Register a person by BSN: ask the BRP, then show the registration form filled with
    what it said; the klantmanager checks, completes and saves it (person_create)."""
    from regie.people.forms import InburgeraarForm

    municipalities = brp_municipalities(request.user)
    if not municipalities:
        return render(request, "exchange/brp_ophalen.html", {"form": None})
    form = BrpOphalenForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        served = list(Municipality.objects.filter(id__in=served_municipality_ids(request.user)))
        try:
            gegevens = brp.ophalen_voor_registratie(
                form.cleaned_data["municipality"], form.cleaned_data["bsn"], served
            )
        except BrpError as exc:
            form.add_error(None, str(exc))
        else:
            person_form = InburgeraarForm(initial=gegevens.initial, user=request.user)
            return render(
                request,
                "people/form.html",
                {"form": person_form, "person": None, "brp": gegevens},
            )
    return render(request, "exchange/brp_ophalen.html", {"form": form})


@requires(Permission.EXCHANGE_RUN)
def brp_signaal_afhandelen(request, pk: int, signaal: int):
    person = scoped_person(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    found = get_object_or_404(
        BrpSignaal.objects.for_user(request.user), pk=signaal, inburgeraar=person
    )
    if found.status == BrpSignaalStatus.OPEN:
        brp.afhandelen(found, request.user.username)
        messages.success(request, _("Het BRP-signaal is afgehandeld."))
    return redirect("person_taal", pk=person.pk)


@requires(Permission.RULES_MANAGE)
def brp_koppeling(request, pk: int):
    """The functioneel beheerder sets a municipality's BRP connection (docs/brp.md)."""
    municipality = get_object_or_404(
        Municipality.objects.filter(id__in=served_municipality_ids(request.user)), pk=pk
    )
    instance = BrpKoppeling.objects.filter(municipality=municipality).first() or BrpKoppeling(
        municipality=municipality
    )
    key_before = instance.api_key
    form = BrpKoppelingForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            koppeling = form.save(commit=False)
            koppeling.changed_by = request.user.username
            koppeling.save()
            audit.log(
                AuditAction.UPDATE,
                obj=koppeling,
                avg_relevant=False,
                description=(
                    f"BRP-koppeling {municipality.cbs_code}: actief={koppeling.actief}, "
                    f"endpoint={koppeling.endpoint}, headers={sorted(koppeling.headers())}, "
                    f"sleutel {'gewijzigd' if koppeling.api_key != key_before else 'ongewijzigd'}"
                )[:300],
            )
        messages.success(request, _("De BRP-koppeling is opgeslagen."))
        return redirect("organisation_list")
    return render(
        request,
        "exchange/brp_koppeling.html",
        {"form": form, "municipality": municipality, "has_key": bool(key_before)},
    )
