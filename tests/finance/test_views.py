"""Pages and shared contributions: the person-file section, the werkvoorraad (afbouw
signals, runs awaiting approval), the run pages with their downloads, and constant query
counts on lists."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from regie.core.extensions import werkvoorraad
from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.finance import services
from regie.finance.models import Betaalrun, RunStatus
from tests.factories import (
    BetaalPostFactory,
    InburgeraarFactory,
    OntzorgingFactory,
    UitkeringFactory,
)
from tests.jobs.inline import post_and_run

pytestmark = pytest.mark.django_db


def _ontzorgingen(world, n, klantmanager, start):
    for _ in range(n):
        person = InburgeraarFactory(municipality=world.municipality, klantmanager=klantmanager)
        ontzorging = OntzorgingFactory(
            inburgeraar=person, start_date=start, end_date=start + timedelta(days=180)
        )
        UitkeringFactory(ontzorging=ontzorging)
        BetaalPostFactory(ontzorging=ontzorging, geldig_vanaf=start)


def test_person_section_shows_status_end_and_leefgeld(fin, client_for):
    client = client_for(fin.world.users[Role.BEGELEIDER])
    from freezegun import freeze_time

    with freeze_time("2026-10-10"):
        page = client.get(reverse("person_detail", args=[fin.world.person.pk])).content.decode()
    assert "Financiële ontzorging" in page
    assert "28 februari 2027" in page
    assert "€ 529,50" in page  # 1,300 − 650 − 120.50
    aanbieder = client_for(fin.world.users[Role.AANBIEDER])
    page = aanbieder.get(reverse("person_detail", args=[fin.world.person.pk])).content.decode()
    assert "Financiële ontzorging" not in page


def test_the_ontzorging_page_is_audit_logged(fin, client_for):
    client = client_for(fin.world.users[Role.KLANTMANAGER])
    client.get(reverse("ontzorging_detail", args=[fin.world.person.pk]))
    assert AuditEvent.objects.filter(
        action="read", inburgeraar_id=fin.world.person.pk, description="financiële ontzorging"
    ).exists()


def test_afbouw_signal_four_weeks_before_the_end(world):
    klantmanager = world.users[Role.KLANTMANAGER]
    today = timezone.localdate()
    OntzorgingFactory(
        inburgeraar=world.person,
        start_date=today - timedelta(days=160),
        end_date=today + timedelta(days=20),
    )
    later = InburgeraarFactory(municipality=world.municipality, klantmanager=klantmanager)
    OntzorgingFactory(inburgeraar=later, start_date=today, end_date=today + timedelta(days=180))
    [section] = [s for s in werkvoorraad(klantmanager, today) if s.key == "ontzorging_afbouw"]
    assert [item.person for item in section.items] == [world.person]
    assert section.items[0].due == today + timedelta(days=20)


def test_afbouw_period_is_the_municipalitys_own(world, client_for):
    """Lokaal beleid: a municipality that signals six weeks ahead sees the signal earlier,
    in the werkvoorraad and on the ontzorging page."""
    from regie.core.localrules import set_local_value

    klantmanager = world.users[Role.KLANTMANAGER]
    today = timezone.localdate()
    OntzorgingFactory(
        inburgeraar=world.person,
        start_date=today - timedelta(days=150),
        end_date=today + timedelta(days=35),
    )

    def signalled():
        sections = werkvoorraad(klantmanager, today)
        return [s for s in sections if s.key == "ontzorging_afbouw"][0].items

    page = reverse("ontzorging_detail", args=[world.person.pk])
    assert signalled() == []
    assert "Afbouw: de ontzorging" not in client_for(klantmanager).get(page).content.decode()
    set_local_value(world.municipality, "ontzorging_afbouw_signaal_weken", 6, "beheerder")
    assert [item.person for item in signalled()] == [world.person]
    assert "Afbouw: de ontzorging" in client_for(klantmanager).get(page).content.decode()


def test_runs_awaiting_approval_go_to_the_other_financieel_medewerker(fin):
    services.create_run(
        fin.world.municipality, date(2026, 9, 1), fin.preparer, today=date(2026, 9, 1)
    )
    today = date(2026, 9, 1)

    def items(user):
        return [s for s in werkvoorraad(user, today) if s.key == "runs_approval"][0].items

    assert items(fin.preparer) == []
    assert len(items(fin.approver)) == 1


def test_werkvoorraad_queries_do_not_grow_with_the_caseload(world, django_assert_max_num_queries):
    klantmanager = world.users[Role.KLANTMANAGER]
    today = timezone.localdate()
    start = today - timedelta(days=170)
    _ontzorgingen(world, 2, klantmanager, start)
    werkvoorraad(klantmanager, today)
    with django_assert_max_num_queries(40) as few:
        werkvoorraad(klantmanager, today)
    _ontzorgingen(world, 12, klantmanager, start)
    with django_assert_max_num_queries(len(few.captured_queries)):
        sections = werkvoorraad(klantmanager, today)
    assert len([s for s in sections if s.key == "ontzorging_afbouw"][0].items) == 14


def _run_with(world, fin, extra):
    _ontzorgingen(world, extra, world.users[Role.KLANTMANAGER], date(2026, 9, 1))
    return services.create_run(
        world.municipality, date(2026, 9, 1), fin.preparer, today=date(2026, 9, 1)
    ).run


def _count(client, url, django_assert_max_num_queries, limit=None):
    with django_assert_max_num_queries(limit or 60) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_run_pages_query_counts_are_constant(fin, client_for, django_assert_max_num_queries):
    client = client_for(fin.approver)
    run = _run_with(fin.world, fin, 1)
    detail = reverse("betaalrun_detail", args=[run.pk])
    listing = reverse("betaalrun_list")
    few = (
        _count(client, detail, django_assert_max_num_queries),
        _count(client, listing, django_assert_max_num_queries),
    )
    services.cancel_run(run, fin.preparer, "opnieuw")
    run = _run_with(fin.world, fin, 10)
    assert services.run_totals(run)[0] == 13
    detail = reverse("betaalrun_detail", args=[run.pk])
    _count(client, detail, django_assert_max_num_queries, few[0])
    _count(client, listing, django_assert_max_num_queries, few[1])


def test_budget_pages_query_counts_are_constant(world, client_for, django_assert_max_num_queries):
    from regie.finance.models import Contract, Scenario

    client = client_for(world.users[Role.REGISSEUR])

    def add(n):
        for i in range(n):
            Contract.objects.create(
                municipality=world.municipality,
                jaar=2022,
                partij=f"Partij {i}",
                soort="leerroute",
                ten_laste_van="spuk",
                leerroute="b1",
                prijs_per_traject=Decimal("9000"),
            )
            Scenario.objects.create(
                municipality=world.municipality,
                naam=f"S{i}",
                prijsjaar=2022,
                eerste_jaar=2023,
                instroom=35,
            )

    add(1)
    budget = f"{reverse('budget_overview')}?jaar=2022"
    few = (
        _count(client, budget, django_assert_max_num_queries),
        _count(client, reverse("prognose"), django_assert_max_num_queries),
    )
    add(8)
    _count(client, budget, django_assert_max_num_queries, few[0])
    _count(client, reverse("prognose"), django_assert_max_num_queries, few[1])


def test_the_whole_flow_through_the_pages(fin, client_for, travel):
    travel("2026-10-10")  # September 2026 is among the months a run can be made for
    preparer = client_for(fin.preparer)
    response = preparer.post(
        reverse("betaalrun_create"), {"gemeente": fin.world.municipality.pk, "maand": "2026-09"}
    )
    assert response.status_code in (302, 200)
    run = Betaalrun.objects.get()
    # Preparing again pays nothing twice.
    preparer.post(
        reverse("betaalrun_create"), {"gemeente": fin.world.municipality.pk, "maand": "2026-09"}
    )
    assert Betaalrun.objects.get().regels.count() == 2
    preparer.post(reverse("betaalrun_approve", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.CONCEPT  # four eyes
    approver = client_for(fin.approver)
    page = approver.get(reverse("betaalrun_detail", args=[run.pk])).content.decode()
    assert "Deze 2 betalingen van € 770,50 goedkeuren (vier ogen)" in page
    shown = re.search(r'name="hash" value="([0-9a-f]{64})"', page).group(1)
    approver.post(reverse("betaalrun_approve", args=[run.pk]), {"hash": shown})
    made = post_and_run(approver, reverse("betaalrun_export", args=[run.pk]))
    assert made["Content-Disposition"] == f'attachment; filename="{run.msg_id}.xml"'
    assert b"pain.001.001.09" in made.content  # the job's download is the SEPA file
    run.refresh_from_db()
    assert run.status == RunStatus.GEEXPORTEERD
    sepa = approver.get(reverse("betaalrun_sepa", args=[run.pk]))
    assert sepa["Content-Type"] == "application/xml"
    assert b"pain.001.001.09" in sepa.content
    xlsx = approver.get(reverse("betaalrun_xlsx", args=[run.pk]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and {r[6] for r in rows[1:]} == {650.0, 120.5}
    pdf = approver.get(reverse("betaalrun_pdf", args=[run.pk]))
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Betaallijst" in text and "770,50" in text
    downloads = AuditEvent.objects.filter(
        action="download", object_type="betaalrun", object_id=str(run.pk)
    )
    assert downloads.count() == 3


def test_cannot_create_a_run_for_a_month_without_checked_items(fin, client_for, travel):
    travel("2026-10-10")  # September 2026 is among the months a run can be made for
    fin.rent.gecontroleerd_op = None
    fin.rent.save()
    fin.energy.gecontroleerd_op = None
    fin.energy.save()
    client = client_for(fin.preparer)
    response = client.post(
        reverse("betaalrun_create"),
        {"gemeente": fin.world.municipality.pk, "maand": "2026-09"},
        follow=True,
    )
    content = response.content.decode()
    assert "geen gecontroleerde posten" in content
    assert "wachten nog op controle" in content
    assert not Betaalrun.objects.exists()
