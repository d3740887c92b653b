"""Exporting the selected clusters from the admin list: CSV with a byte-order mark, and GeoJSON."""

import csv
import io
import json

from clusters.exporting import CSV_COLUMNS
from clusters.importing import cluster_import
from clusters.models import Cluster
from tests.support.admin import admin_url


def export(client, name, clusters):
    return client.post(admin_url("clusters_cluster_changelist"),
                       {"action": name, "_selected_action": [c.pk for c in clusters]})


def test_csv_export_of_the_selection_has_a_bom_arabic_and_the_importer_columns(seeded, editor_client):
    selected = list(Cluster.objects.filter(slug__in=["damietta-furniture", "garagos-pottery"]))
    Cluster.objects.filter(slug="garagos-pottery").update(status=Cluster.Status.DRAFT)
    response = export(editor_client, "export_csv", selected)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="clusters-')
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert list(rows[0].keys()) == CSV_COLUMNS
    by_slug = {row["slug"]: row for row in rows}
    assert set(by_slug) == {"damietta-furniture", "garagos-pottery"}
    assert by_slug["damietta-furniture"]["name_ar"] == "تجمع صناعة الأثاث بدمياط"
    assert by_slug["garagos-pottery"]["status"] == "draft"  # staff export what they selected


def test_exports_reimport_as_unchanged(seeded, editor_client):
    everything = list(Cluster.objects.all())
    csv_file = export(editor_client, "export_csv", everything).content
    report = cluster_import(csv_file, "export.csv", dry_run=True)
    assert report.ok, report.errors
    assert report.summary == {"create": 0, "update": 0, "unchanged": 60}

    geojson_file = export(editor_client, "export_geojson", everything).content
    report = cluster_import(geojson_file, "export.geojson", dry_run=True)
    assert report.ok, report.errors
    assert report.summary == {"create": 0, "update": 0, "unchanged": 60}


def test_geojson_export_is_a_feature_collection_with_points_lon_first(seeded, editor_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    response = export(editor_client, "export_geojson", [cluster])
    assert response["Content-Type"] == "application/geo+json"
    document = json.loads(response.content)
    assert document["type"] == "FeatureCollection"
    (feature,) = document["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [31.81332, 31.41648]}
    assert feature["properties"]["slug"] == "damietta-furniture"
    assert feature["properties"]["governorate_iso"] == "EG-DT"
    assert feature["properties"]["name_ar"] == "تجمع صناعة الأثاث بدمياط"


def test_footprints_and_formula_like_text_travel_safely(seeded, editor_client):
    from django.contrib.gis.geos import MultiPolygon, Polygon

    cluster = Cluster.objects.get(slug="damietta-furniture")
    x, y = cluster.location.coords
    cluster.footprint = MultiPolygon(Polygon.from_bbox((x - 0.01, y - 0.01, x + 0.01, y + 0.01)), srid=4326)
    cluster.products_en = "=HYPERLINK(\"http://evil.example\")"
    cluster.save()
    row = next(csv.DictReader(io.StringIO(export(editor_client, "export_csv", [cluster]).content.decode("utf-8-sig"))))
    assert row["products_en"].startswith("'=")
    assert json.loads(row["footprint"])["type"] == "MultiPolygon"
    feature = json.loads(export(editor_client, "export_geojson", [cluster]).content)["features"][0]
    assert feature["properties"]["footprint"]["type"] == "MultiPolygon"
