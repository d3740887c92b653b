"""The microcache: identical anonymous API/OGC requests skip the view while the data version holds, and only
public answers are kept (issue 17, item 3)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from clusters.models import Cluster
from ops import microcache

CACHED = override_settings(MICROCACHE_SECONDS=60)  # long enough that the test never sees it expire


@pytest.fixture(autouse=True)
def empty_cache():
    microcache.microcache_forget()
    yield
    microcache.microcache_forget()


@CACHED
@pytest.mark.django_db
def test_an_identical_request_is_answered_from_the_cache(client, seeded, django_assert_num_queries):
    first = client.get("/api/v1/clusters/?sector=furniture-woodworking", HTTP_ACCEPT_ENCODING="gzip")
    assert first.status_code == 200 and first["Content-Encoding"] == "gzip"
    with django_assert_num_queries(1):  # the data version, nothing else
        second = client.get("/api/v1/clusters/?sector=furniture-woodworking", HTTP_ACCEPT_ENCODING="gzip")
    assert second.status_code == 200
    assert second.content == first.content
    for header in ("ETag", "Cache-Control", "Content-Type", "Content-Encoding", "Vary", "Content-Security-Policy"):
        assert second[header] == first[header]
    # CORS headers are added outside the cache, for each request's own Origin.
    cross_site = client.get("/api/v1/clusters/?sector=furniture-woodworking", HTTP_ACCEPT_ENCODING="gzip",
                            HTTP_ORIGIN="https://partner.example.org")
    assert cross_site["Access-Control-Allow-Origin"] == "*"


@CACHED
@pytest.mark.django_db
def test_revalidation_gets_304_from_the_cache(client, seeded, django_assert_num_queries):
    etag = client.get("/api/v1/clusters/")["ETag"]
    with django_assert_num_queries(1):  # the data version, nothing else
        response = client.get("/api/v1/clusters/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag and response.content == b""


@CACHED
@pytest.mark.django_db
def test_language_and_encoding_are_part_of_the_key(client, seeded):
    arabic = client.get("/ogc/collections?f=json", HTTP_ACCEPT_LANGUAGE="ar")
    english = client.get("/ogc/collections?f=json", HTTP_ACCEPT_LANGUAGE="en")
    assert arabic.content != english.content
    plain = client.get("/api/v1/sectors/")
    gzipped = client.get("/api/v1/sectors/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain and gzipped["Content-Encoding"] == "gzip"


@CACHED
@pytest.mark.django_db
def test_errors_and_logged_in_requests_are_not_cached(client, seeded):
    client.get("/api/v1/clusters/?limit=-1")
    assert client.get("/api/v1/clusters/?limit=-1").status_code == 400
    assert len(microcache._kept) == 0

    client.force_login(get_user_model().objects.create_user("staff", password="x", is_staff=True))
    client.get("/api/v1/sectors/")
    assert len(microcache._kept) == 0


@override_settings(MICROCACHE_SECONDS=0)
@pytest.mark.django_db
def test_off_a_write_shows_at_once(client, seeded):
    before = client.get("/api/v1/clusters/")
    Cluster.objects.filter(status="published").update(name_en="Renamed")
    after = client.get("/api/v1/clusters/")
    assert after["ETag"] != before["ETag"] and b"Renamed" in after.content


@CACHED
@pytest.mark.django_db
def test_a_kept_answer_is_never_stale_across_a_write(client, seeded, django_assert_num_queries):
    url = "/ogc/collections/clusters/items?f=json&limit=1000"
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    with django_assert_num_queries(1):
        assert client.get(url, HTTP_ACCEPT_ENCODING="gzip").content == first.content
    Cluster.objects.filter(slug="nazla-pottery").update(name_en="Nazla, renamed")
    after = client.get(url)
    assert after["ETag"] != first["ETag"].removeprefix("W/") and b"Nazla, renamed" in after.content


@override_settings(MICROCACHE_SECONDS=60, MICROCACHE_MAX_BYTES=64 * 1024 * 1024)
@pytest.mark.django_db
def test_answers_over_two_megabytes_are_kept(client, seeded, monkeypatch):
    big = b"x" * (3 * 1024 * 1024)
    monkeypatch.setattr("clusters.api.views.cluster_feature_collection_sql", lambda *args, **kwargs: big)
    assert client.get("/api/v1/clusters/").content == big
    assert any(len(kept.content) == len(big) for kept in microcache._kept.values())
