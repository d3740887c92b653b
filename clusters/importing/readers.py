"""Turn an uploaded or local file into numbered records, and say which columns it has.

CSV and GeoJSON are read with the standard library; GeoPackage and zipped
Shapefiles are read by GDAL, which knows those formats better than we could.
Whatever a file holds, a reader either returns records or raises
ImportFileError with a message for staff: never a traceback, never a server path.
"""

import csv
import io
import json
import math
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field

from django.contrib.gis.gdal import DataSource, GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, WKBWriter
from django.utils.translation import gettext as _

from clusters.importing.columns import EDITABLE_COLUMNS, column_restore_shapefile
from clusters.spreadsheet import spreadsheet_apostrophe_taken

# Kept for callers that still import it: the editable columns, in export order.
KNOWN_COLUMNS = EDITABLE_COLUMNS
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
# Python's csv refuses cells over 128 KiB by default; a footprint's GeoJSON is often more.
CSV_FIELD_LIMIT = 256 * 1024 * 1024


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
    columns: list[str] = field(default_factory=list)  # the file's column names, lower-cased, in order
    has_geometry: bool = False  # a geometry column (GeoJSON, GeoPackage, Shapefile) that holds points


def _clean_cell(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _csv_cell(value) -> str:
    if value is None:
        return ""
    # Exactly the apostrophe an export put before a formula-like cell (clusters.spreadsheet).
    if spreadsheet_apostrophe_taken(value):
        value = value[1:]
    return value.strip()


def _delimiter(text: str) -> str:
    """The header line's delimiter: comma, semicolon or tab, whichever it holds most of."""
    header = text.split("\n", 1)[0]
    header = re.sub(r'"[^"]*"', "", header)  # a quoted name may hold any of them
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best


def read_csv(content: bytes) -> ReadResult:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The file is not UTF-8 text (byte %(position)s). Save it from Excel as “CSV UTF-8”.")
            % {"position": exc.start}
        ) from exc
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header or not any(name.strip() for name in header):
            raise ImportFileError(_("The file is empty: it has no header row."))
        columns = [name.strip().lower() for name in header]
        records = []
        # Row 1 is the header, so data starts at row 2 as in a spreadsheet.
        for number, row in enumerate(reader, start=2):
            cells = [_csv_cell(v) for v in row]
            if not any(cells):
                continue
            data = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(columns) if name}
            record = Record(number=number, data=data)
            if len(cells) > len(columns) and any(cells[len(columns):]):
                record.extra["cells"] = _("the row has %(cells)s cells but the header has %(columns)s columns") % {
                    "cells": len(cells), "columns": len(columns)}
            records.append(record)
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file cannot be read at line %(line)s: %(reason)s")
                              % {"line": reader.line_num, "reason": exc}) from exc
    return ReadResult(records=records, unit="row", columns=[c for c in columns if c])


def _finite(value) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_finite(v) for v in value)
    return not isinstance(value, float) or math.isfinite(value)


_WKB_2D = WKBWriter()
_WKB_2D.outdim = 2


def flat_2d(geometry: GEOSGeometry) -> GEOSGeometry:
    """The same geometry without Z (or M): the database holds 2D, so the preview must check 2D."""
    if not geometry.hasz:
        return geometry
    return GEOSGeometry(memoryview(_WKB_2D.write(geometry)), srid=geometry.srid or 4326)


def _geometry(value) -> tuple[GEOSGeometry | None, str | None]:
    if value is None:
        return None, None
    if not isinstance(value, dict):
        return None, _("the geometry is not a GeoJSON object")
    if not _finite(value.get("coordinates")):
        return None, _("a coordinate is NaN or Infinity, not a number")
    try:
        geometry = GEOSGeometry(json.dumps(value), srid=4326)
    except (GEOSException, GDALException, ValueError, TypeError) as exc:
        return None, _("unreadable geometry (%(reason)s)") % {"reason": _short(exc)}
    if geometry.empty:
        return None, None
    return flat_2d(geometry), None


def _property(name: str, value):
    """A GeoJSON property as a cell: the API nests the sector and governorate as objects."""
    if isinstance(value, dict):
        if name == "sector":
            return _clean_cell(value.get("slug"))
        if name in ("governorate", "governorate_iso"):
            return _clean_cell(value.get("iso_code"))
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return " | ".join(_clean_cell(v) for v in value if _clean_cell(v))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean_cell(value)


# JSON's "\ud800" escapes give Python strings no UTF-8 can hold: the database driver,
# the page and the terminal would each fail on them with a traceback.
_SURROGATES = re.compile("[\ud800-\udfff]")


def _surrogates_refuse(record: Record) -> None:
    """A record whose text holds a lone surrogate is an error of its own, its text made safe to show."""
    broken = [name for name, value in record.data.items() if isinstance(value, str) and _SURROGATES.search(value)]
    if not broken:
        return
    for name in broken:
        record.data[name] = _SURROGATES.sub("\ufffd", record.data[name])
    record.extra["cells"] = _("%(columns)s: broken text (a lone \\ud800-\\udfff escape, half of a character)") % {
        "columns": ", ".join(broken)}


def read_geojson(content: bytes) -> ReadResult:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ImportFileError(_("The file is not valid GeoJSON: %(reason)s") % {"reason": _short(exc)}) from exc
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" or not isinstance(
        document.get("features"), list
    ):
        raise ImportFileError(_("The file is not a GeoJSON FeatureCollection."))
    records, columns, has_geometry = [], {}, False
    for number, feature in enumerate(document["features"], start=1):
        if not isinstance(feature, dict):
            records.append(Record(number=number, data={}, geometry_error=_("not a GeoJSON Feature")))
            continue
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            properties = {}
        data = {}
        for key, value in properties.items():
            name = _SURROGATES.sub("\ufffd", str(key).strip().lower())
            columns.setdefault(name, None)
            data[name] = json.dumps(value) if name == "footprint" and isinstance(value, dict) else _property(name, value)
        geometry, error = _geometry(feature.get("geometry"))
        has_geometry = has_geometry or feature.get("geometry") is not None
        record = Record(number=number, data=data, geometry=geometry, geometry_error=error)
        _surrogates_refuse(record)
        records.append(record)
    return ReadResult(records=records, unit="feature", columns=list(columns), has_geometry=has_geometry)


def _short(exc) -> str:
    # GDAL and GEOS name the temporary file they read; staff need the reason, not a server path.
    text = str(exc) or exc.__class__.__name__
    text = re.sub(r"(/vsizip/)?(/[^\s'\"]*)?/cluster-import-[^\s'\"]*", "…", text)
    text = re.sub(r"(?<![\w.])/(tmp|var|home|root|srv|work)/[^\s'\"]*", "…", text)
    return text[:300]


def _read_with_gdal(path: str, encoding: str) -> ReadResult:
    try:
        source = DataSource(path, encoding=encoding)
    except (GDALException, UnicodeDecodeError) as exc:
        raise ImportFileError(_("GDAL could not open the file: %(reason)s") % {"reason": _short(exc)}) from exc
    if source.layer_count < 1:
        raise ImportFileError(_("The file holds no layer."))
    layer = source[0]
    has_geometry = layer.geom_type.num != 100  # wkbNone: a table without geometry, read like a CSV
    columns = [column_restore_shapefile(name) for name in layer.fields]
    records = []
    try:
        for number, feature in enumerate(layer, start=1):
            data = {column: _clean_cell(feature.get(name)) for column, name in zip(columns, layer.fields)}
            geometry, error = None, None
            if has_geometry:
                try:
                    ogr = feature.geom
                    if ogr is not None and not ogr.empty:
                        if ogr.srs is not None and ogr.srid != 4326:
                            ogr.transform(4326)
                        geometry = flat_2d(GEOSGeometry(memoryview(ogr.wkb), srid=4326))
                        if not _finite(list(geometry.coords) if geometry.geom_type == "Point" else []):
                            geometry, error = None, _("a coordinate is NaN or Infinity, not a number")
                except (GDALException, GEOSException) as exc:
                    error = _("unreadable geometry (%(reason)s)") % {"reason": _short(exc)}
            records.append(Record(number=number, data=data, geometry=geometry, geometry_error=error))
    except UnicodeDecodeError as exc:
        raise ImportFileError(_(
            "The file's text is not UTF-8 and its code page could not be told from it. Add the Shapefile's "
            ".cpg file to the zip, or give the encoding (for Arabic Windows, CP1256)."
        )) from exc
    except GDALException as exc:
        raise ImportFileError(_("GDAL could not read the file: %(reason)s") % {"reason": _short(exc)}) from exc
    return ReadResult(records=records, unit="feature", columns=columns, has_geometry=has_geometry)


def _arabic_share(text: str) -> float:
    # Of the characters beyond ASCII: field names and codes are ASCII in any code page.
    beyond = [c for c in text if ord(c) > 127 and not c.isspace()]
    return sum(1 for c in beyond if "\u0600" <= c <= "\u06ff") / len(beyond) if beyond else 0


def dbf_encoding(dbf: bytes) -> str | None:
    """The code page of a DBF that does not say its own: UTF-8 when it decodes, else Arabic Windows (CP1256).

    Egyptian Shapefiles are often saved by ArcGIS in CP1256 without a .cpg; GDAL
    would then read them as Latin-1 and turn every Arabic name into mojibake.
    """
    if len(dbf) > 29 and dbf[29] != 0:
        return None  # the header's language driver id says it; GDAL reads that itself
    body = dbf[32:]
    try:
        body.decode("utf-8")
        return "UTF-8"
    except UnicodeDecodeError:
        pass
    if _arabic_share(body.decode("cp1256", errors="replace")) > 0.6:
        return "CP1256"
    return None


def _unpack_shapefile(path: str, folder: str, encoding: str | None) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            shapefiles = [n for n in names if n.lower().endswith(".shp") and not n.startswith("__MACOSX")]
            if len(shapefiles) != 1:
                raise ImportFileError(_("The zip archive must hold exactly one Shapefile (.shp)."))
            stem = shapefiles[0][:-4]
            parts = [n for n in names if n[: len(stem) + 1].lower() == (stem + ".").lower()]
            target = os.path.join(folder, "shape")
            os.makedirs(target, exist_ok=True)
            written = {}
            for name in parts:
                extension = name[len(stem):].lower()
                if extension not in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                    continue
                with archive.open(name) as source, open(os.path.join(target, "upload" + extension), "wb") as out:
                    out.write(source.read())
                written[extension] = os.path.join(target, "upload" + extension)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError) as exc:
        raise ImportFileError(_("The file is not a valid zip archive.")) from exc
    if ".dbf" in written and (encoding or ".cpg" not in written):
        with open(written[".dbf"], "rb") as handle:
            found = encoding or dbf_encoding(handle.read())
        if found:
            with open(os.path.join(target, "upload.cpg"), "w", encoding="ascii") as handle:
                handle.write(found)
    return os.path.join(target, "upload.shp")


def read_gdal_bytes(content: bytes, suffix: str, encoding: str | None = None) -> ReadResult:
    with tempfile.TemporaryDirectory(prefix="cluster-import-") as folder:
        path = os.path.join(folder, f"upload{suffix}")
        with open(path, "wb") as handle:
            handle.write(content)
        if suffix == ".zip":
            path = _unpack_shapefile(path, folder, encoding)
        # The .cpg has told GDAL the code page; it hands Django UTF-8.
        return _read_with_gdal(path, "utf-8")


SUPPORTED_SUFFIXES = (".csv", ".geojson", ".json", ".gpkg", ".zip")


def read_records(content: bytes, filename: str, *, encoding: str | None = None) -> ReadResult:
    """Read a file by its name's suffix. encoding: a Shapefile's code page when its .cpg is missing."""
    suffix = os.path.splitext(filename.lower())[1]
    if suffix == ".csv":
        return read_csv(content)
    if suffix in (".geojson", ".json"):
        return read_geojson(content)
    if suffix in (".gpkg", ".zip"):
        return read_gdal_bytes(content, suffix, encoding)
    raise ImportFileError(
        _("Unsupported file type “%(suffix)s”: use CSV, GeoJSON, GeoPackage or a zipped Shapefile.")
        % {"suffix": suffix or filename}
    )
