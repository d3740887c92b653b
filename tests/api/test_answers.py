"""Answers are built and compressed once per ETag, and never outlive their data (issue 17, item 3)."""

import gzip
import json

import brotli
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


@pytest.mark.parametrize("url", [URL, "/ogc/collections/clusters/items?f=json&limit=100"])
def test_brotli_is_offered_and_decodes_to_the_same_bytes(client, seeded, url):
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain
    squeezed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert squeezed["Content-Encoding"] == "br" and "Accept-Encoding" in squeezed["Vary"]
    assert brotli.decompress(squeezed.content) == plain.content
    gzipped = client.get(url, headers={"Accept-Encoding": "gzip;q=1, br;q=0"})
    assert gzipped["Content-Encoding"] == "gzip" and gzip.decompress(gzipped.content) == plain.content
    # Revalidating the compressed answer with its (weak) tag is a 304.
    assert client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": squeezed["ETag"]}).status_code == 304
