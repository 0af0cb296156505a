"""`regie audit-verify`: check the audit log against its keyed hash chain (regie.core.seal).

Streams every sealed row once in id order; exit status 1 and one line per problem when a
row, a seal or a purge does not match. `--from-seal N` checks only the ranges sealed or
restated since seal N (quick, e.g. hourly); `--expect NUMBER:MAC` also proves that a head
written to the external log is still there. See docs/operations.md.
"""

from django.core.management.base import BaseCommand, CommandError

from regie.core import seal


class Command(BaseCommand):
    help = "Verify the audit log against its keyed hash chain."

    def add_arguments(self, parser):
        parser.add_argument("--from-seal", type=int, default=1)
        parser.add_argument("--expect", default="", help="A head NUMBER:MAC from the log.")

    def handle(self, *args, **options):
        result = seal.verify(from_number=options["from_seal"], expect=options["expect"])
        self.stdout.write(
            f"{result.links} zegels, {result.rows} auditregels gecontroleerd, verzegeld tot en "
            f"met id {result.sealed_up_to}, nog niet verzegeld: {result.unsealed}. "
            f"Kop: {result.head or '-'}"
        )
        if result.problems:
            for problem in result.problems:
                self.stderr.write(f"AUDITLOG AANGETAST: {problem}")
            raise CommandError(f"{len(result.problems)} afwijking(en) in de auditlog")
        self.stdout.write("De auditlog klopt met de zegels.")
