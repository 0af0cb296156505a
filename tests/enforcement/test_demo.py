"""The demo's handhaving and bezwaar: a toets no-show with a warning sent, an art. 23 fine
for attendance, a bezwaar against a PIP awaiting the jurist's decision with a hoorzitting
planned, one decided ongegrond, one beroep pending — and the jurist sees them."""

import pytest
from django.core.management import call_command

from regie.core.models import User
from regie.enforcement import services
from regie.enforcement.models import Beroep, Bezwaar, Brief, Handhavingszaak
from regie.enforcement.workitems import enforcement_work
from regie.people.models import Inburgeraar


@pytest.mark.django_db
def test_demo_enforcement():
    call_command("demo")
    warned = Handhavingszaak.objects.get(bron="toets_niet_verschenen")
    assert warned.stage == "waarschuwing" and warned.brieven.filter(soort="waarschuwing").exists()
    fine = Handhavingszaak.objects.get(bron="aanwezigheid")
    assert fine.grondslag == "art23" and fine.stage == "bekendgemaakt" and fine.bedrag > 0
    waiting = Bezwaar.objects.get(stage="ter_beslissing")
    assert waiting.pip_versie_id and waiting.tijdig
    assert waiting.hoorzittingen.filter(stage="gepland").exists()
    decided = Bezwaar.objects.get(stage="beslist")
    assert decided.uitkomst == "ongegrond"
    assert Beroep.objects.get(bezwaar=decided).stage == "ingesteld"
    assert Brief.objects.filter(soort="beslissing_op_bezwaar", bezwaar=decided).exists()
    jurist = User.objects.get(username="jurist")
    seen = set(Inburgeraar.objects.for_user(jurist).values_list("pk", flat=True))
    assert {waiting.inburgeraar_id, decided.inburgeraar_id, fine.inburgeraar_id} <= seen
    keys = {s.key: s for s in enforcement_work(jurist, services._today())}
    assert len(keys["bezwaar_beslissen"].items) == 1
    assert len(keys["beroepen"].items) == 1
