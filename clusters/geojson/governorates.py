"""Governorate boundaries as GeoJSON, built in PostGIS: one builder for the API and OGC alike.

cluster_count counts published clusters only (matching the filters when
given), like every count the portal shows.
"""

from django.db.models import Count

from clusters.constants import DECIMALS
from clusters.filters import ClusterFilters
from clusters.geojson.pieces import fetch_bytes
from clusters.selectors import cluster_list


def governorate_features_json(
    filters: ClusterFilters | None = None, *, simplify: float | None = None, queryset=None,
    srid: int | None = None, lat_lon: bool = False,
) -> bytes:
    """The JSON array of governorate Features ordered by ISO code.

    `queryset` (e.g. governorate_list(bbox), possibly sliced for a page)
    narrows which governorates; `simplify` is a tolerance in degrees.
    `srid` (with `lat_lon` for latitude-first axes) transforms the boundaries in PostGIS.
    """
    counts = cluster_list(filters).order_by().values("governorate_id").annotate(n=Count("id"))
    counts_sql, counts_params = counts.query.sql_with_params()
    boundary = "ST_SimplifyPreserveTopology(g.boundary, %s)" if simplify else "g.boundary"
    decimals = DECIMALS
    if srid is not None:
        boundary = f"ST_Transform({boundary}, %s::integer)"
        boundary = f"ST_FlipCoordinates({boundary})" if lat_lon else boundary
        decimals = DECIMALS if srid == 4326 else 3  # metres: millimetres are plenty
    where, where_params = "", ()
    if queryset is not None:
        ids_sql, where_params = queryset.values("id").query.sql_with_params()
        where = f"WHERE g.id IN ({ids_sql})"
    sql = f"""
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature',
            'id', g.iso_code,
            'geometry', ST_AsGeoJSON({boundary}, {decimals})::json,
            'properties', json_build_object(
                'iso_code', g.iso_code, 'name_ar', g.name_ar, 'name_en', g.name_en,
                'cluster_count', COALESCE(n.n, 0)
            )
        ) ORDER BY g.iso_code), '[]'::json)::text
        FROM clusters_governorate g
        LEFT JOIN ({counts_sql}) n ON n.governorate_id = g.id
        {where}"""
    params = ((simplify,) if simplify else ()) + ((srid,) if srid is not None else ()) + tuple(counts_params) + tuple(where_params)
    return fetch_bytes(sql, params)


def governorate_feature_collection_sql(filters: ClusterFilters | None = None, simplify: float | None = None) -> bytes:
    """Every governorate as a FeatureCollection, with cluster_count of the clusters matching the filters."""
    return b'{"type":"FeatureCollection","features":' + governorate_features_json(filters, simplify=simplify) + b"}"
