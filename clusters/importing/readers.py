"""Turn an uploaded or local file into numbered records.

CSV and GeoJSON are read with the standard library; GeoPackage and zipped
Shapefiles are read by GDAL, which knows those formats better than we could.
"""

import csv
import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field

from django.contrib.gis.gdal import DataSource, GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.utils.translation import gettext as _

# Shapefile columns are cut to ten characters; map them back to our names.
KNOWN_COLUMNS = [
    "slug", "name_en", "name_ar", "aliases", "sector", "governorate_iso", "locality_en", "locality_ar",
    "lat", "lon", "location_precision", "enterprises", "employment", "products_en", "products_ar",
    "description_en", "description_ar", "source", "footprint",
]


class ImportFileError(Exception):
    """The file as a whole cannot be read; no row is looked at."""


@dataclass
class Record:
    number: int
    data: dict
    geometry: GEOSGeometry | None = None
    geometry_error: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class ReadResult:
    records: list[Record]
    unit: str  # "row" or "feature": how problems name a record's place


def _restore_column(name: str) -> str:
    name = name.strip().lower()
    if name in KNOWN_COLUMNS:
        return name
    candidates = [c for c in KNOWN_COLUMNS if c.startswith(name)] if len(name) == 10 else []
    return candidates[0] if len(candidates) == 1 else name


def _clean_cell(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def read_csv(content: bytes) -> ReadResult:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The file is not UTF-8 text (byte %(position)s). Save it from Excel as “CSV UTF-8”.")
            % {"position": exc.start}
        ) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise ImportFileError(_("The file is empty: it has no header row."))
    header = [_restore_column(name or "") for name in reader.fieldnames]
    reader.fieldnames = header
    records = []
    # Row 1 is the header, so data starts at row 2 as in a spreadsheet.
    for number, row in enumerate(reader, start=2):
        if not any(_clean_cell(v) for k, v in row.items() if k is not None):
            continue
        data = {k: _clean_cell(v) for k, v in row.items() if k is not None}
        records.append(Record(number=number, data=data))
    return ReadResult(records=records, unit="row")


def _geometry(value) -> tuple[GEOSGeometry | None, str | None]:
    if value is None:
        return None, None
    try:
        geometry = GEOSGeometry(json.dumps(value), srid=4326)
    except (GEOSException, GDALException, ValueError, TypeError) as exc:
        return None, str(exc) or _("unreadable geometry")
    return geometry, None


def read_geojson(content: bytes) -> ReadResult:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportFileError(_("The file is not valid GeoJSON: %(reason)s") % {"reason": exc}) from exc
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" or not isinstance(
        document.get("features"), list
    ):
        raise ImportFileError(_("The file is not a GeoJSON FeatureCollection."))
    records = []
    for number, feature in enumerate(document["features"], start=1):
        if not isinstance(feature, dict):
            records.append(Record(number=number, data={}, geometry_error=_("not a GeoJSON Feature")))
            continue
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            properties = {}
        data = {_restore_column(str(k)): _clean_cell(v) for k, v in properties.items()}
        if isinstance(properties.get("footprint"), dict):
            data["footprint"] = json.dumps(properties["footprint"])
        geometry, error = _geometry(feature.get("geometry"))
        records.append(Record(number=number, data=data, geometry=geometry, geometry_error=error))
    return ReadResult(records=records, unit="feature")


def _read_with_gdal(path: str) -> ReadResult:
    try:
        source = DataSource(path)
    except GDALException as exc:
        raise ImportFileError(_("GDAL could not open the file: %(reason)s") % {"reason": exc}) from exc
    if source.layer_count < 1:
        raise ImportFileError(_("The file holds no layer."))
    layer = source[0]
    records = []
    for number, feature in enumerate(layer, start=1):
        data = {_restore_column(name): _clean_cell(feature.get(name)) for name in layer.fields}
        geometry, error = None, None
        try:
            ogr = feature.geom
            if ogr is not None:
                if ogr.srs is not None and ogr.srid != 4326:
                    ogr.transform(4326)
                geometry = GEOSGeometry(ogr.wkb, srid=4326)
        except (GDALException, GEOSException) as exc:
            error = str(exc)
        records.append(Record(number=number, data=data, geometry=geometry, geometry_error=error))
    return ReadResult(records=records, unit="feature")


def read_gdal_bytes(content: bytes, suffix: str) -> ReadResult:
    with tempfile.TemporaryDirectory(prefix="cluster-import-") as folder:
        path = os.path.join(folder, f"upload{suffix}")
        with open(path, "wb") as handle:
            handle.write(content)
        if suffix == ".zip":
            try:
                with zipfile.ZipFile(path) as archive:
                    shapefiles = [n for n in archive.namelist() if n.lower().endswith(".shp")]
            except zipfile.BadZipFile as exc:
                raise ImportFileError(_("The file is not a valid zip archive.")) from exc
            if len(shapefiles) != 1:
                raise ImportFileError(_("The zip archive must hold exactly one Shapefile (.shp)."))
            path = f"/vsizip/{path}/{shapefiles[0]}"
        return _read_with_gdal(path)


SUPPORTED_SUFFIXES = (".csv", ".geojson", ".json", ".gpkg", ".zip")


def read_records(content: bytes, filename: str) -> ReadResult:
    suffix = os.path.splitext(filename.lower())[1]
    if suffix == ".csv":
        return read_csv(content)
    if suffix in (".geojson", ".json"):
        return read_geojson(content)
    if suffix in (".gpkg", ".zip"):
        return read_gdal_bytes(content, suffix)
    raise ImportFileError(
        _("Unsupported file type “%(suffix)s”: use CSV, GeoJSON, GeoPackage or a zipped Shapefile.")
        % {"suffix": suffix or filename}
    )
