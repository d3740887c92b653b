"""Every export the portal offers re-imports as "all unchanged" (defects 2 and 3 of the trust issue)."""

import pytest

from clusters.exporting import clusters_csv, clusters_geojson
from clusters.importing import cluster_import
from clusters.models import Cluster


def assert_all_unchanged(content: bytes, filename: str):
    report = cluster_import(content, filename, dry_run=True)
    assert report.file_error is None, report.file_error
    assert report.errors == [], [(p.number, p.field, p.message) for p in report.errors[:5]]
    summary = report.summary
    assert summary == {"create": 0, "update": 0, "unchanged": Cluster.objects.count()}, report.changes


@pytest.mark.parametrize("export_format,filename", [("csv", "x.csv"), ("geojson", "x.geojson"), ("gpkg", "x.gpkg")])
def test_api_export_reimports_unchanged(seeded, client, export_format, filename):
    response = client.get(f"/api/v1/clusters/?format={export_format}&limit=1000")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert_all_unchanged(content, filename)


def test_admin_csv_export_reimports_unchanged(seeded):
    assert_all_unchanged(clusters_csv(Cluster.objects.all()), "x.csv")


def test_admin_geojson_export_reimports_unchanged(seeded):
    assert_all_unchanged(clusters_geojson(Cluster.objects.all()), "x.geojson")


def test_admin_csv_export_with_a_formula_like_name_and_a_footprint_reimports_unchanged(seeded):
    # The export puts an apostrophe before = + - @; the importer takes exactly that one off.
    cluster = Cluster.objects.get(slug="damietta-furniture")
    Cluster.objects.filter(pk=cluster.pk).update(name_en="=HYPERLINK(\"x\")", locality_en="-2+3", name_ar="@cmd")
    assert_all_unchanged(clusters_csv(Cluster.objects.all()), "x.csv")
