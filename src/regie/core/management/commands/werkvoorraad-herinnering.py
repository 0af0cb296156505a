"""`regie werkvoorraad-herinnering [--datum 2026-09-15]`: e-mail each user whose
werkvoorraad has items due today or newly overdue (regie.core.reminders). Scheduled every
werkdag morning inside Regie (regie.jobs.schedule); prints what it did, which the
beheerder reads on Beheer → Geplande taken."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from regie.core.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail users whose werkvoorraad has items due today or newly overdue."

    def add_arguments(self, parser):
        parser.add_argument("--datum", help="as if it were this day (YYYY-MM-DD)")

    def handle(self, *args, datum=None, **options):
        try:
            today = date.fromisoformat(datum) if datum else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Ongeldige datum: {datum} (gebruik JJJJ-MM-DD)") from error
        summary = send_reminders(today)
        for line in summary.lines():
            self.stdout.write(line)
        if summary.failed:
            raise CommandError(f"Herinnering mislukt voor {len(summary.failed)} gebruiker(s)")
