"""The OpenAPI description of the API: parameters and response schemas for drf-spectacular.

The views return bytes built by PostGIS, so there is no serializer to infer
the responses from; they are written out here as JSON Schema instead.
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from clusters.api.params import EXPORT_FORMATS, MAX_SIMPLIFY
from clusters.constants import MAX_LIMIT, MAX_Q_LENGTH
from clusters.filters import GEOMETRIES, PRECISIONS

_QUERY = OpenApiParameter.QUERY


def _list_param(name: str, items: dict, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name, {"type": "array", "items": items}, _QUERY, style="form", explode=False, description=description
    )


SECTOR = _list_param(
    "sector", {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    "Sector slugs, comma-separated (see /api/v1/sectors/). Any of them matches. An unknown slug is a 400.",
)
GOVERNORATE = _list_param(
    "governorate", {"type": "string", "pattern": "^EG-[A-Z]{1,3}$"},
    "ISO 3166-2:EG codes, comma-separated, e.g. EG-DT,EG-FYM. Any of them matches. An unknown code is a 400.",
)
BBOX = OpenApiParameter(
    "bbox",
    {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4},
    _QUERY, style="form", explode=False,
    description="minLon,minLat,maxLon,maxLat in WGS 84 degrees: clusters whose point lies in the box.",
)
Q = OpenApiParameter(
    "q", {"type": "string", "maxLength": MAX_Q_LENGTH}, _QUERY,
    description=(
        "Search the Arabic and English names, aliases, localities, products and governorate names. "
        "Every word must match. Arabic is folded (أ إ آ → ا, ى → ي, ة → ه; tashkeel, shadda and tatweel ignored); "
        "English is case-insensitive."
    ),
)
PRECISION = _list_param(
    "precision", {"type": "string", "enum": list(PRECISIONS)},
    "location_precision values, comma-separated. Any of them matches.",
)
GEOMETRY = OpenApiParameter(
    "geometry", {"type": "string", "enum": list(GEOMETRIES), "default": "point"}, _QUERY,
    description="point (default), or footprint: the footprint polygon, leaving out clusters without one.",
)
LIMIT = OpenApiParameter(
    "limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}, _QUERY,
    description="Page size. Without it the response holds every match; with it, numberMatched, numberReturned and links.",
)
OFFSET = OpenApiParameter(
    "offset", {"type": "integer", "minimum": 0, "default": 0}, _QUERY,
    description="How many matches to skip; only together with limit.",
)
FORMAT = OpenApiParameter(
    "format", {"type": "string", "enum": list(EXPORT_FORMATS)}, _QUERY,
    description=(
        "Download the selection as a file: csv (UTF-8 with a byte-order mark), geojson, gpkg (GeoPackage) or kml. "
        "Flat formats (csv, gpkg, kml) write the import columns in the importer's order, lists (aliases, "
        "sources) joined by \" | \", so a download re-imports unchanged. In csv a text cell starting with "
        "=, +, -, @, tab or CR gets a leading apostrophe, so that spreadsheets do not run it as a formula."
    ),
)
SIMPLIFY = OpenApiParameter(
    "simplify", {"type": "number", "minimum": 0, "maximum": MAX_SIMPLIFY}, _QUERY,
    description="Simplification tolerance in degrees (topology-preserving), e.g. 0.01 for a country-wide map.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match", str, OpenApiParameter.HEADER,
    description="An ETag from an earlier response; 304 when the data has not changed.",
)
PROGRAMME = OpenApiParameter(
    "programme", {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}, _QUERY,
    description="A published programme's slug (see /api/v1/programmes/): the clusters it supports. "
                "An unknown (or unpublished) slug is a 400.",
)
ORGANISATION = OpenApiParameter(
    "organisation", {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}, _QUERY,
    description="A published organisation's slug (see /api/v1/organisations/): the clusters one of its "
                "programmes supports. An unknown (or unpublished) slug is a 400.",
)
SUPPORTED = OpenApiParameter(
    "supported", {"type": "string", "enum": ["true", "false"]}, _QUERY,
    description="true: clusters that some published programme supports; false: those with no support "
                "recorded yet.",
)
CLUSTER_FILTERS = [SECTOR, GOVERNORATE, BBOX, Q, PRECISION, GEOMETRY, PROGRAMME, ORGANISATION, SUPPORTED]

_NULLABLE_INT = {"type": "integer", "minimum": 0, "nullable": True}
_POINT_OR_POLYGON = {
    "type": "object",
    "description": "GeoJSON geometry (RFC 7946): Point, or MultiPolygon with geometry=footprint. lon, lat; 6 decimals.",
    "required": ["type", "coordinates"],
    "properties": {"type": {"type": "string", "enum": ["Point", "MultiPolygon"]}, "coordinates": {"type": "array", "items": {}}},
}
_SECTOR_BRIEF = {
    "type": "object",
    "properties": {
        "slug": {"type": "string"}, "name_ar": {"type": "string"}, "name_en": {"type": "string"},
        "color": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
    },
}
_GOVERNORATE_BRIEF = {
    "type": "object",
    "properties": {"iso_code": {"type": "string"}, "name_ar": {"type": "string"}, "name_en": {"type": "string"}},
}
_CLUSTER_PROPERTIES = {
    "slug": {"type": "string"},
    "name_ar": {"type": "string"},
    "name_en": {"type": "string"},
    "aliases": {"type": "array", "items": {"type": "string"},
                "description": "Other spellings people search for (q matches them)."},
    "sector": _SECTOR_BRIEF,
    "governorate": _GOVERNORATE_BRIEF,
    "locality_ar": {"type": "string"},
    "locality_en": {"type": "string"},
    "location_precision": {"type": "string", "enum": list(PRECISIONS)},
    "enterprises": _NULLABLE_INT,
    "employment": _NULLABLE_INT,
    "products_ar": {"type": "string"},
    "products_en": {"type": "string"},
    "description_ar": {"type": "string"},
    "description_en": {"type": "string"},
    "sources": {"type": "array", "items": {"type": "string"},
                "description": "Where the record's facts come from (web addresses)."},
    "updated_at": {"type": "string", "format": "date-time"},
    "programmes": {"type": "array", "items": {"type": "string"},
                   "description": "Slugs of the published programmes that support the cluster."},
    "url": {"type": "string", "format": "uri", "description": "The cluster's public page."},
}
_NULLABLE_YEAR = {"type": "integer", "nullable": True}
_SUPPORT = {"type": "object", "properties": {
    "programme": {"type": "string"}, "programme_name_ar": {"type": "string"},
    "programme_name_en": {"type": "string"}, "organisations": {"type": "array", "items": {"type": "string"}},
    "kinds": {"type": "array", "items": {"type": "string"}}, "start_year": _NULLABLE_YEAR,
    "end_year": _NULLABLE_YEAR, "summary_ar": {"type": "string"}, "summary_en": {"type": "string"},
    "enterprises_reached": _NULLABLE_INT, "people_reached": _NULLABLE_INT, "women_reached": _NULLABLE_INT,
    "sources": {"type": "array", "items": {"type": "string"}},
}}


def _feature(properties: dict, geometry: dict = _POINT_OR_POLYGON) -> dict:
    return {
        "type": "object",
        "required": ["type", "id", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "string"},
            "geometry": geometry,
            "properties": {"type": "object", "properties": properties},
        },
    }


CLUSTER_FEATURE = _feature(_CLUSTER_PROPERTIES)
CLUSTER_DETAIL = _feature({**_CLUSTER_PROPERTIES, "footprint": {**_POINT_OR_POLYGON, "nullable": True},
                           "support": {"type": "array", "items": _SUPPORT,
                                       "description": "Each published programme's work in this cluster."}})
LINK = {
    "type": "object",
    "required": ["href", "rel", "type"],
    "properties": {
        "href": {"type": "string", "format": "uri"},
        "rel": {"type": "string", "enum": ["self", "next", "prev"]},
        "type": {"type": "string"},
    },
}
CLUSTER_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "numberMatched": {"type": "integer", "description": "Only with limit."},
        "numberReturned": {"type": "integer", "description": "Only with limit."},
        "links": {"type": "array", "items": LINK, "description": "Only with limit."},
        "features": {"type": "array", "items": CLUSTER_FEATURE},
    },
}
GOVERNORATE_COLLECTION = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": _feature(
            {**_GOVERNORATE_BRIEF["properties"], "cluster_count": {"type": "integer"}},
            {"type": "object", "description": "GeoJSON Polygon or MultiPolygon."},
        )},
    },
}
SECTOR_LIST = {
    "type": "array",
    "items": {"type": "object", "properties": {**_SECTOR_BRIEF["properties"], "cluster_count": {"type": "integer"}}},
}
_MEASURES = {
    "cluster_count": {"type": "integer"},
    "enterprises_total": {**_NULLABLE_INT, "description": "Sum over the clusters that report it."},
    "enterprises_reported": {"type": "integer", "description": "How many clusters report enterprises."},
    "employment_total": {**_NULLABLE_INT, "description": "Sum over the clusters that report it."},
    "employment_reported": {"type": "integer", "description": "How many clusters report employment."},
}
STATS = {
    "type": "object",
    "properties": {
        "total": {"type": "object", "properties": _MEASURES},
        "by_sector": {"type": "array", "items": {"type": "object", "properties": {
            "slug": {"type": "string"}, "name_ar": {"type": "string"}, "name_en": {"type": "string"}, **_MEASURES}}},
        "by_governorate": {"type": "array", "items": {"type": "object", "properties": {
            "iso_code": {"type": "string"}, "name_ar": {"type": "string"}, "name_en": {"type": "string"}, **_MEASURES}}},
        "by_precision": {"type": "array", "description": "Exact points (locality) first.", "items": {
            "type": "object", "properties": {
                "precision": {"type": "string", "enum": ["locality", "approximate", "district", "governorate"]},
                **_MEASURES}}},
        "coverage": {"type": "object", "properties": {
            "governorates": {"type": "integer"}, "governorates_all": {"type": "integer"},
            "sectors": {"type": "integer"}, "sectors_all": {"type": "integer"}}},
        "support": {"type": "object", "description": (
            "Who supports the matching clusters, counted in clusters: a cluster counts once under each programme, "
            "kind and year of its published support."), "properties": {
            "supported_cluster_count": {"type": "integer"},
            "by_programme": {"type": "array", "items": {"type": "object", "properties": {
                "slug": {"type": "string"}, "name_ar": {"type": "string"}, "name_en": {"type": "string"},
                "cluster_count": {"type": "integer"}}}},
            "by_support_kind": {"type": "array", "items": {"type": "object", "properties": {
                "kind": {"type": "string"}, "cluster_count": {"type": "integer"}}}},
            "support_kind_unreported": {"type": "integer"},
            "by_year": {"type": "array", "description": "Every year from a support's start to its end year.",
                        "items": {"type": "object", "properties": {
                            "year": {"type": "integer"}, "cluster_count": {"type": "integer"}}}},
            "support_year_unreported": {"type": "integer"}}},
    },
}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "description": "What is wrong, in the request's language."},
        "parameter": {"type": "string", "description": "The query parameter at fault."},
    },
}
_FILE = {"type": "string", "format": "binary"}

BAD_REQUEST = OpenApiResponse(ERROR, description="A bad parameter value; `parameter` names it.")
NOT_MODIFIED = OpenApiResponse(description="Not modified: the If-None-Match ETag is current.")


def ok(schema: dict, description: str) -> OpenApiResponse:
    return OpenApiResponse(schema, description=description)


CLUSTER_LIST_RESPONSES = {
    (200, "application/geo+json"): ok(CLUSTER_COLLECTION, "The matching published clusters, ordered by slug."),
    (200, "text/csv"): ok(_FILE, "With format=csv."),
    (200, "application/geopackage+sqlite3"): ok(_FILE, "With format=gpkg."),
    (200, "application/vnd.google-earth.kml+xml"): ok(_FILE, "With format=kml."),
    304: NOT_MODIFIED,
    (400, "application/json"): BAD_REQUEST,
}

LANG = OpenApiParameter(
    "lang", {"type": "string", "enum": ["ar", "en"]}, _QUERY,
    description="The language of the names and of their order; a blank name falls back to the other language. "
                "Default: the request's language.",
)
_INDEX = {"type": "integer", "minimum": 0}
_POSITIONS = {"type": "array", "items": _INDEX}
_COLUMN = {"type": "array", "description": "One item per cluster, in the clusters' order."}
MAP_ANSWER = {
    "type": "object",
    "required": [
        "lang", "count", "sectors", "governorates", "precisions", "columns", "name_other", "locality_other",
        "programmes",
    ],
    "description": "The clusters as columns: item i of every column is the i-th cluster, ordered by name in `lang`.",
    "properties": {
        "lang": {"type": "string", "enum": ["ar", "en"]},
        "count": {**_INDEX, "description": "How many clusters: the length of every column."},
        "sectors": {"type": "array", "items": {"type": "string"}, "description": "Sector slugs; `sector` gives an index."},
        "governorates": {"type": "array", "items": {"type": "string"},
                         "description": "ISO 3166-2:EG codes; `governorate` gives an index."},
        "precisions": {"type": "array", "items": {"type": "string"},
                       "description": "location_precision values; `precision` gives an index."},
        "columns": {"type": "object", "required": [
            "slug", "lon", "lat", "sector", "governorate", "precision", "name", "locality", "enterprises", "employment",
        ], "properties": {
            "slug": {**_COLUMN, "items": {"type": "string"}},
            "lon": {**_COLUMN, "items": {"type": "number"}, "description": "WGS 84, 6 decimals at most."},
            "lat": {**_COLUMN, "items": {"type": "number"}, "description": "WGS 84, 6 decimals at most."},
            "sector": {**_COLUMN, "items": _INDEX},
            "governorate": {**_COLUMN, "items": _INDEX},
            "precision": {**_COLUMN, "items": _INDEX},
            "name": {**_COLUMN, "items": {"type": "string"},
                     "description": "In `lang`, else (when blank) in the other language."},
            "locality": {**_COLUMN, "items": {"type": "string"},
                         "description": "In `lang`, else (when blank) in the other language."},
            "enterprises": {**_COLUMN, "items": {**_INDEX, "nullable": True}, "description": "null: not reported."},
            "employment": {**_COLUMN, "items": {**_INDEX, "nullable": True}, "description": "null: not reported."},
        }},
        "name_other": {**_POSITIONS, "description": "The positions whose name is in the other language."},
        "locality_other": {**_POSITIONS, "description": "The positions whose locality is in the other language."},
        "programmes": {"type": "array", "description": (
            "[position, [slugs of the published programmes supporting that cluster]], for supported clusters only."
        ), "items": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"anyOf": [
            _INDEX, {"type": "array", "items": {"type": "string"}},
        ]}}},
    },
}
