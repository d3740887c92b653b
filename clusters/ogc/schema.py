"""JSON Schemas of the features, linked from each collection (rel describedBy).

GIS programs make their columns from the first page of features: a figure
that happens to be null on all of it (employment, often) becomes a text
column. GDAL (and so QGIS's GDAL-based paths) reads these schemas instead.
The clusters' properties follow the domain's flat export columns (clusters.geojson).
"""

from django.utils.translation import gettext as _

from clusters.geojson import FLAT_COLUMNS
from clusters.ogc.collections import collection_title

_STRING = {"type": "string"}
# Not ["integer", "null"]: GDAL 3.6 only reads a single type name. A missing figure is null.
_FIGURE = {"type": "integer", "minimum": 0}
_CLUSTER_TYPES = {
    "enterprises": _FIGURE,
    "employment": _FIGURE,
    "lon": {"type": "number"},
    "lat": {"type": "number"},
    "updated_at": {"type": "string", "format": "date-time"},
    "url": {"type": "string", "format": "uri"},
}


def _cluster_descriptions() -> dict:
    return {
        "slug": _("The cluster's stable id, also the feature id."),
        "sector": _("The sector's slug."),
        "governorate": _("The governorate's ISO 3166-2 code."),
        "aliases": _("Other spellings people search for, separated by “ | ”."),
        "sources": _("Where the record's facts come from: web addresses separated by “ | ”."),
        "location_precision": _("How far to trust the point: locality, approximate, district or governorate."),
        "enterprises": _("Number of enterprises, where reported; null otherwise."),
        "employment": _("Number of workers, where reported; null otherwise."),
        "lon": _("Longitude of the point, WGS 84."),
        "lat": _("Latitude of the point, WGS 84."),
        "updated_at": _("When the record last changed."),
        "programmes": _("Slugs of the published programmes that support the cluster, separated by |."),
        "url": _("The cluster's public page."),
    }


def _properties(collection_id: str) -> dict:
    if collection_id == "governorates":
        return {
            "iso_code": {**_STRING, "description": _("The governorate's ISO 3166-2 code, also the feature id.")},
            "name_ar": {**_STRING, "description": _("Arabic name.")},
            "name_en": {**_STRING, "description": _("English name.")},
            "cluster_count": {"type": "integer", "minimum": 0,
                              "description": _("Number of published production clusters in the governorate.")},
        }
    descriptions = _cluster_descriptions()
    properties = {}
    for column in FLAT_COLUMNS:
        name = column[0]
        properties[name] = dict(_CLUSTER_TYPES.get(name, _STRING))
        if name in descriptions:
            properties[name]["description"] = descriptions[name]
    return properties


def collection_schema(collection_id: str, base_url: str) -> dict:
    """A JSON Schema of one GeoJSON Feature of the collection (the shape GDAL expects)."""
    geometry = "Point" if collection_id == "clusters" else "MultiPolygon"
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": f"{base_url}/collections/{collection_id}/schema",
        "title": collection_title(collection_id),
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": _STRING,
            "geometry": {"type": "object", "description": _("A GeoJSON %(type)s in WGS 84.") % {"type": geometry}},
            "properties": {"type": "object", "properties": _properties(collection_id)},
        },
    }
