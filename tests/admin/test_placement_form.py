"""The placement rule's cases through the admin form: the same rule, the same messages as the importer."""

import pytest
from django.utils import translation

from clusters.models import Cluster, Governorate, Sector
from tests.support.admin import admin_url, messages_of, point_json


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def form_data(governorate_iso, lon, lat, **changes) -> dict:
    data = {
        "name_ar": "تجمع تجريبي", "name_en": "Test cluster", "slug": "test-cluster", "aliases": "",
        "governorate": Governorate.objects.get(iso_code=governorate_iso).pk,
        "location": point_json(lon, lat), "location_precision": "locality", "footprint": "",
        "locality_ar": "", "locality_en": "", "sector": Sector.objects.get(slug="pottery-ceramics").pk,
        "products_ar": "", "products_en": "", "enterprises": "", "employment": "",
        "description_ar": "", "description_en": "", "sources": "", "expected_version": "", "_save": "Save",
    }
    data.update(changes)
    return data


def refused(client, data) -> dict:
    response = client.post(admin_url("clusters_cluster_add"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and not Cluster.objects.filter(slug="test-cluster").exists()
    return response.context["adminform"].form.errors


def test_swapped_lat_lon_is_called_swapped(seeded, editor_client):
    errors = refused(editor_client, form_data("EG-SHG", 26.55695, 31.69478))
    assert "swapped" in errors["location"][0]


def test_point_at_sea_is_refused(seeded, editor_client):
    assert "outside Egypt" in refused(editor_client, form_data("EG-ALX", 29.9, 33.2))["location"][0]


def test_thirty_km_away_is_an_error_naming_the_real_governorate(seeded, editor_client):
    message = refused(editor_client, form_data("EG-SHG", 32.72, 26.16))["location"][0]
    assert 25 < float(message.split("lies ")[1].split(" km")[0]) < 60 and "Qena" in message


def test_fourteen_km_away_saves_with_a_warning(seeded, editor_client):
    response = editor_client.post(admin_url("clusters_cluster_add"), form_data("EG-LX", 32.55402, 25.29336),
                                  follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert Cluster.objects.get(slug="test-cluster").governorate.iso_code == "EG-LX"
    [warning] = [m for m in messages_of(response) if "km outside" in m]
    assert 10 < float(warning.split("lies ")[1].split(" km")[0]) < 20


def test_footprint_far_from_its_point_is_refused(seeded, editor_client):
    luxor = '{"type": "MultiPolygon", "coordinates": [[[[32.6, 25.6], [32.7, 25.6], [32.7, 25.7], [32.6, 25.6]]]]}'
    errors = refused(editor_client, form_data("EG-C", 31.2357, 30.0444, footprint=luxor))
    assert "km from the cluster's point" in errors["footprint"][0]


def test_bidi_override_in_a_name_is_refused(seeded, editor_client):
    errors = refused(editor_client, form_data("EG-C", 31.2357, 30.0444, name_en="Evil \u202egnp.exe"))
    assert "U+202E" in errors["name_en"][0]
