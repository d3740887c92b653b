"""The programme and organisation parameters, checked against the public records; ParameterError names them."""

import re

from django.utils.translation import gettext as _

from clusters.models import SLUG_PATTERN
from clusters.programmes.selectors import organisation_public_queryset, programme_public_queryset

_SLUG = re.compile(SLUG_PATTERN)
FORMATS = ("json", "csv")


class ParameterError(Exception):
    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def _value(query, name):
    values = [v for v in query.getlist(name) if v != ""] if hasattr(query, "getlist") else [query.get(name)]
    values = [v for v in values if v]
    if len(values) > 1:
        raise ParameterError(name, _("Give this parameter once."))
    return values[0] if values else None


def public_slug_parse(query, name: str) -> str | None:
    """A programme or organisation slug that names a published record, or None when absent."""
    value = _value(query, name)
    if value is None:
        return None
    queryset = programme_public_queryset() if name == "programme" else organisation_public_queryset()
    if len(value) > 80 or not _SLUG.match(value) or not queryset.filter(slug=value).exists():
        raise ParameterError(name, _("Unknown value: %(value)s.") % {"value": value[:100]})
    return value


def supported_parse(query) -> bool | None:
    value = _value(query, "supported")
    if value is None:
        return None
    if value not in ("true", "false"):
        raise ParameterError("supported", _("Give true or false."))
    return value == "true"


def format_parse(query) -> str:
    value = _value(query, "format") or "json"
    if value not in FORMATS:
        raise ParameterError("format", _("Unknown format: %(value)s. Give json or csv.") % {"value": value[:20]})
    return value
