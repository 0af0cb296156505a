"""`regie demo --scale N`: realistic data at national scale for benchmarks and load tests.

On top of the demo municipality (built first when the database is empty) it adds N
inburgeraars spread over K municipalities (the two demo municipalities and K-2 generated
ones, each with its own uitvoerder, team and klantmanagers): households, status
history along the transition table, referrals to the demo aanbieders, brede intakes,
PIPs with a vastgestelde version, monthly lesuren for people in uitvoering, and
werkgevers, plekken, placements, evaluations and uitstroom (``scale_work``). With
``--attendance M`` it also adds two weekly activities per municipality, an enrolment for
everyone in uitvoering or afgerond, and M activity attendance rows (written with COPY on
PostgreSQL; the monitoring benchmark uses 5,000,000).

Everything is written with ``bulk_create`` in batches, so no audit events or field
history are written per row: generated data is system-created, not the work of a user
(docs/performance.md). Deterministic for a given N, K and seed."""

from __future__ import annotations

import random
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from regie.activities.models import Activity, Attendance, AttendanceStatus, Enrolment, Session
from regie.core.models import Municipality, Organisation, RoleAssignment, Team, User
from regie.core.roles import OrganisationType, Role
from regie.demo import data
from regie.demo.scale_finance import FinanceScale
from regie.demo.scale_work import WorkScale
from regie.exchange.models import Lesuren
from regie.intake.models import BredeIntake, IntakeStatus
from regie.people.models import (
    Doelgroep,
    Household,
    HouseholdRole,
    Inburgeraar,
    StatusChange,
    Verwijzing,
    VerwijzingStatus,
)
from regie.plans.models import PIP, PIPVersie, VersieStatus
from regie.rules.bsn import bsn_in_sequence
from regie.rules.category import PERMIT_FOR_DOELGROEP
from regie.rules.lifecycle import Regime, Status

BATCH = 2000
PERSONS_PER_KLANTMANAGER = 120
# About the caseload of a mid-sized municipality: the caseload of one team stays the same
# whatever N, so the benchmarks measure the effect of the national table size.
PERSONS_PER_MUNICIPALITY = 500
MUNICIPALITIES_PER_REGION = 10
# Share of the statuses in a national caseload (most people are in uitvoering).
STATUS_WEIGHTS = (
    (Status.AANGEMELD, 6),
    (Status.INTAKE, 8),
    (Status.PIP_VASTGESTELD, 10),
    (Status.IN_UITVOERING, 50),
    (Status.AFGEROND, 16),
    (Status.ONTHEFFING, 3),
    (Status.VERTROKKEN, 4),
    (Status.BEEINDIGD, 3),
)
WITH_PIP = {
    Status.PIP_VASTGESTELD,
    Status.IN_UITVOERING,
    Status.AFGEROND,
    Status.VERTROKKEN,
    Status.BEEINDIGD,
}
REFERRED = {Status.PIP_VASTGESTELD, Status.IN_UITVOERING, Status.AFGEROND}
AANBIEDERS = ("Toptaal", "Interbeek", "Graafschap College", "HAN i.s.m. Radboud Universiteit")


def bsn_for(n: int) -> str:
    """The n-th valid BSN of a sequence far from the demo's (11-proef; distinct per n)."""
    return bsn_in_sequence(n, 60000000)


class Progress:
    """A plain-text progress bar on stderr."""

    def __init__(self, total: int, stream=None, label: str = "personen"):
        self.total, self.stream, self.label = total, stream or sys.stderr, label
        self.start = time.monotonic()

    def update(self, done: int) -> None:
        width = 30
        filled = int(width * done / self.total) if self.total else width
        elapsed = time.monotonic() - self.start
        self.stream.write(
            f"\r[{'#' * filled}{' ' * (width - filled)}] {done:>9,}/{self.total:,} "
            f"{self.label}  {elapsed:6.1f} s"
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


class ScaleBuilder:
    def __init__(
        self,
        n: int,
        municipalities: int | None = None,
        seed: int = 2026,
        stream=None,
        attendance: int = 0,
    ):
        self.n = n
        self.attendance_rows = attendance
        self.k = max(2, municipalities if municipalities else n // PERSONS_PER_MUNICIPALITY)
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        self.stream = stream
        self.password = make_password(None)  # generated users cannot log in
        self.bsn_seq = 0
        self.counts: dict[str, int] = {}

    # --- platform -----------------------------------------------------------------------
    def platform(self):
        demo_built = User.objects.filter(username__in=["klantmanager", "klantmanager2"]).count()
        if demo_built < 2:
            if Municipality.objects.exists():
                raise ValueError("de database bevat gegevens maar niet de demogemeente")
            data.DemoBuilder().build()
        self.demo_munis = list(
            Municipality.objects.filter(name__in=["Winterswijk", "Aalten"]).order_by("name")
        )
        self.aanbieders = list(Organisation.objects.filter(name__in=AANBIEDERS).order_by("name"))
        existing = Municipality.objects.count()
        self.bsn_seq = Inburgeraar.objects.count()  # a rerun continues the sequence
        # Klantmanagers per municipality: the demo teams serve the demo municipalities.
        self.klantmanagers: dict[int, list[int]] = {}
        by_team = {
            "Winterswijk": "Team Winterswijk",
            "Aalten": "Team Aalten",
        }
        for muni in self.demo_munis:
            self.klantmanagers[muni.pk] = list(
                User.objects.filter(
                    team__name=by_team[muni.name], role_assignments__role=Role.KLANTMANAGER
                ).values_list("pk", flat=True)
            )
        new = []
        for index in range(existing, self.k):
            new.append(
                Municipality(
                    name=f"Gemeente {index:04d}",
                    cbs_code=f"GM{9999 - index:04d}",
                    region=f"Regio {index // MUNICIPALITIES_PER_REGION:03d}",
                )
            )
        new = Municipality.objects.bulk_create(new)
        self.munis = self.demo_munis + new
        per_muni = max(1, self.n // self.k)
        for muni in new:
            org = Organisation.objects.create(
                name=f"Uitvoerder {muni.name}", type=OrganisationType.UITVOERDER, municipality=muni
            )
            org.serves.set([muni])
            team = Team.objects.create(organisation=org, name=f"Team {muni.name}")
            users = User.objects.bulk_create(
                [
                    User(
                        username=f"km-{muni.cbs_code.lower()}-{i}",
                        first_name="Klantmanager",
                        last_name=f"{muni.name} {i}",
                        organisation=org,
                        team=team,
                        password=self.password,
                    )
                    for i in range(max(1, per_muni // PERSONS_PER_KLANTMANAGER))
                ]
            )
            RoleAssignment.objects.bulk_create(
                [RoleAssignment(user=u, role=Role.KLANTMANAGER) for u in users]
            )
            self.klantmanagers[muni.pk] = [u.pk for u in users]
        # The demo aanbieders serve the demo municipalities; every generated region has its
        # own taalschool.
        demo_ids = [a.pk for a in self.aanbieders]
        self.aanbieders_for = {muni.pk: demo_ids for muni in self.demo_munis}
        regions: dict[str, list[Municipality]] = {}
        for muni in new:
            regions.setdefault(muni.region, []).append(muni)
        for region, members in regions.items():
            org, _ = Organisation.objects.get_or_create(
                name=f"Taalschool {region}",
                defaults={
                    "type": OrganisationType.AANBIEDER,
                    "municipality": members[0],
                    "themes": "leren en werken",
                },
            )
            org.serves.add(*members)
            for muni in members:
                self.aanbieders_for[muni.pk] = [org.pk]
        self.drafter = User.objects.filter(username="klantmanager").values_list("pk", flat=True)[0]
        self.vaststeller = User.objects.filter(username="klantmanager2").values_list(
            "pk", flat=True
        )[0]
        self.finance = FinanceScale(self)
        self.finance.platform()
        self.work = WorkScale(self)
        self.work.platform()

    # --- people -------------------------------------------------------------------------
    def next_bsn(self) -> str:
        self.bsn_seq += 1
        return bsn_for(self.bsn_seq)

    def make_batch(self, size: int):
        rng = self.rng
        households: list[Household] = []
        persons: list[tuple[Inburgeraar, int]] = []  # (person, household index)
        statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
        while len(persons) < size:
            muni = self.munis[rng.randrange(len(self.munis))]
            origin = rng.choice(list(data.NAMES))
            names = data.NAMES[origin]
            last = rng.choice(names["last"])
            doelgroep = (
                Doelgroep.ASIELMIGRANT
                if origin in ("Syrische", "Eritrese", "Afghaanse", "Jemenitische")
                else rng.choice([Doelgroep.GEZINSMIGRANT, Doelgroep.OVERIGE])
            )
            hsize = min(size - len(persons), rng.choice([1, 1, 2, 2, 3]))
            status = rng.choices(statuses, weights)[0]
            kennisgeving = self.today - timedelta(days=rng.randint(10, 1400))
            if status in (Status.AANGEMELD, Status.INTAKE):
                kennisgeving = self.today - timedelta(days=rng.randint(1, 90))
            kms = self.klantmanagers.get(muni.pk) or []
            km = rng.choice(kms) if kms and rng.random() > 0.03 else None
            households.append(Household(name=f"Huishouden {last}", municipality=muni))
            for member in range(hsize):
                gender = rng.choice(["m", "v"])
                first = rng.choice(names[gender])
                age = rng.randint(22, 55) if member < 2 else rng.randint(16, 19)
                birth = date(kennisgeving.year - age, rng.randint(1, 12), rng.randint(1, 28))
                role = (HouseholdRole.HOOFD, HouseholdRole.PARTNER, HouseholdRole.KIND)[
                    min(member, 2)
                ]
                person = Inburgeraar(
                    first_name=first,
                    last_name=last,
                    search_name=f"{first} {last}".lower(),
                    bsn=self.next_bsn(),
                    date_of_birth=birth,
                    gender=gender,
                    nationality=origin,
                    languages=names["lang"],
                    interpreter_needed=rng.random() < 0.4,
                    phone=f"06{rng.randint(10000000, 99999999)}",
                    street=rng.choice(data.STREETS),
                    house_number=str(rng.randint(1, 140)),
                    postcode=f"{1000 + rng.randint(0, 8999)} AB",
                    city=muni.name,
                    municipality=muni,
                    doelgroep=doelgroep,
                    verblijfsvergunning=PERMIT_FOR_DOELGROEP[doelgroep],
                    regime=Regime.WI2021,
                    kennisgeving_date=kennisgeving,
                    brp_date=kennisgeving,
                    housing_date=kennisgeving + timedelta(days=rng.randint(0, 60)),
                    household_role=role,
                    klantmanager_id=km,
                    status=status,
                )
                persons.append((person, len(households) - 1))
        return households, persons

    def write_batch(self, households, persons) -> None:
        rng = self.rng
        Household.objects.bulk_create(households)
        for person, h in persons:
            person.household = households[h]
        people = Inburgeraar.objects.bulk_create([p for p, _ in persons])
        changes, referrals, intakes, lesuren, pips = [], [], [], [], []
        for person in people:
            status = Status(person.status)
            day = person.kennisgeving_date
            previous = Status.AANGEMELD
            for step in data.PATH[status]:
                day = min(day + timedelta(days=rng.randint(20, 60)), self.today)
                changes.append(
                    StatusChange(
                        inburgeraar=person,
                        from_status=previous,
                        to_status=step,
                        reason=data.ENDING_REASONS.get(step, ""),
                        at=timezone.make_aware(datetime(day.year, day.month, day.day, 10)),
                        by="scale",
                    )
                )
                previous = step
            if status != Status.AANGEMELD:
                intakes.append(
                    BredeIntake(
                        inburgeraar=person,
                        status=IntakeStatus.CONCEPT
                        if status == Status.INTAKE
                        else IntakeStatus.AFGEROND,
                        started_on=person.kennisgeving_date + timedelta(days=14),
                        completed_on=None
                        if status == Status.INTAKE
                        else person.kennisgeving_date + timedelta(days=40),
                    )
                )
            if status in WITH_PIP:
                pips.append(PIP(inburgeraar=person))
            aanbieder = self.aanbieder_for(person)
            if status in REFERRED:
                referrals.append(
                    Verwijzing(
                        inburgeraar=person,
                        aanbieder_id=aanbieder,
                        status=VerwijzingStatus.BEEINDIGD
                        if status == Status.AFGEROND
                        else VerwijzingStatus.GEACCEPTEERD,
                        start_date=person.kennisgeving_date + timedelta(days=120),
                        leerroute="b1",
                        pip_versie_nummer=1,
                    )
                )
            if status == Status.IN_UITVOERING:
                month = self.today.replace(day=1)
                for _ in range(3):
                    month = (month - timedelta(days=1)).replace(day=1)
                    offered = Decimal(rng.choice([40, 48, 60, 64]))
                    lesuren.append(
                        Lesuren(
                            inburgeraar=person,
                            aanbieder_id=aanbieder,
                            maand=month,
                            uren_aangeboden=offered,
                            uren_aanwezig=offered - Decimal(rng.randint(0, 12)),
                            geregistreerd_door="scale",
                        )
                    )
        StatusChange.objects.bulk_create(changes)
        BredeIntake.objects.bulk_create(intakes)
        Verwijzing.objects.bulk_create(referrals)
        Lesuren.objects.bulk_create(lesuren)
        pips = PIP.objects.bulk_create(pips)
        versies = []
        for pip in pips:
            start = pip.inburgeraar.kennisgeving_date + timedelta(days=60)
            versies.append(
                PIPVersie(
                    pip=pip,
                    nummer=1,
                    status=VersieStatus.VASTGESTELD,
                    leerroute="b1",
                    advies_leerroute="b1",
                    aanbieder_id=self.aanbieder_for(pip.inburgeraar),
                    duur_maanden=24,
                    lesuren_per_week=Decimal(12),
                    ondersteuning="Klantmanager als vast aanspreekpunt.",
                    pvt_uren=12,
                    map_uren=40,
                    aantal_voortgangsgesprekken=9,
                    opgesteld_door_id=self.drafter,
                    opgesteld_op=timezone.make_aware(datetime(start.year, start.month, start.day)),
                    vastgesteld_door_id=self.vaststeller,
                    vastgesteld_op=timezone.make_aware(
                        datetime(start.year, start.month, start.day, 12)
                    ),
                    dagtekening=start,
                )
            )
        PIPVersie.objects.bulk_create(versies)
        self.work.write(people, versies)
        for name, rows in (
            ("personen", people),
            ("huishoudens", households),
            ("statuswijzigingen", changes),
            ("brede intakes", intakes),
            ("PIP's", pips),
            ("verwijzingen", referrals),
            ("lesuren", lesuren),
        ):
            self.counts[name] = self.counts.get(name, 0) + len(rows)
        self.finance.write(people)

    def aanbieder_for(self, person: Inburgeraar) -> int:
        choices = self.aanbieders_for[person.municipality_id]
        return choices[person.pk % len(choices)]

    def build(self) -> dict[str, int]:
        with transaction.atomic():
            self.platform()
        progress = Progress(self.n, self.stream)
        done = 0
        while done < self.n:
            size = min(BATCH, self.n - done)
            with transaction.atomic():
                self.write_batch(*self.make_batch(size))
            done += size
            progress.update(done)
        progress.close()
        with transaction.atomic():
            self.finance.finish(Progress)
        if self.attendance_rows:
            self.attendance(self.attendance_rows)
        if connection.vendor == "postgresql":
            # Fresh statistics: without them the planner assumes the tables are still tiny
            # and picks plans that are ten times slower (docs/performance.md).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.counts["gemeenten"] = len(self.munis)
        self.counts.update(self.work.counts)
        return self.counts

    # --- activities and attendance ------------------------------------------------------
    def attendance(self, total: int) -> None:
        """Two weekly activities per municipality, one enrolment for everyone in uitvoering
        or afgerond (a quarter of them in both activities), and ``total`` attendance rows:
        one per week, going back from the last session before today."""
        rng = self.rng
        start = self.today - timedelta(days=3 * 365)
        activities, sessions = [], []
        for muni in self.munis:
            organiser = self.aanbieders_for[muni.pk][0]
            for name, weekday in (("Taalcafé", rng.randrange(5)), ("Samen sporten", 5)):
                activities.append(
                    Activity(
                        name=f"{name} {muni.name}",
                        organiser_id=organiser,
                        municipality=muni,
                        routes=["b1", "z"],
                    )
                )
                sessions.append(
                    Session(
                        weekday=weekday,
                        start=datetime(2000, 1, 1, 10).time(),
                        end=datetime(2000, 1, 1, 12).time(),
                        capacity=500,
                        valid_from=start,
                    )
                )
        activities = Activity.objects.bulk_create(activities)
        for activity, session in zip(activities, sessions, strict=True):
            session.activity = activity
        sessions = Session.objects.bulk_create(sessions)
        by_muni: dict[int, list[Session]] = {}
        for activity, session in zip(activities, sessions, strict=True):
            by_muni.setdefault(activity.municipality_id, []).append(session)
        people = Inburgeraar.objects.filter(
            municipality__in=list(by_muni),
            status__in=[Status.IN_UITVOERING, Status.AFGEROND],
            enrolments__isnull=True,
        ).values_list("pk", "municipality_id")
        enrolments = []
        for pk, muni_id in people.order_by("pk").iterator(chunk_size=BATCH):
            first, second = by_muni[muni_id]
            enrolments.append(Enrolment(inburgeraar_id=pk, session=first, start_date=start))
            if rng.random() < 0.25:
                enrolments.append(Enrolment(inburgeraar_id=pk, session=second, start_date=start))
        enrolments = Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
        if not enrolments:
            return
        # Weeks per enrolment: the same mean for all, varied in pairs so the sum stays exact.
        mean, extra = divmod(total, len(enrolments))
        weeks = [mean + (1 if i < extra else 0) for i in range(len(enrolments))]
        for i in range(0, len(weeks) - 1, 2):
            shift = rng.randint(0, weeks[i + 1] // 2)
            weeks[i] += shift
            weeks[i + 1] -= shift
        weekday_of = {s.pk: s.weekday for s in sessions}
        last_for = {
            wd: self.today - timedelta(days=(self.today.weekday() - wd) % 7 or 7) for wd in range(7)
        }
        statuses = [AttendanceStatus.AANWEZIG] * 8 + [
            AttendanceStatus.AFGEMELD,
            AttendanceStatus.NIET_VERSCHENEN,
        ]
        now = timezone.now()
        progress = Progress(total, self.stream, label="aanwezigheden")

        def rows():
            for enrolment, count in zip(enrolments, weeks, strict=True):
                last = last_for[weekday_of[enrolment.session_id]]
                for k in range(count):
                    status = statuses[rng.randrange(10)]
                    yield enrolment.pk, last - timedelta(days=7 * k), status

        done = 0
        if connection.vendor == "postgresql":
            meta = Attendance._meta
            columns = ", ".join(
                meta.get_field(f).column
                for f in ("enrolment", "date", "status", "hours", "registered_by", "registered_at")
            )
            with connection.cursor() as cursor, transaction.atomic():
                sql = f"COPY {meta.db_table} ({columns}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for enrolment_id, day, status in rows():
                        copy.write_row((enrolment_id, day, status, "2.00", "scale", now))
                        done += 1
                        if done % 100_000 == 0:
                            progress.update(done)
        else:
            batch = []
            for enrolment_id, day, status in rows():
                batch.append(
                    Attendance(
                        enrolment_id=enrolment_id,
                        date=day,
                        status=status,
                        hours=Decimal("2.00"),
                        registered_by="scale",
                    )
                )
                if len(batch) == BATCH:
                    Attendance.objects.bulk_create(batch)
                    done += len(batch)
                    batch = []
                    progress.update(done)
            Attendance.objects.bulk_create(batch)
            done += len(batch)
        progress.update(done)
        progress.close()
        self.counts["activiteiten"] = len(activities)
        self.counts["inschrijvingen"] = len(enrolments)
        self.counts["aanwezigheden"] = done
