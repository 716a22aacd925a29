from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regions import mapbuild


class Command(BaseCommand):
    help = (
        "Build regions/data/world.json (the map of /statistics/) from world-atlas' Natural Earth "
        "TopoJSON in node_modules (npm ci first). Nothing reads node_modules at run time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(mapbuild.SOURCE), help="The TopoJSON file to read.")
        parser.add_argument("--output", default=str(mapbuild.OUTPUT), help="The JSON file to write.")

    def handle(self, *args, source, output, **options):
        if not Path(source).exists():
            raise CommandError(f"{source} not found: run `npm ci` (world-atlas is a devDependency).")
        data = mapbuild.write(source, output)
        size = Path(output).stat().st_size
        self.stdout.write(
            f"{output}: {len(data['countries'])} countries, {len(data['markers'])} markers, {size} bytes"
        )
        if data["unknown"]:
            self.stdout.write(f"not drawn as countries: {', '.join(data['unknown'])}")
