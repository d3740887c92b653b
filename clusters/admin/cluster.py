"""ClusterAdmin: the list staff work from, the form with its maps, and the extra admin pages."""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.gis.db.models.functions import AsGeoJSON
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from leaflet.admin import LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from clusters.admin.actions import export_csv, export_geojson, publish_selected, unpublish_selected
from clusters.admin.forms import ClusterAdminForm
from clusters.admin.history import ClusterHistoryHelper, history_delta_changes_set
from clusters.admin.import_jobs_view import import_job_urls
from clusters.admin.import_view import cluster_import_view
from clusters.duplicates import cluster_duplicate_names, duplicate_names_message
from clusters.editing import PUBLISH_PERMISSION, ClusterConflict, cluster_publish, cluster_save, cluster_unpublish
from clusters.history_reasons import RESTORED, history_reason, history_reason_reverted
from clusters.models import Cluster, Governorate
from clusters.programmes.admin import SupportInlineForCluster
from clusters.text import normalize_text

MAX_SEARCH_LENGTH = 300  # as the API's q
# Django 5.2's Arabic admin catalog translates this "changed" message as "added" (نجحت إضافة). Our
# catalog (LOCALE_PATHS) comes first, so carrying the msgid here lets a correct translation win on every
# change form.
DJANGO_CATALOG_FIXES = [gettext_noop("The {name} “{obj}” was changed successfully.")]


def _plain_number(value) -> bool:
    # str.isdigit() alone accepts "²" and "١", which int() and the database refuse: a 500.
    value = str(value)
    return value.isascii() and value.isdigit()


@admin.register(Cluster)
class ClusterAdmin(LeafletGeoAdminMixin, SimpleHistoryAdmin):
    form = ClusterAdminForm
    # The slug tells apart two clusters of the same name.
    list_display = [
        "name_ar", "name_en", "slug", "sector", "governorate", "status", "location_precision", "updated_at",
    ]
    list_display_links = ["name_ar", "name_en"]
    list_filter = ["sector", "governorate", "status", "location_precision"]
    list_select_related = ["sector", "governorate"]
    list_per_page = 50
    # The box needs a search field to show; get_search_results does the real matching.
    search_fields = ["slug"]
    search_help_text = gettext_lazy(
        "Arabic or English names, places and products; hamza, ta marbuta and case do not matter."
    )
    actions = [publish_selected, unpublish_selected, export_csv, export_geojson]
    # Who supports this cluster (issue 12), saved through the support service.
    inlines = [SupportInlineForCluster]
    fieldsets = [
        (None, {"fields": ["name_ar", "name_en", "slug", "aliases", "status", "expected_version"]}),
        (gettext_lazy("Place"), {
            "fields": ["governorate", "location", "location_precision", "footprint", "locality_ar", "locality_en"],
        }),
        (gettext_lazy("What is made there"), {
            "fields": ["sector", "products_ar", "products_en", "enterprises", "employment"],
        }),
        (gettext_lazy("Description and sources"), {"fields": ["description_ar", "description_en", "sources"]}),
        (gettext_lazy("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    @property
    def media(self):
        # A property rather than class Media (which a media property replaces): our JavaScript catalog's
        # URL has the language prefix, so it is reversed per request. Leaflet.draw's strings come from it.
        return super().media + forms.Media(
            css={"all": ["clusters/admin/cluster-admin.css"]},
            js=["clusters/admin/cluster-map.js", reverse("javascript-catalog"), "clusters/admin/draw-locale.js"],
        )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            # Nothing to show about a record that does not exist yet.
            return self.fieldsets[:-1]
        return self.fieldsets

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def get_readonly_fields(self, request, obj=None):
        # Status changes only through the publish and unpublish actions; a slug
        # is how the API, the map and re-imports know a cluster, so it stays.
        fields = ["status", "created_at", "updated_at"]
        return fields + ["slug"] if obj is not None else fields

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ("name_en",)} if obj is None else {}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "governorate":
            # The select needs names only; 27 multipolygons would slow every form down.
            kwargs["queryset"] = Governorate.objects.defer("boundary")
            kwargs["widget"] = forms.Select(attrs={
                "data-boundary-url": reverse("admin:clusters_cluster_governorate_boundary"),
                # All governorates, drawn faintly under the maps (cluster-map.js).
                "data-governorates-url": reverse("api:governorate_list") + "?simplify=0.01",
            })
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # The API's matching: fold the text, then every term must appear.
        terms = dict.fromkeys(normalize_text(search_term[:MAX_SEARCH_LENGTH]).split())
        for term in terms:
            queryset = queryset.filter(Q(search_text__contains=term) | Q(slug__contains=term))
        return queryset, False

    def save_model(self, request, obj, form, change):
        reverted_from = getattr(request, "cluster_reverted_from", None)
        # A code, so the history shows it in each reader's language (clusters.history_reasons).
        reason = history_reason_reverted(reverted_from.history_date) if reverted_from is not None else None
        if getattr(request, "cluster_restoring", False):
            reason = history_reason(RESTORED)
        placement = cluster_save(
            obj, user=request.user, expected_version=form.cleaned_data.get("expected_version"), reason=reason
        )
        # The form already asked cluster_place, so only it knows the governorate was empty.
        if form.placement is not None and form.placement.filled:
            self.message_user(request, _("The governorate was filled in from the point: %(governorate)s.")
                              % {"governorate": placement.governorate}, messages.INFO)
        for _field, warning in placement.warnings:
            self.message_user(request, warning, messages.WARNING)
        duplicates = cluster_duplicate_names([(obj.slug, obj.name_ar, obj.name_en)])
        if obj.slug in duplicates:
            self.message_user(request, duplicate_names_message(duplicates[obj.slug]), messages.WARNING)

    def view_on_site(self, obj):
        # The public page; for a draft, staff see it there with a "not public" banner (maps.views).
        return reverse("maps:cluster_detail", kwargs={"slug": obj.slug})

    def response_change(self, request, obj):
        reverted_from = getattr(request, "cluster_reverted_from", None)
        if reverted_from is None:
            return super().response_change(request, obj)
        # Django's own message here reads "added" in its Arabic catalog; a revert is a change.
        when = formats.date_format(timezone.localtime(reverted_from.history_date), "DATETIME_FORMAT")
        self.message_user(request, _("“%(cluster)s” was changed back to the version of %(date)s.")
                          % {"cluster": obj, "date": when}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:clusters_cluster_change", args=[obj.pk]))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "has_publish_permission": self.has_publish_permission(request)}
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ClusterConflict as conflict:
            # Another save won between the form's check and ours; the transaction was rolled back.
            self.message_user(request, str(conflict), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_view(self, request, object_id, extra_context=None):
        if not _plain_number(object_id):
            # As Django's change view does for a missing object; a ValueError deeper down was a 500.
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (_plain_number(object_id) and _plain_number(version_id)):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        # save_model names the restored version in the change reason.
        request.cluster_reverted_from = (
            Cluster.history.filter(id=object_id, history_id=version_id).only("history_date").first()
        )
        # A deleted cluster: saving this form brings it back (clusters.editing), and the history says so.
        request.cluster_restoring = not Cluster.objects.filter(pk=object_id).exists()
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except ClusterConflict as conflict:
            self.message_user(request, str(conflict), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_import_permission": self.has_add_permission(request) and self.has_change_permission(request),
        }
        return super().changelist_view(request, extra_context)

    # The history page in the viewer's language: clusters/admin/history.py.
    object_history_list_template = "admin/clusters/cluster/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ClusterHistoryHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        history_delta_changes_set(self, request, historical_records, foreign_keys_are_objs)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="clusters_cluster_import"),
            *import_job_urls(self),
            path("governorate-boundary/", view(self.governorate_boundary_view),
                 name="clusters_cluster_governorate_boundary"),
            path("<int:object_id>/publish/", view(self.publish_view), name="clusters_cluster_publish"),
            path("<int:object_id>/unpublish/", view(self.unpublish_view), name="clusters_cluster_unpublish"),
        ] + super().get_urls()

    def import_view(self, request):
        return cluster_import_view(self, request)

    def governorate_boundary_view(self, request):
        """One governorate's boundary as GeoJSON, for the form's maps."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        raw = request.GET.get("id", "")
        if not _plain_number(raw):
            return JsonResponse(
                {"error": _("Give the governorate's id as a number."), "parameter": "id"}, status=400
            )
        row = (Governorate.objects.filter(pk=int(raw))
               .annotate(geojson=AsGeoJSON("boundary", precision=5))
               .values("iso_code", "geojson").first())
        if row is None:
            return JsonResponse({"error": _("No such governorate."), "parameter": "id"}, status=404)
        # PostGIS wrote the geometry; it goes out as text, unparsed.
        properties = json.dumps({"iso_code": row["iso_code"]})
        body = '{"type": "Feature", "properties": ' + properties + ', "geometry": ' + row["geojson"] + "}"
        return HttpResponse(body, content_type="application/geo+json")

    def _status_view(self, request, object_id, change_status, done_message):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_publish_permission(request):
            raise PermissionDenied
        cluster = get_object_or_404(Cluster, pk=object_id)
        change_status([cluster], request.user)
        self.message_user(request, done_message % {"cluster": cluster}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:clusters_cluster_change", args=[cluster.pk]))

    def publish_view(self, request, object_id):
        return self._status_view(request, object_id, cluster_publish, _("“%(cluster)s” is published."))

    def unpublish_view(self, request, object_id):
        return self._status_view(request, object_id, cluster_unpublish,
                                 _("“%(cluster)s” is back to draft and hidden from the public."))
