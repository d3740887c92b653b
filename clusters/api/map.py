"""GET /api/v1/map/clusters/: the public map's compact answer (clusters.mapdata), thin like the other views."""

from drf_spectacular.utils import extend_schema

from clusters.api import schema
from clusters.api.http import JSON, cached_response, current_language
from clusters.api.params import lang_parse
from clusters.api.views import ApiView
from clusters.filters import ClusterFilters, cluster_filters_parse
from clusters.mapdata import cluster_map_json


class MapClusterListView(ApiView):
    @extend_schema(
        operation_id="map_clusters_list",
        summary="Published clusters in the map's compact form, as columns: what markers, list and filters use",
        description=(
            "What the public map loads: at 100,000 clusters a fraction of the GeoJSON list's size. "
            "Takes the same filters as /api/v1/clusters/ (the map sends q here, so that its search is the API's); "
            "for downloads and every other field use /api/v1/clusters/."
        ),
        parameters=[*schema.CLUSTER_FILTERS, schema.LANG, schema.IF_NONE_MATCH],
        responses={
            (200, "application/json"): schema.ok(schema.MAP_ANSWER, "The matching published clusters."),
            304: schema.NOT_MODIFIED,
            (400, "application/json"): schema.BAD_REQUEST,
        },
        tags=["clusters"],
    )
    def get(self, request):
        filters = cluster_filters_parse(request.query_params)
        lang = lang_parse(request.query_params, current_language())
        # The unfiltered answer is what every visitor's page loads (searches ask with q): built once
        # for all the server's processes. Filtered answers vary with the visitor and stay per process.
        return cached_response(
            request, ("map", filters, lang), lambda: cluster_map_json(filters, lang), content_type=JSON,
            shared=filters == ClusterFilters(),
        )
