"""/api/v1/clusters/ by programme, organisation and supported: public support only, one statement, 400s named."""

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clusters.models import Cluster
from tests.programmes.test_pages import world  # noqa: F401  (fixture)


def _ids(query):
    response = Client().get(f"/api/v1/clusters/?{query}")
    assert response.status_code == 200, response.content[:300]
    return sorted(f["id"] for f in response.json()["features"])


def test_programme_filter_keeps_public_support_only(world):
    clusters = world["clusters"]
    assert _ids("programme=open-programme") == [clusters[0].slug]
    assert _ids("organisation=public-org") == [clusters[0].slug]
    with_seed = _ids("programme=ueldp-economic-clusters")
    assert "tahta-furniture" in with_seed and clusters[2].slug not in with_seed


def test_supported_true_and_false_split_the_published_clusters(world):
    supported, unsupported = _ids("supported=true"), _ids("supported=false")
    everything = _ids("")
    assert sorted(supported + unsupported) == everything and not set(supported) & set(unsupported)
    clusters = world["clusters"]
    # Draft support (clusters[1]) and support of a draft programme (clusters[2]) do not count.
    assert clusters[0].slug in supported
    assert clusters[1].slug in unsupported and clusters[2].slug in unsupported
    assert clusters[3].slug not in everything  # a draft cluster is never listed


@pytest.mark.parametrize("query,parameter", [
    ("programme=hidden-programme", "programme"), ("programme=no-such", "programme"),
    ("programme=Bad%20Slug", "programme"), ("organisation=draft-org", "organisation"),
    ("supported=yes", "supported"), ("supported=1", "supported"),
])
def test_bad_values_are_400_naming_the_parameter(world, query, parameter):
    response = Client().get(f"/api/v1/clusters/?{query}")
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


def test_filtered_list_is_one_statement_with_exists(world):
    with CaptureQueriesContext(connection) as captured:
        assert Client().get("/api/v1/clusters/?programme=open-programme&supported=true").status_code == 200
    features = [q["sql"] for q in captured.captured_queries if "ST_AsGeoJSON" in q["sql"]]
    assert len(features) == 1 and "EXISTS" in features[0]


def test_features_and_exports_carry_programme_slugs(world):
    clusters = world["clusters"]
    data = Client().get("/api/v1/clusters/?programme=open-programme").json()
    assert data["features"][0]["properties"]["programmes"] == ["open-programme"]
    everything = Client().get("/api/v1/clusters/").json()["features"]
    by_slug = {f["id"]: f["properties"]["programmes"] for f in everything}
    assert by_slug[clusters[1].slug] == [] and by_slug[clusters[2].slug] == []
    table = Client().get("/api/v1/clusters/?format=csv&programme=open-programme").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [r["programmes"] for r in rows] == ["open-programme"]


def test_cluster_detail_includes_its_public_support(world):
    clusters = world["clusters"]
    detail = Client().get(f"/api/v1/clusters/{clusters[0].slug}/").json()
    support = detail["properties"]["support"]
    assert [s["programme"] for s in support] == ["open-programme"]
    assert support[0]["organisations"] == ["public-org"] and support[0]["kinds"] == ["training"]
    assert support[0]["people_reached"] is None
    for hidden in clusters[1:3]:
        detail = Client().get(f"/api/v1/clusters/{hidden.slug}/").json()
        assert detail["properties"]["support"] == []


def test_ogc_clusters_declare_programme_and_organisation(world):
    clusters = world["clusters"]
    response = Client().get("/ogc/collections/clusters/items?programme=open-programme&f=json")
    assert response.status_code == 200, response.content[:300]
    assert [f["id"] for f in response.json()["features"]] == [clusters[0].slug]
    response = Client().get("/ogc/collections/clusters/items?organisation=public-org&f=json")
    assert [f["id"] for f in response.json()["features"]] == [clusters[0].slug]
    api = Client().get("/ogc/api?f=json").content.decode()
    assert '"programme"' in api and '"organisation"' in api


def test_openapi_declares_the_cluster_filters(db):
    schema = Client().get("/api/v1/schema/?format=json").json()
    names = {p["name"] for p in schema["paths"]["/api/v1/clusters/"]["get"]["parameters"]}
    assert {"programme", "organisation", "supported"} <= names
    assert Cluster  # imported for readers: the filters act on clusters
