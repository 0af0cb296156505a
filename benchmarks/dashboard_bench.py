"""Benchmark the regisseur's monitoring pages (issue #7, requirement 6) against the database
in DATABASE_URL, filled with `regie demo --scale 100000 --attendance 5000000`. Prints per
page: number of queries, median server time, the CPU of this process and of the
database backend per request (pages_bench.measure: less disturbed by other jobs on the
machine than the server time) and the time of the page's main (slowest) query run
directly on a cursor. Never part of the test suite: it prints figures.

Four regisseurs: the demo regisseur (Gemeente Winterswijk: the two demo municipalities), one
for a generated region of ten municipalities (the generator puts municipalities in regions
of ten: about 5,000 persons and 250,000 attendance rows), one for a large city (an
organisation serving the 40 municipalities of four regions: about 20,000 persons) and one
whose organisation serves every municipality (all persons and all attendance rows in
scope: the worst case). The first run adds, once, funding streams for every
municipality with allocations to its activities, so the Borging page has money to show.

    psql -h 127.0.0.1 -U postgres -c 'create database moni_bench' postgres
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/moni_bench
    DEBUG=1 .venv/bin/regie migrate
    DEBUG=1 .venv/bin/regie demo --scale 100000 --attendance 5000000
    SECRET_KEY=bench-only SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 STATIC_MANIFEST=0 \\
      PYTHONPATH=src .venv/bin/python benchmarks/dashboard_bench.py [--only "city"]

(production settings, DEBUG off: docs/performance.md has the figures.)

Pages over more than ten municipalities read the monitoring facts when every municipality
has a stand (monitoring.facts; `regie demo --scale` builds them). ``--rebuild-facts``
rebuilds them first and prints how long that took; ``--live`` removes every stand first,
so every page reads the source tables (the figures before issue 23.2); rebuild afterwards
with ``regie monitoring-facts``. A wide view's figures are kept per stand of the facts
(the median is then a kept page); ``--compute`` computes them on every request.
"""

from __future__ import annotations

import argparse
import os
import sys
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from pages_bench import measure  # noqa: E402  (sets up Django)

from regie.activities.models import Activity, Attendance  # noqa: E402
from regie.core.models import Municipality, Organisation, RoleAssignment, User  # noqa: E402
from regie.core.roles import OrganisationType, Role  # noqa: E402
from regie.finance.models import Financiering, FundingAllocation  # noqa: E402
from regie.people.models import Inburgeraar  # noqa: E402

NATIONAL = "bench-regisseur-landelijk"
REGION = "bench-regisseur-regio"
CITY = "bench-regisseur-stad"
# The generated regions (demo.scale: "Regio 000" also holds the demo municipalities' slots).
REGION_NAMES = ["Regio 001"]
CITY_REGIONS = ["Regio 001", "Regio 002", "Regio 003", "Regio 004"]


def _regisseur(username: str, name: str, municipalities) -> None:
    if User.objects.filter(username=username).exists():
        return
    org = Organisation.objects.create(name=name, type=OrganisationType.GEMEENTE)
    org.serves.set(municipalities)
    user = User.objects.create_user(username, organisation=org)
    RoleAssignment.objects.create(user=user, role=Role.REGISSEUR)


@transaction.atomic
def setup() -> None:
    _regisseur(NATIONAL, "Benchmark: alle gemeenten", Municipality.objects.all())
    _regisseur(
        REGION,
        "Benchmark: regio van tien gemeenten",
        Municipality.objects.filter(region__in=REGION_NAMES),
    )
    _regisseur(
        CITY,
        "Benchmark: grote stad (40 gemeenten)",
        Municipality.objects.filter(region__in=CITY_REGIONS),
    )
    if FundingAllocation.objects.exists():
        return
    years = sorted({d.year for d in Attendance.objects.dates("date", "year")})
    activities: dict[int, list[int]] = {}
    for pk, muni in Activity.objects.values_list("pk", "municipality_id"):
        activities.setdefault(muni, []).append(pk)
    streams = Financiering.objects.bulk_create(
        [
            Financiering(municipality_id=muni, jaar=year, soort=soort, bedrag=Decimal(bedrag))
            for muni in activities
            for year in years
            for soort, bedrag in (("spuk", 120000), ("integratie_uitkering", 80000))
            if not Financiering.objects.filter(
                municipality_id=muni, jaar=year, soort=soort
            ).exists()
        ]
    )
    FundingAllocation.objects.bulk_create(
        [
            FundingAllocation(funding=stream, activity_id=activity, amount=Decimal(15000))
            for stream in streams
            if stream.soort == "spuk"
            for activity in activities[stream.municipality_id]
        ]
    )


def pages(winterswijk: int) -> list[tuple[str, str, str]]:
    demo, national = "regisseur", NATIONAL
    return [
        ("dashboard, demo region", demo, "/monitoring/"),
        ("dashboard, Winterswijk", demo, f"/monitoring/?gemeente={winterswijk}"),
        (
            "dashboard, region, asiel + B1",
            demo,
            "/monitoring/?doelgroep=asielmigrant&leerroute=b1",
        ),
        ("borging, demo region", demo, "/monitoring/borging/"),
        ("dashboard, region of 10", REGION, "/monitoring/"),
        ("cohorten, region of 10", REGION, "/monitoring/cohorten/"),
        ("proces, region of 10", REGION, "/monitoring/proces/"),
        ("borging, region of 10", REGION, "/monitoring/borging/"),
        ("dashboard, city (40)", CITY, "/monitoring/"),
        ("cohorten, city (40)", CITY, "/monitoring/cohorten/"),
        ("proces, city (40)", CITY, "/monitoring/proces/"),
        ("borging, city (40)", CITY, "/monitoring/borging/"),
        ("dashboard, all municipalities", national, "/monitoring/"),
        ("dashboard, all, one municipality", national, f"/monitoring/?gemeente={winterswijk}"),
        (
            "dashboard, all, asiel + B1",
            national,
            "/monitoring/?doelgroep=asielmigrant&leerroute=b1",
        ),
        ("dashboard, all, cohort 2025", national, "/monitoring/?cohort=2025"),
        ("cohorten, all", national, "/monitoring/cohorten/"),
        ("proces, all", national, "/monitoring/proces/"),
        ("borging, all", national, "/monitoring/borging/"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--show-sql", action="store_true")
    parser.add_argument("--only", default="", help="measure only pages whose name contains this")
    parser.add_argument("--live", action="store_true", help="remove the facts' stands first")
    parser.add_argument("--rebuild-facts", action="store_true", help="rebuild the facts first")
    parser.add_argument(
        "--compute",
        action="store_true",
        help="compute a wide view's figures on every request instead of keeping them per "
        "stand of the facts (monitoring.services.tables_for): the first request after a "
        "rebuild, or a filter nobody asked for since",
    )
    args = parser.parse_args()
    setup()
    if args.compute:
        from django.core.cache.backends.dummy import DummyCache

        from regie.monitoring import services

        services.cache = DummyCache("compute", {})
    from regie.monitoring import facts
    from regie.monitoring.models import FactStand

    if args.live:
        FactStand.objects.all().delete()
    if args.rebuild_facts:
        print(facts.rebuild())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    persons = Inburgeraar.objects.count()
    attendance = Attendance.objects.count()
    print(
        f"{persons:,} persons, {attendance:,} attendance rows, {connection.vendor}, "
        f"{args.repeat} requests per page (median)"
    )
    print(
        f"{'page':<34} {'queries':>7} {'server ms':>10} {'CPU ms':>7} {'DB CPU ms':>9} "
        f"{'main SQL ms':>11}"
    )
    winterswijk = Municipality.objects.get(name="Winterswijk").pk
    for username in (REGION, CITY):
        scope = Inburgeraar.objects.filter(
            municipality__in=User.objects.get(username=username).organisation.serves.all()
        )
        print(
            f"{username}: {scope.count():,} persons, "
            f"{Attendance.objects.filter(enrolment__inburgeraar__in=scope).count():,} "
            "attendance rows"
        )
    clients: dict[str, Client] = {}
    for name, username, url in pages(winterswijk):
        if args.only not in name:
            continue
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        result = measure(clients[username], url, args.repeat)
        db_cpu = result.get("db_cpu_ms")
        print(
            f"{name:<34} {result['queries']:>7} {result['ms']:>10.1f} "
            f"{result.get('cpu_ms', 0):>7.0f} {'-' if db_cpu is None else f'{db_cpu:.0f}':>9} "
            f"{result['raw_ms'] or 0:>11.1f}"
        )
        if args.show_sql:
            print("    " + result["main_sql"][:800])


if __name__ == "__main__":
    main()
