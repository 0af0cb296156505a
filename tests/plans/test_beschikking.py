"""The beschikking PDF: its text carries the right bezwaar last day and termijn dates, it
records the template version, and every download is audit-logged and scoped."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import Role
from regie.people.models import AccessGrant
from regie.plans.documents import CURRENT_TEMPLATE, TEMPLATES
from regie.plans.models import Beschikking
from tests.plans.conftest import draft, set_pip


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def beschikking(person, km, colleague, world):
    versie = set_pip(person, km, colleague, aanbieder=world.aanbieder, on=dt.date(2026, 3, 16))
    return versie.beschikking


RELATIVE = "uiterlijk zes weken na de dag na verzending van deze brief bij ons"


def test_pdf_states_the_bezwaar_term_from_sending_and_the_termijn(beschikking):
    # Issue 18 (2): the letter is made before sending, so it names no last day for
    # bezwaar but counts the six weeks from the day after sending (Awb art. 6:7-6:8).
    text = pdf_text(bytes(beschikking.pdf))
    assert RELATIVE in text
    assert "niet op de datum bovenaan deze brief" in text
    assert "uiterlijk op 28 april 2026" not in text
    assert "begint op 17 maart 2026 en eindigt op 16 maart 2029" in text
    assert "16 maart 2026" in text  # the dagtekening
    assert "B1-route" in text and "Toptaal" in text
    assert "module Arbeidsmarkt en Participatie (MAP)" in text
    assert beschikking.bezwaar_einde is None and beschikking.bekendmaking is None
    assert (beschikking.termijn_start, beschikking.termijn_einde) == (
        dt.date(2026, 3, 17),
        dt.date(2029, 3, 16),
    )


def test_a_copy_of_an_old_beschikking_keeps_its_dated_clause(beschikking):
    # Template 2026.1 assumed sending on the dagtekening; a copy made with it again shows
    # what the person received: 16 March + six weeks = Koningsdag, so Tuesday 28 April.
    from regie.plans.documents import render_html

    html, context = render_html(beschikking.versie, "pip-beschikking-2026.1")
    assert context["bezwaar_einde"] == dt.date(2026, 4, 28)
    assert "28 april 2026" in html


def test_template_version_is_recorded(beschikking):
    assert beschikking.template_versie == CURRENT_TEMPLATE
    assert CURRENT_TEMPLATE in TEMPLATES
    assert CURRENT_TEMPLATE in pdf_text(bytes(beschikking.pdf))
    assert len(beschikking.sha256) == 64


def test_onderwijsroute_beschikking_has_no_map(person, km, colleague, world):
    versie = set_pip(
        person,
        km,
        colleague,
        aanbieder=world.aanbieder,
        on=dt.date(2026, 6, 1),
        route="onderwijs",
        route_toelichting="Wil naar het mbo; grote kans op een diploma.",
    )
    text = pdf_text(bytes(versie.beschikking.pdf))
    assert "hoeft u de module Arbeidsmarkt en Participatie (MAP) niet te doen" in text


def test_later_version_keeps_the_termijn_of_the_first(beschikking, km, colleague, world):
    person = beschikking.versie.pip.inburgeraar
    second = set_pip(
        person,
        colleague,
        km,
        aanbieder=world.aanbieder,
        on=dt.date(2026, 9, 4),
        wijzigingsreden="Kinderopvang geregeld; meer lesuren.",
    )
    text = pdf_text(bytes(second.beschikking.pdf))
    assert "begint op 17 maart 2026 en eindigt op 16 maart 2029" in text
    assert "Uw termijn verandert niet" in text
    assert RELATIVE in text and "16 oktober 2026" not in text


def test_download_is_audit_logged(beschikking, km, client_for):
    person = beschikking.versie.pip.inburgeraar
    url = reverse("pip_beschikking", args=[person.pk, beschikking.versie.nummer])
    response = client_for(km).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(beschikking.pdf)
    assert person.last_name not in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditAction.DOWNLOAD)
    assert event.inburgeraar_id == person.pk
    assert event.username == km.username
    assert event.object_type == "beschikking"
    assert CURRENT_TEMPLATE in event.description
    client_for(km).get(url)
    assert AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).count() == 2


def test_begeleider_may_read_the_pip_but_not_download(beschikking, world, client_for):
    person = beschikking.versie.pip.inburgeraar
    client = client_for(world.users[Role.BEGELEIDER])
    assert client.get(reverse("pip_overview", args=[person.pk])).status_code == 200
    url = reverse("pip_beschikking", args=[person.pk, beschikking.versie.nummer])
    assert client.get(url).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()


def test_jurist_downloads_only_with_a_grant(beschikking, world, client_for):
    person = beschikking.versie.pip.inburgeraar
    jurist = world.users[Role.JURIST]
    url = reverse("pip_beschikking", args=[person.pk, beschikking.versie.nummer])
    assert client_for(jurist).get(url).status_code == 404
    AccessGrant.objects.create(
        user=jurist,
        inburgeraar=person,
        reason="bezwaar tegen het PIP",
        valid_until=dt.date.today() + dt.timedelta(days=30),
    )
    assert client_for(jurist).get(url).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.DOWNLOAD, username=jurist.username).exists()


def test_concept_has_no_beschikking(person, km, world, client_for):
    versie = draft(person, km, aanbieder=world.aanbieder)
    response = client_for(km).get(reverse("pip_beschikking", args=[person.pk, versie.nummer]))
    assert response.status_code == 302
    assert not Beschikking.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()


def test_a_role_without_health_data_gets_the_beschikking_without_health_goals(
    person, km, colleague, world, client_for
):
    """Issue 17, M3: the document applies the page's field groups. The jurist (no
    HEALTH_VIEW) gets a copy with the health goal replaced by a note; the klantmanager and
    the stored document keep it."""
    from tests.factories import PIPDoelFactory

    versie = draft(person, km, aanbieder=world.aanbieder)
    PIPDoelFactory(
        versie=versie, levensgebied="gezondheid", omschrijving="Traumabehandeling bij GGNet."
    )
    from regie.plans import services

    versie = services.vaststellen(
        versie, colleague, on=dt.date(2026, 3, 16), dagtekening_reden="eerder genomen"
    )
    url = reverse("pip_beschikking", args=[person.pk, versie.nummer])
    stored = pdf_text(bytes(versie.beschikking.pdf))
    assert "Traumabehandeling bij GGNet." in stored

    own = pdf_text(client_for(km).get(url).content)
    assert "Traumabehandeling bij GGNet." in own and "Weggelaten" not in own

    jurist = world.users[Role.JURIST]
    AccessGrant.objects.create(
        user=jurist, inburgeraar=person, reason="bezwaar", valid_until=dt.date(2099, 1, 1)
    )
    copy = pdf_text(client_for(jurist).get(url).content)
    assert "Traumabehandeling bij GGNet." not in copy
    assert "Weggelaten in dit exemplaar: doelen over gezondheid" in copy
    # The same letter otherwise: the same template, with its bezwaar clause.
    assert CURRENT_TEMPLATE in copy and "bezwaar maken" in copy
    assert AuditEvent.objects.filter(
        username=jurist.username, description__endswith="zonder gezondheidsdoelen"
    ).exists()


def test_the_letter_names_the_duaal_traject(person, km, colleague, world):
    # Issue 20: the participation goals and hours of the PIP version, in plain Dutch, as
    # the person reads them in the stored PDF (template pip-beschikking-2026.4).
    versie = set_pip(
        person,
        km,
        colleague,
        aanbieder=world.aanbieder,
        on=dt.date(2026, 3, 16),
        participatie_doelen=["werkfit", "plaatsing", "baan"],
        participatie_uren_per_week=16,
        participatie_toelichting="Werkervaringsplek in de zorg, in de buurt van huis.",
    )
    beschikking = versie.beschikking
    assert beschikking.template_versie == "pip-beschikking-2026.4"
    text = pdf_text(bytes(beschikking.pdf))
    assert "Leren en meedoen: werk, stage of vrijwilligerswerk" in text
    assert "Dat heet een duaal traject." in text
    assert (
        "U werkt eraan om klaar te zijn voor werk: op tijd komen, afspraken nakomen en "
        "samenwerken." in text
    )
    assert (
        "U gaat naar een werkervaringsplek, een stage of vrijwilligerswerk, 16 uur per week."
        in text
    )
    assert "U zoekt betaald werk. Wij helpen u daarbij." in text
    assert "U haalt een diploma" not in text  # not a goal of this version
    assert "Werkervaringsplek in de zorg, in de buurt van huis." in text
    assert "Sjabloon pip-beschikking-2026.4." in text


def test_without_participation_goals_the_letter_has_no_duaal_traject_part(beschikking):
    text = pdf_text(bytes(beschikking.pdf))
    assert "duaal traject" not in text
    assert "Sjabloon pip-beschikking-2026.4." in text


def test_participation_hours_without_a_placement_goal_stand_alone():
    from regie.plans.documents import participatie_zinnen

    assert participatie_zinnen(["diploma"], 8) == [
        "U haalt een diploma of certificaat voor werk.",
        "U besteedt 8 uur per week aan werk of meedoen.",
    ]
    assert participatie_zinnen([], None) == []
