"""History: who changed which fields and when, visible from the record, and revertable safely."""

from clusters.models import Cluster
from tests.support.admin import admin_url, cluster_form_data, point_json


def edit(client, cluster, **changes):
    response = client.post(admin_url("clusters_cluster_change", cluster.pk), cluster_form_data(cluster, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    cluster.refresh_from_db()
    return cluster


def test_each_save_records_who_and_which_fields_and_the_page_shows_them(seeded, editor_client, editor):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    edit(editor_client, cluster, name_en="Damietta Furniture (checked)", enterprises=36000)

    record = cluster.history.first()
    assert record.history_user == editor
    assert record.history_type == "~"
    delta = record.diff_against(record.prev_record)
    assert set(delta.changed_fields) >= {"name_en", "enterprises"}
    assert "location" not in delta.changed_fields

    page = editor_client.get(admin_url("clusters_cluster_history", cluster.pk)).content.decode()
    assert "Damietta Furniture (checked)" in page
    assert "35000" in page and "36000" in page
    assert "editor" in page


def test_revert_restores_an_old_version_and_is_itself_recorded(seeded, editor_client, publisher_client, publisher):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    original_name, original_point = cluster.name_en, cluster.location.coords
    edit(editor_client, cluster, name_en="Wrong name", location=point_json(31.9, 31.4))
    old = cluster.history.order_by("history_date")[0]  # as imported by the seed

    url = admin_url("clusters_cluster_simple_history", cluster.pk, old.history_id)
    form = publisher_client.get(url).context["adminform"].form
    assert form.initial["expected_version"] == cluster.version == 2
    assert form.initial["name_en"] == original_name

    response = publisher_client.post(url, cluster_form_data(old.instance, expected_version=2))
    assert response.status_code == 302
    cluster.refresh_from_db()
    assert cluster.name_en == original_name
    assert cluster.location.coords == original_point
    assert cluster.version == 3
    assert cluster.status == Cluster.Status.PUBLISHED
    assert cluster.history.first().history_user == publisher
    # A code, shown in each reader's language (clusters.history_reasons).
    assert cluster.history.first().history_change_reason.startswith("@reverted ")


def test_revert_from_a_stale_page_is_refused(seeded, editor_client, publisher_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    edit(editor_client, cluster, name_en="Second version")
    old = cluster.history.order_by("history_date")[0]
    url = admin_url("clusters_cluster_simple_history", cluster.pk, old.history_id)
    opened_at = publisher_client.get(url).context["adminform"].form.initial["expected_version"]

    edit(editor_client, cluster, name_en="Third version")  # meanwhile
    response = publisher_client.post(url, cluster_form_data(old.instance, expected_version=opened_at))
    assert response.status_code == 200
    assert "reload the page" in " ".join(response.context["adminform"].form.non_field_errors())
    cluster.refresh_from_db()
    assert cluster.name_en == "Third version"


def test_an_editor_reverting_to_a_published_version_does_not_publish(seeded, editor_client, publisher_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    published = cluster.history.first()
    publisher_client.post(admin_url("clusters_cluster_unpublish", cluster.pk))
    cluster.refresh_from_db()
    assert cluster.status == Cluster.Status.DRAFT

    url = admin_url("clusters_cluster_simple_history", cluster.pk, published.history_id)
    response = editor_client.post(url, cluster_form_data(published.instance, expected_version=cluster.version))
    assert response.status_code == 302
    cluster.refresh_from_db()
    assert cluster.status == Cluster.Status.DRAFT


def test_the_history_page_lists_edited_fields_not_bookkeeping(seeded, editor_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    edit(editor_client, cluster, locality_en="Damietta and Shata")
    page = editor_client.get(admin_url("clusters_cluster_history", cluster.pk)).content.decode()
    assert "Locality (English)" in page
    assert "Last changed" not in page
