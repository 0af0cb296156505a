"""`regie configdocs`: print docs/configuration.md, generated from regie.conf.VARIABLES."""

from django.core.management.base import BaseCommand

from regie.conf import configuration_markdown


class Command(BaseCommand):
    help = "Print the configuration reference (docs/configuration.md)."

    def handle(self, *args, **options):
        self.stdout.write(configuration_markdown(), ending="")
