"""History of clusters written by the batched import path (600 rows, the default IMPORT_BULK_FROM_ROWS):
one row per created or changed cluster with the import's reason, and any version restorable from the admin."""

from collections import Counter

from django.utils import translation

from clusters.history_reasons import history_reason_display
from clusters.importing import cluster_import
from clusters.models import Cluster
from tests.importing.helpers import csv_bytes, row
from tests.support.admin import admin_url, cluster_form_data

COUNT = 600


def rows(**changes):
    return [row(f"bulk-{n}", name_en=f"Cluster {n}", lat=f"{30.0 + n / 20000:.5f}", **changes) for n in range(COUNT)]


def test_one_history_row_per_written_cluster_and_a_version_restores(base_data, publisher_client, publisher):
    with translation.override("en"):
        assert cluster_import(csv_bytes(rows()), "first.csv", user=publisher, publish=True).written
        report = cluster_import(csv_bytes(rows(description_en="Second file")), "second.csv", user=publisher)
        assert report.written and report.summary["update"] == COUNT
        # Only the first 100 change in a third file: the others get no history row.
        third = rows(description_en="Second file")
        for values in third[:100]:
            values["description_en"] = "Third file"
        assert cluster_import(csv_bytes(third), "third.csv", user=publisher).written

    per_cluster = Counter(Cluster.history.values_list("id", flat=True))
    assert Counter(per_cluster.values()) == {3: 100, 2: COUNT - 100}
    with translation.override("en"):
        reasons = Counter(history_reason_display(reason)
                          for reason in Cluster.history.values_list("history_change_reason", flat=True))
    assert reasons == {"Imported from first.csv": COUNT, "Imported from second.csv": COUNT,
                       "Imported from third.csv": 100}
    assert set(Cluster.history.values_list("history_user", flat=True)) == {publisher.pk}

    cluster = Cluster.objects.get(slug="bulk-5")
    assert cluster.version == 3 and cluster.description_en == "Third file"
    first = cluster.history.order_by("history_date", "history_id")[0]
    url = admin_url("clusters_cluster_simple_history", cluster.pk, first.history_id)
    form = publisher_client.get(url).context["adminform"].form
    assert form.initial["expected_version"] == 3 and form.initial["description_en"] == ""
    response = publisher_client.post(url, cluster_form_data(first.instance, expected_version=3))
    assert response.status_code == 302
    cluster.refresh_from_db()
    assert cluster.description_en == "" and cluster.version == 4 and cluster.status == Cluster.Status.PUBLISHED
    assert cluster.history.first().history_change_reason.startswith("@reverted ")
