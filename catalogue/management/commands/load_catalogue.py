from django.core.management.base import BaseCommand

from catalogue.services.loader import load_catalogue


class Command(BaseCommand):
    help = (
        "Load every fixture under fixtures/ in dependency order. Idempotent: rows are matched on natural "
        "keys; existing rows are kept unless --update; rows editors created are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite rows that come from the fixtures with the fixtures' values.",
        )

    def handle(self, *args, update=False, **options):
        report = load_catalogue(update=update)
        if options["verbosity"] == 0:
            return
        for bucket in ("created", "updated", "kept", "deleted_by_editors"):
            counts = getattr(report, bucket)
            if counts:
                detail = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
                self.stdout.write(f"{bucket.replace('_', ' ')}: {sum(counts.values())} ({detail})")
