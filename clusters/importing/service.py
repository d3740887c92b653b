"""cluster_import: the one import code path, for the command line and the admin.

It checks every record first and writes only when none has an error, inside
one transaction, so a file is taken whole or not at all.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from clusters.importing.limits import import_limits_check
from clusters.importing.readers import ImportFileError, read_records
from clusters.importing.validation import CheckedRecord, Problem, RecordChecker
from clusters.models import Cluster, Governorate, Sector

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
PROGRESS_EVERY = 500


@dataclass
class ImportReport:
    filename: str
    unit: str = "row"
    actions: list[tuple[int, str, str]] = field(default_factory=list)  # (number, slug, action)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    file_error: str | None = None
    written: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error

    def count(self, action: str) -> int:
        return sum(1 for _n, _s, a in self.actions if a == action)

    @property
    def summary(self) -> dict:
        return {CREATE: self.count(CREATE), UPDATE: self.count(UPDATE), UNCHANGED: self.count(UNCHANGED)}

    def as_dict(self) -> dict:
        return {
            "filename": self.filename,
            "ok": self.ok,
            "written": self.written,
            "dry_run": self.dry_run,
            "file_error": self.file_error,
            "summary": self.summary,
            "actions": [{self.unit: n, "slug": s, "action": a} for n, s, a in self.actions],
            "errors": [p.as_dict(self.unit) for p in self.errors],
            "warnings": [p.as_dict(self.unit) for p in self.warnings],
        }


def _same(current, new) -> bool:
    if hasattr(current, "equals_exact") or hasattr(new, "equals_exact"):
        if current is None or new is None:
            return current is None and new is None
        return current.equals_exact(new, tolerance=1e-9)
    return current == new


def _plan(checked: CheckedRecord, existing: Cluster | None) -> tuple[str, dict]:
    if existing is None:
        return CREATE, checked.values
    changes = {
        name: value for name, value in checked.values.items()
        if name != "slug" and not _same(getattr(existing, name), value)
    }
    return (UPDATE if changes else UNCHANGED), changes


def cluster_import(
    content: bytes,
    filename: str,
    *,
    publish: bool = False,
    dry_run: bool = False,
    user=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check a file of clusters and, unless dry_run or any record has an error, write it.

    New clusters are drafts unless publish is set; publish also publishes the
    existing clusters the file names. Existing clusters otherwise keep their status.
    """
    report = ImportReport(filename=filename, dry_run=dry_run)
    try:
        # Over a size limit, the file is refused before any record is built.
        import_limits_check(content, filename)
        read = read_records(content, filename)
    except ImportFileError as exc:
        report.file_error = str(exc)
        return report
    report.unit = read.unit
    if not read.records:
        report.file_error = _("The file holds no clusters.")
        return report

    checker = RecordChecker(
        sectors={s.slug: s for s in Sector.objects.all()},
        governorates={g.iso_code: g for g in Governorate.objects.all()},
    )
    slugs = [r.data.get("slug", "") for r in read.records]
    existing = {c.slug: c for c in Cluster.objects.filter(slug__in=[s for s in slugs if s])}
    plans = []
    total = len(read.records)
    for index, record in enumerate(read.records, start=1):
        checked = checker.check(record)
        report.errors += checked.errors
        report.warnings += checked.warnings
        if not checked.errors:
            current = existing.get(checked.slug)
            action, changes = _plan(checked, current)
            if publish and (current is None or current.status != Cluster.Status.PUBLISHED):
                changes["status"] = Cluster.Status.PUBLISHED
                action = action if action == CREATE else UPDATE
            report.actions.append((record.number, checked.slug, action))
            plans.append((action, checked.slug, changes, current))
        if progress and (index % PROGRESS_EVERY == 0 or index == total):
            progress(index, total)

    if not report.ok or dry_run:
        return report
    try:
        with transaction.atomic():
            for action, slug, changes, current in plans:
                if action == UNCHANGED:
                    continue
                cluster = current or Cluster(slug=slug)
                for name, value in changes.items():
                    setattr(cluster, name, value)
                if current is not None:
                    cluster.version += 1
                cluster._history_user = user
                cluster._change_reason = _("Imported from %(file)s") % {"file": filename}
                cluster.save()
    except DatabaseError as exc:
        report.file_error = _("The database refused the import, so nothing was written: %(reason)s") % {
            "reason": exc
        }
        return report
    report.written = True
    return report
