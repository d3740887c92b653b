"""GeoJSON of the OGC collections, built inside PostGIS and passed through unparsed.

Clusters come from the API's own builder (clusters.api.sql.cluster_features_json)
with its flat properties: GIS programs make one column per top-level property,
and the API's nested sector and governorate objects would arrive as opaque
JSON strings. OGC's `datetime`, which the API's ClusterFilters do not carry,
narrows the API's selection as a queryset, so the filters are written once.
The API has no paged or single-governorate query, so governorates are built here.
"""

from django.contrib.gis.db.models import Extent
from django.db import connection
from django.db.models import Count, Max, Min

from clusters.api.params import ClusterFilters, Page
from clusters.api.selectors import bbox_polygon, cluster_list
from clusters.api.sql import DECIMALS, cluster_features_json
from clusters.models import Governorate


def cluster_items_json(queryset, page: Page, *, page_url_prefix: str) -> bytes:
    """The JSON array of the page of `queryset` (a narrowing of cluster_list) as GeoJSON Features, by slug."""
    return cluster_features_json(ClusterFilters(), page, page_url_prefix=page_url_prefix, flat=True, queryset=queryset)


def _with_links(feature: bytes, links_json: bytes) -> bytes:
    # A Feature is one JSON object: its closing brace makes room for one more member.
    return feature[:-1] + b',"links":' + links_json + b"}"


def cluster_item_json(slug: str, *, page_url_prefix: str, links_json: bytes) -> bytes | None:
    """One published cluster as a GeoJSON Feature with `links`, or None."""
    features = cluster_items_json(cluster_list().filter(slug=slug), Page(limit=1), page_url_prefix=page_url_prefix)
    feature = features.strip()[1:-1].strip()
    return _with_links(feature, links_json) if feature else None


def governorate_queryset(bbox=None):
    queryset = Governorate.objects.order_by("iso_code")
    if bbox is not None:
        queryset = queryset.filter(boundary__intersects=bbox_polygon(bbox))
    return queryset


def _governorate_features(ids_sql: str, ids_params) -> bytes:
    # cluster_count counts published clusters only, like every count the portal shows.
    counts = cluster_list().order_by().values("governorate_id").annotate(n=Count("id"))
    counts_sql, counts_params = counts.query.sql_with_params()
    sql = f"""
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature',
            'id', g.iso_code,
            'geometry', ST_AsGeoJSON(g.boundary, {DECIMALS})::json,
            'properties', json_build_object(
                'iso_code', g.iso_code, 'name_ar', g.name_ar, 'name_en', g.name_en,
                'cluster_count', COALESCE(n.n, 0)
            )
        ) ORDER BY g.iso_code), '[]'::json)::text
        FROM clusters_governorate g
        LEFT JOIN ({counts_sql}) n ON n.governorate_id = g.id
        WHERE g.id IN ({ids_sql})"""
    with connection.cursor() as cursor:
        cursor.execute(sql, (*counts_params, *ids_params))
        (text,) = cursor.fetchone()
    return text.encode("utf-8")


def governorate_items_json(queryset, page: Page) -> bytes:
    ids_sql, ids_params = queryset[page.offset : page.offset + page.limit].values("id").query.sql_with_params()
    return _governorate_features(ids_sql, ids_params)


def governorate_item_json(iso_code: str, *, links_json: bytes) -> bytes | None:
    ids_sql, ids_params = Governorate.objects.filter(iso_code=iso_code).values("id").query.sql_with_params()
    feature = _governorate_features(ids_sql, ids_params)[1:-1].strip()
    return _with_links(feature, links_json) if feature else None


def cluster_extent() -> dict:
    """Bounding box (ST_Extent of the points) and the first and last updated_at of the published clusters."""
    return cluster_list().order_by().aggregate(bbox=Extent("location"), first=Min("updated_at"), last=Max("updated_at"))


def governorate_extent() -> dict:
    return Governorate.objects.aggregate(bbox=Extent("boundary"))
