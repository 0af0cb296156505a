"""`regie plan matching|week INSTANCE.json [-o OUT.json] [--greedy] [--time-limit S]`.

Solves a planning instance from JSON outside the web app: maatje matching or the
integraal weekprogramma (PLANNING.md, docs/planning.md). All the work is done by
``regie.planning.cli.main``, which is pure Python; this command only hands it the raw
arguments, so its own argument parsing, messages and exit status (2 for bad input)
apply unchanged.
"""

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError

from regie.planning.cli import main


class Command(BaseCommand):
    help = "Solve a maatje-matching or weekprogramma instance (JSON in, JSON out)."

    def run_from_argv(self, argv):
        # argv is ['regie', 'plan', ...]: Django's own option parsing is bypassed so that
        # `regie plan week x.json -o y.json` reaches the planning CLI as it was typed.
        sys.exit(main(argv[2:]))

    def add_arguments(self, parser):
        parser.add_argument("args", nargs=argparse.REMAINDER)

    def handle(self, *args, **options):
        # Reached through call_command("plan", "week", "x.json", ...).
        status = main(list(args))
        if status:
            raise CommandError(f"regie plan eindigde met status {status}", returncode=status)
