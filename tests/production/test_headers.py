"""Security headers on each kind of page: map, embed, cluster page, API, OGC, admin, health."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from clusters.models import Cluster


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    result = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            result[words[0]] = words[1:]
    return result


def _assert_common(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def _assert_page_policy(response, *, frameable_by=None):
    _assert_common(response)
    csp = _directives(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["script-src"][0] == "'self'"
    assert csp["connect-src"] == ["'self'"]
    assert "https://tile.openstreetmap.org" in csp["img-src"] and "data:" in csp["img-src"]
    assert csp["object-src"] == ["'none'"]
    if frameable_by is None:
        assert csp["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"
    else:
        assert csp["frame-ancestors"] == ["'self'", *frameable_by]
    return csp


@pytest.mark.django_db
def test_map_page(client, seeded):
    response = client.get("/ar/")
    assert response.status_code == 200
    _assert_page_policy(response)


@pytest.mark.django_db
def test_cluster_page(client, seeded):
    slug = Cluster.objects.filter(status="published").values_list("slug", flat=True).first()
    response = client.get(f"/en/clusters/{slug}/")
    assert response.status_code == 200
    _assert_page_policy(response)


@pytest.mark.django_db
def test_embed_is_frameable_by_the_allowed_origins_only(client, seeded):
    partners = ["https://partner.example.org", "https://news.example.com"]
    with override_settings(EMBED_ALLOWED_ORIGINS=partners):
        response = client.get("/ar/?embed=1")
    assert response.status_code == 200
    _assert_page_policy(response, frameable_by=partners)
    # X-Frame-Options cannot name origins; frame-ancestors decides alone.
    assert "X-Frame-Options" not in response


@pytest.mark.django_db
def test_embed_without_allowed_origins_is_same_origin_only(client, seeded):
    with override_settings(EMBED_ALLOWED_ORIGINS=[]):
        response = client.get("/en/?embed=1")
    _assert_page_policy(response, frameable_by=[])
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_embed_parameter_does_not_open_other_pages(client, seeded):
    slug = Cluster.objects.filter(status="published").values_list("slug", flat=True).first()
    with override_settings(EMBED_ALLOWED_ORIGINS=["https://partner.example.org"]):
        response = client.get(f"/en/clusters/{slug}/?embed=1")
        admin_login = client.get("/en/admin/login/?embed=1")
    for page in (response, admin_login):
        assert _directives(page)["frame-ancestors"] == ["'none'"]
        assert page["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_api(client, seeded):
    response = client.get("/api/v1/clusters/")
    assert response.status_code == 200
    _assert_common(response)
    assert _directives(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ogc/?f=json", "/ogc/collections/clusters/items?f=html"])
def test_ogc(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 200
    if "html" in response["Content-Type"]:
        _assert_page_policy(response)
    else:
        _assert_common(response)
        assert _directives(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_admin_change_page_carries_the_nonce_of_its_map_scripts(client, seeded):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    cluster = Cluster.objects.first()
    response = client.get(f"/en/admin/clusters/cluster/{cluster.pk}/change/")
    assert response.status_code == 200
    csp = _assert_page_policy(response)
    nonces = [source for source in csp["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-"):-1]
    html = response.content.decode()
    inline = html.count("<script>") + html.count('<script nonce="">')
    assert inline == 0
    assert f'<script nonce="{nonce}">' in html


@pytest.mark.django_db
def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    _assert_common(response)
