"""The demo keeps the README's promises on any day it is built (docs/time.md): PIPs due
and overdue, checklists in every status, a payment run waiting for approval and an
exported one, bezwaar and handhaving terms running, voortgangsgesprekken due — and the
2022 cohort keeps the seed's historical figures.

Built on the days that stress the calendar: the year's last working day, a leap day
just after midnight (the UTC date is still the 28th), the day after Easter Monday late in
the evening, a Sunday in the summer holidays and a 1 January."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from regie.core.extensions import werkvoorraad
from regie.core.models import Municipality, User
from regie.finance import services as finance
from regie.finance.models import Betaalrun, RunStatus
from regie.guidance.models import ChecklistItem, ChecklistStatus
from regie.rules import ontzorging as months

pytestmark = pytest.mark.django_db

DAYS = [
    "2027-12-31T16:30",
    "2028-02-29T00:30",
    "2027-03-30T23:30",
    "2029-07-15T12:00",
    "2030-01-01T09:00",
]


def sections(username: str, today: date) -> dict:
    user = User.objects.get(username=username)
    return {section.key: section.items for section in werkvoorraad(user, today)}


@pytest.mark.parametrize("moment", DAYS)
def test_the_demo_keeps_its_promises_on_any_day(moment, travel):
    travel(moment)
    call_command("demo")
    today = timezone.localdate()
    assert today == date.fromisoformat(moment[:10])

    klantmanager = sections("klantmanager", today)
    pips = klantmanager["pip_due"]
    assert any(item.overdue for item in pips), "a PIP past its deadline"
    assert any(not item.overdue for item in pips), "a PIP still due"
    assert klantmanager["voortgang_due"], "voortgangsgesprekken due"
    assert any(item.due >= today for item in klantmanager["handhaving_termijnen"])
    assert klantmanager["intake_queue"]

    jurist = sections("jurist", today)
    assert any(item.due >= today for item in jurist["bezwaar_beslissen"]), "a beslistermijn"

    statuses = set(ChecklistItem.objects.values_list("status", flat=True))
    assert statuses == {ChecklistStatus.GEREGELD, ChecklistStatus.BEZIG, ChecklistStatus.NVT}
    assert sections("begeleider", today)["checklist_overdue"]  # and points still to do

    exported = Betaalrun.objects.get(periode=months.month_of(today, -1))
    assert exported.status == RunStatus.GEEXPORTEERD and exported.sepa_xml
    waiting = Betaalrun.objects.get(periode=months.month_of(today))
    assert waiting.status == RunStatus.CONCEPT
    [approval] = sections("financieel", today)["runs_approval"]
    assert str(waiting.pk) in approval.url

    # The seed's 2022 figures do not move with the day: €104,079 − €79,025 = €25,054.
    winterswijk = Municipality.objects.get(name="Winterswijk")
    block = {b.soort: b for b in finance.budget_for(winterswijk, 2022)}["integratie_uitkering"]
    assert (block.funding, block.committed, block.remainder) == (
        Decimal("104079.00"),
        Decimal("79025.00"),
        Decimal("25054.00"),
    )
