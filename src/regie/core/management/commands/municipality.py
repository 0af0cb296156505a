"""`regie municipality export GM0294 out.json` and `regie municipality import out.json
[--into GM0295]`: move one municipality's data between installations (regie.core.
portability). The file holds personal data: it is written readable by its owner only,
the export and import are audit-logged, and it must be moved over an encrypted channel
and deleted after the import (docs/operations.md)."""

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from regie.core import audit
from regie.core.models import AuditAction, Municipality
from regie.core.portability import (
    ImportRejected,
    PortabilityError,
    export_municipality,
    import_municipality,
    not_carried_lines,
)

ACTOR = audit.Actor(None, "regie municipality", "", "", "regie municipality")


class Command(BaseCommand):
    help = "Export or import one municipality's data (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("operands", nargs="+", help="export: CODE FILE; import: FILE")
        parser.add_argument("--into", help="import: into this municipality (CBS code)")

    def handle(self, *args, action, operands, into=None, **options):
        if action == "export":
            if len(operands) != 2:
                raise CommandError("Gebruik: regie municipality export GM0294 bestand.json")
            code, path = operands
            municipality = Municipality.objects.filter(cbs_code=code).first()
            if municipality is None:
                raise CommandError(f"Onbekende gemeente: {code}")
            try:
                data = export_municipality(municipality)
            except PortabilityError as error:
                raise CommandError(str(error)) from error
            target = Path(path)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
            audit.log(
                AuditAction.EXPORT,
                obj=municipality,
                who=ACTOR,
                description=f"gemeente-export: {len(data['records'])} records",
            )
            self.stdout.write(f"{len(data['records'])} records geschreven naar {target}")
            self._not_carried(not_carried_lines(data))
            return
        if len(operands) != 1:
            raise CommandError("Gebruik: regie municipality import bestand.json [--into GM....]")
        try:
            data = json.loads(Path(operands[0]).read_text(encoding="utf-8"))
            report = import_municipality(data, into=into)
        except ImportRejected as error:
            for line in error.problems:
                self.stderr.write(f"  {line}")
            raise CommandError(
                f"Import mislukt, niets opgeslagen: {len(error.problems)} probleem/problemen "
                "(hierboven)"
            ) from error
        except (OSError, ValueError, KeyError, PortabilityError) as error:
            raise CommandError(f"Import mislukt, niets opgeslagen: {error}") from error
        except IntegrityError as error:
            # e.g. the same persons (BSN) or payment runs (berichtkenmerk) exist here already.
            raise CommandError(
                f"Import mislukt, niets opgeslagen: de gegevens bestaan hier al ({error})"
            ) from error
        total = sum(report.created.values())
        audit.log(
            AuditAction.CREATE,
            obj=report.municipality,
            who=ACTOR,
            description=f"gemeente-import: {total} records",
        )
        self.stdout.write(f"{total} records ingelezen in {report.municipality.cbs_code}")
        for label, count in sorted(report.created.items()):
            self.stdout.write(f"  {label}: {count}")
        if report.reused:
            self.stdout.write(
                "Bestonden hier al (gedeelde records, hergebruikt en niet gewijzigd):"
            )
            for label, count in sorted(report.reused.items()):
                self.stdout.write(f"  {label}: {count}")
        self._not_carried(report.not_carried)
        if report.missing_users:
            self.stdout.write(
                "Onbekende gebruikers (verwijzing leeg gelaten): "
                + ", ".join(sorted(report.missing_users))
            )

    def _not_carried(self, lines: list[str]) -> None:
        if lines:
            self.stdout.write(f"Niet meegenomen ({len(lines)}):")
            for line in lines:
                self.stdout.write(f"  {line}")
