"""GET /api/v1/map/clusters/: the map's compact columns say what the full GeoJSON says, for what the map reads."""

import json

import pytest

from clusters.answers import answers_forget
from clusters.models import Cluster
from tests.support.api import get_json, slugs

pytestmark = pytest.mark.django_db
URL = "/api/v1/map/clusters/"


@pytest.fixture(autouse=True)
def _fresh_answers():
    # Rolled-back test transactions reuse data versions: never read a kept answer from another test.
    answers_forget()
    yield
    answers_forget()


def rows(body):
    """One dict per cluster, read back from the columns and the lists of exceptions."""
    columns = body["columns"]
    assert {len(values) for values in columns.values()} <= {body["count"]}
    programmes = dict(body["programmes"])
    name_other, locality_other = set(body["name_other"]), set(body["locality_other"])
    return [
        {**{name: values[i] for name, values in columns.items()},
         "name_other": int(i in name_other), "locality_other": int(i in locality_other),
         "programmes": programmes.get(i, [])}
        for i in range(body["count"])
    ]


def test_rows_hold_what_the_geojson_holds(client, draft):
    body = get_json(client, URL + "?lang=en")
    assert body["lang"] == "en"
    assert list(body["columns"]) == [
        "slug", "lon", "lat", "sector", "governorate", "precision", "name", "locality", "enterprises", "employment",
    ]
    # Exceptions are listed by position, in order, and only where there are any.
    assert body["programmes"] and all(slugs_ for _i, slugs_ in body["programmes"])
    assert [i for i, _slugs in body["programmes"]] == sorted(i for i, _slugs in body["programmes"])
    features = {f["id"]: f for f in get_json(client, "/api/v1/clusters/")["features"]}
    mapped = rows(body)
    assert sorted(row["slug"] for row in mapped) == sorted(features)  # 60, and never the draft
    assert len(mapped) == 60
    for row in mapped:
        props = features[row["slug"]]["properties"]
        assert [row["lon"], row["lat"]] == features[row["slug"]]["geometry"]["coordinates"]
        assert body["sectors"][row["sector"]] == props["sector"]["slug"]
        assert body["governorates"][row["governorate"]] == props["governorate"]["iso_code"]
        assert body["precisions"][row["precision"]] == props["location_precision"]
        assert row["name"] == (props["name_en"] or props["name_ar"])
        assert row["enterprises"] == props["enterprises"] and row["employment"] == props["employment"]
        assert row["programmes"] == props["programmes"]


def test_rows_come_in_the_order_of_the_languages_names(client, seeded):
    for lang in ("ar", "en"):
        names = [row["name"] for row in rows(get_json(client, f"{URL}?lang={lang}"))]
        assert len(names) == 60
        # ICU's order; Python's casefold is a close enough check that it is alphabetical, not by slug.
        assert names[0].casefold() <= names[-1].casefold()
    english = [row["name"] for row in rows(get_json(client, URL + "?lang=en"))]
    assert english == sorted(english, key=str.casefold)


def test_a_blank_name_falls_back_to_the_other_language_and_says_so(client, seeded):
    Cluster.objects.filter(slug="damietta-furniture").update(name_en="  ", locality_en="")
    row = next(r for r in rows(get_json(client, URL + "?lang=en")) if r["slug"] == "damietta-furniture")
    cluster = Cluster.objects.get(slug="damietta-furniture")
    assert (row["name"], row["name_other"]) == (cluster.name_ar, 1)
    assert (row["locality"], row["locality_other"]) == (cluster.locality_ar, 1)
    arabic = next(r for r in rows(get_json(client, URL + "?lang=ar")) if r["slug"] == "damietta-furniture")
    assert (arabic["name"], arabic["name_other"]) == (cluster.name_ar, 0)


@pytest.mark.parametrize("query", [
    "q=fayoum", "q=%D8%A7%D8%AE%D9%85%D9%8A%D9%85", "q=%D8%AE%D8%B2%D9%81", "sector=pottery-ceramics",
    "governorate=EG-FYM,EG-C", "q=pottery&governorate=EG-FYM", "q=zzzz-no-such-cluster",
])
def test_filters_select_what_the_api_selects(client, draft, query):
    mapped = sorted(row["slug"] for row in rows(get_json(client, f"{URL}?{query}")))
    assert mapped == sorted(slugs(client, f"/api/v1/clusters/?{query}"))


@pytest.mark.parametrize(("query", "parameter"), [
    ("lang=fr", "lang"), ("lang=en&lang=ar", "lang"), ("sector=no-such-sector", "sector"),
    ("q=" + "x" * 400, "q"), ("bbox=1,2,3", "bbox"), ("supported=maybe", "supported"),
])
def test_bad_input_is_a_400_naming_the_parameter(client, seeded, query, parameter):
    body = get_json(client, f"{URL}?{query}", status=400)
    assert body["parameter"] == parameter and body["error"]


def test_etag_and_304_and_a_write_moves_it(client, seeded):
    first = client.get(URL + "?lang=en")
    etag = first["ETag"]
    assert first["Content-Type"] == "application/json" and first["Cache-Control"] == "public, max-age=60"
    assert client.get(URL + "?lang=en", headers={"If-None-Match": etag}).status_code == 304
    # Another language is another answer.
    assert client.get(URL + "?lang=ar")["ETag"] != etag
    cluster = Cluster.objects.get(slug="damietta-furniture")
    cluster.name_en = "Renamed furniture cluster"
    cluster.save()
    after = client.get(URL + "?lang=en", headers={"If-None-Match": etag})
    assert after.status_code == 200
    assert "Renamed furniture cluster" in [row["name"] for row in rows(json.loads(after.content))]


def test_gzip_is_offered(client, seeded):
    response = client.get(URL, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"


def test_much_smaller_than_the_geojson(client, seeded):
    compact = len(client.get(URL + "?lang=en").content)
    full = len(client.get("/api/v1/clusters/").content)
    assert compact * 4 < full, (compact, full)


def test_documented(client):
    document = json.loads(client.get("/api/v1/schema/?format=json").content)
    operation = document["paths"]["/api/v1/map/clusters/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"lang", "q", "sector", "governorate", "programme", "organisation", "supported"} <= names
    assert "application/json" in operation["responses"]["200"]["content"]
