"""OGC API - Features Part 3 (queryables, CQL2 text and JSON filters) and sortby, through the plain functions."""

import json

import pytest

from clusters.models import Cluster
from clusters.ogc import handlers
from tests.support.ogc import BASE, feature_ids, items, items_error, ok, polygon, published_slugs

pytestmark = pytest.mark.django_db


def _filtered(text, lang=None, collection="clusters", **query):
    query = {"filter": text, "limit": "1000", **query}
    if lang:
        query["filter-lang"] = lang
    return sorted(feature_ids(items(collection, **query)))


def test_queryables_are_a_json_schema_for_both_collections(seeded):
    for collection_id, expected in (("clusters", {"sector", "enterprises", "geometry"}),
                                    ("governorates", {"iso_code", "name_en", "geometry"})):
        result = handlers.queryables(collection_id, {}, BASE, "en")
        document = ok(result)
        assert result.headers["Content-Type"] == "application/schema+json"
        assert document["type"] == "object" and expected <= set(document["properties"])
        assert document["$id"] == f"{BASE}/collections/{collection_id}/queryables"
    description = ok(handlers.collection("clusters", {}, BASE, "en"))
    assert any(link["rel"].endswith("/queryables") for link in description["links"])
    assert handlers.queryables("nope", {}, BASE, "en").status == 404


def test_queryables_page_in_html(client, seeded):
    response = client.get("/ogc/collections/clusters/queryables?f=html&lang=en")
    assert response.status_code == 200 and b"enterprises" in response.content


def test_cql2_text_comparisons(seeded):
    assert _filtered("sector = 'dairy'") == published_slugs(sector__slug="dairy")
    assert _filtered("enterprises > 500") == published_slugs(enterprises__gt=500)
    assert _filtered("sector <> 'dairy' AND governorate = 'EG-DT'") == sorted(
        set(published_slugs(governorate__iso_code="EG-DT")) - set(published_slugs(sector__slug="dairy")))
    assert _filtered("NOT (enterprises <= 500) OR employment IS NULL") == sorted(
        set(published_slugs(enterprises__gt=500)) | set(published_slugs(employment__isnull=True)))


def test_cql2_text_like_in_between_null(seeded):
    assert _filtered("name_en LIKE 'Damietta%'") == published_slugs(name_en__startswith="Damietta")
    assert _filtered("governorate IN ('EG-DT','EG-C')") == published_slugs(governorate__iso_code__in=["EG-DT", "EG-C"])
    assert _filtered("enterprises BETWEEN 100 AND 1000") == published_slugs(enterprises__range=(100, 1000))
    assert _filtered("enterprises IS NOT NULL") == published_slugs(enterprises__isnull=False)


def test_cql2_text_spatial(seeded):
    box = (31.0, 30.5, 32.0, 31.5)
    expected = published_slugs(location__intersects=polygon(box))
    assert 0 < len(expected) < 60
    assert _filtered("S_INTERSECTS(geometry, BBOX(31.0, 30.5, 32.0, 31.5))") == expected
    assert _filtered("S_INTERSECTS(geometry, POLYGON((31 30.5, 32 30.5, 32 31.5, 31 31.5, 31 30.5)))") == expected
    damietta = Cluster.objects.get(slug="damietta-furniture").location
    at_point = _filtered(f"S_INTERSECTS(geometry, POINT({damietta.x} {damietta.y}))")
    assert "damietta-furniture" in at_point and at_point == published_slugs(location__intersects=damietta)
    # filter-crs: the same box written latitude first in EPSG:4326.
    assert _filtered("S_INTERSECTS(geometry, POLYGON((30.5 31, 30.5 32, 31.5 32, 31.5 31, 30.5 31)))",
                     **{"filter-crs": "http://www.opengis.net/def/crs/EPSG/0/4326"}) == expected


def test_cql2_json(seeded):
    dairy = {"op": "=", "args": [{"property": "sector"}, "dairy"]}
    assert _filtered(json.dumps(dairy), "cql2-json") == published_slugs(sector__slug="dairy")
    both = {"op": "and", "args": [dairy, {"op": ">", "args": [{"property": "enterprises"}, 100]}]}
    assert _filtered(json.dumps(both), "cql2-json") == published_slugs(sector__slug="dairy", enterprises__gt=100)
    spatial = {"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [31.0, 30.5, 32.0, 31.5]}]}
    assert _filtered(json.dumps(spatial), "cql2-json") == published_slugs(location__intersects=polygon((31.0, 30.5, 32.0, 31.5)))


def test_governorates_filter(seeded):
    assert _filtered("iso_code = 'EG-DT'", collection="governorates") == ["EG-DT"]


def test_gdal_36_filter_lang_name_is_taken(seeded):
    assert _filtered("sector = 'dairy'", "cql-text") == published_slugs(sector__slug="dairy")


@pytest.mark.parametrize("text,lang,named", [
    ("password = 'x'", None, "password"),
    ("status = 'draft'", None, "status"),
    (json.dumps({"op": "=", "args": [{"property": "created_by"}, 1]}), "cql2-json", "created_by"),
])
def test_undeclared_queryable_is_a_400_naming_it(seeded, text, lang, named):
    query = {"filter": text, **({"filter-lang": lang} if lang else {})}
    error = items_error(**query)
    assert error["parameter"] == "filter" and named in error["description"]


@pytest.mark.parametrize("text,lang", [
    ("sector = ", None), ("sector == 'dairy' AND", None), ("((", None),
    ("{not json", "cql2-json"), ('{"op": "=", "args": 3}', "cql2-json"),
    ("enterprises > 'many'", None), ("sector > 5", None), ("S_INTERSECTS(sector, POINT(1 2))", None),
    ("name_en LIKE '%'", None),
])
def test_malformed_filter_is_a_400_naming_filter(seeded, text, lang):
    query = {"filter": text, **({"filter-lang": lang} if lang else {})}
    result = handlers.items("clusters", query, BASE, "en")
    assert result.status == 400 and result.body["parameter"] == "filter", result.body
    assert result.body["description"]


def test_unknown_filter_lang_and_filter_crs(seeded):
    assert items_error(filter="sector = 'dairy'", **{"filter-lang": "sql"})["parameter"] == "filter-lang"
    assert items_error(filter="sector = 'dairy'", **{"filter-crs": "EPSG:1"})["parameter"] == "filter-crs"


def test_sortby(seeded):
    ordered = feature_ids(items(sortby="-enterprises,name_en", limit="1000"))
    figures = dict(Cluster.objects.filter(status="published").values_list("slug", "enterprises"))
    names = dict(Cluster.objects.filter(status="published").values_list("slug", "name_en"))
    # Descending figures, a missing one last, then by English name, then by id.
    assert ordered == sorted(published_slugs(), key=lambda s: (figures[s] is None, -(figures[s] or 0), names[s], s))
    ascending = feature_ids(items(sortby="name_en", limit="5"))
    second = feature_ids(items(sortby="name_en", limit="5", offset="5"))
    assert not set(ascending) & set(second)
    assert ascending == sorted(published_slugs(), key=lambda s: (names[s], s))[:5]


def test_sortby_unknown_or_unsortable_is_a_400(seeded):
    assert items_error(sortby="password")["parameter"] == "sortby"
    assert items_error(sortby="geometry")["parameter"] == "sortby"
    assert items_error("governorates", sortby="name_en")["parameter"] == "sortby"


def test_openapi_and_conformance_declare_parts_2_and_3(seeded):
    document = ok(handlers.api_definition({}, BASE, "en"))
    names = {p["$ref"].rsplit("/", 1)[1] for p in document["paths"]["/collections/clusters/items"]["get"]["parameters"]
             if "$ref" in p}
    assert {"crs", "bbox-crs", "filter", "filter-lang", "filter-crs", "sortby"} <= names
    assert "/collections/clusters/queryables" in document["paths"]
    conforms = ok(handlers.conformance({}, BASE, "en"))["conformsTo"]
    for suffix in ("ogcapi-features-2/1.0/conf/crs", "ogcapi-features-3/1.0/conf/filter",
                   "ogcapi-features-3/1.0/conf/features-filter", "ogcapi-features-3/1.0/conf/queryables",
                   "cql2/1.0/conf/cql2-text", "cql2/1.0/conf/cql2-json", "cql2/1.0/conf/basic-cql2", "conf/sorting"):
        assert any(c.endswith(suffix) for c in conforms), suffix
