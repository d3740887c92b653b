"""Size limits: refused with a clear message before any heavy work, on the command line and in the admin."""

import io
import json
import subprocess
import zipfile
from contextlib import redirect_stderr

import pytest
from django.core.management import call_command

from clusters.importing import cluster_import
from clusters.importing.limits import import_limits_check
from clusters.models import Cluster
from tests.import_jobs.conftest import staged_files, upload

HEADER = "slug,name_en,name_ar,sector,governorate_iso,lat,lon,location_precision,footprint\n"


def csv_rows(count: int, footprint: str = "") -> bytes:
    lines = [HEADER] + [
        f'limit-{i},Limit {i},حد {i},pottery-ceramics,EG-C,30.0444,31.2357,locality,"{footprint}"\n'
        for i in range(count)
    ]
    return "".join(lines).encode()


def ring(vertices: int) -> str:
    """A WKT polygon around Cairo with this many vertices (the closing one included)."""
    import math

    points = [(31.2357 + 0.01 * math.cos(2 * math.pi * k / (vertices - 1)),
               30.0444 + 0.01 * math.sin(2 * math.pi * k / (vertices - 1))) for k in range(vertices - 1)]
    points.append(points[0])
    return "POLYGON((" + ", ".join(f"{x:.6f} {y:.6f}" for x, y in points) + "))"


def command(path) -> tuple[int, str]:
    err = io.StringIO()
    code = 0
    with redirect_stderr(err):
        try:
            call_command("import_clusters", str(path), "--lang", "en", stderr=err)
        except SystemExit as exc:
            code = exc.code
    return code, err.getvalue()


@pytest.fixture
def small_limits(settings):
    settings.IMPORT_MAX_BYTES = 20_000
    settings.IMPORT_MAX_FEATURES = 10
    settings.IMPORT_MAX_FOOTPRINT_VERTICES = 50
    settings.IMPORT_MAX_VERTICES = 120
    settings.IMPORT_MAX_UNZIPPED_BYTES = 30_000


def test_too_many_bytes_is_refused_by_size_before_reading(base_data, small_limits, tmp_path, staff_client, media):
    content = csv_rows(1) + b"#" * 20_000
    path = tmp_path / "big.csv"
    path.write_bytes(content)
    code, err = command(path)
    assert code == 1 and "the limit is 20 KB. Split it into smaller files" in err
    response = upload(staff_client, "big.csv", content)
    assert response.status_code == 200
    assert "Split it into smaller files" in str(response.context["form"].errors["file"])
    assert staged_files(media) == [] and not Cluster.objects.exists()


@pytest.mark.parametrize("count, ok", [(10, True), (11, False)])
def test_too_many_csv_rows(base_data, small_limits, tmp_path, staff_client, count, ok):
    path = tmp_path / "rows.csv"
    path.write_bytes(csv_rows(count))
    code, err = command(path)
    assert (code == 0) == ok, err
    if not ok:
        assert "more than 10 records" in err and "Traceback" not in err
        response = upload(staff_client, "rows.csv", csv_rows(count))
        assert "more than 10 records" in str(response.context["form"].errors["file"])
    assert Cluster.objects.count() == (count if ok else 0)


def test_too_many_geojson_features_is_refused_before_any_geometry(base_data, small_limits):
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [31.2, 30.0]},
                 "properties": {"slug": f"g-{i}"}} for i in range(11)]
    report = cluster_import(json.dumps({"type": "FeatureCollection", "features": features}).encode(), "x.geojson")
    assert "more than 10 records" in report.file_error and not report.errors


def test_too_many_geopackage_features_counted_by_gdal(base_data, small_limits, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 2_000_000  # an empty GeoPackage is already 100 KB
    source = tmp_path / "points.csv"
    source.write_bytes(csv_rows(11))
    target = tmp_path / "points.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(target), str(source), "-oo", "X_POSSIBLE_NAMES=lon",
                    "-oo", "Y_POSSIBLE_NAMES=lat", "-a_srs", "EPSG:4326"], check=True, capture_output=True)
    code, err = command(target)
    assert code == 1 and "more than 10 records" in err


def test_a_footprint_with_too_many_vertices_is_named(base_data, small_limits, tmp_path):
    path = tmp_path / "fp.csv"
    path.write_bytes(csv_rows(1, footprint=ring(51)))
    code, err = command(path)
    assert code == 1 and "Row 2: its geometry has 51 vertices; the limit is 50" in err
    path.write_bytes(csv_rows(1, footprint=ring(50)))
    assert import_limits_check(path.read_bytes(), "fp.csv").vertices == 50


def test_too_many_vertices_in_all(base_data, small_limits):
    report = cluster_import(csv_rows(3, footprint=ring(45)), "fp.csv")
    assert "more than 120 vertices in all" in report.file_error


def test_geojson_vertices_are_counted_in_geometry_and_footprint(base_data, small_limits):
    polygon = {"type": "Polygon", "coordinates": [[[31.2, 30.0], [31.3, 30.0], [31.3, 30.1], [31.2, 30.0]]]}
    feature = {"type": "Feature", "geometry": polygon, "properties": {"footprint": polygon}}
    size = import_limits_check(json.dumps({"type": "FeatureCollection", "features": [feature]}).encode(), "a.json")
    assert (size.features, size.vertices) == (1, 8)


def test_a_zip_that_unpacks_too_big_is_refused(base_data, small_limits):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.shp", b"\0" * 40_000)
    report = cluster_import(buffer.getvalue(), "bomb.zip")
    assert "unpacks to" in report.file_error


def test_json_nested_too_deep_is_refused_not_crashed(base_data):
    report = cluster_import(b"[" * 200_000 + b"]" * 200_000, "deep.geojson")
    assert report.file_error and not report.written


def test_the_inline_preview_lists_the_first_problems_and_counts_the_rest(base_data, settings, staff_client):
    settings.IMPORT_PREVIEW_PROBLEMS = 3
    content = csv_rows(12).replace(b"pottery-ceramics", b"no-such-sector")
    response = upload(staff_client, "bad.csv", content)
    context = response.context
    assert (len(context["errors"]), context["errors_total"], context["errors_more"]) == (3, 12, 9)
    page = response.content.decode()
    assert page.count("no-such-sector") == 3 and "… and 9 more errors" in page
