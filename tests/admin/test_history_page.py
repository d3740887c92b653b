"""The history page in the viewer's language: labels not raw values, no "None", reasons stored as codes."""

import html
import re

from django.utils import translation

from clusters.editing import cluster_publish, cluster_unpublish
from clusters.history_reasons import history_reason_display
from clusters.models import Cluster
from tests.support.admin import admin_url, cluster_form_data, messages_of, point_json


def history_rows(client, cluster) -> list[str]:
    page = client.get(admin_url("clusters_cluster_history", cluster.pk)).content.decode()
    start = page.index('<table id="change-history"')
    table = page[start:page.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    # Tags out, entities decoded and spaces folded: what a reader sees in each row.
    return [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", row))).strip() for row in rows]


def test_a_status_change_shows_labels_and_a_rendered_reason(seeded, publisher_client, publisher):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    cluster_unpublish([cluster], publisher)
    rows = history_rows(publisher_client, cluster)
    header, newest = rows[0], rows[1]
    assert "Changes" in header and "Reason" in header and "Changed by" in header
    assert "Status: Published → Draft" in newest
    assert "Unpublished" in newest
    assert "published →" not in newest and "@" not in newest
    assert all("None" not in row for row in rows)


def test_empty_values_and_missing_users_are_named_not_none(seeded, editor_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    response = editor_client.post(admin_url("clusters_cluster_change", cluster.pk),
                                  cluster_form_data(cluster, locality_en="", enterprises=""))
    assert response.status_code == 302
    rows = history_rows(editor_client, cluster)
    assert "→ (empty)" in rows[1]
    # The seed wrote the first version: no user, and its reason rendered.
    assert "a command (no user)" in rows[-1]
    assert "Loaded from the seed data" in rows[-1]
    assert all("None" not in row for row in rows)


def test_the_reason_is_stored_as_a_code_and_shown_in_the_readers_language(seeded, publisher):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    cluster_unpublish([cluster], publisher)
    with translation.override("ar"):
        cluster_publish([cluster], publisher)  # an Arabic-speaking publisher
    stored = cluster.history.first().history_change_reason
    assert stored == "@published"
    with translation.override("en"):
        assert history_reason_display(stored) == "Published"


def test_a_revert_says_changed_and_records_its_reason_as_a_code(seeded, editor_client, publisher_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    edit = cluster_form_data(cluster, name_en="Wrong name", location=point_json(31.9, 31.4))
    assert editor_client.post(admin_url("clusters_cluster_change", cluster.pk), edit).status_code == 302
    cluster.refresh_from_db()
    old = cluster.history.order_by("history_date")[0]

    url = admin_url("clusters_cluster_simple_history", cluster.pk, old.history_id)
    response = publisher_client.post(url, cluster_form_data(old.instance, expected_version=cluster.version),
                                     follow=True)
    shown = " ".join(messages_of(response))
    assert "was changed back to the version of" in shown
    assert "added" not in shown
    assert response.redirect_chain[-1][0] == admin_url("clusters_cluster_change", cluster.pk)
    reason = cluster.history.first().history_change_reason
    assert reason.startswith("@reverted 20")
    with translation.override("en"):
        assert history_reason_display(reason).startswith("Reverted to the version of ")
