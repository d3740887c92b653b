from pathlib import Path

from django.core.management.base import BaseCommand

from clusters.seeding import governorates_seed


class Command(BaseCommand):
    help = "Add Egypt's governorates from a GeoJSON file; existing ones are kept unless --update."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="GeoJSON file (default: fixtures/governorates.geojson)")
        parser.add_argument("--update", action="store_true", help="overwrite names, aliases and boundaries")

    def handle(self, path, update, **options):
        counts = governorates_seed(Path(path) if path else None, update=update)
        self.stdout.write(f"governorates: {counts}")
