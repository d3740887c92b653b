"""OGC API - Features Part 1, conformance class Core: one test per requirement (/req/core/...).

Most call the plain functions of clusters.ogc.handlers, without HTTP; the
*_op tests go through Django's test client, as a GIS program would.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.gis.db.models import Extent

from clusters.models import Cluster, Governorate
from clusters.ogc import handlers
from tests.ogc.conftest import BASE, DRAFT_SLUG, FAR_DRAFT_SLUG, body, feature_ids, links_by_rel, ok, published_slugs

pytestmark = pytest.mark.django_db
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
PATHS = [
    "/ogc/", "/ogc/api", "/ogc/conformance", "/ogc/collections", "/ogc/collections/clusters",
    "/ogc/collections/clusters/items", "/ogc/collections/clusters/items/damietta-furniture",
    "/ogc/collections/governorates", "/ogc/collections/governorates/items", "/ogc/collections/clusters/schema",
    "/ogc/collections/governorates/items/EG-DT",
]


def items(collection="clusters", **query):
    return ok(handlers.items(collection, query, BASE, "en"))


def items_error(collection="clusters", **query):
    result = handlers.items(collection, query, BASE, "en")
    assert result.status == 400, (result.status, result.body)
    return result.body


def test_req_core_http(client, seeded):
    """/req/core/http: the server SHALL conform to HTTP 1.1 (GET and HEAD; both forms of each path)."""
    for path in PATHS:
        get = client.get(path)
        assert get.status_code == 200, path
        head = client.head(path)
        assert head.status_code == 200 and head.content == b"", path
        assert head["Content-Type"] == get["Content-Type"] and head["ETag"] == get["ETag"]
        if path != "/ogc/":
            assert client.get(path + "/").status_code == 200, path + "/"


def test_req_core_query_param_unknown(seeded):
    """/req/core/query-param-unknown: a query parameter the API definition does not declare SHALL be a 400."""
    calls = [
        lambda q: handlers.landing_page(q, BASE, "en"),
        lambda q: handlers.conformance(q, BASE, "en"),
        lambda q: handlers.api_definition(q, BASE, "en"),
        lambda q: handlers.collections(q, BASE, "en"),
        lambda q: handlers.collection("clusters", q, BASE, "en"),
        lambda q: handlers.items("clusters", q, BASE, "en"),
        lambda q: handlers.items("governorates", q, BASE, "en"),
        lambda q: handlers.item("clusters", "damietta-furniture", q, BASE, "en"),
    ]
    for call in calls:
        result = call({"limit": "10"} if call is calls[0] else {"foo": "1"})
        assert result.status == 400
        assert result.body["code"] == "UnknownParameter"
        assert result.body["parameter"] in {"limit", "foo"}
        assert result.body["description"] == result.body["error"]
    # The API's filters are declared for clusters only, and its export parameters nowhere.
    assert items_error("governorates", sector="dairy")["parameter"] == "sector"
    assert items_error(format="csv")["parameter"] == "format"
    assert items_error(precision="locality")["parameter"] == "precision"


@pytest.mark.parametrize("name, value", [
    ("limit", "abc"), ("limit", "0"), ("limit", "-1"), ("limit", "1.5"), ("offset", "-1"), ("offset", "x"),
    ("bbox", "1,2,3"), ("bbox", "32,30,31,31"), ("bbox", "a,b,c,d"), ("bbox", "0,0,200,10"), ("bbox", "1,2,3,4,5"),
    ("datetime", "yesterday"), ("datetime", "2024-02-30"), ("datetime", "2024-05-01T10:00:00"),
    ("datetime", "2024-06-01/2024-05-01"), ("datetime", "a/b/c"), ("f", "xml"), ("lang", "fr"),
    ("sector", "no-such-sector"), ("governorate", "EG-XX"), ("q", "x" * 5000), ("q", "nul\x00byte"),
])
def test_req_core_query_param_invalid(seeded, name, value):
    """/req/core/query-param-invalid: an invalid value of a declared parameter SHALL be a 400 naming it."""
    error = items_error(**{name: value})
    assert error["code"] == "InvalidParameterValue"
    assert error["parameter"] == name and error["description"]


def test_req_core_root_op(client, seeded):
    """/req/core/root-op: the server SHALL support the HTTP GET operation at the path /."""
    response = client.get("/ogc/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


def test_req_core_root_success(seeded):
    """/req/core/root-success: the landing page links to the API definition, conformance and the collections."""
    page = ok(handlers.landing_page({}, BASE, "en"))
    assert page["title"] and page["description"]
    assert links_by_rel(page, "self")[0] == {
        "href": f"{BASE}/?f=json", "rel": "self", "type": "application/json", "title": "This document as JSON"}
    assert links_by_rel(page, "alternate")[0]["type"] == "text/html"
    service_desc = links_by_rel(page, "service-desc")
    assert [link["type"] for link in service_desc] == ["application/vnd.oai.openapi+json;version=3.0"]
    assert service_desc[0]["href"] == f"{BASE}/api?f=json"
    assert links_by_rel(page, "service-doc")[0]["type"] == "text/html"
    assert links_by_rel(page, "conformance")[0]["href"] == f"{BASE}/conformance?f=json"
    assert links_by_rel(page, "data")[0]["href"] == f"{BASE}/collections?f=json"


def test_req_core_api_definition_op(client, seeded):
    """/req/core/api-definition-op: the URIs of all API definitions in the landing page SHALL support GET."""
    page = json.loads(client.get("/ogc/").content)
    for link in links_by_rel(page, "service-desc") + links_by_rel(page, "service-doc"):
        response = client.get(link["href"])
        assert response.status_code == 200
        assert response["Content-Type"].split(";")[0] == link["type"].split(";")[0]


def test_req_core_api_definition_success(seeded):
    """/req/core/api-definition-success: the API definition comes back in the type its link announces."""
    result = handlers.api_definition({}, BASE, "en")
    assert result.headers["Content-Type"] == "application/vnd.oai.openapi+json;version=3.0"
    document = ok(result)
    assert document["openapi"].startswith("3.0") and document["servers"] == [{"url": BASE}]


def test_req_core_conformance_op(client, seeded):
    """/req/core/conformance-op: the server SHALL support GET at /conformance."""
    assert client.get("/ogc/conformance").status_code == 200


def test_req_core_conformance_success(seeded):
    """/req/core/conformance-success: the list of conformance classes, core among them."""
    conforms_to = ok(handlers.conformance({}, BASE, "en"))["conformsTo"]
    base = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"
    assert conforms_to == [base + "core", base + "geojson", base + "html", base + "oas30"]


def test_req_core_crs84(seeded):
    """/req/core/crs84: geometries SHALL be in CRS84 (longitude, then latitude)."""
    for collection in ok(handlers.collections({}, BASE, "en"))["collections"]:
        assert collection["crs"] == [CRS84] and collection["extent"]["spatial"]["crs"] == CRS84
    points = {c.slug: c.location for c in Cluster.objects.filter(status="published")}
    for feature in items(limit="100")["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        location = points[feature["id"]]
        assert (lon, lat) == (round(location.x, 6), round(location.y, 6))
        assert (lon, lat) == (feature["properties"]["lon"], feature["properties"]["lat"])


def test_req_core_fc_md_op(client, seeded):
    """/req/core/fc-md-op: the server SHALL support GET at /collections."""
    response = client.get("/ogc/collections")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


def test_req_core_fc_md_success(seeded):
    """/req/core/fc-md-success: a links array and a collections array."""
    document = ok(handlers.collections({}, BASE, "en"))
    assert [c["id"] for c in document["collections"]] == ["clusters", "governorates"]


def test_req_core_fc_md_links(seeded):
    """/req/core/fc-md-links: links to this document (self) and to it in every other encoding (alternate)."""
    document = ok(handlers.collections({}, BASE, "en"))
    assert [(l["rel"], l["type"]) for l in document["links"]] == [("self", "application/json"), ("alternate", "text/html")]
    assert links_by_rel(document, "self")[0]["href"] == f"{BASE}/collections?f=json"


def test_req_core_fc_md_items(seeded):
    """/req/core/fc-md-items: every collection the server offers, with its id, title, description and itemType."""
    for collection in ok(handlers.collections({}, BASE, "en"))["collections"]:
        assert collection["id"] in {"clusters", "governorates"}
        assert collection["title"] and collection["description"]
        assert collection["itemType"] == "feature"


def test_req_core_fc_md_items_links(seeded):
    """/req/core/fc-md-items-links: a rel=items link to the features in every encoding."""
    for collection in ok(handlers.collections({}, BASE, "en"))["collections"]:
        items_links = links_by_rel(collection, "items")
        assert {l["type"] for l in items_links} == {"application/geo+json", "text/html"}
        hrefs = {l["type"]: l["href"] for l in items_links}
        # GDAL 3.6 appends "/{featureId}" to the GeoJSON one, so it carries no query.
        assert hrefs["application/geo+json"] == f"{BASE}/collections/{collection['id']}/items"
        assert hrefs["text/html"] == f"{BASE}/collections/{collection['id']}/items?f=html"


def test_req_core_fc_md_extent(draft):
    """/req/core/fc-md-extent: the extent of the data, spatial (ST_Extent) and temporal (updated_at)."""
    first, last = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), datetime(2025, 6, 7, 8, 9, 10, tzinfo=UTC)
    Cluster.objects.update(updated_at=datetime(2024, 6, 1, tzinfo=UTC))
    Cluster.objects.filter(slug="damietta-furniture").update(updated_at=first)
    Cluster.objects.filter(slug="mahalla-textiles").update(updated_at=last)
    Cluster.objects.filter(slug=DRAFT_SLUG).update(updated_at=last + timedelta(days=9))
    collections = {c["id"]: c for c in ok(handlers.collections({}, BASE, "en"))["collections"]}

    published = Cluster.objects.filter(status="published").aggregate(e=Extent("location"))["e"]
    bbox = collections["clusters"]["extent"]["spatial"]["bbox"][0]
    assert bbox == pytest.approx(list(published), abs=1e-6)
    assert bbox[0] <= published[0] and bbox[3] >= published[3]  # rounded outwards
    assert bbox[0] > 24.8 and bbox[1] > 21.8  # the far draft is left out
    assert collections["clusters"]["extent"]["temporal"]["interval"] == [["2024-01-02T03:04:05Z", "2025-06-07T08:09:10Z"]]

    boundaries = Governorate.objects.aggregate(e=Extent("boundary"))["e"]
    assert collections["governorates"]["extent"]["spatial"]["bbox"][0] == pytest.approx(list(boundaries), abs=1e-6)
    assert "temporal" not in collections["governorates"]["extent"]


def test_req_core_sfc_md_op(client, seeded):
    """/req/core/sfc-md-op: the server SHALL support GET at /collections/{collectionId}."""
    for collection_id in ("clusters", "governorates"):
        assert client.get(f"/ogc/collections/{collection_id}").status_code == 200
    response = client.get("/ogc/collections/nope")
    assert response.status_code == 404 and json.loads(response.content)["code"] == "NotFound"


def test_req_core_sfc_md_success(seeded):
    """/req/core/sfc-md-success: the same content as that collection's entry in /collections."""
    listed = {c["id"]: c for c in ok(handlers.collections({}, BASE, "en"))["collections"]}
    for collection_id in ("clusters", "governorates"):
        assert ok(handlers.collection(collection_id, {}, BASE, "en")) == listed[collection_id]


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
    expected = published_slugs(location__intersects=_polygon(box))
    assert 0 < len(expected) < 60
    assert feature_ids(items(bbox="31,30.5,32,31.5")) == expected
    assert feature_ids(items(bbox="31,30.5,-100,32,31.5,100")) == expected  # with heights
    governorates = feature_ids(items("governorates", bbox="31,30.5,32,31.5"))
    assert "EG-DT" in governorates and "EG-ASN" not in governorates


def _polygon(box):
    from django.contrib.gis.geos import Polygon

    polygon = Polygon.from_bbox(box)
    polygon.srid = 4326
    return polygon


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
