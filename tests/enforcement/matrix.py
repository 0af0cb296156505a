"""URLs of the enforcement app for the role x URL matrix (tests/core/test_access_matrix.py).

Handhaving pages use a case in the warning stage: it gives the jurist no sight of the
person, so they are person pages (404 for roles that have the permission but not the
person). Bezwaar pages need a bezwaar, and a bezwaar is exactly what lets the gemeente's
jurist see the person (Scope.BEZWAAR): they are not person pages here; that the jurist sees
nothing without a bezwaar is tested in tests/enforcement/test_views.py."""

import datetime as dt

from django.urls import reverse

from regie.enforcement.models import Beroep, Bezwaar, Brief, Handhavingszaak, Hoorzitting
from tests.factories import PIPFactory, PIPVersieFactory

ENFORCEMENT_PERSON_PAGES = {
    "handhaving_create",
    "handhaving_detail",
    "handhaving_step",
    "handhaving_brief",
    "handhaving_brief_verzonden",
    "bezwaar_create",
}
ENFORCEMENT_NAMES = ENFORCEMENT_PERSON_PAGES | {
    "bezwaar_detail",
    "bezwaar_advies",
    "bezwaar_intrekking",
    "hoorzitting_plan",
    "hoorzitting_verslag",
    "bezwaar_verdaging",
    "bezwaar_beslissing",
    "bezwaar_brief",
    "bezwaar_brief_verzonden",
    "beroep_create",
    "beroep_edit",
    "bezwaar_procedure",
    "bezwaar_procedure_item",
}
ENFORCEMENT_POST_ONLY: set[str] = {"handhaving_brief_verzonden", "bezwaar_brief_verzonden"}
PDF = b"%PDF-1.4\n% matrix test\n"


def enforcement_url(name, world) -> str:
    person = world.person
    today = dt.date.today()
    if name in {"handhaving_create", "bezwaar_create"}:
        return reverse(name, args=[person.pk])
    if name.startswith("handhaving_"):
        zaak = Handhavingszaak.objects.create(
            inburgeraar=person,
            bron="toets_niet_verschenen",
            grondslag="art22",
            stage="waarschuwing",
            signaal_op=today,
            omschrijving="Niet verschenen.",
            waarschuwing_op=today,
            nieuwe_termijn_einde=today + dt.timedelta(days=14),
        )
        if name == "handhaving_detail":
            return reverse(name, args=[person.pk, zaak.pk])
        if name == "handhaving_step":
            return reverse(name, args=[person.pk, zaak.pk, "sluiten"])
        brief = Brief.objects.create(
            inburgeraar=person,
            handhaving=zaak,
            soort="waarschuwing",
            template_versie="waarschuwing-2026.1",
            dagtekening=today,
            pdf=PDF,
            sha256="0" * 64,
        )
        return reverse(name, args=[person.pk, zaak.pk, brief.pk])
    versie = PIPVersieFactory(
        pip=PIPFactory(inburgeraar=person),
        nummer=1,
        vastgesteld=True,
        dagtekening=today - dt.timedelta(days=20),
        aanbieder=world.aanbieder,
    )
    decided = name in {"beroep_create", "beroep_edit", "bezwaar_brief", "bezwaar_brief_verzonden"}
    bezwaar = Bezwaar.objects.create(
        inburgeraar=person,
        pip_versie=versie,
        besluit_bekendgemaakt_op=versie.dagtekening,
        ontvangen_op=today - dt.timedelta(days=10),
        wijze="digitaal",
        gronden="Niet eens.",
        stage="beslist" if decided else "ontvangen",
        uitkomst="ongegrond" if decided else "",
        beslist_op=today if decided else None,
    )
    args = [person.pk, bezwaar.pk]
    if name == "bezwaar_procedure":
        return reverse(name, args=[*args, "uitstel"])
    if name == "bezwaar_procedure_item":
        from regie.enforcement.bezwaar_models import Opschorting

        opschorting = Opschorting.objects.create(
            bezwaar=bezwaar,
            verzuim="de handtekening",
            verzocht_op=today,
            hersteltermijn_einde=today + dt.timedelta(days=14),
        )
        return reverse(name, args=[*args, "herstel-einde", opschorting.pk])
    if name == "hoorzitting_verslag":
        hearing = Hoorzitting.objects.create(bezwaar=bezwaar, datum=today)
        return reverse(name, args=[*args, hearing.pk])
    if name == "beroep_edit":
        beroep = Beroep.objects.create(
            bezwaar=bezwaar, instantie="rechtbank", ingesteld_op=today, appellant="inburgeraar"
        )
        return reverse(name, args=[*args, beroep.pk])
    if name in ("bezwaar_brief", "bezwaar_brief_verzonden"):
        brief = Brief.objects.create(
            inburgeraar=person,
            bezwaar=bezwaar,
            soort="beslissing_op_bezwaar",
            template_versie="beslissing-op-bezwaar-2026.1",
            dagtekening=today,
            pdf=PDF,
            sha256="0" * 64,
        )
        return reverse(name, args=[*args, brief.pk])
    return reverse(name, args=args)
