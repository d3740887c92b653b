"""Real OGC clients that we did not write, against a live server: GDAL's OAPIF driver and OWSLib."""

import json
import shutil
import subprocess

import pytest
from django.conf import settings
from django.utils import translation

from tests.support.ogc import DRAFT_SLUG, FAR_DRAFT_SLUG, polygon, published_slugs

pytestmark = pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin is not installed")
# GDAL must not reach for a proxy or wait long on a local server.
GDAL_ENV = {"GDAL_HTTP_TIMEOUT": "30", "no_proxy": "*", "NO_PROXY": "*", "PATH": "/usr/bin:/bin"}


def gdal(*args) -> str:
    result = subprocess.run(args, capture_output=True, text=True, env=GDAL_ENV, timeout=120)
    assert result.returncode == 0 and "ERROR" not in result.stderr, result.stderr
    return result.stdout


def features_of(ogrinfo_json: str) -> list[dict]:
    return json.loads(ogrinfo_json)["layers"][0]["features"]


def test_gdal_ogrinfo_lists_reads_and_filters(live_ogc):
    listing = gdal("ogrinfo", "-ro", "-q", f"OAPIF:{live_ogc}")
    # GDAL sends no Accept-Language: the titles come in the portal's default language, Arabic.
    with translation.override(settings.LANGUAGE_CODE):
        clusters, governorates = translation.gettext("Production clusters"), translation.gettext("Governorates")
    assert f"1: clusters (title: {clusters}) (Point)" in listing
    assert f"2: governorates (title: {governorates}) (Multi Polygon)" in listing

    # -json needs GDAL 3.7; the summary and the features in text form work on Debian 12's 3.6.
    summary = gdal("ogrinfo", "-ro", "-so", f"OAPIF:{live_ogc}", "clusters")
    assert "Feature Count: 60" in summary and "Geometry: Point" in summary

    every = gdal("ogrinfo", "-ro", "-al", "-q", f"OAPIF:{live_ogc}", "clusters")
    slugs = sorted(line.split("=", 1)[1].strip() for line in every.splitlines() if line.strip().startswith("slug (String)"))
    assert slugs == published_slugs() and DRAFT_SLUG not in every and FAR_DRAFT_SLUG not in every

    box = (31.0, 30.5, 32.0, 31.5)
    spatial = gdal("ogrinfo", "-ro", "-al", "-q", "-spat", *map(str, box), f"OAPIF:{live_ogc}", "clusters")
    in_box = sorted(line.split("=", 1)[1].strip() for line in spatial.splitlines() if line.strip().startswith("slug (String)"))
    expected = published_slugs(location__intersects=polygon(box))
    assert in_box == expected and 0 < len(expected) < 60

    # GDAL passes an equality on a declared parameter to the server (sector=dairy), and reads one feature by id.
    dairy = gdal("ogrinfo", "-ro", "-al", "-q", "-where", "sector = 'dairy'", f"OAPIF:{live_ogc}", "clusters")
    assert dairy.count("OGRFeature(clusters)") == len(published_slugs(sector__slug="dairy"))
    one = gdal("ogrinfo", "-ro", "-al", "-q", "-where", "id = 'damietta-furniture'", f"OAPIF:{live_ogc}", "clusters")
    assert one.count("OGRFeature(clusters)") == 1 and "Damietta Furniture Cluster" in one


def test_gdal_ogr2ogr_copies_the_collection_to_a_geopackage(live_ogc, tmp_path):
    out = tmp_path / "clusters.gpkg"
    gdal("ogr2ogr", "-f", "GPKG", str(out), f"OAPIF:{live_ogc}", "clusters")
    rows = gdal("ogrinfo", "-ro", "-q", str(out), "-sql", "SELECT slug FROM clusters ORDER BY slug")
    slugs = [line.split("=", 1)[1].strip() for line in rows.splitlines() if line.strip().startswith("slug (String)")]
    assert slugs == published_slugs()
    arabic = gdal("ogrinfo", "-ro", "-q", str(out), "-sql", "SELECT name_ar FROM clusters WHERE slug = 'damietta-furniture'")
    assert "تجمع صناعة الأثاث بدمياط" in arabic
    # Column types come from the collection's JSON Schema, not from a first page where a figure may be all null.
    columns = gdal("ogrinfo", "-ro", "-so", str(out), "clusters")
    for column in ("enterprises: Integer", "employment: Integer", "lon: Real", "updated_at: DateTime", "name_ar: String"):
        assert column in columns


def test_owslib_reads_collections_items_and_one_item(live_ogc):
    from owslib.ogcapi.features import Features

    service = Features(live_ogc)
    assert service.conformance()["conformsTo"][0].endswith("/conf/core")
    assert [c["id"] for c in service.collections()["collections"]] == ["clusters", "governorates"]
    assert service.feature_collections() == ["clusters", "governorates"]
    assert service.collection("governorates")["itemType"] == "feature"

    box = [31.0, 30.5, 32.0, 31.5]
    expected = published_slugs(location__intersects=polygon(box))
    page = service.collection_items("clusters", bbox=box, limit=3)
    assert [f["id"] for f in page["features"]] == expected[:3]
    assert page["numberMatched"] == len(expected) and page["numberReturned"] == 3

    feature = service.collection_item("clusters", "damietta-furniture")
    assert feature["id"] == "damietta-furniture" and feature["properties"]["governorate"] == "EG-DT"
    with pytest.raises(RuntimeError):
        service.collection_item("clusters", DRAFT_SLUG)
    assert service.api()["openapi"].startswith("3.0")
