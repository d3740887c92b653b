from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusters.import_jobs.models import ImportJob

# A job still queued after this long most likely has no worker to take it.
NO_WORKER_AFTER = timedelta(seconds=30)


def stalled_after() -> timedelta:
    """How long a running job may go without a heartbeat before it counts as stopped.

    The worker beats at least every 500 records checked and every batch written
    (a few seconds each); reading a big file is the longest quiet stretch.
    """
    return timedelta(seconds=int(getattr(settings, "IMPORT_JOB_STALLED_SECONDS", 300)))


def import_job_stalled(job: ImportJob, now=None) -> bool:
    """A running job whose worker has gone quiet for longer than stalled_after(): killed, most likely."""
    if job.status != ImportJob.Status.RUNNING:
        return False
    last = job.heartbeat_at or job.started_at or job.created_at
    return (now or timezone.now()) - last > stalled_after()


def import_job_for_user(job_id, user) -> ImportJob | None:
    """The user's own job, or None: one user's uploads are not another's to watch."""
    return ImportJob.objects.filter(pk=job_id, user=user).defer("report").first()


def import_job_progress(job: ImportJob) -> dict:
    stalled = import_job_stalled(job)
    if job.status == ImportJob.Status.QUEUED:
        if timezone.now() - job.created_at > NO_WORKER_AFTER:
            message = _("Still waiting for the import worker. If this lasts, the worker may not be running: "
                        "see “Background imports” in README.")
        else:
            message = _("Waiting for the import worker…")
    elif stalled:
        minutes = max(1, round(stalled_after().total_seconds() / 60))
        message = ngettext(
            "The import worker has not reported for over %(minutes)s minute: it was most likely stopped. "
            "Nothing was written. Start the job again, or upload the file again.",
            "The import worker has not reported for over %(minutes)s minutes: it was most likely stopped. "
            "Nothing was written. Start the job again, or upload the file again.",
            minutes,
        ) % {"minutes": minutes}
    elif job.status == ImportJob.Status.RUNNING:
        if job.write_total and job.kind == ImportJob.Kind.IMPORT:
            message = _("Written %(written)s of %(total)s records…") % {
                "written": f"{job.written:,}", "total": f"{job.write_total:,}"}
        elif job.total and job.checked >= job.total and job.kind == ImportJob.Kind.IMPORT:
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
    writing = job.kind == ImportJob.Kind.IMPORT and job.write_total > 0
    return {
        # "stalled" is not stored: it is what a running job with a silent worker is.
        "status": "stalled" if stalled else job.status,
        "finished": job.finished or stalled,
        "phase": "write" if writing else "check",
        "checked": job.checked,
        "total": job.total,
        "written": job.written,
        "write_total": job.write_total,
        # What the progress bar shows: the check, then the writing.
        "value": job.written if writing else job.checked,
        "max": job.write_total if writing else job.total,
        "message": message,
    }
