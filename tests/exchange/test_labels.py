"""No raw codes on a page (issue 16, point 9): the referral shows its leerroute by label
("Onderwijsroute", not "onderwijs") in the klantmanager's view, the aanbieder's portal and
werkvoorraad; hours in the werkvoorraad read with a decimal comma."""

from decimal import Decimal

from django.urls import reverse

from regie.core.roles import Role
from regie.people.models import Verwijzing
from tests.factories import AfschaalverzoekFactory


def test_referral_leerroute_by_label_everywhere(world, client_for):
    Verwijzing.objects.filter(inburgeraar=world.person).update(
        leerroute="onderwijs", status="aangevraagd", lesuren_per_week=12
    )
    aanbieder = client_for(world.users[Role.AANBIEDER])
    home = aanbieder.get(reverse("home")).content.decode()
    assert "Accepteren of afwijzen (Onderwijsroute)" in home
    portal = aanbieder.get(reverse("portal_home")).content.decode()
    assert "<td>Onderwijsroute</td>" in portal and "<td>onderwijs</td>" not in portal

    verwijzing = Verwijzing.objects.get(inburgeraar=world.person)
    detail = aanbieder.get(reverse("portal_verwijzing", args=[verwijzing.pk])).content.decode()
    assert "<dd>Onderwijsroute</dd>" in detail

    klantmanager = client_for(world.users[Role.KLANTMANAGER])
    taal = klantmanager.get(reverse("person_taal", args=[world.person.pk])).content.decode()
    assert "Onderwijsroute, 12 uur per week" in taal
    assert "(onderwijs)" not in taal


def test_afschaalverzoek_hours_with_a_decimal_comma(world, client_for):
    AfschaalverzoekFactory(
        inburgeraar=world.person,
        aanbieder=world.aanbieder,
        lesuren_bij_indienen=Decimal("802.8"),
    )
    home = client_for(world.users[Role.KLANTMANAGER]).get(reverse("home")).content.decode()
    assert "naar A2 (802,8 lesuren)" in home
    assert "802.8" not in home
