"""The data version (the API's and OGC's ETag) without one hot row.

Two writers in different transactions must not wait on each other, and a
reader must never see a new version before the data it stands for is
committed (or a client would keep the old data under the new ETag).
"""

import threading

import pytest
from django.db import connection, connections, transaction

from clusters.models import Cluster, DataChange, Sector
from clusters.etags import data_version
from tests.support.clusters import add_cluster

pytestmark = pytest.mark.django_db(transaction=True)


class OpenWriter:
    """Writes in its own thread and connection, and keeps the transaction open until closed."""

    def __init__(self, write):
        self.write = write
        self.written = threading.Event()
        self.release = threading.Event()
        self.error = None
        self.thread = threading.Thread(target=self._run)

    def _run(self):
        try:
            with transaction.atomic():
                self.write()
                self.written.set()
                self.release.wait(20)
        except Exception as error:  # reported by close()
            self.error = error
            self.written.set()
        finally:
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        assert self.written.wait(20)
        assert self.error is None, self.error
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(20)
        assert self.error is None, self.error


def _save_with_lock_timeout(write):
    # lock_timeout instead of a timing: waiting on the other writer raises LockNotAvailable.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
        write()


def test_two_writers_in_different_transactions_do_not_wait(base_data):
    first = add_cluster("first-cluster")
    second = add_cluster("second-cluster")

    with OpenWriter(lambda: Cluster.objects.filter(pk=first.pk).update(name_en="First, long import")):
        second.name_en = "Second, an admin save"
        _save_with_lock_timeout(second.save)
        _save_with_lock_timeout(lambda: Sector.objects.filter(slug="dairy").update(name_en="Dairy"))

    assert Cluster.objects.get(pk=first.pk).name_en == "First, long import"
    assert Cluster.objects.get(pk=second.pk).name_en == "Second, an admin save"


def test_the_version_changes_only_when_the_write_is_committed(base_data):
    cluster = add_cluster("a-cluster")
    before = data_version()

    with OpenWriter(lambda: Cluster.objects.filter(pk=cluster.pk).update(name_en="Renamed")):
        # The write is not visible yet, so neither is a new version: a response cached
        # now under the old version holds the old data, as it should.
        assert data_version() == before
    assert data_version() > before


def test_versions_only_grow_across_interleaved_writers(base_data):
    first = add_cluster("first-cluster")
    second = add_cluster("second-cluster")
    before = data_version()

    with OpenWriter(lambda: Cluster.objects.filter(pk=first.pk).update(name_en="One")):
        Cluster.objects.filter(pk=second.pk).update(name_en="Two")
        middle = data_version()
        assert middle > before
    # The writer that started first commits last: the version still moves on.
    assert data_version() > middle


def test_raw_sql_and_truncate_change_the_version(base_data):
    add_cluster("a-cluster")
    before = data_version()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE clusters_governorate SET name_en = name_en")
    middle = data_version()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM clusters_cluster")
    assert before < middle < data_version()


def test_committed_changes_are_folded_so_the_table_stays_short(base_data):
    cluster = add_cluster("a-cluster")
    before = data_version()
    for n in range(5):
        Cluster.objects.filter(pk=cluster.pk).update(name_en=f"Name {n}")
    assert data_version() == before + 5
    assert DataChange.objects.count() == 1
