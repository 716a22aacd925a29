"""Restore a backup written by backup_catalogue into an empty, migrated database."""

from django.core.management.base import BaseCommand, CommandError

from catalogue.services.backup import RestoreRefused, restore


class Command(BaseCommand):
    help = (
        "Load a backup written by backup_catalogue (\"-\": standard input) into a migrated database that "
        "holds no catalogue, history or users, then rebuild the search index; all in one transaction. "
        "--force deletes what the database holds first (sessions included)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Backup file (….jsonl.gz), or - for standard input.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the catalogue, history, users and tokens this database holds with the backup's.",
        )

    def handle(self, *args, path, force, **options):
        try:
            report = restore(path, force=force)
        except RestoreRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        if options["verbosity"]:
            self.stdout.write(
                f"restored {sum(report.rows.values())} rows, {report.rows['catalogue.Practice']} practices, "
                f"{report.rows['auth.User']} users; search index: {report.indexed} practices"
            )
