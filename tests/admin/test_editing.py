"""Saving a cluster from the admin: placement rules, no lost updates, status untouchable from the form."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from clusters.editing import ClusterConflict, cluster_place, cluster_save
from clusters.geo import point
from clusters.models import Cluster, Governorate, Sector
from tests.support.admin import admin_url, cluster_form_data, messages_of, point_json

# Central Cairo and Luxor: well inside their governorates.
CAIRO = (31.2357, 30.0444)
LUXOR = (32.6396, 25.6872)


def new_cluster_data(**changes) -> dict:
    data = {
        "name_ar": "تجمع تجريبي",
        "name_en": "Test cluster",
        "slug": "test-cluster",
        "aliases": "",
        "governorate": "",
        "location": point_json(*CAIRO),
        "location_precision": "locality",
        "footprint": "",
        "locality_ar": "",
        "locality_en": "",
        "sector": Sector.objects.get(slug="furniture-woodworking").pk,
        "products_ar": "",
        "products_en": "",
        "enterprises": "",
        "employment": "",
        "description_ar": "",
        "description_en": "",
        "sources": "https://example.org/a\nhttps://example.org/b?x=1,2",
        "expected_version": "",
        "_save": "Save",
    }
    data.update(changes)
    return data


def test_new_cluster_is_a_draft_with_its_governorate_filled_from_the_point(seeded, editor_client, editor):
    response = editor_client.post(admin_url("clusters_cluster_add"), new_cluster_data(), follow=True)
    assert response.status_code == 200
    cluster = Cluster.objects.get(slug="test-cluster")
    assert cluster.status == Cluster.Status.DRAFT
    assert cluster.governorate.iso_code == "EG-C"
    assert cluster.sources == ["https://example.org/a", "https://example.org/b?x=1,2"]
    assert any("filled in from the point" in m for m in messages_of(response))
    assert cluster.history.first().history_user == editor


def test_even_a_publisher_cannot_create_a_published_cluster_through_the_form(seeded, publisher_client):
    publisher_client.post(admin_url("clusters_cluster_add"), new_cluster_data(status="published"))
    assert Cluster.objects.get(slug="test-cluster").status == Cluster.Status.DRAFT


def test_point_far_outside_the_chosen_governorate_is_refused_with_the_distance(seeded, editor_client):
    # The placement rule: beyond PLACEMENT_WARN_KM it is an error naming the km and where the point is.
    luxor = Governorate.objects.get(iso_code="EG-LX")
    data = new_cluster_data(governorate=luxor.pk)  # the point is in Cairo
    response = editor_client.post(admin_url("clusters_cluster_add"), data)
    message = response.context["adminform"].form.errors["location"][0]
    distance = float(message.split("lies ")[1].split(" km")[0])
    assert 300 < distance < 600 and "Cairo" in message
    assert not Cluster.objects.filter(slug="test-cluster").exists()


def test_point_outside_egypt_is_refused_with_a_clear_error(seeded, editor_client):
    data = new_cluster_data(location=point_json(2.35, 48.85))  # Paris
    response = editor_client.post(admin_url("clusters_cluster_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "outside Egypt" in errors["location"][0]
    assert not Cluster.objects.filter(slug="test-cluster").exists()


def test_footprint_outside_egypt_is_refused(seeded, editor_client):
    footprint = '{"type": "MultiPolygon", "coordinates": [[[[2, 48], [3, 48], [3, 49], [2, 48]]]]}'
    response = editor_client.post(admin_url("clusters_cluster_add"), new_cluster_data(footprint=footprint))
    assert "footprint" in response.context["adminform"].form.errors
    assert not Cluster.objects.filter(slug="test-cluster").exists()


def test_a_bad_source_line_names_the_line(seeded, editor_client):
    response = editor_client.post(admin_url("clusters_cluster_add"),
                                  new_cluster_data(sources="https://example.org\nnot a url"))
    assert "Line 2" in response.context["adminform"].form.errors["sources"][0]


def test_point_in_the_sea_with_no_governorate_is_refused(seeded):
    with pytest.raises(ValidationError) as refused:
        cluster_place(point(34.5, 27.0), None)  # the Red Sea, inside Egypt's extent
    assert "outside Egypt" in refused.value.message_dict["location"][0]


def test_second_of_two_forms_opened_at_the_same_version_is_refused(seeded, editor_client, publisher_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    url = admin_url("clusters_cluster_change", cluster.pk)
    # Both open the form at the same version.
    first_form = editor_client.get(url).context["adminform"].form
    second_form = publisher_client.get(url).context["adminform"].form
    assert first_form.initial["expected_version"] == second_form.initial["expected_version"] == cluster.version

    first = editor_client.post(url, cluster_form_data(cluster, name_en="Edited by the first"))
    assert first.status_code == 302
    second = publisher_client.post(url, cluster_form_data(cluster, name_en="Edited by the second"))
    assert second.status_code == 200
    assert "reload the page" in " ".join(second.context["adminform"].form.non_field_errors())

    cluster.refresh_from_db()
    assert cluster.name_en == "Edited by the first"
    assert cluster.version == 2


def test_service_refuses_a_stale_version_without_writing(seeded):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    stale = Cluster.objects.get(pk=cluster.pk)
    cluster.name_en = "Fresh"
    cluster_save(cluster, user=None, expected_version=1)
    stale.name_en = "Stale"
    with pytest.raises(ClusterConflict):
        cluster_save(stale, user=None, expected_version=1)
    assert Cluster.objects.get(pk=cluster.pk).name_en == "Fresh"


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_one_wins(roles):
    """Two transactions race; the conditional UPDATE lets exactly one through."""
    from clusters.seeding import clusters_seed, governorates_seed, sectors_seed

    governorates_seed()
    sectors_seed()
    clusters_seed()
    pk = Cluster.objects.get(slug="damietta-furniture").pk
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(name):
        try:
            cluster = Cluster.objects.get(pk=pk)
            cluster.name_en = name
            barrier.wait(timeout=10)
            cluster_save(cluster, user=None, expected_version=1)
            outcomes[name] = "saved"
        except ClusterConflict:
            outcomes[name] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    cluster = Cluster.objects.get(pk=pk)
    assert (cluster.name_en, cluster.version) == (winner, 2)


def test_an_editor_cannot_change_the_status_through_the_form(seeded, editor_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    Cluster.objects.filter(pk=cluster.pk).update(status=Cluster.Status.DRAFT)
    cluster.refresh_from_db()
    response = editor_client.post(admin_url("clusters_cluster_change", cluster.pk),
                                  cluster_form_data(cluster, status="published", name_en="Renamed"))
    assert response.status_code == 302
    cluster.refresh_from_db()
    assert (cluster.name_en, cluster.status) == ("Renamed", Cluster.Status.DRAFT)


def test_the_slug_is_fixed_once_created(seeded, publisher_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    publisher_client.post(admin_url("clusters_cluster_change", cluster.pk),
                          cluster_form_data(cluster, slug="renamed-slug"))
    assert Cluster.objects.filter(slug="damietta-furniture").exists()


def test_search_folds_arabic_like_the_api(seeded, editor_client):
    # The seed has "تجمع صناعة الأثاث بدمياط"; typed here without the hamza.
    response = editor_client.get(admin_url("clusters_cluster_changelist", q="الاثاث دمياط"))
    slugs = {c.slug for c in response.context["cl"].result_list}
    assert "damietta-furniture" in slugs
    response = editor_client.get(admin_url("clusters_cluster_changelist", q="DAMIETTA furniture"))
    assert "damietta-furniture" in {c.slug for c in response.context["cl"].result_list}


def test_admin_speaks_arabic_right_to_left_and_english_left_to_right(seeded, editor_client):
    arabic = editor_client.get("/ar/admin/clusters/cluster/")
    assert arabic.status_code == 200
    assert 'dir="rtl"' in arabic.content.decode()
    english = editor_client.get("/en/admin/clusters/cluster/")
    assert 'dir="ltr"' in english.content.decode()
    assert "Import clusters" in english.content.decode()


def test_the_change_form_shows_the_maps_and_the_boundary_script(seeded, editor_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    page = editor_client.get(admin_url("clusters_cluster_change", cluster.pk)).content.decode()
    assert 'id="id_location-map"' in page and 'id="id_footprint-map"' in page
    assert "clusters/admin/cluster-map.js" in page
    assert 'data-boundary-url="/en/admin/clusters/cluster/governorate-boundary/"' in page


def test_the_boundary_view_answers_geojson_and_clear_errors(seeded, editor_client):
    cairo = Governorate.objects.get(iso_code="EG-C")
    response = editor_client.get(admin_url("clusters_cluster_governorate_boundary", id=cairo.pk))
    assert response["Content-Type"] == "application/geo+json"
    feature = response.json()
    assert feature["properties"]["iso_code"] == "EG-C"
    assert feature["geometry"]["type"] == "MultiPolygon"
    bad = editor_client.get(admin_url("clusters_cluster_governorate_boundary", id="x"))
    assert bad.status_code == 400 and bad.json()["parameter"] == "id"
    assert editor_client.get(admin_url("clusters_cluster_governorate_boundary", id=999999)).status_code == 404


def test_a_save_that_loses_the_race_after_the_form_check_is_refused_not_a_500(seeded, editor_client, monkeypatch):
    """The form's early check passed, then another save won: the service's atomic check catches it."""
    cluster = Cluster.objects.get(slug="damietta-furniture")
    url = admin_url("clusters_cluster_change", cluster.pk)
    Cluster.objects.filter(pk=cluster.pk).update(version=5, name_en="Saved by someone else")
    monkeypatch.setattr("clusters.admin.forms.cluster_version_current", lambda pk: 1)

    response = editor_client.post(url, cluster_form_data(cluster, name_en="Mine"), follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert any("reload the page" in m for m in messages_of(response))
    cluster.refresh_from_db()
    assert (cluster.name_en, cluster.version) == ("Saved by someone else", 5)
    assert cluster.history.count() == 1  # the import's; the refused save left no record
