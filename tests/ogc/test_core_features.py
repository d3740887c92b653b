"""OGC API - Features Part 1, Core: the features (/req/core/fc-* and /req/core/f-*).

One test per requirement, in the style of pygeoapi's suite.
"""

from datetime import UTC, datetime, timedelta

import pytest

from clusters.models import Cluster
from clusters.ogc import handlers
from tests.support.ogc import (
    BASE, DRAFT_SLUG, FAR_DRAFT_SLUG, body, feature_ids, items, items_error, links_by_rel, ok, polygon, published_slugs,
)

pytestmark = pytest.mark.django_db


def test_req_core_fc_op(client, seeded):
    """/req/core/fc-op: the server SHALL support GET at /collections/{collectionId}/items."""
    for collection_id in ("clusters", "governorates"):
        response = client.get(f"/ogc/collections/{collection_id}/items")
        assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"


def test_req_core_fc_limit_definition(seeded):
    """/req/core/fc-limit-definition: limit, an integer from 1 to 10000, default 100 here."""
    parameter = ok(handlers.api_definition({}, BASE, "en"))["components"]["parameters"]["limit"]
    assert parameter["in"] == "query" and parameter["required"] is False
    assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": 10000, "default": 100}


def test_req_core_fc_limit_response(seeded):
    """/req/core/fc-limit-response: no more features than limit; a larger limit than the maximum is clamped."""
    assert len(items(limit="5")["features"]) == 5
    assert len(items()["features"]) == 60  # the default, 100, holds them all
    clamped = items(limit="20000")
    assert clamped["numberReturned"] == 60
    assert "limit=10000" in links_by_rel(clamped, "self")[0]["href"]
    assert items_error(limit="0")["parameter"] == "limit"


def test_req_core_fc_bbox_definition(seeded):
    """/req/core/fc-bbox-definition: bbox, four or six numbers, comma-separated."""
    parameter = ok(handlers.api_definition({}, BASE, "en"))["components"]["parameters"]["bbox"]
    assert parameter["schema"] == {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 6}
    assert parameter["style"] == "form" and parameter["explode"] is False


def test_req_core_fc_bbox_response(draft):
    """/req/core/fc-bbox-response: only features whose geometry intersects the box."""
    box = (31.0, 30.5, 32.0, 31.5)
    expected = published_slugs(location__intersects=polygon(box))
    assert 0 < len(expected) < 60
    assert feature_ids(items(bbox="31,30.5,32,31.5")) == expected
    assert feature_ids(items(bbox="31,30.5,-100,32,31.5,100")) == expected  # with heights
    governorates = feature_ids(items("governorates", bbox="31,30.5,32,31.5"))
    assert "EG-DT" in governorates and "EG-ASN" not in governorates


def test_req_core_fc_time_definition(seeded):
    """/req/core/fc-time-definition: datetime, a string (instant or interval)."""
    document = ok(handlers.api_definition({}, BASE, "en"))
    assert document["components"]["parameters"]["datetime"]["schema"] == {"type": "string"}
    for collection_id in ("clusters", "governorates"):
        parameters = document["paths"][f"/collections/{collection_id}/items"]["get"]["parameters"]
        assert {"$ref": "#/components/parameters/datetime"} in parameters


def test_req_core_fc_time_response(draft):
    """/req/core/fc-time-response: only features whose updated_at intersects datetime (instants, intervals)."""
    Cluster.objects.update(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    Cluster.objects.filter(slug="damietta-furniture").update(updated_at=datetime(2024, 5, 1, 10, 0, 0, 250000, tzinfo=UTC))
    Cluster.objects.filter(slug="mahalla-textiles").update(updated_at=datetime(2024, 5, 3, 23, 30, tzinfo=UTC))
    Cluster.objects.filter(slug=DRAFT_SLUG).update(updated_at=datetime(2024, 5, 2, tzinfo=UTC))
    both = ["damietta-furniture", "mahalla-textiles"]
    cases = {
        "2024-05-01T10:00:00Z": ["damietta-furniture"],  # the whole second
        "2024-05-01T12:00:00+02:00": ["damietta-furniture"],  # the same second, written in Cairo time
        "2024-05-01T10:00:00.25Z": ["damietta-furniture"],
        "2024-05-01T10:00:01Z": [],
        "2024-05-01": ["damietta-furniture"],  # the whole day
        "2024-05-01T/2024-05-03T": both,  # GDAL's form of dates
        "2024-05-01/2024-05-03": both,
        "2024-05-01T10:00:01Z/2024-05-03": ["mahalla-textiles"],
        "2024-05-01/..": both,  # open end
        "2024-05-02/": ["mahalla-textiles"],
        "../2024-05-02": [s for s in published_slugs() if s != "mahalla-textiles"],  # open start
        "../..": published_slugs(),
    }
    for value, expected in cases.items():
        document = items(datetime=value)
        assert feature_ids(document) == expected, value
        assert document["numberMatched"] == len(expected)
    # Boundaries keep no time: they are valid at every instant.
    assert len(items("governorates", datetime="2024-05-01")["features"]) == 27


def test_req_core_fc_response(seeded):
    """/req/core/fc-response: a FeatureCollection with the selected features."""
    document = items(limit="3")
    assert document["type"] == "FeatureCollection"
    assert [f["type"] for f in document["features"]] == ["Feature"] * 3


def test_req_core_fc_links(seeded):
    """/req/core/fc-links: self, alternate, and next while there are more; following next visits every feature once."""
    document = items(limit="25", sector="pottery-ceramics,carpets-kilim,furniture-woodworking,dairy,dates")
    assert [l["rel"] for l in document["links"]] == ["self", "alternate", "next", "collection"]
    assert links_by_rel(document, "self")[0]["type"] == "application/geo+json"
    assert links_by_rel(document, "alternate")[0]["type"] == "text/html"
    seen, query, pages = [], {"limit": "7"}, 0
    while True:
        page = items(**query)
        seen += feature_ids(page)
        pages += 1
        if pages > 1:
            assert links_by_rel(page, "prev"), pages
        nexts = links_by_rel(page, "next")
        if not nexts:
            break
        assert nexts[0]["type"] == "application/geo+json"
        query = dict(pair.split("=") for pair in nexts[0]["href"].split("?")[1].split("&"))
        query.pop("f")
    assert seen == published_slugs() and pages == 9


def test_req_core_fc_timeStamp(seeded):  # noqa: N802 - the requirement's own name
    """/req/core/fc-timeStamp: the time the response was generated, RFC 3339."""
    stamp = datetime.strptime(items(limit="1")["timeStamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - stamp) < timedelta(minutes=1)


def test_req_core_fc_numberMatched(draft):  # noqa: N802
    """/req/core/fc-numberMatched: how many features match the selection, over every page."""
    assert items(limit="1")["numberMatched"] == 60
    assert items(limit="1", governorate="EG-DT")["numberMatched"] == len(published_slugs(governorate__iso_code="EG-DT"))
    assert items("governorates", limit="1")["numberMatched"] == 27


def test_req_core_fc_numberReturned(seeded):  # noqa: N802
    """/req/core/fc-numberReturned: how many features this response holds."""
    for query, count in [({"limit": "7"}, 7), ({"limit": "7", "offset": "56"}, 4), ({"offset": "100"}, 0)]:
        document = items(**query)
        assert document["numberReturned"] == len(document["features"]) == count


def test_req_core_f_op(client, seeded):
    """/req/core/f-op: the server SHALL support GET at /collections/{collectionId}/items/{featureId}."""
    for path in ("/ogc/collections/clusters/items/damietta-furniture", "/ogc/collections/governorates/items/EG-DT"):
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"


def test_req_core_f_success(draft):
    """/req/core/f-success: the feature; ids are slugs and ISO codes, and a draft or an unknown id is a 404."""
    feature = ok(handlers.item("clusters", "damietta-furniture", {}, BASE, "en"))
    assert feature["type"] == "Feature" and feature["id"] == "damietta-furniture"
    assert feature["properties"]["governorate"] == "EG-DT"
    assert ok(handlers.item("governorates", "EG-DT", {}, BASE, "en"))["properties"]["name_en"] == "Damietta"
    for collection_id, feature_id in [("clusters", DRAFT_SLUG), ("clusters", FAR_DRAFT_SLUG), ("clusters", "nope"),
                                      ("governorates", "EG-XX"), ("clusters", "x" * 500), ("nope", "EG-DT")]:
        result = handlers.item(collection_id, feature_id, {}, BASE, "en")
        assert result.status == 404 and result.body["code"] == "NotFound", feature_id
        assert result.headers["Content-Type"] == "application/json"


def test_req_core_f_links(seeded):
    """/req/core/f-links: self, alternate and collection."""
    feature = ok(handlers.item("clusters", "damietta-furniture", {}, BASE, "en"))
    assert [(l["rel"], l["type"]) for l in feature["links"]] == [
        ("self", "application/geo+json"), ("alternate", "text/html"), ("collection", "application/json")]
    assert feature["links"][0]["href"] == f"{BASE}/collections/clusters/items/damietta-furniture?f=json"
    assert feature["links"][2]["href"] == f"{BASE}/collections/clusters?f=json"
    assert body(handlers.item("governorates", "EG-DT", {}, BASE, "en"))["links"][2]["rel"] == "collection"
