"""URLs of the finance app for the role x URL matrix (tests/core/test_access_matrix.py):
world.person gets an ontzorging with a rent item and a money-training enrolment; an
exported payment run and a contract, funding stream (with an allocation to an activity)
and scenario exist."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from regie.core.roles import Role
from regie.finance.models import (
    Betaalrun,
    Contract,
    Crediteur,
    Financiering,
    FundingAllocation,
    Geldtraining,
    GeldtrainingDeelname,
    RunStatus,
    Scenario,
    UitkeringCorrectie,
)
from tests.factories import (
    ActivityFactory,
    BetaalPostFactory,
    OntzorgingFactory,
    UitkeringFactory,
)

FINANCE_PERSON_PAGES = {
    "ontzorging_detail",
    "uitkering_correct",
    "uitkering_correctie",
    "ontzorging_edit",
    "ontzorging_extend",
    "ontzorging_uitkering",
    "post_add",
    "post_change",
    "post_check",
    "ontzorging_afbouw",
    "ontzorging_bekendmaking",
    "geldtraining_add",
    "geldtraining_edit",
}
FINANCE_POST_ONLY = {
    "post_check",
    "ontzorging_bekendmaking",
    "uitkering_correctie",
    "betaalrun_create",
    "betaalrun_approve",
    "betaalrun_add_posts",
    "betaalrun_export",
    "betaalrun_cancel",
}
_RUN_PAGES = {
    "betaalrun_detail",
    "betaalrun_approve",
    "betaalrun_add_posts",
    "betaalrun_export",
    "betaalrun_cancel",
    "betaalrun_sepa",
    "betaalrun_xlsx",
    "betaalrun_pdf",
}
_OBJECTS = {
    "financiering_edit",
    "contract_edit",
    "scenario_edit",
    "allocation_add",
    "allocation_edit",
}
FINANCE_NAMES = (
    FINANCE_PERSON_PAGES
    | FINANCE_POST_ONLY
    | _RUN_PAGES
    | _OBJECTS
    | {
        "geldtraining_groups",
        "betaalrun_list",
        "budget_overview",
        "budget_xlsx",
        "financiering_add",
        "contract_add",
        "prognose",
        "prognose_xlsx",
        "scenario_add",
        "finance_settings",
        "crediteuren",
        "crediteur_edit",
    }
)


def finance_url(name, world) -> str:
    muni = world.municipality
    if name in FINANCE_PERSON_PAGES:
        ontzorging = OntzorgingFactory(inburgeraar=world.person)
        post = BetaalPostFactory(ontzorging=ontzorging)
        group = Geldtraining.objects.create(
            municipality=muni, naam="Groep", startdatum=date(2026, 9, 1), bijeenkomsten=6
        )
        deelname = GeldtrainingDeelname.objects.create(training=group, inburgeraar=world.person)
        person = world.person.pk
        if name in ("post_change", "post_check"):
            return reverse(name, args=[person, post.pk])
        if name in ("uitkering_correct", "uitkering_correctie"):
            benefit = UitkeringFactory(ontzorging=ontzorging)
            if name == "uitkering_correct":
                return reverse(name, args=[person, benefit.pk])
            correction = UitkeringCorrectie.objects.create(
                uitkering=benefit,
                oud_bedrag=benefit.bedrag,
                nieuw_bedrag=Decimal("1200"),
                reden="tikfout",
                aangevraagd_door=world.users[Role.KLANTMANAGER],
            )
            return reverse(name, args=[person, correction.pk])
        if name == "geldtraining_edit":
            return reverse(name, args=[person, deelname.pk])
        if name == "ontzorging_bekendmaking":
            return reverse(name, args=[person, "start"])
        return reverse(name, args=[person])
    if name in _RUN_PAGES:
        run = Betaalrun.objects.create(
            municipality=muni,
            periode=date(2026, 9, 1),
            status=RunStatus.GEEXPORTEERD,
            msg_id="REGIE-MATRIX-1",
            uitvoeringsdatum=date(2026, 9, 1),
            voorbereid_door=world.users[Role.FINANCIEEL],
            sepa_xml=b"<Document/>",
        )
        return reverse(name, args=[run.pk])
    if name == "financiering_edit":
        obj = Financiering.objects.create(
            municipality=muni, jaar=2022, soort="spuk", bedrag=Decimal("176000")
        )
        return reverse(name, args=[obj.pk])
    if name in ("allocation_add", "allocation_edit"):
        obj = Financiering.objects.create(
            municipality=muni, jaar=2022, soort="spuk", bedrag=Decimal("176000")
        )
        if name == "allocation_add":
            return reverse(name, args=[obj.pk])
        allocation = FundingAllocation.objects.create(
            funding=obj, activity=ActivityFactory(municipality=muni), amount=Decimal("1000")
        )
        return reverse(name, args=[obj.pk, allocation.pk])
    if name == "contract_edit":
        obj = Contract.objects.create(
            municipality=muni,
            jaar=2022,
            partij="Fijnder",
            soort="uitvoering_structureel",
            ten_laste_van="integratie_uitkering",
            bedrag=Decimal("73525"),
        )
        return reverse(name, args=[obj.pk])
    if name == "crediteur_edit":
        obj = Crediteur.objects.create(
            municipality=muni, soort="water", naam="Vitens", iban="NL20INGB0001234567"
        )
        return reverse(name, args=[obj.pk])
    if name == "scenario_edit":
        obj = Scenario.objects.create(
            municipality=muni, naam="Basis", prijsjaar=2022, eerste_jaar=2023, instroom=35
        )
        return reverse(name, args=[obj.pk])
    return reverse(name)
