"""Sectors and governorates: the reference lists clusters point to."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from clusters.models import Governorate, Sector
from clusters.services import cluster_refresh_search_text
from clusters.text import normalize_text


class _ClusterCountMixin:
    @admin.display(description=_("clusters"), ordering="cluster_count")
    def cluster_count(self, obj):
        return obj.cluster_count

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cluster_count=Count("clusters"))

    def get_search_results(self, request, queryset, search_term):
        # Folded on both sides, so "اسيوط" finds "أسيوط".
        for term in dict.fromkeys(normalize_text(search_term[:300]).split()):
            matches = [obj.pk for obj in queryset.only(*self.folded_fields)
                       if term in normalize_text(" ".join(getattr(obj, f) or "" for f in self.folded_fields))]
            queryset = queryset.filter(pk__in=matches)
        return queryset, False


@admin.register(Sector)
class SectorAdmin(_ClusterCountMixin, admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "slug", "color", "cluster_count"]
    search_fields = ["slug"]
    folded_fields = ["slug", "name_ar", "name_en"]
    prepopulated_fields = {"slug": ("name_en",)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Clusters are found by their sector's names too (Cluster.search_text).
        if change and {"name_ar", "name_en"} & set(form.changed_data):
            cluster_refresh_search_text(obj.clusters.all())


class GovernorateAdminForm(forms.ModelForm):
    class Meta:
        model = Governorate
        fields = "__all__"

    def _get_validation_exclusions(self):
        # See ClusterAdminForm: Django cannot check the boundary__isvalid constraint in Python.
        return super()._get_validation_exclusions() | {"boundary"}


@admin.register(Governorate)
class GovernorateAdmin(_ClusterCountMixin, LeafletGeoAdmin):
    form = GovernorateAdminForm
    list_display = ["name_ar", "name_en", "iso_code", "cluster_count"]
    search_fields = ["iso_code"]
    folded_fields = ["iso_code", "name_ar", "name_en", "aliases"]
    # Boundaries come from egygeo through `manage.py load_governorates --update`;
    # hand-editing a multipolygon of thousands of vertices in a browser does more harm than good.
    modifiable = False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Clusters are found by their governorate's names too (Cluster.search_text).
        if change and {"name_ar", "name_en", "aliases"} & set(form.changed_data):
            cluster_refresh_search_text(obj.clusters.all())

