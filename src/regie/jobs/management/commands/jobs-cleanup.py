"""`regie jobs-cleanup`: delete the result files of background jobs older than
RESULT_DAYS (scheduled nightly inside Regie). A result is a copy made for one download
(an extract, a SEPA file with IBANs): it is not the record itself, so it is not kept
for the record's bewaartermijn. The job row stays (who made what, when) without file."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from regie.jobs.models import Job

RESULT_DAYS = 7


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
