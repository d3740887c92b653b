"""Changelist actions: publish and unpublish (publishers only), export as CSV or GeoJSON."""

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clusters.editing import cluster_publish, cluster_unpublish
from clusters.exporting import clusters_csv, clusters_geojson


@admin.action(description=_("Publish the selected clusters"), permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    changed = cluster_publish(queryset, request.user)
    modeladmin.message_user(
        request,
        ngettext("%(count)d cluster published.", "%(count)d clusters published.", changed) % {"count": changed},
        messages.SUCCESS,
    )


@admin.action(description=_("Unpublish the selected clusters (back to draft)"), permissions=["publish"])
def unpublish_selected(modeladmin, request, queryset):
    changed = cluster_unpublish(queryset, request.user)
    modeladmin.message_user(
        request,
        ngettext("%(count)d cluster taken back to draft.", "%(count)d clusters taken back to draft.", changed)
        % {"count": changed},
        messages.SUCCESS,
    )


def _download(content: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="clusters-{stamp}.{extension}"'
    return response


@admin.action(description=_("Export the selected clusters as CSV"), permissions=["view"])
def export_csv(modeladmin, request, queryset):
    return _download(clusters_csv(queryset), "text/csv; charset=utf-8", "csv")


@admin.action(description=_("Export the selected clusters as GeoJSON"), permissions=["view"])
def export_geojson(modeladmin, request, queryset):
    return _download(clusters_geojson(queryset), "application/geo+json", "geojson")
