"""Parts 2 and 3 with real clients we did not write: GDAL's OAPIF driver (as QGIS uses it) and OWSLib."""

import json
import shutil
import subprocess

import pytest

from tests.support.ogc import published_slugs

pytestmark = pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin is not installed")
GDAL_ENV = {"GDAL_HTTP_TIMEOUT": "30", "no_proxy": "*", "NO_PROXY": "*", "PATH": "/usr/bin:/bin", "CPL_DEBUG": "ON"}


def gdal(*args) -> tuple[str, str]:
    result = subprocess.run(args, capture_output=True, text=True, env=GDAL_ENV, timeout=120)
    assert result.returncode == 0 and "ERROR" not in result.stderr, result.stderr
    return result.stdout, result.stderr


def _requested_urls(debug: str) -> list[str]:
    # CPL_DEBUG's HTTP lines name every URL the driver fetched.
    return [word for line in debug.splitlines() for word in line.split() if "/items" in word and "://" in word]


def test_gdal_sends_where_to_the_server_as_cql2(live_ogc):
    where = "sector = 'pottery-ceramics' OR enterprises > 1000"
    out, debug = gdal("ogrinfo", "-ro", "-al", "-q", "-where", where, f"OAPIF:{live_ogc}", "clusters")
    expected = sorted(set(published_slugs(sector__slug="pottery-ceramics")) | set(published_slugs(enterprises__gt=1000)))
    assert 0 < len(expected) < 60
    assert out.count("OGRFeature(clusters)") == len(expected)
    urls = _requested_urls(debug)
    # The filter went to the server, not evaluated by GDAL over every feature.
    assert any("filter=" in url for url in urls), urls


def test_gdal_ogr2ogr_with_where_and_a_projected_target(live_ogc, tmp_path):
    out = tmp_path / "pottery.gpkg"
    gdal("ogr2ogr", "-f", "GPKG", str(out), f"OAPIF:{live_ogc}", "clusters", "-where", "sector = 'pottery-ceramics'",
         "-t_srs", "EPSG:22992")
    rows, _debug = gdal("ogrinfo", "-ro", "-q", str(out), "-sql", "SELECT slug FROM clusters ORDER BY slug")
    slugs = [line.split("=", 1)[1].strip() for line in rows.splitlines() if line.strip().startswith("slug (String)")]
    assert slugs == published_slugs(sector__slug="pottery-ceramics") and slugs


def test_owslib_filter_sortby_and_crs(live_ogc):
    from owslib.ogcapi.features import Features

    service = Features(live_ogc)
    queryables = service.collection_queryables("clusters")
    assert "sector" in queryables["properties"]
    page = service.collection_items("clusters", filter="sector = 'dairy'", sortby=("enterprises", "desc"), limit=100)
    assert sorted(f["id"] for f in page["features"]) == published_slugs(sector__slug="dairy")
    figures = [f["properties"]["enterprises"] for f in page["features"]]
    known = [figure for figure in figures if figure is not None]
    assert known == sorted(known, reverse=True)
    as_json = json.dumps({"op": "like", "args": [{"property": "name_en"}, "Damietta%"]})
    found = service.collection_items("clusters", filter=as_json, **{"filter-lang": "cql2-json"})
    assert [f["id"] for f in found["features"]] == published_slugs(name_en__startswith="Damietta")
    utm = service.collection_items("clusters", crs="http://www.opengis.net/def/crs/EPSG/0/32636", limit=1)
    x, y = utm["features"][0]["geometry"]["coordinates"]
    assert 0 < x < 1_000_000 and 2_400_000 < y < 3_700_000
