"""Files that used to crash the importer (issue 13 item 2): each is refused clearly or imported, never a traceback."""

import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from clusters.exporting import clusters_csv
from clusters.importing import cluster_import
from clusters.models import Cluster
from tests.importing.helpers import COLUMNS, csv_bytes, errors_of, row

FEATURE_PROPERTIES = {k: v for k, v in row().items() if k not in ("lat", "lon")}


def geojson_text(coordinates: str) -> bytes:
    return ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            + json.dumps(FEATURE_PROPERTIES) + ', "geometry": {"type": "Point", "coordinates": '
            + coordinates + "}}]}").encode()


def ogr2ogr(tmp_path: Path, source_name: str, source: bytes, target_name: str, *options: str) -> Path:
    (tmp_path / source_name).write_bytes(source)
    target = tmp_path / target_name
    subprocess.run(["ogr2ogr", *options, str(target), str(tmp_path / source_name)], check=True, capture_output=True)
    return target


@pytest.mark.parametrize("coordinates", ["[NaN, 30.0]", "[31.2, Infinity]", "[-Infinity, NaN]"])
def test_geojson_point_with_nan_or_infinity_is_an_error(base_data, coordinates):
    report = cluster_import(geojson_text(coordinates), "a.geojson")
    assert "NaN or Infinity" in errors_of(report, "geometry")[0]
    assert not Cluster.objects.exists()


def test_three_d_coordinates_lose_z_in_the_preview_and_the_write_alike(base_data):
    content = geojson_text("[31.2357, 30.0444, 74.5]")
    preview = cluster_import(content, "a.geojson", dry_run=True)
    assert preview.ok and preview.summary["create"] == 1
    assert cluster_import(content, "a.geojson").written
    assert not Cluster.objects.get().location.hasz
    # And the same file again changes nothing.
    assert cluster_import(content, "a.geojson", dry_run=True).summary["unchanged"] == 1


def test_geopackage_with_point_empty_reads_its_lat_lon(base_data, tmp_path):
    source = csv_bytes([dict(row(), wkt="POINT EMPTY")], columns=COLUMNS + ["wkt"])
    gpkg = ogr2ogr(tmp_path, "e.csv", source, "e.gpkg", "-f", "GPKG", "-oo", "GEOM_POSSIBLE_NAMES=wkt",
                   "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4326")
    report = cluster_import(gpkg.read_bytes(), "e.gpkg")
    assert report.written, (report.file_error, report.errors)


def test_geopackage_with_point_empty_and_no_lat_lon_is_an_error(base_data, tmp_path):
    columns = [c for c in COLUMNS if c not in ("lat", "lon")] + ["wkt"]
    source = csv_bytes([dict(row(), wkt="POINT EMPTY")], columns=columns)
    gpkg = ogr2ogr(tmp_path, "e.csv", source, "e.gpkg", "-f", "GPKG", "-oo", "GEOM_POSSIBLE_NAMES=wkt",
                   "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4326")
    report = cluster_import(gpkg.read_bytes(), "e.gpkg")
    assert "no point" in errors_of(report, "location")[0]


def test_geopackage_without_geometry_but_with_lat_lon_reads_like_a_csv(base_data, tmp_path):
    gpkg = ogr2ogr(tmp_path, "t.csv", csv_bytes([row()]), "t.gpkg", "-f", "GPKG")
    report = cluster_import(gpkg.read_bytes(), "t.gpkg")
    assert report.written, (report.file_error, report.errors)
    assert Cluster.objects.get().location.coords == (31.2357, 30.0444)


def test_csv_cell_over_131072_characters(base_data):
    long_text = "ف" * 200_000
    report = cluster_import(csv_bytes([row(description_en=long_text)]), "a.csv")
    assert report.written, (report.file_error, report.errors)
    assert len(Cluster.objects.get().description_en) == 200_000


def test_admin_export_of_a_cluster_with_a_large_footprint_reimports(base_data):
    # A circle of 8,000 vertices: its GeoJSON is well over 131,072 characters.
    from django.contrib.gis.geos import MultiPolygon, Point

    circle = Point(31.2357, 30.0444, srid=4326).buffer(0.01, quadsegs=2000)
    assert cluster_import(csv_bytes([row()]), "a.csv").written
    Cluster.objects.update(footprint=MultiPolygon(circle, srid=4326))
    content = clusters_csv(Cluster.objects.all())
    assert max(len(line) for line in content.decode("utf-8-sig").splitlines()) > 131_072
    report = cluster_import(content, "export.csv", dry_run=True)
    assert report.ok and report.summary["unchanged"] == 1, (report.file_error, report.errors[:2])


def shapefile_zip(tmp_path: Path, name_ar: str, keep_cpg: bool) -> bytes:
    properties = dict(FEATURE_PROPERTIES, name_ar=name_ar)
    feature = {"type": "Feature", "properties": properties,
               "geometry": {"type": "Point", "coordinates": [31.2357, 30.0444]}}
    source = json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False).encode()
    ogr2ogr(tmp_path, "s.geojson", source, "shp", "-f", "ESRI Shapefile", "-lco", "ENCODING=CP1256")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in sorted((tmp_path / "shp").iterdir()):
            if part.suffix == ".cpg" and not keep_cpg:
                continue  # as ArcGIS often leaves it out
            archive.write(part, f"clusters{part.suffix}")
    return buffer.getvalue()


def test_shapefile_in_cp1256_without_cpg_imports_with_its_arabic_intact(base_data, tmp_path):
    report = cluster_import(shapefile_zip(tmp_path, "تجمع الفخار بالقاهرة", keep_cpg=False), "s.zip")
    assert report.written, (report.file_error, report.errors)
    assert Cluster.objects.get().name_ar == "تجمع الفخار بالقاهرة"


def test_shapefile_encoding_can_be_given(base_data, tmp_path):
    report = cluster_import(shapefile_zip(tmp_path, "تجمع", keep_cpg=False), "s.zip", encoding="CP1256")
    assert report.written and Cluster.objects.get().name_ar == "تجمع"


@pytest.mark.parametrize("filename,content", [
    ("broken.gpkg", b"SQLite format 3\x00" + b"\x00" * 200),
    ("broken.gpkg", b"not a database at all"),
    ("broken.zip", b"PK\x03\x04 not really"),
])
def test_gdal_errors_do_not_show_server_paths(base_data, filename, content):
    report = cluster_import(content, filename)
    assert report.file_error and not report.written
    assert "/tmp" not in report.file_error and "cluster-import-" not in report.file_error
