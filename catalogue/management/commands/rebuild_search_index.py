from django.core.management.base import BaseCommand

from catalogue.services.search_index import rebuild


class Command(BaseCommand):
    help = (
        "Write every practice's search entry and the search vocabulary afresh from the practices' texts. "
        "Writes keep them current; this is for rows written around Django (SQL, a restored dump)."
    )

    def handle(self, *args, **options):
        count = rebuild()
        if options["verbosity"]:
            self.stdout.write(f"indexed {count} practices")
