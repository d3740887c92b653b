"""The importer: all or nothing, every problem named by row, slug, field and reason."""

import csv
import io
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.utils import translation

from clusters.importing import cluster_import
from clusters.models import Cluster
from tests.support.clusters import FIXTURES

@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in English; Arabic is the default language."""
    with translation.override("en"):
        yield


SEED_ROWS = list(csv.DictReader(io.StringIO((FIXTURES / "clusters.csv").read_text(encoding="utf-8"))))
COLUMNS = list(SEED_ROWS[0].keys())


def to_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def rows_with(index, **changes):
    rows = [dict(r) for r in SEED_ROWS]
    rows[index].update(changes)
    return rows


def to_geojson(rows) -> bytes:
    features = []
    for row in rows:
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        geometry = {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def test_good_csv_creates_drafts_by_default(base_data):
    report = cluster_import(to_csv(SEED_ROWS), "clusters.csv")
    assert report.ok and report.written
    assert report.summary == {"create": 60, "update": 0, "unchanged": 0}
    assert Cluster.objects.filter(status=Cluster.Status.DRAFT).count() == 60
    damietta = Cluster.objects.get(slug="damietta-furniture")
    assert (round(damietta.location.x, 5), round(damietta.location.y, 5)) == (31.81332, 31.41648)
    assert damietta.enterprises == 35000
    assert len(damietta.sources) == 4
    assert damietta.governorate.iso_code == "EG-DT"


def test_publish_option_publishes(base_data):
    report = cluster_import(to_csv(SEED_ROWS[:3]), "clusters.csv", publish=True)
    assert report.written
    assert Cluster.objects.filter(status=Cluster.Status.PUBLISHED).count() == 3


def test_good_geojson(base_data):
    report = cluster_import(to_geojson(SEED_ROWS), "clusters.geojson")
    assert report.ok and report.unit == "feature"
    assert Cluster.objects.count() == 60


def test_reimporting_the_same_file_changes_nothing(base_data):
    content = to_csv(SEED_ROWS)
    cluster_import(content, "clusters.csv")
    history_before = Cluster.history.count()
    stamps = dict(Cluster.objects.values_list("slug", "updated_at"))
    second = cluster_import(content, "clusters.csv")
    assert second.summary == {"create": 0, "update": 0, "unchanged": 60}
    assert Cluster.history.count() == history_before
    assert dict(Cluster.objects.values_list("slug", "updated_at")) == stamps


def test_changed_row_is_an_update(base_data):
    cluster_import(to_csv(SEED_ROWS), "clusters.csv")
    report = cluster_import(to_csv(rows_with(0, enterprises="36000")), "clusters.csv")
    assert report.summary == {"create": 0, "update": 1, "unchanged": 59}
    assert Cluster.objects.get(slug=SEED_ROWS[0]["slug"]).enterprises == 36000


def test_dry_run_writes_nothing(base_data):
    report = cluster_import(to_csv(SEED_ROWS), "clusters.csv", dry_run=True)
    assert report.ok and not report.written
    assert report.summary["create"] == 60
    assert Cluster.objects.count() == 0


BAD_CASES = [
    ("sector", {"sector": "space-mining"}, "unknown sector"),
    ("governorate_iso", {"governorate_iso": "EG-XX"}, "unknown governorate"),
    ("name_ar", {"name_ar": ""}, "required"),
    ("name_en", {"name_en": ""}, "required"),
    ("lat", {"lat": "north"}, "not a number"),
    ("lon", {"lon": "31,8"}, "not a number"),
    ("location", {"lat": "48.85", "lon": "2.35"}, "outside Egypt"),
    ("enterprises", {"enterprises": "-4"}, "negative"),
    ("employment", {"employment": "many"}, "not a whole number"),
    ("location_precision", {"location_precision": "exact"}, "unknown value"),
    ("slug", {"slug": "Not A Slug"}, "lower-case"),
    ("source", {"source": "not a url"}, "not a web address"),
    ("name_en", {"name_en": "bad\x00name"}, "control character"),
]


@pytest.mark.parametrize("field,changes,reason", BAD_CASES)
def test_each_bad_row_is_named_and_nothing_is_written(base_data, field, changes, reason):
    rows = rows_with(41, **changes)
    report = cluster_import(to_csv(rows), "clusters.csv")
    assert not report.ok and not report.written
    assert Cluster.objects.count() == 0
    problem = next(p for p in report.errors if p.field == field)
    assert problem.number == 43  # spreadsheet row: header is row 1, index 41 is row 43
    assert problem.slug == (changes.get("slug") or SEED_ROWS[41]["slug"])
    assert reason in problem.message


def test_swapped_coordinates_are_called_swapped(base_data):
    # Damietta's own point with latitude and longitude the wrong way round: in the Mediterranean.
    rows = rows_with(0, lat=SEED_ROWS[0]["lon"], lon=SEED_ROWS[0]["lat"])
    report = cluster_import(to_csv(rows), "clusters.csv")
    assert any("swapped" in p.message for p in report.errors)


def test_duplicate_slug_in_one_file(base_data):
    rows = [dict(r) for r in SEED_ROWS]
    rows.append(dict(rows[3]))
    report = cluster_import(to_csv(rows), "clusters.csv")
    duplicate = next(p for p in report.errors if p.field == "slug")
    assert duplicate.number == 62 and "twice" in duplicate.message and "5" in duplicate.message
    assert Cluster.objects.count() == 0


def test_invalid_geometry_in_geojson(base_data):
    document = json.loads(to_geojson(SEED_ROWS))
    document["features"][7]["geometry"] = {"type": "Point", "coordinates": ["x", None]}
    report = cluster_import(json.dumps(document).encode(), "clusters.geojson")
    problem = next(p for p in report.errors if p.field == "geometry")
    assert problem.number == 8 and problem.slug == SEED_ROWS[7]["slug"]
    assert Cluster.objects.count() == 0


def test_self_intersecting_footprint_is_invalid_geometry(base_data):
    document = json.loads(to_geojson(SEED_ROWS[:2]))
    document["features"][1]["properties"]["footprint"] = {
        "type": "Polygon",
        "coordinates": [[[31.80, 31.40], [31.82, 31.42], [31.82, 31.40], [31.80, 31.42], [31.80, 31.40]]],
    }
    report = cluster_import(json.dumps(document).encode(), "clusters.geojson")
    problem = next(p for p in report.errors if p.field == "footprint")
    assert problem.number == 2 and "not a valid shape" in problem.message


def test_fifty_nine_good_rows_and_one_bad_write_nothing(base_data):
    rows = rows_with(59, enterprises="-1")
    report = cluster_import(to_csv(rows), "clusters.csv", publish=True)
    assert [p.number for p in report.errors] == [61]
    assert report.summary["create"] == 59
    assert Cluster.objects.count() == 0


def test_garagos_outside_its_governorate_is_a_warning(base_data):
    report = cluster_import(to_csv(SEED_ROWS), "clusters.csv")
    assert report.ok and report.written
    garagos = [w for w in report.warnings if w.slug == "garagos-pottery"]
    assert len(garagos) == 1
    warning = garagos[0]
    garagos_row = next(i for i, r in enumerate(SEED_ROWS) if r["slug"] == "garagos-pottery") + 2
    assert warning.number == garagos_row
    assert "km outside Qena" in warning.message
    km = float(warning.message.split(" km")[0].split()[-1])
    assert 5 < km < 25
    assert Cluster.objects.get(slug="garagos-pottery").governorate.iso_code == "EG-KN"


def test_messages_are_in_the_staff_members_language(base_data):
    with translation.override("ar"):
        report = cluster_import(to_csv(rows_with(0, sector="nope")), "clusters.csv")
    garagos = next(w for w in report.warnings if w.slug == "garagos-pottery")
    assert "قنا" in garagos.message and "Qena" not in garagos.message
    assert report.errors[0].message != "unknown sector “nope”"


def test_empty_governorate_is_found_from_the_point(base_data):
    rows = rows_with(0, governorate_iso="")
    report = cluster_import(to_csv(rows[:1]), "clusters.csv")
    assert report.ok
    assert Cluster.objects.get(slug=SEED_ROWS[0]["slug"]).governorate.iso_code == "EG-DT"


def test_unreadable_files_are_refused_whole(base_data):
    assert "UTF-8" in cluster_import("slug,name\nأ".encode("cp1256"), "x.csv").file_error
    assert cluster_import(b"{not json", "x.geojson").file_error
    assert cluster_import(b"anything", "x.xlsx").file_error
    assert cluster_import(b"", "x.csv").file_error
    assert Cluster.objects.count() == 0


def test_progress_is_reported(base_data):
    calls = []
    cluster_import(to_csv(SEED_ROWS), "clusters.csv", dry_run=True, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (60, 60)


@pytest.mark.django_db(transaction=True)
def test_command_names_the_bad_row_and_exits_non_zero(base_data, tmp_path):
    from django.db import connection

    bad = tmp_path / "bad.csv"
    bad.write_bytes(to_csv(rows_with(10, sector="nope")))
    # The command runs in another process: point it at the test database.
    env_db = connection.settings_dict["NAME"]
    result = subprocess.run(
        [sys.executable, "manage.py", "import_clusters", str(bad), "--lang", "en"],
        cwd=settings.BASE_DIR, capture_output=True, text=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "clusters_portal.settings_test",
             "TEST_DATABASE_URL": _url_for(env_db)},
    )
    assert result.returncode == 1
    assert "row 12" in result.stderr and "sector" in result.stderr and "nothing was written" in result.stderr
    assert Cluster.objects.count() == 0

    good = tmp_path / "good.csv"
    good.write_bytes(to_csv(SEED_ROWS))
    result = subprocess.run(
        [sys.executable, "manage.py", "import_clusters", str(good), "--dry-run", "--lang", "en"],
        cwd=settings.BASE_DIR, capture_output=True, text=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "clusters_portal.settings_test",
             "TEST_DATABASE_URL": _url_for(env_db)},
    )
    assert result.returncode == 0, result.stderr
    assert "60 to create" in result.stdout and "garagos-pottery" in result.stderr
    assert Cluster.objects.count() == 0


def _url_for(database: str) -> str:
    from clusters_portal import localdb

    return localdb.database_url("test").rsplit("/", 1)[0] + "/" + database
