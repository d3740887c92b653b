from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusters.history_reasons import COMMAND_LINE_IMPORT, history_reason
from clusters.importing import ImportReport, cluster_import
from clusters.importing.limits import ImportTooLarge, import_bytes_check
from clusters.management.command_line import ImportCommand
from clusters.wording import import_counts_text


class Command(ImportCommand):
    help = (
        "Import clusters from CSV, GeoJSON, GeoPackage or a zipped Shapefile. All or nothing: "
        "one bad row and nothing is written. New clusters are drafts unless --publish."
    )

    publish_help = "publish every cluster in the file"
    user_help = ("username the history records as the author (default: none, with the reason \"command line "
                 "import\"); with --publish the user needs the publish permission")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--encoding", help="code page of a zipped Shapefile without a .cpg file, e.g. CP1256 "
            "(default: detected, UTF-8 or Arabic Windows CP1256)",
        )

    def run_import(self, file, *, dry_run, publish, user, options):
        def progress(done, total):
            if total >= 1000:
                self.stderr.write(f"\rchecked {done}/{total} records", ending="")
                if done == total:
                    self.stderr.write("")

        try:
            # Refused by its size before a byte is read, as the admin refuses an upload.
            import_bytes_check(file.stat().st_size)
        except ImportTooLarge as exc:
            report = ImportReport(filename=file.name, dry_run=dry_run, file_error=str(exc))
        else:
            report = cluster_import(
                file.read_bytes(), file.name, publish=publish, dry_run=dry_run, progress=progress, user=user,
                encoding=options.get("encoding"),
                reason=None if user else history_reason(COMMAND_LINE_IMPORT, file.name),
            )
        return report

    def report_print(self, report):
        unit = _("row") if report.unit == "row" else _("feature")
        if report.file_error:
            self.stderr.write(self.style.ERROR(f"{report.filename}: {report.file_error}"))
            return
        for kind, problems, style in ((_("error"), report.errors, self.style.ERROR),
                                      (_("warning"), report.warnings, self.style.WARNING)):
            for p in problems:
                place = f"{unit} {p.number} ({p.slug or '-'})" if p.number else _("columns")
                self.stderr.write(style(f"{kind}: {place} {p.field}: {p.message}"))
        for number, slug, action in report.actions:
            if action == "update":
                self.stdout.write(_("%(unit)s %(number)s: %(slug)s will change:") % {
                    "unit": unit, "number": number, "slug": slug} if report.dry_run else
                    _("%(unit)s %(number)s: %(slug)s changed:") % {"unit": unit, "number": number, "slug": slug})
                for change in report.changes.get(slug, []):
                    self.stdout.write(f"  {change['field']}: {change['old']} -> {change['new']}")
        # Past tense only once written; parts joined with the language's comma (clusters.wording).
        counts = import_counts_text(report.summary, written=report.written)
        if report.errors:
            self.stderr.write(self.style.ERROR(ngettext(
                "%(errors)s error: nothing was written (the file would give %(counts)s).",
                "%(errors)s errors: nothing was written (the file would give %(counts)s).",
                len(report.errors)) % {"errors": len(report.errors), "counts": counts}))
        elif report.dry_run:
            self.stdout.write(_("Dry run, nothing written: %(counts)s.") % {"counts": counts})
        else:
            self.stdout.write(self.style.SUCCESS(_("Imported: %(counts)s.") % {"counts": counts}))
