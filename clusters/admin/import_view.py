"""The admin's "Import clusters" page: upload, preview (a dry run), confirm.

Both steps call clusters.importing.cluster_import, the importer behind
`manage.py import_clusters`: one code path, one set of rules. A file over a
size limit is refused before it is read further. A small file is checked in
the request; a bigger one (IMPORT_INLINE_MAX_*) goes to the background worker
as a job, and the page follows it (import_jobs_view), so no request waits past
the web server's timeout.
"""

import os

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.admin.import_report import import_report_context
from clusters.import_jobs.digest import import_report_digest
from clusters.import_jobs.models import ImportJob
from clusters.import_jobs.services import import_job_create
from clusters.import_jobs.staging import (
    StagedImportMissing, staged_discard, staged_load, staged_save, staged_seen_load, staged_seen_save,
)
from clusters.importing import cluster_import
from clusters.importing.limits import ImportSize, ImportTooLarge, import_bytes_check, import_limits_check
from clusters.importing.readers import SUPPORTED_SUFFIXES
from clusters.wording import import_counts_text


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV saved as “CSV UTF-8” with a header row (slug, name_ar, name_en, sector, governorate_iso, lat, lon "
            "and more: an export from the cluster list has every column), GeoJSON, GeoPackage (.gpkg) or a zipped "
            "Shapefile (.zip)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUPPORTED_SUFFIXES)}),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish the clusters in this file"),
        required=False,
        help_text=gettext_lazy("Without this, new clusters are drafts and existing ones keep their status."),
    )

    def __init__(self, *args, can_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["publish"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = os.path.splitext(upload.name.lower())[1]
        if suffix not in SUPPORTED_SUFFIXES:
            raise forms.ValidationError(
                _("Unsupported file type “%(suffix)s”: use CSV, GeoJSON, GeoPackage or a zipped Shapefile.")
                % {"suffix": suffix or upload.name}
            )
        try:
            # Django has spooled a big upload to disk; its size is known before it is read.
            import_bytes_check(upload.size)
        except ImportTooLarge as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


def import_page_context(model_admin, request) -> dict:
    opts = model_admin.model._meta
    return {
        **model_admin.admin_site.each_context(request),
        "title": _("Import clusters"),
        "opts": opts,
        "app_label": opts.app_label,
        "has_view_permission": model_admin.has_view_permission(request),
        "can_publish": model_admin.has_publish_permission(request),
        "page_url": reverse("admin:clusters_cluster_import"),
    }


def import_permission_check(model_admin, request) -> None:
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied


def _needs_job(content: bytes, size: ImportSize | None) -> bool:
    if len(content) > getattr(settings, "IMPORT_INLINE_MAX_BYTES", 2 * 1024 * 1024):
        return True
    return size is not None and size.features > getattr(settings, "IMPORT_INLINE_MAX_FEATURES", 2000)


def _job_redirect(job: ImportJob) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:clusters_cluster_import_job", args=[job.pk]))


def _imported_messages(request, report, filename) -> None:
    messages.success(request, _("Imported %(file)s: %(counts)s.") % {
        "file": filename, "counts": import_counts_text(report.summary, written=True)})
    unit = _("Feature") if report.unit == "feature" else _("Row")
    for warning in report.warnings[:20]:
        messages.warning(request, _("%(unit)s %(number)s (%(slug)s), %(field)s: %(message)s") % {
            "unit": unit, "number": warning.number, "slug": warning.slug or "-", "field": warning.field,
            "message": warning.message})


def _confirm(request, context, can_publish):
    token = request.POST.get("token", "")
    publish = can_publish and request.POST.get("publish") == "1"
    try:
        content, filename = staged_load(token, request.user)
    except StagedImportMissing:
        messages.error(request, _("That upload is no longer available (it was imported already or has "
                                  "expired). Upload the file again."))
        return HttpResponseRedirect(context["page_url"])
    try:
        size = import_limits_check(content, filename)
    except ImportTooLarge:
        size = None  # cluster_import refuses it again below, with the message
    if size is not None and _needs_job(content, size):
        # A second click on "Confirm" follows the job the first one started.
        job = ImportJob.objects.filter(
            user=request.user, token=token, kind=ImportJob.Kind.IMPORT
        ).exclude(status=ImportJob.Status.FAILED).first()
        job = job or import_job_create(
            user=request.user, token=token, filename=filename, kind=ImportJob.Kind.IMPORT, publish=publish)
        return _job_redirect(job)
    report = cluster_import(content, filename, publish=publish, user=request.user, seen=staged_seen_load(token))
    staged_discard(token)
    if report.written:
        _imported_messages(request, report, filename)
        return HttpResponseRedirect(reverse("admin:clusters_cluster_changelist"))
    # The data changed between preview and confirm, and now a record fails: nothing was written.
    context.update(import_report_context(import_report_digest(report)), filename=filename, token=None,
                   publish=publish, confirm_failed=True)
    return None


def _preview(request, context, form, can_publish):
    upload = form.cleaned_data["file"]
    content = upload.read()
    publish = bool(can_publish and form.cleaned_data.get("publish"))
    try:
        size = import_limits_check(content, upload.name)
    except ImportTooLarge as exc:
        form.add_error("file", str(exc))
        return None
    if _needs_job(content, size):
        token = staged_save(content, upload.name, request.user)
        job = import_job_create(user=request.user, token=token, filename=upload.name,
                                kind=ImportJob.Kind.PREVIEW, publish=publish)
        return _job_redirect(job)
    report = cluster_import(content, upload.name, publish=publish, dry_run=True, user=request.user)
    token = staged_save(content, upload.name, request.user) if report.ok else None
    if token:
        staged_seen_save(token, report.seen)
    context.update(import_report_context(import_report_digest(report)), filename=upload.name, token=token,
                   publish=publish)
    return None


def cluster_import_view(model_admin, request):
    import_permission_check(model_admin, request)
    context = import_page_context(model_admin, request)
    can_publish = context["can_publish"]
    form = ImportUploadForm(can_publish=can_publish)
    response = None
    if request.method == "POST" and "_confirm" in request.POST:
        response = _confirm(request, context, can_publish)
    elif request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES, can_publish=can_publish)
        if form.is_valid():
            response = _preview(request, context, form, can_publish)
    if response is not None:
        return response
    context["form"] = form
    context["media"] = model_admin.media + form.media
    return TemplateResponse(request, "admin/clusters/cluster/import.html", context)
