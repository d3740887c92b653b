"""What the import page shows of a report: counts, and the first problems and records of each kind.

It takes the digest (clusters.import_jobs.digest) whether the file was checked
in the request or by the worker, so both pages read the same.
"""

from django.utils.translation import gettext as _

from clusters.import_jobs.digest import preview_limit
from clusters.importing.service import CREATE, UNCHANGED, UPDATE
from clusters.wording import import_counts_text


def _problems(items: list, unit: str) -> list[dict]:
    return [{"number": p.get(unit), "slug": p.get("slug", ""), "field": p.get("field", ""),
             "message": p.get("message", "")} for p in items]


def import_report_context(digest: dict) -> dict:
    unit = digest.get("unit", "row")
    # Cut again here: a report kept by a job may have been cut to a larger number.
    limit = preview_limit()
    totals = digest.get("totals", {})
    lists = {CREATE: [], UPDATE: [], UNCHANGED: []}
    for item in digest.get("actions", []):
        if len(lists[item["action"]]) < limit:
            # An update lists every field it changes, old -> new (ImportReport.changes).
            lists[item["action"]].append({"number": item.get(unit), "slug": item["slug"],
                                          "changes": item.get("changes", [])})
    errors = _problems(digest.get("errors", [])[:limit], unit)
    warnings = _problems(digest.get("warnings", [])[:limit], unit)
    counts = {action: totals.get(action, len(lists[action])) for action in lists}
    return {
        "report": digest,
        "unit_label": _("Feature") if unit == "feature" else _("Row"),
        "errors": errors,
        "errors_total": totals.get("errors", len(errors)),
        "errors_more": totals.get("errors", len(errors)) - len(errors),
        "warnings": warnings,
        "warnings_total": totals.get("warnings", len(warnings)),
        "warnings_more": totals.get("warnings", len(warnings)) - len(warnings),
        "created": lists[CREATE],
        "updated": lists[UPDATE],
        "unchanged": lists[UNCHANGED],
        "created_total": counts[CREATE],
        "updated_total": counts[UPDATE],
        "unchanged_total": counts[UNCHANGED],
        "created_more": counts[CREATE] - len(lists[CREATE]),
        "updated_more": counts[UPDATE] - len(lists[UPDATE]),
        "unchanged_more": counts[UNCHANGED] - len(lists[UNCHANGED]),
        "has_changes": bool(counts[CREATE] or counts[UPDATE]),
        # Whole sentences with the language's commas: past tense once imported, else what it would do.
        "counts_written": import_counts_text(counts, written=True),
        "counts_planned": import_counts_text(counts, written=False),
    }
