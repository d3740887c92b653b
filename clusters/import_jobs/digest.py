"""An import report cut to what a page can show.

A preview of a 48 MB CSV once listed every row and made a 19.8 MB page. The
page, and the job row that keeps a report, hold the counts and only the first
N problems and records of each kind (IMPORT_PREVIEW_PROBLEMS), with totals so
the page can say how many more there are. The command line prints them all.
"""

from django.conf import settings

from clusters.importing.service import CREATE, UNCHANGED, UPDATE


def preview_limit() -> int:
    return int(getattr(settings, "IMPORT_PREVIEW_PROBLEMS", 200))


def import_report_digest(report, limit: int | None = None) -> dict:
    """ImportReport.as_dict(), with each list cut to `limit` items and its full length under "totals"."""
    limit = preview_limit() if limit is None else limit
    data = report.as_dict()
    data["unit"] = report.unit
    data["totals"] = {"errors": len(report.errors), "warnings": len(report.warnings), **report.summary}
    data["errors"] = data["errors"][:limit]
    data["warnings"] = data["warnings"][:limit]
    kept = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
    actions = []
    for item in data["actions"]:
        if kept[item["action"]] < limit:
            kept[item["action"]] += 1
            actions.append(item)
    data["actions"] = actions
    return data
