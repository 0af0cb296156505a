"""Pages of the finance app: the person's ontzorging (items, benefit, extensions, afbouw,
money training), the payment runs of the financieel medewerker, and the budget and
forecast of the regisseur and the finance department. Thin views: decisions in
services.py, arithmetic in regie.rules, access in regie.core.access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core import audit
from regie.core.access import requires, served_municipality_ids
from regie.core.formatting import datum
from regie.core.localrules import local_value
from regie.core.models import AuditAction, Municipality, Organisation
from regie.core.numbers import whole_number
from regie.core.roles import OrganisationType, Permission
from regie.finance import exports, services
from regie.finance.chart import forecast_chart
from regie.finance.forms import (
    AfbouwForm,
    BetaalPostForm,
    BetaalrekeningForm,
    CancelForm,
    ContractForm,
    CrediteurForm,
    DeelnameForm,
    FinancieringForm,
    GeldtrainingForm,
    OntzorgingForm,
    PostEndForm,
    PostSoortForm,
    RunCreateForm,
    ScenarioForm,
    UitkeringCorrectieForm,
    UitkeringForm,
    VerlengingForm,
    soorten_for,
)
from regie.finance.models import (
    BetaalPost,
    Betaalrekening,
    Contract,
    Crediteur,
    Financiering,
    Geldtraining,
    GeldtrainingDeelname,
    Ontzorging,
    PostSoort,
    RunStatus,
    Scenario,
    Uitkering,
    UitkeringCorrectie,
)
from regie.finance.templatetags.finance import euro
from regie.jobs import services as job_services
from regie.jobs import views as job_views
from regie.people.views import scoped_person
from regie.plans.forms import BekendmakingForm
from regie.rules import ontzorging as rules
from regie.rules.deadlines import bezwaartermijn_einde

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _ontzorging(request, person) -> Ontzorging:
    queryset = Ontzorging.objects.for_user(request.user)
    return get_object_or_404(queryset, inburgeraar=person)


def _post(request, ontzorging, post_id) -> BetaalPost:
    queryset = BetaalPost.objects.for_user(request.user).select_related("soort")
    return get_object_or_404(queryset, ontzorging=ontzorging, pk=post_id)


# --- the person's ontzorging -----------------------------------------------------------


@requires(Permission.ONTZORGING_VIEW)
def ontzorging_detail(request, pk: int):
    person = scoped_person(request, pk)
    audit.log_read(person, person.pk, "financiële ontzorging")
    ontzorging = Ontzorging.objects.for_user(request.user).filter(inburgeraar=person).first()
    today = timezone.localdate()
    context = {
        "person": person,
        "ontzorging": ontzorging,
        "eligibility": services.eligibility_problem(person),
        "deelnames": GeldtrainingDeelname.objects.for_user(request.user)
        .filter(inburgeraar=person)
        .select_related("training"),
        "today": today,
    }
    if ontzorging:
        posts = list(
            ontzorging.posten.select_related("soort", "aangemaakt_door", "gecontroleerd_door")
        )
        benefits = list(ontzorging.uitkeringen.prefetch_related("correcties__aangevraagd_door"))
        rows = services.overview(ontzorging, posts, benefits)
        verlengingen = list(ontzorging.verlengingen.all())
        weeks = local_value(person.municipality, "ontzorging_afbouw_signaal_weken")
        context.update(
            posts=posts,
            benefits=benefits,
            corrections=[c for b in benefits for c in b.correcties.all() if c.status == "open"],
            rows=rows,
            this_month=services.month_row(rows, today),
            verlengingen=verlengingen,
            besluiten=services.besluiten(ontzorging, verlengingen),
            bekendmaking_form=BekendmakingForm(initial={"bekendgemaakt_op": today}),
            afbouw_from=rules.afbouw_signal_from(ontzorging.end_date, weeks),
            in_afbouw=ontzorging.is_active and rules.in_afbouw(ontzorging.end_date, today, weeks),
            overdue=ontzorging.is_active and ontzorging.end_date < today,
            paid=services.paid_lines_for(ontzorging, request.user),
        )
    return render(request, "finance/ontzorging.html", context)


@requires(Permission.ONTZORGING_CHANGE)
def ontzorging_edit(request, pk: int):
    person = scoped_person(request, pk)
    existing = Ontzorging.objects.for_user(request.user).filter(inburgeraar=person).first()
    if existing is None and (problem := services.eligibility_problem(person)):
        messages.error(request, problem)
        return redirect("ontzorging_detail", pk=person.pk)
    form = OntzorgingForm(request.POST or None, instance=existing, municipality=person.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            if existing:
                form.save()
                messages.success(request, _("De gegevens van de ontzorging zijn opgeslagen."))
            else:
                ontzorging = services.start_ontzorging(
                    person, form.save(commit=False), form.cleaned_data["uitkering"], request.user
                )
                messages.success(
                    request,
                    _("De ontzorging is vastgelegd tot en met %(einde)s.")
                    % {"einde": datum(ontzorging.end_date)},
                )
            return redirect("ontzorging_detail", pk=person.pk)
        except ValidationError as error:
            _apply_errors(form, error)
    return render(
        request,
        "finance/form.html",
        {
            "person": person,
            "form": form,
            "title": _("Ontzorging wijzigen") if existing else _("Ontzorging vastleggen"),
            "intro": ""
            if existing
            else _(
                "Zes maanden vanaf de dag waarop het recht op bijstand ingaat betaalt de gemeente "
                "de vaste lasten uit de uitkering (Participatiewet art. 56a). Regie rekent de "
                "einddatum uit."
            ),
        },
    )


@requires(Permission.ONTZORGING_CHANGE)
def ontzorging_extend(request, pk: int):
    person = scoped_person(request, pk)
    ontzorging = _ontzorging(request, person)
    form = VerlengingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.extend(
                ontzorging,
                form.cleaned_data["nieuwe_einde"],
                form.cleaned_data["reden"],
                request.user,
                grondslag=form.cleaned_data["grondslag"],
                grondslag_op=form.cleaned_data["grondslag_op"],
                kenmerk=form.cleaned_data["kenmerk"],
            )
            messages.success(request, _("De ontzorging is verlengd."))
            return redirect("ontzorging_detail", pk=person.pk)
        except ValidationError as error:
            _apply_errors(form, error)
    return render(
        request,
        "finance/form.html",
        {
            "person": person,
            "form": form,
            "title": _("Ontzorging verlengen"),
            "intro": _("Huidige einddatum: %(einde)s.")
            % {"einde": datum(ontzorging.end_date)},
        },
    )


@requires(Permission.ONTZORGING_CHANGE)
def ontzorging_uitkering(request, pk: int):
    person = scoped_person(request, pk)
    ontzorging = _ontzorging(request, person)
    form = UitkeringForm(request.POST or None, municipality=person.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_benefit(
                ontzorging,
                form.cleaned_data["bedrag"],
                form.cleaned_data["geldig_vanaf"],
                form.cleaned_data["toelichting"],
                request.user,
            )
            messages.success(request, _("Het nieuwe uitkeringsbedrag is vastgelegd."))
            return redirect("ontzorging_detail", pk=person.pk)
        except ValidationError as error:
            _apply_errors(form, error)
    return render(
        request,
        "finance/form.html",
        {
            "person": person,
            "form": form,
            "title": _("Uitkeringsbedrag wijzigen"),
            "intro": _("Een wijziging gaat in op een datum; eerdere bedragen blijven bewaard."),
        },
    )


@requires(Permission.ONTZORGING_CHANGE)
def uitkering_correct(request, pk: int, uitkering: int):
    """Correct a benefit amount from the same date (a typing error); a colleague confirms."""
    person = scoped_person(request, pk)
    ontzorging = _ontzorging(request, person)
    item = get_object_or_404(
        Uitkering.objects.for_user(request.user), ontzorging=ontzorging, pk=uitkering
    )
    form = UitkeringCorrectieForm(request.POST or None, municipality=person.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_benefit_correction(
                item, form.cleaned_data["nieuw_bedrag"], form.cleaned_data["reden"], request.user
            )
            messages.success(
                request,
                _(
                    "De correctie is vastgelegd. Het bedrag verandert pas als een collega "
                    "de correctie bevestigt (vier ogen)."
                ),
            )
            return redirect("ontzorging_detail", pk=person.pk)
        except ValidationError as error:
            _apply_errors(form, error)
    return render(
        request,
        "finance/form.html",
        {
            "person": person,
            "form": form,
            "title": _("Uitkeringsbedrag corrigeren"),
            "intro": _(
                "Het bedrag vanaf %(datum)s is nu %(bedrag)s per maand. Een correctie geldt "
                "vanaf dezelfde datum en gaat in zodra een collega hem bevestigt; het oude "
                "bedrag blijft in de historie."
            )
            % {"datum": date_format(item.geldig_vanaf, "j F Y"), "bedrag": euro(item.bedrag)},
        },
    )


@requires(Permission.ONTZORGING_CHANGE)
@require_POST
def uitkering_correctie(request, pk: int, correctie: int):
    person = scoped_person(request, pk)
    ontzorging = _ontzorging(request, person)
    item = get_object_or_404(
        UitkeringCorrectie.objects.for_user(request.user),
        uitkering__ontzorging=ontzorging,
        pk=correctie,
    )
    confirm = request.POST.get("action") == "bevestigen"
    try:
        services.decide_benefit_correction(item, request.user, confirm)
        messages.success(
            request,
            _("De correctie is bevestigd; het nieuwe bedrag geldt.")
            if confirm
            else _("De correctie is afgewezen; het bedrag blijft zoals het was."),
        )
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    return redirect("ontzorging_detail", pk=person.pk)


@requires(Permission.ONTZORGING_CHANGE)
def post_add(request, pk: int):
    person = scoped_person(request, pk)
    ontzorging = _ontzorging(request, person)
    form = BetaalPostForm(
        request.POST or None,
        instance=BetaalPost(ontzorging=ontzorging),
        municipality=person.municipality,
        initial={"geldig_vanaf": ontzorging.start_date},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_post(form.instance, request.user)
            messages.success(
                request, _("De post is toegevoegd. Een collega controleert hem voor betaling.")
            )
            return redirect("ontzorging_detail", pk=person.pk)
        except ValidationError as error:
            _apply_errors(form, error)
    return render(
        request,
        "finance/post_form.html",
        {"person": person, "form": form, "title": _("Vaste last toevoegen")},
    )


@requires(Permission.ONTZORGING_CHANGE)
def post_change(request, pk: int, post: int):
    person = scoped_person(request, pk)
    ontzorging = _ontzorging(request, person)
    item = _post(request, ontzorging, post)
    action = request.POST.get("action") if request.method == "POST" else None
    initial = {
        "register": item.register_id,
        "crediteur": item.crediteur,
        "iban": item.iban,
        "bic": item.bic,
        "bedrag": item.bedrag,
        "frequentie": item.frequentie,
        "kenmerk": item.kenmerk,
    }
    change_form = BetaalPostForm(
        request.POST if action == "wijzigen" else None,
        instance=BetaalPost(ontzorging=ontzorging, soort=item.soort),
        municipality=person.municipality,
        change=True,
        initial=initial,
        prefix="wijzigen",
    )
    end_form = PostEndForm(request.POST if action == "beeindigen" else None, prefix="einde")
    correct_form = BetaalPostForm(
        request.POST if action == "corrigeren" else None,
        instance=BetaalPost(
            ontzorging=ontzorging, soort=item.soort, geldig_vanaf=item.geldig_vanaf
        ),
        municipality=person.municipality,
        correct=True,
        initial=initial,
        prefix="corrigeren",
    )
    forms_by_action = {
        "wijzigen": change_form,
        "beeindigen": end_form,
        "corrigeren": correct_form,
    }
    try:
        if action == "corrigeren" and correct_form.is_valid():
            services.correct_post(
                item, correct_form.instance, correct_form.cleaned_data["reden"], request.user
            )
            messages.success(
                request,
                _(
                    "De post is gecorrigeerd. Een collega controleert hem opnieuw voordat "
                    "hij wordt betaald."
                ),
            )
            return redirect("ontzorging_detail", pk=person.pk)
        if action == "wijzigen" and change_form.is_valid():
            services.change_post(item, change_form.instance, request.user)
            messages.success(
                request, _("De wijziging is vastgelegd; de oude versie blijft bewaard.")
            )
            return redirect("ontzorging_detail", pk=person.pk)
        if action == "beeindigen" and end_form.is_valid():
            services.end_post(item, end_form.cleaned_data["geldig_tot"])
            messages.success(request, _("De post is beëindigd."))
            return redirect("ontzorging_detail", pk=person.pk)
    except ValidationError as error:
        _apply_errors(forms_by_action[action], error)
    return render(
        request,
        "finance/post_change.html",
        {
            "person": person,
            "post": item,
            "change_form": change_form,
            "end_form": end_form,
            "correct_form": correct_form,
            "paid": item.regels.active().exists(),
        },
    )


@requires(Permission.PAYMENT_APPROVE)
@require_POST
def post_check(request, pk: int, post: int):
    person = scoped_person(request, pk)
    ontzorging = _ontzorging(request, person)
    item = _post(request, ontzorging, post)
    try:
        services.check_post(item, request.user)
        messages.success(request, _("De post is gecontroleerd en kan worden betaald."))
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    return redirect("ontzorging_detail", pk=person.pk)


@requires(Permission.ONTZORGING_CHANGE)
@require_POST
def ontzorging_bekendmaking(request, pk: int, besluit: str):
    """'Verzonden / uitgereikt': record the bekendmaking of a besluit of the ontzorging
    (start, a Pw art. 57 extension, the end); the bezwaartermijn runs from the day after."""
    person = scoped_person(request, pk)
    ontzorging = _ontzorging(request, person)
    form = BekendmakingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        services.record_bekendmaking(
            ontzorging,
            besluit,
            request.user,
            form.cleaned_data["bekendgemaakt_op"],
            form.cleaned_data["wijze"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("De verzending is vastgelegd. De bezwaartermijn loopt tot en met %(dag)s.")
            % {"dag": datum(bezwaartermijn_einde(form.cleaned_data["bekendgemaakt_op"]))},
        )
    return redirect("ontzorging_detail", pk=person.pk)


@requires(Permission.ONTZORGING_CHANGE)
def ontzorging_afbouw(request, pk: int):
    person = scoped_person(request, pk)
    ontzorging = _ontzorging(request, person)
    form = AfbouwForm(request.POST or None, instance=ontzorging)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = form.save(commit=False)
                handover = (
                    form.cleaned_data["overdracht_datum"]
                    if form.cleaned_data["overdragen"]
                    else None
                )
                services.save_afbouw(
                    saved, handover=handover, note=form.cleaned_data["overdracht_toelichting"]
                )
            messages.success(
                request,
                _("De ontzorging is overgedragen aan zelfbeheer.")
                if handover
                else _("De eindchecklist is opgeslagen."),
            )
            return redirect("ontzorging_detail", pk=person.pk)
        except ValidationError as error:
            _apply_errors(form, error)
    return render(
        request,
        "finance/form.html",
        {
            "person": person,
            "form": form,
            "title": _("Afbouw en overdracht naar zelfbeheer"),
            "intro": _(
                "Vier weken voor het einde (%(einde)s) krijgt de klantmanager een signaal. Loop "
                "de checklist door en leg de overdracht vast."
            )
            % {"einde": datum(ontzorging.end_date)},
        },
    )


@requires(Permission.ONTZORGING_CHANGE)
def geldtraining_edit(request, pk: int, deelname: int | None = None):
    person = scoped_person(request, pk)
    instance = (
        get_object_or_404(
            GeldtrainingDeelname.objects.for_user(request.user), inburgeraar=person, pk=deelname
        )
        if deelname
        else GeldtrainingDeelname(inburgeraar=person)
    )
    form = DeelnameForm(request.POST or None, instance=instance, municipality=person.municipality)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De deelname aan de geldtraining is opgeslagen."))
        return redirect("ontzorging_detail", pk=person.pk)
    no_groups = not form.fields["training"].queryset.exists()
    return render(
        request,
        "finance/form.html",
        {
            "person": person,
            "form": form,
            "title": _("Geldtraining (NIBUD Geldplan statushouders)"),
            "intro": _("Er is nog geen groep voor deze gemeente; maak eerst een groep aan.")
            if no_groups
            else _("Ook voor de ondertussengroep. Na de training kan individuele hulp volgen."),
        },
    )


@requires(Permission.ONTZORGING_CHANGE)
def geldtraining_groups(request):
    municipalities = Municipality.objects.filter(pk__in=served_municipality_ids(request.user))
    groups = Geldtraining.objects.filter(municipality__in=municipalities).select_related(
        "municipality"
    )
    form = GeldtrainingForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De groep is aangemaakt."))
        return redirect("geldtraining_groups")
    return render(request, "finance/geldtraining_groups.html", {"groups": groups, "form": form})


# --- payment runs ----------------------------------------------------------------------


def _run(request, run_id: int):
    return get_object_or_404(
        services.visible_runs(request.user).select_related(
            "municipality",
            "voorbereid_door",
            "goedgekeurd_door",
            "geexporteerd_door",
            "geannuleerd_door",
        ),
        pk=run_id,
    )


@requires(Permission.PAYMENT_RUN)
def betaalrun_list(request):
    today = timezone.localdate()
    municipalities = Municipality.objects.filter(pk__in=served_municipality_ids(request.user))
    runs = list(
        services.visible_runs(request.user)
        .select_related("municipality", "voorbereid_door", "goedgekeurd_door")
        .with_totals()[:60]
    )
    initial = {}
    gemeente = whole_number(request.GET.get("gemeente"))
    if gemeente is not None:
        initial["gemeente"] = gemeente
    if request.GET.get("maand"):
        initial["maand"] = request.GET["maand"]
    form = RunCreateForm(municipalities=municipalities, today=today, initial=initial)
    return render(request, "finance/runs.html", {"runs": runs, "form": form})


@requires(Permission.PAYMENT_RUN)
@require_POST
def betaalrun_create(request):
    today = timezone.localdate()
    municipalities = Municipality.objects.filter(pk__in=served_municipality_ids(request.user))
    form = RunCreateForm(request.POST, municipalities=municipalities, today=today)
    if not form.is_valid():
        messages.error(request, _("Kies een gemeente en een maand."))
        return redirect("betaalrun_list")
    try:
        result = services.create_run(
            form.cleaned_data["gemeente"], form.cleaned_data["maand"], request.user, today
        )
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
        return redirect("betaalrun_list")
    if result.created and result.run.inhaalrun:
        messages.success(
            request,
            _(
                "Inhaalrun gemaakt met %(n)s posten die na de export van deze maand zijn "
                "bijgekomen. Een collega keurt hem goed."
            )
            % {"n": result.added},
        )
    elif result.created:
        messages.success(
            request,
            _("Betaalrun gemaakt met %(n)s posten. Een collega keurt hem goed.")
            % {"n": result.added},
        )
    elif result.pending:
        messages.info(
            request,
            _(
                "Er staat al een run voor deze maand klaar. Die is niet veranderd; de nieuwe "
                "posten voegt u op deze pagina toe met 'Posten toevoegen aan deze run'."
            ),
        )
    else:
        messages.info(
            request,
            _(
                "Er staat al een run voor deze maand klaar; er waren geen nieuwe posten. "
                "Niets is dubbel opgenomen."
            ),
        )
    if result.unchecked:
        messages.warning(
            request,
            _("%(n)s post(en) zijn nog niet gecontroleerd en zijn niet opgenomen.")
            % {"n": result.unchecked},
        )
    return redirect("betaalrun_detail", run=result.run.pk)


@requires(Permission.PAYMENT_RUN)
def betaalrun_detail(request, run: int):
    item = _run(request, run)
    lines = list(services.run_lines(item, request.user))
    count, total = services.run_totals(item)
    audit.log(
        AuditAction.READ,
        obj=item,
        object_type="betaalrun",
        description=f"betaalrun {item.msg_id} ingezien ({count} regels)",
    )
    return render(
        request,
        "finance/run_detail.html",
        {
            "run": item,
            "lines": lines,
            "count": count,
            "total": total,
            "hidden": max(0, count - sum(1 for line in lines if not line.vervallen)),
            "cancel_form": CancelForm(),
            "may_approve": request.user.can(Permission.PAYMENT_APPROVE),
            "approve_problem": services.approve_problem(item, request.user),
            "lines_hash": services.lines_hash(item),
            "pending": services.pending_posts(item, request.user),
            "changers": list(item.gewijzigd_door.all()),
        },
    )


@requires(Permission.PAYMENT_APPROVE)
@require_POST
def betaalrun_approve(request, run: int):
    item = _run(request, run)
    try:
        services.approve_run(item, request.user, request.POST.get("hash", ""))
        messages.success(request, _("De betaalrun is goedgekeurd en kan worden geëxporteerd."))
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    return redirect("betaalrun_detail", run=item.pk)


@requires(Permission.PAYMENT_RUN)
@require_POST
def betaalrun_add_posts(request, run: int):
    item = _run(request, run)
    try:
        added = services.add_posts_to_run(item, request.user)
        if added:
            messages.success(
                request,
                _(
                    "%(n)s posten zijn aan de run toegevoegd. Omdat u de run hebt gewijzigd, "
                    "keurt een collega hem goed."
                )
                % {"n": added},
            )
        else:
            messages.info(request, _("Er waren geen nieuwe posten voor deze maand."))
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    return redirect("betaalrun_detail", run=item.pk)


@requires(Permission.PAYMENT_RUN)
@require_POST
def betaalrun_export(request, run: int):
    """Write the SEPA file in the background (a large municipality's run takes a while);
    the job's page shows the progress and offers the file."""
    item = _run(request, run)
    job = job_services.start(
        request.user, "betaalrun_sepa", {"run": item.pk, "msg_id": item.msg_id}
    )
    return job_views.started(request, job)


@requires(Permission.PAYMENT_RUN)
@require_POST
def betaalrun_cancel(request, run: int):
    item = _run(request, run)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef de reden van de annulering op."))
        return redirect("betaalrun_detail", run=item.pk)
    try:
        services.cancel_run(item, request.user, form.cleaned_data["reden"])
        messages.success(
            request, _("De betaalrun is geannuleerd; de posten kunnen opnieuw worden geselecteerd.")
        )
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    return redirect("betaalrun_detail", run=item.pk)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires(Permission.PAYMENT_RUN)
def betaalrun_sepa(request, run: int):
    item = _run(request, run)
    if item.status != RunStatus.GEEXPORTEERD:
        raise Http404
    if not item.sepa_xml:
        messages.error(
            request,
            _(
                "Het SEPA-bestand van deze betaalrun is niet meer bewaard: het is vernietigd "
                "na de bewaartermijn of omdat de gegevens van een betrokkene zijn "
                "geanonimiseerd. De betaalregels, totalen, het berichtkenmerk en de "
                "SHA-256-hash van het bestand blijven bewaard."
            ),
        )
        return redirect("betaalrun_detail", run=item.pk)
    audit.log(
        AuditAction.DOWNLOAD,
        obj=item,
        object_type="betaalrun",
        description=f"SEPA-bestand {item.msg_id} gedownload",
    )
    return _download(bytes(item.sepa_xml), "application/xml", f"{item.msg_id}.xml")


@requires(Permission.PAYMENT_RUN)
def betaalrun_xlsx(request, run: int):
    item = _run(request, run)
    lines = services.run_lines(item, request.user).filter(
        vervallen=item.status == RunStatus.GEANNULEERD
    )
    audit.log(
        AuditAction.DOWNLOAD,
        obj=item,
        object_type="betaalrun",
        description=f"betaallijst {item.msg_id} (xlsx) gedownload",
    )
    return _download(exports.run_xlsx(item, lines), XLSX, f"{item.msg_id}.xlsx")


@requires(Permission.PAYMENT_RUN)
def betaalrun_pdf(request, run: int):
    item = _run(request, run)
    lines = list(
        services.run_lines(item, request.user).filter(
            vervallen=item.status == RunStatus.GEANNULEERD
        )
    )
    audit.log(
        AuditAction.DOWNLOAD,
        obj=item,
        object_type="betaalrun",
        description=f"betaallijst {item.msg_id} (pdf) gedownload",
    )
    totals = (len(lines), sum((line.bedrag for line in lines), start=0))
    return _download(exports.run_pdf(item, lines, totals), "application/pdf", f"{item.msg_id}.pdf")


# --- crediteurenregister --------------------------------------------------------------


@requires(Permission.PAYMENT_RUN)
def crediteuren(request, obj: int | None = None):
    """The crediteurenregister of the financieel medewerker: the parties items pick."""
    municipality = _municipality(request)
    served = served_municipality_ids(request.user)
    visible = Crediteur.objects.filter(
        Q(municipality__isnull=True) | Q(municipality__in=served)
    ).select_related("municipality")
    instance = get_object_or_404(visible, pk=obj) if obj else Crediteur(municipality=municipality)
    form = CrediteurForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if form.cleaned_data["gedeeld"]:
            saved.municipality = None
        elif saved.municipality_id is None:
            saved.municipality = municipality
        try:
            saved.full_clean()
            saved.save()
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            audit.log(
                AuditAction.UPDATE if obj else AuditAction.CREATE,
                obj=saved,
                object_type="crediteur",
                avg_relevant=False,
                description=f"crediteurenregister: {saved} {saved.iban}"
                + ("" if saved.actief else " (niet actief)"),
            )
            messages.success(request, _("De crediteur is opgeslagen in het register."))
            return redirect(f"{reverse('crediteuren')}?gemeente={municipality.pk}")
    creditors = list(
        visible.filter(Q(municipality__isnull=True) | Q(municipality=municipality)).annotate(
            in_use=Count("posten")
        )
    )
    return render(
        request,
        "finance/crediteuren.html",
        {
            "municipality": municipality,
            "municipalities": services.municipalities_for(request.user),
            "creditors": creditors,
            "form": form,
            "editing": instance if obj else None,
        },
    )


# --- budget and forecast ---------------------------------------------------------------


def _municipality(request):
    municipality = services.chosen_municipality(request.user, request.GET.get("gemeente"))
    if municipality is None:
        raise Http404
    return municipality


def _year(request, years: list[int]) -> int:
    value = whole_number(request.GET.get("jaar"), maximum=9999)
    if value:
        return value
    today = timezone.localdate()
    return today.year if today.year in years or not years else years[-1]


@requires(Permission.BUDGET_VIEW)
def budget_overview(request):
    municipality = _municipality(request)
    years = services.budget_years(municipality)
    year = _year(request, years)
    blocks = services.budget_for(municipality, year)
    return render(
        request,
        "finance/budget.html",
        {
            "municipality": municipality,
            "municipalities": services.municipalities_for(request.user),
            "years": years,
            "year": year,
            "blocks": blocks,
        },
    )


@requires(Permission.BUDGET_VIEW)
def budget_xlsx(request):
    municipality = _municipality(request)
    year = _year(request, services.budget_years(municipality))
    blocks = services.budget_for(municipality, year)
    audit.log(
        AuditAction.EXPORT,
        object_type="budget",
        avg_relevant=False,
        description=f"budget {municipality} {year} (xlsx)",
    )
    return _download(
        exports.budget_xlsx(municipality, year, blocks),
        XLSX,
        f"budget-{municipality.cbs_code}-{year}.xlsx",
    )


def _budget_form(request, form_class, model, obj_id, title, **form_kwargs):
    municipality = _municipality(request)
    instance = (
        get_object_or_404(model, pk=obj_id, municipality__in=served_municipality_ids(request.user))
        if obj_id
        else model(municipality=municipality)
    )
    form = form_class(request.POST or None, instance=instance, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        audit.log(
            AuditAction.UPDATE if obj_id else AuditAction.CREATE,
            obj=saved,
            avg_relevant=False,
            description=str(saved),
        )
        messages.success(request, _("Opgeslagen."))
        return saved, None
    return None, render(
        request,
        "finance/budget_form.html",
        {"form": form, "title": title, "municipality": instance.municipality},
    )


@requires(Permission.BUDGET_MANAGE)
def financiering_edit(request, obj: int | None = None):
    saved, response = _budget_form(
        request, FinancieringForm, Financiering, obj, _("Financieringsbron")
    )
    if saved:
        return redirect(_budget_url(saved))
    return response


@requires(Permission.BUDGET_MANAGE)
def contract_edit(request, obj: int | None = None):
    organisations = (
        Organisation.objects.filter(serves__in=served_municipality_ids(request.user))
        .exclude(type=OrganisationType.GEMEENTE)
        .distinct()
    )
    saved, response = _budget_form(
        request, ContractForm, Contract, obj, _("Contract"), organisations=organisations
    )
    if saved:
        return redirect(_budget_url(saved))
    return response


def _budget_url(saved) -> str:
    return f"{reverse('budget_overview')}?gemeente={saved.municipality_id}&jaar={saved.jaar}"


@requires(Permission.BUDGET_VIEW)
def prognose(request):
    municipality = _municipality(request)
    items = services.forecasts(municipality)
    return render(
        request,
        "finance/prognose.html",
        {
            "municipality": municipality,
            "municipalities": services.municipalities_for(request.user),
            "forecasts": items,
            "chart": forecast_chart(items),
        },
    )


@requires(Permission.BUDGET_VIEW)
def prognose_xlsx(request):
    municipality = _municipality(request)
    items = services.forecasts(municipality)
    audit.log(
        AuditAction.EXPORT,
        object_type="prognose",
        avg_relevant=False,
        description=f"prognose {municipality} (xlsx)",
    )
    return _download(exports.forecast_xlsx(items), XLSX, f"prognose-{municipality.cbs_code}.xlsx")


@requires(Permission.BUDGET_MANAGE)
def scenario_edit(request, obj: int | None = None):
    saved, response = _budget_form(request, ScenarioForm, Scenario, obj, _("Scenario"))
    if saved:
        return redirect(f"{reverse('prognose')}?gemeente={saved.municipality_id}")
    return response


@requires(Permission.BUDGET_MANAGE)
def finance_settings(request):
    municipality = _municipality(request)
    account = Betaalrekening.objects.filter(municipality=municipality).first()
    action = request.POST.get("action") if request.method == "POST" else None
    account_form = BetaalrekeningForm(
        request.POST if action == "rekening" else None,
        instance=account or Betaalrekening(municipality=municipality),
        prefix="rekening",
    )
    soort_form = PostSoortForm(
        request.POST if action == "soort" else None,
        instance=PostSoort(municipality=municipality),
        prefix="soort",
    )
    for form, name in ((account_form, "rekening"), (soort_form, "soort")):
        if action == name and form.is_valid():
            saved = form.save()
            audit.log(AuditAction.UPDATE, obj=saved, avg_relevant=False, description=str(saved))
            messages.success(request, _("Opgeslagen."))
            return redirect(f"{request.path}?gemeente={municipality.pk}")
    return render(
        request,
        "finance/settings.html",
        {
            "municipality": municipality,
            "municipalities": services.municipalities_for(request.user),
            "account_form": account_form,
            "soort_form": soort_form,
            "soorten": soorten_for(municipality).select_related("municipality"),
        },
    )
