"""One cluster, governorates, sectors and stats; drafts count nowhere."""

import json

import pytest

from clusters.models import Cluster
from tests.support.api import get_json

pytestmark = pytest.mark.django_db


def test_detail_is_the_list_feature_plus_footprint(client, footprints):
    detail = get_json(client, "/api/v1/clusters/damietta-furniture/")
    listed = next(f for f in get_json(client, "/api/v1/clusters/")["features"] if f["id"] == "damietta-furniture")
    footprint = detail["properties"].pop("footprint")
    # And its support (issue 12): each published programme's work there, tested in tests/programmes.
    assert isinstance(detail["properties"].pop("support"), list)
    assert detail == listed
    assert footprint["type"] == "MultiPolygon"
    assert footprint["coordinates"][0][0][0] == [31.8, 31.4]
    assert get_json(client, "/api/v1/clusters/mahalla-textiles/")["properties"]["footprint"] is not None
    assert get_json(client, "/api/v1/clusters/gerees-pottery/")["properties"]["footprint"] is None


def test_detail_of_a_draft_is_404(client, draft):
    assert client.get(f"/api/v1/clusters/{draft.slug}/").status_code == 404
    Cluster.objects.filter(pk=draft.pk).update(status="published")
    assert client.get(f"/api/v1/clusters/{draft.slug}/").status_code == 200


def test_governorates(client, draft):
    body = get_json(client, "/api/v1/governorates/")
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 27
    counts = {f["id"]: f["properties"]["cluster_count"] for f in body["features"]}
    assert sum(counts.values()) == 60  # the draft is not counted
    assert counts["EG-DT"] == 4
    first = body["features"][0]
    assert set(first["properties"]) == {"iso_code", "name_ar", "name_en", "cluster_count"}
    assert first["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_governorates_count_one_sector(client, draft):
    counts = {
        f["id"]: f["properties"]["cluster_count"]
        for f in get_json(client, "/api/v1/governorates/?sector=dairy")["features"]
    }
    assert counts["EG-DT"] == 1 and sum(counts.values()) == Cluster.objects.filter(
        status="published", sector__slug="dairy").count()


def test_governorates_simplify(client, seeded):
    full = client.get("/api/v1/governorates/").content
    thin = client.get("/api/v1/governorates/?simplify=0.05").content
    assert len(thin) < len(full) / 2
    assert len(json.loads(thin)["features"]) == 27
    assert client.get("/api/v1/governorates/?simplify=0").content == full
    assert client.get("/api/v1/governorates/?simplify=1").status_code == 200


def test_sectors(client, draft):
    sectors = get_json(client, "/api/v1/sectors/")
    assert len(sectors) == 24
    assert set(sectors[0]) == {"slug", "name_ar", "name_en", "color", "cluster_count"}
    counts = {s["slug"]: s["cluster_count"] for s in sectors}
    assert sum(counts.values()) == 60
    assert counts["dairy"] == Cluster.objects.filter(status="published", sector__slug="dairy").count()
    in_damietta = {s["slug"]: s["cluster_count"] for s in get_json(client, "/api/v1/sectors/?governorate=EG-DT")}
    assert len(in_damietta) == 24 and sum(in_damietta.values()) == 4 and in_damietta["dairy"] == 1


def test_stats(client, draft):
    stats = get_json(client, "/api/v1/stats/")
    published = Cluster.objects.filter(status="published")
    total = stats["total"]
    assert total["cluster_count"] == 60
    assert total["enterprises_total"] == sum(c.enterprises or 0 for c in published)  # no 999999 draft
    assert total["enterprises_reported"] == published.filter(enterprises__isnull=False).count()
    assert total["employment_total"] == sum(c.employment or 0 for c in published)
    assert sum(row["cluster_count"] for row in stats["by_sector"]) == 60
    assert sum(row["cluster_count"] for row in stats["by_governorate"]) == 60
    damietta = next(row for row in stats["by_governorate"] if row["iso_code"] == "EG-DT")
    assert damietta["name_ar"] == "دمياط" and damietta["cluster_count"] == 4


def test_stats_honour_filters_and_report_missing_sums_as_null(client, seeded):
    stats = get_json(client, "/api/v1/stats/?bbox=0,0,1,1")
    assert stats["total"] == {"cluster_count": 0, "enterprises_total": None, "enterprises_reported": 0,
                              "employment_total": None, "employment_reported": 0}
    assert stats["by_sector"] == [] and stats["by_governorate"] == []


def test_drafts_appear_in_no_response(client, draft, footprints):
    for path in [
        "/api/v1/clusters/", "/api/v1/clusters/?geometry=footprint", "/api/v1/clusters/?limit=100",
        "/api/v1/clusters/?format=csv", "/api/v1/clusters/?format=kml", "/api/v1/stats/",
    ]:
        content = client.get(path).content
        assert b"secret" not in content.lower() and "مسودة".encode() not in content, path
        assert b"999999" not in content, path
