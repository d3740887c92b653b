"""Answers are built and compressed once per ETag, and never outlive their data (issue 17, item 3)."""

import gzip
import json

import pytest

from clusters.models import Cluster

pytestmark = pytest.mark.django_db
URL = "/api/v1/clusters/"
GZIP = {"Accept-Encoding": "gzip, deflate"}


def test_a_repeated_download_is_neither_built_nor_compressed_again(client, seeded, django_assert_max_num_queries):
    first = client.get(URL, headers=GZIP)
    assert first["Content-Encoding"] == "gzip" and first["ETag"].startswith('W/"')
    plain = client.get(URL)
    assert "Content-Encoding" not in plain and gzip.decompress(first.content) == plain.content
    with django_assert_max_num_queries(1):  # the data version only
        again = client.get(URL, headers=GZIP)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert client.get(URL, headers={**GZIP, "If-None-Match": first["ETag"]}).status_code == 304


def test_no_stale_answer_across_a_write(client, seeded):
    for headers in (GZIP, {}):
        before = client.get(URL, headers=headers)
        cluster = Cluster.objects.get(slug="nazla-pottery")
        cluster.name_en = f"Nazla pottery renamed {len(headers)}"
        cluster.save()
        after = client.get(URL, headers=headers)
        assert after["ETag"] != before["ETag"]
        body = gzip.decompress(after.content) if headers else after.content
        names = {f["id"]: f["properties"]["name_en"] for f in json.loads(body)["features"]}
        assert names["nazla-pottery"] == f"Nazla pottery renamed {len(headers)}"
