"""GeoJSON built inside PostGIS and handed back as bytes, never parsed in Python.

This is the fast path (the pg_featureserv/tipg way): one statement builds every
Feature with ST_AsGeoJSON and aggregates them. The WHERE clause is the ORM's
own SQL for cluster_list(filters), so the filters are written once and every
value travels as a bound parameter.

Each Feature is one concat() of JSON pieces rather than nested
json_build_object calls: on PostgreSQL 15 (Debian 12) json_build_object looks up
the output function of every argument on every row, which made it twice as
slow for 10,000 features (bench/api_geojson.py). Free text goes through
to_json, which escapes it; slugs, ISO codes, colours and choices are held to
safe characters by CHECK constraints, so they are quoted as they are.
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


class _Json(str):
    """A piece of JSON text known when the statement is written."""


def _text(expression: str) -> list:
    return [f"to_json({expression})"]


def _checked(expression: str) -> list:
    # Only for columns whose CHECK constraint (or format) leaves nothing to escape.
    return [_Json('"'), expression, _Json('"')]


def _number(expression: str) -> list:
    return [f"coalesce(({expression})::text, 'null')"]


def _url() -> list:
    # The prefix arrives as a parameter already JSON-quoted: "https://host/ar/clusters/
    return ["%s::text", "c.slug", _Json('/"')]


def _object(members: list[tuple[str, list]]) -> list:
    pieces = []
    for index, (key, value) in enumerate(members):
        pieces.append(_Json(("{" if index == 0 else ",") + json.dumps(key) + ":"))
        pieces.extend(value)
    pieces.append(_Json("}"))
    return pieces


def _concat(pieces: list) -> str:
    merged = []
    for piece in pieces:
        if isinstance(piece, _Json) and merged and isinstance(merged[-1], _Json):
            merged[-1] = _Json(merged[-1] + piece)
        else:
            merged.append(piece)
    sql = [
        "'" + piece.replace("'", "''").replace("%", "%%") + "'" if isinstance(piece, _Json) else piece
        for piece in merged
    ]
    return "concat(" + ", ".join(sql) + ")"


# Looked up once per statement: 22 sectors and 27 governorates, not once per cluster.
_LOOKUPS = f"""WITH s AS MATERIALIZED (
        SELECT id, slug, name_ar, name_en, {_concat(_object([
            ("slug", _checked("slug")), ("name_ar", _text("name_ar")), ("name_en", _text("name_en")),
            ("color", _checked("color")),
        ]))} AS json FROM clusters_sector
    ), g AS MATERIALIZED (
        SELECT id, iso_code, name_ar, name_en, {_concat(_object([
            ("iso_code", _checked("iso_code")), ("name_ar", _text("name_ar")), ("name_en", _text("name_en")),
        ]))} AS json FROM clusters_governorate
    )"""

# The properties of GET /api/v1/clusters/, in the order the issue lists them.
NESTED_PROPERTIES = [
    ("slug", _checked("c.slug")),
    ("name_ar", _text("c.name_ar")),
    ("name_en", _text("c.name_en")),
    ("sector", ["s.json"]),
    ("governorate", ["g.json"]),
    ("locality_ar", _text("c.locality_ar")),
    ("locality_en", _text("c.locality_en")),
    ("location_precision", _checked("c.location_precision")),
    ("enterprises", _number("c.enterprises")),
    ("employment", _number("c.employment")),
    ("products_ar", _text("c.products_ar")),
    ("products_en", _text("c.products_en")),
    ("updated_at", _checked(_UPDATED_AT)),
    ("url", _url()),
]

# Flat columns for the exports, GIS programs and spreadsheets wanting no nesting:
# (name, plain SQL for CSV, JSON pieces for GDAL's input).
_LON = f"round(ST_X(c.location)::numeric, {DECIMALS})"
_LAT = f"round(ST_Y(c.location)::numeric, {DECIMALS})"
FLAT_COLUMNS = [
    ("slug", "c.slug", _checked("c.slug")),
    ("name_ar", "c.name_ar", _text("c.name_ar")),
    ("name_en", "c.name_en", _text("c.name_en")),
    ("sector", "s.slug", _checked("s.slug")),
    ("sector_name_ar", "s.name_ar", _text("s.name_ar")),
    ("sector_name_en", "s.name_en", _text("s.name_en")),
    ("governorate", "g.iso_code", _checked("g.iso_code")),
    ("governorate_name_ar", "g.name_ar", _text("g.name_ar")),
    ("governorate_name_en", "g.name_en", _text("g.name_en")),
    ("locality_ar", "c.locality_ar", _text("c.locality_ar")),
    ("locality_en", "c.locality_en", _text("c.locality_en")),
    ("location_precision", "c.location_precision", _checked("c.location_precision")),
    ("enterprises", "c.enterprises", _number("c.enterprises")),
    ("employment", "c.employment", _number("c.employment")),
    ("products_ar", "c.products_ar", _text("c.products_ar")),
    ("products_en", "c.products_en", _text("c.products_en")),
    ("lon", _LON, _number(_LON)),
    ("lat", _LAT, _number(_LAT)),
    ("updated_at", _UPDATED_AT, _checked(_UPDATED_AT)),
    ("url", "%s || c.slug || '/'", None),
]
FLAT_PROPERTIES = [(name, pieces or _url()) for name, _plain, pieces in FLAT_COLUMNS]


def _feature_sql(geometry: str, properties: list) -> str:
    return _concat(_object([
        ("type", [_Json('"Feature"')]),
        ("id", _checked("c.slug")),
        ("geometry", [f"ST_AsGeoJSON({geometry}, {DECIMALS})"]),
        ("properties", _object(properties)),
    ]))


_POINT_FEATURE = _feature_sql("c.location", NESTED_PROPERTIES)
_FOOTPRINT_FEATURE = _feature_sql("c.footprint", NESTED_PROPERTIES)
_FLAT_POINT_FEATURE = _feature_sql("c.location", FLAT_PROPERTIES)
_FLAT_FOOTPRINT_FEATURE = _feature_sql("c.footprint", FLAT_PROPERTIES)


class _RawTextLoader(Loader):
    """Text as the raw UTF-8 bytes the server sent."""

    def load(self, data) -> bytes:
        return bytes(data)


_FROM = """FROM clusters_cluster c
    JOIN s ON s.id = c.sector_id
    JOIN g ON g.id = c.governorate_id
    WHERE c.id IN ({ids})"""


def _selected_ids_sql(filters: ClusterFilters, page: Page, queryset=None) -> tuple[str, tuple]:
    queryset = cluster_list(filters) if queryset is None else queryset
    if page.limit is not None:
        queryset = queryset[page.offset : page.offset + page.limit]
    elif page.offset:
        queryset = queryset[page.offset :]
    else:
        # An IN list needs no order; string_agg orders the features.
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
    filters: ClusterFilters, page: Page = Page(), *, page_url_prefix: str, flat: bool = False, queryset=None
) -> bytes:
    """The JSON array of GeoJSON Features that filters and page select, ordered by slug.

    `page_url_prefix` + slug + "/" is each feature's `url` (its public page).
    With `flat`, the properties are the export columns instead of nested objects.
    `queryset` (a narrowing of cluster_list(filters), e.g. OGC's datetime) replaces the selection.
    """
    ids_sql, ids_params = _selected_ids_sql(filters, page, queryset)
    footprint = filters.geometry == "footprint"
    if flat:
        feature = _FLAT_FOOTPRINT_FEATURE if footprint else _FLAT_POINT_FEATURE
    else:
        feature = _FOOTPRINT_FEATURE if footprint else _POINT_FEATURE
    sql = f"""{_LOOKUPS}
        SELECT concat('[', string_agg({feature}, ',' ORDER BY c.slug), ']')
        {_FROM.format(ids=ids_sql)}"""
    return _fetch_bytes(sql, (json.dumps(page_url_prefix)[:-1], *ids_params))


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
    columns = ", ".join(plain for _name, plain, _pieces in FLAT_COLUMNS)
    sql = f"{_LOOKUPS} SELECT {columns} {_FROM.format(ids=ids_sql)} ORDER BY c.slug"
    with connection.cursor() as cursor:
        cursor.execute(sql, (page_url_prefix, *ids_params))
        rows = cursor.fetchall()
    return [name for name, _plain, _pieces in FLAT_COLUMNS], rows


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
