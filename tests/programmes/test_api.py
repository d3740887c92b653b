"""The programme, organisation and support endpoints: public records only, 400 naming the parameter."""

import csv
import io

import pytest
from django.test import Client

from tests.programmes.test_pages import world  # noqa: F401  (fixture)


def _get(url, status=200):
    response = Client().get(url)
    assert response.status_code == status, response.content[:300]
    return response


def test_programmes_list_hides_drafts(world):
    data = _get("/api/v1/programmes/").json()
    slugs = [p["slug"] for p in data["results"]]
    assert "open-programme" in slugs and "hidden-programme" not in slugs
    assert data["count"] == len(slugs) == 4
    open_programme = next(p for p in data["results"] if p["slug"] == "open-programme")
    assert open_programme["organisations"] == ["public-org"]  # the draft organisation is left out
    assert open_programme["budget_amount"] is None and open_programme["start_year"] == 2019
    assert open_programme["cluster_count"] == 1


def test_programmes_filtered_by_organisation(world):
    data = _get("/api/v1/programmes/?organisation=afdb").json()
    assert [p["slug"] for p in data["results"]] == ["natural-clusters-afdb"]
    for bad in ("draft-org", "no-such", "Bad Slug"):
        error = _get(f"/api/v1/programmes/?organisation={bad}", 400).json()
        assert error["parameter"] == "organisation"


def test_programme_detail_and_drafts_404(world):
    data = _get("/api/v1/programmes/open-programme/").json()
    assert [o["slug"] for o in data["organisations"]] == ["public-org"]
    assert [s["cluster"] for s in data["support"]] == [world["clusters"][0].slug]
    assert data["support"][0]["kinds"] == ["training"]
    assert data["support"][0]["people_reached"] is None
    _get("/api/v1/programmes/hidden-programme/", 404)
    _get("/api/v1/programmes/no-such/", 404)


def test_organisations_list(world):
    data = _get("/api/v1/organisations/").json()
    slugs = [o["slug"] for o in data["results"]]
    assert "public-org" in slugs and "draft-org" not in slugs
    public = next(o for o in data["results"] if o["slug"] == "public-org")
    assert public["programmes"] == ["open-programme"]


def test_support_table_json_and_csv(world):
    data = _get("/api/v1/support/").json()
    pairs = {(r["programme"], r["cluster"]) for r in data["results"]}
    clusters = world["clusters"]
    assert ("open-programme", clusters[0].slug) in pairs
    assert not {p for p in pairs if p[0] == "hidden-programme" or p[1] in {c.slug for c in clusters[1:]}}
    row = next(r for r in data["results"] if r["programme"] == "open-programme")
    assert row["governorate"].startswith("EG-") and row["organisations"] == ["public-org"]
    response = _get("/api/v1/support/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(table) == data["count"]
    row = next(r for r in table if r["programme"] == "open-programme")
    assert row["kind"] == "training" and row["women_reached"] == "" and row["start_year"] == ""
    filtered = _get("/api/v1/support/?programme=open-programme").json()
    assert [r["cluster"] for r in filtered["results"]] == [clusters[0].slug]


@pytest.mark.parametrize("query,parameter", [
    ("programme=hidden-programme", "programme"), ("programme=x%00", "programme"),
    ("organisation=draft-org", "organisation"), ("format=xml", "format"),
])
def test_support_bad_parameters(world, query, parameter):
    assert _get(f"/api/v1/support/?{query}", 400).json()["parameter"] == parameter


def test_seed_support_table_counts(seeded):
    data = _get("/api/v1/support/").json()
    from clusters.models import Cluster

    with open("fixtures/support.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    loaded = [r for r in rows if Cluster.objects.filter(slug=r["cluster"]).exists()]
    assert data["count"] == len(loaded)
    assert _get("/api/v1/programmes/").json()["count"] == 3


def test_openapi_lists_the_endpoints(db):
    schema = _get("/api/v1/schema/?format=json").content.decode()
    for path in ("/api/v1/programmes/", "/api/v1/programmes/{slug}/", "/api/v1/organisations/", "/api/v1/support/"):
        assert f'"{path}"' in schema or f"{path}:" in schema
