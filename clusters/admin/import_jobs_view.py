"""The page that follows an import job, and the JSON it polls for progress.

While the worker runs the job the page shows a progress bar, kept up to date
by a small static script (no inline script: the CSP forbids it); when the job
ends the page reloads and shows the report as the in-request preview does.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from clusters.admin.import_report import import_report_context
from clusters.admin.import_view import ImportUploadForm, import_page_context, import_permission_check
from clusters.import_jobs.models import ImportJob
from clusters.import_jobs.selectors import import_job_for_user, import_job_progress
from clusters.import_jobs.services import import_job_restart
from clusters.import_jobs.staging import staged_exists


def import_job_view(model_admin, request, job_id):
    import_permission_check(model_admin, request)
    job = import_job_for_user(job_id, request.user)
    if job is None:
        raise Http404(_("No such import job."))
    context = import_page_context(model_admin, request)
    progress = import_job_progress(job)
    context.update(
        job=job,
        progress=progress,
        progress_url=reverse("admin:clusters_cluster_import_job_progress", args=[job.pk]),
        filename=job.filename,
        publish=job.publish,
    )
    if progress["status"] in ("failed", "stalled"):
        if job.restarted_as_id:
            context["restarted_url"] = reverse("admin:clusters_cluster_import_job", args=[job.restarted_as_id])
        elif staged_exists(job.token):
            context["restart_url"] = reverse("admin:clusters_cluster_import_job_restart", args=[job.pk])
    if job.status == ImportJob.Status.DONE:
        job.refresh_from_db(fields=["report"])
        context.update(import_report_context(job.report or {}))
        if job.kind == ImportJob.Kind.PREVIEW:
            ok = bool(job.report and job.report.get("ok"))
            context["token"] = job.token if ok and staged_exists(job.token) else None
        elif job.report and job.report.get("written"):
            context["imported"] = True
        else:
            context["confirm_failed"] = True
    form = ImportUploadForm(can_publish=context["can_publish"])
    context["form"] = form
    context["media"] = model_admin.media + form.media
    return TemplateResponse(request, "admin/clusters/cluster/import.html", context)


def import_job_progress_view(model_admin, request, job_id):
    import_permission_check(model_admin, request)
    job = import_job_for_user(job_id, request.user)
    if job is None:
        return JsonResponse({"parameter": "job", "error": _("No such import job.")}, status=404)
    response = JsonResponse(import_job_progress(job))
    response["Cache-Control"] = "no-store"
    return response


def import_job_restart_view(model_admin, request, job_id):
    """Start a stalled or failed job again on its staged file (POST only: it queues work)."""
    import_permission_check(model_admin, request)
    job = import_job_for_user(job_id, request.user)
    if job is None:
        raise Http404(_("No such import job."))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    new = import_job_restart(job, user=request.user)
    if new is None:
        messages.error(request, _("This job cannot be started again: it is still running, was started again "
                                  "already, or its file is gone. Upload the file again."))
        return HttpResponseRedirect(reverse("admin:clusters_cluster_import_job", args=[job.pk]))
    return HttpResponseRedirect(reverse("admin:clusters_cluster_import_job", args=[new.pk]))


def import_job_urls(model_admin) -> list:
    view = model_admin.admin_site.admin_view
    return [
        path("import/jobs/<uuid:job_id>/", view(lambda request, job_id: import_job_view(model_admin, request, job_id)),
             name="clusters_cluster_import_job"),
        path("import/jobs/<uuid:job_id>/progress/",
             view(lambda request, job_id: import_job_progress_view(model_admin, request, job_id)),
             name="clusters_cluster_import_job_progress"),
        path("import/jobs/<uuid:job_id>/restart/",
             view(lambda request, job_id: import_job_restart_view(model_admin, request, job_id)),
             name="clusters_cluster_import_job_restart"),
    ]
