"""The batched write path (clusters.bulk_editing) gives what the row path gives.

Big imports write in batches; small ones row by row. Each test here runs the
same import both ways (IMPORT_BULK_FROM_ROWS 1 forces batches, of 2 rows so
that a file spans several) and compares fields, history rows and refusals.
The row path's own tests (test_write_path) run again below with batches forced.
"""

import pytest
from django.contrib.auth.models import Group, User

from clusters.history_reasons import history_reason_display
from clusters.importing import cluster_import
from clusters.models import Cluster
from clusters.roles import EDITORS, PUBLISHERS, roles_ensure
from tests.importing.helpers import csv_bytes, row
from tests.importing.test_write_path import (  # noqa: F401  (collected again, with batches forced)
    test_a_cluster_changed_between_check_and_write_is_refused_and_named,
    test_a_file_without_a_column_leaves_that_field_alone,
    test_only_the_changed_fields_are_written,
    test_publish_by_a_user_without_the_permission_is_refused_in_the_service,
    test_status_never_changes_without_publish,
    test_the_exports_apostrophe_is_taken_off_and_nothing_else,
)

COMPARED = ["slug", "name_ar", "name_en", "aliases", "sector_id", "governorate_id", "locality_ar", "locality_en",
            "location_precision", "enterprises", "employment", "description_en", "sources", "status", "version",
            "search_text"]
HISTORY = ["history_type", "history_change_reason", "history_user_id", "name_en", "status", "version"]


@pytest.fixture(autouse=True)
def batches(settings):
    settings.IMPORT_BULK_FROM_ROWS = 1
    settings.IMPORT_BULK_BATCH_ROWS = 2


def rows(count, **changes):
    return [row(f"bulk-{n}", name_en=f"Cluster {n}", lat=f"{30.0 + n / 1000:.4f}", **changes)
            for n in range(count)]


def snapshot():
    clusters = [{f: getattr(c, f) for f in COMPARED} | {"location": c.location.coords}
                for c in Cluster.objects.order_by("slug")]
    history = [{f: getattr(h, f) for f in HISTORY} | {"slug": h.slug}
               for h in Cluster.history.order_by("slug", "version", "history_type")]
    return clusters, history


def both_ways(settings, steps):
    """Run steps() with the row path and then, on a clean table, with batches; return both snapshots."""
    results = []
    for bulk_from in (10**9, 1):
        settings.IMPORT_BULK_FROM_ROWS = bulk_from
        Cluster.objects.all().delete()
        Cluster.history.all().delete()  # after: a delete leaves a history row of its own
        steps()
        results.append(snapshot())
    return results


def staff(username, group):
    roles_ensure()
    user = User.objects.get_or_create(username=username, defaults={"is_staff": True})[0]
    user.groups.add(Group.objects.get(name=group))
    return user


def test_creates_updates_and_history_match_the_row_path(base_data, settings):
    def steps():
        assert cluster_import(csv_bytes(rows(5)), "first.csv").written
        changed = rows(5)
        changed[1]["name_en"] = "Renamed"
        changed[3].update(description_en="New text", lat="30.0600")
        report = cluster_import(csv_bytes(changed + rows(7)[5:]), "second.csv")
        assert report.written, (report.errors, report.file_error)

    by_row, by_batch = both_ways(settings, steps)
    assert by_row == by_batch
    clusters, history = by_batch
    assert len(clusters) == 7
    # One history row per created or changed cluster, with the import's reason.
    assert [h["history_type"] for h in history].count("~") == 2
    assert len(history) == 9
    assert {history_reason_display(h["history_change_reason"]) for h in history} == {
        "Imported from first.csv", "Imported from second.csv"}


def test_publish_matches_the_row_path_and_needs_the_permission(base_data, settings):
    publisher = staff("chief", PUBLISHERS)

    def steps():
        assert cluster_import(csv_bytes(rows(3)), "a.csv").written
        assert cluster_import(csv_bytes(rows(4)), "a.csv", publish=True, user=publisher).written

    by_row, by_batch = both_ways(settings, steps)
    assert by_row == by_batch
    assert {c["status"] for c in by_batch[0]} == {Cluster.Status.PUBLISHED}
    assert {h["history_user_id"] for h in by_batch[1] if h["status"] == "published"} == {publisher.pk}

    editor = staff("field-editor", EDITORS)
    report = cluster_import(csv_bytes(rows(6)), "a.csv", publish=True, user=editor)
    assert not report.written and "publish" in report.file_error
    assert Cluster.objects.count() == 4
    assert not Cluster.objects.filter(status=Cluster.Status.DRAFT).exists()


def test_a_stale_cluster_in_a_later_batch_is_named_and_nothing_is_written(base_data):
    assert cluster_import(csv_bytes(rows(6)), "a.csv").written
    before = snapshot()
    stale = Cluster.objects.get(slug="bulk-4")

    def colleague_edits(done, total):
        if done == total:
            Cluster.objects.filter(pk=stale.pk).update(description_en="Colleague", version=stale.version + 1)

    changed = rows(9, description_en="From the file")
    report = cluster_import(csv_bytes(changed), "b.csv", progress=colleague_edits)
    assert not report.written
    assert "bulk-4" in report.file_error and "bulk-3" not in report.file_error
    clusters, history = snapshot()
    # The batches before the stale one were written and then rolled back, with the new rows.
    assert history == before[1]
    assert [c["slug"] for c in clusters] == [c["slug"] for c in before[0]]
    assert Cluster.objects.get(slug="bulk-4").description_en == "Colleague"
    assert not Cluster.objects.filter(description_en="From the file").exists()


def test_a_slug_taken_meanwhile_is_named_and_nothing_is_written(base_data):
    def colleague_adds(done, total):
        if done == total:
            assert cluster_import(csv_bytes([row("bulk-5", lat="30.05")]), "other.csv").written

    report = cluster_import(csv_bytes(rows(8)), "b.csv", progress=colleague_adds)
    assert not report.written and "bulk-5" in report.file_error and "was added by someone else" in report.file_error
    assert list(Cluster.objects.values_list("slug", flat=True)) == ["bulk-5"]


def test_a_database_refusal_mid_way_writes_nothing(base_data, settings):
    assert cluster_import(csv_bytes(rows(2)), "a.csv").written
    version_before = Cluster.objects.get(slug="bulk-1").version

    calls = []

    def fail_in_the_third_batch(written, total):
        calls.append(written)
        if len(calls) == 2:
            # A row the next batch will update is gone: its UPDATE writes nothing, so force a real failure.
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("SELECT 1/0")

    report = cluster_import(csv_bytes(rows(7, description_en="x")), "b.csv", write_progress=fail_in_the_third_batch)
    assert not report.written and report.file_error
    assert Cluster.objects.count() == 2
    assert Cluster.objects.get(slug="bulk-1").version == version_before
    assert not Cluster.objects.filter(description_en="x").exists()


def test_write_progress_counts_every_batch(base_data):
    seen = []
    assert cluster_import(csv_bytes(rows(5)), "a.csv", write_progress=lambda done, total: seen.append((done, total))).written
    assert seen == [(2, 5), (4, 5), (5, 5)]


def test_unchanged_rows_write_nothing_and_keep_their_version(base_data):
    assert cluster_import(csv_bytes(rows(4)), "a.csv").written
    history_rows = Cluster.history.count()
    report = cluster_import(csv_bytes(rows(4)), "a.csv")
    assert report.written and report.summary["unchanged"] == 4
    assert Cluster.history.count() == history_rows
    assert set(Cluster.objects.values_list("version", flat=True)) == {1}


def test_a_batched_import_moves_the_data_version(base_data):
    # The ETags of every public answer start with it (clusters.etags): COPY and bulk UPDATE fire its triggers too.
    from clusters.etags import data_version

    before = data_version()
    assert cluster_import(csv_bytes(rows(3)), "a.csv").written
    created = data_version()
    assert created > before
    assert cluster_import(csv_bytes(rows(3, description_en="changed")), "a.csv").written
    assert data_version() > created
