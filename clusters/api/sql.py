"""GeoJSON built inside PostGIS and handed back as bytes, never parsed in Python.

This is the fast path (the pg_featureserv/tipg way): one statement builds every
Feature with ST_AsGeoJSON and json_build_object and aggregates them with
json_agg. The WHERE clause is the ORM's own SQL for cluster_list(filters), so
the filters are written once and every value travels as a bound parameter.
"""

import json

from django.db import connection
from django.db.models import Count
from psycopg.adapt import Loader

from clusters.api.params import ClusterFilters, Page
from clusters.api.selectors import cluster_list

# RFC 7946 recommends 6 decimals (about 10 cm); more only inflates the response.
DECIMALS = 6

_UPDATED_AT = """to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""

# The properties of GET /api/v1/clusters/, in the order the issue lists them.
NESTED_PROPERTIES = f"""json_build_object(
    'slug', c.slug, 'name_ar', c.name_ar, 'name_en', c.name_en,
    'sector', json_build_object('slug', s.slug, 'name_ar', s.name_ar, 'name_en', s.name_en, 'color', s.color),
    'governorate', json_build_object('iso_code', g.iso_code, 'name_ar', g.name_ar, 'name_en', g.name_en),
    'locality_ar', c.locality_ar, 'locality_en', c.locality_en,
    'location_precision', c.location_precision,
    'enterprises', c.enterprises, 'employment', c.employment,
    'products_ar', c.products_ar, 'products_en', c.products_en,
    'updated_at', {_UPDATED_AT},
    'url', %s || c.slug || '/'
)"""

# Flat columns for the exports: GIS programs and spreadsheets want no nesting.
FLAT_COLUMNS = (
    ("slug", "c.slug"),
    ("name_ar", "c.name_ar"),
    ("name_en", "c.name_en"),
    ("sector", "s.slug"),
    ("sector_name_ar", "s.name_ar"),
    ("sector_name_en", "s.name_en"),
    ("governorate", "g.iso_code"),
    ("governorate_name_ar", "g.name_ar"),
    ("governorate_name_en", "g.name_en"),
    ("locality_ar", "c.locality_ar"),
    ("locality_en", "c.locality_en"),
    ("location_precision", "c.location_precision"),
    ("enterprises", "c.enterprises"),
    ("employment", "c.employment"),
    ("products_ar", "c.products_ar"),
    ("products_en", "c.products_en"),
    ("lon", f"round(ST_X(c.location)::numeric, {DECIMALS})"),
    ("lat", f"round(ST_Y(c.location)::numeric, {DECIMALS})"),
    ("updated_at", _UPDATED_AT),
    ("url", "%s || c.slug || '/'"),
)
FLAT_PROPERTIES = "json_build_object({})".format(
    ", ".join(f"'{name}', {expression}" for name, expression in FLAT_COLUMNS)
)



class _RawTextLoader(Loader):
    """Text as the raw UTF-8 bytes the server sent."""

    def load(self, data) -> bytes:
        return bytes(data)


_FROM = """FROM clusters_cluster c
    JOIN clusters_sector s ON s.id = c.sector_id
    JOIN clusters_governorate g ON g.id = c.governorate_id
    WHERE c.id IN ({ids})"""


def _selected_ids_sql(filters: ClusterFilters, page: Page) -> tuple[str, tuple]:
    queryset = cluster_list(filters)
    if page.limit is not None:
        queryset = queryset[page.offset : page.offset + page.limit]
    elif page.offset:
        queryset = queryset[page.offset :]
    else:
        # An IN list needs no order; json_agg orders the features.
        queryset = queryset.order_by()
    return queryset.values("id").query.sql_with_params()


def _fetch_bytes(sql: str, params) -> bytes:
    with connection.cursor() as cursor:
        # Load text as raw UTF-8 bytes: the body goes to the client untouched,
        # without a decode here and an encode again in HttpResponse.
        cursor.cursor.adapters.register_loader("text", _RawTextLoader)
        cursor.execute(sql, params)
        (body,) = cursor.fetchone()
    return bytes(body)


def cluster_features_json(
    filters: ClusterFilters, page: Page = Page(), *, page_url_prefix: str, flat: bool = False
) -> bytes:
    """The JSON array of GeoJSON Features that filters and page select, ordered by slug.

    `page_url_prefix` + slug + "/" is each feature's `url` (its public page).
    With `flat`, the properties are the export columns instead of nested objects.
    """
    ids_sql, ids_params = _selected_ids_sql(filters, page)
    geometry = "c.footprint" if filters.geometry == "footprint" else "c.location"
    properties = FLAT_PROPERTIES if flat else NESTED_PROPERTIES
    sql = f"""
        SELECT COALESCE(json_agg(t.feature ORDER BY t.slug), '[]'::json)::text FROM (
            SELECT c.slug, json_build_object(
                'type', 'Feature',
                'id', c.slug,
                'geometry', ST_AsGeoJSON({geometry}, {DECIMALS})::json,
                'properties', {properties}
            ) AS feature
            {_FROM.format(ids=ids_sql)}
        ) t"""
    return _fetch_bytes(sql, (page_url_prefix, *ids_params))


def _members(members: dict | None) -> bytes:
    if not members:
        return b""
    return json.dumps(members, ensure_ascii=False, separators=(",", ":")).encode()[1:-1] + b","


def cluster_feature_collection_sql(
    filters: ClusterFilters,
    page: Page = Page(),
    *,
    page_url_prefix: str,
    members: dict | None = None,
    flat: bool = False,
) -> bytes:
    """A FeatureCollection as bytes; `members` (e.g. numberMatched, links) go before "features"."""
    features = cluster_features_json(filters, page, page_url_prefix=page_url_prefix, flat=flat)
    return b'{"type":"FeatureCollection",' + _members(members) + b'"features":' + features + b"}"


def cluster_export_rows(filters: ClusterFilters, page: Page = Page(), *, page_url_prefix: str):
    """(column names, rows) of the flat export columns, for CSV."""
    ids_sql, ids_params = _selected_ids_sql(filters, page)
    columns = ", ".join(expression for _name, expression in FLAT_COLUMNS)
    sql = f"SELECT {columns} {_FROM.format(ids=ids_sql)} ORDER BY c.slug"
    with connection.cursor() as cursor:
        cursor.execute(sql, (page_url_prefix, *ids_params))
        rows = cursor.fetchall()
    return [name for name, _expression in FLAT_COLUMNS], rows


def governorate_feature_collection_sql(filters: ClusterFilters | None = None, simplify: float | None = None) -> bytes:
    """Governorate boundaries with cluster_count (published clusters matching the filters)."""
    counts = cluster_list(filters).order_by().values("governorate_id").annotate(n=Count("id"))
    counts_sql, counts_params = counts.query.sql_with_params()
    boundary = "ST_SimplifyPreserveTopology(g.boundary, %s)" if simplify else "g.boundary"
    sql = f"""
        SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(
            json_build_object(
                'type', 'Feature',
                'id', g.iso_code,
                'geometry', ST_AsGeoJSON({boundary}, {DECIMALS})::json,
                'properties', json_build_object(
                    'iso_code', g.iso_code, 'name_ar', g.name_ar, 'name_en', g.name_en,
                    'cluster_count', COALESCE(n.n, 0)
                )
            ) ORDER BY g.iso_code), '[]'::json))::text
        FROM clusters_governorate g
        LEFT JOIN ({counts_sql}) n ON n.governorate_id = g.id"""
    params = ((simplify,) if simplify else ()) + tuple(counts_params)
    return _fetch_bytes(sql, params)
