"""The bezwaar procedure's pages: what the jurist sees and does, Dutch refusals on the
form with nothing saved, the dwangsom on the bezwaar page and in the werkvoorraad of the
jurist and the regisseur, the suspension on the fine's page, constant queries."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.roles import Role
from regie.enforcement import services
from regie.enforcement.bezwaar_models import Opschorting, VoorlopigeVoorziening
from regie.enforcement.models import Brief, BriefSoort, Wijze
from tests.enforcement.conftest import TODAY, fined_art23, give_pip, register

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return TODAY() - dt.timedelta(days=n)


def step_url(bezwaar, step, item=None):
    if item is None:
        return reverse("bezwaar_procedure", args=[bezwaar.inburgeraar_id, bezwaar.pk, step])
    return reverse("bezwaar_procedure_item", args=[bezwaar.inburgeraar_id, bezwaar.pk, step, item])


def detail(client, bezwaar) -> str:
    url = reverse("bezwaar_detail", args=[bezwaar.inburgeraar_id, bezwaar.pk])
    return client.get(url).content.decode()


def test_jurist_asks_for_repair_through_the_page(pip_person, km, jurist, client_for):
    bezwaar = register(pip_person, km)
    client = client_for(jurist)
    assert step_url(bezwaar, "herstel") in detail(client, bezwaar)
    bad = client.post(
        step_url(bezwaar, "herstel"),
        {"verzuim": "", "verzocht_op": days(1).isoformat(), "hersteltermijn_einde": ""},
    )
    assert bad.status_code == 200
    assert not Opschorting.objects.exists()
    ok = client.post(
        step_url(bezwaar, "herstel"),
        {
            "verzuim": "uw handtekening",
            "verzocht_op": days(1).isoformat(),
            "hersteltermijn_einde": (TODAY() + dt.timedelta(days=13)).isoformat(),
        },
    )
    assert ok.status_code == 302
    page = detail(client, bezwaar)
    assert "uw handtekening" in page and "Loopt: wacht op herstel" in page
    assert "Hersteltermijn verzuim (Awb art. 6:6)" in page
    assert Brief.objects.filter(bezwaar=bezwaar, soort=BriefSoort.HERSTELVERZOEK).exists()
    o = Opschorting.objects.get()
    assert step_url(bezwaar, "herstel-einde", o.pk) in page
    # An unknown step or a step without its item is not found.
    assert client.get(step_url(bezwaar, "onbekend")).status_code == 404
    assert client.get(step_url(bezwaar, "herstel-einde")).status_code == 404
    # The klantmanager cannot take the jurist's steps.
    assert client_for(km).get(step_url(bezwaar, "herstel")).status_code == 403


def test_repair_after_its_term_is_refused_in_dutch(pip_person, km, jurist, client_for):
    bezwaar = register(pip_person, km, ontvangen=days(10))
    o = services.request_repair(
        bezwaar, verzuim="de datum", verzocht_op=days(9), hersteltermijn_einde=days(3)
    )
    response = client_for(jurist).post(
        step_url(bezwaar, "herstel-einde", o.pk), {"stand": "hersteld", "op": days(1).isoformat()}
    )
    assert "Het herstel kwam na de hersteltermijn" in response.content.decode()
    o.refresh_from_db()
    assert o.stage == "loopt"


def test_dwangsom_on_the_bezwaar_page(world, km, jurist, client_for):
    give_pip(world.person, world.aanbieder, days(200))
    bezwaar = register(world.person, km, ontvangen=days(190))
    client = client_for(jurist)
    assert step_url(bezwaar, "ingebrekestelling") in detail(client, bezwaar)
    early = client.post(
        step_url(bezwaar, "ingebrekestelling"), {"ontvangen_op": days(189).isoformat()}
    )
    assert "Er loopt geen dwangsom" in early.content.decode()
    client.post(step_url(bezwaar, "ingebrekestelling"), {"ontvangen_op": days(30).isoformat()})
    page = detail(client, bezwaar)
    assert "Dwangsom wegens niet tijdig beslissen (Awb art. 4:17)" in page
    assert "€ 427,00" in page and "17 dagen van ten hoogste 42" in page
    assert "€ 1.442,00" in page  # the maximum
    home = client.get(reverse("home")).content.decode()
    assert "dwangsom loopt, € 427,00 na 17 dagen" in home
    regisseur = client_for(world.users[Role.REGISSEUR]).get(reverse("home")).content.decode()
    assert "Dwangsommen: te laat beslist op bezwaar" in regisseur
    assert "€ 427,00 verbeurd tot vandaag" in regisseur
    assert world.person.full_name not in regisseur


def test_hearer_involved_in_the_fine_is_refused(pip_person, km, jurist, client_for):
    zaak = fined_art23(pip_person, km, vastgesteld=days(20), bekend=days(19))
    zaak.behandelaar = km
    zaak.save()
    besluit = next(b for b in services.contestable(pip_person) if b.handhaving == zaak)
    bezwaar = services.register_bezwaar(
        pip_person, besluit=besluit, ontvangen_op=TODAY(), wijze=Wijze.DIGITAAL, gronden="Ziek."
    )
    hearing = services.plan_hearing(bezwaar, TODAY())
    response = client_for(jurist).post(
        step_url(bezwaar, "hoorders", hearing.pk), {"hoorders": [km.pk]}
    )
    assert "mag de inburgeraar daarom niet horen" in response.content.decode()
    assert not hearing.hoorders.exists()
    client_for(jurist).post(step_url(bezwaar, "hoorders", hearing.pk), {"hoorders": [jurist.pk]})
    assert str(jurist) in detail(client_for(jurist), bezwaar)


def test_schorsing_shown_on_both_pages(pip_person, km, jurist, client_for):
    zaak = fined_art23(pip_person, km, vastgesteld=days(20), bekend=days(19))
    besluit = next(b for b in services.contestable(pip_person) if b.handhaving == zaak)
    bezwaar = services.register_bezwaar(
        pip_person, besluit=besluit, ontvangen_op=days(5), wijze=Wijze.DIGITAAL, gronden="Ziek."
    )
    client = client_for(jurist)
    client.post(step_url(bezwaar, "voorziening"), {"verzocht_op": days(4).isoformat()})
    vv = VoorlopigeVoorziening.objects.get()
    client.post(
        step_url(bezwaar, "voorziening-uitspraak", vv.pk),
        {
            "stand": "toegewezen",
            "uitspraak_op": days(1).isoformat(),
            "schorsing": "on",
            "toelichting": "Geschorst.",
        },
    )
    vv.refresh_from_db()
    assert vv.schorsing and vv.stage == "toegewezen"
    text = "Het besluit is geschorst door de voorzieningenrechter"
    assert text in detail(client, bezwaar)
    hh_page = client_for(km).get(reverse("handhaving_detail", args=[pip_person.pk, zaak.pk]))
    body = hh_page.content.decode()
    assert text in body and "Betaaltermijn boete" not in body


def test_bezwaar_page_queries_constant(
    pip_person, km, jurist, client_for, django_assert_max_num_queries
):
    bezwaar = register(pip_person, km, ontvangen=days(10))

    def add_records():
        o = services.request_repair(
            bezwaar, verzuim="x", verzocht_op=days(9), hersteltermijn_einde=days(8)
        )
        services.end_repair(o, stand="hersteld", op=days(8))
        vv = services.register_voorziening(bezwaar, verzocht_op=days(2))
        services.decide_voorziening(vv, stand="afgewezen", uitspraak_op=days(1))
        hearing = services.plan_hearing(bezwaar, TODAY())
        services.set_hearers(hearing, [jurist])
        services.report_hearing(hearing, "geannuleerd", "")

    add_records()
    client = client_for(jurist)
    detail(client, bezwaar)
    with django_assert_max_num_queries(60) as few:
        detail(client, bezwaar)
    add_records()
    add_records()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Afgewezen" in detail(client, bezwaar)
