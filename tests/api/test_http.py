"""Content types, ETag and 304, caching headers, gzip and CORS."""

import gzip
import json

import pytest

from clusters.models import Cluster, Governorate, Sector

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/clusters/": "application/geo+json",
    "/api/v1/clusters/damietta-furniture/": "application/geo+json",
    "/api/v1/governorates/": "application/geo+json",
    "/api/v1/sectors/": "application/json",
    "/api/v1/stats/": "application/json",
}


@pytest.mark.parametrize("path, content_type", ENDPOINTS.items())
def test_content_type_and_caching_headers(client, seeded, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Cache-Control"] == "public, max-age=60"
    assert {"Accept-Encoding", "Accept-Language"} <= {v.strip() for v in response["Vary"].split(",")}
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"')  # strong
    json.loads(response.content)


@pytest.mark.parametrize("path", ENDPOINTS)
def test_if_none_match_gives_304(client, seeded, path):
    etag = client.get(path)["ETag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = client.get(path, headers={"if-none-match": header})
        assert response.status_code == 304, header
        assert response.content == b"" and response["ETag"] == etag
        assert response["Cache-Control"] == "public, max-age=60"
    assert client.get(path, headers={"if-none-match": '"stale"'}).status_code == 200


def test_304_does_not_build_the_body(client, seeded, django_assert_max_num_queries):
    etag = client.get("/api/v1/clusters/")["ETag"]
    with django_assert_max_num_queries(1):  # the data version, nothing else
        assert client.get("/api/v1/clusters/", headers={"if-none-match": etag}).status_code == 304


def test_etag_depends_on_parameters_and_language(client, seeded):
    tags = {
        client.get(url, headers=headers)["ETag"]
        for url, headers in [
            ("/api/v1/clusters/", {}), ("/api/v1/clusters/?sector=dairy", {}), ("/api/v1/clusters/?limit=5", {}),
            ("/api/v1/clusters/?format=csv", {}), ("/api/v1/clusters/", {"accept-language": "en"}),
        ]
    }
    assert len(tags) == 5
    # Ignored parameters and list order do not change the answer, so neither the tag.
    same = {client.get(url)["ETag"] for url in [
        "/api/v1/clusters/?sector=dairy,glass", "/api/v1/clusters/?sector=glass,dairy&unknown=1"]}
    assert len(same) == 1


@pytest.mark.parametrize("edit", [
    lambda: Cluster.objects.filter(slug="damietta-furniture").update(enterprises=35001),
    lambda: Cluster.objects.get(slug="mahalla-textiles").save(),
    lambda: Sector.objects.filter(slug="glass").update(color="#000000"),
    lambda: Governorate.objects.filter(iso_code="EG-DT").update(name_en="Dumyat"),
    lambda: Cluster.objects.filter(slug="no-such-slug").update(name_en="x"),  # a statement trigger: any write
], ids=["cluster-update", "cluster-save", "sector", "governorate", "no-row"])
def test_any_edit_changes_the_etag(client, seeded, edit):
    before = {path: client.get(path)["ETag"] for path in ENDPOINTS}
    edit()
    for path, etag in before.items():
        response = client.get(path, headers={"if-none-match": etag})
        assert response.status_code == 200 and response["ETag"] != etag, path


def test_edit_shows_in_the_next_response(client, seeded):
    etag = client.get("/api/v1/clusters/?governorate=EG-DT")["ETag"]
    Cluster.objects.filter(slug="damietta-furniture").update(status="draft")
    response = client.get("/api/v1/clusters/?governorate=EG-DT", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "damietta-furniture" not in [f["id"] for f in json.loads(response.content)["features"]]


def test_gzip_and_weak_etag_round_trip(client, seeded):
    response = client.get("/api/v1/clusters/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert response["Content-Type"] == "application/geo+json"
    assert len(json.loads(gzip.decompress(response.content))["features"]) == 60
    # GZipMiddleware weakens the tag; sent back, it still gives 304.
    etag = response["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/api/v1/clusters/", headers={"accept-encoding": "gzip", "if-none-match": etag})
    assert again.status_code == 304
    assert client.get("/api/v1/clusters/", headers={"if-none-match": etag}).status_code == 304


def test_head(client, seeded):
    response = client.head("/api/v1/clusters/")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    assert response.content == b""


def test_cors_allows_any_origin_to_get(client, seeded):
    response = client.get("/api/v1/clusters/?limit=1", headers={"origin": "https://partner.example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/clusters/",
        headers={"origin": "https://partner.example.org", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_api_is_read_only(client, seeded):
    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/v1/clusters/").status_code == 405
    assert Cluster.objects.count() == 60
