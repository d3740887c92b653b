"""The seed data in fixtures/, loaded so that staff edits always survive a re-run."""

import csv
import io
from pathlib import Path

from django.conf import settings

from clusters.history_reasons import SEED, history_reason
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


# In the order they were published; a test may load only the first (settings.SEED_CLUSTER_FILES).
SEED_CLUSTER_FILES = ("clusters.csv", "clusters_batch2.csv")
SEED_REASON = history_reason(SEED)


def _seed_rows_new(content: bytes, known: set[str]) -> bytes | None:
    """The file with only the rows whose slug the database has never held; None when there are none."""
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    slug = header.index("slug")
    new = [row for row in body if row and row[slug] not in known]
    if not new:
        return None
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows([header, *new])
    return out.getvalue().encode("utf-8")


def clusters_seed() -> list[ImportReport]:
    """Add the seed clusters (published) that this database has never held, file by file.

    A slug with any history row was loaded once (by an earlier seed or by
    staff): it is never re-added, even if staff deleted it since, and never
    overwritten. So a fresh database gets all the seed clusters, and an
    existing one gets only what a later batch added (batch 2's 51): running the
    seed again is the upgrade.
    """
    reports = []
    for name in getattr(settings, "SEED_CLUSTER_FILES", SEED_CLUSTER_FILES):
        path = FIXTURES / name
        if not path.exists():
            continue
        known = set(Cluster.objects.values_list("slug", flat=True))
        known |= set(Cluster.history.values_list("slug", flat=True).distinct())
        content = _seed_rows_new(path.read_bytes(), known)
        if content is None:
            continue
        report = cluster_import(content, name, publish=True, reason=SEED_REASON)
        reports.append(report)
        if not report.ok:
            break
    return reports
