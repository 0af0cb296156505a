"""`regie demo --scale N`: the generated financial ontzorging and payments keep the finance
app's invariants (regie.finance): who gets an ontzorging, its term, four eyes, valid
IBANs, runs whose totals are their lines, SEPA files that match, and pages that render."""

import hashlib
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db.models import Count
from django.urls import reverse

from regie.core.models import User
from regie.core.roles import Role
from regie.demo.data import DemoBuilder
from regie.demo.scale import ScaleBuilder
from regie.demo.scale_finance import RUN_MONTHS
from regie.finance import services
from regie.finance.models import (
    BetaalPost,
    Betaalregel,
    Betaalrun,
    Ontzorging,
    OntzorgingStatus,
    RunStatus,
    Uitkering,
    Verlenging,
    validate_iban,
)
from regie.finance.sepa import NAMESPACE as NS
from regie.people.models import Doelgroep, HouseholdRole, Inburgeraar
from regie.rules import ontzorging as rules

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")


@pytest.fixture
def scaled():
    DemoBuilder().build()
    last_demo = Inburgeraar.objects.order_by("-pk").values_list("pk", flat=True)[0]
    before = set(Betaalrun.objects.values_list("pk", flat=True))
    counts = ScaleBuilder(400, municipalities=4, stream=io.StringIO()).build()
    return counts, last_demo, before


def test_ontzorgingen_follow_the_rules(scaled):
    counts, last_demo, _ = scaled
    generated = Ontzorging.objects.filter(inburgeraar_id__gt=last_demo).select_related(
        "inburgeraar"
    )
    assert counts["ontzorgingen"] == generated.count() > 0
    # Participatiewet art. 56a: asielstatushouders on bijstand (one per household).
    for o in generated:
        assert o.inburgeraar.doelgroep == Doelgroep.ASIELMIGRANT
        assert o.inburgeraar.household_role == HouseholdRole.HOOFD
        assert o.start_date == o.inburgeraar.housing_date
        extensions = list(o.verlengingen.all())
        six_months = rules.ontzorging_einde(o.start_date)
        if extensions:
            assert extensions[0].vorige_einde == six_months
            assert extensions[0].nieuwe_einde == o.end_date > six_months
        else:
            assert o.end_date == six_months
        if o.status == OntzorgingStatus.BEEINDIGD:
            assert o.checklist_complete() and o.overdracht_op == o.end_date
        assert o.uitkeringen.count() == 1
    # Most of the eligible heads of household, not everyone (some do not get bijstand).
    eligible = Inburgeraar.objects.filter(
        pk__gt=last_demo,
        doelgroep=Doelgroep.ASIELMIGRANT,
        household_role=HouseholdRole.HOOFD,
        klantmanager__isnull=False,
    ).count()
    assert 0.7 * eligible <= generated.count() <= eligible
    assert counts["verlengingen"] == Verlenging.objects.filter(ontzorging__in=generated).count()
    assert Uitkering.objects.filter(ontzorging__in=generated, bedrag__lte=0).count() == 0
    # Four statutory fixed costs each, checked by someone other than their author.
    posts = BetaalPost.objects.filter(ontzorging__in=generated)
    assert posts.count() == 4 * generated.count() == counts["vaste lasten"]
    for post in posts.select_related("gecontroleerd_door"):
        assert post.is_checked and post.gecontroleerd_door_id != post.aangemaakt_door_id
        assert post.gecontroleerd_door.has_role(Role.FINANCIEEL)
    for iban in set(posts.values_list("iban", flat=True)) | set(
        Betaalregel.objects.values_list("iban", flat=True)
    ):
        validate_iban(iban)


def test_runs_are_consistent_with_their_lines(scaled):
    counts, last_demo, before = scaled
    assert Betaalrun.objects.exclude(pk__in=before).count() == counts["betaalruns"] > 0
    # The generated lines: in new runs, or in the demo's open run of this month.
    lines = Betaalregel.objects.filter(inburgeraar_id__gt=last_demo)
    assert lines.count() == counts["betaalregels"]
    new = Betaalrun.objects.filter(pk__in=lines.values("run_id"))
    # Exported runs of the last months and this month's concept; four eyes on each.
    statuses = set(new.values_list("status", flat=True))
    assert statuses == {RunStatus.GEEXPORTEERD, RunStatus.CONCEPT}
    assert new.values("periode").distinct().count() == RUN_MONTHS + 1
    for run in new.with_totals():
        assert run.aantal > 0
        assert (run.aantal, run.totaal) == services.run_totals(run)
        total = Decimal(run.totaal).quantize(CENT)
        if run.status == RunStatus.GEEXPORTEERD:
            assert run.goedgekeurd_door_id and run.goedgekeurd_door_id != run.voorbereid_door_id
            xml = bytes(run.sepa_xml)
            assert hashlib.sha256(xml).hexdigest() == run.sepa_sha256
            root = ET.fromstring(xml)  # noqa: S314 - our own generated document
            header = root.find(f"{{{NS}}}CstmrCdtTrfInitn/{{{NS}}}GrpHdr")
            assert header.find(f"{{{NS}}}NbOfTxs").text == str(run.aantal)
            assert Decimal(header.find(f"{{{NS}}}CtrlSum").text) == total
        else:
            assert run.goedgekeurd_door_id is None and not run.sepa_xml
    # Every line pays a due item once, for its own month, with the app's EndToEndId.
    assert not lines.values("post", "periode").annotate(n=Count("id")).filter(n__gt=1).exists()
    for line in lines.select_related("post__ontzorging", "run"):
        post = line.post
        assert line.periode == line.run.periode
        assert line.bedrag == post.bedrag and line.iban == post.iban
        assert line.inburgeraar_id == post.ontzorging.inburgeraar_id
        assert line.end_to_end_id == rules.end_to_end_id(post.pk, line.periode)
        assert rules.is_due(
            post.frequentie,
            post.geldig_vanaf,
            post.geldig_tot,
            line.periode,
            ontzorging_start=post.ontzorging.start_date,
            ontzorging_end=post.ontzorging.end_date,
        )
    # The totals the app shows (SQL) are the sums of the lines, to the cent.
    by_run: dict[int, list[Decimal]] = {}
    for run_id, amount in Betaalregel.objects.filter(run__in=new, vervallen=False).values_list(
        "run_id", "bedrag"
    ):
        by_run.setdefault(run_id, []).append(amount)
    for run in new.with_totals():
        assert run.aantal == len(by_run[run.pk])
        assert Decimal(run.totaal).quantize(CENT) == sum(by_run[run.pk], Decimal(0))
    # This month's run holds exactly what the app would select: nothing is left to add.
    concept = new.filter(status=RunStatus.CONCEPT).select_related("municipality").first()
    preparer = User.objects.get(pk=concept.voorbereid_door_id)
    due, unchecked = services.due_posts(concept.municipality, concept.periode, preparer)
    assert (due, unchecked) == ([], 0)


def test_finance_pages_of_a_generated_person_render(scaled, client_for):
    _, last_demo, before = scaled
    ontzorging = (
        Ontzorging.objects.filter(
            inburgeraar_id__gt=last_demo,
            status=OntzorgingStatus.ACTIEF,
            inburgeraar__municipality__name__startswith="Gemeente",
        )
        .annotate(n=Count("posten__regels"))
        .filter(n__gt=0)
        .select_related("inburgeraar__municipality")
        .first()
    )
    assert ontzorging is not None
    code = ontzorging.inburgeraar.municipality.cbs_code.lower()
    client = client_for(User.objects.get(username=f"fin-{code}-1"))
    page = client.get(reverse("ontzorging_detail", args=[ontzorging.inburgeraar_id]))
    assert page.status_code == 200
    paid = Betaalregel.objects.filter(post__ontzorging=ontzorging, run__status="geexporteerd")
    if paid.exists():
        assert paid.first().end_to_end_id in page.content.decode()
    assert client.get(reverse("betaalrun_list")).status_code == 200
    run = (
        Betaalrun.objects.exclude(pk__in=before)
        .filter(municipality=ontzorging.inburgeraar.municipality, status="geexporteerd")
        .first()
    )
    detail = client.get(reverse("betaalrun_detail", args=[run.pk]))
    assert detail.status_code == 200
    sepa = client.get(reverse("betaalrun_sepa", args=[run.pk]))
    assert sepa.status_code == 200 and sepa.content == bytes(run.sepa_xml)
