"""OGC API - Features Part 2: crs, bbox-crs, Content-Crs, the collections' crs lists."""

import pytest
from django.contrib.gis.geos import Point

from clusters.models import Cluster
from clusters.ogc import handlers
from tests.support.ogc import BASE, feature_ids, items, items_error, ok, polygon, published_slugs

pytestmark = pytest.mark.django_db
EPSG = "http://www.opengis.net/def/crs/EPSG/0/"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
SLUG = "damietta-furniture"


def _proj(point: Point, srid: int) -> tuple[float, float]:
    """PROJ's answer through GDAL's bindings (django.contrib.gis), not through PostGIS."""
    copy = point.clone()
    copy.transform(srid)
    return copy.x, copy.y


def _feature(crs=None, collection="clusters", feature_id=SLUG):
    query = {"crs": crs} if crs else {}
    result = handlers.item(collection, feature_id, query, BASE, "en")
    return result.headers, ok(result)


def test_collections_list_their_crs_and_storage_crs(seeded):
    for collection_id in ("clusters", "governorates"):
        description = ok(handlers.collection(collection_id, {}, BASE, "en"))
        assert description["storageCrs"] == CRS84 and description["crs"][0] == CRS84
        assert {EPSG + code for code in ("4326", "3857", "22992", "32636")} <= set(description["crs"])


def test_default_is_crs84_and_said_in_content_crs(seeded):
    headers, feature = _feature()
    stored = Cluster.objects.get(slug=SLUG).location
    assert headers["Content-Crs"] == f"<{CRS84}>"
    assert feature["geometry"]["coordinates"] == pytest.approx([stored.x, stored.y], abs=1e-6)


@pytest.mark.parametrize("srid", [22992, 32636, 3857])
def test_projected_crs_matches_proj(seeded, srid):
    headers, feature = _feature(EPSG + str(srid))
    assert headers["Content-Crs"] == f"<{EPSG}{srid}>"
    expected = _proj(Cluster.objects.get(slug=SLUG).location, srid)
    assert feature["geometry"]["coordinates"] == pytest.approx(list(expected), abs=0.01)


def test_epsg_4326_is_latitude_first(seeded):
    stored = Cluster.objects.get(slug=SLUG).location
    _headers, feature = _feature("EPSG:4326")  # the short form is taken too
    assert feature["geometry"]["coordinates"] == pytest.approx([stored.y, stored.x], abs=1e-6)


def test_items_and_governorates_in_a_crs(seeded):
    page = items(crs=EPSG + "32636", limit="3")
    for feature in page["features"]:
        x, y = feature["geometry"]["coordinates"]
        assert 0 < x < 1_000_000 and 2_400_000 < y < 3_700_000  # UTM 36N metres over Egypt
    result = handlers.items("governorates", {"crs": EPSG + "22992", "limit": "1"}, BASE, "en")
    assert result.headers["Content-Crs"] == f"<{EPSG}22992>"
    ring = ok(result)["features"][0]["geometry"]["coordinates"][0][0]
    assert all(abs(value) > 1000 for value in ring[0])


def test_unknown_crs_is_a_400_naming_it(seeded):
    assert items_error(crs="EPSG:2154")["parameter"] == "crs"
    assert items_error(**{"bbox-crs": "nonsense", "bbox": "1,2,3,4"})["parameter"] == "bbox-crs"
    result = handlers.item("clusters", SLUG, {"crs": "EPSG:9999"}, BASE, "en")
    assert result.status == 400 and result.body["parameter"] == "crs"


@pytest.mark.parametrize("srid", [32636, 22992, 3857])
def test_bbox_crs_selects_as_the_same_box_in_degrees(seeded, srid):
    box = (31.0, 30.5, 32.0, 31.5)
    expected = published_slugs(location__intersects=polygon(box))
    # The lon/lat box drawn in the projected grid, widened a little: a box there is not a box in degrees.
    low = _proj(Point(box[0] + 0.02, box[1] + 0.02, srid=4326), srid)
    high = _proj(Point(box[2] - 0.02, box[3] - 0.02, srid=4326), srid)
    inner = feature_ids(items(bbox=f"{low[0]},{low[1]},{high[0]},{high[1]}", **{"bbox-crs": f"EPSG:{srid}"}, limit="100"))
    assert set(inner) <= set(expected) and len(inner) >= 1


def test_bbox_crs_4326_takes_latitude_first(seeded):
    box = (31.0, 30.5, 32.0, 31.5)
    expected = published_slugs(location__intersects=polygon(box))
    swapped = items(bbox="30.5,31.0,31.5,32.0", **{"bbox-crs": EPSG + "4326"})
    assert sorted(feature_ids(swapped)) == expected
    assert len(items(**{"bbox-crs": CRS84})["features"]) == 60  # without a bbox it says nothing
