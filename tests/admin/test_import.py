"""Importing from the admin: a preview that writes nothing, a confirmation that writes all or nothing."""

import csv
import io
import json
import subprocess
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusters.models import Cluster, Sector
from tests.support.admin import admin_url

COLUMNS = ["slug", "name_en", "name_ar", "sector", "governorate_iso", "locality_en", "locality_ar",
           "lat", "lon", "location_precision", "enterprises", "employment", "products_en", "source"]
NEW_ROWS = [
    {"slug": "test-fayoum-baskets", "name_en": "Test Fayoum baskets", "name_ar": "سلال الفيوم التجريبية",
     "sector": "furniture-woodworking", "governorate_iso": "EG-FYM", "lat": "29.3084", "lon": "30.8428",
     "location_precision": "locality", "enterprises": "120", "source": "https://example.org/fayoum"},
    {"slug": "test-cairo-brass", "name_en": "Test Cairo brass", "name_ar": "نحاس القاهرة التجريبي",
     "sector": "furniture-woodworking", "governorate_iso": "", "lat": "30.0478", "lon": "31.2621",
     "location_precision": "approximate", "enterprises": "", "source": ""},
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def to_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def to_geojson(rows) -> bytes:
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]},
        "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
    } for row in rows]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode()


def upload(client, name: str, content: bytes, **fields):
    data = {"file": SimpleUploadedFile(name, content), "_preview": "Preview", **fields}
    return client.post(admin_url("clusters_cluster_import"), data)


def confirm(client, token, publish="0", follow=True):
    return client.post(admin_url("clusters_cluster_import"),
                       {"token": token, "publish": publish, "_confirm": "Confirm"}, follow=follow)


def test_the_changelist_links_to_the_import_page(seeded, editor_client):
    page = editor_client.get(admin_url("clusters_cluster_changelist")).content.decode()
    assert admin_url("clusters_cluster_import") in page


def test_preview_lists_creates_updates_and_unchanged_and_writes_nothing_until_confirmed(
        seeded, editor_client, editor, media):
    existing = Cluster.objects.get(slug="damietta-furniture")
    renamed = {"slug": existing.slug, "name_en": "Damietta Furniture (field team)", "name_ar": existing.name_ar,
               "sector": existing.sector.slug, "governorate_iso": "EG-DT", "lat": existing.location.y,
               "lon": existing.location.x, "location_precision": existing.location_precision}
    response = upload(editor_client, "field-team.csv", to_csv(NEW_ROWS + [renamed]))
    assert response.status_code == 200
    context = response.context
    assert [item["slug"] for item in context["created"]] == ["test-fayoum-baskets", "test-cairo-brass"]
    assert [item["slug"] for item in context["updated"]] == ["damietta-furniture"]
    assert [item["number"] for item in context["created"]] == [2, 3]
    assert context["token"] and not context["errors"]
    page = response.content.decode()
    assert "Row 2" in page and "test-fayoum-baskets" in page and "Confirm and import" in page
    assert not Cluster.objects.filter(slug__startswith="test-").exists()
    assert Cluster.objects.get(slug="damietta-furniture").name_en != "Damietta Furniture (field team)"

    done = confirm(editor_client, context["token"])
    assert done.redirect_chain[-1][0] == admin_url("clusters_cluster_changelist")
    assert "2 created, 1 updated, 0 unchanged" in " ".join(str(m) for m in done.context["messages"])
    new = Cluster.objects.get(slug="test-cairo-brass")
    assert new.status == Cluster.Status.DRAFT
    assert new.governorate.iso_code == "EG-C"  # filled from the point
    assert new.history.first().history_user == editor
    assert Cluster.objects.get(slug="damietta-furniture").name_en == "Damietta Furniture (field team)"
    assert list((media / "imports").iterdir()) == []  # the staged upload is gone

    # The same token cannot be used twice.
    again = confirm(editor_client, context["token"])
    assert "no longer available" in " ".join(str(m) for m in again.context["messages"])


def test_one_bad_row_is_reported_by_row_slug_and_field_and_nothing_can_be_confirmed(seeded, editor_client):
    bad = dict(NEW_ROWS[1], slug="test-bad-row", sector="no-such-sector", lat="200")
    response = upload(editor_client, "field-team.csv", to_csv([NEW_ROWS[0], bad]))
    errors = response.context["errors"]
    assert {(e["number"], e["slug"], e["field"]) for e in errors} == {
        (3, "test-bad-row", "sector"), (3, "test-bad-row", "location")}
    assert response.context["token"] is None
    page = response.content.decode()
    assert "Confirm and import" not in page
    assert "no-such-sector" in page
    assert not Cluster.objects.filter(slug__startswith="test-").exists()


def test_a_confirm_that_now_fails_writes_nothing(seeded, editor_client):
    spare = Sector.objects.create(slug="test-spare", name_ar="قطاع", name_en="Spare")
    rows = [dict(NEW_ROWS[0]), dict(NEW_ROWS[1], sector="test-spare")]
    token = upload(editor_client, "field-team.csv", to_csv(rows)).context["token"]
    spare.delete()  # between preview and confirm, the second row's sector goes away

    response = confirm(editor_client, token)
    assert response.status_code == 200
    assert response.context["confirm_failed"]
    assert [e["field"] for e in response.context["errors"]] == ["sector"]
    assert not Cluster.objects.filter(slug__startswith="test-").exists()


def test_a_token_only_works_for_the_user_who_uploaded(seeded, editor_client, publisher_client):
    token = upload(editor_client, "field-team.csv", to_csv(NEW_ROWS)).context["token"]
    response = confirm(publisher_client, token)
    assert "no longer available" in " ".join(str(m) for m in response.context["messages"])
    assert not Cluster.objects.filter(slug__startswith="test-").exists()
    for forged in ("../../etc/passwd", "0" * 32, ""):
        confirm(editor_client, forged)
    assert not Cluster.objects.filter(slug__startswith="test-").exists()


def test_only_publishers_may_publish_on_import(seeded, editor_client, publisher_client):
    page = editor_client.get(admin_url("clusters_cluster_import")).content.decode()
    assert 'name="publish"' not in page
    token = upload(editor_client, "a.csv", to_csv(NEW_ROWS[:1]), publish="on").context["token"]
    confirm(editor_client, token, publish="1")
    assert Cluster.objects.get(slug="test-fayoum-baskets").status == Cluster.Status.DRAFT

    assert 'name="publish"' in publisher_client.get(admin_url("clusters_cluster_import")).content.decode()
    response = upload(publisher_client, "b.csv", to_csv(NEW_ROWS[1:]), publish="on")
    assert response.context["publish"] is True
    confirm(publisher_client, response.context["token"], publish="1")
    assert Cluster.objects.get(slug="test-cairo-brass").status == Cluster.Status.PUBLISHED


def test_unsupported_and_unreadable_files_are_refused_clearly(seeded, editor_client):
    response = upload(editor_client, "clusters.xlsx", b"PK\x03\x04")
    assert "Unsupported file type" in response.context["form"].errors["file"][0]
    response = upload(editor_client, "clusters.csv", "slug\n".encode("utf-16"))
    assert response.context["report"]["file_error"]
    assert response.context["token"] is None


def ogr2ogr(tmp_path, rows, driver: str, target: str, *options):
    source = tmp_path / "source.geojson"
    source.write_bytes(to_geojson(rows))
    subprocess.run(["ogr2ogr", "-f", driver, str(tmp_path / target), str(source), *options],
                   check=True, capture_output=True)
    return tmp_path / target


def test_geopackage_upload(seeded, editor_client, tmp_path):
    path = ogr2ogr(tmp_path, NEW_ROWS, "GPKG", "clusters.gpkg")
    response = upload(editor_client, "field-team.gpkg", path.read_bytes())
    assert [item["slug"] for item in response.context["created"]] == ["test-fayoum-baskets", "test-cairo-brass"]
    assert "Feature 1" in response.content.decode()
    confirm(editor_client, response.context["token"])
    baskets = Cluster.objects.get(slug="test-fayoum-baskets")
    assert baskets.name_ar == "سلال الفيوم التجريبية"
    assert baskets.enterprises == 120
    assert round(baskets.location.x, 4) == 30.8428


def test_zipped_shapefile_upload(seeded, editor_client, tmp_path):
    folder = tmp_path / "shape"
    folder.mkdir()
    # As QGIS saves one: UTF-8, declared in a .cpg file.
    ogr2ogr(tmp_path, NEW_ROWS, "ESRI Shapefile", "shape/clusters.shp", "-lco", "ENCODING=UTF-8")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in sorted(folder.iterdir()):
            zipped.write(part, part.name)
    response = upload(editor_client, "field-team.zip", archive.getvalue())
    assert not response.context["errors"]
    assert [item["slug"] for item in response.context["created"]] == ["test-fayoum-baskets", "test-cairo-brass"]
    confirm(editor_client, response.context["token"])
    brass = Cluster.objects.get(slug="test-cairo-brass")
    assert brass.name_ar == "نحاس القاهرة التجريبي"
    assert brass.location_precision == "approximate"  # from the ten-character column "location_p"
    assert brass.governorate.iso_code == "EG-C"
