"""Downloads hold exactly what the filters select, and open in the programs partners use."""

import csv
import io
import re
import subprocess
from urllib.parse import quote

import pytest

from clusters.models import Cluster
from tests.support.api import DRAFT_SLUG

pytestmark = pytest.mark.django_db
URL = "/api/v1/clusters/"


def download(client, query, export_format):
    response = client.get(f"{URL}?{query}&format={export_format}")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Disposition"] == f'attachment; filename="egypt-production-clusters.{export_format}"'
    assert response.has_header("ETag")
    return response


def ogr_slugs(tmp_path, content: bytes, extension: str) -> list[str]:
    path = tmp_path / f"export.{extension}"
    path.write_bytes(content)
    result = subprocess.run(["ogrinfo", "-ro", "-al", str(path)], capture_output=True, text=True, check=True)
    assert "Layer name: clusters" in result.stdout
    return sorted(re.findall(r"^\s+slug \(String\) = (\S+)$", result.stdout, re.MULTILINE))


def test_csv_has_a_bom_and_the_filtered_rows(client, draft):
    response = download(client, "governorate=EG-DT", "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["slug"] for row in rows] == [
        "al-qaffasin-palm-crates", "damietta-dairy-cheese", "damietta-furniture", "damietta-oriental-sweets"]
    furniture = rows[2]
    assert furniture["name_ar"] == "تجمع صناعة الأثاث بدمياط"
    assert furniture["governorate_name_ar"] == "دمياط" and furniture["sector"] == "furniture-woodworking"
    assert (furniture["lon"], furniture["lat"]) == ("31.813320", "31.416480")
    assert furniture["enterprises"] == "35000" and rows[0]["enterprises"] == ""
    assert furniture["url"] == "http://testserver/ar/clusters/damietta-furniture/"


def test_csv_of_everything_leaves_drafts_out(client, draft):
    rows = list(csv.DictReader(io.StringIO(download(client, "", "csv").content.decode("utf-8-sig"))))
    assert len(rows) == 60 and DRAFT_SLUG not in {row["slug"] for row in rows}


def test_geojson_download_equals_the_api(client, draft):
    response = download(client, "sector=dairy", "geojson")
    assert response["Content-Type"] == "application/geo+json"
    assert response.content == client.get(f"{URL}?sector=dairy").content


@pytest.mark.parametrize("export_format", ["gpkg", "kml"])
def test_gdal_formats_open_and_hold_the_filtered_rows(client, draft, tmp_path, export_format):
    query = f"q={quote('فخار')}&governorate=EG-FYM,EG-C"
    expected = sorted(f["id"] for f in client.get(f"{URL}?{query}").json()["features"])
    assert len(expected) >= 2
    assert ogr_slugs(tmp_path, download(client, query, export_format).content, export_format) == expected


@pytest.mark.parametrize("export_format", ["gpkg", "kml"])
def test_gdal_formats_of_everything_leave_drafts_out(client, draft, tmp_path, export_format):
    found = ogr_slugs(tmp_path, download(client, "", export_format).content, export_format)
    assert len(found) == 60 and DRAFT_SLUG not in found


def test_gpkg_keeps_arabic_and_points(client, seeded, tmp_path):
    path = tmp_path / "one.gpkg"
    path.write_bytes(download(client, "q=damietta+furniture", "gpkg").content)
    info = subprocess.run(["ogrinfo", "-ro", "-al", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Feature Count: 1" in info and "Geometry: Point" in info
    assert "name_ar (String) = تجمع صناعة الأثاث بدمياط" in info
    assert "POINT (31.81332 31.41648)" in info


def test_footprint_export(client, footprints, tmp_path):
    path = tmp_path / "footprints.gpkg"
    path.write_bytes(download(client, "geometry=footprint", "gpkg").content)
    info = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Feature Count: 2" in info and "Multi Polygon" in info


def test_empty_selection_exports(client, seeded, tmp_path):
    for export_format in ("csv", "geojson", "gpkg", "kml"):
        assert download(client, "bbox=0,0,1,1", export_format).status_code == 200


def test_export_with_paging(client, seeded):
    rows = list(csv.DictReader(io.StringIO(download(client, "limit=5&offset=5", "csv").content.decode("utf-8-sig"))))
    every = sorted(Cluster.objects.filter(status="published").values_list("slug", flat=True))
    assert [row["slug"] for row in rows] == every[5:10]
