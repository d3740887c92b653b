from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clusters.importing import cluster_import
from clusters.models import Cluster
from clusters.services import governorate_load_geojson, sector_load_csv

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = (
        "Load the seed data: governorates and sectors that are missing, and the seed clusters "
        "(published) only when the database holds no clusters. Never overwrites staff edits."
    )

    def handle(self, **options):
        governorates = governorate_load_geojson((FIXTURES / "governorates.geojson").read_bytes())
        sectors = sector_load_csv((FIXTURES / "sectors.csv").read_bytes())
        self.stdout.write(f"seed: governorates {governorates}, sectors {sectors}")
        if Cluster.objects.exists():
            self.stdout.write("seed: clusters already present; left as they are")
            return
        report = cluster_import((FIXTURES / "clusters.csv").read_bytes(), "clusters.csv", publish=True)
        if not report.ok:
            raise CommandError(f"seed clusters failed: {report.file_error or report.errors}")
        self.stdout.write(f"seed: clusters {report.summary}, {len(report.warnings)} warning(s)")
