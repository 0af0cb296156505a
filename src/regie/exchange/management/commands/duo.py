"""`regie duo import FILE` reads DUO signals (CSV, XLSX or JSON, docs/exchange.md) all or
nothing with a row report; `regie duo export GM0294 [--format json] [-o FILE]` writes the
open meldingen (the facts of Besluit art. 9.2 lid 2 and 9.3 lid 2, docs/exchange.md) and
marks them gemeld."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regie.core import audit
from regie.core.models import Municipality
from regie.exchange import exports, imports
from regie.exchange.adapters.base import FormatError, adapter


class Command(BaseCommand):
    help = "Uitwisseling met DUO: signalen inlezen, meldingen exporteren."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        read = sub.add_parser("import", help="DUO-signalen inlezen")
        read.add_argument("file")
        read.add_argument("--variant", default="bestand")
        write = sub.add_parser("export", help="Meldingen aan DUO exporteren")
        write.add_argument("gemeentecode")
        write.add_argument("--format", choices=["csv", "json"], default="csv")
        write.add_argument("-o", "--output")

    def handle(self, *args, **options):
        with audit.actor(audit.Actor(None, "regie duo", "", "", "regie duo")):
            if options["action"] == "import":
                return self.do_import(options)
            return self.do_export(options)

    def do_import(self, options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"{path} bestaat niet.")
        try:
            with path.open("rb") as source:
                rows = adapter("duo", options["variant"]).read_signals(source, path.name)
        except FormatError as exc:
            raise CommandError(str(exc)) from None
        report = imports.import_duo_signals(rows, None, path.name)
        for result in report.results:
            self.stdout.write(
                f"rij {result.number}: {result.action} {result.key} {'; '.join(result.messages)}"
            )
        counts = report.as_dict()["aantallen"]
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
        if not report.applied:
            raise CommandError("Niets verwerkt: er zijn foute rijen.")

    def do_export(self, options):
        municipality = Municipality.objects.filter(cbs_code=options["gemeentecode"]).first()
        if municipality is None:
            raise CommandError("Onbekende gemeentecode.")
        export, count = exports.export_duo_meldingen(municipality, options["format"])
        if options["output"]:
            Path(options["output"]).write_bytes(export.content)
        else:
            sys.stdout.buffer.write(export.content)
        self.stderr.write(f"{count} meldingen in {export.filename}")
