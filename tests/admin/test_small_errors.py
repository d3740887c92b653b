"""Admin URLs that gave a 500 or a 404 on unexpected input (issue 13, item 7)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client


@pytest.mark.parametrize("path", [
    "/en/admin/clusters/cluster/abc/history/",
    "/en/admin/clusters/cluster/abc/history/1/",
    "/en/admin/clusters/cluster/1/history/abc/",
    "/en/admin/clusters/cluster/%C2%B2/history/",
])
def test_history_urls_with_a_non_numeric_id_are_not_a_500(one_cluster, publisher_client, path):
    response = publisher_client.get(path)
    assert response.status_code in (302, 404), response.status_code


@pytest.mark.parametrize("value", ["²", "١", "1.5", "-1", "", "99999999999999999999999"])
def test_governorate_boundary_refuses_what_is_not_a_plain_number(base_data, editor_client, value):
    response = editor_client.get("/en/admin/clusters/cluster/governorate-boundary/", {"id": value})
    assert response.status_code in (400, 404)
    assert response.json()["parameter"] == "id"


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_a_refused_next_after_login_lands_on_the_admin_index(next_url):
    User.objects.create_user("staff", password="a long test password 42", is_staff=True)
    client = Client()
    response = client.post(f"/en/admin/login/?next={next_url}",
                           {"username": "staff", "password": "a long test password 42", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/en/admin/"
