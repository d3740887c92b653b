"""What the organisation, programme and support admins share: the clusters' editing rules.

Status changes only through publish and unpublish (publishers only); a save
goes through the service with the version the form was opened at; the
history hides the bookkeeping columns.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from clusters.programmes.services import RecordConflict

HISTORY_HIDDEN_FIELDS = ["updated_at", "version"]


def status_actions(publish, unpublish):
    """The changelist's publish and unpublish actions, shown to publishers only."""
    @admin.action(description=gettext_lazy("Publish the selected records"), permissions=["publish"])
    def publish_selected(modeladmin, request, queryset):
        changed = publish(queryset, request.user)
        modeladmin.message_user(request, ngettext("%(count)d record published.", "%(count)d records published.",
                                                  changed) % {"count": changed}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Unpublish the selected records (back to draft)"),
                  permissions=["publish"])
    def unpublish_selected(modeladmin, request, queryset):
        changed = unpublish(queryset, request.user)
        modeladmin.message_user(request, ngettext("%(count)d record taken back to draft.",
                                                  "%(count)d records taken back to draft.", changed)
                                % {"count": changed}, messages.SUCCESS)

    return [publish_selected, unpublish_selected]


class EditedRecordAdmin(SimpleHistoryAdmin):
    """Subclasses set `save_record(obj, form, user, expected_version, reason)`, and `status_services`:
    a (publish, unpublish) tuple, and `actions = status_actions(publish, unpublish)`."""

    # The clusters' change form with its publish button, which these records share.
    change_form_template = "admin/clusters/publishing_change_form.html"

    class Media:
        css = {"all": ["clusters/admin/cluster-admin.css"]}

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(f"programmes.publish_{self.opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = ["status", "created_at", "updated_at"]
        # The slug is how pages, the API and re-imports know a record, so it stays.
        return fields + ["slug"] if obj is not None and "slug" in self.prepopulated_fields_for_new else fields

    prepopulated_fields_for_new = {}

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields_for_new if obj is None else {}

    def save_model(self, request, obj, form, change):
        reason = None
        reverted_from = getattr(request, "record_reverted_from", None)
        if reverted_from is not None:
            reason = _("Reverted to an earlier version")
        self.save_record(obj, form, request.user, form.cleaned_data.get("expected_version"), reason)

    def save_related(self, request, form, formsets, change):
        # Many-to-many fields are set by the service (save_record); inlines save through their formset.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "has_publish_permission": self.has_publish_permission(request)}
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except RecordConflict as conflict:
            self.message_user(request, str(conflict), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.record_reverted_from = version_id
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except RecordConflict as conflict:
            self.message_user(request, str(conflict), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(current, excluded_fields=HISTORY_HIDDEN_FIELDS,
                                              foreign_keys_are_objs=foreign_keys_are_objs)
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def get_urls(self):
        view = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<int:object_id>/publish/", view(self.publish_view), name=f"{name}_publish"),
            path("<int:object_id>/unpublish/", view(self.unpublish_view), name=f"{name}_unpublish"),
        ] + super().get_urls()

    def _status_view(self, request, object_id, change_status, done_message):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_publish_permission(request):
            raise PermissionDenied
        record = get_object_or_404(self.model, pk=object_id)
        change_status([record], request.user)
        self.message_user(request, done_message % {"record": record}, messages.SUCCESS)
        return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                                            args=[record.pk]))

    def publish_view(self, request, object_id):
        return self._status_view(request, object_id, self.status_services[0], _("“%(record)s” is published."))

    def unpublish_view(self, request, object_id):
        return self._status_view(request, object_id, self.status_services[1],
                                 _("“%(record)s” is back to draft and hidden from the public."))
