"""Every answer carries the CSP and framing headers, as README says: the 400 for a bad Host,
the 429, static files and /healthz included (issue 13, item 11; issue 16 "Operations", item 1)."""

import pytest
from django.core.cache import cache
from django.test import override_settings


def _assert_headers(response):
    policy = {part.split()[0]: part.split()[1:] for part in response["Content-Security-Policy"].split(";") if part.split()}
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ar/", "/api/v1/sectors/", "/ogc/"])
def test_the_400_for_a_bad_host(client, path):
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    _assert_headers(response)


@pytest.mark.django_db
def test_the_429():
    from django.test import Client

    cache.clear()
    client = Client()
    with override_settings(RATE_LIMIT_ENABLED=True, RATE_LIMIT_REQUESTS=1, RATE_LIMIT_WINDOW=60):
        client.get("/api/v1/sectors/")
        response = client.get("/api/v1/sectors/")
    cache.clear()
    assert response.status_code == 429
    _assert_headers(response)


@pytest.mark.parametrize("path", ["/static/css/portal.css", "/static/js/main.js"])
def test_static_files(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    _assert_headers(response)


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["10.0.0.7", "10.0.0.7:8000", "evil.example", "bad host!"])
def test_healthz_answers_whatever_the_host(client, host):
    response = client.get("/healthz", HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    _assert_headers(response)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz/", "/healthzx", "/ar/healthz", "/api/v1/healthz"])
def test_only_healthz_itself_skips_the_host_check(client, path):
    assert client.get(path, HTTP_HOST="evil.example").status_code == 400
