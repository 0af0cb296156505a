"""`regie audit-seal`: chain the audit rows committed since the last run into the keyed
hash chain (regie.core.seal). Meant to run every few minutes (cron, systemd timer, and
later the background-job scheduler); each run is short and safe to repeat. The head it
prints (and logs on the `regie.audit` logger) belongs in a log kept outside the database,
so `regie audit-verify --expect` can prove the newest seals were not removed.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from regie.core import seal


class Command(BaseCommand):
    help = "Seal the audit log's new rows into the keyed hash chain."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=seal.SEAL_BATCH)

    def handle(self, *args, **options):
        try:
            made = seal.seal(batch=max(1, options["batch_size"]))
        except OperationalError as error:  # lock_timeout: a long transaction held the log
            raise CommandError(f"niet verzegeld, probeer het later opnieuw: {error}") from error
        if not made:
            self.stdout.write("Niets te verzegelen.")
            return
        rows = sum(link.count for link in made)
        head = made[-1]
        self.stdout.write(
            f"{rows} auditregels verzegeld in {len(made)} zegel(s), tot en met id "
            f"{head.last_id}. Kop: {head.number}:{head.mac}"
        )
