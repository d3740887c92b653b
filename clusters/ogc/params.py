"""Query parameters of the OGC API, over the domain's parsing (clusters.filters).

The filters (sector, governorate, q, bbox) and the paging rules are the
domain's (clusters.filters), as in the API: the same values mean the same
selection and fail with the same messages. What OGC API - Features asks differently lives here:
a default and clamped `limit`, a 3D `bbox`, `datetime`, `f`, `lang`, and a
400 for any parameter the OpenAPI document does not declare for the path.
"""

import dataclasses
import re
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from clusters.constants import MAX_LIMIT
from clusters.ogc.crs import bbox_crs_parse
from clusters.filters import (
    ClusterFilters, Page, ParameterError, bbox_parse, cluster_filters_parse, page_parse,
    number_parse as _number, parameter_value as _value,
)

DEFAULT_LIMIT = 100
FORMATS = ("json", "html")
COMMON = ("f", "lang")
PAGING = ("limit", "offset", "bbox", "datetime")
# The API's filters, offered on the clusters' items only: governorates are not filtered by sector or text.
CLUSTER_FILTERS = ("sector", "governorate", "q", "programme", "organisation")
# Every path's declared query parameters; the OpenAPI document is built from this table too.
DECLARED = {
    "landing": COMMON,
    "api": COMMON,
    "conformance": COMMON,
    "collections": COMMON,
    "collection": COMMON,
    "schema": COMMON,
    "item": COMMON + ("crs",),
    "queryables": COMMON,
    # Part 2 (crs, bbox-crs), Part 3 (filter, filter-lang, filter-crs) and sorting (sortby).
    "items:clusters": COMMON + PAGING + CLUSTER_FILTERS + ("crs", "bbox-crs", "filter", "filter-lang", "filter-crs", "sortby"),
    "items:governorates": COMMON + PAGING + ("crs", "bbox-crs", "filter", "filter-lang", "filter-crs"),
}
MAX_DATETIME_LENGTH = 100

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_JSON_TYPES = {"*/*", "application/*", "application/json", "application/geo+json"}
# GDAL's OAPIF driver writes a date from a -where clause as "2024-05-01T": taken as the date.
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt]?$")
# RFC 3339 date-time: the offset is required; "T" may be lower case or (section 5.6, note) a space.
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$"
)


class UnknownParameter(ParameterError):
    """A query parameter the path does not declare (/req/core/query-param-unknown)."""


def unknown_parameters_check(query, operation: str) -> None:
    declared = DECLARED[operation]
    for name in query:
        if name not in declared:
            raise UnknownParameter(
                name[:100], _("Unknown parameter. The API definition at /ogc/api lists the ones this path takes.")
            )


def format_negotiate(query, accept: str) -> str:
    """`f` when given, else HTML only when the client ranks text/html above every JSON type it takes.

    Browsers send text/html first and */* at a lower q; GDAL, OWSLib and
    curl send JSON types or */* alone, and get JSON.
    """
    value = _value(query, "f")
    if value is not None:
        value = value.lower()
        if value not in FORMATS:
            raise ParameterError("f", _("Use one of: %(choices)s.") % {"choices": ", ".join(FORMATS)})
        return value
    html_q = json_q = 0.0
    for item in (accept or "").split(","):
        media_type, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            if param.lower().startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        media_type = media_type.lower()
        if media_type in _HTML_TYPES:
            html_q = max(html_q, quality)
        elif media_type in _JSON_TYPES or media_type.endswith("+json"):
            json_q = max(json_q, quality)
    return "html" if html_q > json_q else "json"


def language_parse(query, default: str) -> str:
    """`lang` when given, else the language the middleware chose from Accept-Language."""
    codes = [code for code, _name in settings.LANGUAGES]
    value = _value(query, "lang")
    if value is None:
        default = (default or "").split("-")[0].lower()
        return default if default in codes else settings.LANGUAGE_CODE
    language = value.split("-")[0].lower()
    if language not in codes:
        raise ParameterError("lang", _("Use one of: %(choices)s.") % {"choices": ", ".join(codes)})
    return language


def page_ogc_parse(query) -> Page:
    """limit defaults to 100 and a larger one than 10,000 is clamped (/req/core/fc-limit-response), not refused."""
    limit = _value(query, "limit")
    if limit is None:
        limit = str(DEFAULT_LIMIT)
    elif limit.isascii() and limit.isdigit() and int(limit) > MAX_LIMIT:
        limit = str(MAX_LIMIT)
    offset = _value(query, "offset")
    return page_parse({"limit": [limit], "offset": [offset] if offset is not None else []})


def bbox_ogc_parse(query) -> tuple[float, float, float, float] | None:
    """The API's bbox, also in its 3D form (minLon,minLat,minZ,maxLon,maxLat,maxZ): heights are checked, then dropped."""
    value = _value(query, "bbox")
    if value is None:
        return None
    parts = value.split(",")
    if len(parts) == 6:
        _number("bbox", parts[2]), _number("bbox", parts[5])
        parts = [parts[0], parts[1], parts[3], parts[4]]
    elif len(parts) != 4:
        raise ParameterError("bbox", _("Give four numbers (or six, with heights): minLon,minLat,maxLon,maxLat."))
    west, south, east, north = parts
    if _number("bbox", west) > _number("bbox", east):
        # Across the antimeridian, which OGC API - Features allows (/req/core/fc-bbox-definition):
        # checked as the box it mirrors, kept as given; the selectors split it in two.
        min_lon, min_lat, max_lon, max_lat = bbox_parse({"bbox": [",".join([east, south, west, north])]})
        return (max_lon, min_lat, min_lon, max_lat)
    return bbox_parse({"bbox": [",".join(parts)]})


def cluster_filters_ogc_parse(query) -> ClusterFilters:
    """The API's sector, governorate and q filters, and the OGC bbox (in bbox-crs, as lon/lat)."""
    subset = {name: [value] for name in CLUSTER_FILTERS if (value := _value(query, name)) is not None}
    return dataclasses.replace(cluster_filters_parse(subset), bbox=bbox_crs_parse(query, bbox_ogc_parse))


@dataclasses.dataclass(frozen=True)
class Interval:
    """A half-open time interval [start, end); None is unbounded."""

    start: datetime | None = None
    end: datetime | None = None


def _span(text: str) -> Interval:
    """The stretch of time a written instant stands for, at its own precision.

    `2024-05-01` is that whole UTC day and `...T10:00:00Z` that whole second, so
    an instant matches the updated_at values that read that way; an interval
    runs from the start of its first span to the end of its last.
    """
    try:
        if match := _DATE.match(text):
            start = datetime(*map(int, match.groups()), tzinfo=UTC)
            return Interval(start, start + timedelta(days=1))
        if match := _DATE_TIME.match(text):
            year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
            offset = timedelta(0)
            if not zulu:
                if int(off_h) > 23 or int(off_m) > 59:
                    # RFC 3339's time-numoffset is an hour and a minute: +99:99 is no offset.
                    raise ValueError("offset out of range")
                offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (1 if sign == "+" else -1)
            start = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=UTC) - offset
            step = timedelta(seconds=1)
            if fraction:
                digits = fraction[:6]
                start += timedelta(microseconds=int(digits.ljust(6, "0")))
                step = timedelta(microseconds=10 ** (6 - len(digits)))
            return Interval(start, start + step)
    except (ValueError, OverflowError):
        pass
    raise ParameterError(
        "datetime",
        _("Give an RFC 3339 date or date-time with its offset, e.g. 2024-05-01 or 2024-05-01T10:00:00Z, "
          "or an interval of two such values separated by “/”, with “..” for an open end."),
    )


def datetime_parse(query) -> Interval | None:
    """An instant, a closed interval `a/b`, or an open one `../b`, `a/..` (an empty end is open too)."""
    value = _value(query, "datetime")
    if value is None:
        return None
    value = value.strip()
    if len(value) > MAX_DATETIME_LENGTH:
        raise ParameterError("datetime", _("The value is longer than %(max)d characters.") % {"max": MAX_DATETIME_LENGTH})
    if "/" not in value:
        return _span(value)
    parts = value.split("/")
    if len(parts) != 2:
        raise ParameterError("datetime", _("An interval has exactly one “/”."))
    first, last = (part.strip() for part in parts)
    start = None if first in ("", "..") else _span(first).start
    end = None if last in ("", "..") else _span(last).end
    if start is not None and end is not None and start >= end:
        raise ParameterError("datetime", _("The start of the interval must not be after its end."))
    return Interval(start, end)
