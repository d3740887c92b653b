"""What an import would change in a cluster, field by field, and how the preview shows it.

An export rounds coordinates to 6 decimals (about 0.1 m); a point or footprint
within that of the stored one is the same, so an export re-imports unchanged.
"""

from django.contrib.gis.geos import GEOSGeometry

from clusters.models import Cluster

GEOMETRY_TOLERANCE = 1e-6
SHOWN_CHARACTERS = 120


def _same(current, new) -> bool:
    if isinstance(current, GEOSGeometry) or isinstance(new, GEOSGeometry):
        if current is None or new is None:
            return current is None and new is None
        return current.geom_type == new.geom_type and current.equals_exact(new, tolerance=GEOMETRY_TOLERANCE)
    if hasattr(current, "pk") or hasattr(new, "pk"):
        return getattr(current, "pk", None) == getattr(new, "pk", None)
    if isinstance(current, str) and isinstance(new, str):
        # A spreadsheet turns "\r\n" into "\n"; the text is the same.
        return current.replace("\r\n", "\n") == new.replace("\r\n", "\n")
    return current == new


def cluster_field_changes(existing: Cluster, values: dict) -> dict:
    """{field: new value} for every value that differs from the stored cluster."""
    return {
        name: value for name, value in values.items()
        if name != "slug" and not _same(getattr(existing, name), value)
    }


def shown(value) -> str:
    """A field's value as the preview shows it: short, plain text."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, GEOSGeometry):
        if value.geom_type == "Point":
            return f"{value.y:.6f}, {value.x:.6f}"
        return f"{value.geom_type} ({value.num_coords})"
    if hasattr(value, "iso_code"):
        return value.iso_code
    if hasattr(value, "slug"):
        return value.slug
    if isinstance(value, (list, tuple)):
        value = " | ".join(str(v) for v in value)
    text = str(value).replace("\n", " | ")
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


def changes_shown(existing: Cluster | None, changes: dict) -> list[dict]:
    """[{field, old, new}] for the preview, in the order the file's values came."""
    return [
        {"field": name, "old": shown(getattr(existing, name) if existing is not None else None), "new": shown(value)}
        for name, value in changes.items()
    ]
