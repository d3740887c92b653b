"""Review before publishing: drafts stay hidden until someone allowed to publish publishes them."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve

from clusters.editing import cluster_publish, cluster_unpublish
from clusters.models import Cluster
from clusters.selectors import cluster_published_queryset
from tests.support.admin import admin_url

SLUGS = ["akhmim-handweaving", "damietta-furniture", "garagos-pottery"]


def api_exists() -> bool:
    try:
        resolve("/api/v1/clusters/")
    except Resolver404:
        return False
    return True


def api_slugs(client) -> set[str]:
    response = client.get("/api/v1/clusters/", {"limit": 1000})
    assert response.status_code == 200
    return {feature["properties"]["slug"] for feature in json.loads(response.content)["features"]}


@pytest.fixture
def drafts(seeded):
    Cluster.objects.filter(slug__in=SLUGS).update(status=Cluster.Status.DRAFT)
    return list(Cluster.objects.filter(slug__in=SLUGS).order_by("slug"))


def action(client, name, clusters, follow=False):
    return client.post(
        admin_url("clusters_cluster_changelist"),
        {"action": name, "_selected_action": [c.pk for c in clusters]},
        follow=follow,
    )


def test_drafts_are_hidden_then_published_by_a_publisher_then_unpublished(drafts, publisher_client, client):
    hidden = set(SLUGS)
    assert not cluster_published_queryset().filter(slug__in=hidden).exists()
    if api_exists():
        assert not api_slugs(client) & hidden
        assert client.get(f"/api/v1/clusters/{SLUGS[0]}/").status_code == 404

    response = action(publisher_client, "publish_selected", drafts, follow=True)
    assert "3 clusters published." in [str(m) for m in response.context["messages"]]
    assert set(cluster_published_queryset().filter(slug__in=hidden).values_list("slug", flat=True)) == hidden
    if api_exists():
        assert hidden <= api_slugs(client)

    action(publisher_client, "unpublish_selected", drafts[:1])
    assert Cluster.objects.get(pk=drafts[0].pk).status == Cluster.Status.DRAFT
    assert not cluster_published_queryset().filter(pk=drafts[0].pk).exists()
    if api_exists():
        assert drafts[0].slug not in api_slugs(client)


def test_an_editor_has_no_publish_actions_and_posting_one_changes_nothing(drafts, editor_client):
    page = editor_client.get(admin_url("clusters_cluster_changelist"))
    choices = [name for name, _label in page.context["action_form"].fields["action"].choices]
    assert "publish_selected" not in choices and "unpublish_selected" not in choices
    assert "export_csv" in choices and "delete_selected" not in choices

    action(editor_client, "publish_selected", drafts)
    assert not Cluster.objects.filter(slug__in=SLUGS, status=Cluster.Status.PUBLISHED).exists()


def test_one_cluster_is_published_from_its_own_page(drafts, publisher_client, editor_client):
    cluster = drafts[0]
    page = publisher_client.get(admin_url("clusters_cluster_change", cluster.pk)).content.decode()
    assert admin_url("clusters_cluster_publish", cluster.pk) in page
    assert admin_url("clusters_cluster_publish", cluster.pk) not in (
        editor_client.get(admin_url("clusters_cluster_change", cluster.pk)).content.decode()
    )

    assert editor_client.post(admin_url("clusters_cluster_publish", cluster.pk)).status_code == 403
    assert Cluster.objects.get(pk=cluster.pk).status == Cluster.Status.DRAFT
    assert publisher_client.get(admin_url("clusters_cluster_publish", cluster.pk)).status_code == 405

    response = publisher_client.post(admin_url("clusters_cluster_publish", cluster.pk))
    assert response.status_code == 302
    assert Cluster.objects.get(pk=cluster.pk).status == Cluster.Status.PUBLISHED
    publisher_client.post(admin_url("clusters_cluster_unpublish", cluster.pk))
    assert Cluster.objects.get(pk=cluster.pk).status == Cluster.Status.DRAFT


def test_the_service_refuses_users_without_the_permission(drafts, editor, publisher):
    with pytest.raises(PermissionDenied):
        cluster_publish(drafts, editor)
    with pytest.raises(PermissionDenied):
        cluster_unpublish(drafts, None)
    assert cluster_publish(drafts, publisher) == 3
    assert cluster_publish(drafts, publisher) == 0  # already published: nothing to do


def test_publishing_is_recorded_in_the_history_without_making_open_forms_stale(drafts, publisher):
    cluster = drafts[0]
    version = cluster.version
    cluster_publish([cluster], publisher)
    cluster.refresh_from_db()
    record = cluster.history.first()
    # A code, rendered in each reader's language on the history page (clusters.history_reasons).
    assert (record.status, record.history_user, record.history_change_reason) == (
        "published", publisher, "@published")
    # Saves never write the status, so a form opened before the publish may still be saved.
    assert cluster.version == version
