"""Governorate outlines for pictures drawn on the server: the statistics page's
small choropleth (SVG) and a cluster's link-preview image (PNG).

Both are cut down in PostGIS so that Python never handles the full-resolution
boundaries. Governorate boundaries are fixed reference data (loaded once by
seeding), so a non-empty result is kept for the life of the process.
"""

import json

from django.db import connection

# Degrees. Coarse enough for a picture a few hundred pixels wide, fine enough
# that the Delta's small governorates keep their shape.
SVG_TOLERANCE = 0.02
OUTLINE_TOLERANCE = 0.01


_cache: dict = {}


def governorate_svg_paths() -> dict:
    """{"view_box": "x y w h", "paths": [{iso_code, name_ar, name_en, d}]}.

    ST_AsSVG writes y as -latitude, so north is up without a transform.
    """
    if "svg" in _cache:
        return _cache["svg"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT iso_code, name_ar, name_en,"
            " ST_AsSVG(ST_SimplifyPreserveTopology(boundary, %s), 0, 3)"
            " FROM clusters_governorate ORDER BY iso_code",
            [SVG_TOLERANCE],
        )
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)"
            " FROM (SELECT ST_Extent(boundary) AS e FROM clusters_governorate) AS extent"
        )
        extent = cursor.fetchone()
    paths = [{"iso_code": iso, "name_ar": ar, "name_en": en, "d": d} for iso, ar, en, d in rows]
    if extent[0] is None:
        # No boundaries yet (a fresh database): nothing to keep.
        return {"view_box": "0 0 1 1", "paths": paths}
    min_x, min_y, max_x, max_y = extent
    pad = 0.1
    view_box = f"{min_x - pad:.3f} {-max_y - pad:.3f} {max_x - min_x + 2 * pad:.3f} {max_y - min_y + 2 * pad:.3f}"
    _cache["svg"] = {"view_box": view_box, "paths": paths}
    return _cache["svg"]


def governorate_outlines() -> tuple:
    """One tuple of rings per governorate; a ring is a tuple of (lon, lat), outer and inner alike."""
    if "outlines" in _cache:
        return _cache["outlines"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(boundary, %s), 4) FROM clusters_governorate",
            [OUTLINE_TOLERANCE],
        )
        rows = cursor.fetchall()
    outlines = []
    for (text,) in rows:
        geometry = json.loads(text)
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = tuple(tuple(tuple(point) for point in ring) for polygon in polygons for ring in polygon)
        outlines.append(rings)
    if outlines:
        _cache["outlines"] = tuple(outlines)
    return tuple(outlines)
