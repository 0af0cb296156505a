"""The file's timeline shows the referrals the reader may see: an aanbieder only those to
its own organisation, never another aanbieder's for the same person (need to know); the
klantmanager all of them. The timeline and the taal section share one read."""

from django.urls import reverse

from regie.core.roles import OrganisationType, Role
from tests.factories import OrganisationFactory, VerwijzingFactory


def test_an_aanbieder_reads_only_its_own_referrals_in_the_timeline(world, client_for):
    other = OrganisationFactory(
        name="Andere Taalschool", type=OrganisationType.AANBIEDER, serves=[world.municipality]
    )
    VerwijzingFactory(inburgeraar=world.person, aanbieder=other)
    url = reverse("person_detail", args=[world.person.pk])

    page = client_for(world.users[Role.AANBIEDER]).get(url).content.decode()
    assert "Verwezen naar Toptaal" in page
    assert "Andere Taalschool" not in page

    page = client_for(world.users[Role.KLANTMANAGER]).get(url).content.decode()
    assert "Verwezen naar Toptaal" in page
    assert "Verwezen naar Andere Taalschool" in page
