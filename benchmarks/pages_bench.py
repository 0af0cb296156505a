"""Benchmark the main pages and API lists against the database in DATABASE_URL (filled with
`regie demo --scale N`). Prints per page: number of queries, median server time, the CPU
time per request of this process (Django, templates, driver; median) and of the PostgreSQL
backend when it runs on the same machine (mean), and the ratio to the raw SQL of the page's
main (slowest) query run directly on a cursor. The CPU columns hardly change when other
jobs share the machine; the server time does. With
--compare it also prints the ratio to an earlier run (e.g. 100k/1k). Never part of the
test suite: it prints figures, it does not pass or fail.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/regie_bench DEBUG=1 \\
        PYTHONPATH=src .venv/bin/python benchmarks/pages_bench.py --save /tmp/1k.json
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/regie_bench_100k DEBUG=1 \\
        PYTHONPATH=src .venv/bin/python benchmarks/pages_bench.py --compare /tmp/1k.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from regie.core.models import User  # noqa: E402
from regie.people.models import Inburgeraar  # noqa: E402


def person_in_scope() -> int:
    """A generated person of the demo klantmanager's team, in uitvoering, with a full file."""
    user = User.objects.get(username="klantmanager")
    person = (
        Inburgeraar.objects.for_user(user)
        .filter(status="in_uitvoering", klantmanager__team=user.team_id)
        .order_by("-pk")
        .first()
    )
    return person.pk


def placement_in_scope() -> tuple[int, int, int]:
    """A running placement of a person of the demo klantmanager's team: (person, placement,
    werkgever)."""
    from regie.work.models import Plaatsing

    user = User.objects.get(username="klantmanager")
    placement = (
        Plaatsing.objects.for_user(user)
        .filter(status="lopend", inburgeraar__klantmanager__team=user.team_id)
        .order_by("-pk")
        .values_list("inburgeraar_id", "pk", "plek__werkgever_id")
        .first()
    )
    return placement


def pages() -> list[tuple[str, str, str]]:
    pk = person_in_scope()
    person, placement, werkgever = placement_in_scope()
    return [
        ("caseload list", "klantmanager", "/inburgeraars/"),
        ("caseload search 'ahmad'", "klantmanager", "/inburgeraars/?q=ahmad&sort=name"),
        ("caseload list page 5", "klantmanager", "/inburgeraars/?sort=name&page=5"),
        ("person file", "klantmanager", f"/inburgeraars/{pk}/"),
        ("werkvoorraad", "klantmanager", "/"),
        ("dashboard (regisseur)", "regisseur", "/"),
        ("aanbieder portal", "aanbieder", "/aanbieder/"),
        ("API inburgeraars", "klantmanager", "/api/v1/inburgeraars"),
        ("API verwijzingen (aanbieder)", "aanbieder", "/api/v1/verwijzingen"),
        ("API lesuren (aanbieder)", "aanbieder", "/api/v1/lesuren"),
        ("API pips", "klantmanager", "/api/v1/pips"),
        # A municipality's monitoring must not grow with the country (issue 23).
        ("monitoring (regisseur)", "regisseur", "/monitoring/"),
        ("monitoring cohorten", "regisseur", "/monitoring/cohorten/"),
        ("monitoring proces", "regisseur", "/monitoring/proces/"),
        ("monitoring borging", "regisseur", "/monitoring/borging/"),
        # Participatie en werk (issue 20).
        ("werkgevers", "klantmanager", "/werk/werkgevers/"),
        ("werkgever with placements", "klantmanager", f"/werk/werkgevers/{werkgever}/"),
        ("person file with placement", "klantmanager", f"/inburgeraars/{person}/"),
        ("placement", "klantmanager", f"/inburgeraars/{person}/werk/plaatsing/{placement}/"),
        ("API plaatsingen", "klantmanager", "/api/v1/plaatsingen"),
        ("werkvoorraad (jobcoach)", "jobcoach", "/"),
        ("caseload list (jobcoach)", "jobcoach", "/inburgeraars/"),
        ("aanbieder work per leerroute", "aanbieder", "/aanbieder/werk/"),
    ]


BIG = "Landelijke taalschool (benchmark)"
BIG_USER = "aanbieder-landelijk"


def big_aanbieder(size: int) -> None:
    """One aanbieder with about ``size`` current participants: an organisation serving every
    municipality takes over the accepted referrals (and their lesuren) of ``size`` persons.
    Changes the benchmark database; a second call with the same size does nothing."""
    from django.db import transaction

    from regie.core.models import Municipality, Organisation, RoleAssignment
    from regie.core.roles import OrganisationType, Role
    from regie.exchange.models import Lesuren
    from regie.people.models import Verwijzing

    org, _ = Organisation.objects.get_or_create(
        name=BIG, defaults={"type": OrganisationType.AANBIEDER, "themes": "leren en werken"}
    )
    org.serves.set(Municipality.objects.all())
    user, created = User.objects.get_or_create(
        username=BIG_USER,
        defaults={"first_name": "Landelijk", "last_name": "Aanbieder", "organisation": org},
    )
    if created:
        RoleAssignment.objects.create(user=user, role=Role.AANBIEDER)
    have = Verwijzing.objects.filter(aanbieder=org, status="geaccepteerd").count()
    if have >= size:
        return
    with transaction.atomic():
        ids = list(
            Verwijzing.objects.filter(status="geaccepteerd")
            .exclude(aanbieder=org)
            .order_by("pk")
            .values_list("pk", flat=True)[: size - have]
        )
        Verwijzing.objects.filter(pk__in=ids).update(aanbieder=org)
        persons = Verwijzing.objects.filter(pk__in=ids).values("inburgeraar_id")
        Lesuren.objects.filter(inburgeraar_id__in=persons).update(aanbieder=org)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def big_pages() -> list[tuple[str, str, str]]:
    """The portal and the API lists of the large aanbieder: first page, a later page (the
    cursor of page 101 found by walking the keyset), a name search, a filter."""
    return [
        ("big portal", BIG_USER, "/aanbieder/"),
        ("big portal page ~100", BIG_USER, "/aanbieder/?" + later_portal_page(100)),
        ("big portal search 'ahmad'", BIG_USER, "/aanbieder/?q=ahmad"),
        ("big portal no lesuren", BIG_USER, "/aanbieder/?zonder_lesuren=1"),
        ("big API verwijzingen", BIG_USER, "/api/v1/verwijzingen"),
        ("big API verwijzingen p.100", BIG_USER, "/api/v1/verwijzingen?page=100"),
        ("big API lesuren", BIG_USER, "/api/v1/lesuren"),
        ("big API lesuren p.100", BIG_USER, "/api/v1/lesuren?page=100"),
    ]


def later_portal_page(page: int) -> str:
    """The query string of the portal's ``page``-th page (keyset: the id after which it
    starts), or of the first page when the portal does not page."""
    from regie.exchange import services

    try:
        from regie.exchange.views import PORTAL_PAGE_SIZE
    except ImportError:
        return ""
    user = User.objects.get(username=BIG_USER)
    ordered = services.referred_persons(user).order_by("last_name", "id")
    row = ordered.values_list("pk", flat=True)[PORTAL_PAGE_SIZE * (page - 1) - 1]
    return f"na={row}&pagina={page}"


def raw_time(sql: str, repeat: int) -> float:
    times = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            start = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def backend_cpu_seconds() -> float | None:
    """CPU time used so far by this connection's PostgreSQL backend process, when the
    database runs on this machine (read from /proc); None otherwise."""
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(client: Client, url: str, repeat: int) -> dict:
    client.get(url)  # warm up (caches, first audit rows)
    times, cpu, captured = [], [], []
    db_before = backend_cpu_seconds()
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200, (url, response.status_code)
        captured.append(ctx.captured_queries)
    db_after = backend_cpu_seconds()
    median = statistics.median(times)
    queries = captured[len(captured) // 2]
    selects = [q for q in queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    main = max(selects, key=lambda q: float(q["time"])) if selects else None
    raw = raw_time(main["sql"], repeat) if main else None
    return {
        "queries": len(queries),
        "ms": median * 1000,
        # CPU of this process (Django, templates, the driver) per request, median; and of
        # the database's backend process, mean (its clock ticks are 10 ms).
        "cpu_ms": statistics.median(cpu) * 1000,
        "db_cpu_ms": (db_after - db_before) / repeat * 1000
        if db_before is not None and db_after is not None
        else None,
        "raw_ms": raw * 1000 if raw else None,
        "main_sql": main["sql"][:2000] if main else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--save", help="write the results as JSON")
    parser.add_argument("--compare", help="JSON of an earlier (smaller) run for the ratio")
    parser.add_argument("--show-sql", action="store_true")
    parser.add_argument(
        "--only", help="measure only these pages (names as printed, separated by commas)"
    )
    parser.add_argument(
        "--big-aanbieder",
        type=int,
        metavar="N",
        help="give one aanbieder N participants (changes the database) and measure only "
        "its portal and API lists",
    )
    args = parser.parse_args()
    earlier = {}
    if args.compare:
        with open(args.compare) as handle:
            earlier = json.load(handle)
    persons = Inburgeraar.objects.count()
    print(f"{persons:,} persons, {connection.vendor}, {args.repeat} requests per page (median)")
    print(
        f"{'page':<30} {'queries':>7} {'server ms':>10} {'CPU ms':>7} {'DB CPU ms':>9} "
        f"{'main SQL ms':>11} {'page/SQL':>8} {'ratio to earlier':>16} {'CPU ratio':>9}"
    )
    results = {"persons": persons}
    clients: dict[str, Client] = {}
    if args.big_aanbieder:
        big_aanbieder(args.big_aanbieder)
    only = {name.strip() for name in args.only.split(",")} if args.only else None
    for name, username, url in big_pages() if args.big_aanbieder else pages():
        if only is not None and name not in only:
            continue
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        result = measure(clients[username], url, args.repeat)
        results[name] = result
        ratio_sql = result["ms"] / result["raw_ms"] if result["raw_ms"] else float("nan")
        before = earlier.get(name)
        ratio = f"{result['ms'] / before['ms']:.2f}" if before else "-"
        # The ratio of CPU (this process and the database backend): hardly moved by other
        # jobs on the machine, unlike the server time.
        cpu_ratio = "-"
        if before and result["db_cpu_ms"] is not None and before.get("db_cpu_ms") is not None:
            now_cpu = result["cpu_ms"] + result["db_cpu_ms"]
            then_cpu = before["cpu_ms"] + before["db_cpu_ms"]
            cpu_ratio = f"{now_cpu / then_cpu:.2f}" if then_cpu else "-"
        db_cpu = f"{result['db_cpu_ms']:.1f}" if result["db_cpu_ms"] is not None else "-"
        print(
            f"{name:<30} {result['queries']:>7} {result['ms']:>10.1f} "
            f"{result['cpu_ms']:>7.1f} {db_cpu:>9} "
            f"{result['raw_ms'] or 0:>11.2f} {ratio_sql:>8.1f} {ratio:>16} {cpu_ratio:>9}"
        )
        if args.show_sql:
            print("    " + result["main_sql"][:600])
    if args.save:
        with open(args.save, "w") as handle:
            json.dump(results, handle, indent=1)


if __name__ == "__main__":
    main()
