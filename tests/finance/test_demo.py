"""The finance demo: ontzorgingen (ending soon, extended, handed over), a completed run for
last month and a draft for this month, money training, and a valid SEPA file."""

from datetime import date

import pytest
import xmlschema
from django.core.management import call_command
from django.utils import timezone

from regie.core.extensions import werkvoorraad
from regie.core.models import User
from regie.finance import sepa
from regie.finance.models import (
    BetaalPost,
    Betaalregel,
    Betaalrun,
    Crediteur,
    GeldtrainingDeelname,
    Ontzorging,
    RunStatus,
)
from regie.rules import ontzorging as rules

pytestmark = pytest.mark.django_db


def test_demo_finance_data():
    call_command("demo")
    today = timezone.localdate()
    ontzorgingen = list(Ontzorging.objects.all())
    assert len(ontzorgingen) >= 5
    ending = [o for o in ontzorgingen if o.is_active and rules.in_afbouw(o.end_date, today)]
    assert len(ending) >= 2
    assert Ontzorging.objects.filter(verlengingen__isnull=False).exists()
    assert Ontzorging.objects.filter(status="beeindigd").exists()
    last_month = rules.month_of(today, -1)
    done = Betaalrun.objects.get(periode=last_month)
    assert done.status == RunStatus.GEEXPORTEERD
    assert done.voorbereid_door_id != done.goedgekeurd_door_id
    xmlschema.XMLSchema(str(sepa.XSD_PATH)).validate(bytes(done.sepa_xml).decode())
    draft = Betaalrun.objects.get(periode=rules.month_start(today))
    assert draft.status == RunStatus.CONCEPT
    # Nothing paid twice across the demo's runs.
    keys = list(Betaalregel.objects.filter(vervallen=False).values_list("post_id", "periode"))
    assert len(keys) == len(set(keys))
    assert GeldtrainingDeelname.objects.filter(inburgeraar__regime="wi2013").exists()
    assert GeldtrainingDeelname.objects.filter(individuele_hulp=True).exists()
    financieel = User.objects.get(username="financieel")
    [approval] = [s for s in werkvoorraad(financieel, today) if s.key == "runs_approval"]
    assert len(approval.items) == 1
    # An ontzorging recorded after last month's export: its items wait for an inhaalrun.
    [arrears] = [s for s in werkvoorraad(financieel, today) if s.key == "runs_arrears"]
    assert len(arrears.items) == 1
    assert "achterstallige posten: de run van" in arrears.items[0].what
    klantmanager = User.objects.get(username="klantmanager")
    [afbouw] = [s for s in werkvoorraad(klantmanager, today) if s.key == "ontzorging_afbouw"]
    assert len(afbouw.items) >= 2
    assert date(2022, 1, 1) < today
    # The register is filled and the demo's items pick their creditor from it.
    assert Crediteur.objects.filter(municipality=None, soort="zorgverzekeraar").exists()
    assert Crediteur.objects.exclude(bic="").filter(iban__startswith="DE").exists()
    assert not BetaalPost.objects.filter(register=None).exists()
