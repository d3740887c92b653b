"""Small 500s and wrong statuses found by the security review (issue 13, item 7)."""

import pytest
from django.test import Client


@pytest.fixture
def strict_client():
    # As a browser without a CSRF cookie: the test client skips CSRF checks unless told.
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
def test_options_on_the_api_docs_is_not_a_500(client):
    response = client.options("/api/v1/docs/")
    assert response.status_code in (200, 204, 405)
    assert "GET" in response["Allow"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ogc/", "/ogc/collections", "/ogc/collections/clusters/items", "/healthz",
                                  "/ar/", "/en/about/", "/ar/clusters/any-cluster/", "/robots.txt"])
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_writes_to_read_only_urls_get_405_with_allow(strict_client, path, method):
    response = getattr(strict_client, method)(path)
    assert response.status_code == 405, response.content[:300]
    assert set(response["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}
    assert "POST" not in response["Allow"]


@pytest.mark.django_db
def test_forms_that_take_a_post_still_check_csrf(strict_client):
    # The exemption is for GET/HEAD-only views: a real form still refuses a forged POST.
    assert strict_client.post("/en/admin/login/", {"username": "x", "password": "y"}).status_code == 403
    assert strict_client.post("/i18n/setlang/", {"language": "en"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["", " "])
def test_an_empty_accept_on_the_schema_is_answered(client, accept):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert b"openapi" in response.content
