"""Import jobs: queued by the admin, run by the worker (`manage.py db_worker`).

django-tasks keeps the queue in PostgreSQL (no broker to run), and its worker
claims each task with SELECT ... FOR UPDATE SKIP LOCKED, so several workers
never run one job twice. The job row here carries what staff see.
"""

import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language

from clusters.import_jobs.digest import import_report_digest
from clusters.import_jobs.models import ImportJob
from clusters.import_jobs.progress import JobProgress
from clusters.import_jobs.selectors import import_job_stalled
from clusters.import_jobs.staging import (
    StagedImportMissing, staged_discard, staged_exists, staged_load_for, staged_seen_load, staged_seen_save,
)
from clusters.importing import cluster_import

logger = logging.getLogger(__name__)


def import_job_create(*, user, token: str, filename: str, kind: str, publish: bool = False) -> ImportJob:
    from clusters.import_jobs.tasks import import_job_task

    job = ImportJob.objects.create(
        user=user, token=token, filename=filename, kind=kind, publish=publish, language=get_language() or "",
    )
    # Queued only once the job row is committed, or the worker could look for it too early.
    transaction.on_commit(lambda: import_job_task.enqueue(str(job.pk)))
    return job


def import_job_run(job_id: str) -> None:
    """Run one queued job to its end; a job already taken (or finished) is left alone."""
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=now, heartbeat_at=now
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    progress = JobProgress(job.pk)
    # Only a job still running is ended here: one given up as stalled (and started
    # again by staff) keeps its "failed", whatever its lost worker does later.
    running = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING)
    try:
        with translation.override(job.language or None):
            try:
                content, filename = staged_load_for(job.token, job.user_id)
            except StagedImportMissing:
                report = None
            else:
                preview = job.kind == ImportJob.Kind.PREVIEW
                report = cluster_import(
                    content, filename, publish=job.publish, dry_run=preview,
                    user=job.user, progress=progress.checked, write_progress=progress.written,
                    seen=None if preview else staged_seen_load(job.token),
                )
                if preview and report.ok:
                    staged_seen_save(job.token, report.seen)
    except BaseException:
        # Never a traceback on the page: the log has it, the page says the job stopped.
        logger.exception("import job %s stopped", job_id)
        running.update(status=ImportJob.Status.FAILED, finished_at=timezone.now())
        raise
    finally:
        progress.close()
    if report is None:
        running.update(status=ImportJob.Status.FAILED, finished_at=timezone.now())
        return
    # The staged file stays only while a confirmation may still need it.
    if report.written or not report.ok:
        staged_discard(job.token)
    running.update(status=ImportJob.Status.DONE, finished_at=timezone.now(), report=import_report_digest(report))


def import_job_restart(job: ImportJob, *, user) -> ImportJob | None:
    """Start a stalled or failed job again, as a new job on the same staged file; None if that cannot be.

    The old job is marked failed first, by a conditional update, so of two
    staff pressing the button at once only one new job starts. A job whose
    staged file is gone (expired, or already imported) cannot start again.
    """
    if job.user_id != user.pk or not staged_exists(job.token):
        return None
    if job.status == ImportJob.Status.RUNNING:
        if not import_job_stalled(job):
            return None
        given_up = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.RUNNING,
                                            heartbeat_at=job.heartbeat_at)
    elif job.status == ImportJob.Status.FAILED:
        given_up = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.FAILED, restarted_as__isnull=True)
    else:
        return None
    with transaction.atomic():
        new = import_job_create(user=user, token=job.token, filename=job.filename, kind=job.kind,
                                publish=job.publish)
        if not given_up.update(status=ImportJob.Status.FAILED, finished_at=timezone.now(), restarted_as=new):
            # Someone else started it again first: this new job never reaches the queue.
            transaction.set_rollback(True)
            return None
    return new
