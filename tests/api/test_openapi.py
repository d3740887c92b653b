"""The OpenAPI document validates and describes every parameter; the docs need no outside host."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_document_validates_against_the_openapi_3_0_schema(document):
    assert document["openapi"].startswith("3.0")
    # The official OpenAPI 3.0 JSON Schema, as bundled with drf-spectacular; raises on any error.
    validate_schema(document)


def _refs(node) -> list[str]:
    """Every $ref in the document, local or not, wherever it sits."""
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_refs_are_exactly_the_expected_ones_and_resolve(document):
    refs = _refs(document)
    # clusters/api/schema.py writes every schema inline, so the document has no $ref today. Listing them
    # exactly makes a new one (or one to an outside host, which the docs page would fetch) a deliberate change.
    assert sorted(set(refs)) == []
    for ref in refs:
        assert ref.startswith("#/"), ref
        node = document
        for part in ref[2:].split("/"):
            node = node[part]


def test_ref_walker_finds_refs_at_any_depth():
    # The test above passes on an empty list; this shows the walker would see a $ref if there were one.
    nested = {"a": [{"$ref": "#/components/schemas/X"}, {"b": {"$ref": "https://example.org/s.json"}}]}
    assert _refs(nested) == ["#/components/schemas/X", "https://example.org/s.json"]


def _parameters(document, path):
    return {p["name"] for p in document["paths"][path]["get"]["parameters"]}


def test_every_parameter_is_described(document):
    filters = {"sector", "governorate", "bbox", "q", "precision", "geometry"}
    assert _parameters(document, "/api/v1/clusters/") >= filters | {"limit", "offset", "format"}
    assert _parameters(document, "/api/v1/clusters/{slug}/") >= {"slug"}
    assert _parameters(document, "/api/v1/governorates/") >= {"sector", "simplify"}
    assert _parameters(document, "/api/v1/sectors/") >= filters
    assert _parameters(document, "/api/v1/stats/") >= filters
    for path, item in document["paths"].items():
        # The index and the organisations list take no parameter, so drf-spectacular lists none.
        for parameter in item["get"].get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])


def test_every_response_is_described(document):
    clusters = document["paths"]["/api/v1/clusters/"]["get"]["responses"]
    assert set(clusters) == {"200", "304", "400"}
    assert set(clusters["200"]["content"]) == {
        "application/geo+json", "text/csv", "application/geopackage+sqlite3", "application/vnd.google-earth.kml+xml"}
    collection = clusters["200"]["content"]["application/geo+json"]["schema"]
    assert {"numberMatched", "numberReturned", "links", "features"} <= set(collection["properties"])
    assert clusters["400"]["content"]["application/json"]["schema"]["properties"].keys() == {"error", "parameter"}
    assert "404" in document["paths"]["/api/v1/clusters/{slug}/"]["get"]["responses"]
    for path in ("/api/v1/governorates/", "/api/v1/sectors/", "/api/v1/stats/"):
        assert "200" in document["paths"][path]["get"]["responses"], path


def test_feature_schema_lists_every_property(document, client, seeded):
    collection = document["paths"]["/api/v1/clusters/"]["get"]["responses"]["200"]["content"]["application/geo+json"]
    properties = collection["schema"]["properties"]["features"]["items"]["properties"]["properties"]["properties"]
    # Exactly what a real feature carries, the full record included (issue 11, item 4).
    feature = client.get("/api/v1/clusters/?limit=1").json()["features"][0]
    assert set(properties) == set(feature["properties"])
    assert {"aliases", "sources", "description_ar", "description_en", "products_ar", "products_en"} <= set(properties)


def test_docs_are_served_from_our_own_static_files(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, html
    for url in urls:
        assert not re.match(r"^(https?:)?//", url), url
    assets = [u for u in urls if u.startswith("/static/")]
    assert any(u.endswith("swagger-ui-bundle.js") for u in assets)
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset
    # No inline script: the start-up code comes from a URL of its own.
    assert not re.search(r"<script>(?!\s*</script>)", html)
    script = next(u for u in urls if "script" in u and not u.startswith("/static/"))
    init = client.get(script.replace("&amp;", "&"))
    assert init.status_code == 200 and b"/api/v1/schema/" in init.content
    assert not re.search(rb"https?://", init.content)
