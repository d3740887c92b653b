"""A worker killed in the middle of a batched write: nothing half-written, and the job started again completes."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from clusters.import_jobs.models import ImportJob
from clusters.models import Cluster
from tests.import_jobs.conftest import ROOT, confirm, import_url, upload
from tests.import_jobs.test_jobs import job_id_of, rows_csv

pytestmark = pytest.mark.django_db(transaction=True)
ROWS = 1500


@pytest.fixture
def slow_batches(settings):
    settings.IMPORT_INLINE_MAX_FEATURES = 0
    settings.IMPORT_BULK_FROM_ROWS = 500
    # Many small batches, so the write phase lasts long enough to be caught in the middle.
    settings.IMPORT_BULK_BATCH_ROWS = 10


def start_worker(media):
    from django.conf import settings

    overrides = {name: getattr(settings, name) for name in dir(settings) if name.startswith("IMPORT_")}
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.import_jobs.worker_settings",
           "WORKER_DB_NAME": connection.settings_dict["NAME"], "WORKER_MEDIA_ROOT": str(media),
           "WORKER_OVERRIDES": json.dumps(overrides)}
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_worker_killed_mid_write_leaves_nothing_and_the_job_started_again_completes(
    base_data, staff_client, slow_batches, run_worker, media
):
    preview = job_id_of(upload(staff_client, "big.csv", rows_csv(ROWS)))
    run_worker()
    page = staff_client.get(import_url("clusters_cluster_import_job", preview), HTTP_ACCEPT_LANGUAGE="en")
    job_id = job_id_of(confirm(staff_client, page.context["token"]))

    worker = start_worker(media)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            job = ImportJob.objects.get(pk=job_id)
            if 0 < job.written < job.write_total:
                break
            assert worker.poll() is None, "the worker finished before it could be killed"
            time.sleep(0.01)
        else:
            pytest.fail("the write phase never started")
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()

    killed = ImportJob.objects.get(pk=job_id)
    assert killed.status == ImportJob.Status.RUNNING and 0 < killed.written < ROWS
    assert not Cluster.objects.exists() and not Cluster.history.exists()

    # Its heartbeat goes quiet: shown as stopped, and staff start it again.
    ImportJob.objects.filter(pk=job_id).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    response = staff_client.post(import_url("clusters_cluster_import_job_restart", job_id), HTTP_ACCEPT_LANGUAGE="en")
    new_id = job_id_of(response)
    run_worker()

    new = ImportJob.objects.get(pk=new_id)
    assert new.status == ImportJob.Status.DONE and new.report["written"], new.report
    assert (new.written, new.write_total) == (ROWS, ROWS)
    assert Cluster.objects.count() == ROWS and Cluster.history.count() == ROWS
    old = ImportJob.objects.get(pk=job_id)
    assert old.status == ImportJob.Status.FAILED and str(old.restarted_as_id) == new_id


def test_a_worker_given_up_as_stopped_cannot_mark_its_job_done(base_data, staff, monkeypatch, media):
    from clusters.import_jobs import services
    from clusters.import_jobs.staging import staged_save

    token = staged_save(rows_csv(3), "small.csv", staff)
    job = ImportJob.objects.create(user=staff, token=token, filename="small.csv", kind="import")
    real_import = services.cluster_import

    def slow_worker(*args, **kwargs):
        report = real_import(*args, **kwargs)
        # Meanwhile staff saw it as stopped and started it again (import_job_restart's update).
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED)
        return report

    monkeypatch.setattr(services, "cluster_import", slow_worker)
    services.import_job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.report is None
