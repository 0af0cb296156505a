"""`regie jobs-cleanup`: delete the result files of background jobs older than
RESULT_DAYS (scheduled nightly inside Regie). A result is a copy made for one download
(an extract, a SEPA file with IBANs): it is not the record itself, so it is not kept
for the record's bewaartermijn. The job row stays (who made what, when) without file.
Also removes uploads that an import job left behind (its worker killed)."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from regie.jobs.models import Job
from regie.jobs.states import ACTIVE

RESULT_DAYS = 7
UPLOAD_HOURS = 24


class Command(BaseCommand):
    help = "Delete background-job result files older than a week."

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=RESULT_DAYS)
        removed = 0
        for job in Job.objects.filter(finished_at__lt=cutoff).exclude(result=""):
            job.result.delete(save=False)
            Job.objects.filter(pk=job.pk).update(result="")
            removed += 1
        self.stdout.write(
            f"{removed} resultaatbestand(en) van taken ouder dan {RESULT_DAYS} dagen verwijderd."
        )
        self.stdout.write(f"{self._stale_uploads()} achtergebleven upload(s) verwijderd.")

    def _stale_uploads(self) -> int:
        """Uploads waiting for an import job are removed by that job when it ends; one whose
        worker was killed leaves its file behind. Removed after UPLOAD_HOURS unless a job
        that waits or runs still needs it."""
        from regie.core.jobs import IMPORT_FOLDER

        try:
            _folders, files = default_storage.listdir(IMPORT_FOLDER)
        except FileNotFoundError:
            return 0
        needed = {
            job.params.get("file")
            for job in Job.objects.filter(state__in=ACTIVE, kind="gemeente_import")
        }
        cutoff = timezone.now() - timedelta(hours=UPLOAD_HOURS)
        removed = 0
        for filename in files:
            name = IMPORT_FOLDER + filename
            if name in needed or default_storage.get_modified_time(name) >= cutoff:
                continue
            default_storage.delete(name)
            removed += 1
        return removed
