"""Size limits on an import, checked before any heavy work.

A 1 MB zip of 200,000 points once held a web worker for 30 s and 595 MB before
it died. So before records are built, geometries parsed or a row checked, the
file is measured as cheaply as its format allows: its bytes first, then how
many records it holds (CSV rows streamed, GDAL's own feature count, GeoJSON
features after the JSON parse), then how many vertices its footprints have,
each alone and all together. A file over any limit is refused as a whole, with
a message that says which limit and by how much; nothing is read further.

The limits are settings (IMPORT_MAX_*), so a deployment can raise them for a
big worker; the command line and the admin refuse by the same numbers.
"""

import csv
import io
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.gdal import DataSource, GDALException
from django.utils.translation import gettext as _

from clusters.importing.readers import ImportFileError

MB = 1024 * 1024
DEFAULTS = {
    "IMPORT_MAX_BYTES": 50 * MB,
    "IMPORT_MAX_UNZIPPED_BYTES": 500 * MB,
    "IMPORT_MAX_FEATURES": 100_000,
    "IMPORT_MAX_FOOTPRINT_VERTICES": 20_000,
    "IMPORT_MAX_VERTICES": 2_000_000,
}
# A GeoJSON position is "[x, ...": a bracket before a number. A WKT one starts after "(" or ",".
_GEOJSON_POSITION = re.compile(r"\[\s*[-+]?[\d.]")
_WKT_POSITION = re.compile(r"[(,]\s*[-+]?[\d.]")


class ImportTooLarge(ImportFileError):
    """The file is over one of the import limits; it was not read."""


@dataclass
class ImportSize:
    features: int
    vertices: int


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


def _megabytes(size: int) -> str:
    if size >= MB:
        return _("%(size)s MB") % {"size": f"{size / MB:,.1f}"}
    return _("%(size)s KB") % {"size": f"{size / 1024:,.0f}"}


def import_bytes_check(size: int) -> None:
    """Refuse by size alone: callers pass the upload's or the file's size before reading it."""
    maximum = limit("IMPORT_MAX_BYTES")
    if size > maximum:
        raise ImportTooLarge(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": _megabytes(size), "limit": _megabytes(maximum)}
        )


def _features_check(count: int) -> None:
    maximum = limit("IMPORT_MAX_FEATURES")
    if count > maximum:
        raise ImportTooLarge(
            _("The file holds more than %(limit)s records (%(count)s counted so far); split it into smaller files.")
            % {"limit": f"{maximum:,}", "count": f"{count:,}"}
        )


class _VertexTally:
    def __init__(self):
        self.per_footprint = limit("IMPORT_MAX_FOOTPRINT_VERTICES")
        self.overall = limit("IMPORT_MAX_VERTICES")
        self.total = 0

    def add(self, count: int, unit: str, number: int) -> None:
        if count > self.per_footprint:
            raise ImportTooLarge(
                _("%(unit)s %(number)s: its geometry has %(count)s vertices; the limit is %(limit)s. "
                  "Simplify it first.")
                % {"unit": _("Feature") if unit == "feature" else _("Row"), "number": number,
                   "count": f"{count:,}", "limit": f"{self.per_footprint:,}"}
            )
        self.total += count
        if self.total > self.overall:
            raise ImportTooLarge(
                _("The file's geometries have more than %(limit)s vertices in all; "
                  "split the file or simplify its footprints.") % {"limit": f"{self.overall:,}"}
            )


def _text_vertices(text: str) -> int:
    """Vertices in a footprint cell, GeoJSON or WKT, counted without parsing it."""
    text = text.strip()
    if not text:
        return 0
    pattern = _GEOJSON_POSITION if text[0] in "{[" else _WKT_POSITION
    return len(pattern.findall(text))


def _csv_size(content: bytes) -> ImportSize | None:
    # The csv module's default cell limit (128 KiB) would stop the count at a big
    # footprint; the byte limit already bounds every cell. Restored after, as it is global.
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, limit("IMPORT_MAX_BYTES")))
    try:
        stream = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
        reader = csv.reader(stream)
        header = next(reader, None)
        if header is None:
            return None
        names = [name.strip().lower() for name in header]
        footprint = names.index("footprint") if "footprint" in names else None
        tally, rows = _VertexTally(), 0
        for number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            _features_check(rows)
            if footprint is not None and footprint < len(row):
                tally.add(_text_vertices(row[footprint]), "row", number)
        return ImportSize(rows, tally.total)
    except (UnicodeDecodeError, csv.Error):
        # Not ours to explain: the reader says what is wrong with the text.
        return None
    finally:
        csv.field_size_limit(previous)


def _positions(value) -> int:
    """Positions in a GeoJSON geometry's coordinates, walked without recursion."""
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(v for k, v in item.items() if k in ("coordinates", "geometries"))
        elif isinstance(item, list):
            if item and isinstance(item[0], (int, float)):
                count += 1
            else:
                stack.extend(item)
    return count


def _geojson_size(content: bytes) -> ImportSize | None:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except RecursionError as exc:
        raise ImportTooLarge(_("The file nests its JSON too deeply to be read.")) from exc
    except (UnicodeDecodeError, ValueError):
        return None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        return None
    _features_check(len(features))
    tally = _VertexTally()
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            continue
        count = _positions(feature.get("geometry"))
        properties = feature.get("properties")
        footprint = properties.get("footprint") if isinstance(properties, dict) else None
        if isinstance(footprint, dict):
            count += _positions(footprint)
        elif isinstance(footprint, str):
            count += _text_vertices(footprint)
        tally.add(count, "feature", number)
    return ImportSize(len(features), tally.total)


def _zip_check(path: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return
    maximum = limit("IMPORT_MAX_UNZIPPED_BYTES")
    if unpacked > maximum:
        raise ImportTooLarge(
            _("The zip archive unpacks to %(size)s; the limit is %(limit)s.")
            % {"size": _megabytes(unpacked), "limit": _megabytes(maximum)}
        )


def _gdal_size(content: bytes, suffix: str) -> ImportSize | None:
    with tempfile.TemporaryDirectory(prefix="cluster-limits-") as folder:
        path = os.path.join(folder, f"upload{suffix}")
        with open(path, "wb") as handle:
            handle.write(content)
        if suffix == ".zip":
            _zip_check(path)
            try:
                with zipfile.ZipFile(path) as archive:
                    shapefiles = [n for n in archive.namelist() if n.lower().endswith(".shp")]
            except zipfile.BadZipFile:
                return None
            if len(shapefiles) != 1:
                return None
            path = f"/vsizip/{path}/{shapefiles[0]}"
        try:
            source = DataSource(path)
            if source.layer_count < 1:
                return None
            layer = source[0]
            # GDAL reads the count from the file's header or index: no feature is built.
            features = layer.num_feat
            _features_check(features)
            fields = [name.strip().lower() for name in layer.fields]
            footprint = layer.fields[fields.index("footprint")] if "footprint" in fields else None
            kind = layer.geom_type.name
            if footprint is None and kind in ("Point", "Point25D", "None"):
                # One vertex a feature, or none: no need to look at each.
                return ImportSize(features, 0 if kind == "None" else features)
            tally = _VertexTally()
            for number, feature in enumerate(layer, start=1):
                count = 0
                geometry = feature.geom
                if geometry is not None:
                    count += getattr(geometry, "point_count", 1)
                if footprint is not None:
                    count += _text_vertices(str(feature.get(footprint) or ""))
                tally.add(count, "feature", number)
            return ImportSize(features, tally.total)
        except GDALException:
            return None


def import_limits_check(content: bytes, filename: str) -> ImportSize | None:
    """Raise ImportTooLarge when the file is over a limit; else say its size, or None when it cannot tell.

    None means the file could not be measured (not UTF-8, not JSON, not a
    dataset GDAL opens): the reader then refuses it with the reason.
    """
    import_bytes_check(len(content))
    suffix = os.path.splitext(filename.lower())[1]
    if suffix == ".csv":
        return _csv_size(content)
    if suffix in (".geojson", ".json"):
        return _geojson_size(content)
    if suffix in (".gpkg", ".zip"):
        return _gdal_size(content, suffix)
    return None
