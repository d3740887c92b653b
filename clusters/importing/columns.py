"""The columns of a cluster file: the single list the importer reads and every export writes.

EDITABLE_COLUMNS are what an import may change, in the order exports write
them. EXPORT_ONLY_COLUMNS are what an export adds for people and GIS programs
(names of the sector and governorate, the page's url, the status ...): the
importer accepts them and ignores them, so any export re-imports as it is.
Any other column is an error that names it and suggests the closest known
one: a misspelt column is never dropped silently.
"""

import difflib

# What an import may write, in export order.
EDITABLE_COLUMNS = [
    "slug", "name_en", "name_ar", "aliases", "sector", "governorate_iso", "locality_en", "locality_ar",
    "lat", "lon", "location_precision", "enterprises", "employment", "products_en", "products_ar",
    "description_en", "description_ar", "source", "footprint",
]
# Without these a file cannot say which cluster it means or what it is. The
# location is required too: lat and lon, or a point geometry (see LOCATION_COLUMNS).
REQUIRED_COLUMNS = ["slug", "name_en", "name_ar", "sector"]
LOCATION_COLUMNS = ["lat", "lon"]
# Other names exports use for an editable column: the flat API exports call the
# governorate's ISO code "governorate"; a list of sources may be called "sources".
COLUMN_ALIASES = {
    "governorate": "governorate_iso",
    "sources": "source",
}
# Read-only columns some export writes; accepted and ignored on import.
EXPORT_ONLY_COLUMNS = [
    "sector_name_ar", "sector_name_en", "sector_color",
    "governorate_name_ar", "governorate_name_en",
    "status", "updated_at", "created_at", "url", "id", "version", "is_approximate",
    "programmes", "programme_slugs", "organisations",
]
# GeoJSON geometry and GDAL's own names for it: never a data column.
GEOMETRY_COLUMNS = ["geometry", "geom", "wkb_geometry", "the_geom", "fid", "ogc_fid"]

_ALL = EDITABLE_COLUMNS + list(COLUMN_ALIASES) + EXPORT_ONLY_COLUMNS


def column_canonical(name: str) -> str | None:
    """The editable column a header means; "" for a known export-only column; None when unknown."""
    name = name.strip().lower()
    if name in EDITABLE_COLUMNS:
        return name
    if name in COLUMN_ALIASES:
        return COLUMN_ALIASES[name]
    if name in EXPORT_ONLY_COLUMNS or name in GEOMETRY_COLUMNS:
        return ""
    return None


def column_restore_shapefile(name: str) -> str:
    """A Shapefile cuts column names to ten characters: "governorat" means governorate_iso."""
    name = name.strip().lower()
    if len(name) != 10 or column_canonical(name) is not None:
        return name
    candidates = sorted((c for c in _ALL if c.startswith(name)), key=len)
    if not candidates:
        return name
    # The shortest one is what the others extend ("governorate" before "governorate_name_ar").
    return candidates[0] if all(c.startswith(candidates[0]) for c in candidates) else name


def column_suggest(name: str) -> str | None:
    """The known column closest to a misspelt one, or None when nothing is close."""
    name = name.strip().lower()
    matches = difflib.get_close_matches(name, _ALL, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    # "governorate_code" or "lat_wgs84": a known column the header starts with or contains.
    containing = [c for c in EDITABLE_COLUMNS if len(c) > 2 and (name.startswith(c) or c in name)]
    return max(containing, key=len) if containing else None
