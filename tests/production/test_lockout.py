"""Admin logins lock out after repeated failures (django-axes), with a clear page, never a 500."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

LOGIN = "/en/admin/login/?next=/en/admin/"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("amal", password="correct horse battery", is_staff=True)


def _login(client, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": "amal", "password": password}, REMOTE_ADDR=address)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_login_out(client, staff):
    for _attempt in range(2):
        response = _login(client, "wrong")
        assert response.status_code == 200  # the form again, with Django's error
    response = _login(client, "wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed login attempts" in page
    assert "Please try again in 15 minutes." in page
    assert int(response["Retry-After"]) == 15 * 60

    # Even the right password is refused while locked out, with the same page.
    response = _login(client, "correct horse battery")
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_lockout_is_per_address_so_strangers_cannot_lock_staff_out(client, staff):
    for _attempt in range(3):
        _login(client, "wrong", address="198.51.100.9")
    response = _login(client, "correct horse battery", address="203.0.113.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, LANGUAGE_CODE="ar")
def test_lockout_page_is_in_the_page_language(client, staff):
    for _attempt in range(3):
        response = client.post("/ar/admin/login/", {"username": "amal", "password": "wrong"}, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 429
    assert 'lang="ar"' in response.content.decode()
    assert response["Content-Language"] == "ar"


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_the_lockout_page_has_no_admin_sidebar_or_user_tools(client, staff):
    for _attempt in range(3):
        response = _login(client, "wrong", address="192.0.2.44")
    assert response.status_code == 429
    page = response.content.decode()
    assert 'id="nav-sidebar"' not in page
    assert "permission to view or edit anything" not in page
    assert 'id="user-tools"' not in page
