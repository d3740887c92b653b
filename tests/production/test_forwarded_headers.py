"""gunicorn trusts a forwarded scheme header only as PROXY_SSL_HEADER says (issue 13, item 12).

gunicorn's own defaults believe X-Forwarded-Proto, X-Forwarded-Ssl and
X-Forwarded-Protocol from 127.0.0.1, whatever Django was told: a local client
could then pass for HTTPS. A real gunicorn, started as ./scripts/run starts it.
"""

import pytest
import requests

from tests.support.appserver import gunicorn, production_env

# No database is needed: SecurityMiddleware answers the HTTPS redirect before any view.
NO_DATABASE = "postgis://nobody@127.0.0.1:1/none"


def _status(base: str, **headers) -> int:
    return requests.get(f"{base}/robots.txt", headers=headers, allow_redirects=False, timeout=10).status_code


@pytest.fixture(scope="module")
def without_proxy():
    with gunicorn(production_env(NO_DATABASE, HTTPS="1", PROXY_SSL_HEADER="")) as base:
        yield base


@pytest.fixture(scope="module")
def behind_proxy():
    with gunicorn(production_env(NO_DATABASE, HTTPS="1", PROXY_SSL_HEADER="X-Forwarded-Proto")) as base:
        yield base


@pytest.mark.parametrize("header", [
    {"X-Forwarded-Proto": "https"}, {"X-Forwarded-Ssl": "on"}, {"X-Forwarded-Protocol": "ssl"},
])
def test_without_a_proxy_no_forwarded_header_makes_a_request_https(without_proxy, header):
    # Plain HTTP is redirected to HTTPS, claim what it may.
    assert _status(without_proxy, **header) == 301


def test_behind_a_proxy_its_header_is_believed(behind_proxy):
    assert _status(behind_proxy) == 301
    assert _status(behind_proxy, **{"X-Forwarded-Proto": "https"}) == 200


@pytest.mark.parametrize("header", [{"X-Forwarded-Ssl": "on"}, {"X-Forwarded-Protocol": "ssl"}])
def test_behind_a_proxy_other_headers_are_not(behind_proxy, header):
    assert _status(behind_proxy, **header) == 301
