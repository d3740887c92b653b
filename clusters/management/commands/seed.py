from django.core.management.base import BaseCommand, CommandError

from clusters.programmes.seeding import programmes_seed_all
from clusters.seeding import clusters_seed, governorates_seed, sectors_seed


class Command(BaseCommand):
    help = (
        "Load the seed data: governorates and sectors that are missing, and the seed clusters "
        "(published) only when the database holds no clusters. Never overwrites staff edits."
    )

    def handle(self, **options):
        governorates = governorates_seed()
        sectors = sectors_seed()
        self.stdout.write(f"seed: governorates {governorates}, sectors {sectors}")
        report = clusters_seed()
        if report is None:
            self.stdout.write("seed: clusters already present; left as they are")
        elif not report.ok:
            raise CommandError(f"seed clusters failed: {report.file_error or report.errors}")
        else:
            self.stdout.write(f"seed: clusters {report.summary}, {len(report.warnings)} warning(s)")
        # After the clusters, which the support rows point to; adds only what is new, like the rest.
        try:
            self.stdout.write(f"seed: {programmes_seed_all()}")
        except ValueError as error:
            raise CommandError(f"seed programmes failed: {error}") from None
