"""The SEPA file stored with a payment run (names, IBANs and references of many persons)
is destroyed after its own bewaartermijn and as soon as one person in it is anonymised;
the run keeps its lines, totals, berichtkenmerk, hash and dates, and the download page
says in Dutch that the file is gone."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from regie.core.retention import run_retention
from regie.finance import services
from regie.finance.models import Betaalrun, RunStatus
from regie.finance.privacy import anonymise_finance
from regie.rules.retention import TERMS, RecordType, Trigger
from tests.factories import BetaalPostFactory, InburgeraarFactory, OntzorgingFactory

pytestmark = pytest.mark.django_db

SEPTEMBER = date(2026, 9, 1)
EXPORTED = datetime(2026, 9, 3, 10, tzinfo=UTC)


def exported_run(fin, month=SEPTEMBER, without=None):
    run = services.create_run(fin.world.municipality, month, fin.preparer, today=month).run
    if without is not None:
        run.regels.filter(inburgeraar=without).delete()
    services.approve_run(run, fin.approver)
    return services.export_run(run, fin.preparer, now=EXPORTED)


def test_the_term_has_a_source_and_runs_from_the_file():
    term = TERMS[RecordType.SEPABESTAND]
    assert term.trigger == Trigger.EVENT and term.years == 7
    assert "lokaal beleid" in term.source.lower() and "art. 52" in term.source


def test_the_file_is_destroyed_after_the_term(fin):
    run = exported_run(fin)
    assert run.sepa_xml
    kept = (run.msg_id, run.sepa_sha256, run.geexporteerd_op, run.uitvoeringsdatum)
    totals = services.run_totals(run)

    report = run_retention(today=date(2033, 9, 2))
    run.refresh_from_db()
    assert run.sepa_xml and "finance.sepabestand" not in report.changed

    dry = run_retention(today=date(2033, 9, 3), dry_run=True)
    run.refresh_from_db()
    assert dry.records_due["finance.sepabestand"] == 1 and run.sepa_xml
    assert "  termijn verstreken, finance.sepabestand: 1 records" in dry.lines()

    report = run_retention(today=date(2033, 9, 3))
    run.refresh_from_db()
    assert report.changed["finance.sepabestand"] == 1
    assert run.sepa_xml is None and run.status == RunStatus.GEEXPORTEERD
    assert (run.msg_id, run.sepa_sha256, run.geexporteerd_op, run.uitvoeringsdatum) == kept
    assert services.run_totals(run) == totals
    # Running again changes nothing more.
    assert run_retention(today=date(2033, 9, 4)).changed.get("finance.sepabestand", 0) == 0


def test_a_municipality_may_keep_the_file_shorter(fin, settings):
    run = exported_run(fin)
    settings.REGIE_RETENTION_YEARS = {"sepabestand": 1}
    run_retention(today=date(2027, 9, 2))
    run.refresh_from_db()
    assert run.sepa_xml
    run_retention(today=date(2027, 9, 3))
    run.refresh_from_db()
    assert run.sepa_xml is None


def test_a_municipality_run_only_touches_its_own_files(fin):
    run = exported_run(fin)
    run_retention(today=date(2034, 1, 1), municipality=fin.world.other_municipality)
    run.refresh_from_db()
    assert run.sepa_xml


def test_anonymising_a_person_destroys_the_files_that_name_them(fin):
    run = exported_run(fin)
    # A run of another month without this person keeps its file.
    other_person = InburgeraarFactory(
        municipality=fin.world.municipality, klantmanager=fin.world.users["klantmanager"]
    )
    other = OntzorgingFactory(inburgeraar=other_person, start_date=date(2026, 11, 1))
    BetaalPostFactory(ontzorging=other, gecontroleerd_door=fin.approver)
    november = exported_run(fin, month=date(2026, 11, 1), without=fin.world.person)
    assert november.regels.exists()
    assert not november.regels.filter(inburgeraar=fin.world.person).exists()

    changed = anonymise_finance([fin.world.person.pk])
    assert changed >= 1
    run.refresh_from_db()
    november.refresh_from_db()
    assert run.sepa_xml is None and run.sepa_sha256
    assert november.sepa_xml
    assert anonymise_finance([fin.world.person.pk]) == 0, "idempotent"


def test_the_download_says_the_file_is_gone(fin, client_for):
    run = exported_run(fin)
    Betaalrun.objects.filter(pk=run.pk).update(sepa_xml=None)
    client = client_for(fin.preparer)
    response = client.get(reverse("betaalrun_sepa", args=[run.pk]), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("betaalrun_detail", args=[run.pk])
    page = response.content.decode()
    assert "niet meer bewaard" in page
    assert reverse("betaalrun_sepa", args=[run.pk]) not in page
