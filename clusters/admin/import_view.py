"""The admin's "Import clusters" page: upload, preview (a dry run), confirm.

Both steps call clusters.importing.cluster_import, the importer behind
`manage.py import_clusters`: one code path, one set of rules.
"""

import os

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.admin.import_staging import MAX_BYTES, StagedImportMissing, staged_discard, staged_load, staged_save
from clusters.importing import cluster_import
from clusters.importing.readers import SUPPORTED_SUFFIXES
from clusters.importing.service import CREATE, UNCHANGED, UPDATE


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
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB; split it into smaller files.") % {"mb": MAX_BYTES // 2**20}
            )
        return upload


def _report_context(report) -> dict:
    unit_label = _("Feature") if report.unit == "feature" else _("Row")
    by_action = {CREATE: [], UPDATE: [], UNCHANGED: []}
    for number, slug, action in report.actions:
        by_action[action].append({"number": number, "slug": slug})
    return {
        "report": report,
        "unit_label": unit_label,
        "created": by_action[CREATE],
        "updated": by_action[UPDATE],
        "unchanged": by_action[UNCHANGED],
        "has_changes": bool(by_action[CREATE] or by_action[UPDATE]),
    }


def cluster_import_view(model_admin, request):
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied
    can_publish = model_admin.has_publish_permission(request)
    opts = model_admin.model._meta
    page_url = reverse("admin:clusters_cluster_import")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Import clusters"),
        "opts": opts,
        "app_label": opts.app_label,
        "has_view_permission": model_admin.has_view_permission(request),
        "can_publish": can_publish,
        "page_url": page_url,
    }
    form = ImportUploadForm(can_publish=can_publish)

    if request.method == "POST" and "_confirm" in request.POST:
        token = request.POST.get("token", "")
        publish = can_publish and request.POST.get("publish") == "1"
        try:
            content, filename = staged_load(token, request.user)
        except StagedImportMissing:
            messages.error(request, _("That upload is no longer available (it was imported already or has "
                                      "expired). Upload the file again."))
            return HttpResponseRedirect(page_url)
        report = cluster_import(content, filename, publish=publish, user=request.user)
        if report.written:
            staged_discard(token)
            summary = report.summary
            messages.success(request, _(
                "Imported %(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged."
            ) % {"file": filename, "created": summary[CREATE], "updated": summary[UPDATE],
                 "unchanged": summary[UNCHANGED]})
            for warning in report.warnings[:20]:
                messages.warning(request, _("%(unit)s %(number)s (%(slug)s), %(field)s: %(message)s") % {
                    "unit": _report_context(report)["unit_label"], "number": warning.number,
                    "slug": warning.slug or "-", "field": warning.field, "message": warning.message})
            return HttpResponseRedirect(reverse("admin:clusters_cluster_changelist"))
        # The data changed between preview and confirm, and now a record fails: nothing was written.
        staged_discard(token)
        context.update(_report_context(report), filename=filename, token=None, publish=publish, confirm_failed=True)
    elif request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES, can_publish=can_publish)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            publish = bool(can_publish and form.cleaned_data.get("publish"))
            report = cluster_import(content, upload.name, publish=publish, dry_run=True, user=request.user)
            token = staged_save(content, upload.name, request.user) if report.ok else None
            context.update(_report_context(report), filename=upload.name, token=token, publish=publish)
    context["form"] = form
    context["media"] = model_admin.media + form.media
    return TemplateResponse(request, "admin/clusters/cluster/import.html", context)
