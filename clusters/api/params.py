"""The API's own query parameters, over the domain's parsing (clusters.filters).

The cluster filters and paging are the domain's, shared with OGC and the
pages; what only GET /api/v1/ takes lives here: the download `format` and the
governorates' `simplify`.
"""

from django.utils.translation import gettext as _

from clusters.filters import ParameterError, number_parse, parameter_value

MAX_SIMPLIFY = 1.0
EXPORT_FORMATS = ("geojson", "csv", "gpkg", "kml")


def export_format_parse(query) -> str | None:
    value = parameter_value(query, "format")
    if value is None:
        return None
    value = value.lower()
    if value not in EXPORT_FORMATS:
        raise ParameterError("format", _("Use one of: %(choices)s.") % {"choices": ", ".join(EXPORT_FORMATS)})
    return value


def simplify_parse(query) -> float | None:
    value = parameter_value(query, "simplify")
    if value is None:
        return None
    number = number_parse("simplify", value)
    if not 0 <= number <= MAX_SIMPLIFY:
        raise ParameterError("simplify", _("Give a tolerance in degrees from 0 to %(max)s.") % {"max": MAX_SIMPLIFY})
    return number or None


def lang_parse(query, default: str) -> str:
    """The map answer's `lang`: a language the portal speaks, else `default` (the request's)."""
    from clusters.mapdata import LANGUAGES

    value = parameter_value(query, "lang")
    if value is None:
        return default
    if value not in LANGUAGES:
        raise ParameterError("lang", _("Use one of: %(choices)s.") % {"choices": ", ".join(LANGUAGES)})
    return value
