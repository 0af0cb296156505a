"""The retention job: after the bewaartermijn, persons are anonymised (names, BSN,
contact, free text and health gone; history and audit descriptions purged) while the
aggregate figures stay the same. Ongoing and recent trajectories are untouched."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models.functions import ExtractYear
from freezegun import freeze_time

from regie.core import audit
from regie.core.models import AuditAction, AuditEvent, FieldChange
from regie.core.privacy import person_data_providers
from regie.core.retention import run_retention
from regie.intake.models import BredeIntake, IntakeGesprek, IntakeGezondheid, Leerbaarheidstoets
from regie.people.models import HealthNote, Household, Inburgeraar, StatusChange
from regie.people.services import change_status
from regie.plans.models import Beschikking, DoelVoortgang, PIPDoel, PIPVersie, Voortgangsgesprek
from tests.factories import InburgeraarFactory
from tests.security.conftest import fill_file

TODAY = dt.date(2026, 6, 1)


def figures():
    """What the aggregate reports count."""
    rows = Inburgeraar.objects.annotate(
        year=ExtractYear("kennisgeving_date"), born=ExtractYear("date_of_birth")
    ).values_list("municipality_id", "status", "year", "doelgroep", "regime", "gender", "born")
    return Counter(rows)


def texts_of(person_id) -> str:
    """Every free text Regie holds for a person, joined."""
    parts = [
        *Inburgeraar.objects.filter(pk=person_id).values_list(
            "first_name", "last_name", "bsn", "phone", "street"
        ),
        *StatusChange.objects.filter(inburgeraar=person_id).values_list("reason"),
        *HealthNote.objects.filter(inburgeraar=person_id).values_list("text"),
        *BredeIntake.objects.filter(inburgeraar=person_id).values_list("housing", "finances"),
        *IntakeGezondheid.objects.filter(intake__inburgeraar=person_id).values_list("physical"),
        *IntakeGesprek.objects.filter(intake__inburgeraar=person_id).values_list("notes"),
        *Leerbaarheidstoets.objects.filter(inburgeraar=person_id).values_list("outcome"),
        *PIPVersie.objects.filter(pip__inburgeraar=person_id).values_list("ondersteuning"),
        *PIPDoel.objects.filter(versie__pip__inburgeraar=person_id).values_list("omschrijving"),
        *Voortgangsgesprek.objects.filter(pip__inburgeraar=person_id).values_list("verslag"),
        *DoelVoortgang.objects.filter(gesprek__pip__inburgeraar=person_id).values_list(
            "toelichting"
        ),
        *FieldChange.objects.filter(inburgeraar_id=person_id).values_list("old_value", "new_value"),
        *AuditEvent.objects.filter(inburgeraar_id=person_id).values_list("description"),
    ]
    return " ".join(str(v) for row in parts for v in row)


@pytest.fixture
def cases(world):
    """long_ago: ended in 2019 (every term passed); recent: ended early 2024 (health
    term passed, dossier not); ongoing: world.person."""
    with freeze_time("2019-03-01 10:00"):
        long_ago = fill_file(
            InburgeraarFactory(
                municipality=world.municipality, kennisgeving_date=dt.date(2018, 9, 1)
            ),
            world.aanbieder,
            "Oud",
        )
        change_status(long_ago, "beeindigd", "verhuisd naar het buitenland")
    with freeze_time("2024-01-15 10:00"):
        recent = fill_file(
            InburgeraarFactory(
                municipality=world.municipality, kennisgeving_date=dt.date(2022, 9, 1)
            ),
            world.aanbieder,
            "Recent",
        )
        change_status(recent, "ontheffing", "medische ontheffing")
    ongoing = fill_file(world.person, world.aanbieder, "Lopend")
    return long_ago, recent, ongoing


def test_anonymises_after_the_term_and_keeps_the_figures(cases):
    long_ago, recent, ongoing = cases
    before = figures()
    recent_text, ongoing_text = texts_of(recent.pk), texts_of(ongoing.pk)
    bsn = long_ago.bsn
    audit.log_read(long_ago, long_ago.pk, "Oud: recent ingezien")  # within the audit term
    report = run_retention(TODAY)

    assert figures() == before
    person = Inburgeraar.objects.get(pk=long_ago.pk)
    assert person.bsn != bsn and person.bsn.startswith("X")
    assert person.date_of_birth == dt.date(1990, 1, 1)
    assert person.status == "beeindigd" and person.municipality_id == long_ago.municipality_id
    assert "Oud" not in texts_of(long_ago.pk)
    assert "verhuisd" not in texts_of(long_ago.pk)
    assert not Household.objects.filter(name="Familie Oud").exists()
    assert not HealthNote.objects.filter(inburgeraar=long_ago).exists()
    assert not Beschikking.objects.filter(versie__pip__inburgeraar=long_ago).exists()
    # The records themselves stay for the counts (goals, gesprekken, toetsen).
    assert PIPDoel.objects.filter(versie__pip__inburgeraar=long_ago).count() == 1
    assert Leerbaarheidstoets.objects.filter(inburgeraar=long_ago, status="afgenomen").exists()
    # Who read the file and when stays in the audit log; what was read does not.
    reads = AuditEvent.objects.filter(inburgeraar_id=long_ago.pk, action=AuditAction.READ)
    assert reads.exists() and set(reads.values_list("description", flat=True)) == {""}

    # Ended early 2024: health is gone, the rest of the file stays.
    assert "Recent rugklachten" not in texts_of(recent.pk)
    assert "Recent diabetes" not in texts_of(recent.pk)
    assert "Recent woning" in texts_of(recent.pk)
    assert texts_of(recent.pk) != recent_text
    assert not FieldChange.objects.filter(inburgeraar_id=recent.pk, special_category=True)
    # Ongoing: untouched.
    assert texts_of(ongoing.pk) == ongoing_text

    assert report.due == {"dossier": 1, "gezondheid": 2, "financieel": 1}
    assert report.changed["people.inburgeraar"] >= 1
    assert report.history_purged > 0


def test_dry_run_changes_nothing(cases):
    long_ago, recent, ongoing = cases
    snapshot = [texts_of(p.pk) for p in cases]
    events = AuditEvent.objects.count()
    report = run_retention(TODAY, dry_run=True)
    assert [texts_of(p.pk) for p in cases] == snapshot
    assert AuditEvent.objects.count() == events
    assert report.due["dossier"] == 1


def test_running_twice_changes_nothing_more(cases):
    run_retention(TODAY)
    snapshot = [texts_of(p.pk) for p in cases]
    history = FieldChange.objects.count()
    second = run_retention(TODAY)
    assert [texts_of(p.pk) for p in cases] == snapshot
    assert FieldChange.objects.count() == history
    assert sum(second.changed.values()) == 0
    assert second.audit_descriptions_cleared == 0


def test_configured_terms(cases, settings):
    long_ago, recent, ongoing = cases
    # Longer than Besluit inburgering 2021 art. 9.9 allows (Regie refuses this at start;
    # should it get here anyway, the five years still hold): the 2019 file goes.
    settings.REGIE_RETENTION_YEARS = {"dossier": 10, "gezondheid": 10}
    run_retention(TODAY)
    assert "Oud diabetes" not in texts_of(long_ago.pk)
    assert "Recent woning" in texts_of(recent.pk)
    settings.REGIE_RETENTION_YEARS = {"dossier": 2}
    run_retention(TODAY)
    assert "Recent woning" not in texts_of(recent.pk)


def test_old_audit_events_are_destroyed(world):
    with freeze_time("2019-01-01"):
        old = AuditEvent.objects.create(username="x", action=AuditAction.LOGIN)
    recent = AuditEvent.objects.create(username="y", action=AuditAction.LOGIN)
    run_retention(TODAY)
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()


def test_the_command_reports_progress(cases):
    out, err = io.StringIO(), io.StringIO()
    call_command("retention", "--dry-run", "--today", TODAY.isoformat(), stdout=out, stderr=err)
    assert "proefdraai" in out.getvalue()
    call_command(
        "retention", "--today", TODAY.isoformat(), "--batch-size", "1", stdout=out, stderr=err
    )
    assert "bewaartermijn gezondheid: 2/2" in err.getvalue()
    assert "dossier: 1 personen" in out.getvalue()


def test_registered_providers_cover_the_three_apps():
    keys = {p.key.split(".")[0] for p in person_data_providers()}
    assert {"people", "intake", "plans"} <= keys


def test_retention_keeps_the_audit_chain_verifiable(cases, world):
    """Issue 17: the job clears descriptions and destroys old rows inside sealed ranges;
    it records each change as a purge link, so the chain still verifies afterwards."""
    from regie.core import seal
    from regie.core.models import AuditSeal

    long_ago, _recent, _ongoing = cases
    with freeze_time("2019-01-01"):
        AuditEvent.objects.create(username="x", action=AuditAction.LOGIN)
    audit.log_read(long_ago, long_ago.pk, "Oud: recent ingezien")
    seal.seal(batch=50)
    assert seal.verify().ok
    report = run_retention(TODAY)
    assert report.audit_descriptions_cleared > 0 and report.audit_events_destroyed > 0
    result = seal.verify()
    assert result.ok, result.problems
    reasons = set(
        AuditSeal.objects.filter(kind=AuditSeal.Kind.PURGE).values_list("reason", flat=True)
    )
    assert reasons == {
        "bewaartermijn dossier: omschrijving gewist",
        "bewaartermijn auditlog verstreken: regels vernietigd",
    }
    # New rows (the job's own report) are sealed on the next run like any other.
    seal.seal()
    assert seal.verify().ok and seal.verify().unsealed == 0
