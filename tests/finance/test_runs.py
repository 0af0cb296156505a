"""Payment runs: selection of due, checked items; four eyes; a repeated, concurrent or
interrupted run never pays the same item for the same month twice; cancel before export;
every step in the audit log."""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.finance import services
from regie.finance.models import Betaalregel, Betaalrun, RunStatus
from tests.factories import BetaalPostFactory, UserFactory

pytestmark = pytest.mark.django_db

SEPTEMBER = date(2026, 9, 1)


def _run(fin, month=SEPTEMBER):
    return services.create_run(fin.world.municipality, month, fin.preparer, today=month)


def test_a_run_selects_the_checked_items_due_in_the_month(fin):
    BetaalPostFactory(ontzorging=fin.ontzorging, unchecked=True, iban="NL44RABO0123456789")
    result = _run(fin)
    assert result.created
    assert result.added == 2
    assert result.unchecked == 1  # the unchecked item waits for its check
    assert services.run_totals(result.run) == (2, Decimal("770.50"))
    line = result.run.regels.get(post=fin.rent)
    assert line.end_to_end_id == f"REGIE-{fin.rent.pk}-202609"
    assert line.inburgeraar_id == fin.world.person.pk


def test_no_items_outside_the_ontzorging(fin):
    with pytest.raises(ValidationError, match="geen gecontroleerde posten"):
        _run(fin, date(2027, 3, 1))  # the ontzorging ended on 28 February 2027
    assert not Betaalrun.objects.exists()


def test_a_repeated_run_pays_nothing_twice(fin):
    first = _run(fin)
    again = _run(fin)
    assert again.run.pk == first.run.pk
    assert not again.created and again.added == 0
    assert Betaalregel.objects.filter(periode=SEPTEMBER).count() == 2
    # After export, repeating the month finds nothing left to pay and makes no empty run.
    services.approve_run(first.run, fin.approver)
    services.export_run(first.run, fin.preparer)
    with pytest.raises(ValidationError, match="nog betaald moeten worden"):
        _run(fin)
    assert Betaalrun.objects.count() == 1
    assert Betaalregel.objects.filter(periode=SEPTEMBER, vervallen=False).count() == 2


def test_preparing_again_never_changes_the_open_run_silently(fin):
    run = _run(fin).run
    water = BetaalPostFactory(ontzorging=fin.ontzorging, iban="NL93BNGH0285052871")
    result = _run(fin)
    assert result.run.pk == run.pk and result.added == 0 and result.pending == 1
    assert set(run.regels.values_list("post_id", flat=True)) == {fin.rent.pk, fin.energy.pk}
    assert services.pending_posts(run, fin.preparer) == 1
    # Adding them is an explicit step, audit-logged, and makes the adder a changer.
    assert services.add_posts_to_run(run, fin.approver) == 1
    assert set(run.regels.values_list("post_id", flat=True)) == {
        fin.rent.pk,
        fin.energy.pk,
        water.pk,
    }
    assert AuditEvent.objects.filter(
        object_id=str(run.pk), description__contains="1 posten toegevoegd"
    ).exists()
    assert services.pending_posts(run, fin.preparer) == 0


def test_whoever_prepared_or_changed_a_run_cannot_approve_it(fin):
    run = _run(fin).run
    BetaalPostFactory(ontzorging=fin.ontzorging, iban="NL93BNGH0285052871")
    services.add_posts_to_run(run, fin.approver)
    with pytest.raises(ValidationError, match="posten aan deze run toegevoegd"):
        services.approve_run(run, fin.approver)
    with pytest.raises(ValidationError, match="zelf voorbereid"):
        services.approve_run(run, fin.preparer)
    third = UserFactory(
        username="financieel3",
        organisation=fin.world.uitvoerder,
        team=fin.preparer.team,
        roles=[Role.FINANCIEEL],
    )
    services.approve_run(run, third, services.lines_hash(run))
    run.refresh_from_db()
    assert run.status == RunStatus.GOEDGEKEURD and run.goedgekeurd_door == third
    assert run.goedgekeurd_hash == services.lines_hash(run)


def test_approval_covers_exactly_the_lines_shown(fin):
    run = _run(fin).run
    shown = services.lines_hash(run)
    line = run.regels.get(post=fin.rent)
    line.bedrag = Decimal("6500.00")
    line.save()
    with pytest.raises(ValidationError, match="veranderd sinds u de pagina opende"):
        services.approve_run(run, fin.approver, shown)
    run.refresh_from_db()
    assert run.status == RunStatus.CONCEPT
    services.approve_run(run, fin.approver, services.lines_hash(run))


def test_a_month_already_exported_gets_a_catch_up_run_and_nothing_twice(fin):
    run = _run(fin).run
    services.approve_run(run, fin.approver)
    services.export_run(run, fin.preparer)
    assert services.arrears(fin.preparer, SEPTEMBER) == []
    water = BetaalPostFactory(
        ontzorging=fin.ontzorging, iban="NL93BNGH0285052871", gecontroleerd_door=fin.approver
    )
    [row] = services.arrears(fin.preparer, date(2026, 10, 15))
    assert (row.month, row.count, row.open_run_id) == (SEPTEMBER, 1, None)
    catch_up = _run(fin)
    assert catch_up.created and catch_up.run.inhaalrun and catch_up.added == 1
    assert catch_up.run.msg_id.endswith("-2")
    assert list(catch_up.run.regels.values_list("post_id", flat=True)) == [water.pk]
    # The item is in the catch-up run now, which waits for approval.
    assert services.arrears(fin.preparer, date(2026, 10, 15)) == []
    services.approve_run(catch_up.run, fin.approver)
    services.export_run(catch_up.run, fin.preparer)
    assert services.arrears(fin.preparer, date(2026, 10, 15)) == []
    assert Betaalregel.objects.filter(periode=SEPTEMBER, vervallen=False).count() == 3


def test_the_database_refuses_a_second_active_line_for_an_item_and_month(fin):
    run = _run(fin).run
    with pytest.raises(IntegrityError), transaction.atomic():
        Betaalregel.objects.create(
            run=run,
            post=fin.rent,
            inburgeraar=fin.world.person,
            periode=SEPTEMBER,
            bedrag=Decimal("650.00"),
            crediteur="x",
            iban=fin.rent.iban,
            kenmerk="x",
            end_to_end_id="x",
        )


def test_an_interrupted_run_leaves_nothing_behind(fin):
    with (
        mock.patch.object(services.audit, "log", side_effect=RuntimeError("power cut")),
        pytest.raises(RuntimeError),
    ):
        _run(fin)
    assert not Betaalrun.objects.exists()
    assert not Betaalregel.objects.exists()
    assert _run(fin).added == 2  # and the repeat pays each item once


def test_a_concurrent_run_that_took_an_item_wins_and_nothing_is_paid_twice(fin):
    original = services.due_posts

    def stale_selection(*args, **kwargs):
        # Another run (another municipality's would do too) pays the rent meanwhile.
        due, unchecked = original(*args, **kwargs)
        other = Betaalrun.objects.create(
            municipality=fin.world.municipality,
            periode=SEPTEMBER,
            status=RunStatus.GEEXPORTEERD,
            msg_id="OTHER-1",
            uitvoeringsdatum=SEPTEMBER,
            voorbereid_door=fin.approver,
        )
        Betaalregel.objects.create(
            run=other,
            post=fin.rent,
            inburgeraar=fin.world.person,
            periode=SEPTEMBER,
            bedrag=Decimal("650.00"),
            crediteur="x",
            iban=fin.rent.iban,
            kenmerk="x",
            end_to_end_id="x",
        )
        return due, unchecked

    with mock.patch.object(services, "due_posts", side_effect=stale_selection):
        result = _run(fin)
    assert result.added == 1
    assert Betaalregel.objects.filter(post=fin.rent, periode=SEPTEMBER).count() == 1


def test_four_eyes_on_approval(fin):
    run = _run(fin).run
    with pytest.raises(ValidationError, match="vier ogen"):
        services.approve_run(run, fin.preparer)
    run.refresh_from_db()
    assert run.status == RunStatus.CONCEPT
    services.approve_run(run, fin.approver)
    run.refresh_from_db()
    assert run.status == RunStatus.GOEDGEKEURD and run.goedgekeurd_door == fin.approver


def test_a_run_without_items_cannot_be_approved_or_exported(fin):
    run = _run(fin).run
    run.regels.all().delete()
    with pytest.raises(ValidationError, match="geen posten"):
        services.approve_run(run, fin.approver)
    with pytest.raises(ValidationError, match="goedgekeurde"):
        services.export_run(run, fin.preparer)


def test_export_needs_approval_and_is_done_once(fin):
    run = _run(fin).run
    with pytest.raises(ValidationError):
        services.export_run(run, fin.preparer)
    services.approve_run(run, fin.approver)
    exported = services.export_run(run, fin.preparer)
    again = services.export_run(run, fin.preparer)
    assert exported.status == RunStatus.GEEXPORTEERD
    assert bytes(again.sepa_xml) == bytes(exported.sepa_xml)
    assert len(exported.sepa_sha256) == 64


def test_cancel_before_export_frees_the_items(fin):
    run = _run(fin).run
    with pytest.raises(ValidationError, match="reden"):
        services.cancel_run(run, fin.preparer, "  ")
    services.cancel_run(run, fin.preparer, "Verkeerde maand gekozen")
    run.refresh_from_db()
    assert run.status == RunStatus.GEANNULEERD
    assert not run.regels.filter(vervallen=False).exists()
    new = _run(fin)
    assert new.created and new.run.pk != run.pk and new.added == 2
    assert new.run.msg_id.endswith("-2")


def test_an_exported_run_cannot_be_cancelled(fin):
    run = _run(fin).run
    services.approve_run(run, fin.approver)
    services.export_run(run, fin.preparer)
    with pytest.raises(ValidationError, match="geëxporteerde"):
        services.cancel_run(run, fin.preparer, "te laat")


def test_no_run_without_a_payment_account(fin):
    fin.world.municipality.betaalrekening.delete()
    with pytest.raises(ValidationError, match="betaalrekening"):
        _run(fin)


def test_every_step_is_audit_logged(fin):
    run = _run(fin).run
    services.approve_run(run, fin.approver)
    services.export_run(run, fin.preparer)
    events = AuditEvent.objects.filter(object_type="betaalrun", object_id=str(run.pk))
    descriptions = " | ".join(events.values_list("description", flat=True))
    assert "geselecteerd" in descriptions
    assert "goedgekeurd" in descriptions
    assert events.filter(action="export").exists()
    cancelled = services.create_run(
        fin.world.municipality, date(2026, 10, 1), fin.preparer, today=SEPTEMBER
    ).run
    services.cancel_run(cancelled, fin.approver, "dubbel")
    assert AuditEvent.objects.filter(
        object_id=str(cancelled.pk), description__contains="geannuleerd"
    ).exists()


def test_a_quarterly_item_is_paid_in_its_months_only(fin):
    fin.energy.frequentie = "kwartaal"
    fin.energy.save()
    for month, expected in ((9, 2), (10, 1), (11, 1), (12, 2)):
        result = services.create_run(
            fin.world.municipality, date(2026, month, 1), fin.preparer, today=SEPTEMBER
        )
        assert result.added == expected, month
