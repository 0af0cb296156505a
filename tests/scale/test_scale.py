"""`regie demo --scale N`: generated data at scale is valid, complete and consistent."""

import io

import pytest
from django.core.management import CommandError, call_command

from regie.core.audit import AuditEvent
from regie.core.models import Municipality, User
from regie.demo.data import DemoBuilder
from regie.demo.scale import ScaleBuilder, bsn_for
from regie.exchange.models import Lesuren
from regie.intake.models import BredeIntake
from regie.people.models import Inburgeraar, StatusChange, Verwijzing
from regie.plans.models import PIP, PIPVersie
from regie.rules.bsn import is_valid_bsn
from regie.rules.lifecycle import Status

pytestmark = pytest.mark.django_db


def test_bsn_sequence_is_valid_and_distinct():
    values = [bsn_for(n) for n in range(1, 3000)]
    assert all(is_valid_bsn(v) for v in values)
    assert len(set(values)) == len(values)


def test_scale_generates_people_with_their_files():
    err = io.StringIO()
    DemoBuilder().build()
    last_demo = Inburgeraar.objects.order_by("-pk").values_list("pk", flat=True)[0]
    counts = ScaleBuilder(200, municipalities=4, stream=err).build()
    generated = Inburgeraar.objects.filter(pk__gt=last_demo)
    assert counts["personen"] == generated.count() == 200
    assert Municipality.objects.count() == 4
    # Generated municipalities have their own klantmanagers.
    assert User.objects.filter(username__startswith="km-gm").exists()
    # Every person has a valid BSN and a search name; BSNs are unique.
    rows = list(Inburgeraar.objects.values_list("bsn", "search_name", "first_name"))
    assert all(is_valid_bsn(bsn) for bsn, _, _ in rows)
    assert all(name.startswith(first.lower()) for _, name, first in rows)
    # The files follow the status: a PIP with a vastgestelde version from PIP vastgesteld on,
    # referrals and lesuren for those in uitvoering.
    in_uitvoering = generated.filter(status=Status.IN_UITVOERING)
    assert in_uitvoering.exists()
    for person in in_uitvoering[:20]:
        assert PIP.objects.filter(inburgeraar=person).exists()
        assert PIPVersie.objects.filter(pip__inburgeraar=person, status="vastgesteld").exists()
        assert Verwijzing.objects.filter(inburgeraar=person).exists()
        assert Lesuren.objects.filter(inburgeraar=person).count() == 3
        assert BredeIntake.objects.filter(inburgeraar=person, status="afgerond").exists()
        assert StatusChange.objects.filter(inburgeraar=person).count() == 3
    assert counts["PIP's"] == PIP.objects.filter(inburgeraar__in=generated).count()
    # Generated rows are system-created: no audit events per generated person.
    assert not AuditEvent.objects.filter(inburgeraar_id__in=in_uitvoering.values("pk")).exists()
    assert "200/200" in err.getvalue()


def test_command_scale_and_rerun_continues():
    out = io.StringIO()
    call_command("demo", "--scale", "50", stdout=out, stderr=io.StringIO())
    assert "50 personen" in out.getvalue()
    before = Inburgeraar.objects.count()
    call_command("demo", "--scale", "30", stdout=io.StringIO(), stderr=io.StringIO())
    assert Inburgeraar.objects.count() == before + 30


def test_command_refuses_a_database_without_the_demo(world):
    with pytest.raises(CommandError):
        call_command("demo", "--scale", "10", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError):
        call_command("demo", "--scale", "0", stdout=io.StringIO(), stderr=io.StringIO())
