"""URLs of the aanbieder portal, the exchange pages and the REST API for the role x URL
matrix (tests/core/test_access_matrix.py). world.person (referred to world.aanbieder)
gets a PIP and one report of every kind from world.aanbieder."""

from django.urls import reverse

from regie.people.models import Verwijzing

EXCHANGE_PERSON_PAGES = {
    "person_taal",
    "verwijzing_create",
    "afschaal_besluit",
    "afschaal_bekendmaking",
    "overschrijding_add",
    "overdracht_export",
    "portal_verwijzing",
    "portal_deelnemer",
    "api-inburgeraar-detail",
    "api-verwijzing-detail",
    "api-verwijzing-accepteren",
    "api-verwijzing-afwijzen",
    "api-verwijzing-beeindigen",
    "api-pip-detail",
    "api-lesuren-detail",
    "api-afwezigheid-detail",
    "api-voortgangsmeting-detail",
    "api-examenresultaat-detail",
    "api-afschaalverzoek-detail",
}
EXCHANGE_POST_ONLY = {
    "afschaal_besluit",
    "afschaal_bekendmaking",
    "overschrijding_add",
    "overdracht_export",
    "duo_export",
    "cbs_export",
    "api-verwijzing-accepteren",
    "api-verwijzing-afwijzen",
    "api-verwijzing-beeindigen",
    "api-lesuren-upload",
}
EXCHANGE_NAMES = (
    EXCHANGE_PERSON_PAGES
    | EXCHANGE_POST_ONLY
    | {
        "portal_home",
        "portal_upload",
        "exchange_home",
        "duo_import",
        "duo_terugmelding",
        "overdracht_import",
        "api-inburgeraar-list",
        "api-verwijzing-list",
        "api-pip-list",
        "api-lesuren-list",
        "api-afwezigheid-list",
        "api-voortgangsmeting-list",
        "api-examenresultaat-list",
        "api-afschaalverzoek-list",
    }
)


def reports_for(world) -> dict:
    """One record of every report for world.person from world.aanbieder."""
    from tests.factories import (
        AfschaalverzoekFactory,
        AfwezigheidFactory,
        ExamenresultaatFactory,
        LesurenFactory,
        PIPFactory,
        VoortgangsmetingFactory,
    )

    common = {"inburgeraar": world.person, "aanbieder": world.aanbieder}
    return {
        "pip": PIPFactory(inburgeraar=world.person),
        "lesuren": LesurenFactory(**common),
        "afwezigheid": AfwezigheidFactory(**common),
        "voortgangsmeting": VoortgangsmetingFactory(**common),
        "examenresultaat": ExamenresultaatFactory(**common),
        "afschaalverzoek": AfschaalverzoekFactory(**common),
    }


def exchange_url(name, world) -> str:
    person = world.person.pk
    verwijzing = Verwijzing.objects.get(inburgeraar=world.person, aanbieder=world.aanbieder)
    if name.startswith("api-"):
        resource = name.removeprefix("api-").rsplit("-", 1)[0]
        if name.endswith("-list") or name == "api-lesuren-upload":
            return reverse(name)
        if resource == "inburgeraar":
            return reverse(name, args=[person])
        if resource == "verwijzing":
            return reverse(name, args=[verwijzing.pk])
        return reverse(name, args=[reports_for(world)[resource].pk])
    if name in ("afschaal_besluit", "afschaal_bekendmaking"):
        return reverse(name, args=[person, reports_for(world)["afschaalverzoek"].pk])
    if name == "portal_verwijzing":
        return reverse(name, args=[verwijzing.pk])
    if name in EXCHANGE_PERSON_PAGES:
        return reverse(name, args=[person])
    return reverse(name)
