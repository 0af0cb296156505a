"""Who sees whom, for every role (issue 17, deliverable 2): every role of ``ROLE_SCOPE``
walked over every person status (``rules.lifecycle.Status``) in both demo municipalities,
with the person assigned to the viewer, to a colleague, to another team, or to nobody,
guided, referred, in a bezwaar or opened by a grant.

The expected table is written out below, so that a change to the rules shows up as a diff
a reviewer reads. The set-up mirrors the demo (``regie.demo.data``): Fijnder serves
Winterswijk and Aalten with Team Winterswijk and Team Aalten, each picking up its own
municipality's intake queue; the sociaal team and the gemeente serve Winterswijk; Toptaal
serves both.
"""

import datetime as dt

import pytest

from regie.core.roles import ROLE_SCOPE, OrganisationType, Role
from regie.enforcement.models import Bezwaar, Handhavingszaak
from regie.finance.models import Geldtraining, GeldtrainingDeelname
from regie.people.models import AccessGrant, Inburgeraar
from regie.rules.lifecycle import Status
from regie.work.models import Plaatsing
from tests.factories import (
    InburgeraarFactory,
    MunicipalityFactory,
    OntzorgingFactory,
    OrganisationFactory,
    PIPFactory,
    PIPVersieFactory,
    TeamFactory,
    UserFactory,
    VerwijzingFactory,
)
from tests.work.matrix import make_plek

# The viewers, one column each: every role of ROLE_SCOPE (a user of the demo's
# organisation for it) and, for the klantmanager, a colleague of the other team.
COLUMNS = {
    "km": Role.KLANTMANAGER,  # Team Winterswijk: "me" in the rows below
    "km-A": Role.KLANTMANAGER,  # Team Aalten
    "mb": Role.BEGELEIDER,  # team Nieuwkomers of the sociaal team: "me"
    "coord": Role.COORDINATOR,
    "aanb": Role.AANBIEDER,  # Toptaal
    "fin": Role.FINANCIEEL,  # Fijnder
    "jur": Role.JURIST,  # Gemeente Winterswijk
    "reg": Role.REGISSEUR,
    "beh": Role.BEHEERDER,
    "jc": Role.JOBCOACH,  # Fijnder's werkgeversdienstverlening: "me"
}

# Rows: the person's municipality and situation. Columns: the viewers above. A cell has
# one mark per status, in the order of rules.lifecycle.Status:
#   aangemeld, intake, pip_vastgesteld, in_uitvoering, afgerond, ontheffing, vertrokken,
#   beeindigd
# X: the viewer sees the person; . : not.
WHO_SEES_WHOM = """
gemeente | person                   | km       | km-A     | mb       | coord    | aanb     | fin      | jur      | reg      | beh      | jc
W        | klantmanager: me         | XXXXXXXX | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
W        | klantmanager: colleague  | XXXXXXXX | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
W        | klantmanager: other team | ........ | XXXXXXXX | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
W        | ontzorging               | XXXXXXXX | ........ | ........ | ........ | ........ | XXXXXXXX | ........ | ........ | ........ | ........
W        | geldtraining             | XXXXXXXX | ........ | ........ | ........ | ........ | XXXXXXXX | ........ | ........ | ........ | ........
W        | fine                     | XXXXXXXX | ........ | ........ | ........ | ........ | XXXXXXXX | XXXXXXXX | ........ | ........ | ........
W        | fine, not yet decided    | XXXXXXXX | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
W        | nobody                   | X....... | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
W        | begeleider: me           | X....... | ........ | XXXXXXXX | XXXXXXXX | ........ | ........ | ........ | ........ | ........ | ........
W        | begeleider: colleague    | X....... | ........ | XXXXXXXX | XXXXXXXX | ........ | ........ | ........ | ........ | ........ | ........
W        | referred to Toptaal      | X....... | ........ | ........ | ........ | XXXXXXXX | ........ | ........ | ........ | ........ | ........
W        | bezwaar                  | X....... | ........ | ........ | ........ | ........ | ........ | XXXXXXXX | ........ | ........ | ........
W        | access grant             | X....... | ........ | ........ | ........ | ........ | ........ | ........ | XXXXXXXX | XXXXXXXX | ........
W        | jobcoach: me             | X....... | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........ | XXXXXXXX
W        | jobcoach: colleague      | X....... | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........ | XXXXXXXX
A        | klantmanager: me         | XXXXXXXX | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
A        | klantmanager: colleague  | XXXXXXXX | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
A        | klantmanager: other team | ........ | XXXXXXXX | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
A        | ontzorging               | ........ | XXXXXXXX | ........ | ........ | ........ | XXXXXXXX | ........ | ........ | ........ | ........
A        | geldtraining             | ........ | XXXXXXXX | ........ | ........ | ........ | XXXXXXXX | ........ | ........ | ........ | ........
A        | fine                     | ........ | XXXXXXXX | ........ | ........ | ........ | XXXXXXXX | ........ | ........ | ........ | ........
A        | fine, not yet decided    | ........ | XXXXXXXX | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
A        | nobody                   | ........ | X....... | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
A        | begeleider: me           | ........ | X....... | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
A        | begeleider: colleague    | ........ | X....... | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
A        | referred to Toptaal      | ........ | X....... | ........ | ........ | XXXXXXXX | ........ | ........ | ........ | ........ | ........
A        | bezwaar                  | ........ | X....... | ........ | ........ | ........ | ........ | ........ | ........ | ........ | ........
A        | access grant             | ........ | X....... | ........ | ........ | ........ | ........ | ........ | XXXXXXXX | XXXXXXXX | ........
A        | jobcoach: me             | ........ | X....... | ........ | ........ | ........ | ........ | ........ | ........ | ........ | XXXXXXXX
A        | jobcoach: colleague      | ........ | X....... | ........ | ........ | ........ | ........ | ........ | ........ | ........ | XXXXXXXX
"""  # noqa: E501

SITUATIONS = [
    "klantmanager: me",
    "klantmanager: colleague",
    "klantmanager: other team",
    "ontzorging",
    "geldtraining",
    "fine",
    "fine, not yet decided",
    "nobody",
    "begeleider: me",
    "begeleider: colleague",
    "referred to Toptaal",
    "bezwaar",
    "access grant",
    "jobcoach: me",
    "jobcoach: colleague",
]


# The financieel medewerker's business (Scope.FINANCIAL_RECORDS): a colleague's person in
# Winterswijk, the other team's in Aalten, with that record.
FINANCIAL = {"ontzorging", "geldtraining", "fine", "fine, not yet decided"}


def parse(table: str) -> dict[tuple[str, str], dict[str, str]]:
    lines = [line for line in table.strip().splitlines() if line.strip()]
    header = [cell.strip() for cell in lines[0].split("|")]
    rows = {}
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split("|")]
        rows[(cells[0], cells[1])] = dict(zip(header[2:], cells[2:], strict=True))
    return rows


def render(rows: dict[tuple[str, str], dict[str, str]]) -> str:
    """The table in the layout above (printed when the test fails, to paste)."""
    width = max(len(situation) for _, situation in rows)
    head = " | ".join(["gemeente", "person".ljust(width), *(c.ljust(8) for c in COLUMNS)])
    body = [
        " | ".join([muni.ljust(8), situation.ljust(width), *(cells[c] for c in COLUMNS)])
        for (muni, situation), cells in rows.items()
    ]
    return "\n".join([head.rstrip(), *(line.rstrip() for line in body)])


@pytest.fixture
def demo_like(db):
    w = MunicipalityFactory(name="Winterswijk", cbs_code="GM0294")
    a = MunicipalityFactory(name="Aalten", cbs_code="GM0197")
    gemeente = OrganisationFactory(name="Gemeente Winterswijk", type=OrganisationType.GEMEENTE)
    gemeente.serves.set([w])
    fijnder = OrganisationFactory(name="Fijnder", type=OrganisationType.UITVOERDER)
    fijnder.serves.set([w, a])
    sociaal = OrganisationFactory(
        name="Sociaal team Winterswijk", type=OrganisationType.SOCIAAL_TEAM
    )
    sociaal.serves.set([w])
    toptaal = OrganisationFactory(name="Toptaal", type=OrganisationType.AANBIEDER)
    toptaal.serves.set([w, a])
    team_w = TeamFactory(organisation=fijnder, name="Team Winterswijk")
    team_w.municipalities.set([w])
    team_a = TeamFactory(organisation=fijnder, name="Team Aalten")
    team_a.municipalities.set([a])
    nieuwkomers = TeamFactory(organisation=sociaal, name="Nieuwkomers")
    activiteiten = TeamFactory(organisation=sociaal, name="Activiteiten")
    wdv = TeamFactory(organisation=fijnder, name="Werkgeversdienstverlening")

    def user(name, org, team, role):
        return UserFactory(username=name, organisation=org, team=team, roles=[role])

    viewers = {
        "km": user("klantmanager", fijnder, team_w, Role.KLANTMANAGER),
        "km-A": user("klantmanager2", fijnder, team_a, Role.KLANTMANAGER),
        "mb": user("begeleider", sociaal, nieuwkomers, Role.BEGELEIDER),
        "coord": user("coordinator", sociaal, activiteiten, Role.COORDINATOR),
        "aanb": user("aanbieder", toptaal, None, Role.AANBIEDER),
        "fin": user("financieel", fijnder, team_w, Role.FINANCIEEL),
        "jur": user("jurist", gemeente, None, Role.JURIST),
        "reg": user("regisseur", gemeente, None, Role.REGISSEUR),
        "beh": user("beheerder", gemeente, None, Role.BEHEERDER),
        "jc": user("jobcoach", fijnder, wdv, Role.JOBCOACH),
    }
    colleague_km = user("klantmanager3", fijnder, team_w, Role.KLANTMANAGER)
    colleague_mb = user("begeleider2", sociaal, nieuwkomers, Role.BEGELEIDER)
    colleague_jc = user("jobcoach2", fijnder, wdv, Role.JOBCOACH)
    plekken = {code: make_plek(muni, capacity=20) for code, muni in (("W", w), ("A", a))}

    trainings = {
        code: Geldtraining.objects.create(
            municipality=muni, naam="Geldplan", startdatum=dt.date(2026, 9, 1), bijeenkomsten=4
        )
        for code, muni in (("W", w), ("A", a))
    }
    persons = {}
    for code, muni in (("W", w), ("A", a)):
        for situation in SITUATIONS:
            for status in Status:
                fields = {"municipality": muni, "status": status}
                if situation == "klantmanager: me":
                    fields["klantmanager"] = viewers["km"]
                elif situation == "klantmanager: colleague":
                    fields["klantmanager"] = colleague_km
                elif situation == "klantmanager: other team":
                    fields["klantmanager"] = viewers["km-A"]
                elif situation in FINANCIAL:
                    # a colleague's person in Winterswijk, the other team's in Aalten
                    fields["klantmanager"] = colleague_km if code == "W" else viewers["km-A"]
                elif situation == "begeleider: me":
                    fields["begeleider"] = viewers["mb"]
                elif situation == "begeleider: colleague":
                    fields["begeleider"] = colleague_mb
                person = InburgeraarFactory(**fields)
                if situation == "ontzorging":
                    OntzorgingFactory(inburgeraar=person)
                elif situation == "geldtraining":
                    GeldtrainingDeelname.objects.create(
                        training=trainings[code], inburgeraar=person
                    )
                elif situation.startswith("fine"):
                    Handhavingszaak.objects.create(
                        inburgeraar=person,
                        bron="aanwezigheid",
                        grondslag="art23",
                        stage="signaal" if situation.endswith("decided") else "bekendgemaakt",
                        signaal_op=dt.date(2026, 3, 2),
                        omschrijving="Te vaak afwezig.",
                    )
                elif situation == "referred to Toptaal":
                    VerwijzingFactory(inburgeraar=person, aanbieder=toptaal)
                elif situation == "bezwaar":
                    versie = PIPVersieFactory(
                        pip=PIPFactory(inburgeraar=person),
                        nummer=1,
                        vastgesteld=True,
                        dagtekening=dt.date(2026, 3, 2),
                    )
                    Bezwaar.objects.create(
                        inburgeraar=person,
                        pip_versie=versie,
                        besluit_bekendgemaakt_op=versie.dagtekening,
                        ontvangen_op=dt.date(2026, 3, 20),
                        wijze="digitaal",
                        gronden="Niet eens met de leerroute.",
                    )
                elif situation.startswith("jobcoach"):
                    Plaatsing.objects.create(
                        inburgeraar=person,
                        plek=plekken[code],
                        start=dt.date(2026, 9, 1),
                        hours_per_week=16,
                        job_coach=viewers["jc"] if situation == "jobcoach: me" else colleague_jc,
                    )
                elif situation == "access grant":
                    for viewer in ("reg", "beh"):
                        AccessGrant.objects.create(
                            user=viewers[viewer],
                            inburgeraar=person,
                            reason="casusoverleg",
                            valid_until=dt.date(2026, 12, 31),
                        )
                persons[(code, situation, status)] = person
    return viewers, persons


def test_every_role_is_a_column():
    """A new role, or a role that loses its column, fails here: the table must say whom
    it sees."""
    assert set(COLUMNS.values()) == set(ROLE_SCOPE)
    assert {situation for _, situation in parse(WHO_SEES_WHOM)} == set(SITUATIONS)


def test_who_sees_whom(demo_like, travel):
    travel("2026-10-10")
    viewers, persons = demo_like
    seen = {
        column: set(Inburgeraar.objects.for_user(user).values_list("pk", flat=True))
        for column, user in viewers.items()
    }
    actual = {}
    for code in ("W", "A"):
        for situation in SITUATIONS:
            actual[(code, situation)] = {
                column: "".join(
                    "X" if persons[(code, situation, status)].pk in seen[column] else "."
                    for status in Status
                )
                for column in COLUMNS
            }
    assert actual == parse(WHO_SEES_WHOM), "\n" + render(actual)


def test_the_file_page_agrees_with_the_table(demo_like, client_for, travel):
    """A sample through the page: the person's file opens (200) exactly where the table
    says X, and is not found (404) elsewhere; in the intake queue and in uitvoering."""
    travel("2026-10-10")
    viewers, persons = demo_like
    expected = parse(WHO_SEES_WHOM)
    for column, user in viewers.items():
        client = client_for(user)
        for (code, situation), cells in expected.items():
            for status in (Status.AANGEMELD, Status.IN_UITVOERING):
                person = persons[(code, situation, status)]
                response = client.get(f"/inburgeraars/{person.pk}/")
                mark = cells[column][list(Status).index(status)]
                assert response.status_code == (200 if mark == "X" else 404), (
                    column,
                    code,
                    situation,
                    status,
                )
