from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from clusters.management.command_line import ImportCommand
from clusters.programmes.importing import MAX_BYTES, support_import


class Command(ImportCommand):
    help = (
        "Import support rows (the columns of fixtures/support.csv) from CSV. All or nothing: one bad row and "
        "nothing is written. New rows are drafts unless --publish (which needs --user with the right)."
    )

    publish_help = "publish the rows written"
    user_help = "staff user name recorded in the history (and whose right to publish --publish needs)"

    def run_import(self, file, *, dry_run, publish, user, options):
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20})
        if publish and user is None:
            raise CommandError(_("--publish needs --user: the name of a staff member allowed to publish."))
        try:
            report = support_import(file.read_bytes(), file.name, user=user, dry_run=dry_run, publish=publish)
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        return report

    def report_print(self, report):
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
