"""Coordinate reference systems of the OGC service (OGC API - Features Part 2).

Features are stored in WGS 84 (SRID 4326) and leave in the CRS a client asks
for, transformed by PostGIS (ST_Transform) in the one statement that builds
the GeoJSON. The list is closed: Egypt's own grids (Red Belt, UTM 36N), Web
Mercator, and WGS 84 in both axis orders. EPSG:4326 is latitude first, as
its definition says and Part 2 requires (/req/crs/ogc-crs-header-content);
CRS84, the default, is longitude first like GeoJSON.
"""

from dataclasses import dataclass

from django.contrib.gis.geos import Polygon
from django.utils.translation import gettext as _

from clusters.filters import ParameterError, number_parse as _number, parameter_value as _value
from clusters.ogc.links import CRS84


@dataclass(frozen=True)
class Crs:
    uri: str
    srid: int
    lat_lon: bool = False  # axis order: latitude (or northing) first


_EPSG = "http://www.opengis.net/def/crs/EPSG/0/"
SUPPORTED = {
    CRS84: Crs(CRS84, 4326),
    _EPSG + "4326": Crs(_EPSG + "4326", 4326, lat_lon=True),
    _EPSG + "3857": Crs(_EPSG + "3857", 3857),
    _EPSG + "22992": Crs(_EPSG + "22992", 22992),  # Egypt 1907 / Red Belt: easting first
    _EPSG + "32636": Crs(_EPSG + "32636", 32636),  # WGS 84 / UTM zone 36N
}
DEFAULT = SUPPORTED[CRS84]
STORAGE_CRS = CRS84


def _normalised(text: str) -> str:
    # Clients write the same CRS as a URI, a safe CURIE ([EPSG:4326]) or a short EPSG:4326.
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    upper = text.upper()
    if upper in ("OGC:CRS84", "CRS84"):
        return CRS84
    if upper.startswith("EPSG:") and text[5:].isdigit():
        return _EPSG + text[5:]
    # https:// names the same register entry as http://.
    if text.startswith("https://www.opengis.net/"):
        text = "http://" + text[len("https://"):]
    return text


def crs_parse(query, name: str = "crs") -> Crs:
    """The CRS named by the query parameter `name` (crs, bbox-crs, filter-crs); CRS84 when absent."""
    value = _value(query, name)
    if value is None:
        return DEFAULT
    crs = SUPPORTED.get(_normalised(value))
    if crs is None:
        raise ParameterError(name, _("Unsupported coordinate reference system. Use one of: %(choices)s.")
                             % {"choices": ", ".join(SUPPORTED)})
    return crs


def bbox_in_wgs84(bbox: tuple, crs: Crs) -> tuple:
    """A bbox given in `crs` as a lon/lat box that holds it (its envelope after the transform)."""
    if crs == DEFAULT:
        return bbox
    min_x, min_y, max_x, max_y = bbox
    if crs.lat_lon:
        min_x, min_y, max_x, max_y = min_y, min_x, max_y, max_x
    if crs.srid == 4326:
        return (min_x, min_y, max_x, max_y)
    box = Polygon.from_bbox((min_x, min_y, max_x, max_y))
    box.srid = crs.srid
    # Densified edges: a straight side in a projected grid bends in lon/lat.
    steps = 16
    ring = []
    for (x0, y0), (x1, y1) in zip(box.coords[0][:-1], box.coords[0][1:]):
        ring += [(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) for i in range(steps)]
    dense = Polygon(ring + [ring[0]], srid=crs.srid)
    dense.transform(4326)
    return dense.extent


def bbox_crs_parse(query, lon_lat_parse) -> tuple | None:
    """The bbox as a lon/lat box: `lon_lat_parse(query)` reads it when in CRS84, else it is read in bbox-crs.

    bbox-crs without a bbox is checked and then has nothing to say, as the OpenAPI document declares
    each parameter on its own.
    """
    crs = crs_parse(query, "bbox-crs")
    value = _value(query, "bbox")
    if value is None:
        return None
    if crs == DEFAULT:
        return lon_lat_parse(query)
    parts = value.split(",")
    if len(parts) == 6:
        parts = [parts[0], parts[1], parts[3], parts[4]]
    if len(parts) != 4:
        raise ParameterError("bbox", _("Give four numbers (or six, with heights) in the order of bbox-crs's axes."))
    numbers = [_number("bbox", part) for part in parts]
    if numbers[0] > numbers[2] or numbers[1] > numbers[3]:
        raise ParameterError("bbox", _("Each lower corner value must not be above the upper one."))
    try:
        return bbox_in_wgs84(tuple(numbers), crs)
    except Exception:  # GEOS/PROJ refuse a box outside the projection's domain
        raise ParameterError("bbox", _("The box lies outside the area bbox-crs covers.")) from None


def content_crs_header(crs: Crs) -> str:
    return f"<{crs.uri}>"
