"""`regie brp-check [GM0294 ...]` asks the BRP about every person the municipality works
for and puts moves out of the municipality, deaths and new addresses in the werkvoorraad
(docs/brp.md). Without codes: every municipality with an active BRP connection. Meant to
be scheduled (daily); running it twice adds nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from regie.core import audit
from regie.core.models import Municipality
from regie.exchange import brp
from regie.exchange.models import BrpKoppeling


class Command(BaseCommand):
    help = "BRP-controle: verhuizingen, overlijden en nieuwe adressen naar de werkvoorraad."

    def add_arguments(self, parser):
        parser.add_argument("gemeentecodes", nargs="*", help="CBS-codes, bijvoorbeeld GM0294")

    def handle(self, *args, **options):
        codes = options["gemeentecodes"]
        if codes:
            municipalities = list(Municipality.objects.filter(cbs_code__in=codes))
            unknown = set(codes) - {m.cbs_code for m in municipalities}
            if unknown:
                raise CommandError("Onbekende gemeentecode: " + ", ".join(sorted(unknown)))
        else:
            municipalities = [
                k.municipality
                for k in BrpKoppeling.objects.filter(actief=True).select_related("municipality")
            ]
        failed = False
        today = timezone.localdate()
        with audit.actor(audit.Actor(None, "regie brp-check", "", "", "regie brp-check")):
            for municipality in municipalities:
                with audit.trace():
                    result = brp.controle(municipality, today)
                if result.fout:
                    failed = True
                    self.stderr.write(f"{result.gemeente}: {result.fout}")
                self.stdout.write(
                    f"{result.gemeente}: {result.gevraagd} personen gevraagd, "
                    f"{result.signalen} nieuwe signalen"
                )
        if failed:
            raise CommandError("De BRP-controle is niet voor elke gemeente gelukt.")
