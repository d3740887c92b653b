"""Restoring a deleted cluster from its history (issue 13, item 9): README promises any version can be restored."""

from clusters.models import Cluster
from tests.support.admin import admin_url, cluster_form_data, messages_of


def _delete(client, cluster):
    response = client.post(admin_url("clusters_cluster_delete", cluster.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Cluster.objects.filter(pk=cluster.pk).exists()


def _last_version_before_deletion(cluster_id):
    return Cluster.history.filter(id=cluster_id).exclude(history_type="-").order_by("-history_date").first()


def test_a_deleted_cluster_is_restored_as_a_draft_from_its_history(one_cluster, publisher_client, publisher):
    cluster = one_cluster
    assert cluster.status == Cluster.Status.PUBLISHED
    _delete(publisher_client, cluster)
    old = _last_version_before_deletion(cluster.pk)

    url = admin_url("clusters_cluster_simple_history", cluster.pk, old.history_id)
    page = publisher_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    response = publisher_client.post(url, cluster_form_data(old.instance, expected_version=form.initial.get("expected_version") or ""))
    assert response.status_code == 302, messages_of(response) or response.context["adminform"].form.errors

    restored = Cluster.objects.get(pk=cluster.pk)
    assert restored.slug == cluster.slug and restored.name_en == cluster.name_en
    assert restored.location.coords == cluster.location.coords
    # Back, but not on the public map until someone publishes it again.
    assert restored.status == Cluster.Status.DRAFT
    assert restored.version > old.version
    record = restored.history.order_by("-history_date").first()
    assert record.history_user == publisher and record.history_type == "+"
    history_page = publisher_client.get(admin_url("clusters_cluster_history", cluster.pk)).content.decode()
    assert "Restored" in history_page

    # The restored cluster is an ordinary one again: it can be edited from its change page.
    change = publisher_client.get(admin_url("clusters_cluster_change", cluster.pk))
    assert change.status_code == 200


def test_a_second_restore_from_a_stale_page_is_refused(one_cluster, publisher_client):
    cluster = one_cluster
    _delete(publisher_client, cluster)
    old = _last_version_before_deletion(cluster.pk)
    url = admin_url("clusters_cluster_simple_history", cluster.pk, old.history_id)
    stale = publisher_client.get(url).context["adminform"].form.initial.get("expected_version") or ""

    assert publisher_client.post(url, cluster_form_data(old.instance, expected_version=stale)).status_code == 302
    restored_version = Cluster.objects.get(pk=cluster.pk).version
    again = publisher_client.post(url, cluster_form_data(old.instance, expected_version=stale, name_en="Again"))
    assert Cluster.objects.get(pk=cluster.pk).version == restored_version
    assert Cluster.objects.get(pk=cluster.pk).name_en == cluster.name_en
    assert again.status_code in (200, 302)
