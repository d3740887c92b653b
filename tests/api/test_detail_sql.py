"""One cluster in one statement (issue 17, item 1): PostGIS builds the Feature, the serializer is not used."""

import json

import pytest

from clusters.api.serializers import ClusterDetailSerializer
from clusters.selectors import cluster_public_detail

pytestmark = pytest.mark.django_db
URL = "/api/v1/clusters/damietta-furniture/"


def test_the_sql_feature_equals_the_serializers(client, footprints):
    """The DRF serializer stays as the reference (and bench baseline): both give the same Feature."""
    built = json.loads(client.get(URL).content)
    expected = ClusterDetailSerializer(cluster_public_detail("damietta-furniture"),
                                       context={"page_url_prefix": "http://testserver/ar/clusters/"}).data
    assert built == json.loads(json.dumps(expected))


def test_two_round_trips_for_the_body_and_one_for_a_304(client, seeded, django_assert_max_num_queries):
    url = "/api/v1/clusters/gerees-pottery/"  # no programme supports it: no support records to read
    client.get(url)  # warm up whatever the middleware reads once per process
    with django_assert_max_num_queries(2):  # the data version, the Feature
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(1):  # the data version alone
        again = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_a_missing_slug_is_404_even_with_a_wildcard(client, seeded):
    for headers in ({}, {"If-None-Match": "*"}):
        response = client.get("/api/v1/clusters/no-such-cluster/", headers=headers)
        assert response.status_code == 404 and response["Cache-Control"] == "no-store"
