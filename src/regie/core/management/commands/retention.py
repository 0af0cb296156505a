"""`regie retention [--dry-run]`: anonymise or destroy what has outlived its bewaartermijn.

Meant to run nightly (cron, systemd timer or the task queue). It works in batches, each in
its own transaction, so it can be stopped and simply run again; progress goes to stderr,
the report to stdout. See docs/security.md, 'Bewaartermijnen'.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from regie.core.models import Municipality
from regie.core.retention import run_retention


class Command(BaseCommand):
    help = "Anonymise or destroy records whose bewaartermijn has passed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report what is due; change nothing."
        )
        parser.add_argument("--municipality", help="Only this municipality (CBS code, GM....).")
        parser.add_argument("--today", help="Run as on this day (YYYY-MM-DD); default today.")
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, **options):
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(cbs_code=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"Onbekende gemeente: {options['municipality']}")
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError as error:
            raise CommandError("--today: gebruik JJJJ-MM-DD") from error

        def progress(record_type: str, done: int, total: int) -> None:
            self.stderr.write(f"bewaartermijn {record_type}: {done}/{total}")

        report = run_retention(
            today,
            dry_run=options["dry_run"],
            municipality=municipality,
            batch_size=max(1, options["batch_size"]),
            progress=progress if options["verbosity"] >= 1 else None,
        )
        for line in report.lines():
            self.stdout.write(line)
