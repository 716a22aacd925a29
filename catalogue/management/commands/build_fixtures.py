from django.core.management.base import BaseCommand, CommandError

from catalogue.services import fixture_builder
from catalogue.services.text import SourceParseError


class Command(BaseCommand):
    help = "Parse fixtures/sources/*.txt into the JSON fixtures under fixtures/ (deterministic)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Directory to write to (default: fixtures/).")

    def handle(self, *args, output=None, **options):
        try:
            counts = fixture_builder.write(output)
        except SourceParseError as error:
            raise CommandError(str(error)) from error
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} objects")
