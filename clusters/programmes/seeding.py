"""The seed's organisations, programmes and support (fixtures/), published, never overwriting staff edits.

A record is added only when its slug (or, for support, its programme and
cluster) is new to the database and to its history: what staff changed stays
as they left it, and what they deleted is not brought back.
"""

import csv
import io
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from clusters.programmes.importing import SupportImportReport, support_import
from clusters.programmes.models import Organisation, Programme, Support
from clusters.programmes.services import organisation_save, programme_save, system_publish

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEED_REASON = "seed"


def _rows(name: str) -> list[dict]:
    text = (FIXTURES / name).read_text(encoding="utf-8-sig")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def _ever_existed(model, **lookup) -> bool:
    return model.objects.filter(**lookup).exists() or model.history.filter(**lookup).exists()


@transaction.atomic
def organisations_seed() -> dict:
    created = []
    for row in _rows("organisations.csv"):
        if _ever_existed(Organisation, slug=row["slug"]):
            continue
        organisation = Organisation(slug=row["slug"], name_ar=row["name_ar"], name_en=row["name_en"],
                                    kind=row["kind"], website=row["website"])
        organisation.full_clean(exclude=["status", "version"])
        created.append(organisation_save(organisation, user=None, reason=SEED_REASON))
    system_publish(Organisation, created, SEED_REASON)
    return {"created": len(created)}


@transaction.atomic
def programmes_seed() -> dict:
    created = []
    for row in _rows("programmes.csv"):
        if _ever_existed(Programme, slug=row["slug"]):
            continue
        programme = Programme(
            slug=row["slug"], name_ar=row["name_ar"], name_en=row["name_en"],
            start_year=int(row["start_year"]) if row["start_year"] else None,
            end_year=int(row["end_year"]) if row["end_year"] else None,
            budget_amount=row["budget_amount"] or None, budget_currency=row["budget_currency"],
            summary_ar=row["summary_ar"], summary_en=row["summary_en"],
            sources=[u.strip() for u in row["source"].split(" | ") if u.strip()],
        )
        programme.full_clean(exclude=["status", "version"])
        organisations = Organisation.objects.filter(slug__in=row["organisations"].split("|"))
        created.append(programme_save(programme, user=None, reason=SEED_REASON, organisations=organisations))
    system_publish(Programme, created, SEED_REASON)
    return {"created": len(created)}


def support_seed() -> SupportImportReport:
    """Support rows of the seed whose cluster exists; the others are reported as skipped.

    Rows whose pair staff once deleted are left out before the import sees them.
    """
    text = (FIXTURES / "support.csv").read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    deleted = set(Support.history.filter(history_type="-").values_list("programme__slug", "cluster__slug"))
    rows = [row for row in reader if (row["programme"], row["cluster"]) not in deleted]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return support_import(out.getvalue().encode(), "support.csv", user=None, publish=True, only_new=True,
                          skip_unknown_clusters=True, system=True)


def programmes_seed_all() -> str:
    """Load all three files; returns a line for the seed command's output."""
    organisations = organisations_seed()
    programmes = programmes_seed()
    report = support_seed()
    if not report.ok:
        raise ValueError("; ".join(f"row {p.row} {p.field}: {p.reason}" for p in report.errors))
    skipped = ", ".join(p.reason for p in report.skipped)
    line = _("organisations %(o)s, programmes %(p)s, support %(s)s") % {
        "o": organisations, "p": programmes, "s": report.summary}
    if skipped:
        line += "; " + _("support rows left for later (their cluster is not loaded yet): %(rows)s") % {
            "rows": skipped}
    return line
