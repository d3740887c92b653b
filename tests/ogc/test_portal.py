"""What the portal promises beyond the OGC requirements: the API's filters and drafts rule, languages, ETags, formats."""

import json
from urllib.parse import quote, urlencode

import pytest
from django.utils import translation

from clusters.models import Cluster
from clusters.ogc import handlers
from clusters.ogc.params import format_negotiate
from tests.support.ogc import BASE, DRAFT_SLUG, FAR_DRAFT_SLUG, feature_ids, ok, published_slugs

pytestmark = pytest.mark.django_db


def test_drafts_never_appear(client, draft):
    for collection_query in ({}, {"sector": "dairy"}, {"governorate": "EG-DT"}, {"q": "secret draft"},
                             {"bbox": "31.8,31.4,31.82,31.42"}, {"bbox": "24.7,21.7,24.9,21.9"}):
        document = ok(handlers.items("clusters", collection_query, BASE, "en"))
        assert DRAFT_SLUG not in feature_ids(document) and FAR_DRAFT_SLUG not in feature_ids(document)
        assert document["numberMatched"] == len(feature_ids(document))
    html = client.get("/ogc/collections/clusters/items", {"f": "html", "q": "draft"}).content.decode()
    assert DRAFT_SLUG not in html and "Secret draft" not in html
    governorates = ok(handlers.items("governorates", {}, BASE, "en"))["features"]
    damietta = next(f for f in governorates if f["id"] == "EG-DT")
    assert damietta["properties"]["cluster_count"] == len(published_slugs(governorate__iso_code="EG-DT"))


@pytest.mark.parametrize("query", [
    {"sector": "dairy"}, {"sector": "furniture-woodworking,pottery-ceramics"}, {"governorate": "EG-DT,EG-FYM"},
    {"q": "دمياط"}, {"q": "الفيوم"}, {"q": "الفيّوم"}, {"q": "أخميم"}, {"q": "اخميم"}, {"q": "damietta furniture"},
    {"bbox": "30,29,32,31.5"}, {"sector": "furniture-woodworking", "governorate": "EG-DT", "bbox": "31,31,32,32"},
])
def test_filters_select_what_the_api_selects(client, draft, query):
    api = json.loads(client.get("/api/v1/clusters/?" + urlencode(query)).content)
    expected = [feature["id"] for feature in api["features"]]
    assert expected, query
    assert feature_ids(ok(handlers.items("clusters", {**query, "limit": "10000"}, BASE, "en"))) == expected


def test_language_from_lang_or_accept_language(client, seeded):
    english = client.get("/ogc/collections/clusters", headers={"Accept-Language": "en"})
    assert english["Content-Language"] == "en"
    assert json.loads(english.content)["title"] == "Production clusters"
    arabic = client.get("/ogc/collections/clusters", {"lang": "ar"}, headers={"Accept-Language": "en"})
    assert arabic["Content-Language"] == "ar"
    with translation.override("ar"):
        assert json.loads(arabic.content)["title"] == translation.gettext("Production clusters")
    # An explicit lang is carried into the links, so a reader keeps the language while browsing.
    assert "lang=ar" in json.loads(arabic.content)["links"][0]["href"]
    error = json.loads(client.get("/ogc/collections", {"lang": "de"}).content)
    assert error["parameter"] == "lang"


def test_html_pages_switch_language_with_lang(client, seeded):
    html = client.get("/ogc/collections", {"f": "html", "lang": "ar"}).content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert 'href="/ogc/collections?f=html&amp;lang=en"' in html
    assert 'lang="en" dir="ltr"' in client.get("/ogc/collections", {"f": "html", "lang": "en"}).content.decode()


def test_etags_and_304(client, seeded):
    url = "/ogc/collections/clusters/items?limit=5"
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and first["Cache-Control"].startswith("public")
    for header in (etag, f"W/{etag}", f'"other", {etag}'):
        again = client.get(url, headers={"If-None-Match": header})
        assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url + "&offset=5")["ETag"] != etag
    assert client.get(url + "&f=html")["ETag"] != etag
    assert client.get(url, headers={"Accept-Language": "en"})["ETag"] != etag
    cluster = Cluster.objects.get(slug="damietta-furniture")
    cluster.name_en = "Damietta furniture, edited"
    cluster.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    # The plain functions answer 304 on their own, without building the body.
    result = handlers.items("clusters", {"limit": "5"}, BASE, "ar")
    assert handlers.items("clusters", {"limit": "5"}, BASE, "ar", if_none_match=result.headers["ETag"]).status == 304


def test_errors_are_never_cached_and_a_missing_collection_or_feature_answers_in_the_format_asked(client, seeded):
    # A 404 for a collection or feature follows f and Accept like any answer (issue 13, item 8);
    # an unknown path and a 400 (the format may be what is wrong) stay JSON.
    for url, status, content_type in [
        ("/ogc/nope", 404, "application/json"),
        ("/ogc/collections/nope/items", 404, "text/html; charset=utf-8"),
        ("/ogc/collections/clusters/items/nope", 404, "text/html; charset=utf-8"),
        ("/ogc/collections/clusters/items?bbox=1,2", 400, "application/json"),
    ]:
        response = client.get(url, headers={"Accept": "text/html"})
        assert response.status_code == status and response["Content-Type"] == content_type, url
        assert response["Cache-Control"] == "no-store"
        if content_type == "application/json":
            assert json.loads(response.content)["description"]
        as_json = client.get(url, {"f": "json"}) if "?" not in url else client.get(url + "&f=json")
        assert as_json["Content-Type"] == "application/json" and json.loads(as_json.content)["description"]


@pytest.mark.parametrize("accept, expected", [
    ("*/*", "json"), ("", "json"), ("application/geo+json, application/json", "json"),
    ("application/vnd.oai.openapi+json;version=3.0", "json"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
    ("text/html;q=0.5, application/json", "json"), ("text/html", "html"), ("text/html, application/json", "json"),
])
def test_format_from_accept(accept, expected):
    assert format_negotiate({}, accept) == expected


def test_f_wins_over_accept():
    assert format_negotiate({"f": "json"}, "text/html") == "json"
    assert format_negotiate({"f": "HTML"}, "*/*") == "html"


def test_cors_lets_any_site_read(client, seeded):
    response = client.get("/ogc/collections", headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"


def test_schema_describes_every_property_with_its_type(seeded):
    json_types = {"string": str, "integer": int, "number": float}
    for collection_id in ("clusters", "governorates"):
        collection = ok(handlers.collection(collection_id, {}, BASE, "en"))
        described_by = [link for link in collection["links"] if link["rel"].lower() == "describedby"]
        assert [link["type"] for link in described_by] == ["application/schema+json"]
        result = handlers.schema(collection_id, {}, BASE, "en")
        assert result.headers["Content-Type"] == "application/schema+json"
        properties = ok(result)["properties"]["properties"]["properties"]
        for feature in ok(handlers.items(collection_id, {}, BASE, "en"))["features"]:
            assert list(feature["properties"]) == list(properties)
            for name, value in feature["properties"].items():
                if value is not None:
                    assert isinstance(value, json_types[properties[name]["type"]]), (name, value)
    assert handlers.schema("nope", {}, BASE, "en").status == 404


NASTY = ["'; DROP TABLE clusters_cluster; --", "%", "_", "\\", "\x00", "x" * 5000, "دمياط\u0640ًّ", "1e309", "NaN",
         "٢٠٢٤-٠٥-٠١", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "../..", "/", ",,,", "<script>"]


@pytest.mark.parametrize("value", NASTY)
def test_no_input_gives_a_500(client, seeded, value):
    paths = ["/ogc/", "/ogc/collections/clusters/items", "/ogc/collections/governorates/items",
             "/ogc/collections/clusters/items/damietta-furniture"]
    for path in paths:
        for name in ("f", "lang", "limit", "offset", "bbox", "datetime", "sector", "governorate", "q", value):
            response = client.get(path, {name: value})
            assert response.status_code in (200, 400), (path, name, value, response.content[:200])
    for collection_id in ("clusters", "governorates", value):
        response = client.get(f"/ogc/collections/{quote(collection_id, safe='')}/items/{quote(value, safe='')}")
        assert response.status_code in (200, 404), (collection_id, value)
