"""Anonymous /api/ and /ogc/ requests are limited per address, answering 429 with Retry-After."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings

LIMITED = override_settings(RATE_LIMIT_ENABLED=True, RATE_LIMIT_REQUESTS=3, RATE_LIMIT_WINDOW=60)


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@LIMITED
@pytest.mark.django_db
def test_api_answers_429_with_retry_after_past_the_limit(client):
    for _request in range(3):
        assert client.get("/api/v1/sectors/").status_code == 200
    response = client.get("/api/v1/sectors/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Language"] == "ar"  # the default language, as the rest of the API
    english = client.get("/api/v1/sectors/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 429
    assert english.json()["error"].startswith("Too many requests. Please wait ")
    # Browsers on partners' sites must be able to read the 429 too.
    cross_site = client.get("/api/v1/sectors/", HTTP_ORIGIN="https://partner.example.org")
    assert cross_site.status_code == 429
    assert cross_site["Access-Control-Allow-Origin"] == "*"


@LIMITED
@pytest.mark.django_db
def test_api_and_ogc_share_one_budget(client):
    for _request in range(3):
        client.get("/api/v1/sectors/")
    response = client.get("/ogc/collections")
    assert response.status_code == 429
    assert "Retry-After" in response


@LIMITED
@pytest.mark.django_db
def test_each_address_has_its_own_budget(client):
    for _request in range(4):
        client.get("/api/v1/sectors/", REMOTE_ADDR="198.51.100.1")
    assert client.get("/api/v1/sectors/", REMOTE_ADDR="198.51.100.2").status_code == 200


@LIMITED
@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_address_counts_not_a_forged_one(client):
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for forged in range(4):
        # A client cannot escape by prepending made-up addresses: the proxy appends the real one.
        response = client.get("/api/v1/sectors/", HTTP_X_FORWARDED_FOR=f"192.0.2.{forged}, 203.0.113.5", **proxy)
    assert response.status_code == 429
    other = client.get("/api/v1/sectors/", HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy)
    assert other.status_code == 200


@LIMITED
@pytest.mark.django_db
def test_pages_and_logged_in_staff_are_not_limited(client, seeded):
    for _request in range(5):
        assert client.get("/en/about/").status_code == 200
    client.force_login(get_user_model().objects.create_user("staff", password="x", is_staff=True))
    for _request in range(5):
        assert client.get("/api/v1/sectors/").status_code == 200


@override_settings(RATE_LIMIT_REQUESTS=3)
@pytest.mark.django_db
def test_off_in_the_test_settings(client):
    for _request in range(5):
        assert client.get("/api/v1/sectors/").status_code == 200
