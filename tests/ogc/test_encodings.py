"""Conformance classes GeoJSON, HTML and OpenAPI 3.0: one test per requirement (/req/geojson, /req/html, /req/oas30)."""

import json
import re

import pytest
from drf_spectacular.validation import validate_schema

from clusters.models import Cluster
from clusters.ogc import handlers
from clusters.ogc.params import DECLARED
from tests.support.ogc import BASE, ok

pytestmark = pytest.mark.django_db
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
HTML_PATHS = [
    "/ogc/", "/ogc/api", "/ogc/conformance", "/ogc/collections", "/ogc/collections/clusters",
    "/ogc/collections/governorates", "/ogc/collections/clusters/items", "/ogc/collections/governorates/items",
    "/ogc/collections/clusters/items/damietta-furniture", "/ogc/collections/governorates/items/EG-DT",
    "/ogc/collections/clusters/schema", "/ogc/collections/governorates/schema",
]
# A valid value for every declared query parameter, to try each one on every path that declares it.
VALID = {
    "f": "json", "lang": "en", "limit": "5", "offset": "1", "bbox": "25,22,36,32", "datetime": "2000-01-01/..",
    "sector": "dairy", "governorate": "EG-DT", "q": "دمياط",
    "crs": "http://www.opengis.net/def/crs/EPSG/0/22992", "bbox-crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "filter": "name_en LIKE 'D%'", "filter-lang": "cql2-text", "filter-crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "sortby": "-name_en", "programme": "natural-clusters-afdb", "organisation": "msmeda",
}


def _check_geometry(geometry: dict):
    assert geometry["type"] in {"Point", "MultiPolygon"}
    if geometry["type"] == "Point":
        assert len(geometry["coordinates"]) == 2
        return
    for polygon in geometry["coordinates"]:
        for ring in polygon:
            assert len(ring) >= 4 and ring[0] == ring[-1]


def test_req_geojson_definition(client, seeded):
    """/req/geojson/definition: 200-responses of the features and a feature SHALL support application/geo+json."""
    for path in HTML_PATHS[6:10]:
        for accept in ("application/geo+json", "application/json", "*/*"):
            response = client.get(path, headers={"Accept": accept})
            assert response["Content-Type"] == "application/geo+json", (path, accept)


def test_req_geojson_content(seeded):
    """/req/geojson/content: RFC 7946 FeatureCollections and Features, with the OGC members around them."""
    for collection_id in ("clusters", "governorates"):
        document = ok(handlers.items(collection_id, {}, BASE, "en"))
        assert set(document) == {"type", "numberMatched", "numberReturned", "timeStamp", "links", "features"}
        for feature in document["features"]:
            assert feature["type"] == "Feature" and isinstance(feature["id"], str)
            assert isinstance(feature["properties"], dict)
            _check_geometry(feature["geometry"])
            for value in feature["geometry"]["coordinates"][:2]:
                if isinstance(value, float):
                    assert len(repr(value).split(".")[1]) <= 6  # RFC 7946 11.2: no false precision
        feature = ok(handlers.item(collection_id, document["features"][0]["id"], {}, BASE, "en"))
        assert {"type", "id", "geometry", "properties", "links"} <= set(feature)


def test_req_html_definition(client, seeded):
    """/req/html/definition: every 200-response SHALL support text/html, by f=html or by Accept."""
    for path in HTML_PATHS:
        for response in (client.get(path, {"f": "html"}), client.get(path, headers={"Accept": BROWSER_ACCEPT})):
            assert response.status_code == 200, path
            assert response["Content-Type"] == "text/html; charset=utf-8", path


def test_req_html_content(client, seeded):
    """/req/html/content: an HTML5 document with the response's information and every link as an <a> element."""
    Cluster.objects.filter(slug="damietta-furniture").update(name_en='<script>alert("x")</script> & Co')
    for path in HTML_PATHS:
        html = client.get(path, {"f": "html", "lang": "en"}).content.decode()
        assert html.lower().startswith("<!doctype html>") or html.lstrip().lower().startswith("<!doctype html>")
        assert "<script>alert" not in html  # autoescaped, never |safe
        assert "<script>" not in html.replace("<script src=", "")  # no inline scripts under the CSP
        if path == "/ogc/api":
            continue
        data = json.loads(client.get(path, {"lang": "en"}).content)
        hrefs = set(re.findall(r'<a href="([^"]+)"', html))
        for link in data.get("links", []):
            assert link["href"].replace("&", "&amp;") in hrefs, (path, link)
    items = client.get("/ogc/collections/clusters/items", {"f": "html", "lang": "en"}).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in items


def test_req_oas30_oas_definition_1(client, seeded):
    """/req/oas30/oas-definition-1: the definition as JSON (the OpenAPI media type) and as HTML."""
    response = client.get("/ogc/api")
    assert response.status_code == 200 and response["Content-Type"] == OPENAPI
    html = client.get("/ogc/api", headers={"Accept": BROWSER_ACCEPT})
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert b"/collections/clusters/items" in html.content


def test_req_oas30_oas_definition_2(seeded):
    """/req/oas30/oas-definition-2: the JSON definition SHALL conform to the OpenAPI 3.0 schema."""
    document = ok(handlers.api_definition({}, BASE, "en"))
    validate_schema(document)

    def refs(node):
        if isinstance(node, dict):
            yield from ([node["$ref"]] if "$ref" in node else [])
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in set(refs(document)):
        target = document
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]  # every $ref resolves


def test_req_oas30_oas_impl(client, seeded):
    """/req/oas30/oas-impl: the server SHALL implement every capability in its OpenAPI definition.

    Each path of the document answers, each query parameter it declares is
    accepted with a valid value, and one it does not declare is refused.
    """
    document = ok(handlers.api_definition({}, BASE, "en"))
    parameters = document["components"]["parameters"]
    for path, item in document["paths"].items():
        url = "/ogc" + path.replace("{featureId}", "EG-DT" if "governorates" in path else "damietta-furniture")
        declared = set()
        for parameter in item["get"]["parameters"]:
            parameter = parameters[parameter["$ref"].rsplit("/", 1)[1]]
            if parameter["in"] == "query":
                declared.add(parameter["name"])
                response = client.get(url, {parameter["name"]: VALID[parameter["name"]]})
                assert response.status_code == 200, (path, parameter["name"], response.content[:200])
        operation = "items:" + path.split("/")[2] if path.endswith("/items") else None
        assert declared == set(DECLARED[operation] if operation else declared), path
        assert client.get(url, {"undeclared": "1"}).status_code == 400, path
        assert set(item) == {"get"}


def test_req_oas30_completeness(client, seeded):
    """/req/oas30/completeness: every status code the server uses on a path is in that path's definition."""
    document = ok(handlers.api_definition({}, BASE, "en"))
    for path, item in document["paths"].items():
        url = "/ogc" + path.replace("{featureId}", "EG-DT" if "governorates" in path else "damietta-furniture")
        listed = set(item["get"]["responses"])
        first = client.get(url)
        used = {first.status_code, client.get(url, headers={"If-None-Match": first["ETag"]}).status_code,
                client.get(url, {"f": "pdf"}).status_code}
        if "{featureId}" in path:
            used.add(client.get(url.rsplit("/", 1)[0] + "/no-such-feature").status_code)
        assert {str(code) for code in used} <= listed, (path, used, listed)


def test_req_oas30_exceptions_codes(client, seeded):
    """/req/oas30/exceptions-codes: error bodies follow the exception schema the definition declares."""
    document = ok(handlers.api_definition({}, BASE, "en"))
    schema = document["components"]["schemas"]["exception"]
    for url in ("/ogc/collections/clusters/items?limit=x", "/ogc/collections/clusters/items/nope",
                "/ogc/collections/nope", "/ogc/nope"):
        response = client.get(url)
        assert response.status_code in (400, 404) and response["Content-Type"] == "application/json"
        error = json.loads(response.content)
        assert set(schema["required"]) <= set(error) <= set(schema["properties"])
