"""Write a backup of the catalogue, its history and its editors' accounts (catalogue/services/backup.py)."""

from django.core.management.base import BaseCommand

from catalogue.services.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write the catalogue, its history, users, groups and API tokens to a gzip-compressed JSON Lines "
        "file (\"-\": standard output) that restore_catalogue reads. The search index and sessions are "
        "left out (the restore rebuilds the index). The file holds password hashes and tokens: keep it "
        "as private as the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="File to write, e.g. backups/catalogue-20260101.jsonl.gz, or -.")

    def handle(self, *args, path, **options):
        counts = write_backup(path)
        if options["verbosity"] and path != "-":
            self.stdout.write(
                f"wrote {path}: {sum(counts.values())} rows, {counts['catalogue.Practice']} practices, "
                f"{counts['auth.User']} users"
            )
