"""cluster_import: the one import code path, for the command line and the admin.

It checks every record first and writes only when none has an error, inside
one transaction (clusters.importing.writing), so a file is taken whole or not at all.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from clusters.duplicates import cluster_duplicate_names, duplicate_names_message
from clusters.editing import publish_permission_check
from clusters.history_reasons import IMPORTED, history_reason
from clusters.importing.changes import changes_shown, cluster_field_changes
from clusters.importing.columns import EDITABLE_COLUMNS, LOCATION_COLUMNS, REQUIRED_COLUMNS
from clusters.importing.columns import column_canonical, column_suggest
from clusters.importing.limits import import_limits_check
from clusters.importing.lookups import Lookups
from clusters.importing.readers import ImportFileError, ReadResult, read_records
from clusters.importing.validation import Problem, RecordChecker
from clusters.importing.writing import import_plans_write
from clusters.models import Cluster, Governorate, Sector
from clusters.placement import placement_rule

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
PROGRESS_EVERY = 500


@dataclass
class ImportReport:
    filename: str
    unit: str = "row"
    actions: list[tuple[int, str, str]] = field(default_factory=list)  # (number, slug, action)
    changes: dict[str, list[dict]] = field(default_factory=dict)  # slug -> [{field, old, new}] of each update
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    file_error: str | None = None
    written: bool = False
    dry_run: bool = False
    # slug -> [version, status] of each cluster the file names as the check found it, None for a new slug:
    # what a confirmation gives back as `seen`, so that it writes what the preview showed or nothing.
    seen: dict[str, list | None] = field(default_factory=dict)

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
            "actions": [
                {self.unit: n, "slug": s, "action": a, **({"changes": self.changes[s]} if a == UPDATE else {})}
                for n, s, a in self.actions
            ],
            "errors": [p.as_dict(self.unit) for p in self.errors],
            "warnings": [p.as_dict(self.unit) for p in self.warnings],
        }


@dataclass
class _Plan:
    action: str
    slug: str
    values: dict  # all the record's values (a new cluster) or only what changes (an update)
    version: int | None = None
    cluster_id: int | None = None
    # The status the check saw: an unpublish made meanwhile does not move the version, so it is compared too.
    status: str | None = None


def columns_check(read: ReadResult) -> tuple[dict[str, str], list[Problem]]:
    """Map the file's columns to ours; one problem per unknown column and one for the missing ones.

    Nothing is dropped silently: a column the importer does not know is an
    error naming the closest known one, and a file is refused before its rows
    are looked at when a required column is missing.
    """
    mapping, problems = {}, []
    for name in {n for n in read.columns if read.columns.count(n) > 1}:
        problems.append(Problem(0, "", name, _("the column “%(column)s” appears more than once.") % {"column": name}))
    for name in read.columns:
        canonical = column_canonical(name)
        if canonical is None:
            suggestion = column_suggest(name)
            message = _("unknown column “%(column)s”.") % {"column": name}
            if suggestion:
                message += " " + _("Did you mean “%(suggestion)s”?") % {"suggestion": suggestion}
            else:
                message += " " + _("Known columns: %(columns)s.") % {"columns": ", ".join(EDITABLE_COLUMNS)}
            problems.append(Problem(0, "", name, message))
        elif canonical and (canonical not in mapping.values() or name == canonical):
            # A file with both governorate_iso and the export's governorate reads the former.
            mapping = {k: v for k, v in mapping.items() if v != canonical}
            mapping[name] = canonical
    present = set(mapping.values())
    missing = [c for c in REQUIRED_COLUMNS if c not in present]
    if not read.has_geometry:
        missing += [c for c in LOCATION_COLUMNS if c not in present]
    if missing:
        problems.append(Problem(0, "", ", ".join(missing), _(
            "required column(s) missing: %(columns)s. The file's columns are: %(found)s."
        ) % {"columns": ", ".join(missing), "found": ", ".join(read.columns) or "—"}))
    return mapping, problems


def _rename(read: ReadResult, mapping: dict[str, str]) -> None:
    for record in read.records:
        record.data = {mapping[k]: v for k, v in record.data.items() if k in mapping}


def _plan(checked, existing: Cluster | None, publish: bool) -> _Plan:
    if existing is None:
        return _Plan(CREATE, checked.slug, checked.values)
    changes = cluster_field_changes(existing, checked.values)
    if publish and existing.status != Cluster.Status.PUBLISHED:
        changes["status"] = Cluster.Status.PUBLISHED
    return _Plan(UPDATE if changes else UNCHANGED, checked.slug, changes, existing.version, existing.pk,
                 existing.status)


def _duplicate_name_warnings(report: ImportReport, plans: list[_Plan], existing: dict) -> list[Problem]:
    """Rows that create a cluster or rename one to a name another cluster has: warned, not refused."""
    named = []
    for plan in plans:
        if plan.action == CREATE or {"name_ar", "name_en"} & plan.values.keys():
            current = existing.get(plan.slug)
            named.append((plan.slug, plan.values.get("name_ar", current.name_ar if current else ""),
                          plan.values.get("name_en", current.name_en if current else "")))
    numbers = {slug: number for number, slug, _action in report.actions}
    return [Problem(numbers.get(slug), slug, "name_ar", duplicate_names_message(others))
            for slug, others in cluster_duplicate_names(named).items()]


def cluster_import(
    content: bytes,
    filename: str,
    *,
    publish: bool = False,
    dry_run: bool = False,
    user=None,
    progress: Callable[[int, int], None] | None = None,
    encoding: str | None = None,
    reason: str | None = None,
    write_progress: Callable[[int, int], None] | None = None,
    seen: dict | None = None,
) -> ImportReport:
    """Check a file of clusters and, unless dry_run or any record has an error, write it.

    New clusters are drafts unless publish is set; publish also publishes the
    existing clusters the file names (and needs the permission). Existing
    clusters otherwise keep their status, and only the fields the file changes
    are written, each through the cluster service the admin uses, with the
    same version check. user None means the command line: the history then
    says "command line import". encoding: a Shapefile's code page when its .cpg
    is missing (otherwise detected). progress(checked, total) follows the check,
    write_progress(written, total) the writing (clusters.importing.writing).
    seen: the preview's report.seen; a cluster changed, published, unpublished
    or added since then is an error of its row, so a confirmation never writes
    over what a colleague did after the preview was shown.
    """
    report = ImportReport(filename=filename, dry_run=dry_run)
    try:
        publish_permission_check(user, publish)
    except PermissionDenied as exc:
        report.file_error = str(exc)
        return report
    try:
        # Over a size limit, the file is refused before any record is built.
        import_limits_check(content, filename)
        read = read_records(content, filename, encoding=encoding)
    except ImportFileError as exc:
        report.file_error = str(exc)
        return report
    report.unit = read.unit
    mapping, column_problems = columns_check(read)
    if column_problems:
        report.errors += column_problems
        return report
    if not read.records:
        report.file_error = _("The file holds no clusters.")
        return report
    _rename(read, mapping)

    rule = placement_rule()
    checker = RecordChecker(
        Lookups(Sector.objects.all(), Governorate.objects.defer("boundary")), rule, set(mapping.values()), read.has_geometry
    )
    slugs = [r.data.get("slug", "") for r in read.records]
    existing = {
        # A slug with a NUL is an error of its row (RecordChecker); PostgreSQL would refuse the whole query.
        c.slug: c for c in Cluster.objects.filter(slug__in=[s for s in slugs if s and "\x00" not in s])
        .select_related("governorate", "sector").defer("governorate__boundary", "search_text")
    }
    plans = []
    total = len(read.records)
    for index, record in enumerate(read.records, start=1):
        current = existing.get(record.data.get("slug", ""))
        checked = checker.check(record, current)
        state = [current.version, current.status] if current is not None else None
        report.seen[checked.slug] = state
        if seen is not None and not checked.errors and seen.get(checked.slug, state) != state:
            checked.errors.append(Problem(record.number, checked.slug, "slug", _(
                "this cluster was changed, published, unpublished or added by someone else since the preview, "
                "so nothing was written. Preview the file again to see what it would change now.")))
        report.errors += checked.errors
        report.warnings += checked.warnings
        if not checked.errors:
            plan = _plan(checked, current, publish)
            report.actions.append((record.number, checked.slug, plan.action))
            if plan.action == UPDATE:
                report.changes[plan.slug] = changes_shown(current, plan.values)
            plans.append(plan)
        if progress and (index % PROGRESS_EVERY == 0 or index == total):
            progress(index, total)

    report.warnings += _duplicate_name_warnings(report, plans, existing)
    if not report.ok or dry_run:
        return report
    refusal = import_plans_write(plans, user=user, publish=publish, rule=rule,
                                 reason=reason or history_reason(IMPORTED, filename), progress=write_progress)
    if refusal:
        report.file_error = refusal
    else:
        report.written = True
    return report
