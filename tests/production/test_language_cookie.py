"""On /api/ and /ogc/ the language comes from `lang`, then Accept-Language, never from the language cookie.

The microcache (and any CDN) keys on Accept-Language and the URL only: an
answer chosen by a cookie would be served to the next visitor (issue 13, item 6).
"""

import pytest
from django.test import override_settings

from ops.microcache import microcache_forget

CACHED = override_settings(MICROCACHE_SECONDS=60)


@pytest.fixture(autouse=True)
def empty_cache():
    microcache_forget()
    yield
    microcache_forget()


@CACHED
@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ogc/collections?f=json", "/api/v1/clusters/?limit=-1", "/ogc/collections/nothing?f=json"])
def test_a_cookie_does_not_poison_the_next_visitors_answer(client, seeded, path):
    client.cookies["django_language"] = "en"
    with_cookie = client.get(path)
    assert with_cookie["Content-Language"] == "ar"
    del client.cookies["django_language"]
    clean = client.get(path)
    assert clean["Content-Language"] == "ar"
    assert clean.content == with_cookie.content


@CACHED
@pytest.mark.django_db
def test_a_cached_clean_answer_stays_arabic_after_a_cookie_request(client, seeded):
    client.cookies["django_language"] = "en"
    client.get("/ogc/collections?f=json")
    del client.cookies["django_language"]
    clean = client.get("/ogc/collections?f=json")
    assert b"Production clusters" not in clean.content and b"Governorates" not in clean.content


@CACHED
@pytest.mark.django_db
def test_lang_then_accept_language_still_choose(client, seeded):
    client.cookies["django_language"] = "ar"
    assert client.get("/ogc/collections?f=json&lang=en")["Content-Language"] == "en"
    assert client.get("/ogc/collections?f=json", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"
    assert client.get("/api/v1/clusters/?limit=-1", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"
    assert client.get("/api/v1/clusters/?limit=-1&lang=en")["Content-Language"] == "en"


@pytest.mark.django_db
def test_pages_still_follow_the_cookie(client, seeded):
    client.cookies["django_language"] = "en"
    response = client.get("/", follow=False)
    assert response.status_code == 302 and response["Location"].startswith("/en/")
