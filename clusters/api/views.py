"""Thin views: parse the parameters, ask the selectors, answer with bytes and caching headers.

They are DRF APIViews only so that drf-spectacular can describe them; every
answer is a plain HttpResponse whose body PostGIS (or a small json.dumps) built.
"""

import re
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from clusters.api import schema
from clusters.api.exports import EXPORTS, cluster_export, export_filename
from clusters.api.http import (
    GEOJSON, JSON, cached_response, cluster_page_url_prefix, current_language, error_response, not_found_response,
)
from clusters.api.params import export_format_parse, simplify_parse
from clusters.constants import CLUSTER_SLUG_MAX_LENGTH, SLUG_PATTERN
from clusters.counting import cluster_count
from clusters.encoding import json_bytes
from clusters.etags import data_version
from clusters.filters import ClusterFilters, ParameterError, cluster_filters_parse, page_parse, sectors_parse
from clusters.geojson import cluster_feature_collection_sql, cluster_feature_versioned, governorate_feature_collection_sql
from clusters.models import Cluster
from clusters.programmes.selectors import support_public_records_for_cluster
from clusters.programmes.stats import cluster_stats_with_support
from clusters.selectors import sector_list_with_counts

_SLUG = re.compile(SLUG_PATTERN)


class _NoNegotiation(BaseContentNegotiation):
    """Our `format` parameter names an export, not a DRF renderer: never 404 on it."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ApiView(APIView):
    authentication_classes = []
    renderer_classes = [JSONRenderer]
    content_negotiation_class = _NoNegotiation

    def handle_exception(self, exc):
        if isinstance(exc, ParameterError):
            return error_response(exc)
        return super().handle_exception(exc)


def _page_links(request, page, matched: int) -> list[dict]:
    base = request.build_absolute_uri(request.path)
    query = [(key, value) for key, value in request.GET.items() if key not in {"limit", "offset"}]

    def link(rel: str, offset: int) -> dict:
        href = f"{base}?{urlencode(query + [('limit', page.limit), ('offset', offset)])}"
        return {"href": href, "rel": rel, "type": GEOJSON}

    links = [link("self", page.offset)]
    if page.offset + page.limit < matched:
        links.append(link("next", page.offset + page.limit))
    if page.offset > 0:
        links.append(link("prev", max(0, page.offset - page.limit)))
    return links


class ClusterListView(ApiView):
    @extend_schema(
        operation_id="clusters_list",
        summary="Published clusters as a GeoJSON FeatureCollection, or a download",
        description=(
            "Filters combine (AND); a comma-separated list matches any of its values. "
            "Parameters not listed here are ignored. Without limit every match comes in one response."
        ),
        parameters=[*schema.CLUSTER_FILTERS, schema.LIMIT, schema.OFFSET, schema.FORMAT, schema.IF_NONE_MATCH],
        responses=schema.CLUSTER_LIST_RESPONSES,
        tags=["clusters"],
    )
    def get(self, request):
        query = request.query_params
        filters = cluster_filters_parse(query)
        page = page_parse(query)
        export_format = export_format_parse(query)
        prefix = cluster_page_url_prefix(request)
        language = current_language()
        key = ("clusters", filters, page, export_format, prefix, language)

        if export_format is not None:
            return cached_response(
                request, key,
                lambda: cluster_export(export_format, filters, page, page_url_prefix=prefix, language=language),
                content_type=EXPORTS[export_format].content_type, filename=export_filename(export_format),
            )

        version = data_version()

        def build() -> bytes:
            members = None
            if page.limit is not None:
                # Counted once per data version and selection, not per request (issue 17).
                matched = cluster_count(filters, version)
                members = {
                    "numberMatched": matched,
                    "numberReturned": max(0, min(page.limit, matched - page.offset)),
                    "links": _page_links(request, page, matched),
                }
            return cluster_feature_collection_sql(filters, page, page_url_prefix=prefix, members=members)

        # The links repeat the request's own parameters, unknown ones included.
        if page.limit is not None:
            key += (sorted(request.GET.lists()),)
        return cached_response(request, key, build, content_type=GEOJSON, version=version)


class ClusterDetailView(ApiView):
    @extend_schema(
        operation_id="clusters_retrieve",
        summary="One published cluster as a GeoJSON Feature, with its footprint as a property",
        parameters=[
            OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The cluster's slug."),
            schema.IF_NONE_MATCH,
        ],
        responses={
            (200, "application/geo+json"): schema.ok(schema.CLUSTER_DETAIL, "The cluster."),
            304: schema.NOT_MODIFIED,
            (404, "application/json"): schema.OpenApiResponse(schema.ERROR, description="No published cluster has this slug."),
        },
        tags=["clusters"],
    )
    def get(self, request, slug: str):
        missing = _("No published cluster has this slug.")
        if not (len(slug) <= CLUSTER_SLUG_MAX_LENGTH and _SLUG.match(slug)):
            return not_found_response(missing)
        prefix = cluster_page_url_prefix(request)
        # PostGIS builds the Feature in one statement with the data version (issue 17): no serializer, no
        # lookup first. An ETag is only ever issued for a cluster that exists; while the data version holds
        # it still does, so a revalidation gets its 304 from the version alone, without reading the row.
        read = [] if request.META.get("HTTP_IF_NONE_MATCH") else [cluster_feature_versioned(slug, page_url_prefix=prefix)]

        def build() -> bytes | None:
            one = read[0] if read else cluster_feature_versioned(slug, page_url_prefix=prefix)
            if one.feature is None:
                return None
            support = support_public_records_for_cluster(Cluster(pk=one.cluster_id, status=Cluster.Status.PUBLISHED)) \
                if one.supported else []
            # The Feature ends with its properties' brace and its own: the support goes last in the properties.
            return one.feature[:-2] + b',"support":' + json_bytes(support) + b"}}"

        return cached_response(request, ("cluster", slug, prefix), build, content_type=GEOJSON, missing=missing,
                               version=read[0].version if read else None)


class GovernorateListView(ApiView):
    @extend_schema(
        operation_id="governorates_list",
        summary="Governorate boundaries with the number of published clusters, for a choropleth",
        parameters=[schema.SECTOR, schema.SIMPLIFY, schema.IF_NONE_MATCH],
        responses={
            (200, "application/geo+json"): schema.ok(schema.GOVERNORATE_COLLECTION, "Every governorate."),
            304: schema.NOT_MODIFIED,
            (400, "application/json"): schema.BAD_REQUEST,
        },
        tags=["governorates"],
    )
    def get(self, request):
        filters = ClusterFilters(sectors=sectors_parse(request.query_params))
        simplify = simplify_parse(request.query_params)
        return cached_response(
            request, ("governorates", filters, simplify),
            lambda: governorate_feature_collection_sql(filters, simplify), content_type=GEOJSON,
        )


class SectorListView(ApiView):
    @extend_schema(
        operation_id="sectors_list",
        summary="Every sector with the number of published clusters matching the filters",
        parameters=[*schema.CLUSTER_FILTERS, schema.IF_NONE_MATCH],
        responses={
            (200, "application/json"): schema.ok(schema.SECTOR_LIST, "Every sector, ordered by slug."),
            304: schema.NOT_MODIFIED,
            (400, "application/json"): schema.BAD_REQUEST,
        },
        tags=["sectors"],
    )
    def get(self, request):
        filters = cluster_filters_parse(request.query_params)
        return cached_response(
            request, ("sectors", filters), lambda: json_bytes(sector_list_with_counts(filters)), content_type=JSON,
        )


class StatsView(ApiView):
    @extend_schema(
        operation_id="stats_retrieve",
        summary=("Counts by sector, governorate, location precision and support, with the sums of enterprises "
                 "and employment where reported: the numbers of the statistics page"),
        parameters=[*schema.CLUSTER_FILTERS, schema.IF_NONE_MATCH],
        responses={
            (200, "application/json"): schema.ok(schema.STATS, "Statistics of the matching published clusters."),
            304: schema.NOT_MODIFIED,
            (400, "application/json"): schema.BAD_REQUEST,
        },
        tags=["stats"],
    )
    def get(self, request):
        filters = cluster_filters_parse(request.query_params)
        return cached_response(
            request, ("stats", filters), lambda: json_bytes(cluster_stats_with_support(filters)), content_type=JSON,
        )


def api_not_found(request, *args, **kwargs):
    """Anything else under /api/v1/ answers in JSON too, not with the site's HTML 404 page."""
    return not_found_response(_("There is no such API endpoint."))
