"""The seed data in fixtures/, loaded so that staff edits always survive a re-run."""

from pathlib import Path

from django.conf import settings

from clusters.importing import ImportReport, cluster_import
from clusters.models import Cluster
from clusters.services import governorate_aliases_csv, governorate_load_geojson, sector_load_csv

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def governorates_seed(path: Path | None = None, *, update: bool = False) -> dict:
    aliases = governorate_aliases_csv((FIXTURES / "governorate_aliases.csv").read_bytes())
    return governorate_load_geojson(
        (path or FIXTURES / "governorates.geojson").read_bytes(), update=update, aliases=aliases
    )


def sectors_seed() -> dict:
    return sector_load_csv((FIXTURES / "sectors.csv").read_bytes())


def clusters_seed() -> ImportReport | None:
    """Load the seed clusters, published, only into a database that holds none."""
    if Cluster.objects.exists():
        return None
    return cluster_import((FIXTURES / "clusters.csv").read_bytes(), "clusters.csv", publish=True)
