from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from clusters.services import governorate_load_geojson

DEFAULT = Path(settings.BASE_DIR) / "fixtures" / "governorates.geojson"


class Command(BaseCommand):
    help = "Add Egypt's governorates from a GeoJSON file; existing ones are kept unless --update."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT))
        parser.add_argument("--update", action="store_true", help="overwrite names and boundaries")

    def handle(self, path, update, **options):
        counts = governorate_load_geojson(Path(path).read_bytes(), update=update)
        self.stdout.write(f"governorates: {counts}")
