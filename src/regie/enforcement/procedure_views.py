"""Pages of the bezwaar procedure's steps (issue 19 item 7), each a thin call of
regie.enforcement.services.procedure under the bezwaar: the jurist asks for repair, records
postponement with consent, the advisory commission, the hearers, the ingebrekestelling and
the voorlopige voorziening. One view per URL shape; ``STEPS`` says what each step is."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core import audit
from regie.core.access import requires
from regie.core.models import User
from regie.core.roles import Permission, Role
from regie.enforcement import procedure_forms as pf
from regie.enforcement import services
from regie.enforcement.bezwaar_models import (
    Commissie,
    Ingebrekestelling,
    Opschorting,
    VoorlopigeVoorziening,
)
from regie.enforcement.models import Hoorzitting
from regie.enforcement.views import _bezwaar, _bezwaar_back, _form_page, _run
from regie.people.views import scoped_person


@dataclass(frozen=True)
class Step:
    title: object
    intro: object
    submit: object
    done: object


STEPS = {
    "herstel": Step(
        gettext_lazy("Verzuim laten herstellen"),
        gettext_lazy(
            "Ontbreekt er iets in het bezwaar (Awb art. 6:5)? Vraag de indiener het te "
            "herstellen (art. 6:6). Regie maakt de brief. De beslistermijn staat stil vanaf "
            "de dag na het verzoek tot het herstel of het einde van de hersteltermijn (art. "
            "7:10 lid 2)."
        ),
        gettext_lazy("Verzoek vastleggen en brief maken"),
        gettext_lazy("Het verzoek om herstel is vastgelegd. De brief staat klaar."),
    ),
    "herstel-einde": Step(
        gettext_lazy("Herstel vastleggen"),
        gettext_lazy("Vanaf deze dag loopt de beslistermijn weer (Awb art. 7:10 lid 2)."),
        gettext_lazy("Vastleggen"),
        gettext_lazy("Het einde van de opschorting is vastgelegd."),
    ),
    "uitstel": Step(
        gettext_lazy("Verder uitstel met instemming"),
        gettext_lazy(
            "Verder uitstel dan de verdaging van lid 3 kan alleen als de indiener daarmee "
            "instemt en geen andere belanghebbende daardoor wordt geschaad (Awb art. 7:10 "
            "lid 4). Regie maakt de schriftelijke mededeling (lid 5)."
        ),
        gettext_lazy("Uitstel vastleggen en brief maken"),
        gettext_lazy("Het uitstel is vastgelegd. De mededeling staat klaar."),
    ),
    "commissie": Step(
        gettext_lazy("Adviescommissie inschakelen"),
        gettext_lazy(
            "Een commissie als bedoeld in Awb art. 7:13 adviseert over het bezwaar. De "
            "beslistermijn is dan twaalf weken (art. 7:10 lid 1). Regie maakt de mededeling "
            "aan de indiener."
        ),
        gettext_lazy("Mededeling vastleggen en brief maken"),
        gettext_lazy("De adviescommissie is vastgelegd. De mededeling staat klaar."),
    ),
    "commissie-advies": Step(
        gettext_lazy("Advies van de commissie vastleggen"),
        gettext_lazy("De beslissing vermeldt het advies (Awb art. 7:13 lid 7)."),
        gettext_lazy("Advies vastleggen"),
        gettext_lazy("Het advies van de commissie is vastgelegd."),
    ),
    "hoorders": Step(
        gettext_lazy("Wie hoort de inburgeraar"),
        gettext_lazy(
            "Het horen gebeurt door iemand die niet betrokken was bij de voorbereiding van "
            "het besluit (Awb art. 7:5 lid 1). Regie controleert dat aan de hand van het "
            "besluit en het auditlog."
        ),
        gettext_lazy("Hoorders vastleggen"),
        gettext_lazy("De hoorders zijn vastgelegd."),
    ),
    "ingebrekestelling": Step(
        gettext_lazy("Ingebrekestelling vastleggen"),
        gettext_lazy(
            "De indiener stelt het college schriftelijk in gebreke omdat niet op tijd is "
            "beslist. Twee weken na ontvangst begint de dwangsom (Awb art. 4:17)."
        ),
        gettext_lazy("Ingebrekestelling vastleggen"),
        gettext_lazy("De ingebrekestelling is vastgelegd."),
    ),
    "dwangsom": Step(
        gettext_lazy("Dwangsom vastgesteld"),
        gettext_lazy(
            "Het college stelt de dwangsom binnen twee weken na de laatste dag bij "
            "beschikking vast (Awb art. 4:18). Regie legt het berekende bedrag vast."
        ),
        gettext_lazy("Vaststelling vastleggen"),
        gettext_lazy("De vaststelling van de dwangsom is vastgelegd."),
    ),
    "voorziening": Step(
        gettext_lazy("Voorlopige voorziening vastleggen"),
        gettext_lazy(
            "De inburgeraar vraagt de voorzieningenrechter om een voorlopige voorziening "
            "(Awb art. 8:81), bijvoorbeeld schorsing van het besluit."
        ),
        gettext_lazy("Verzoek vastleggen"),
        gettext_lazy("Het verzoek om een voorlopige voorziening is vastgelegd."),
    ),
    "voorziening-uitspraak": Step(
        gettext_lazy("Uitspraak voorlopige voorziening"),
        gettext_lazy(
            "Schorst de rechter het besluit? Dan stopt Regie alles wat eruit volgt: "
            "betaaltermijn, aanmaning, invordering, en het telt niet mee voor een "
            "verdubbeling."
        ),
        gettext_lazy("Uitspraak vastleggen"),
        gettext_lazy("De uitspraak is vastgelegd."),
    ),
}
ITEM_STEPS = {"herstel-einde", "hoorders", "voorziening-uitspraak"}


def _hearers(person):
    return (
        User.objects.filter(
            is_active=True,
            organisation__serves=person.municipality_id,
            role_assignments__role__in=[Role.JURIST, Role.KLANTMANAGER],
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _action(step, case, item, request):
    """(form, service call) for ``step``; raises Http404 for an unknown step or item."""
    data = request.POST if request.method == "POST" else None
    user = request.user
    if step == "herstel":
        form = pf.HerstelForm(data)
        return form, lambda d: services.request_repair(case, user=user, **d)
    if step == "herstel-einde":
        o = get_object_or_404(Opschorting.objects.for_user(user), pk=item, bezwaar=case)
        form = pf.HerstelEindeForm(data)
        return form, lambda d: services.end_repair(o, stand=d["stand"], op=d["op"])
    if step == "uitstel":
        form = pf.UitstelForm(data)
        return form, lambda d: services.postpone_with_consent(case, user=user, **d)
    if step == "commissie":
        form = pf.CommissieForm(data)
        return form, lambda d: services.announce_commission(case, user=user, **d)
    if step == "commissie-advies":
        commissie = get_object_or_404(Commissie.objects.for_user(user), bezwaar=case)
        form = pf.CommissieAdviesForm(data)
        return form, lambda d: services.record_commission_advice(commissie, **d)
    if step == "hoorders":
        hearing = get_object_or_404(Hoorzitting.objects.for_user(user), pk=item, bezwaar=case)
        form = pf.HoordersForm(
            data,
            users=_hearers(case.inburgeraar),
            initial={"hoorders": [h.gebruiker_id for h in hearing.hoorders.all()]},
        )
        return form, lambda d: services.set_hearers(hearing, d["hoorders"])
    if step == "ingebrekestelling":
        form = pf.IngebrekestellingForm(data)
        return form, lambda d: services.record_ingebrekestelling(case, user=user, **d)
    if step == "dwangsom":
        ing = get_object_or_404(Ingebrekestelling.objects.for_user(user), bezwaar=case)
        form = pf.forms.Form(data)
        return form, lambda d: services.fix_dwangsom(ing)
    if step == "voorziening":
        form = pf.VoorzieningForm(data)
        return form, lambda d: services.register_voorziening(case, user=user, **d)
    if step == "voorziening-uitspraak":
        vv = get_object_or_404(VoorlopigeVoorziening.objects.for_user(user), pk=item, bezwaar=case)
        form = pf.VoorzieningUitspraakForm(data)
        return form, lambda d: services.decide_voorziening(vv, **d)
    raise Http404


def _page(request, pk: int, bezwaar: int, step: str, item: int | None):
    if step not in STEPS or (step in ITEM_STEPS) != (item is not None):
        raise Http404
    person = scoped_person(request, pk)
    case = _bezwaar(request, person, bezwaar)
    info = STEPS[step]
    form, call = _action(step, case, item, request)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(form, lambda: call(form.cleaned_data)) is not None
    ):
        messages.success(request, str(info.done))
        return redirect(_bezwaar_back(person, case))
    if request.method == "GET":
        audit.log_read(case, person.pk, f"bezwaar {case.kenmerk}: {step}")
    return _form_page(
        request,
        person,
        title=_("%(what)s – %(kenmerk)s") % {"what": info.title, "kenmerk": case.kenmerk},
        intro=info.intro,
        form=form,
        back=_bezwaar_back(person, case),
        submit=info.submit,
        extra={"bezwaar": case},
    )


@requires(Permission.BEZWAAR_DECIDE)
def bezwaar_procedure(request, pk: int, bezwaar: int, step: str):
    return _page(request, pk, bezwaar, step, None)


@requires(Permission.BEZWAAR_DECIDE)
def bezwaar_procedure_item(request, pk: int, bezwaar: int, step: str, item: int):
    return _page(request, pk, bezwaar, step, item)
