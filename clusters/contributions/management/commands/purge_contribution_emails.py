"""Blank visitors' contact emails older than the retention period. Schedule it daily (README)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clusters.contributions.services import contribution_emails_purge


class Command(BaseCommand):
    help = ("Delete the contact email of contributions older than CONTRIBUTION_EMAIL_RETENTION_DAYS "
            "(default 180); the contributions themselves are kept.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="Retention in days (default: the CONTRIBUTION_EMAIL_RETENTION_DAYS setting).")

    def handle(self, *args, days=None, **options):
        if days is None:
            days = int(getattr(settings, "CONTRIBUTION_EMAIL_RETENTION_DAYS", 180))
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        count = contribution_emails_purge(days)
        if options["verbosity"]:
            self.stdout.write(f"Contact emails deleted: {count} (older than {days} days).")
