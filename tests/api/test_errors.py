"""Bad input: a 400 naming the parameter, never a 500, and nothing changes."""

import json
from urllib.parse import quote

import pytest

from clusters.models import Cluster

pytestmark = pytest.mark.django_db
URL = "/api/v1/clusters/"


def assert_400(client, url, parameter, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 400, (url, response.status_code, response.content[:200])
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["parameter"] == parameter and body["error"]
    assert set(body) == {"error", "parameter"}
    return body


@pytest.mark.parametrize("value", [
    "1,2,3", "1,2,3,4,5", "a,b,c,d", "31,30,32", "31,30,32,nan", "31,30,32,inf", "0x1,2,3,4", "1_0,2,3,4",
    "32,30,31,31", "31,31,32,30", "-181,0,0,1", "0,0,181,1", "0,-91,1,1", "0,0,1,91", "1,,2,3", "١,٢,٣,٤",
], ids=repr)
def test_bad_bbox(client, seeded, value):
    assert_400(client, f"{URL}?bbox={quote(value)}", "bbox")


@pytest.mark.parametrize("parameter, value", [
    ("limit", "0"), ("limit", "10001"), ("limit", "-1"), ("limit", "abc"), ("limit", "1.5"), ("limit", "١٠"),
    ("limit", "99999999999999999999999"), ("offset", "-1"), ("offset", "x"), ("offset", "1e3"),
    ("offset", "99999999999999999999"),
])
def test_bad_limit_and_offset(client, seeded, parameter, value):
    other = "&limit=10" if parameter == "offset" else ""
    assert_400(client, f"{URL}?{parameter}={quote(value)}{other}", parameter)


def test_offset_needs_limit(client, seeded):
    assert_400(client, f"{URL}?offset=5", "offset")


@pytest.mark.parametrize("parameter, value", [
    ("sector", "no-such-sector"), ("sector", "dairy,nope"), ("sector", "dairy,,pottery-ceramics"),
    ("sector", "' OR 1=1 --"), ("sector", "%"), ("governorate", "EG-XX"), ("governorate", "Cairo"),
    ("governorate", "EG-DT,EG-ZZZ"), ("precision", "exact"), ("precision", "locality,"),
    ("format", "xlsx"), ("format", "json"), ("geometry", "polygon"),
])
def test_unknown_values(client, seeded, parameter, value):
    body = assert_400(client, f"{URL}?{parameter}={quote(value)}", parameter)
    assert "Traceback" not in body["error"]


def test_repeated_parameter(client, seeded):
    assert_400(client, f"{URL}?sector=dairy&sector=glass", "sector")


@pytest.mark.parametrize("parameter", ["q", "sector", "governorate", "bbox", "precision", "limit", "format"])
def test_nul_bytes(client, seeded, parameter):
    assert_400(client, f"{URL}?{parameter}=a%00b", parameter)


def test_search_text_too_long(client, seeded):
    assert_400(client, f"{URL}?q={'ا' * 5000}", "q")
    assert client.get(f"{URL}?q={'a' * 300}").status_code == 200


@pytest.mark.parametrize("value", [
    "'", "''", '"', "%", "%25", "_", "\\", "\\x00", "' OR '1'='1", "1); SELECT pg_sleep(5); --",
    "دمياط Damietta 𝔡𝔞𝔪 \u200f\u202e ابc", "🏺 فخار", "\ufeffدمياط", "\u0000"[1:] + "a" * 299, "<script>alert(1)</script>",
    "%F0%9F", "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
], ids=range(17))
def test_no_500_whatever_q_holds(client, seeded, value):
    response = client.get(f"{URL}?q={quote(value, safe='%')}")
    assert response.status_code in (200, 400)
    json.loads(response.content)


@pytest.mark.parametrize("path", [
    "/api/v1/clusters/?sector=%FF%FE", "/api/v1/governorates/?simplify=%00", "/api/v1/sectors/?bbox=%27",
    "/api/v1/stats/?q=%25%5F%27", "/api/v1/clusters/%27%22%25/", "/api/v1/clusters/" + "a" * 5000 + "/",
    "/api/v1/clusters/%D8%AF%D9%85%D9%8A%D8%A7%D8%B7/", "/api/v1/clusters/?" + "&".join(f"p{i}=x" for i in range(500)),
])
def test_no_500_anywhere(client, seeded, path):
    response = client.get(path)
    assert response.status_code in (200, 400, 404)
    json.loads(response.content)
    assert Cluster.objects.count() == 60


@pytest.mark.parametrize("value", ["-0.1", "1.5", "abc", "nan", "inf", "1e9", "0,1"])
def test_bad_simplify(client, seeded, value):
    assert_400(client, f"/api/v1/governorates/?simplify={value}", "simplify")


@pytest.mark.parametrize("path, parameter", [
    ("/api/v1/governorates/?sector=nope", "sector"), ("/api/v1/sectors/?governorate=EG-QQ", "governorate"),
    ("/api/v1/stats/?bbox=1,2", "bbox"),
])
def test_other_endpoints_check_their_parameters(client, seeded, path, parameter):
    assert_400(client, path, parameter)


def test_messages_follow_the_request_language(client, seeded):
    english = assert_400(client, f"{URL}?limit=0", "limit", accept_language="en")
    assert english["error"] == "Give a whole number from 1 to 10000."


def test_errors_are_not_cached(client, seeded):
    response = client.get(f"{URL}?limit=0")
    assert response["Cache-Control"] == "no-store" and not response.has_header("ETag")


def test_unknown_slug_and_endpoint_are_json_404(client, draft):
    for path in ["/api/v1/clusters/no-such-cluster/", f"/api/v1/clusters/{draft.slug}/", "/api/v1/nothing/"]:
        response = client.get(path)
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert "error" in json.loads(response.content)
