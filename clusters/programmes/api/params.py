"""The support endpoints' parameters: the clusters' own rules (clusters.filters), so one slug is judged alike."""

from django.utils.translation import gettext as _

from clusters.filters import ParameterError, parameter_value
from clusters.filters import support_slug_parse as public_slug_parse

FORMATS = ("json", "csv")

__all__ = ["FORMATS", "ParameterError", "format_parse", "public_slug_parse"]


def format_parse(query) -> str:
    value = parameter_value(query, "format") or "json"
    if value not in FORMATS:
        raise ParameterError("format", _("Unknown format: %(value)s. Give json or csv.") % {"value": value[:20]})
    return value
