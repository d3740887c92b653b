"""What the progress JSON says at each stage of a job, in the staff member's language."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from clusters.import_jobs.models import ImportJob
from clusters.import_jobs.selectors import import_job_progress


@pytest.mark.parametrize("fields, message", [
    ({"status": "queued"}, "Waiting for the import worker…"),
    ({"status": "running"}, "Reading the file…"),
    ({"status": "running", "checked": 500, "total": 1200}, "Checked 500 of 1,200 records…"),
    ({"status": "running", "checked": 1200, "total": 1200, "kind": "import"},
     "All 1,200 records checked; writing them to the database…"),
    ({"status": "done", "checked": 1200, "total": 1200}, "Finished."),
    ({"status": "failed"}, "The job stopped before it finished; nothing was written. Upload the file again."),
])
def test_progress_messages(db, staff, fields, message):
    job = ImportJob.objects.create(user=staff, token="0" * 32, filename="x.csv", kind=fields.pop("kind", "preview"),
                                   **fields)
    with translation.override("en"):
        state = import_job_progress(job)
    assert state["message"] == message
    assert state["finished"] == (job.status in ("done", "failed"))


def test_a_job_left_waiting_says_the_worker_may_not_be_running(db, staff):
    job = ImportJob.objects.create(user=staff, token="0" * 32, filename="x.csv", kind="preview")
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    job.refresh_from_db()
    with translation.override("en"):
        assert "the worker may not be running" in import_job_progress(job)["message"]
