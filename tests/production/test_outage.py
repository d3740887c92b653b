"""With PostGIS stopped, pages and the API answer 503 in the visitor's language; back up, it recovers.

A real, separate PostgreSQL cluster (localdb kind "outage") is stopped and
started under a running gunicorn, which is never restarted.
"""

import re
import time

import pytest
import requests
from django.utils import translation

from clusters_portal import localdb
from ops.outage import NOT_SAVED, UNAVAILABLE
from tests.support.appserver import gunicorn, manage, production_env

PASSWORD = "outage-test-password-1"
CREATE_ADMIN = (
    "from django.contrib.auth import get_user_model as g; U = g(); "
    "u = U.objects.filter(username='outage').first() or U(username='outage'); "
    f"u.is_staff = u.is_superuser = True; u.set_password('{PASSWORD}'); u.save()"
)


def _in(language: str, message) -> str:
    with translation.override(language):
        return str(message)


@pytest.fixture(scope="module")
def outage_database():
    localdb.start("outage")
    url = localdb.database_url("outage")
    env = production_env(url)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "shell", "-c", CREATE_ADMIN)
    yield env
    localdb.stop("outage")


def _wait_for(check, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("the portal did not recover in time")
        time.sleep(0.5)


def _log_in(session: requests.Session, base: str) -> str:
    session.get(f"{base}/en/admin/login/")
    response = session.post(
        f"{base}/en/admin/login/?next=/en/admin/",
        data={"username": "outage", "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/en/admin/login/"},
    )
    assert response.status_code == 200 and "/en/admin/" in response.url
    form = session.get(f"{base}/en/admin/clusters/cluster/add/")
    assert form.status_code == 200
    return session.cookies["csrftoken"]


def _assert_outage_page(response, language: str):
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert response.headers["Cache-Control"] == "no-store"
    html = response.text
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "ar")
    assert _in(language, UNAVAILABLE) in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_database_outage_and_recovery(outage_database):
    with gunicorn(outage_database) as base:
        staff = requests.Session()
        csrf = _log_in(staff, base)
        assert requests.get(f"{base}/healthz").json() == {"status": "ok", "database": "ok"}
        assert requests.get(f"{base}/en/").status_code == 200

        localdb.stop("outage")
        assert not localdb.is_running("outage")

        _assert_outage_page(requests.get(f"{base}/en/"), "en")
        _assert_outage_page(requests.get(f"{base}/ar/"), "ar")

        for language in ("ar", "en"):
            api = requests.get(f"{base}/api/v1/clusters/", headers={"Accept-Language": language})
            assert api.status_code == 503
            assert api.json() == {"error": _in(language, UNAVAILABLE)}
            assert api.headers["Retry-After"]

        ogc = requests.get(f"{base}/ogc/collections?f=json", headers={"Accept-Language": "en"})
        assert ogc.status_code == 503 and ogc.json() == {"error": _in("en", UNAVAILABLE)}
        _assert_outage_page(requests.get(f"{base}/ogc/collections?f=html", headers={"Accept-Language": "en"}), "en")

        health = requests.get(f"{base}/healthz")
        assert health.status_code == 503
        assert health.json()["database"] == "unavailable"

        # A staff member saving while the database is down is told it was not saved.
        save = staff.post(
            f"{base}/en/admin/clusters/cluster/add/",
            data={"csrfmiddlewaretoken": csrf, "name_ar": "تجربة", "name_en": "Trial", "slug": "trial"},
            headers={"Referer": f"{base}/en/admin/clusters/cluster/add/"},
        )
        _assert_outage_page(save, "en")
        assert _in("en", NOT_SAVED) in save.text
        assert re.search(r"NOT saved", save.text)

        localdb.start("outage")
        _wait_for(lambda: requests.get(f"{base}/healthz").status_code == 200)

        assert requests.get(f"{base}/healthz").json() == {"status": "ok", "database": "ok"}
        assert requests.get(f"{base}/ar/").status_code == 200
        assert requests.get(f"{base}/api/v1/clusters/").status_code == 200
        # The staff session survived: it lives in the database, which kept it.
        assert staff.get(f"{base}/en/admin/clusters/cluster/add/").status_code == 200
