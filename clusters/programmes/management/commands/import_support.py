import json
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from clusters.programmes.importing import MAX_BYTES, support_import


class Command(BaseCommand):
    help = (
        "Import support rows (the columns of fixtures/support.csv) from CSV. All or nothing: one bad row and "
        "nothing is written. New rows are drafts unless --publish (which needs --user with the right)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
        parser.add_argument("--publish", action="store_true", help="publish the rows written")
        parser.add_argument("--user", help="staff user name recorded in the history (and whose right to publish "
                                           "--publish needs)")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--lang", choices=[code for code, _name in settings.LANGUAGES],
                            default=settings.LANGUAGE_CODE,
                            help="language of the problem messages (default: the portal's, Arabic)")

    def handle(self, path, dry_run, publish, **options):
        with translation.override(options["lang"]):
            self._import(path, dry_run, publish, options)

    def _import(self, path, dry_run, publish, options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"no such file: {path}")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20})
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no such user: {options['user']}")
        if publish and user is None:
            raise CommandError(_("--publish needs --user: the name of a staff member allowed to publish."))
        try:
            report = support_import(file.read_bytes(), file.name, user=user, dry_run=dry_run, publish=publish)
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self._print(report)
        if not report.ok:
            sys.exit(1)

    def _print(self, report):
        for problem in report.errors:
            where = _("row %(row)s") % {"row": problem.row} if problem.row else _("file")
            self.stderr.write(f"{where}, {problem.field or '-'}: {problem.reason}")
        if not report.ok:
            self.stderr.write(_("%(count)d problem(s); nothing was written.") % {"count": len(report.errors)})
            return
        summary = report.summary
        line = _("created %(create)d, updated %(update)d, unchanged %(unchanged)d") % summary
        if report.dry_run:
            self.stdout.write(_("Dry run, nothing written: %(summary)s") % {"summary": line})
        else:
            self.stdout.write(_("Imported: %(summary)s") % {"summary": line})
