"""Reading the API's JSON in tests."""

import json

DRAFT_SLUG = "secret-draft-dairy"


def get_json(client, url, status=200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return json.loads(response.content)


def slugs(client, url, **headers):
    return [feature["id"] for feature in get_json(client, url, **headers)["features"]]
