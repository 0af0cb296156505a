"""A municipality's data exported and imported again (e.g. when the uitvoerder changes)
round-trips without loss: the export of the imported copy equals the original export,
apart from record ids and the municipality code. Shared records (partners, matching runs,
national kinds of fixed costs, a volunteer across the border) are reused on a target
that has them and created on one that does not; what an export cannot carry is listed."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regie.core.models import (
    AuditAction,
    AuditEvent,
    LocalRule,
    Municipality,
    Organisation,
    User,
)
from regie.core.portability import (
    FORMAT,
    PortabilityError,
    _portable,
    export_municipality,
    import_municipality,
)
from regie.core.roles import OrganisationType, Role
from regie.finance import services as finance
from regie.finance.models import (
    Betaalregel,
    Betaalrun,
    Contract,
    Financiering,
    FundingAllocation,
    Geldtraining,
    GeldtrainingDeelname,
    PostSoort,
    Scenario,
)
from regie.guidance import services as guidance
from regie.guidance.models import (
    ChecklistItem,
    GuidanceSettings,
    MatchingRun,
    Partner,
    PartnerContact,
    ProposedPair,
)
from regie.people.models import Inburgeraar
from tests.factories import (
    ActivityFactory,
    BetaalPostFactory,
    BetaalrekeningFactory,
    ConsentFactory,
    InburgeraarFactory,
    MatchFactory,
    MatchingProfileFactory,
    OntzorgingFactory,
    OrganisationFactory,
    PartnerFactory,
    ReferralFactory,
    UitkeringFactory,
    UserFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db

GUIDANCE_AND_FINANCE = {
    "guidance.guidancesettings",
    "guidance.checklistitemtype",
    "guidance.checklistitem",
    "guidance.partner",
    "guidance.partnertheme",
    "guidance.partnercontact",
    "guidance.consent",
    "guidance.referral",
    "guidance.volunteer",
    "guidance.matchingprofile",
    "guidance.match",
    "guidance.matchmeeting",
    "finance.postsoort",
    "finance.betaalrekening",
    "finance.ontzorging",
    "finance.verlenging",
    "finance.uitkering",
    "finance.betaalpost",
    "finance.betaalrun",
    "finance.betaalregel",
    "finance.geldtraining",
    "finance.geldtrainingdeelname",
    "finance.financiering",
    "finance.contract",
    "finance.scenario",
}


def canonical(data: dict) -> dict:
    """What must survive a round trip: every record with its references replaced by the
    (recursively canonical) record they point to, as a sorted multiset per model, and the
    history likewise. Record ids, the order of records and the exported municipality's
    code drop out; a reference to another municipality stays."""
    by_key = {(r["model"], r["id"]): r for r in data["records"]}
    own_code = data["municipality"]["cbs_code"]
    labels = {label.split(".")[1]: label for label, _ in by_key}
    memo: dict[tuple[str, int], str] = {}

    def ref_target(label, name):
        field = _portable[label].model._meta.get_field(name)
        if field.is_relation and field.related_model._meta.label_lower in _portable:
            return field.related_model._meta.label_lower
        return None

    def resolve(label, pk) -> str:
        if (label, pk) not in memo:
            fields = {}
            for name, value in by_key[(label, pk)]["fields"].items():
                target = ref_target(label, name)
                if target and value is not None:
                    value = (
                        sorted(resolve(target, v) for v in value)
                        if isinstance(value, list)
                        else resolve(target, value)
                    )
                if name == "municipality" and value == own_code:
                    value = "*"
                fields[name] = value
            memo[(label, pk)] = json.dumps([label, fields], sort_keys=True, ensure_ascii=False)
        return memo[(label, pk)]

    records = sorted(resolve(r["model"], r["id"]) for r in data["records"])
    history = sorted(
        json.dumps(
            {
                **change,
                "object_id": resolve(labels[change["object_type"]], int(change["object_id"])),
                "inburgeraar_id": None
                if change["inburgeraar_id"] is None
                else resolve("people.inburgeraar", change["inburgeraar_id"]),
            },
            sort_keys=True,
            ensure_ascii=False,
        )
        for change in data["history"]
    )
    return {"records": records, "history": history}


def assert_same(again: dict, original: dict) -> None:
    first, second = canonical(original), canonical(again)
    assert len(second["records"]) == len(first["records"])
    missing = sorted(set(first["records"]) - set(second["records"]))
    extra = sorted(set(second["records"]) - set(first["records"]))
    assert (missing[:3], extra[:3]) == ([], [])
    assert second == first


def models_in(data: dict) -> set[str]:
    return {r["model"] for r in data["records"]}


@pytest.mark.django_db(transaction=True)
def test_demo_municipality_round_trips_into_an_empty_installation(tmp_path, capsys):
    """The demo municipality, every app included, moves to an installation that has only
    the organisations and accounts (what a new uitvoerder sets up first)."""
    call_command("demo")
    source = Municipality.objects.get(cbs_code="GM0294")
    original = export_municipality(source)
    assert original["format"] == FORMAT
    assert {
        "people.inburgeraar",
        "people.statuschange",
        "intake.bredeintake",
        "plans.pipversie",
    } | GUIDANCE_AND_FINANCE <= models_in(original)
    assert original["history"], "the demo has field history"
    assert original["not_carried"] == [] and original["omitted_fields"] == {}
    persons = Inburgeraar.objects.filter(municipality=source).count()
    sepa = {r.msg_id: bytes(r.sepa_xml) for r in Betaalrun.objects.filter(sepa_xml__isnull=False)}
    assert sepa, "the demo has an exported payment run"

    path = tmp_path / "export.json"
    call_command("municipality", "export", "GM0294", str(path))
    assert path.stat().st_mode & 0o077 == 0, "the export is readable by its owner only"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="municipality").exists()

    # A new installation: the organisations and accounts exist, nothing else.
    organisations = list(Organisation.objects.values_list("name", "type"))
    accounts = list(User.objects.values_list("username", "organisation__name"))
    call_command("flush", interactive=False, verbosity=0)
    assert not PostSoort.objects.exists() and not Partner.objects.exists()
    for name, kind in organisations:
        Organisation.objects.create(name=name, type=kind)
    by_name = dict(Organisation.objects.values_list("name", "pk"))
    for username, organisation in accounts:
        User.objects.create(username=username, organisation_id=by_name.get(organisation))
    capsys.readouterr()
    call_command("municipality", "import", str(path))
    output = capsys.readouterr().out
    assert "ingelezen in GM0294" in output and "Niet meegenomen" not in output

    copy = Municipality.objects.get(cbs_code="GM0294")
    again = export_municipality(copy)
    assert_same(again, original)
    assert Inburgeraar.objects.filter(municipality=copy).count() == persons
    assert {r.msg_id: bytes(r.sepa_xml) for r in Betaalrun.objects.all() if r.sepa_xml} == sepa
    # The national kinds of fixed costs were created (shared records, not there yet).
    assert PostSoort.objects.filter(municipality=None, wettelijk=True).exists()


@pytest.fixture
def begeleiding_en_financien(world):
    """Guidance and finance records of world.municipality, made the way the apps make them,
    with a partner and a volunteer that are shared with another municipality, a matching
    run, and one payment line that cannot move (the person's line in another
    municipality's run)."""
    muni, other = world.municipality, world.other_municipality
    coordinator = world.users[Role.COORDINATOR]
    klantmanager = world.users[Role.KLANTMANAGER]
    ggnet = OrganisationFactory(name="GGNet", type=OrganisationType.PARTNER, serves=[muni, other])
    partner = PartnerFactory(organisation=ggnet)
    guidance.set_partner_themes(partner, ["gezondheid", "sociaal_netwerk"])
    PartnerContact.objects.create(partner=partner, name="E. Kok", email="e.kok@ggnet.invalid")
    GuidanceSettings.objects.create(municipality=muni, vog_max_age_years=3)
    LocalRule.objects.create(municipality=muni, name="vog_max_age_years", value=3)

    person = world.person
    person.languages = "ar, en"
    person.save()
    guidance.save_checklist(
        person,
        [
            {"item_type": t, "status": "geregeld", "done_date": date(2026, 5, 1), "note": "ok"}
            for t in guidance.checklist_types(muni)[:2]
        ],
        "begeleider",
    )
    consent = ConsentFactory(inburgeraar=person, partner=partner)
    ReferralFactory(inburgeraar=person, partner=partner, consent=consent)
    MatchingProfileFactory(inburgeraar=person, interests="koken, fietsen")

    VolunteerFactory(organisation=world.sociaal_team, municipality=muni)
    across = VolunteerFactory(
        organisation=world.sociaal_team, municipality=other, first_name="Over", last_name="Grens"
    )
    run = guidance.run_matching(coordinator)
    pair = ProposedPair.objects.get(run=run)
    today = timezone.localdate()
    match = guidance.confirm_pair(pair, coordinator, today)
    guidance.add_meeting(match, today, "Koffie", "coordinator")
    second = InburgeraarFactory(municipality=muni, begeleider=world.users[Role.BEGELEIDER])
    MatchFactory(inburgeraar=second, volunteer=across)

    BetaalrekeningFactory(municipality=muni)
    ontzorging = OntzorgingFactory(inburgeraar=person)
    UitkeringFactory(ontzorging=ontzorging, bedrag=Decimal("1300.00"))
    own_kind = PostSoort.objects.create(municipality=muni, naam="Kinderopvang", volgorde=60)
    rent = BetaalPostFactory(ontzorging=ontzorging, aangemaakt_door=klantmanager)
    BetaalPostFactory(ontzorging=ontzorging, soort=own_kind, aangemaakt_door=klantmanager)
    finance.extend(
        ontzorging,
        date(2027, 5, 31),
        "Nog niet zelfredzaam.",
        klantmanager,
        grondslag="toestemming",
        grondslag_op=date(2026, 1, 15),
    )
    training = Geldtraining.objects.create(
        municipality=muni, naam="Geldplan", startdatum=date(2026, 9, 1), bijeenkomsten=6
    )
    GeldtrainingDeelname.objects.create(training=training, inburgeraar=person, aanwezig=2)
    stream = Financiering.objects.create(municipality=muni, jaar=2026, soort="spuk", bedrag=1000)
    FundingAllocation.objects.create(
        funding=stream, activity=ActivityFactory(municipality=muni), amount=Decimal("400")
    )
    Contract.objects.create(
        municipality=muni,
        jaar=2026,
        partij="Toptaal",
        organisatie=world.aanbieder,
        soort="leerroute",
        ten_laste_van="spuk",
        leerroute="b1",
        prijs_per_traject=Decimal("9450"),
    )
    Scenario.objects.create(
        municipality=muni, naam="Verwachting", prijsjaar=2026, eerste_jaar=2027, instroom=35
    )
    # A line of this person in a run of the other municipality: it cannot move.
    elsewhere = Betaalrun.objects.create(
        municipality=other,
        periode=date(2026, 10, 1),
        msg_id="ELDERS-1",
        uitvoeringsdatum=date(2026, 10, 1),
        voorbereid_door=klantmanager,
    )
    stray = Betaalregel.objects.create(
        run=elsewhere,
        post=rent,
        inburgeraar=person,
        periode=date(2026, 10, 1),
        bedrag=rent.bedrag,
        crediteur=rent.crediteur,
        iban=rent.iban,
        kenmerk=rent.kenmerk,
        end_to_end_id="E2E-1",
    )
    return run, across, stray


def test_guidance_and_finance_move_to_another_municipality(
    world, begeleiding_en_financien, tmp_path, capsys
):
    run, across, stray = begeleiding_en_financien
    original = export_municipality(world.municipality)
    assert GUIDANCE_AND_FINANCE - {"finance.betaalrun", "finance.betaalregel"} | {
        "guidance.matchingrun",
        "guidance.proposedpair",
        "core.localrule",
        "finance.fundingallocation",
    } <= models_in(original)
    # Only the partner, run and volunteer the municipality's records use travel with it.
    assert [r["id"] for r in original["records"] if r["model"] == "guidance.matchingrun"] == [
        run.pk
    ]
    volunteers = {r["id"] for r in original["records"] if r["model"] == "guidance.volunteer"}
    assert across.pk in volunteers and len(volunteers) == 2
    # Nothing left out silently: the line in another municipality's run, and the run's
    # list of excluded volunteers (other municipalities' names), are reported.
    assert [(n["model"], n["id"]) for n in original["not_carried"]] == [
        ("finance.betaalregel", stray.pk)
    ]
    assert original["omitted_fields"] == {"guidance.matchingrun": ["excluded_volunteers"]}
    assert not any("excluded_volunteers" in r["fields"] for r in original["records"]), (
        "no names of other municipalities' volunteers in the file"
    )

    path = tmp_path / "export.json"
    call_command("municipality", "export", world.municipality.cbs_code, str(path))
    assert "Niet meegenomen (2)" in capsys.readouterr().out
    partners, runs = Partner.objects.count(), MatchingRun.objects.count()
    kinds = PostSoort.objects.filter(municipality=None).count()
    call_command("municipality", "import", str(path), "--into", "GM0009")
    output = capsys.readouterr().out
    assert "hergebruikt" in output and f"finance.betaalregel {stray.pk}" in output
    assert "excluded_volunteers" in output

    copy = Municipality.objects.get(cbs_code="GM0009")
    # Shared records were found on this installation and reused, not copied.
    assert Partner.objects.count() == partners and MatchingRun.objects.count() == runs
    assert PostSoort.objects.filter(municipality=None).count() == kinds
    assert PostSoort.objects.filter(municipality=copy, naam="Kinderopvang").exists()
    assert ChecklistItem.objects.filter(item_type__municipality=copy).count() == 2
    again = export_municipality(copy)
    assert again["not_carried"] == []
    # The stray line did not move; everything else is equal field by field.
    original["records"] = [
        r for r in original["records"] if (r["model"], r["id"]) != ("finance.betaalregel", stray.pk)
    ]
    assert_same(again, original)


def test_reimporting_a_municipality_reuses_its_settings(world, begeleiding_en_financien):
    """A target that already made its default checklist and settings keeps them: the
    records are matched by municipality and code, not duplicated."""
    data = export_municipality(world.municipality)
    target = Municipality.objects.create(name="Doel", cbs_code="GM0010")
    guidance.checklist_types(target)  # the default checklist, made on first use
    report = import_municipality(data, into="GM0010")
    assert report.reused["guidance.checklistitemtype"] == len(guidance.checklist_types(target))
    assert "guidance.checklistitemtype" not in report.created


def test_the_same_payment_runs_cannot_be_imported_twice(world, begeleiding_en_financien, tmp_path):
    """A run's berichtkenmerk is unique per installation: importing the same runs again
    stops with a message and saves nothing."""
    month = date(2026, 9, 1)
    run = finance.create_run(world.municipality, month, world.users[Role.FINANCIEEL], today=month)
    finance.approve_run(run.run, UserFactory(organisation=world.uitvoerder))
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export_municipality(world.municipality)))
    before = Inburgeraar.objects.count()
    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("municipality", "import", str(path), "--into", "GM0011")
    assert Inburgeraar.objects.count() == before
    assert not Municipality.objects.filter(cbs_code="GM0011").exists()


def test_a_missing_municipality_of_a_shared_record_stops_the_import(
    world, begeleiding_en_financien
):
    data = export_municipality(world.municipality)
    for record in data["records"]:
        if record["model"] == "guidance.volunteer" and record["fields"]["first_name"] == "Over":
            record["fields"]["municipality"] = "GM9999"
    with pytest.raises(PortabilityError, match="GM9999"):
        import_municipality(data, into="GM0012")
    assert not Municipality.objects.filter(cbs_code="GM0012").exists()


def test_import_is_all_or_nothing(world, tmp_path):
    data = export_municipality(world.municipality)
    data["records"][-1]["fields"]["aanbieder"] = "Een aanbieder die hier niet bestaat"
    before = Inburgeraar.objects.count()
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("municipality", "import", str(path), "--into", "GM0002")
    assert Inburgeraar.objects.count() == before
    assert not Municipality.objects.filter(cbs_code="GM0002").exists()


def test_importing_the_same_persons_twice_is_refused(world):
    data = export_municipality(world.municipality)
    with pytest.raises(Exception):  # noqa: B017 - the BSN is unique per municipality
        import_municipality(data)


def test_not_an_export(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "iets anders"}')
    with pytest.raises(CommandError):
        call_command("municipality", "import", str(path))


def test_the_export_takes_a_constant_number_of_queries(world, begeleiding_en_financien):
    def count():
        with CaptureQueriesContext(connection) as queries:
            export_municipality(world.municipality)
        return len(queries)

    few = count()
    for _ in range(5):
        person = InburgeraarFactory(municipality=world.municipality)
        ConsentFactory(inburgeraar=person, partner=Partner.objects.get())
        BetaalPostFactory(ontzorging=OntzorgingFactory(inburgeraar=person))
    assert count() == few
