"""Query parameters of the clusters API, parsed and validated without HTTP.

Plain functions over a mapping of lists (a Django QueryDict, or a dict of
lists in tests and in the OGC adapter), so that every web front end shares one
set of rules and one set of error messages. An empty value counts as absent
(HTML forms send `sector=` for "any"); a parameter that is not one of ours is
ignored, as the OpenAPI document says.
"""

import math
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from clusters.models import SLUG_PATTERN, Cluster, Governorate, Sector
from clusters.text import normalize_text

MAX_LIMIT = 10000
# Postgres takes OFFSET as bigint; anything this large is a mistake, not a page.
MAX_OFFSET = 10**9
# Long enough for any real name and its products; a cap keeps one request from
# asking the database for thousands of LIKE terms.
MAX_Q_LENGTH = 300
MAX_SIMPLIFY = 1.0
GEOMETRIES = ("point", "footprint")
EXPORT_FORMATS = ("geojson", "csv", "gpkg", "kml")
PRECISIONS = tuple(Cluster.Precision.values)

_SLUG = re.compile(SLUG_PATTERN)
_ISO = re.compile(r"^EG-[A-Z]{1,3}$")
# Python's float() also takes "nan", "inf", "1_0" and surrounding blanks.
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", re.ASCII)


class ParameterError(Exception):
    """A bad value for one query parameter; `message` is already translated."""

    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class ClusterFilters:
    """What a request selects among the published clusters. Empty means "any"."""

    sectors: tuple[str, ...] = ()
    governorates: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    terms: tuple[str, ...] = ()  # folded by normalize_text, each must match
    precisions: tuple[str, ...] = ()
    geometry: str = "point"  # "footprint" leaves out clusters without one


@dataclass(frozen=True)
class Page:
    limit: int | None = None  # None: every match, in one response
    offset: int = 0


def _value(query, name: str) -> str | None:
    """The one value of a parameter, or None when absent or empty."""
    values = query.getlist(name) if hasattr(query, "getlist") else query.get(name, [])
    if isinstance(values, str):
        values = [values]
    values = [v for v in values if v != ""]
    if not values:
        return None
    if len(values) > 1:
        raise ParameterError(name, _("Give this parameter once; use commas to list several values."))
    value = values[0]
    if "\x00" in value:
        raise ParameterError(name, _("The value contains a NUL character."))
    return value


def _list(query, name: str) -> list[str]:
    value = _value(query, name)
    if value is None:
        return []
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ParameterError(name, _("The list has an empty item."))
    # Order-preserving de-duplication keeps ETags equal for equal requests.
    return list(dict.fromkeys(items))


def _known(name: str, items: list[str], known: set[str]) -> tuple[str, ...]:
    unknown = [item for item in items if item not in known]
    if unknown:
        raise ParameterError(name, _("Unknown value: %(value)s.") % {"value": unknown[0][:100]})
    return tuple(sorted(items))


def sectors_parse(query) -> tuple[str, ...]:
    items = [item.lower() for item in _list(query, "sector")]
    # Checking the shape first keeps odd text out of the database query.
    bad = [item for item in items if len(item) > 60 or not _SLUG.match(item)]
    if bad:
        raise ParameterError("sector", _("Unknown value: %(value)s.") % {"value": bad[0][:100]})
    known = set(Sector.objects.filter(slug__in=items).values_list("slug", flat=True)) if items else set()
    return _known("sector", items, known)


def governorates_parse(query) -> tuple[str, ...]:
    items = [item.upper() for item in _list(query, "governorate")]
    bad = [item for item in items if not _ISO.match(item)]
    if bad:
        raise ParameterError("governorate", _("Unknown value: %(value)s.") % {"value": bad[0][:100]})
    known = set(Governorate.objects.filter(iso_code__in=items).values_list("iso_code", flat=True)) if items else set()
    return _known("governorate", items, known)


def _number(name: str, text: str) -> float:
    text = text.strip()
    if not _NUMBER.match(text):
        raise ParameterError(name, _("“%(value)s” is not a number.") % {"value": text[:100]})
    number = float(text)
    if not math.isfinite(number):
        raise ParameterError(name, _("“%(value)s” is not a number.") % {"value": text[:100]})
    return number


def bbox_parse(query) -> tuple[float, float, float, float] | None:
    value = _value(query, "bbox")
    if value is None:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise ParameterError("bbox", _("Give four numbers: minLon,minLat,maxLon,maxLat."))
    min_lon, min_lat, max_lon, max_lat = (_number("bbox", part) for part in parts)
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ParameterError("bbox", _("Longitudes must lie between -180 and 180."))
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ParameterError("bbox", _("Latitudes must lie between -90 and 90."))
    if min_lon > max_lon or min_lat > max_lat:
        raise ParameterError("bbox", _("The minimum must not be above the maximum."))
    return (min_lon, min_lat, max_lon, max_lat)


def terms_parse(query) -> tuple[str, ...]:
    value = _value(query, "q")
    if value is None:
        return ()
    if len(value) > MAX_Q_LENGTH:
        raise ParameterError("q", _("The search text is longer than %(max)d characters.") % {"max": MAX_Q_LENGTH})
    # The same folding as Cluster.search_text, so hamza, shadda and case all match.
    return tuple(dict.fromkeys(normalize_text(value).split()))


def precisions_parse(query) -> tuple[str, ...]:
    return _known("precision", _list(query, "precision"), set(PRECISIONS))


def geometry_parse(query) -> str:
    value = _value(query, "geometry")
    if value is None:
        return "point"
    if value not in GEOMETRIES:
        raise ParameterError("geometry", _("Use one of: %(choices)s.") % {"choices": ", ".join(GEOMETRIES)})
    return value


def cluster_filters_parse(query) -> ClusterFilters:
    """Every filter of GET /api/v1/clusters/; raises ParameterError on the first bad one."""
    return ClusterFilters(
        sectors=sectors_parse(query),
        governorates=governorates_parse(query),
        bbox=bbox_parse(query),
        terms=terms_parse(query),
        precisions=precisions_parse(query),
        geometry=geometry_parse(query),
    )


def _integer(query, name: str, minimum: int, maximum: int) -> int | None:
    value = _value(query, name)
    if value is None:
        return None
    if not value.isascii() or not value.isdigit():
        raise ParameterError(name, _("Give a whole number from %(min)d to %(max)d.") % {"min": minimum, "max": maximum})
    number = int(value)
    if not minimum <= number <= maximum:
        raise ParameterError(name, _("Give a whole number from %(min)d to %(max)d.") % {"min": minimum, "max": maximum})
    return number


def page_parse(query, *, max_limit: int = MAX_LIMIT) -> Page:
    """limit (1..max_limit) and offset (0 or more); without limit, offset must be absent or 0."""
    limit = _integer(query, "limit", 1, max_limit)
    offset = _integer(query, "offset", 0, MAX_OFFSET) or 0
    if limit is None and offset:
        raise ParameterError("offset", _("Give limit together with offset."))
    return Page(limit=limit, offset=offset)


def export_format_parse(query) -> str | None:
    value = _value(query, "format")
    if value is None:
        return None
    value = value.lower()
    if value not in EXPORT_FORMATS:
        raise ParameterError("format", _("Use one of: %(choices)s.") % {"choices": ", ".join(EXPORT_FORMATS)})
    return value


def simplify_parse(query) -> float | None:
    value = _value(query, "simplify")
    if value is None:
        return None
    number = _number("simplify", value)
    if not 0 <= number <= MAX_SIMPLIFY:
        raise ParameterError("simplify", _("Give a tolerance in degrees from 0 to %(max)s.") % {"max": MAX_SIMPLIFY})
    return number or None
