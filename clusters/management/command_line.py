"""What the management commands share: --lang, and the import commands' arguments and run.

The import commands (import_clusters, import_support) both take a file,
--dry-run, --publish, --user, --json and --lang, look the file and the user
up the same way, speak the chosen language throughout, and exit 1 when the
report has problems; only the import itself and the report's wording differ,
in each command's `run_import` and `report_print`.
"""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation


def language_argument(parser, help_text: str) -> None:
    """--lang: management commands run in whatever language is active unless told (LANGUAGE_CODE here)."""
    parser.add_argument("--lang", choices=[code for code, _name in settings.LANGUAGES],
                        default=settings.LANGUAGE_CODE, help=help_text)


class ImportCommand(BaseCommand):
    publish_help = "publish what is written"
    user_help = "username the history records as the author"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
        parser.add_argument("--publish", action="store_true", help=self.publish_help)
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--user", help=self.user_help)
        language_argument(parser, "language of the problem messages (default: the portal's, Arabic)")

    def handle(self, path, dry_run, publish, **options):
        with translation.override(options["lang"]):
            file = Path(path)
            if not file.is_file():
                raise CommandError(f"no such file: {path}")
            user = None
            if options.get("user"):
                # An account that may no longer sign in does not author changes either.
                user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
                if user is None:
                    raise CommandError(f"no such active user: {options['user']}")
            report = self.run_import(file, dry_run=dry_run, publish=publish, user=user, options=options)
            if options["json"]:
                self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            else:
                self.report_print(report)
        if not report.ok:
            sys.exit(1)

    def run_import(self, file: Path, *, dry_run: bool, publish: bool, user, options: dict):
        """The report of importing `file`, which has `ok` and `as_dict()`."""
        raise NotImplementedError

    def report_print(self, report) -> None:
        raise NotImplementedError
