"""`regie worker [--beat] [--concurrency N]`: the background-job worker (Celery), with the
scheduler embedded when --beat is given (one machine, `make run`). In production run
web, worker and beat as separate processes (docs/operations.md); `celery -A regie
worker` and `celery -A regie beat` are the same programs."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background-job worker (and with --beat the scheduler)."

    def add_arguments(self, parser):
        parser.add_argument("--beat", action="store_true", help="Also run the scheduler.")
        parser.add_argument(
            "--concurrency", type=int, default=0, help="Processes (default: the cores)."
        )
        parser.add_argument("--loglevel", default="INFO")
        parser.add_argument("--queues", default="", help="Comma-separated queues (default: all).")

    def handle(self, *args, **options):
        from regie.celery import app

        argv = [
            "worker",
            f"--loglevel={options['loglevel']}",
            "--without-gossip",
            "--without-mingle",
        ]
        if options["concurrency"]:
            argv.append(f"--concurrency={options['concurrency']}")
        if options["beat"]:
            argv.append("--beat")
        if options["queues"]:
            argv.append(f"--queues={options['queues']}")
        app.worker_main(argv)
