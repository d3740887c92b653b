"""Clusters out as CSV and GeoJSON, in the importer's own columns so an export can be re-imported.

Plain functions over a queryset: the admin's export actions use them, and the
API may too. They do not filter by status: the caller decides what is exported
(the admin exports what staff selected, drafts included; a public caller
passes a queryset built on cluster_published_queryset()).
"""

import csv
import io
import json

from django.contrib.gis.db.models.functions import AsGeoJSON

from clusters.constants import LIST_SEPARATOR
from clusters.importing.columns import EDITABLE_COLUMNS
from clusters.spreadsheet import spreadsheet_cell_safe

# The importer's columns in its order (clusters.importing.columns), then what only an export knows.
CSV_COLUMNS = EDITABLE_COLUMNS + ["status", "updated_at"]
GEOJSON_PRECISION = 6


def _export_queryset(queryset):
    return (
        queryset.select_related("sector", "governorate")
        .defer("governorate__boundary", "search_text")
        .annotate(
            location_json=AsGeoJSON("location", precision=GEOJSON_PRECISION),
            footprint_json=AsGeoJSON("footprint", precision=GEOJSON_PRECISION),
        )
        .order_by("slug")
    )


def _row(cluster) -> dict:
    return {
        "slug": cluster.slug,
        "name_en": cluster.name_en,
        "name_ar": cluster.name_ar,
        "aliases": LIST_SEPARATOR.join(a.strip() for a in cluster.aliases.split("\n") if a.strip()),
        "sector": cluster.sector.slug,
        "governorate_iso": cluster.governorate.iso_code,
        "locality_en": cluster.locality_en,
        "locality_ar": cluster.locality_ar,
        "lat": round(cluster.location.y, GEOJSON_PRECISION),
        "lon": round(cluster.location.x, GEOJSON_PRECISION),
        "location_precision": cluster.location_precision,
        "enterprises": cluster.enterprises,
        "employment": cluster.employment,
        "products_en": cluster.products_en,
        "products_ar": cluster.products_ar,
        "description_en": cluster.description_en,
        "description_ar": cluster.description_ar,
        "source": LIST_SEPARATOR.join(cluster.sources),
        "status": cluster.status,
        "updated_at": cluster.updated_at.isoformat(),
    }


def clusters_csv(queryset) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows the Arabic columns as Arabic."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for cluster in _export_queryset(queryset):
        row = _row(cluster)
        row["footprint"] = cluster.footprint_json or ""
        writer.writerow({name: spreadsheet_cell_safe(value) if name != "footprint" else value for name, value in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def clusters_geojson(queryset) -> bytes:
    """An RFC 7946 FeatureCollection: the point as geometry, the footprint as a property.

    PostGIS writes the geometries; they are spliced in as text, not parsed and
    re-serialised.
    """
    parts = []
    for cluster in _export_queryset(queryset):
        properties = _row(cluster)
        del properties["lat"], properties["lon"]
        properties = json.dumps(properties, ensure_ascii=False)
        if cluster.footprint_json:
            properties = properties[:-1] + ', "footprint": ' + cluster.footprint_json + "}"
        parts.append('{"type": "Feature", "geometry": ' + cluster.location_json + ', "properties": ' + properties + "}")
    return ('{"type": "FeatureCollection", "features": [' + ", ".join(parts) + "]}").encode("utf-8")
