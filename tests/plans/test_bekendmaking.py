"""Issue 18, point 2: a PIP has a dagtekening and a bekendmaking. The beschikking is made
at vaststelling, before it is sent, so it never prints a last day for bezwaar that may
already be past; the day and way of sending are recorded afterwards ("Verzonden /
uitgereikt"), audit-logged, and the bezwaartermijn counts from the day after."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from regie.core.models import AuditEvent
from regie.plans.models import PIPVersie, VersieStatus
from tests.plans.conftest import draft

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _open(client, person, versie):
    page = client.get(reverse("pip_versie", args=[person.pk, versie.nummer])).content.decode()
    return page, re.search(r'name="fingerprint" value="([0-9a-f]{64})"', page).group(1)


def _vaststellen(client, person, versie, **data):
    _page, fingerprint = _open(client, person, versie)
    return client.post(
        reverse("pip_vaststellen", args=[person.pk, versie.nummer]),
        {"fingerprint": fingerprint, **data},
        follow=True,
    )


def _verzonden(client, person, versie, **data):
    return client.post(
        reverse("pip_bekendmaking", args=[person.pk, versie.nummer]), data, follow=True
    )


def test_the_issue_case_a_pip_set_today_with_an_earlier_dagtekening(
    travel, person, km, colleague, world, client_for
):
    travel("2026-12-05")
    versie = draft(person, km, aanbieder=world.aanbieder)
    client = client_for(colleague)

    # A dagtekening before today without a reason: a Dutch form error, nothing set.
    page = _vaststellen(client, person, versie, dagtekening="2026-10-07").content.decode()
    assert "De dagtekening ligt vóór vandaag. Geef aan waarom" in page
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT

    # With a reason it is set; the reason is stored and part of the version's history.
    reden = "Besluit genomen in het overleg van 7 oktober; de brief is nu pas gemaakt."
    page = _vaststellen(
        client, person, versie, dagtekening="2026-10-07", dagtekening_reden=reden
    ).content.decode()
    assert "is vastgesteld" in page
    versie.refresh_from_db()
    assert versie.dagtekening == dt.date(2026, 10, 7) and versie.dagtekening_reden == reden

    # The letter does not print 18 November 2026 (six weeks after the dagtekening, already
    # past), but counts the term from the day after sending.
    text = pdf_text(bytes(versie.beschikking.pdf))
    assert "7 oktober 2026" in text
    assert "18 november 2026" not in text
    assert "zes weken na de dag na verzending van deze brief" in text

    # Not sent yet: the page says so and offers the action.
    page = client.get(reverse("pip_versie", args=[person.pk, versie.nummer])).content.decode()
    assert "Nog niet vastgelegd als verzonden of uitgereikt" in page
    assert "Verzonden / uitgereikt" in page
    assert reden in page

    # Sent today by post: the term runs from 6 December 2026 to Saturday 16 January 2027,
    # moved to Monday 18 January by the Algemene termijnenwet.
    page = _verzonden(
        client_for(km), person, versie, bekendgemaakt_op="2026-12-05", wijze="post"
    ).content.decode()
    assert "De bezwaartermijn loopt tot en met 18 januari 2027." in page
    assert "Bezwaar kan tot en met 18 januari 2027" in page
    versie.refresh_from_db()
    assert versie.bekendgemaakt_op == dt.date(2026, 12, 5)
    assert versie.bekendmaking_wijze == "post" and versie.bekendmaking_door == km
    event = AuditEvent.objects.get(description__startswith="verzonden/uitgereikt PIP versie 1")
    assert event.inburgeraar_id == person.pk and event.username == km.username
    assert "2026-12-05" in event.description and "post" in event.description


def test_the_sending_is_validated_and_recorded_once(
    travel, person, km, colleague, world, client_for
):
    travel("2026-12-05")
    versie = draft(person, km, aanbieder=world.aanbieder)
    _vaststellen(client_for(colleague), person, versie)
    versie.refresh_from_db()
    assert versie.dagtekening == dt.date(2026, 12, 5) and versie.dagtekening_reden == ""
    client = client_for(km)

    page = _verzonden(
        client, person, versie, bekendgemaakt_op="2026-12-06", wijze="post"
    ).content.decode()
    assert "De datum van verzending kan niet in de toekomst liggen." in page
    page = _verzonden(
        client, person, versie, bekendgemaakt_op="2026-12-04", wijze="post"
    ).content.decode()
    assert "kan niet vóór de dagtekening (5 december 2026) liggen" in page
    page = _verzonden(
        client, person, versie, bekendgemaakt_op="2026-12-05", wijze="duif"
    ).content.decode()
    versie.refresh_from_db()
    assert versie.bekendgemaakt_op is None

    _verzonden(client, person, versie, bekendgemaakt_op="2026-12-05", wijze="uitgereikt")
    page = _verzonden(
        client, person, versie, bekendgemaakt_op="2026-12-05", wijze="post"
    ).content.decode()
    assert "De verzending van dit besluit is al vastgelegd." in page
    versie.refresh_from_db()
    assert versie.bekendmaking_wijze == "uitgereikt"


def test_a_vastgestelde_version_changes_only_in_its_bekendmaking(person, km, colleague, world):
    from tests.plans.conftest import set_pip

    versie = set_pip(person, km, colleague, aanbieder=world.aanbieder, on=dt.date(2026, 11, 2))
    versie = PIPVersie.objects.get(pk=versie.pk)
    versie.route_toelichting = "Iets anders."
    with pytest.raises(ValueError):
        versie.save()


def test_a_dagtekening_in_the_future_is_refused(travel, person, km, colleague, world, client_for):
    travel("2026-12-05")
    versie = draft(person, km, aanbieder=world.aanbieder)
    page = _vaststellen(
        client_for(colleague), person, versie, dagtekening="2026-12-07", dagtekening_reden="x"
    ).content.decode()
    assert "De dagtekening kan niet in de toekomst liggen." in page
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT


def test_the_werkvoorraad_asks_to_record_the_sending(travel, person, km, colleague, world):
    from regie.core.extensions import werkvoorraad
    from regie.plans import services

    travel("2026-12-05")
    person.klantmanager = km
    person.save()
    versie = draft(person, km, aanbieder=world.aanbieder)
    services.vaststellen(versie, colleague)

    def items():
        return [
            str(item.what)
            for section in werkvoorraad(km, dt.date(2026, 12, 5))
            if section.key == "pip_verzenden"
            for item in section.items
        ]

    assert items() == ["PIP versie 1: verzending of uitreiking vastleggen"]
    services.record_bekendmaking(versie, km, dt.date(2026, 12, 5), "uitgereikt")
    assert items() == []
