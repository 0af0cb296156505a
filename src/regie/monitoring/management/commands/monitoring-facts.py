"""`regie monitoring-facts [--gemeente CBS-code ...]`: rebuild the monitoring facts from the
source tables (scheduled every hour inside Regie; safe to run at any time). The wide
monitoring views read them and show their stand (docs/architecture.md)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from regie.core.models import Municipality
from regie.monitoring import facts, services


class Command(BaseCommand):
    help = "Rebuild the monitoring facts (per person, per enrolment and year) from the source."

    def add_arguments(self, parser):
        parser.add_argument(
            "--gemeente",
            action="append",
            default=[],
            help="CBS code of a municipality (repeatable); all municipalities when omitted",
        )

    def handle(self, *args, **options):
        ids = None
        if options["gemeente"]:
            codes = options["gemeente"]
            ids = list(Municipality.objects.filter(cbs_code__in=codes).values_list("pk", flat=True))
            if len(ids) != len(set(codes)):
                raise CommandError("Onbekende CBS-code.")
        facts.rebuild(ids, stream=self.stdout)
        # The unfiltered wide views of the new stand, computed ahead (monitoring.services).
        began = time.monotonic()
        views = services.warm_wide_views(timezone.localdate())
        if views:
            self.stdout.write(
                f"Landelijke en bovenregionale overzichten vooraf berekend: {views} in "
                f"{time.monotonic() - began:.1f} s.\n"
            )
