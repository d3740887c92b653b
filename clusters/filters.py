"""What a reader selects among the published clusters, parsed and validated without HTTP.

Plain functions over a mapping of lists (a Django QueryDict, or a dict of
lists or strings), so that every front end (API, OGC, pages) shares one set of
rules and one set of error messages. An empty value counts as absent (HTML
forms send `sector=` for "any"); a parameter that is not one of ours is
ignored here, and an adapter that must refuse it (OGC) checks that itself.
"""

import math
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from clusters.constants import (
    ISO_PATTERN, MAX_LIMIT, MAX_OFFSET, MAX_Q_LENGTH, SECTOR_SLUG_MAX_LENGTH, SLUG_PATTERN,
)
from clusters.models import Cluster, Governorate, Sector
from clusters.text import normalize_text

GEOMETRIES = ("point", "footprint")
PRECISIONS = tuple(Cluster.Precision.values)

_SLUG = re.compile(SLUG_PATTERN)
_ISO = re.compile(ISO_PATTERN)
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
    # Who supports the cluster (issue 12): a published programme's or organisation's slug, and
    # True/False for "some public support" / "none yet". None means any.
    programme: str | None = None
    organisation: str | None = None
    supported: bool | None = None


@dataclass(frozen=True)
class Page:
    limit: int | None = None  # None: every match, in one response
    offset: int = 0


def parameter_value(query, name: str) -> str | None:
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
    value = parameter_value(query, name)
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
    bad = [item for item in items if len(item) > SECTOR_SLUG_MAX_LENGTH or not _SLUG.match(item)]
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


def number_parse(name: str, text: str) -> float:
    """A finite decimal number; `name` is the parameter an error names."""
    text = text.strip()
    if not _NUMBER.match(text):
        raise ParameterError(name, _("“%(value)s” is not a number.") % {"value": text[:100]})
    number = float(text)
    if not math.isfinite(number):
        raise ParameterError(name, _("“%(value)s” is not a number.") % {"value": text[:100]})
    return number


def bbox_parse(query) -> tuple[float, float, float, float] | None:
    value = parameter_value(query, "bbox")
    if value is None:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise ParameterError("bbox", _("Give four numbers: minLon,minLat,maxLon,maxLat."))
    min_lon, min_lat, max_lon, max_lat = (number_parse("bbox", part) for part in parts)
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ParameterError("bbox", _("Longitudes must lie between -180 and 180."))
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ParameterError("bbox", _("Latitudes must lie between -90 and 90."))
    if min_lon > max_lon or min_lat > max_lat:
        raise ParameterError("bbox", _("The minimum must not be above the maximum."))
    return (min_lon, min_lat, max_lon, max_lat)


def terms_parse(query) -> tuple[str, ...]:
    value = parameter_value(query, "q")
    if value is None:
        return ()
    if len(value) > MAX_Q_LENGTH:
        raise ParameterError("q", _("The search text is longer than %(max)d characters.") % {"max": MAX_Q_LENGTH})
    # The same folding as Cluster.search_text, so hamza, shadda and case all match.
    return tuple(dict.fromkeys(normalize_text(value).split()))


def precisions_parse(query) -> tuple[str, ...]:
    return _known("precision", _list(query, "precision"), set(PRECISIONS))


def geometry_parse(query) -> str:
    value = parameter_value(query, "geometry")
    if value is None:
        return "point"
    if value not in GEOMETRIES:
        raise ParameterError("geometry", _("Use one of: %(choices)s.") % {"choices": ", ".join(GEOMETRIES)})
    return value


def support_slug_parse(query, name: str) -> str | None:
    """`programme` or `organisation`: the slug of a published one, or None when absent."""
    from clusters.programmes.selectors import organisation_public_queryset, programme_public_queryset

    value = parameter_value(query, name)
    if value is None:
        return None
    value = value.strip().lower()
    public = programme_public_queryset() if name == "programme" else organisation_public_queryset()
    # The shape first keeps odd text out of the database query; a draft is as unknown as a typo.
    if len(value) > 80 or not _SLUG.match(value) or not public.filter(slug=value).exists():
        raise ParameterError(name, _("Unknown value: %(value)s.") % {"value": value[:100]})
    return value


def supported_parse(query) -> bool | None:
    value = parameter_value(query, "supported")
    if value is None:
        return None
    if value not in ("true", "false"):
        raise ParameterError("supported", _("Give true or false."))
    return value == "true"


def cluster_filters_parse(query) -> ClusterFilters:
    """Every cluster filter (sector, governorate, bbox, q, precision, geometry); raises ParameterError on the first bad one."""
    return ClusterFilters(
        sectors=sectors_parse(query),
        governorates=governorates_parse(query),
        bbox=bbox_parse(query),
        terms=terms_parse(query),
        precisions=precisions_parse(query),
        geometry=geometry_parse(query),
        programme=support_slug_parse(query, "programme"),
        organisation=support_slug_parse(query, "organisation"),
        supported=supported_parse(query),
    )


def _integer(query, name: str, minimum: int, maximum: int) -> int | None:
    value = parameter_value(query, name)
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
