"""support_import: the one import path for support rows, for `manage.py import_support` and the admin.

Every row is checked first; the file is written only when no row has an
error, in one transaction, so it is taken whole or not at all. Rows are known
by (programme, cluster): a known pair is updated through the support service
(its version check and history), a new one is created as a draft.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from clusters.models import Cluster
from clusters.programmes.models import Programme, Status, Support, SupportKind
from clusters.programmes.services import support_publish, support_save, system_publish

REQUIRED = ["programme", "cluster"]
OPTIONAL = ["kind", "start_year", "end_year", "summary_en", "summary_ar", "source",
            "enterprises_reached", "people_reached", "women_reached"]
COUNTS = ["enterprises_reached", "people_reached", "women_reached"]
CREATE, UPDATE, UNCHANGED, SKIPPED = "create", "update", "unchanged", "skipped"
MAX_ROWS = 50_000
MAX_BYTES = 20 * 2**20
YEARS = (1950, 2100)


@dataclass
class Problem:
    row: int | None  # data rows count from 1; None for the whole file
    field: str
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "reason": self.reason}


@dataclass
class SupportImportReport:
    filename: str
    actions: list[tuple[int, str, str, str]] = field(default_factory=list)  # (row, programme, cluster, action)
    errors: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # rows left out on purpose (the seed's unknown clusters)
    written: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for *_rest, a in self.actions if a == action)

    @property
    def summary(self) -> dict:
        return {a: self.count(a) for a in (CREATE, UPDATE, UNCHANGED)} | {SKIPPED: len(self.skipped)}

    def as_dict(self) -> dict:
        return {
            "filename": self.filename, "ok": self.ok, "written": self.written, "dry_run": self.dry_run,
            "summary": self.summary,
            "actions": [{"row": r, "programme": p, "cluster": c, "action": a} for r, p, c, a in self.actions],
            "errors": [p.as_dict() for p in self.errors],
            "skipped": [p.as_dict() for p in self.skipped],
        }


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(_("The file is not UTF-8 text. Save it as CSV UTF-8 and try again.")) from None


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read(text: str, report: SupportImportReport) -> list[dict] | None:
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        report.errors.append(Problem(None, "", _("The file is empty.")))
        return None
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    columns = [(c or "").strip() for c in reader.fieldnames or []]
    reader.fieldnames = columns
    known = set(REQUIRED + OPTIONAL)
    for column in columns:
        if column not in known:
            report.errors.append(Problem(None, column, _("Unknown column «%(column)s». The known columns are: "
                                                         "%(known)s.") % {"column": column,
                                                                         "known": ", ".join(REQUIRED + OPTIONAL)}))
    for column in REQUIRED:
        if column not in columns:
            report.errors.append(Problem(None, column, _("The required column «%(column)s» is missing.")
                                         % {"column": column}))
    if report.errors:
        return None
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            report.errors.append(Problem(None, "", _("The file has more than %(max)d rows.") % {"max": MAX_ROWS}))
            return None
        if None in row:
            report.errors.append(Problem(len(rows) + 1, "", _("The row has more cells than the header.")))
        rows.append({k: (v or "").strip() for k, v in row.items() if k is not None})
    return rows


def _integer(raw: str, name: str, number: int, report) -> int | None:
    if raw == "":
        return None  # not reported
    try:
        value = int(raw)
    except ValueError:
        report.errors.append(Problem(number, name, _("«%(value)s» is not a whole number.") % {"value": raw}))
        return None
    if value < 0:
        report.errors.append(Problem(number, name, _("%(value)s is negative; a count cannot be.") % {"value": raw}))
        return None
    return value


def _year(raw: str, name: str, number: int, report) -> int | None:
    value = _integer(raw, name, number, report)
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        report.errors.append(Problem(number, name, _("%(value)s is not a year between %(min)d and %(max)d.")
                                     % {"value": value, "min": YEARS[0], "max": YEARS[1]}))
        return None
    return value


def _check_row(number, row, programmes, clusters, report, skip_unknown_clusters) -> dict | None:
    errors_before = len(report.errors)
    programme = programmes.get(row.get("programme", ""))
    if programme is None:
        report.errors.append(Problem(number, "programme", _("Unknown programme «%(value)s».")
                                     % {"value": row.get("programme", "")}))
    cluster = clusters.get(row.get("cluster", ""))
    if cluster is None:
        problem = Problem(number, "cluster", _("Unknown cluster «%(value)s».") % {"value": row.get("cluster", "")})
        if skip_unknown_clusters:
            report.skipped.append(problem)
            return None
        report.errors.append(problem)
    kinds = [k.strip() for k in row.get("kind", "").split("|") if k.strip()]
    for kind in kinds:
        if kind not in SupportKind.values:
            report.errors.append(Problem(number, "kind", _("Unknown kind «%(value)s». The kinds are: %(kinds)s.")
                                         % {"value": kind, "kinds": ", ".join(SupportKind.values)}))
    values = {
        "kinds": list(dict.fromkeys(kinds)),
        "start_year": _year(row.get("start_year", ""), "start_year", number, report),
        "end_year": _year(row.get("end_year", ""), "end_year", number, report),
        "summary_en": row.get("summary_en", ""),
        "summary_ar": row.get("summary_ar", ""),
        "sources": [u.strip() for u in row.get("source", "").split(" | ") if u.strip()],
    }
    for name in COUNTS:
        values[name] = _integer(row.get(name, ""), name, number, report)
    if values["start_year"] is not None and values["end_year"] is not None \
            and values["end_year"] < values["start_year"]:
        report.errors.append(Problem(number, "end_year", _("The end year %(end)d is before the start year "
                                                           "%(start)d.") % {"end": values["end_year"],
                                                                           "start": values["start_year"]}))
    check = URLValidator(schemes=["http", "https"])
    for url in values["sources"]:
        try:
            check(url)
        except ValidationError:
            report.errors.append(Problem(number, "source", _("«%(value)s» is not a web address.")
                                         % {"value": url[:200]}))
    if len(report.errors) > errors_before:
        return None
    return {"programme": programme, "cluster": cluster, "values": values}


def support_import(content: bytes, filename: str = "support.csv", *, user, dry_run: bool = False,
                   publish: bool = False, only_new: bool = False, skip_unknown_clusters: bool = False,
                   system: bool = False) -> SupportImportReport:
    """Check a support CSV (the columns of fixtures/support.csv) and, when it has no error, write it.

    publish: publish the rows written (the user needs the permission, unless
    `system`, which only the seed sets). only_new: leave existing pairs alone
    (the seed never overwrites staff edits). skip_unknown_clusters: report a
    row whose cluster is missing as skipped instead of failing the file.
    """
    report = SupportImportReport(filename=filename, dry_run=dry_run)
    try:
        text = _decode(content)
    except ValueError as error:
        report.errors.append(Problem(None, "", str(error)))
        return report
    rows = _read(text, report)
    if rows is None:
        return report
    programmes = {p.slug: p for p in Programme.objects.filter(slug__in={r.get("programme", "") for r in rows})}
    clusters = {c.slug: c for c in Cluster.objects.filter(slug__in={r.get("cluster", "") for r in rows})
                .only("id", "slug", "name_ar", "name_en")}
    checked, seen = [], {}
    for number, row in enumerate(rows, start=1):
        result = _check_row(number, row, programmes, clusters, report, skip_unknown_clusters)
        if result is None:
            continue
        pair = (result["programme"].slug, result["cluster"].slug)
        if pair in seen:
            report.errors.append(Problem(number, "cluster", _("Row %(row)d already gives this programme's support "
                                                              "to this cluster.") % {"row": seen[pair]}))
            continue
        seen[pair] = number
        checked.append((number, result))
    if report.errors:
        return report
    existing = {(s.programme_id, s.cluster_id): s for s in Support.objects.filter(
        programme__in=[r["programme"] for _n, r in checked], cluster__in=[r["cluster"] for _n, r in checked])}
    plan = []
    for number, result in checked:
        current = existing.get((result["programme"].pk, result["cluster"].pk))
        if current is None:
            action = CREATE
        elif only_new:
            action = UNCHANGED
        else:
            changed = {k: v for k, v in result["values"].items() if getattr(current, k) != v}
            action = UPDATE if changed else UNCHANGED
        report.actions.append((number, result["programme"].slug, result["cluster"].slug, action))
        plan.append((action, current, result))
    if dry_run:
        return report
    written = []
    with transaction.atomic():
        for action, current, result in plan:
            if action == CREATE:
                support = Support(programme=result["programme"], cluster=result["cluster"], **result["values"])
                written.append(support_save(support, user=user, reason=_("Imported from %(file)s")
                                            % {"file": filename}))
            elif action == UPDATE:
                for name, value in result["values"].items():
                    setattr(current, name, value)
                written.append(support_save(current, user=user, expected_version=current.version,
                                            reason=_("Imported from %(file)s") % {"file": filename}))
        if publish and written:
            drafts = [s for s in written if s.status == Status.DRAFT]
            if system:
                system_publish(Support, drafts, _("Loaded from the seed data"))
            else:
                support_publish(drafts, user)
    report.written = True
    return report
