"""OGC API - Features Part 1, Core: the service's own resources (/req/core/http ... /req/core/sfc-md-*).

One test per requirement. Most call the plain functions of
clusters.ogc.handlers without HTTP; the *_op tests go through Django's test
client, as a GIS program would.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.gis.db.models import Extent

from clusters.models import Cluster, Governorate
from clusters.ogc import handlers
from tests.support.ogc import BASE, DRAFT_SLUG, items, items_error, links_by_rel, ok

pytestmark = pytest.mark.django_db
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
PATHS = [
    "/ogc/", "/ogc/api", "/ogc/conformance", "/ogc/collections", "/ogc/collections/clusters",
    "/ogc/collections/clusters/items", "/ogc/collections/clusters/items/damietta-furniture",
    "/ogc/collections/governorates", "/ogc/collections/governorates/items", "/ogc/collections/clusters/schema",
    "/ogc/collections/governorates/items/EG-DT",
]



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
    ("bbox", "1,2,3"), ("bbox", "31,31,32,30"), ("bbox", "a,b,c,d"), ("bbox", "0,0,200,10"), ("bbox", "1,2,3,4,5"),
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
    links = links_by_rel(page, "service-desc") + links_by_rel(page, "service-doc")
    assert [link["type"] for link in links] == ["application/vnd.oai.openapi+json;version=3.0", "text/html"]
    for link in links:
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
    assert conforms_to[:4] == [base + "core", base + "geojson", base + "html", base + "oas30"]


def test_req_core_crs84(seeded):
    """/req/core/crs84: geometries SHALL be in CRS84 (longitude, then latitude)."""
    collections = ok(handlers.collections({}, BASE, "en"))["collections"]
    assert [c["id"] for c in collections] == ["clusters", "governorates"]
    for collection in collections:
        # CRS84 first: the default when no crs is asked for (Part 2 lists the others after it).
        assert collection["crs"][0] == CRS84 and collection["extent"]["spatial"]["crs"] == CRS84
    points = {c.slug: c.location for c in Cluster.objects.filter(status="published")}
    features = items(limit="100")["features"]
    assert sorted(f["id"] for f in features) == sorted(points) and len(points) == 60
    for feature in features:
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
    collections = ok(handlers.collections({}, BASE, "en"))["collections"]
    assert [c["id"] for c in collections] == ["clusters", "governorates"]
    for collection in collections:
        assert collection["title"] and collection["description"]
        assert collection["itemType"] == "feature"


def test_req_core_fc_md_items_links(seeded):
    """/req/core/fc-md-items-links: a rel=items link to the features in every encoding."""
    collections = ok(handlers.collections({}, BASE, "en"))["collections"]
    assert [c["id"] for c in collections] == ["clusters", "governorates"]
    for collection in collections:
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
