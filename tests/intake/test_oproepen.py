"""The oproepen for the brede intake (Wi art. 14 lid 1-2): oproep with a term and letter,
written warning with a repeated oproep, completion without the person after the third;
the intake needs a toets result or a recorded reason (issue 18, point 6)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.intake import services
from regie.intake.documents import render_html
from regie.intake.models import IntakeOproep
from regie.intake.states import OPROEP_TRANSITIONS, OproepState, oproep_can_transition
from regie.intake.workitems import intake_work
from regie.rules.oproepen import (
    MAX_OPROEPEN,
    OproepSoort,
    may_complete_without_person,
    oproep_overdue,
    oproep_soort,
)
from tests.factories import (
    BredeIntakeFactory,
    IntakeGesprekFactory,
    IntakeOproepFactory,
    LeerbaarheidstoetsFactory,
)

pytestmark = pytest.mark.django_db


# --- rules and the transition table (pure) -------------------------------------------------


def test_the_oproep_transition_table():
    expected = {
        ("open", "verschenen"): True,
        ("open", "niet_verschenen"): True,
        ("open", "ingetrokken"): True,
    }
    for current in OproepState:
        for new in OproepState:
            assert oproep_can_transition(current, new) == expected.get((current, new), False)
    assert set(OPROEP_TRANSITIONS) == set(OproepState)


def test_first_oproep_then_warnings_and_the_third_allows_completion_without_person():
    assert MAX_OPROEPEN == 3
    assert oproep_soort(1) == OproepSoort.OPROEP
    assert oproep_soort(2) == oproep_soort(3) == OproepSoort.WAARSCHUWING
    with pytest.raises(ValueError):
        oproep_soort(0)
    assert not may_complete_without_person(2)
    assert may_complete_without_person(3)


def test_the_term_runs_through_its_last_day():
    end = dt.date(2026, 9, 15)
    assert not oproep_overdue(end, end)
    assert oproep_overdue(end, end + dt.timedelta(days=1))


# --- services -----------------------------------------------------------------------------


def _send(world, afspraak=dt.date(2026, 9, 10), end=dt.date(2026, 9, 15)):
    return services.send_oproep(
        world.person,
        afspraak_op=afspraak,
        afspraak_tijd=dt.time(9, 30),
        locatie="Gemeentehuis Winterswijk",
        termijn_einde=end,
        user=world.users[Role.KLANTMANAGER],
    )


def test_an_oproep_has_a_letter_in_plain_dutch_and_is_audit_logged(world, travel):
    travel("2026-09-01")
    oproep = _send(world)
    assert (oproep.volgnummer, oproep.soort, oproep.status) == (1, "oproep", "open")
    assert oproep.dagtekening == dt.date(2026, 9, 1)
    assert bytes(oproep.pdf).startswith(b"%PDF") and oproep.template_versie == "oproep-2026.1"
    html = render_html(oproep)
    assert "Uitnodiging voor een gesprek over uw inburgering" in html
    assert "donderdag 10 september 2026 om 09.30 uur" in html
    assert "uiterlijk op <strong>dinsdag 15 september 2026</strong>" in html
    assert "Waarschuwing" not in html
    assert AuditEvent.objects.filter(
        inburgeraar_id=world.person.pk, action="create", object_type="intakeoproep"
    ).exists()


def test_a_second_oproep_waits_for_the_first_and_then_is_a_written_warning(world, travel):
    travel("2026-09-01")
    first = _send(world)
    with pytest.raises(ValidationError, match="nog een oproep open"):
        _send(world)
    travel("2026-09-16")
    services.record_oproep_result(first, "niet_verschenen")
    second = _send(world, dt.date(2026, 9, 22), dt.date(2026, 9, 29))
    assert (second.volgnummer, second.soort) == (2, "waarschuwing")
    html = render_html(second)
    assert "Waarschuwing: u bent niet gekomen" in html
    assert "€ 250" in html and "artikel 22" in html
    assert "artikel 14 lid 1" in html


def test_no_show_only_after_the_day_the_term_ends(world, travel):
    travel("2026-09-01")
    oproep = _send(world)
    travel("2026-09-15")  # the last day of the term
    with pytest.raises(ValidationError) as refused:
        services.record_oproep_result(oproep, "niet_verschenen")
    assert "loopt nog tot en met 15 september 2026" in " ".join(refused.value.messages)
    travel("2026-09-16")
    services.record_oproep_result(oproep, "niet_verschenen")
    oproep.refresh_from_db()
    assert oproep.status == "niet_verschenen" and oproep.verwerkt_op == dt.date(2026, 9, 16)
    with pytest.raises(ValidationError, match="al verwerkt"):
        services.record_oproep_result(oproep, "verschenen")


def test_bad_dates_are_refused_in_dutch(world, travel):
    travel("2026-09-01")
    with pytest.raises(ValidationError) as refused:
        _send(world, afspraak=dt.date(2026, 9, 10), end=dt.date(2026, 9, 9))
    assert "termijn_einde" in refused.value.message_dict
    assert not IntakeOproep.objects.exists()


def _three_no_shows(world):
    for n in (1, 2, 3):
        IntakeOproepFactory(
            inburgeraar=world.person,
            volgnummer=n,
            soort="oproep" if n == 1 else "waarschuwing",
            status="niet_verschenen",
        )


def test_after_the_third_oproep_the_intake_is_completed_without_the_person(world, travel):
    travel("2026-10-10")
    for n in (1, 2):
        IntakeOproepFactory(inburgeraar=world.person, volgnummer=n, status="niet_verschenen")
    intake = BredeIntakeFactory(inburgeraar=world.person, opleidingsniveau="", geletterdheid="")
    with pytest.raises(ValidationError, match="na de derde oproep"):
        services.complete_intake(
            intake, "km", zonder_inburgeraar=True, geen_toets_reden="Niet verschenen."
        )
    IntakeOproepFactory(inburgeraar=world.person, volgnummer=3, status="niet_verschenen")
    # No fourth oproep: lid 2 applies.
    with pytest.raises(ValidationError, match="art. 14 lid 2"):
        _send(world, dt.date(2026, 10, 20), dt.date(2026, 10, 27))
    services.complete_intake(
        intake, "km", zonder_inburgeraar=True, geen_toets_reden="Niet verschenen na drie oproepen."
    )
    intake.refresh_from_db()
    assert intake.status == "afgerond" and intake.zonder_inburgeraar
    assert intake.completed_on == dt.date(2026, 10, 10)
    assert AuditEvent.objects.filter(
        inburgeraar_id=world.person.pk, description__contains="zonder de inburgeraar"
    ).exists()


def test_completing_needs_a_toets_result_or_a_reason(world):
    intake = BredeIntakeFactory(inburgeraar=world.person, alone_offered_on=dt.date(2026, 9, 15))
    IntakeGesprekFactory(intake=intake)
    with pytest.raises(ValidationError) as refused:
        services.complete_intake(intake, "km")
    assert "leerbaarheidstoets" in " ".join(refused.value.messages)
    # A no-show or a planned toets is no result.
    LeerbaarheidstoetsFactory(inburgeraar=world.person, no_show=True)
    with pytest.raises(ValidationError):
        services.complete_intake(intake, "km")
    services.complete_intake(intake, "km", geen_toets_reden="Blind; ontheffing aangevraagd.")
    intake.refresh_from_db()
    assert intake.status == "afgerond"
    assert intake.geen_toets_reden == "Blind; ontheffing aangevraagd."


def test_an_exemption_counts_as_settled(world):
    intake = BredeIntakeFactory(inburgeraar=world.person, alone_offered_on=dt.date(2026, 9, 15))
    IntakeGesprekFactory(intake=intake)
    LeerbaarheidstoetsFactory(
        inburgeraar=world.person, status="ontheffing", exemption_reason="visueel"
    )
    services.complete_intake(intake, "km")
    intake.refresh_from_db()
    assert intake.status == "afgerond"


# --- werkvoorraad -------------------------------------------------------------------------


def test_an_open_oproep_is_in_the_werkvoorraad_with_its_term(world):
    km = world.users[Role.KLANTMANAGER]
    IntakeOproepFactory(inburgeraar=world.person, termijn_einde=dt.date(2026, 9, 15))
    on_last_day = {s.key: s for s in intake_work(km, dt.date(2026, 9, 15))}
    [item] = on_last_day["intake_oproepen"].items
    assert item.due == dt.date(2026, 9, 15)
    assert "afspraak 10 september 2026" in item.what
    # The person is no longer listed as 'brede intake plannen'.
    assert world.person.pk not in {i.person.pk for i in on_last_day["intake_to_plan"].items}
    day_after = {s.key: s for s in intake_work(km, dt.date(2026, 9, 16))}
    assert "termijn verstreken" in day_after["intake_oproepen"].items[0].what


def test_a_processed_oproep_leaves_the_werkvoorraad(world):
    km = world.users[Role.KLANTMANAGER]
    IntakeOproepFactory(inburgeraar=world.person, status="verschenen")
    work = {s.key: s for s in intake_work(km, dt.date(2026, 9, 16))}
    assert work["intake_oproepen"].items == []


# --- pages --------------------------------------------------------------------------------


def test_making_an_oproep_and_downloading_its_letter(world, client_for, travel):
    travel("2026-09-01")
    km = world.users[Role.KLANTMANAGER]
    client = client_for(km)
    url = reverse("intake_oproep_add", args=[world.person.pk])
    bad = client.post(
        url,
        {
            "afspraak_op": "2026-09-10",
            "afspraak_tijd": "09:30",
            "locatie": "Gemeentehuis",
            "termijn_einde": "2026-09-01",
        },
    )
    assert bad.status_code == 200
    assert "eindigen vóór de afspraak" in bad.content.decode()
    assert bad.context["form"]["locatie"].value() == "Gemeentehuis"
    client.post(
        url,
        {
            "afspraak_op": "2026-09-10",
            "afspraak_tijd": "09:30",
            "locatie": "Gemeentehuis",
            "termijn_einde": "2026-09-15",
        },
    )
    oproep = IntakeOproep.objects.get()
    page = client.get(reverse("intake_detail", args=[world.person.pk])).content.decode()
    assert "15 september 2026" in page and "Niet verschenen" in page
    pdf = client.get(reverse("intake_oproep_brief", args=[world.person.pk, oproep.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        inburgeraar_id=world.person.pk, action="read", description__contains="BI-"
    ).exists()
