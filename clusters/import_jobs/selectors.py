from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.import_jobs.models import ImportJob

# A job still queued after this long most likely has no worker to take it.
NO_WORKER_AFTER = timedelta(seconds=30)


def import_job_for_user(job_id, user) -> ImportJob | None:
    """The user's own job, or None: one user's uploads are not another's to watch."""
    return ImportJob.objects.filter(pk=job_id, user=user).defer("report").first()


def import_job_progress(job: ImportJob) -> dict:
    if job.status == ImportJob.Status.QUEUED:
        if timezone.now() - job.created_at > NO_WORKER_AFTER:
            message = _("Still waiting for the import worker. If this lasts, the worker may not be running: "
                        "see “Background imports” in README.")
        else:
            message = _("Waiting for the import worker…")
    elif job.status == ImportJob.Status.RUNNING:
        if job.total and job.checked >= job.total and job.kind == ImportJob.Kind.IMPORT:
            message = _("All %(total)s records checked; writing them to the database…") % {
                "total": f"{job.total:,}"}
        elif job.total:
            message = _("Checked %(checked)s of %(total)s records…") % {
                "checked": f"{job.checked:,}", "total": f"{job.total:,}"}
        else:
            message = _("Reading the file…")
    elif job.status == ImportJob.Status.DONE:
        message = _("Finished.")
    else:
        message = _("The job stopped before it finished; nothing was written. Upload the file again.")
    return {
        "status": job.status,
        "finished": job.finished,
        "checked": job.checked,
        "total": job.total,
        "message": message,
    }
