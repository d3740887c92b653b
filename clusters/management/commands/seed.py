from django.core.management.base import BaseCommand, CommandError

from clusters.programmes.seeding import programmes_seed_all
from clusters.seeding import clusters_seed, governorates_seed, sectors_seed
from clusters.services import cluster_refresh_stale_search_text


class Command(BaseCommand):
    help = (
        "Load the seed data: governorates and sectors that are missing, and the seed clusters "
        "(published) that this database never held, so a re-run is also the upgrade to a new batch. "
        "Never overwrites staff edits and never re-adds a cluster staff deleted."
    )

    def handle(self, **options):
        governorates = governorates_seed()
        sectors = sectors_seed()
        self.stdout.write(f"seed: governorates {governorates}, sectors {sectors}")
        # Texts from before sector names counted in search (issue 11) are brought up to date, once.
        refreshed = cluster_refresh_stale_search_text()
        if refreshed:
            self.stdout.write(f"seed: search text rebuilt for {refreshed} cluster(s)")
        reports = clusters_seed()
        if not reports:
            self.stdout.write("seed: every seed cluster was loaded before; left as they are")
        for report in reports:
            if not report.ok:
                raise CommandError(f"seed clusters failed ({report.filename}): {report.file_error or report.errors}")
            self.stdout.write(f"seed: clusters from {report.filename} {report.summary}, "
                              f"{len(report.warnings)} warning(s)")
        # After the clusters, which the support rows point to; adds only what is new, like the rest.
        try:
            self.stdout.write(f"seed: {programmes_seed_all()}")
        except ValueError as error:
            raise CommandError(f"seed programmes failed: {error}") from None
