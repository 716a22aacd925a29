"""Make the catalogue hold exactly N synthetic practices, for tests and benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from catalogue.services.synthetic import refresh_planner_statistics, synchronise


class Progress:
    """A progress bar on a terminal, a line every tenth otherwise (logs, CI).

    `stream` is a command's OutputWrapper (self.stderr), which adds no line ending when told so.
    """

    def __init__(self, stream, width=40):
        self.stream, self.width = stream, width
        self.tty = stream.isatty()
        self.started, self.shown = time.monotonic(), -1

    def __call__(self, done, total):
        tenth = done * 10 // total
        if not self.tty and tenth == self.shown:
            return
        self.shown = tenth
        filled = self.width * done // total
        seconds = time.monotonic() - self.started
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} practices, {seconds:.0f} s"
        self.stream.write(("\r" + line) if self.tty else line + "\n", ending="")
        if self.tty and done == total:
            self.stream.write("")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Make the catalogue hold exactly --practices synthetic practices (deterministic for --seed), "
        "marked as synthetic, adding or removing only synthetic rows; --practices 0 removes them all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--practices", type=int, required=True, help="How many (0 removes them all).")
        parser.add_argument("--seed", type=int, default=0, help="The same seed gives the same practices.")

    def handle(self, *args, practices, seed, **options):
        if practices < 0 or seed < 0:
            raise CommandError("--practices and --seed are whole numbers from 0.")
        progress = Progress(self.stderr) if options["verbosity"] > 0 else None
        started = time.monotonic()
        try:
            report = synchronise(practices, seed=seed, progress=progress)
        except ValueError as error:
            raise CommandError(str(error)) from error
        refresh_planner_statistics()  # VACUUM too, now that the transaction has committed
        if options["verbosity"] > 0:
            self.stdout.write(
                f"{report.total} synthetic practices (seed {seed}): {report.created} made, "
                f"{report.removed} removed, in {time.monotonic() - started:.1f} s"
            )
