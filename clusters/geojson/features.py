"""Cluster Features built inside PostGIS and handed back as bytes, never parsed in Python.

This is the fast path (the pg_featureserv/tipg way): one statement builds every
Feature with ST_AsGeoJSON and aggregates them. The selection is the ORM's
own SQL for cluster_list(filters), so the filters are written once and every
value travels as a bound parameter.
"""

import functools
import json
import threading
from collections import OrderedDict

from django.db import connection

from clusters.constants import DECIMALS
from clusters.filters import ClusterFilters, Page
from clusters.geojson.columns import FLAT_COLUMNS, FLAT_PROPERTIES, LOOKUPS, NESTED_PROPERTIES, PAGE_LOOKUPS
from clusters.geojson.pieces import Json, checked, concat, fetch_bytes, json_object
from clusters.programmes.geojson import SUPPORT_JOIN, SUPPORT_ONE_JOIN
from clusters.selectors import cluster_list


def _feature_sql(geometry: str, properties: list, decimals: int = DECIMALS) -> str:
    return concat(json_object([
        ("type", [Json('"Feature"')]),
        ("id", checked("c.slug")),
        ("geometry", [f"ST_AsGeoJSON({geometry}, {decimals})"]),
        ("properties", json_object(properties)),
    ]))


_POINT_FEATURE = _feature_sql("c.location", NESTED_PROPERTIES)
_FOOTPRINT_FEATURE = _feature_sql("c.footprint", NESTED_PROPERTIES)
FLAT_POINT_FEATURE = _feature_sql("c.location", FLAT_PROPERTIES)
_FLAT_FOOTPRINT_FEATURE = _feature_sql("c.footprint", FLAT_PROPERTIES)
# One cluster: its point as the geometry, its footprint (or null) as a property.
DETAIL_FEATURE = _feature_sql("c.location", NESTED_PROPERTIES + [
    ("footprint", [f"coalesce(ST_AsGeoJSON(c.footprint, {DECIMALS}), 'null')"]),
])

_FROM = """FROM clusters_cluster c
    JOIN s ON s.id = c.sector_id
    JOIN g ON g.id = c.governorate_id
    {support}
    WHERE c.id IN ({{ids}})"""
_LIST_FROM = _FROM.format(support=SUPPORT_JOIN)
# A page's programmes are read for its own clusters (a LATERAL join by the support table's cluster index),
# not grouped for every cluster first: that grouping grows with the table and would be most of a page's time.
_PAGE_FROM = _FROM.format(support=SUPPORT_ONE_JOIN)
# Up to this many features, the per-cluster join beats grouping every support row once.
PAGE_LATERAL_MAX = 1000


def _lookups_from(page: Page) -> tuple[str, str]:
    if page.limit is not None and page.limit <= PAGE_LATERAL_MAX:
        return PAGE_LOOKUPS, _PAGE_FROM
    return LOOKUPS, _LIST_FROM


# The ids subquery's SQL and parameters per selection shape, compiled by the ORM once (issue 17): building
# and compiling the queryset was ~2 ms of a page's Python. A shape names everything the selection is made
# of (the filters' values included), so its SQL and parameters never differ; only the page's LIMIT/OFFSET
# does, and it is appended exactly as Django's compiler writes it (literals, so each page's statement text,
# and so its prepared plan, stays what it was). Old shapes fall out of the small LRU.
IDS_SQL_MAX_ENTRIES = 512
_ids_sql: OrderedDict = OrderedDict()
_ids_lock = threading.Lock()


def _compiled_ids_sql(queryset, page: Page) -> tuple[str, tuple]:
    queryset = queryset() if callable(queryset) else queryset
    if page.limit is not None:
        queryset = queryset[page.offset : page.offset + page.limit]
    elif page.offset:
        queryset = queryset[page.offset :]
    else:
        # An IN list needs no order; string_agg orders the features.
        queryset = queryset.order_by()
    return queryset.values("id").query.sql_with_params()


def _selected_ids_sql(filters: ClusterFilters, page: Page, queryset=None, shape=None) -> tuple[str, tuple]:
    if queryset is None:
        queryset, shape = (lambda: cluster_list(filters)), ("list", filters)
    if shape is None or page.limit == 0:
        # (An empty slice is no LIMIT 0 in the ORM: it never reaches the database.)
        return _compiled_ids_sql(queryset, page)
    ordered = page.limit is not None or page.offset > 0
    entry = (shape, ordered)
    with _ids_lock:
        kept = _ids_sql.get(entry)
        if kept is not None:
            _ids_sql.move_to_end(entry)
    if kept is None:
        # The shape compiled without a page (at offset 1 when ordered: the same ORDER BY, no LIMIT),
        # cut before the "OFFSET 1" the compiler appended.
        sql, params = _compiled_ids_sql(queryset, Page(offset=1) if ordered else Page())
        if ordered:
            tail = " " + connection.ops.limit_offset_sql(1, None)
            assert sql.endswith(tail), sql
            sql = sql[: -len(tail)]
        kept = (sql, tuple(params))
        with _ids_lock:
            _ids_sql[entry] = kept
            while len(_ids_sql) > IDS_SQL_MAX_ENTRIES:
                _ids_sql.popitem(last=False)
    sql, params = kept
    if ordered:
        high = None if page.limit is None else page.offset + page.limit
        sql = f"{sql} {connection.ops.limit_offset_sql(page.offset, high)}"
    return sql, params


def ids_sql_forget() -> None:
    """Drop every kept ids statement: for tests."""
    with _ids_lock:
        _ids_sql.clear()


def cluster_features_json(
    filters: ClusterFilters, page: Page = Page(), *, page_url_prefix: str, flat: bool = False, queryset=None,
    srid: int | None = None, lat_lon: bool = False, order: str | None = None, shape=None,
) -> bytes:
    """The JSON array of GeoJSON Features that filters and page select, ordered by slug.

    `page_url_prefix` + slug + "/" is each feature's `url` (its public page).
    With `flat`, the properties are the export columns instead of nested objects.
    `queryset` (a narrowing of cluster_list(filters), e.g. OGC's datetime, or a function that makes it)
    replaces the selection; `shape`, a hashable key naming everything that queryset is made of, lets its
    compiled SQL be kept, so that the function is only called the first time.
    `srid` (with `lat_lon` for latitude-first axes) transforms the geometries in PostGIS; `order` is
    an ORDER BY over c, s and g written by the caller from its own column names, never a client's text.
    """
    ids_sql, ids_params = _selected_ids_sql(filters, page, queryset, shape)
    footprint = filters.geometry == "footprint"
    if srid is not None:
        # Metres need no more than millimetres; degrees keep the data's own decimals.
        feature = transformed_feature("c.footprint" if footprint else "c.location", flat, lat_lon,
                                       DECIMALS if srid == 4326 else 3)
        crs_params = (srid,)
    elif flat:
        feature, crs_params = (_FLAT_FOOTPRINT_FEATURE if footprint else FLAT_POINT_FEATURE), ()
    else:
        feature, crs_params = (_FOOTPRINT_FEATURE if footprint else _POINT_FEATURE), ()
    lookups, from_ = _lookups_from(page)
    sql = f"""{lookups}
        SELECT concat('[', string_agg({feature}, ',' ORDER BY {order or "c.slug"}), ']')
        {from_.format(ids=ids_sql)}"""
    return fetch_bytes(sql, (*crs_params, json.dumps(page_url_prefix)[:-1], *ids_params))


@functools.cache
def transformed_feature(column: str, flat: bool, lat_lon: bool, decimals: int) -> str:
    # The SRID is the statement's first bound parameter: the geometry comes before the properties.
    geometry = f"ST_Transform({column}, %s::integer)"
    if lat_lon:
        geometry = f"ST_FlipCoordinates({geometry})"
    return _feature_sql(geometry, FLAT_PROPERTIES if flat else NESTED_PROPERTIES, decimals)


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
    lookups, from_ = _lookups_from(page)
    sql = f"{lookups} SELECT {columns} {from_.format(ids=ids_sql)} ORDER BY c.slug"
    with connection.cursor() as cursor:
        cursor.execute(sql, (page_url_prefix, *ids_params))
        rows = cursor.fetchall()
    return [name for name, _plain, _pieces in FLAT_COLUMNS], rows
