"""The "Contributions" section of the staff workspace: read what visitors sent, then accept, reject or mark duplicate.

Thin: every decision is a service call (clusters.contributions.services).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.contributions.models import Contribution
from clusters.contributions.services import (
    contribution_accept_correction,
    contribution_accept_missing,
    contribution_mark_duplicate,
    contribution_reject,
)
from clusters.editing import PUBLISH_PERMISSION


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "status", "subject", "governorate", "field"]
    list_display_links = ["created_at", "subject"]
    list_filter = ["status", "kind", "governorate", "created_at"]
    list_select_related = ["cluster", "governorate"]
    date_hierarchy = "created_at"
    list_per_page = 50
    search_fields = ["name", "place", "message", "products", "cluster__name_ar", "cluster__name_en"]
    fieldsets = [
        (None, {"fields": ["kind", "status", "created_at", "language"]}),
        (gettext_lazy("Correction"), {"fields": ["cluster_link", "field", "message"]}),
        (gettext_lazy("Missing cluster"), {"fields": ["name", "sector", "governorate", "place", "point",
                                                        "products"]}),
        (gettext_lazy("Source and contact"), {
            "fields": ["source_text", "contact_email", "email_deleted_at"],
            "description": gettext_lazy("The contact email is for staff only; it is deleted automatically "
                                        "after the retention period."),
        }),
        (gettext_lazy("Review"), {"fields": ["reviewed_by", "reviewed_at", "review_reason",
                                             "created_cluster_link"]}),
    ]
    readonly_fields = [
        "kind", "status", "created_at", "language", "cluster_link", "field", "message", "name", "sector",
        "governorate", "place", "point", "products", "source_text", "contact_email", "email_deleted_at",
        "reviewed_by", "reviewed_at", "review_reason", "created_cluster_link",
    ]

    class Media:
        css = {"all": ["contributions/admin/review.css"]}

    @admin.display(description=gettext_lazy("about"))
    def subject(self, obj):
        return str(obj)

    @admin.display(description=gettext_lazy("cluster"))
    def cluster_link(self, obj):
        if obj.cluster_id is None:
            return "-"
        # With the suggestion shown beside the cluster's form.
        url = reverse("admin:clusters_cluster_change", args=[obj.cluster_id]) + f"?contribution={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.cluster)

    @admin.display(description=gettext_lazy("draft cluster made from it"))
    def created_cluster_link(self, obj):
        if obj.created_cluster_id is None:
            return "-"
        url = reverse("admin:clusters_cluster_change", args=[obj.created_cluster_id])
        return format_html('<a href="{}">{}</a>', url, obj.created_cluster)

    @admin.display(description=gettext_lazy("point picked on the map"))
    def point(self, obj):
        if obj.location is None:
            return "-"
        return _("latitude %(lat).5f, longitude %(lon).5f") % {"lat": obj.location.y, "lon": obj.location.x}

    @admin.display(description=gettext_lazy("source link"))
    def source_text(self, obj):
        # Shown as text, not a link: a visitor's address is checked before anyone opens it.
        return obj.source_url or "-"

    def has_add_permission(self, request):
        # Contributions come only from visitors' forms.
        return False

    def has_review_permission(self, request):
        return request.user.has_perm("contributions.change_contribution")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        contribution = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "can_review": contribution is not None and contribution.status == Contribution.Status.NEW
            and self.has_review_permission(request),
            "can_publish": request.user.has_perm(PUBLISH_PERMISSION),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:object_id>/accept/", view(self.accept_view), name="contributions_contribution_accept"),
            path("<int:object_id>/reject/", view(self.reject_view), name="contributions_contribution_reject"),
            path("<int:object_id>/duplicate/", view(self.duplicate_view),
                 name="contributions_contribution_duplicate"),
        ] + super().get_urls()

    def _change_url(self, contribution):
        return reverse("admin:contributions_contribution_change", args=[contribution.pk])

    def accept_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_review_permission(request):
            raise PermissionDenied
        contribution = get_object_or_404(Contribution, pk=object_id)
        try:
            if contribution.kind == Contribution.Kind.MISSING:
                cluster = contribution_accept_missing(contribution.pk, request.user)
                self.message_user(request, _(
                    "Accepted: the draft cluster “%(cluster)s” was made from it. Check it, then a publisher "
                    "publishes it.") % {"cluster": cluster}, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:clusters_cluster_change", args=[cluster.pk]))
            contribution_accept_correction(contribution.pk, request.user)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(self._change_url(contribution))
        self.message_user(request, _("Accepted: make the correction in the form; the suggestion is shown "
                                     "beside it."), messages.SUCCESS)
        url = reverse("admin:clusters_cluster_change", args=[contribution.cluster_id])
        return HttpResponseRedirect(f"{url}?contribution={contribution.pk}")

    def _reason_view(self, request, object_id, *, duplicate: bool):
        if not self.has_review_permission(request):
            raise PermissionDenied
        contribution = get_object_or_404(Contribution, pk=object_id)
        form = ReasonForm(request.POST or None)
        if duplicate:
            form.fields["reason"].required = False
            form.fields["reason"].label = _("Duplicate of (optional)")
        if request.method == "POST" and form.is_valid():
            try:
                if duplicate:
                    contribution_mark_duplicate(contribution.pk, request.user, form.cleaned_data["reason"])
                    done = _("Marked as a duplicate.")
                else:
                    contribution_reject(contribution.pk, request.user, form.cleaned_data["reason"])
                    done = _("Rejected.")
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.ERROR)
            else:
                self.message_user(request, done, messages.SUCCESS)
            return HttpResponseRedirect(self._change_url(contribution))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": contribution,
            "form": form,
            "duplicate": duplicate,
            "title": _("Mark as a duplicate") if duplicate else _("Reject this contribution"),
        }
        return TemplateResponse(request, "admin/contributions/contribution/reason.html", context)

    def reject_view(self, request, object_id):
        return self._reason_view(request, object_id, duplicate=False)

    def duplicate_view(self, request, object_id):
        return self._reason_view(request, object_id, duplicate=True)
