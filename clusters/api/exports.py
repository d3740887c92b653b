"""Downloads of exactly what the filters select: CSV, GeoJSON, GeoPackage, KML.

GeoPackage and KML are written by GDAL's ogr2ogr (Debian's gdal-bin, which
the set-up installs) from a flat GeoJSON that PostGIS builds: GDAL knows both
formats far better than any code we would write, and Django's own GDAL
bindings can read but not write vector data.
"""

import csv
import io
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from clusters.filters import ClusterFilters, Page
from clusters.geojson import cluster_export_rows, cluster_feature_collection_sql
from clusters.spreadsheet import spreadsheet_cell_safe

OGR2OGR_TIMEOUT = 120


@dataclass(frozen=True)
class Export:
    content_type: str
    extension: str


EXPORTS = {
    "csv": Export("text/csv; charset=utf-8", "csv"),
    "geojson": Export("application/geo+json", "geojson"),
    "gpkg": Export("application/geopackage+sqlite3", "gpkg"),
    "kml": Export("application/vnd.google-earth.kml+xml", "kml"),
}


def export_filename(export_format: str) -> str:
    return f"egypt-production-clusters.{EXPORTS[export_format].extension}"


def cluster_export_csv(filters: ClusterFilters, page: Page, *, page_url_prefix: str) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads the Arabic as mojibake."""
    columns, rows = cluster_export_rows(filters, page, page_url_prefix=page_url_prefix)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    # The same defence as the admin's export, and the importer undoes the same apostrophe.
    writer.writerows([spreadsheet_cell_safe(value) for value in row] for row in rows)
    return text.getvalue().encode("utf-8-sig")


def _ogr2ogr(geojson: bytes, driver: str, extension: str, options: list[str]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="clusters-export-") as folder:
        source = Path(folder) / "clusters.geojson"
        target = Path(folder) / f"clusters.{extension}"
        source.write_bytes(geojson)
        subprocess.run(
            ["ogr2ogr", "-f", driver, str(target), str(source), "-nln", "clusters", *options],
            check=True, capture_output=True, timeout=OGR2OGR_TIMEOUT,
        )
        return target.read_bytes()


def cluster_export(
    export_format: str, filters: ClusterFilters, page: Page, *, page_url_prefix: str, language: str
) -> bytes:
    if export_format == "csv":
        return cluster_export_csv(filters, page, page_url_prefix=page_url_prefix)
    if export_format == "geojson":
        return cluster_feature_collection_sql(filters, page, page_url_prefix=page_url_prefix)
    flat = cluster_feature_collection_sql(filters, page, page_url_prefix=page_url_prefix, flat=True)
    if export_format == "gpkg":
        return _ogr2ogr(flat, "GPKG", "gpkg", [])
    if export_format == "kml":
        # Placemark names in the request's language; every column stays in ExtendedData.
        return _ogr2ogr(flat, "KML", "kml", ["-dsco", f"NameField=name_{language}", "-dsco", "DescriptionField=url"])
    raise ValueError(export_format)
