"""Imports hide nothing: unknown and missing columns, delimiters, and values the file misnames."""

import pytest

from clusters.importing import cluster_import
from clusters.models import Cluster
from tests.importing.helpers import csv_bytes, errors_of, geojson_bytes, row


def test_unknown_column_is_an_error_naming_the_closest_known_one(base_data):
    rows = [dict(row(), enterprize="12")]
    report = cluster_import(csv_bytes(rows), "a.csv")
    [problem] = report.errors
    assert problem.field == "enterprize" and "enterprises" in problem.message
    assert not Cluster.objects.exists()


def test_governorate_column_of_the_api_export_is_read_not_dropped(base_data):
    # The flat exports call the ISO code "governorate"; it used to be dropped and the point's taken.
    rows = [{**{k: v for k, v in row().items() if k != "governorate_iso"}, "governorate": "EG-C"}]
    report = cluster_import(csv_bytes(rows), "a.csv")
    assert report.written and Cluster.objects.get().governorate.iso_code == "EG-C"


def test_missing_required_column_is_one_error_not_one_per_row(base_data):
    rows = [{k: v for k, v in row(f"test-{i}").items() if k != "lat"} for i in range(5)]
    report = cluster_import(csv_bytes(rows), "a.csv")
    [problem] = report.errors
    assert "lat" in problem.message and "missing" in problem.message


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_delimiters_are_detected(base_data, delimiter):
    report = cluster_import(csv_bytes([row("test-a"), row("test-b")], delimiter=delimiter), "a.csv")
    assert report.ok and report.summary["create"] == 2


def test_unknown_sector_suggests_the_nearest(base_data):
    report = cluster_import(csv_bytes([row(sector="carpets-kilims")]), "a.csv")
    [message] = errors_of(report, "sector")
    assert "carpets-kilim" in message and "Did you mean" in message


def test_unknown_governorate_suggests_the_nearest(base_data):
    report = cluster_import(csv_bytes([row(governorate_iso="Cario")]), "a.csv")
    [message] = errors_of(report, "governorate_iso")
    assert "EG-C" in message


@pytest.mark.parametrize("value", ["EG-C", "eg-c", "Cairo", "القاهرة", "Al Qahirah"])
def test_governorate_by_code_name_or_alias(base_data, value):
    from clusters.models import Governorate

    aliases = Governorate.objects.get(iso_code="EG-C").aliases.splitlines()
    if value == "Al Qahirah" and value not in aliases:
        value = aliases[0]
    report = cluster_import(csv_bytes([row(governorate_iso=value)]), "a.csv")
    assert report.written, report.errors
    assert Cluster.objects.get().governorate.iso_code == "EG-C"


def test_qena_by_name_is_accepted(base_data):
    report = cluster_import(csv_bytes([row(governorate_iso="Qena", lat="26.16", lon="32.72")]), "a.csv")
    assert report.written and Cluster.objects.get().governorate.iso_code == "EG-KN"


def test_geojson_sector_and_governorate_as_objects(base_data):
    # As GET /api/v1/clusters/ nests them.
    properties = {k: v for k, v in row().items() if k not in ("lat", "lon")}
    properties["sector"] = {"slug": "pottery-ceramics", "name_en": "Pottery", "name_ar": "فخار", "color": "#aa0000"}
    properties["governorate"] = {"iso_code": "EG-C", "name_en": "Cairo"}
    del properties["governorate_iso"]
    feature = {"type": "Feature", "properties": properties,
               "geometry": {"type": "Point", "coordinates": [31.2357, 30.0444]}}
    report = cluster_import(geojson_bytes([feature]), "a.geojson")
    assert report.written, report.errors


def test_preview_lists_every_changed_field_old_and_new(base_data):
    cluster_import(csv_bytes([row(enterprises="10")], columns=list(row()) + ["enterprises"]), "a.csv")
    report = cluster_import(csv_bytes([row(name_en="Renamed", enterprises="12")]), "a.csv", dry_run=True)
    assert report.summary["update"] == 1
    changes = {c["field"]: (c["old"], c["new"]) for c in report.changes["test-cluster"]}
    assert changes == {"name_en": ("Test cluster", "Renamed"), "enterprises": ("10", "12")}
    [action] = report.as_dict()["actions"]
    assert action["changes"] == report.changes["test-cluster"]


def test_command_prints_the_changes(base_data, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    cluster_import(csv_bytes([row()]), "a.csv")
    path = tmp_path / "b.csv"
    path.write_bytes(csv_bytes([row(name_en="Renamed")]))
    out = StringIO()
    call_command("import_clusters", str(path), "--dry-run", "--lang", "en", stdout=out, stderr=StringIO())
    assert "name_en: Test cluster -> Renamed" in out.getvalue()


def test_admin_preview_shows_each_changed_field(base_data, admin_client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.support.admin import admin_url

    settings.MEDIA_ROOT = tmp_path
    cluster_import(csv_bytes([row()]), "a.csv")
    upload = SimpleUploadedFile("b.csv", csv_bytes([row(name_en="Renamed <b>")]), content_type="text/csv")
    response = admin_client.post(admin_url("clusters_cluster_import"), {"file": upload, "_preview": "1"})
    page = response.content.decode()
    assert 'class="cluster-import-changes"' in page
    assert "Test cluster" in page and "Renamed &lt;b&gt;" in page


def test_a_column_given_twice_is_an_error(base_data):
    content = csv_bytes([row()]).replace(b"slug,", b"slug,name_en,", 1).replace(b"test-cluster,", b"test-cluster,x,", 1)
    report = cluster_import(content, "a.csv")
    assert [p.field for p in report.errors] == ["name_en"] and "more than once" in report.errors[0].message
