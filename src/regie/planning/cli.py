"""Command line for the planning solvers: ``regie plan matching|week|plaatsing INSTANCE.json``.

``main(argv)`` takes the arguments after the word ``plan`` (argv[0] is ``matching`` or
``week``), reads the JSON instance, solves it (or runs the greedy baseline with
``--greedy``) and writes the JSON answer to stdout or to ``-o OUT.json``. Exit status: 0
on success; 2 for a usage error, an unreadable file, invalid JSON or a malformed
instance, always with a message on stderr that names the offending field.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from regie.planning.errors import InstanceError
from regie.planning.matching import greedy_matching, solve_matching
from regie.planning.plaatsing import greedy_plaatsing, solve_plaatsing
from regie.planning.week import greedy_week, solve_week

EXIT_OK = 0
EXIT_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors by exception instead of exiting the process,
    so ``main`` can be called from the Django command and from tests."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.format_usage().strip()}\n{self.prog}: fout: {message}")


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="regie plan",
        description="Maatje matching en integraal weekprogramma oplossen (zie PLANNING.md).",
    )
    sub = parser.add_subparsers(dest="problem", required=True, parser_class=_Parser)
    for name, text in (
        ("matching", "koppel nieuwkomers aan vrijwillige maatjes"),
        ("week", "plan het weekprogramma van deelnemers"),
        ("plaatsing", "stel plekken voor aan inburgeraars (docs/planning.md §3)"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument("instance", metavar="INSTANCE.json", help="invoer (JSON)")
        cmd.add_argument("-o", "--output", metavar="OUT.json", help="uitvoer naar dit bestand")
        cmd.add_argument("--greedy", action="store_true", help="alleen de greedy-basislijn")
        cmd.add_argument(
            "--time-limit", type=float, default=30.0, metavar="S",
            help="maximale rekentijd in seconden (standaard 30)",
        )
    return parser


def main(argv: list[str]) -> int:
    """Run ``plan matching|week ...``; returns the exit status (0 or 2)."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except SystemExit as exc:  # --help has been printed
        return int(exc.code or 0)
    if args.time_limit <= 0:
        print("regie plan: --time-limit moet groter dan 0 zijn", file=sys.stderr)
        return EXIT_INPUT
    try:
        with open(args.instance, encoding="utf-8") as fh:
            instance = json.load(fh)
    except OSError as exc:
        print(f"regie plan: kan {args.instance} niet lezen: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_INPUT
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"regie plan: {args.instance} is geen geldige JSON: {exc}", file=sys.stderr)
        return EXIT_INPUT
    try:
        result = _solve(args.problem, instance, args.greedy, args.time_limit)
    except InstanceError as exc:
        print(f"regie plan: ongeldige invoer in {args.instance}: {exc}", file=sys.stderr)
        return EXIT_INPUT
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            print(f"regie plan: kan {args.output} niet schrijven: {exc.strerror or exc}",
                  file=sys.stderr)
            return EXIT_INPUT
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _solve(problem: str, instance: Any, greedy: bool, time_limit: float) -> dict[str, Any]:
    if problem == "matching":
        return greedy_matching(instance) if greedy else solve_matching(instance, time_limit)
    if problem == "plaatsing":  # exact and polynomial: no time limit needed
        return greedy_plaatsing(instance) if greedy else solve_plaatsing(instance)
    return greedy_week(instance) if greedy else solve_week(instance, time_limit)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
