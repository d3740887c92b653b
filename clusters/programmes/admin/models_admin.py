"""The organisation, programme and support admins."""

from django.contrib import admin
from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _

from clusters.programmes.admin.base import EditedRecordAdmin, status_actions
from clusters.programmes.admin.cluster_picker import URL_NAME as PICKER_URL_NAME
from clusters.programmes.admin.cluster_picker import ClusterAutocompleteView, cluster_picker_options
from clusters.programmes.admin.forms import OrganisationForm, ProgrammeForm, SupportForm
from clusters.programmes.admin.import_view import support_import_view
from clusters.programmes.admin.inlines import SupportInlineForProgramme
from clusters.programmes.models import Organisation, Programme, Support
from clusters.programmes.services import (
    organisation_publish, organisation_save, organisation_unpublish, programme_publish, programme_save,
    programme_unpublish, support_publish, support_save, support_unpublish,
)


@admin.register(Organisation)
class OrganisationAdmin(EditedRecordAdmin):
    form = OrganisationForm
    list_display = ["name_ar", "name_en", "kind", "status", "updated_at"]
    list_display_links = ["name_ar", "name_en"]
    list_filter = ["kind", "status"]
    search_fields = ["slug", "name_ar", "name_en"]
    fields = ["name_ar", "name_en", "slug", "kind", "website", "status", "expected_version"]
    prepopulated_fields_for_new = {"slug": ("name_en",)}
    status_services = (organisation_publish, organisation_unpublish)
    actions = status_actions(organisation_publish, organisation_unpublish)

    def save_record(self, obj, form, user, expected_version, reason):
        organisation_save(obj, user=user, expected_version=expected_version, reason=reason)


@admin.register(Programme)
class ProgrammeAdmin(EditedRecordAdmin):
    form = ProgrammeForm
    inlines = [SupportInlineForProgramme]
    list_display = ["name_ar", "name_en", "start_year", "end_year", "status", "cluster_count", "updated_at"]
    list_display_links = ["name_ar", "name_en"]
    list_filter = ["status", "organisations"]
    search_fields = ["slug", "name_ar", "name_en"]
    fieldsets = [
        (None, {"fields": ["name_ar", "name_en", "slug", "organisations", "status", "expected_version"]}),
        (_("Years and budget"), {"fields": ["start_year", "end_year", "budget_amount", "budget_currency"]}),
        (_("Summary and sources"), {"fields": ["summary_ar", "summary_en", "sources"]}),
    ]
    prepopulated_fields_for_new = {"slug": ("name_en",)}
    status_services = (programme_publish, programme_unpublish)
    actions = status_actions(programme_publish, programme_unpublish)

    @admin.display(description=_("clusters"), ordering="cluster_count")
    def cluster_count(self, obj):
        return obj.cluster_count

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cluster_count=Count("support"))

    def save_record(self, obj, form, user, expected_version, reason):
        programme_save(obj, user=user, expected_version=expected_version, reason=reason,
                       organisations=form.cleaned_data.get("organisations"))


@admin.register(Support)
class SupportAdmin(EditedRecordAdmin):
    form = SupportForm
    list_display = ["programme", "cluster", "start_year", "end_year", "status", "updated_at"]
    list_filter = ["status", "programme"]
    list_select_related = ["programme", "cluster"]
    search_fields = ["programme__slug", "programme__name_ar", "programme__name_en", "cluster__slug",
                     "cluster__name_ar", "cluster__name_en"]
    fields = ["programme", "cluster", "kinds", "start_year", "end_year", "summary_ar", "summary_en",
              "enterprises_reached", "people_reached", "women_reached", "sources", "status", "expected_version"]
    status_services = (support_publish, support_unpublish)
    actions = status_actions(support_publish, support_unpublish)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cluster":
            kwargs.update(cluster_picker_options(db_field, self.admin_site))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_record(self, obj, form, user, expected_version, reason):
        support_save(obj, user=user, expected_version=expected_version, reason=reason)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="programmes_support_import"),
            # The support forms' cluster search (on this admin and on the programme form's rows).
            path("clusters/", view(ClusterAutocompleteView.as_view(admin_site=self.admin_site)),
                 name=PICKER_URL_NAME),
        ] + super().get_urls()

    def import_view(self, request):
        return support_import_view(self, request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "has_import_permission":
                         self.has_add_permission(request) and self.has_change_permission(request)}
        return super().changelist_view(request, extra_context)
