"""The public map's own answer: compact columns, only what markers, list, filters and popups use.

The map used to load the full GeoJSON of GET /api/v1/clusters/ (8.3 MB for
10,000 clusters) and fold every record's search text in the browser. At
100,000 clusters that is 80 MB and seconds of parsing before a marker shows
(issue 17, item 4; bench/map_render.py). This answer drops what the map never
reads (descriptions, products, sources, aliases, the other language, URLs),
gives sectors, governorates and precisions as indexes into short lists, and
comes already ordered for the list by the page language's ICU collation, so
the browser neither sorts nor folds 100,000 names. Search (q) is answered by
the same statement with the same filters as the API, so the map finds exactly
what the API's q finds without the search text ever leaving the server.

Built in PostGIS in one statement and passed through unparsed, like
clusters.geojson; the view keeps the bytes per ETag (clusters.answers).
"""

import json

from django.conf import settings

from clusters.constants import DECIMALS
from clusters.filters import PRECISIONS, ClusterFilters
from clusters.geojson.pieces import fetch_bytes
from clusters.programmes.geojson import PROGRAMMES_JSON, SUPPORT_JOIN, SUPPORT_LOOKUP
from clusters.selectors import cluster_list

# The answer's columns, each a list with one item per cluster, in the order of the names.
MAP_COLUMNS = (
    "slug", "lon", "lat", "sector", "governorate", "precision", "name", "locality", "enterprises", "employment",
)
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
# ICU collations (PostgreSQL ships them with ICU), so the order matches the browser's Intl.Collator.
_COLLATIONS = {"ar": "ar-x-icu", "en": "en-x-icu"}
_HAS_TEXT = "~ '[^[:space:]]'"


def _bilingual(field: str, lang: str) -> tuple[str, str]:
    """(text, fell back) as SQL: the page language's value, else the other's (maps.bilingual's rule)."""
    other = "en" if lang == "ar" else "ar"
    own = f"c.{field}_{lang}"
    return (f"CASE WHEN {own} {_HAS_TEXT} THEN {own} ELSE c.{field}_{other} END",
            f"CASE WHEN {own} {_HAS_TEXT} THEN '0' ELSE '1' END")


def _coordinate(expression: str) -> str:
    # The data's own decimals, without the trailing zeros numeric would print (31.2, not 31.200000).
    return f"round(({expression})::numeric, {DECIMALS})::float8::text"


def _statement(lang: str, ids_sql: str) -> str:
    name, name_other = _bilingual("name", lang)
    locality, locality_other = _bilingual("locality", lang)
    # Precision values are held to these by a CHECK constraint and are plain words: safe inline.
    precisions = "ARRAY[" + ", ".join(f"'{value}'" for value in PRECISIONS) + "]"
    collation = _COLLATIONS.get(lang, "und-x-icu")
    column_sql = {
        "slug": "'\"' || slug || '\"'",  # slugs are held to [a-z0-9-] by a CHECK constraint
        "lon": "lon", "lat": "lat", "sector": "si", "governorate": "gi", "precision": "pi",
        "name": "to_json(name)::text", "locality": "to_json(locality)::text",
        "enterprises": "coalesce(enterprises::text, 'null')", "employment": "coalesce(employment::text, 'null')",
    }
    columns = ", ',', ".join(
        f"'\"{column}\":[', string_agg({column_sql[column]}, ',' ORDER BY i), ']'" for column in MAP_COLUMNS
    )
    return f"""WITH s AS MATERIALIZED (
            SELECT id, slug, (row_number() OVER (ORDER BY slug)) - 1 AS i FROM clusters_sector
        ), g AS MATERIALIZED (
            SELECT id, iso_code, (row_number() OVER (ORDER BY iso_code)) - 1 AS i FROM clusters_governorate
        ), {SUPPORT_LOOKUP}, r AS (
            SELECT (row_number() OVER (ORDER BY {name} COLLATE "{collation}", c.slug)) - 1 AS i,
                c.slug, {_coordinate("ST_X(c.location)")} AS lon, {_coordinate("ST_Y(c.location)")} AS lat,
                s.i::text AS si, g.i::text AS gi,
                (array_position({precisions}, c.location_precision::text) - 1)::text AS pi,
                {name} AS name, {name_other} = '1' AS name_other,
                {locality} AS locality, {locality_other} = '1' AS locality_other,
                c.enterprises, c.employment, {PROGRAMMES_JSON} AS programmes
            FROM clusters_cluster c
            JOIN s ON s.id = c.sector_id
            JOIN g ON g.id = c.governorate_id
            {SUPPORT_JOIN}
            WHERE c.id IN ({ids_sql})
        )
        SELECT concat(
            '{{"lang":', %s::text,
            ',"count":', count(*)::text,
            ',"sectors":', (SELECT json_agg(slug ORDER BY i) FROM s)::text,
            ',"governorates":', (SELECT json_agg(iso_code ORDER BY i) FROM g)::text,
            ',"precisions":', %s::text,
            ',"columns":{{', {columns}, '}}',
            ',"name_other":[', string_agg(i::text, ',' ORDER BY i) FILTER (WHERE name_other), ']',
            ',"locality_other":[', string_agg(i::text, ',' ORDER BY i) FILTER (WHERE locality_other), ']',
            ',"programmes":[',
            string_agg('[' || i || ',' || programmes || ']', ',' ORDER BY i) FILTER (WHERE programmes <> '[]'),
            ']}}'
        )
        FROM r"""


def cluster_map_json(filters: ClusterFilters, lang: str) -> bytes:
    """The map's answer for the published clusters that `filters` select, names in `lang` (else the other language).

    {"lang", "count", "sectors", "governorates", "precisions", "columns": {MAP_COLUMNS: [...]},
    "name_other", "locality_other", "programmes"}: one item per cluster in each column, in the
    order of the page language's names. sector, governorate and precision are indexes into their
    lists. name_other and locality_other list the positions whose text is the other language's
    (the page marks it with its own lang); programmes pairs a position with the slugs of the
    published programmes supporting that cluster, for supported clusters only.

    Columns, not a row per cluster: the browser parses a few long lists of plain values faster
    than 100,000 small arrays, and the rare fallbacks and supported clusters cost nothing for
    the others.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    ids_sql, ids_params = cluster_list(filters).order_by().values("id").query.sql_with_params()
    sql = _statement(lang, ids_sql)
    params = (*ids_params, json.dumps(lang), json.dumps(list(PRECISIONS)))
    return fetch_bytes(sql, params)
