"""Batched imports against concurrent writers, each in its own transaction and connection.

Two overlapping imports must never deadlock (PostgreSQL would abort one with a
bare "deadlock detected"): one wins, the other is refused naming a cluster,
and nothing is duplicated. An admin save of a cluster the import does not
touch must not wait for the import's transaction (issue 13 item 5), and an
unpublish of one it does touch, made while it was being checked, is refused.
"""

import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import translation

from clusters.editing import cluster_save, cluster_unpublish
from clusters.importing import cluster_import
from clusters.models import Cluster
from tests.importing.helpers import csv_bytes, row

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True, params=["batches", "rows"])
def batches(settings, request, monkeypatch):
    # The row path (small files) takes its locks in the same order and names the same refusals.
    settings.IMPORT_BULK_FROM_ROWS = 1 if request.param == "batches" else 10**9
    settings.IMPORT_BULK_BATCH_ROWS = 3
    monkeypatch.setattr("clusters.importing.writing.ROW_PROGRESS_EVERY", 3)


def rows(numbers, **changes):
    return [row(f"race-{n}", name_en=f"Cluster {n}", lat=f"{30.0 + n / 1000:.4f}", **changes) for n in numbers]


class Import(threading.Thread):
    """cluster_import in its own thread; it pauses after its first batch until released."""

    def __init__(self, content, name, **kwargs):
        super().__init__()
        self.content, self.name, self.kwargs = content, name, kwargs
        self.first_batch = threading.Event()
        self.release = threading.Event()
        self.report = self.error = None

    def _written(self, done, total):
        if not self.first_batch.is_set():
            self.first_batch.set()
            self.release.wait(20)

    def run(self):
        try:
            with translation.override("en"):
                self.report = cluster_import(self.content, self.name, write_progress=self._written, **self.kwargs)
        except Exception as error:  # the test asserts there is none
            self.error = error
        finally:
            self.first_batch.set()
            connections.close_all()


def test_two_overlapping_imports_in_opposite_orders_one_wins_the_other_is_named(base_data):
    assert cluster_import(csv_bytes(rows(range(0, 12, 2))), "existing.csv").written
    numbers = list(range(12))
    first = Import(csv_bytes(rows(numbers, description_en="first")), "first.csv")
    second = Import(csv_bytes(rows(reversed(numbers), description_en="second")), "second.csv")
    first.start()
    assert first.first_batch.wait(20)
    second.start()
    # The second has had time to take whatever locks it can before the first goes on.
    second.join(2)
    first.release.set()
    second.release.set()
    first.join(30)
    second.join(30)
    assert not first.is_alive() and not second.is_alive(), "an import hangs"
    assert first.error is None and second.error is None, (first.error, second.error)
    reports = [first.report, second.report]
    assert sorted(r.written for r in reports) == [False, True], [r.file_error for r in reports]
    loser = next(r for r in reports if not r.written)
    assert "deadlock" not in loser.file_error and "race-" in loser.file_error, loser.file_error
    assert "nothing was written" in loser.file_error
    winner = "first" if first.report.written else "second"
    assert Cluster.objects.count() == 12
    assert set(Cluster.objects.values_list("description_en", flat=True)) == {winner}
    assert Cluster.history.filter(history_type="+").count() == 12


def test_an_admin_save_of_another_cluster_does_not_wait_for_a_batched_import(base_data):
    assert cluster_import(csv_bytes(rows(range(8))), "existing.csv").written
    other = Cluster.objects.get(slug="race-7")
    running = Import(csv_bytes(rows(range(7), description_en="imported") + rows(range(20, 26))), "big.csv")
    running.start()
    assert running.first_batch.wait(20)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            other.name_en = "Saved by an editor meanwhile"
            cluster_save(other, user=None, expected_version=other.version)
            new = Cluster(**{**{k: v for k, v in vars(other).items() if not k.startswith("_")},
                             "id": None, "slug": "added-meanwhile", "version": 1})
            cluster_save(new, user=None)
    finally:
        running.release.set()
        running.join(30)
    assert running.error is None and running.report.written, (running.error, running.report.file_error)
    assert Cluster.objects.get(slug="race-7").name_en == "Saved by an editor meanwhile"
    assert Cluster.objects.filter(description_en="imported").count() == 7


def test_a_cluster_unpublished_while_the_file_was_checked_is_refused_and_named(base_data):
    assert cluster_import(csv_bytes(rows(range(6))), "existing.csv", publish=True).written
    history = Cluster.history.count()

    def unpublished_meanwhile(done, total):
        if done == total:
            from django.contrib.auth.models import User

            chief = User.objects.create_superuser("chief", password="x" * 20)
            cluster_unpublish(Cluster.objects.filter(slug="race-4"), chief)

    report = cluster_import(csv_bytes(rows(range(6), description_en="changed")), "b.csv", publish=True,
                            progress=unpublished_meanwhile)
    assert not report.written and "race-4" in report.file_error, report.file_error
    assert Cluster.objects.get(slug="race-4").status == Cluster.Status.DRAFT
    assert not Cluster.objects.filter(description_en="changed").exists()
    assert Cluster.history.count() == history + 1  # the unpublish only
