"""A job whose worker was killed shows as stopped, and staff can start it again; write progress shows at once."""

from datetime import timedelta

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone, translation

from clusters.import_jobs.models import ImportJob
from clusters.import_jobs.progress import JobProgress
from clusters.import_jobs.selectors import import_job_progress
from clusters.import_jobs.staging import staged_save
from tests.import_jobs.conftest import import_url


def running_job(user, *, quiet_for: timedelta, kind="import", token=None) -> ImportJob:
    beat = timezone.now() - quiet_for
    return ImportJob.objects.create(
        user=user, token=token or "0" * 32, filename="big.csv", kind=kind, status=ImportJob.Status.RUNNING,
        started_at=beat, heartbeat_at=beat, checked=100, total=100, written=2000, write_total=5000,
    )


def test_a_running_job_with_a_recent_heartbeat_shows_its_write_progress(db, staff):
    job = running_job(staff, quiet_for=timedelta(seconds=5))
    with translation.override("en"):
        state = import_job_progress(job)
    assert state["status"] == "running" and not state["finished"]
    assert (state["phase"], state["value"], state["max"]) == ("write", 2000, 5000)
    assert state["message"] == "Written 2,000 of 5,000 records…"


def test_a_job_without_a_heartbeat_for_longer_than_the_setting_shows_as_stopped(db, staff, settings):
    settings.IMPORT_JOB_STALLED_SECONDS = 120
    job = running_job(staff, quiet_for=timedelta(minutes=3))
    with translation.override("en"):
        state = import_job_progress(job)
    assert state["status"] == "stalled" and state["finished"]
    assert state["message"].startswith("The import worker has not reported for over 2 minutes")
    assert "Nothing was written" in state["message"]
    settings.IMPORT_JOB_STALLED_SECONDS = 600
    assert import_job_progress(job)["status"] == "running"


def test_staff_start_a_stalled_job_again_once(db, staff, staff_client, django_capture_on_commit_callbacks):
    token = staged_save(b"slug\n", "big.csv", staff)
    job = running_job(staff, quiet_for=timedelta(hours=1), token=token)
    page = staff_client.get(import_url("clusters_cluster_import_job", job.pk), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200 and "has not reported for over 5 minutes" in html
    restart = import_url("clusters_cluster_import_job_restart", job.pk)
    assert f'action="{restart}"' in html and "Start the job again" in html
    assert staff_client.get(restart).status_code == 405

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = staff_client.post(restart, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and len(queued) == 1
    job.refresh_from_db()
    new = job.restarted_as
    assert job.status == ImportJob.Status.FAILED and new is not None
    assert (new.status, new.kind, new.token, new.user) == ("queued", "import", token, staff)
    assert response["Location"] == import_url("clusters_cluster_import_job", new.pk)

    # The old page now points to the new job, and a second press starts nothing.
    page = staff_client.get(import_url("clusters_cluster_import_job", job.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert import_url("clusters_cluster_import_job", new.pk) in page.content.decode()
    staff_client.post(restart, HTTP_ACCEPT_LANGUAGE="en")
    assert ImportJob.objects.count() == 2


def test_a_job_still_beating_cannot_be_started_again(db, staff, staff_client):
    token = staged_save(b"slug\n", "big.csv", staff)
    job = running_job(staff, quiet_for=timedelta(seconds=5), token=token)
    response = staff_client.post(import_url("clusters_cluster_import_job_restart", job.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/")
    assert ImportJob.objects.count() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING


@pytest.mark.django_db(transaction=True)
def test_write_progress_is_seen_while_the_import_transaction_is_open(staff):
    job = ImportJob.objects.create(user=staff, token="0" * 32, filename="big.csv", kind="import",
                                   status=ImportJob.Status.RUNNING)
    progress = JobProgress(job.pk)
    watcher = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with transaction.atomic():
            progress.written(1000, 5000)
            # The page's request is another connection: it sees the count before the import commits.
            with watcher.cursor() as cursor:
                cursor.execute(f"SELECT written, write_total, heartbeat_at IS NOT NULL FROM "
                               f"{ImportJob._meta.db_table} WHERE id = %s", [job.pk])
                assert cursor.fetchone() == (1000, 5000, True)
    finally:
        progress.close()
        watcher.close()
