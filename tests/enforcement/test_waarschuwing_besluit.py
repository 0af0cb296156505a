"""Issue 19 point 8: the schriftelijke waarschuwing of an art. 22 case (Wi 2021 art. 14
lid 1) is a besluit because the fine cannot be imposed without it (ABRvS 2 mei 2018,
ECLI:NL:RVS:2018:1449): its letter has the bezwaarclausule and a bezwaar against it can be
registered and decided. The optional waarschuwing before an art. 23 fine is none: no
clausule, and it cannot be chosen as the contested decision."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from regie.enforcement import services
from regie.enforcement.models import Brief, Uitkomst, Wijze
from regie.enforcement.states import HandhavingState
from tests.enforcement.conftest import TODAY, art23_case, no_show_case

pytestmark = pytest.mark.django_db


def pdf_text(brief) -> str:
    reader = PdfReader(io.BytesIO(bytes(brief.pdf)))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_a_bezwaar_against_the_art22_waarschuwing_can_be_registered_and_decided(
    world, pip_person, km, jurist, client_for
):
    zaak = no_show_case(world.person, km)
    brief = services.send_warning(
        zaak,
        TODAY() - dt.timedelta(days=10),
        TODAY() + dt.timedelta(days=14),
        TODAY() + dt.timedelta(days=7),
        dagtekening_reden="Vastgelegd na verzending op de dag van de brief.",
    )
    Brief.objects.filter(pk=brief.pk).update(bekendgemaakt_op=TODAY() - dt.timedelta(days=10))
    art23 = art23_case(pip_person, km, days_ago=3)
    services.send_warning(art23, TODAY(), TODAY() + dt.timedelta(days=21))
    besluiten = services.contestable(world.person)
    keys = [b.key for b in besluiten]
    assert f"waarschuwing:{zaak.pk}" in keys and f"waarschuwing:{art23.pk}" not in keys
    besluit = next(b for b in besluiten if b.key == f"waarschuwing:{zaak.pk}")
    assert besluit.bekendgemaakt_op == TODAY() - dt.timedelta(days=10)
    # The bezwaar form offers it by name.
    page = client_for(km).get(f"/inburgeraars/{world.person.pk}/bezwaar/nieuw/").content.decode()
    assert f"Schriftelijke waarschuwing {zaak.kenmerk}" in page
    bezwaar = services.register_bezwaar(
        world.person,
        besluit=besluit,
        ontvangen_op=TODAY(),
        wijze=Wijze.DIGITAAL,
        gronden="Ik was in het ziekenhuis.",
    )
    assert bezwaar.waarschuwing and bezwaar.handhaving == zaak and bezwaar.tijdig
    services.submit_advice(bezwaar, "Gegrond.", Uitkomst.GEGROND, km)
    letter = services.decide(
        bezwaar,
        uitkomst=Uitkomst.GEGROND,
        motivering="Opname in het ziekenhuis aangetoond.",
        user=jurist,
        hoor_afzien_grond="volledig_tegemoetgekomen",
    )
    zaak.refresh_from_db()
    assert zaak.stage == HandhavingState.GESLOTEN
    assert "tegen de waarschuwing gegrond" in zaak.afsluit_reden
    text = pdf_text(letter)
    assert "de schriftelijke waarschuwing (kenmerk" in text
    assert "Wij trekken de waarschuwing in." in text and "boete in" not in text
    detail = client_for(km).get(f"/inburgeraars/{world.person.pk}/bezwaar/{bezwaar.pk}/")
    assert f"Schriftelijke waarschuwing {zaak.kenmerk}" in detail.content.decode()
