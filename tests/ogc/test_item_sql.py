"""One OGC item in one statement with its data version (issue 17, item 1); pages count once per version (item 2)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.filters import Page
from clusters.models import Cluster
from clusters.ogc import sql
from clusters.ogc.crs import crs_parse
from clusters.selectors import cluster_list

pytestmark = pytest.mark.django_db
ITEM = "/ogc/collections/clusters/items/damietta-furniture"
GEOJSON = {"HTTP_ACCEPT": "application/geo+json"}


def test_a_body_is_one_statement_and_a_304_another(client, seeded, django_assert_max_num_queries):
    client.get(ITEM, **GEOJSON)  # warm up whatever the middleware reads once per process
    with django_assert_max_num_queries(1):  # the data version and the Feature together
        response = client.get(ITEM, **GEOJSON)
    assert response.status_code == 200 and response["ETag"]
    with django_assert_max_num_queries(1):  # the data version alone
        again = client.get(ITEM, HTTP_IF_NONE_MATCH=response["ETag"], **GEOJSON)
    assert again.status_code == 304 and again["ETag"] == response["ETag"]


@pytest.mark.parametrize("crs", [None, "http://www.opengis.net/def/crs/EPSG/0/4326",
                                 "http://www.opengis.net/def/crs/EPSG/0/3857", "http://www.opengis.net/def/crs/EPSG/0/22992"])
def test_the_feature_is_the_items_pages_own(seeded, crs):
    """The same bytes as the former path (the page statement narrowed to the slug), in every CRS."""
    parsed = crs_parse({"crs": crs} if crs else {})
    page = sql.cluster_items_json(cluster_list().filter(slug="damietta-furniture"), Page(limit=1),
                                  page_url_prefix="http://h/en/clusters/", crs=parsed)
    former = page.strip()[1:-1].strip()[:-1] + b',"links":[]}'
    one = sql.cluster_item_versioned("damietta-furniture", page_url_prefix="http://h/en/clusters/", links_json=b"[]",
                                     crs=parsed)
    assert one.feature == former and one.version >= 0


def test_a_missing_or_draft_cluster_is_a_404(client, seeded):
    Cluster.objects.filter(slug="damietta-furniture").update(status="draft")
    for slug in ("damietta-furniture", "no-such-cluster", "bad%00slug"):
        response = client.get(f"/ogc/collections/clusters/items/{slug}", **GEOJSON)
        assert response.status_code == 404, slug
        assert "ETag" not in response


def test_a_write_moves_the_etag_and_the_body(client, seeded):
    first = client.get(ITEM, **GEOJSON)
    Cluster.objects.filter(slug="damietta-furniture").update(name_en="Damietta furniture, renamed")
    second = client.get(ITEM, HTTP_IF_NONE_MATCH=first["ETag"], **GEOJSON)
    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    assert json.loads(second.content)["properties"]["name_en"] == "Damietta furniture, renamed"


def _counts(queries) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_ogc_pages_count_once_per_version_and_selection(client, seeded):
    url = "/ogc/collections/clusters/items?f=json&sector=pottery-ceramics&limit=3"
    assert json.loads(client.get(url).content)["numberMatched"] == 8
    with CaptureQueriesContext(connection) as queries:
        second = json.loads(client.get(url + "&offset=3").content)
    assert second["numberMatched"] == 8 and second["numberReturned"] == 3
    assert _counts(queries.captured_queries) == []
    # Another selection (a CQL2 filter narrowing the same filters) is counted on its own.
    narrowed = json.loads(client.get(url + "&filter=governorate%3D%27EG-FYM%27").content)["numberMatched"]
    assert narrowed == cluster_list().filter(sector__slug="pottery-ceramics", governorate__iso_code="EG-FYM").count()


def test_an_ogc_page_count_is_fresh_after_a_write(client, seeded):
    url = "/ogc/collections/clusters/items?f=json&sector=pottery-ceramics&limit=3"
    assert json.loads(client.get(url).content)["numberMatched"] == 8
    Cluster.objects.filter(slug="nazla-pottery").update(status="draft")
    assert json.loads(client.get(url + "&offset=3").content)["numberMatched"] == 7
