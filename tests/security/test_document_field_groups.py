"""Every document applies the field groups of the page it comes from (issue 17,
deliverable 4): each document Regie hands out (PDF, XLSX, CSV, ICS, SEPA, JSON, the
inzage) is fetched as each role, its text extracted (pypdf, openpyxl, plain text), and
nothing of a field group the role does not see on the page may be in it. Health data
(special category, AVG art. 9) is planted in every place it can live; it reaches only the
roles with HEALTH_VIEW.

A role that may not fetch a document gets no document (403, 404, or back to the page with
a message). Deliveries whose purpose needs a field group the role does not see (the BSN
in the DUO, CBS and overdracht files) are refused to that role rather than cut, because a
file without it is useless to the receiver; the same holds for the inzage (complete for
the person, so made by a role that may see everything in it: health, see
tests/security/test_inzage.py)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from regie.core.roles import FIELD_GROUP_ROLES, FieldGroup, Permission, Role, roles_with
from regie.people.models import AccessGrant, HealthNote, Household
from tests.factories import (
    BetaalPostFactory,
    BetaalrekeningFactory,
    BredeIntakeFactory,
    InburgeraarFactory,
    OntzorgingFactory,
    PIPDoelFactory,
    UitkeringFactory,
    UserFactory,
    WeekProgrammeFactory,
)
from tests.jobs.inline import post_and_run

# What of each field group is planted on the person's file, as it would appear in a
# document (single words: PDF text extraction may break lines anywhere else).
HEALTH_MARKERS = ("Slaapproblemen", "Rugklachten", "Traumabehandeling")
GROUP_MARKERS: dict[FieldGroup, tuple[str, ...]] = {
    FieldGroup.CONTACT: ("0687654321", "geheimpost@example.org"),
    FieldGroup.ADDRESS: ("Misterweg",),
    FieldGroup.HOUSEHOLD: ("Zahrawi",),  # the name of the person's housemate
    FieldGroup.HEALTH: HEALTH_MARKERS,
}


def text_of(response) -> str:
    """The readable text of a document, whatever its format."""
    content = response.content
    kind = response["Content-Type"]
    if kind.startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(content))
        return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    if "spreadsheetml" in kind:
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return content.decode("utf-8-sig")


@pytest.fixture
def file(world, travel):
    """world.person with something of every field group, a vastgesteld PIP with a health
    goal (its beschikking), a waarschuwing, a bezwaar with its decision letter, a confirmed
    weekprogramma, an exported payment run, a DUO melding; grants for the regisseur and the
    beheerder."""
    from regie.enforcement import documents as letters
    from regie.enforcement import services as enforcement
    from regie.finance import services as finance
    from regie.intake.models import IntakeGezondheid
    from regie.people.services import change_status
    from regie.plans import services as plans
    from tests.enforcement.conftest import no_show_case, register
    from tests.plans.conftest import draft

    travel("2026-10-12")
    person = world.person
    km = world.users[Role.KLANTMANAGER]
    household = Household.objects.create(name="Huishouden", municipality=world.municipality)
    person.phone, person.email = "0687654321", "geheimpost@example.org"
    person.street, person.house_number, person.postcode, person.city = (
        "Misterweg",
        "12",
        "7101 AB",
        "Winterswijk",
    )
    person.household = household
    person.save()
    InburgeraarFactory(
        municipality=world.municipality,
        klantmanager=km,
        household=household,
        first_name="Yasmin",
        last_name="Zahrawi",
    )
    HealthNote.objects.create(inburgeraar=person, text="Slaapproblemen", author="km")
    change_status(person, "intake")
    intake = BredeIntakeFactory(inburgeraar=person, completed=True)
    IntakeGezondheid.objects.create(intake=intake, physical="Rugklachten")

    colleague = UserFactory(organisation=world.uitvoerder, team=km.team, roles=[Role.KLANTMANAGER])
    versie = draft(person, km, aanbieder=world.aanbieder)
    PIPDoelFactory(versie=versie, levensgebied="gezondheid", omschrijving="Traumabehandeling")
    versie = plans.vaststellen(
        versie, colleague, on=dt.date(2026, 9, 1), dagtekening_reden="Gesprek op 1 september"
    )

    BetaalrekeningFactory(municipality=world.municipality, naam="Gemeente Winterswijk")
    zaak = no_show_case(person, km)
    warning = enforcement.send_warning(
        zaak,
        dt.date(2026, 10, 1),
        dt.date(2026, 10, 29),
        dt.date(2026, 10, 15),
        dagtekening_reden="Verstuurd op 1 oktober, later vastgelegd.",
    )
    bezwaar = register(person, km, versie=versie)
    bezwaar.stage, bezwaar.uitkomst, bezwaar.motivering = "beslist", "ongegrond", "Zie advies."
    bezwaar.beslist_door, bezwaar.beslist_op = world.users[Role.JURIST], dt.date(2026, 10, 9)
    bezwaar.save()
    decision = letters.make_letter(bezwaar, "beslissing_op_bezwaar")

    programme = WeekProgrammeFactory(inburgeraar=person, status="bevestigd", confirmed_by=km)

    finance.default_soorten()
    approver = UserFactory(
        organisation=world.uitvoerder, team=km.team, roles=[Role.FINANCIEEL], username="fin2"
    )
    ontzorging = OntzorgingFactory(inburgeraar=person)
    UitkeringFactory(ontzorging=ontzorging, bedrag=Decimal("1300.00"))
    BetaalPostFactory(ontzorging=ontzorging, aangemaakt_door=km, gecontroleerd_door=approver)
    run = finance.create_run(
        world.municipality,
        dt.date(2026, 9, 1),
        world.users[Role.FINANCIEEL],
        today=dt.date(2026, 9, 1),
    ).run
    finance.approve_run(run, approver)
    finance.export_run(run, world.users[Role.FINANCIEEL])

    for role in (Role.REGISSEUR, Role.BEHEERDER):
        AccessGrant.objects.create(
            user=world.users[role],
            inburgeraar=person,
            reason="Inzageverzoek",
            valid_until=dt.date(2026, 12, 31),
        )
    return {
        "person": person,
        "versie": versie,
        "zaak": zaak,
        "warning": warning,
        "bezwaar": bezwaar,
        "decision": decision,
        "programme": programme,
        "run": run,
    }


def _duo(client, world, file):
    from regie.exchange import exports

    exports.record_overschrijding(file["person"], dt.date(2026, 10, 5), "Niet naar de les.")
    data = {"gemeente": world.municipality.pk, "formaat": "csv"}
    return post_and_run(client, reverse("duo_export"), data)


def _oproep_brief(client, world, file):
    from regie.intake.documents import attach_letter
    from tests.factories import IntakeOproepFactory

    oproep = IntakeOproepFactory.build(inburgeraar=file["person"], volgnummer=9)
    attach_letter(oproep)
    oproep.save()
    return client.get(reverse("intake_oproep_brief", args=[file["person"].pk, oproep.pk]))


def _advies(client, world, file):
    """The college's advice on an ontheffing, uploaded with DUO's decision (issue 18)."""
    from weasyprint import HTML

    from regie.people.models import DuoBesluit

    besluit = DuoBesluit.objects.filter(inburgeraar=file["person"], duo_kenmerk="DUO-ADV").first()
    if besluit is None:
        besluit = DuoBesluit.objects.create(
            inburgeraar=file["person"],
            soort="ontheffing",
            besluit_op=dt.date(2026, 10, 1),
            ingang_op=dt.date(2026, 10, 1),
            duo_kenmerk="DUO-ADV",
            advies_document=HTML(string="<p>Advies van het college</p>").write_pdf(),
            advies_bestandsnaam="advies.pdf",
        )
    return client.get(reverse("duo_besluit_advies", args=[file["person"].pk, besluit.pk]))


# Every document: the permission of its view and how to fetch it.
DOCUMENTS = {
    "advies-ontheffing.pdf": (Permission.HEALTH_VIEW, _advies),
    "oproep-brede-intake.pdf": (Permission.INTAKE_CHANGE, _oproep_brief),
    "beschikking.pdf": (
        Permission.BESCHIKKING_DOWNLOAD,
        lambda c, w, f: c.get(
            reverse("pip_beschikking", args=[f["person"].pk, f["versie"].nummer])
        ),
    ),
    "waarschuwing.pdf": (
        Permission.HANDHAVING_VIEW,
        lambda c, w, f: c.get(
            reverse("handhaving_brief", args=[f["person"].pk, f["zaak"].pk, f["warning"].pk])
        ),
    ),
    "beslissing-op-bezwaar.pdf": (
        Permission.BEZWAAR_VIEW,
        lambda c, w, f: c.get(
            reverse("bezwaar_brief", args=[f["person"].pk, f["bezwaar"].pk, f["decision"].pk])
        ),
    ),
    "weekprogramma.pdf": (
        Permission.WEEKPROGRAMME_PLAN,
        lambda c, w, f: c.get(
            reverse("weekprogramme_pdf", args=[f["person"].pk, f["programme"].pk])
        ),
    ),
    "weekprogramma.ics": (
        Permission.WEEKPROGRAMME_PLAN,
        lambda c, w, f: c.get(
            reverse("weekprogramme_ics", args=[f["person"].pk, f["programme"].pk])
        ),
    ),
    "inzage.json": (
        Permission.AVG_EXPORT,
        lambda c, w, f: post_and_run(c, reverse("inzage_json", args=[f["person"].pk])),
    ),
    "inzage.pdf": (
        Permission.AVG_EXPORT,
        lambda c, w, f: post_and_run(c, reverse("inzage_pdf", args=[f["person"].pk])),
    ),
    "overdracht.json": (
        Permission.EXCHANGE_RUN,
        lambda c, w, f: c.post(reverse("overdracht_export", args=[f["person"].pk]), {}),
    ),
    "duo-meldingen.csv": (Permission.EXCHANGE_RUN, _duo),
    "cbs.csv": (
        Permission.EXCHANGE_RUN,
        lambda c, w, f: post_and_run(c, reverse("cbs_export"), {"gemeente": w.municipality.pk}),
    ),
    "betaalrun-sepa.xml": (
        Permission.PAYMENT_RUN,
        lambda c, w, f: c.get(reverse("betaalrun_sepa", args=[f["run"].pk])),
    ),
    "betaalrun.xlsx": (
        Permission.PAYMENT_RUN,
        lambda c, w, f: c.get(reverse("betaalrun_xlsx", args=[f["run"].pk])),
    ),
    "betaalrun.pdf": (
        Permission.PAYMENT_RUN,
        lambda c, w, f: c.get(reverse("betaalrun_pdf", args=[f["run"].pk])),
    ),
    "budget.xlsx": (Permission.BUDGET_VIEW, lambda c, w, f: c.get(reverse("budget_xlsx"))),
    "prognose.xlsx": (Permission.BUDGET_VIEW, lambda c, w, f: c.get(reverse("prognose_xlsx"))),
    "monitoring.csv": (
        Permission.FIGURES_VIEW,
        lambda c, w, f: post_and_run(c, reverse("monitoring_export"), {"formaat": "csv"}),
    ),
    "monitoring.xlsx": (
        Permission.FIGURES_VIEW,
        lambda c, w, f: post_and_run(c, reverse("monitoring_export"), {"formaat": "xlsx"}),
    ),
    "monitoring-extract.csv": (
        Permission.RULES_MANAGE,
        lambda c, w, f: post_and_run(c, reverse("monitoring_extract")),
    ),
    "auditlog.csv": (Permission.AUDIT_VIEW, lambda c, w, f: c.get(reverse("audit_export"))),
    "auditlog.xlsx": (
        Permission.AUDIT_VIEW,
        lambda c, w, f: c.get(reverse("audit_export_xlsx")),
    ),
    "verwerkingenlog.json": (
        Permission.AUDIT_VIEW,
        lambda c, w, f: c.get(reverse("verwerkingenlog_export") + f"?inburgeraar={f['person'].pk}"),
    ),
}

# Documents whose purpose needs a field group: a role without it is refused, not given a
# cut copy (the receiver could not use it). The inzage needs HEALTH (it is complete for
# the person; tests/security/test_inzage.py), the deliveries the BSN.
NEEDS = {
    "inzage.json": {FieldGroup.HEALTH},
    "inzage.pdf": {FieldGroup.HEALTH},
    "overdracht.json": {FieldGroup.BSN},
    "duo-meldingen.csv": {FieldGroup.BSN},
    "cbs.csv": {FieldGroup.BSN},
}

# The inzage is the person's own copy of everything: made by a role with a grant (the
# beheerder) or their klantmanager, it holds every field group but health on purpose (AVG
# art. 15); health is covered by NEEDS above.
FOR_THE_PERSON = {"inzage.json", "inzage.pdf"}

# Where a document must show a field group to a role that sees it: the check that the
# markers are really found in that format.
SHOWN = {
    ("beschikking.pdf", Role.KLANTMANAGER): {FieldGroup.HEALTH, FieldGroup.ADDRESS},
    ("beschikking.pdf", Role.JURIST): {FieldGroup.ADDRESS},
    ("inzage.json", Role.KLANTMANAGER): {
        FieldGroup.HEALTH,
        FieldGroup.CONTACT,
        FieldGroup.ADDRESS,
        FieldGroup.BSN,
    },
    ("inzage.pdf", Role.KLANTMANAGER): {FieldGroup.HEALTH, FieldGroup.ADDRESS},
    ("cbs.csv", Role.KLANTMANAGER): {FieldGroup.BSN},
}


# The URL names of the documents above (one name may serve two formats).
DOCUMENT_URLS = {
    "duo_besluit_advies",
    "intake_oproep_brief",
    "pip_beschikking",
    "handhaving_brief",
    "bezwaar_brief",
    "weekprogramme_pdf",
    "weekprogramme_ics",
    "inzage_json",
    "inzage_pdf",
    "overdracht_export",
    "duo_export",
    "cbs_export",
    "betaalrun_sepa",
    "betaalrun_xlsx",
    "betaalrun_pdf",
    "budget_xlsx",
    "prognose_xlsx",
    "monitoring_export",
    "monitoring_extract",
    "audit_export",
    "audit_export_xlsx",
    "verwerkingenlog_export",
}


def _routes(patterns, prefix=""):
    from django.urls import URLPattern

    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            yield pattern.name, prefix + str(pattern.pattern)
        else:
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))


def test_every_document_is_in_the_table():
    """A new download (a URL ending in a file type, or an export) must be added above, and
    so is walked as every role."""
    from django.urls import get_resolver

    found = {
        name
        for name, route in _routes(get_resolver().url_patterns)
        if not route.startswith("api/")
        and (
            route.endswith((".pdf", ".xlsx", ".csv", ".ics", ".xml", ".json"))
            or any(word in (name or "") for word in ("export", "extract", "brief"))
        )
    }
    # betaalrun_export makes and stores the SEPA file (a POST that answers with a page);
    # the file itself is betaalrun_sepa. The *_brief_verzonden POSTs record that a letter
    # was sent (its bekendmaking); they return no document.
    actions = {"betaalrun_export", "handhaving_brief_verzonden", "bezwaar_brief_verzonden"}
    # The municipality export (a job, like `regie municipality export`) is the complete
    # transfer file with every field group on purpose, health included; only the beheerder
    # (municipality.transfer) makes it, for their own municipalities only
    # (tests/core/test_municipality_transfer.py; docs/security.md, threat 20).
    actions |= {"municipality_export_start"}
    assert found - actions <= DOCUMENT_URLS, found - DOCUMENT_URLS
    assert set(DOCUMENT_URLS) <= found | {"pip_beschikking"}


def problems_of(document: str, role: Role, response, person) -> list[str]:
    """What is wrong with ``response``, the document fetched as ``role``."""
    permission, _fetch = DOCUMENTS[document]
    hidden = {group for group in FieldGroup if role not in FIELD_GROUP_ROLES[group]}
    if role not in roles_with(permission) or hidden & NEEDS.get(document, set()):
        if response.status_code in (302, 403, 404) and not response.get("Content-Disposition"):
            return []
        return [f"{document}: should be refused, got {response.status_code}"]
    if response.status_code != 200:
        return [f"{document}: {response.status_code}"]
    text = text_of(response)
    if document in FOR_THE_PERSON:
        hidden &= {FieldGroup.HEALTH}
    problems = []
    for group in sorted(hidden):
        markers = GROUP_MARKERS.get(group, (person.bsn,))
        problems += [f"{document}: shows {group} ({m})" for m in markers if m in text]
    for group in sorted(SHOWN.get((document, role), set())):
        markers = GROUP_MARKERS.get(group, (person.bsn,))
        if not any(marker in text for marker in markers):
            problems.append(f"{document}: {group} not found (the check would not see it)")
    return problems


@pytest.mark.parametrize("role", list(Role))
def test_documents_apply_the_field_groups(world, file, client_for, role):
    """Every document as ``role``: refused, or without any field group the role does not
    see on the page (all problems of one role listed together)."""
    client = client_for(world.users[role])
    problems = []
    for document, (_permission, fetch) in DOCUMENTS.items():
        problems += problems_of(document, role, fetch(client, world, file), file["person"])
    assert problems == []


def _pip_goal(world, person):
    from tests.factories import PIPFactory, PIPVersieFactory

    versie = PIPVersieFactory(pip=PIPFactory(inburgeraar=person), nummer=1, vastgesteld=True)
    PIPDoelFactory(versie=versie, levensgebied="gezondheid", omschrijving="Traumabehandeling")


def _referral(world, person, reason="Traumabehandeling", **fields):
    from tests.factories import ConsentFactory, ReferralFactory

    consent = ConsentFactory(inburgeraar=person)
    ReferralFactory(consent=consent, reason=reason, **fields)


def _history(world, person):
    from regie.core.models import FieldChange

    FieldChange.objects.create(
        object_type="gezondheidsnotitie",
        object_id="1",
        inburgeraar_id=person.pk,
        field="text",
        old_value="Traumabehandeling",
        new_value="",
        special_category=True,
    )


# Where health data can live on a file besides the health models themselves.
HEALTH_ELSEWHERE = {
    "PIP goal on gezondheid": _pip_goal,
    "referral on the theme gezondheid": lambda w, p: _referral(w, p, theme="gezondheid"),
    "referral sharing health": lambda w, p: _referral(
        w, p, theme="wonen", shared=["contact", "gezondheid"]
    ),
    "history of a health field": _history,
}


@pytest.mark.parametrize("where", list(HEALTH_ELSEWHERE))
def test_the_inzage_finds_health_data_wherever_it_is(world, client_for, where):
    """Issue 17, deliverable 4: the beheerder's inzage of a file whose only health data is a
    PIP goal, a referral or the history of a health field (no health note, no intake) was
    exported with it; now the export is refused to a role without HEALTH_VIEW, as for the
    health models, and the klantmanager's export holds it."""
    person = world.person
    HEALTH_ELSEWHERE[where](world, person)
    beheerder = world.users[Role.BEHEERDER]
    AccessGrant.objects.create(
        user=beheerder, inburgeraar=person, reason="Inzageverzoek", valid_until=dt.date(2099, 1, 1)
    )
    client = client_for(beheerder)
    for name in ("inzage_json", "inzage_pdf"):
        response = client.get(reverse(name, args=[person.pk]), follow=True)
        page = response.content.decode()
        assert "Dit dossier bevat gezondheidsgegevens" in page, name
        assert "Traumabehandeling" not in page
    export = post_and_run(
        client_for(world.users[Role.KLANTMANAGER]), reverse("inzage_json", args=[person.pk])
    )
    assert export.status_code == 200 and "Traumabehandeling" in export.content.decode()


def test_without_health_data_the_beheerder_still_makes_the_inzage(world, client_for):
    """The other side: a referral on another theme sharing no health is no reason to refuse."""
    person = world.person
    _referral(world, person, reason="Woningruil", theme="wonen", shared=["contact"])
    beheerder = world.users[Role.BEHEERDER]
    AccessGrant.objects.create(
        user=beheerder, inburgeraar=person, reason="Inzageverzoek", valid_until=dt.date(2099, 1, 1)
    )
    response = post_and_run(client_for(beheerder), reverse("inzage_json", args=[person.pk]))
    assert response.status_code == 200 and "Woningruil" in response.content.decode()


def test_the_bsn_files_name_who_makes_them(world, client_for):
    """The beheerder (no BSN on any page) is told on the exchange page who makes the DUO
    and CBS files, and a direct POST is refused with the same sentence."""
    beheerder = client_for(world.users[Role.BEHEERDER])
    sentence = (
        "Dit bestand bevat burgerservicenummers, en die ziet uw rol niet. Het wordt gemaakt "
        "door de klantmanager."
    )
    page = beheerder.get(reverse("exchange_home")).content.decode()
    assert sentence in page and reverse("cbs_export") not in page
    refused = beheerder.post(
        reverse("cbs_export"), {"gemeente": world.municipality.pk}, follow=True
    )
    assert sentence in refused.content.decode()
    page = client_for(world.users[Role.KLANTMANAGER]).get(reverse("exchange_home"))
    assert reverse("cbs_export") in page.content.decode()
