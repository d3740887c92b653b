"""API error messages speak the client's language: Accept-Language, Arabic by default."""

import re

import pytest

ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.mark.parametrize("header,arabic", [("en", False), ("en-GB,en;q=0.9", False), ("ar", True), (None, True)])
def test_error_message_language(client, seeded, header, arabic):
    extra = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}
    response = client.get("/api/v1/clusters/", {"sector": "nope"}, **extra)
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == "sector"
    assert bool(ARABIC.search(body["error"])) is arabic
    assert "nope" in body["error"]
    # Readable UTF-8 on the wire, not \u escapes.
    assert b"\\u06" not in response.content
