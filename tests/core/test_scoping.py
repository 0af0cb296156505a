"""Need-to-know scoping through the one mechanism (ScopedQuerySet.for_user)."""

import datetime as dt

import pytest

from regie.core.access import caseload_q, guided_q
from regie.core.roles import Role
from regie.people.models import AccessGrant, HealthNote, Inburgeraar, Verwijzing
from tests.conftest import SEES_PERSON
from tests.factories import InburgeraarFactory, UserFactory, geldtraining_for


@pytest.mark.parametrize("role", list(Role))
def test_scope_per_role(world, role):
    visible = set(Inburgeraar.objects.for_user(world.users[role]).values_list("pk", flat=True))
    assert (world.person.pk in visible) is SEES_PERSON[role]
    assert world.stranger.pk not in visible


def test_klantmanager_sees_team_caseload_and_unassigned_queue_only(world):
    km = world.users[Role.KLANTMANAGER]
    colleague = UserFactory(organisation=world.uitvoerder, team=km.team, roles=[Role.KLANTMANAGER])
    other_team_km = UserFactory(organisation=world.uitvoerder, roles=[Role.KLANTMANAGER])
    teams = InburgeraarFactory(municipality=world.municipality, klantmanager=colleague)
    unassigned = InburgeraarFactory(municipality=world.municipality, klantmanager=None)
    elsewhere = InburgeraarFactory(municipality=world.municipality, klantmanager=other_team_km)
    visible = set(Inburgeraar.objects.for_user(km).values_list("pk", flat=True))
    assert {teams.pk, unassigned.pk, world.person.pk} <= visible
    assert elsewhere.pk not in visible


def test_each_role_term_keeps_the_served_municipalities(world):
    """The scope ANDs the served municipalities with each role's term on its own
    ((team & m) | (queue & m) | (guided & m)): a person of the user's team or guided by
    their team, but in a municipality their organisation does not serve, stays out."""
    km = world.users[Role.KLANTMANAGER]
    mb = world.users[Role.BEGELEIDER]
    both = UserFactory(organisation=world.uitvoerder, team=km.team, roles=[Role.KLANTMANAGER])
    both.role_assignments.create(role=Role.BEGELEIDER)
    both = type(both).objects.get(pk=both.pk)
    team_elsewhere = InburgeraarFactory(municipality=world.other_municipality, klantmanager=km)
    queue_elsewhere = InburgeraarFactory(municipality=world.other_municipality, klantmanager=None)
    other_km = UserFactory(organisation=world.uitvoerder, roles=[Role.KLANTMANAGER])
    guided_here = InburgeraarFactory(
        municipality=world.municipality, begeleider=both, klantmanager=other_km
    )
    guided_elsewhere = InburgeraarFactory(municipality=world.other_municipality, begeleider=both)
    for user in (km, both):
        visible = set(Inburgeraar.objects.for_user(user).values_list("pk", flat=True))
        assert world.person.pk in visible
        assert not visible & {team_elsewhere.pk, queue_elsewhere.pk, guided_elsewhere.pk}
        # The same on a related table (the compiled persons subquery).
        referred = set(Verwijzing.objects.for_user(user).values_list("inburgeraar", flat=True))
        assert world.person.pk in referred
    assert guided_here.pk in set(Inburgeraar.objects.for_user(both).values_list("pk", flat=True))
    assert guided_here.pk not in set(Inburgeraar.objects.for_user(km).values_list("pk", flat=True))
    assert team_elsewhere.pk not in set(
        Inburgeraar.objects.for_user(mb).values_list("pk", flat=True)
    )


def test_the_team_is_found_through_the_klantmanager_not_a_join(world):
    """The team's caseload is ``klantmanager IN (the team's members)``: no join to the
    users, so the database finds the team's persons through the index on the klantmanager
    instead of reading every person of the served municipalities."""
    km = world.users[Role.KLANTMANAGER]
    sql = str(Inburgeraar.objects.for_user(km).query)
    assert "JOIN" not in sql
    assert '"core_user"' in sql  # the team's members, as a subquery
    colleague = UserFactory(organisation=world.uitvoerder, team=km.team, roles=[Role.KLANTMANAGER])
    theirs = InburgeraarFactory(municipality=world.municipality, klantmanager=colleague)
    km = type(km).objects.get(pk=km.pk)  # a new request: the scope is compiled again
    assert Inburgeraar.objects.for_user(km).filter(pk=theirs.pk).exists()
    colleague.team = None
    colleague.save()
    km = type(km).objects.get(pk=km.pk)
    assert not Inburgeraar.objects.for_user(km).filter(pk=theirs.pk).exists()


def test_caseload_is_the_users_and_their_teams_persons(world):
    """``caseload_q``: the one "mine" of every werkvoorraad: persons whose klantmanager is
    the user or a member of the user's team; not the unassigned queue, not another team."""
    km = world.users[Role.KLANTMANAGER]
    colleague = UserFactory(organisation=world.uitvoerder, team=km.team, roles=[Role.KLANTMANAGER])
    loner = UserFactory(organisation=world.uitvoerder, roles=[Role.KLANTMANAGER])
    teams = InburgeraarFactory(municipality=world.municipality, klantmanager=colleague)
    lone = InburgeraarFactory(municipality=world.municipality, klantmanager=loner)
    InburgeraarFactory(municipality=world.municipality, klantmanager=None)

    def caseload(user):
        return set(Inburgeraar.objects.filter(caseload_q(user)).values_list("pk", flat=True))

    assert caseload(km) == {world.person.pk, teams.pk}
    assert caseload(colleague) == {world.person.pk, teams.pk}
    assert caseload(loner) == {lone.pk}
    # Over a relation to the person.
    mine = Verwijzing.objects.filter(caseload_q(km, "inburgeraar__"))
    assert set(mine.values_list("inburgeraar", flat=True)) == {world.person.pk}


def test_guided_are_the_users_and_their_teams_persons(world):
    """``guided_q``: the persons the begeleider or a member of their team guides."""
    mb = world.users[Role.BEGELEIDER]
    colleague = UserFactory(organisation=world.sociaal_team, team=mb.team, roles=[Role.BEGELEIDER])
    loner = UserFactory(organisation=world.sociaal_team, roles=[Role.BEGELEIDER])
    teams = InburgeraarFactory(municipality=world.municipality, begeleider=colleague)
    lone = InburgeraarFactory(municipality=world.municipality, begeleider=loner)

    def guided(user):
        return set(Inburgeraar.objects.filter(guided_q(user)).values_list("pk", flat=True))

    assert guided(mb) == {world.person.pk, teams.pk}
    assert guided(loner) == {lone.pk}


def test_aanbieder_loses_sight_when_referral_is_rejected(world):
    aanbieder = world.users[Role.AANBIEDER]
    assert Inburgeraar.objects.for_user(aanbieder).filter(pk=world.person.pk).exists()
    world.person.verwijzingen.update(status="afgewezen")
    assert not Inburgeraar.objects.for_user(aanbieder).filter(pk=world.person.pk).exists()


def test_grant_opens_one_file_until_it_expires(world):
    regisseur = world.users[Role.REGISSEUR]
    assert not Inburgeraar.objects.for_user(regisseur).exists()
    grant = AccessGrant.objects.create(
        user=regisseur,
        inburgeraar=world.person,
        reason="casusoverleg",
        valid_until=dt.date.today() + dt.timedelta(days=1),
    )
    assert list(Inburgeraar.objects.for_user(regisseur)) == [world.person]
    grant.valid_until = dt.date.today() - dt.timedelta(days=1)
    grant.save()
    assert not Inburgeraar.objects.for_user(regisseur).exists()


@pytest.mark.parametrize("role", list(Role))
def test_health_data_only_for_roles_that_need_it(world, role):
    HealthNote.objects.create(inburgeraar=world.person, text="Slaapproblemen", author="km")
    notes = HealthNote.objects.for_user(world.users[role])
    assert notes.exists() is (role in {Role.KLANTMANAGER, Role.BEGELEIDER})


@pytest.mark.parametrize("role", list(Role))
def test_health_note_never_rendered_for_other_roles(world, client_for, role):
    HealthNote.objects.create(inburgeraar=world.person, text="Slaapproblemen", author="km")
    response = client_for(world.users[role]).get(f"/inburgeraars/{world.person.pk}/")
    if response.status_code == 200:
        shown = b"Slaapproblemen" in response.content
        assert shown is (role in {Role.KLANTMANAGER, Role.BEGELEIDER})


def test_inactive_user_sees_nothing(world):
    km = world.users[Role.KLANTMANAGER]
    km.is_active = False
    km.save()
    km = type(km).objects.get(pk=km.pk)
    assert not Inburgeraar.objects.for_user(km).exists()


def test_aanbieder_does_not_see_bsn_or_address(world, client_for):
    world.person.street = "Misterweg"
    world.person.save()
    response = client_for(world.users[Role.AANBIEDER]).get(f"/inburgeraars/{world.person.pk}/")
    assert response.status_code == 200
    assert world.person.bsn.encode() not in response.content
    assert b"Misterweg" not in response.content


# Who sees whom, written out (issue 17, M2): a klantmanager sees their team's caseload in
# every municipality the uitvoerder serves, and an unassigned person only while they wait
# in the intake queue (aangemeld) of a municipality their team works for. The financieel
# medewerker sees the uitvoerder's caseload (assigned persons), never the queue.
# Columns: the person's municipality, who is their klantmanager, their status.
WHO_SEES_WHOM = {
    # (municipality, klantmanager, status): (team W, team A, financieel)
    ("W", "team W", "aangemeld"): (True, False, True),
    ("W", "team W", "in_uitvoering"): (True, False, True),
    ("W", "team A", "aangemeld"): (False, True, True),
    ("W", "team A", "in_uitvoering"): (False, True, True),
    ("W", None, "aangemeld"): (True, False, False),
    ("W", None, "intake"): (False, False, False),
    ("W", None, "in_uitvoering"): (False, False, False),
    ("W", None, "afgerond"): (False, False, False),
    ("A", "team W", "in_uitvoering"): (True, False, True),
    ("A", "team A", "in_uitvoering"): (False, True, True),
    ("A", None, "aangemeld"): (False, True, False),
    ("A", None, "in_uitvoering"): (False, False, False),
}


def test_who_sees_whom_follows_the_team_and_the_intake_queue(world):
    from regie.core.models import Team

    w, a = world.municipality, world.other_municipality
    world.uitvoerder.serves.add(a)
    team_w = world.users[Role.KLANTMANAGER].team
    team_w.municipalities.set([w])
    team_a = Team.objects.create(organisation=world.uitvoerder, name="Team A")
    team_a.municipalities.set([a])
    km_w = world.users[Role.KLANTMANAGER]
    km_a = UserFactory(organisation=world.uitvoerder, team=team_a, roles=[Role.KLANTMANAGER])
    financieel = world.users[Role.FINANCIEEL]
    municipality = {"W": w, "A": a}
    klantmanager = {"team W": km_w, "team A": km_a, None: None}
    persons = {
        key: InburgeraarFactory(
            municipality=municipality[key[0]], klantmanager=klantmanager[key[1]], status=key[2]
        )
        for key in WHO_SEES_WHOM
    }
    for person in persons.values():
        geldtraining_for(person)  # each is the financieel medewerker's business too
    seen = {}
    for key, person in persons.items():
        seen[key] = tuple(
            Inburgeraar.objects.for_user(user).filter(pk=person.pk).exists()
            for user in (km_w, km_a, financieel)
        )
    assert seen == WHO_SEES_WHOM


def test_a_team_without_municipalities_picks_up_every_served_queue(world):
    """Until the beheerder names a team's municipalities, the queue of every municipality
    the organisation serves is the team's (only aangemeld persons, as above)."""
    km = world.users[Role.KLANTMANAGER]
    assert not km.team.municipalities.exists()
    waiting = InburgeraarFactory(municipality=world.municipality, klantmanager=None)
    running = InburgeraarFactory(
        municipality=world.municipality, klantmanager=None, status="in_uitvoering"
    )
    visible = set(Inburgeraar.objects.for_user(km).values_list("pk", flat=True))
    assert waiting.pk in visible and running.pk not in visible
