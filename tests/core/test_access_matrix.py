"""The role × URL matrix: every URL pattern declares an access rule, and every role gets
exactly what the permission table and its scope say — generated from the tables in
regie.core.roles, so a new page is checked as soon as it exists."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from regie.core.access import PUBLIC, access_rule
from regie.core.roles import PERMISSIONS, Role
from tests.activities.matrix import (
    ACTIVITIES_NAMES,
    ACTIVITIES_PERSON_PAGES,
    ACTIVITIES_POST_ONLY,
    activities_url,
)
from tests.conftest import SEES_PERSON
from tests.enforcement.matrix import (
    ENFORCEMENT_NAMES,
    ENFORCEMENT_PERSON_PAGES,
    ENFORCEMENT_POST_ONLY,
    enforcement_url,
)
from tests.exchange.matrix import (
    EXCHANGE_NAMES,
    EXCHANGE_PERSON_PAGES,
    EXCHANGE_POST_ONLY,
    exchange_url,
)
from tests.finance.matrix import (
    FINANCE_NAMES,
    FINANCE_PERSON_PAGES,
    FINANCE_POST_ONLY,
    finance_url,
)
from tests.guidance.matrix import (
    GUIDANCE_NAMES,
    GUIDANCE_PERSON_PAGES,
    GUIDANCE_POST_ONLY,
    guidance_url,
)
from tests.identity.matrix import IDENTITY_NAMES, identity_url
from tests.plans.matrix import PLANS_PERSON_PAGES, PLANS_POST_ONLY, plans_url
from tests.work.matrix import WORK_NAMES, WORK_PERSON_PAGES, WORK_POST_ONLY, work_url

# Views that only accept POST answer 405 to a GET from a role that may use them.
POST_ONLY = {"person_status", "health_note_add", "logout"}
POST_ONLY |= {"intake_complete", "intake_reopen"}
POST_ONLY |= {"proposal_decide", "grant_decide"}
POST_ONLY |= {"identity_provider_approve"}
# Pages about one person: a role that may use the page but does not see the person gets 404.
PERSON_PAGES = {"person_detail", "person_edit", "person_status", "health_note_add"}
PERSON_PAGES |= {"household_edit"}
# The inburgeringstermijn and DUO's decisions (issue 18).
PERSON_PAGES |= {"termijn_detail", "duo_besluit_add", "duo_besluit_advies"}
POST_ONLY |= {"duo_besluit_add"}
PERSON_PAGES |= {
    "intake_detail",
    "intake_edit",
    "intake_gesprek_add",
    "intake_gesprek_correct",
    "intake_complete",
    "intake_reopen",
    "toets_detail",
    "toets_plan",
    "toets_exemption",
    "toets_result",
    "intake_oproep_add",
    "intake_oproep_result",
    "intake_oproep_brief",
}
POST_ONLY |= {"intake_oproep_result"}
POST_ONLY |= PLANS_POST_ONLY
PERSON_PAGES |= PLANS_PERSON_PAGES
POST_ONLY |= ACTIVITIES_POST_ONLY
PERSON_PAGES |= ACTIVITIES_PERSON_PAGES
POST_ONLY |= GUIDANCE_POST_ONLY
PERSON_PAGES |= GUIDANCE_PERSON_PAGES
POST_ONLY |= EXCHANGE_POST_ONLY
PERSON_PAGES |= EXCHANGE_PERSON_PAGES
POST_ONLY |= FINANCE_POST_ONLY
PERSON_PAGES |= FINANCE_PERSON_PAGES
POST_ONLY |= ENFORCEMENT_POST_ONLY
PERSON_PAGES |= ENFORCEMENT_PERSON_PAGES
POST_ONLY |= WORK_POST_ONLY
PERSON_PAGES |= WORK_PERSON_PAGES
# AVG inzage export (issue 10).
PERSON_PAGES |= {"inzage_json", "inzage_pdf"}
# Background jobs (issue 22): starting an export is a POST; a job's pages belong to the
# user who started it, so every other user gets 404 (tests/jobs for the owner).
POST_ONLY |= {"monitoring_export", "monitoring_extract"}
OTHER_USERS_PAGES = {"job_detail", "job_download"}
# Municipality export and import as jobs (issue 22): started by POST.
POST_ONLY |= {"municipality_export_start", "municipality_import_start"}


def all_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from all_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def url_for(name, world):
    if name in IDENTITY_NAMES:
        return identity_url(name, world)
    if name in WORK_NAMES:
        return work_url(name, world)
    if name in ENFORCEMENT_NAMES:
        return enforcement_url(name, world)
    if name in FINANCE_NAMES:
        return finance_url(name, world)
    if name in EXCHANGE_NAMES:
        return exchange_url(name, world)
    if name in ACTIVITIES_NAMES:
        return activities_url(name, world)
    if name in GUIDANCE_NAMES:
        return guidance_url(name, world)
    if name in PLANS_PERSON_PAGES:
        return plans_url(name, world)
    if name == "toets_result":
        from tests.factories import LeerbaarheidstoetsFactory

        toets = LeerbaarheidstoetsFactory(inburgeraar=world.person)
        return reverse(name, args=[world.person.pk, toets.pk])
    if name in ("intake_oproep_result", "intake_oproep_brief"):
        from tests.factories import IntakeOproepFactory

        oproep = IntakeOproepFactory(inburgeraar=world.person)
        return reverse(name, args=[world.person.pk, oproep.pk])
    if name == "intake_gesprek_correct":
        from tests.factories import BredeIntakeFactory, IntakeGesprekFactory

        gesprek = IntakeGesprekFactory(intake=BredeIntakeFactory(inburgeraar=world.person))
        return reverse(name, args=[world.person.pk, gesprek.pk])
    if name == "duo_besluit_advies":
        import datetime as dt

        from regie.people.models import DuoBesluit

        besluit = DuoBesluit.objects.create(
            inburgeraar=world.person,
            soort="ontheffing",
            besluit_op=dt.date(2026, 9, 1),
            ingang_op=dt.date(2026, 9, 1),
            duo_kenmerk="DUO-1",
            advies_document=b"%PDF-1.4\n%%EOF\n",
            advies_bestandsnaam="advies.pdf",
        )
        return reverse(name, args=[world.person.pk, besluit.pk])
    if name == "household_edit":
        from regie.people.models import Household

        world.person.household = Household.objects.create(
            name="Huishouden Haddad", municipality=world.municipality
        )
        world.person.household_role = "hoofd"
        world.person.save()
    if name in PERSON_PAGES:
        return reverse(name, args=[world.person.pk])
    if name in OTHER_USERS_PAGES:
        from regie.jobs.models import Job
        from tests.factories import UserFactory

        owner = UserFactory(
            username="eigenaar", organisation=world.gemeente, roles=[Role.REGISSEUR]
        )
        job = Job.objects.create(kind="monitoring_export", label="Export", user=owner, key="m")
        return reverse(name, args=[job.pk])
    if name == "user_edit":
        return reverse(name, args=[world.users[Role.KLANTMANAGER].pk])
    if name in ("municipality_rules", "municipality_export_start"):
        return reverse(name, args=[world.municipality.pk])
    if name == "verwerkingenlog_export":
        return reverse(name) + f"?inburgeraar={world.person.pk}"
    if name == "verwerkingsactiviteit_edit":
        from regie.core.models import Verwerkingsactiviteit

        activiteit, _ = Verwerkingsactiviteit.objects.get_or_create(
            code="uitvoering-inburgering",
            defaults={"naam": "Uitvoering", "doel": "-", "grondslag": "-",
                      "categorieen_gegevens": "-", "bewaartermijn": "-"},
        )  # fmt: skip
        return reverse(name, args=[activiteit.pk])
    if name in ("proposal_decide", "grant_decide"):
        return reverse(name, args=[1])  # POST only: a GET is refused before the lookup
    if name == "werkvoorraad_section":
        return reverse(name, args=["pip_due"])  # the klantmanager's section
    if name == "team_municipalities":
        return reverse(name, args=[world.users[Role.KLANTMANAGER].team_id])
    return reverse(name)


def test_every_view_declares_an_access_rule():
    missing = [route for route, p in all_patterns() if access_rule(p.callback) is None]
    assert missing == []


def sees_person(name, role) -> bool:
    # The finance pages give World.person an ontzorging and a geldtraining, which bring the
    # person into the financieel medewerker's scope (Scope.FINANCIAL_RECORDS).
    if role == Role.FINANCIEEL and name in FINANCE_PERSON_PAGES:
        return True
    return SEES_PERSON[role]


def expected_status(name, rule, role):
    if rule == PUBLIC:
        return None
    if role not in PERMISSIONS[rule]:
        return 403
    if name in PERSON_PAGES and not sees_person(name, role):
        return 404
    if name in OTHER_USERS_PAGES:
        return 404
    if name == "werkvoorraad_section" and role != Role.KLANTMANAGER:
        return 404  # not a section of this role's werkvoorraad
    return 405 if name in POST_ONLY else 200


MATRIX = [
    (p.name, role)
    for _, p in all_patterns()
    if p.name and access_rule(p.callback) not in (None, PUBLIC)
    for role in Role
]


@pytest.mark.parametrize(("name", "role"), MATRIX, ids=[f"{n}-{r.value}" for n, r in MATRIX])
def test_role_url_matrix(world, client_for, name, role):
    pattern = next(p for _, p in all_patterns() if p.name == name)
    client = client_for(world.users[role])
    response = client.get(url_for(name, world))
    assert response.status_code == expected_status(name, access_rule(pattern.callback), role)
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        # Every id once per page, so every label and aria reference finds its element.
        assert duplicate_ids(response.content.decode()) == [], name


def duplicate_ids(html: str) -> list[str]:
    ids = re.findall(r"""\sid=["']([^"']+)["']""", html)
    return sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize("role", list(Role))
def test_nobody_sees_a_person_of_another_municipality(world, client_for, role):
    client = client_for(world.users[role])
    response = client.get(reverse("person_detail", args=[world.stranger.pk]))
    assert response.status_code in (403, 404)
    listing = client.get(reverse("person_list"), {"q": world.stranger.last_name})
    assert reverse("person_detail", args=[world.stranger.pk]).encode() not in listing.content


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("person_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_view_without_rule_is_refused(rf, world):
    from django.core.exceptions import PermissionDenied

    from regie.core.access import AccessRuleMiddleware

    def naked_view(request):  # declares nothing
        raise AssertionError("must not run")

    middleware = AccessRuleMiddleware(lambda r: None)
    with pytest.raises(PermissionDenied):
        middleware.process_view(rf.get("/"), naked_view, (), {})
