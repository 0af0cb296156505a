"""`regie demo`: build the demo municipality (on an empty database) and print the demo
accounts. `--if-empty` does nothing when data exists; `--accounts` only prints them;
`--code` prints the current two-factor code of the demo beheerder (DEBUG only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from regie.core.models import Municipality


class Command(BaseCommand):
    help = "Bouw de demogemeente en toon de demo-accounts."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Alleen bij een lege database.")
        parser.add_argument("--accounts", action="store_true", help="Toon alleen de accounts.")
        parser.add_argument("--code", action="store_true", help="Toon de 2FA-code (alleen DEBUG).")
        parser.add_argument(
            "--scale",
            type=int,
            metavar="N",
            help="Genereer N inburgeraars met dossiers (benchmarks en belastingtests).",
        )
        parser.add_argument(
            "--municipalities",
            type=int,
            metavar="K",
            help="Verdeel de gegenereerde inburgeraars over K gemeenten (standaard N/500).",
        )
        parser.add_argument(
            "--attendance",
            type=int,
            default=0,
            metavar="M",
            help="Voeg bij --scale activiteiten, inschrijvingen en M aanwezigheden toe.",
        )

    def handle(self, *args, **options):
        from regie.demo import data

        if options["code"]:
            if not settings.DEBUG:
                raise CommandError("--code werkt alleen met DEBUG aan (lokale demo).")
            from django_otp.oath import TOTP

            print(f"{TOTP(bytes.fromhex(data.DEMO_TOTP_HEX)).token():06d}")
            return
        if options["scale"] is not None:
            self.scale(options["scale"], options["municipalities"], options["attendance"])
            return
        if not options["accounts"]:
            if Municipality.objects.exists():
                if options["if_empty"]:
                    self.stdout.write("De database bevat al gegevens; demo niet opnieuw geladen.")
                else:
                    raise CommandError(
                        "De database bevat al gegevens. De demo wordt alleen in een lege "
                        "database geladen."
                    )
            else:
                builder = data.DemoBuilder()
                builder.build()
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Demogemeente geladen: {len(builder.people)} inburgeraars, "
                        f"{len(builder.users)} gebruikers."
                    )
                )
        self.stdout.write(data.accounts_text())

    def scale(self, n: int, municipalities: int | None, attendance: int = 0) -> None:
        from regie.demo.scale import ScaleBuilder

        if n < 1:
            raise CommandError("--scale moet een positief aantal zijn.")
        try:
            counts = ScaleBuilder(n, municipalities, attendance=max(0, attendance)).build()
        except ValueError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{value:,} {name}" for name, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Gegenereerd: {summary}."))
        # The wide monitoring views read facts rebuilt hourly; build them now, so the
        # generated data is not shown live and slow until the first scheduled run.
        from regie.monitoring import facts

        facts.rebuild(stream=self.stdout)
