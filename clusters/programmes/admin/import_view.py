"""The support import page: upload, preview (a dry run), then confirm. The same support_import as the command."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.programmes.importing import support_import

MAX_UPLOAD = 2 * 2**20  # support tables are small; the command line takes larger files


class SupportUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"),
                           help_text=gettext_lazy("The columns of support.csv: programme, cluster, kind, start_year, "
                                                  "end_year, summary_en, summary_ar, source, and optionally "
                                                  "enterprises_reached, people_reached, women_reached."))
    publish = forms.BooleanField(label=gettext_lazy("Publish the rows written"), required=False)


def support_import_view(model_admin, request):
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied
    can_publish = model_admin.has_publish_permission(request)
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.opts,
               "title": _("Import support"), "can_publish": can_publish}
    if request.method == "POST" and "confirm" in request.POST:
        # The preview's text comes back; it is checked again in full before anything is written.
        content = request.POST.get("content", "").encode("utf-8")
        filename = request.POST.get("filename", "support.csv")[:200]
        publish = request.POST.get("publish") == "1" and can_publish
        report = support_import(content, filename, user=request.user, publish=publish)
        if report.ok:
            model_admin.message_user(request, _("Imported %(file)s: %(create)d created, %(update)d updated, "
                                                "%(unchanged)d unchanged.") % {"file": filename, **report.summary},
                                     messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:programmes_support_changelist"))
        context.update(report=report, form=SupportUploadForm(), confirm_failed=True)
        return TemplateResponse(request, "admin/programmes/support/import.html", context)
    form = SupportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than %(mb)d MB: import it with manage.py import_support.")
                           % {"mb": MAX_UPLOAD // 2**20})
        else:
            content = upload.read()
            report = support_import(content, upload.name, user=request.user, dry_run=True)
            context.update(report=report, filename=upload.name,
                           publish=form.cleaned_data["publish"] and can_publish,
                           content=content.decode("utf-8-sig", errors="replace") if report.ok else "")
    context["form"] = form
    return TemplateResponse(request, "admin/programmes/support/import.html", context)
