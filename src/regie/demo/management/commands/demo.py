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

    def handle(self, *args, **options):
        from regie.demo import data

        if options["code"]:
            if not settings.DEBUG:
                raise CommandError("--code werkt alleen met DEBUG aan (lokale demo).")
            from django_otp.oath import TOTP

            print(f"{TOTP(bytes.fromhex(data.DEMO_TOTP_HEX)).token():06d}")
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
