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
from clusters.import_jobs.staging import StagedImportMissing, staged_discard, staged_load_for
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


def _progress(job_id):
    def report(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(checked=done, total=total)

    return report


def import_job_run(job_id: str) -> None:
    """Run one queued job to its end; a job already taken (or finished) is left alone."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    try:
        with translation.override(job.language or None):
            try:
                content, filename = staged_load_for(job.token, job.user_id)
            except StagedImportMissing:
                report = None
            else:
                report = cluster_import(
                    content, filename, publish=job.publish, dry_run=job.kind == ImportJob.Kind.PREVIEW,
                    user=job.user, progress=_progress(job.pk),
                )
    except BaseException:
        # Never a traceback on the page: the log has it, the page says the job stopped.
        logger.exception("import job %s stopped", job_id)
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED, finished_at=timezone.now())
        raise
    if report is None:
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED, finished_at=timezone.now())
        return
    # The staged file stays only while a confirmation may still need it.
    if report.written or not report.ok:
        staged_discard(job.token)
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.DONE, finished_at=timezone.now(), report=import_report_digest(report),
    )
