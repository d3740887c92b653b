"""Check one record against the rules and turn it into model field values.

Every problem names its field and says why in words staff can act on. Where a
cluster may lie is the one placement rule (clusters.placement), as in the admin.
For a cluster that exists, only the columns the file has are values: a file
without a description column leaves descriptions alone.
"""

import json
import math
import re
from dataclasses import dataclass, field

from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Point, Polygon
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from clusters.importing.readers import flat_2d
from clusters.models import SLUG_PATTERN, Cluster
from clusters.placement import placement_check
from clusters.text import bidi_controls_check

TEXT_LIMITS = {"name_ar": 200, "name_en": 200, "locality_ar": 300, "locality_en": 300}
OPTIONAL_TEXT = ["aliases", "locality_ar", "locality_en", "products_ar", "products_en",
                 "description_ar", "description_en"]
PRECISIONS = [choice.value for choice in Cluster.Precision]
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_url = URLValidator(schemes=["http", "https"])


@dataclass
class Problem:
    number: int  # 0: the file's columns, not one record
    slug: str
    field: str
    message: str

    def as_dict(self, unit: str) -> dict:
        return {unit: self.number, "slug": self.slug, "field": self.field, "message": self.message}


@dataclass
class CheckedRecord:
    number: int
    slug: str
    values: dict = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _messages(error: ValidationError):
    for name, messages in error.message_dict.items():
        for message in messages:
            yield ("location" if name == "__all__" else name), message


class RecordChecker:
    """Holds what every record is checked against: lookups, the placement rule, the file's columns, seen slugs."""

    def __init__(self, lookups, rule, columns: set[str], has_geometry: bool = False):
        self.lookups = lookups
        self.rule = rule
        self.columns = columns  # the editable columns the file has
        self.has_geometry = has_geometry
        self.seen_slugs: dict[str, int] = {}

    def check(self, record, existing: Cluster | None = None) -> CheckedRecord:
        data = record.data
        slug = data.get("slug", "")
        checked = CheckedRecord(number=record.number, slug=slug)

        def error(field_name, message):
            checked.errors.append(Problem(record.number, slug, field_name, message))

        def warning(field_name, message):
            checked.warnings.append(Problem(record.number, slug, field_name, message))

        if record.extra.get("cells"):
            error("row", record.extra["cells"])
        for key, value in data.items():
            if isinstance(value, str) and _CONTROL.search(value):
                error(key, _("contains a control character (such as a NUL byte)"))
                data[key] = _CONTROL.sub("", value)

        values = checked.values
        self._check_slug(slug, record.number, error)
        values["slug"] = slug
        for name in ("name_ar", "name_en"):
            text = data.get(name, "")
            if not text:
                error(name, _("is required and empty"))
            elif len(text) > TEXT_LIMITS[name]:
                error(name, _("is longer than %(limit)s characters") % {"limit": TEXT_LIMITS[name]})
            values[name] = text
        if "aliases" in data:
            # A spreadsheet cell holds them as "a | b"; the model keeps one per line.
            data["aliases"] = "\n".join(a.strip() for a in re.split(r"\s*\|\s*|\n", data["aliases"]) if a.strip())
        for name in OPTIONAL_TEXT:
            if name in data:
                if name in TEXT_LIMITS and len(data[name]) > TEXT_LIMITS[name]:
                    error(name, _("is longer than %(limit)s characters") % {"limit": TEXT_LIMITS[name]})
                values[name] = data[name]
        try:
            bidi_controls_check(values)
        except ValidationError as exc:
            for name, message in _messages(exc):
                error(name, message)

        sector, message = self.lookups.sector(data.get("sector", ""))
        if sector is None:
            error("sector", message)
        values["sector"] = sector

        self._check_place(record, existing, values, error, warning)
        self._check_precision(data, existing, values, warning, error)

        for name in ("enterprises", "employment"):
            if name in data:
                values[name] = self._count(data[name], name, error)
        if "source" in data:
            values["sources"] = self._sources(data["source"], error)
        return checked

    def _check_slug(self, slug, number, error):
        if not slug:
            error("slug", _("is required and empty"))
        elif not re.fullmatch(SLUG_PATTERN, slug) or len(slug) > 80:
            error("slug", _("must be lower-case Latin letters, digits and single hyphens (at most 80)"))
        elif slug in self.seen_slugs:
            error("slug", _("appears twice in this file (first at %(first)s)") % {"first": self.seen_slugs[slug]})
        else:
            self.seen_slugs[slug] = number

    def _check_precision(self, data, existing, values, warning, error):
        precision = data.get("location_precision", "")
        if not precision:
            if existing is not None:
                return  # nothing said: the cluster keeps what it has
            warning("location_precision", _("missing; recorded as “approximate” until someone checks it"))
            precision = Cluster.Precision.APPROXIMATE
        elif precision not in PRECISIONS:
            error("location_precision", _("unknown value “%(value)s”; use one of: %(choices)s")
                  % {"value": precision, "choices": ", ".join(PRECISIONS)})
        values["location_precision"] = precision

    def _check_place(self, record, existing, values, error, warning):
        data = record.data
        location, footprint = self._check_geometry(record, error, warning)
        if location is None:
            return
        code = data.get("governorate_iso", "")
        governorate = None
        if code:
            governorate, message = self.lookups.governorate(code)
            if governorate is None:
                error("governorate_iso", message)
                return
        elif existing is not None:
            # No governorate in the file: the cluster's own is checked, not replaced by the point's.
            governorate = existing.governorate
        try:
            placement = placement_check(location, governorate, footprint, rule=self.rule)
        except ValidationError as exc:
            for name, message in _messages(exc):
                error(name, message)
            return
        for name, message in placement.warnings:
            warning(name, message)
        values["location"] = location
        if footprint is not None or "footprint" in data:
            values["footprint"] = footprint
        values["governorate"] = placement.governorate

    @staticmethod
    def _number(text):
        try:
            value = float(text)
        except (TypeError, ValueError):
            return None
        return value if math.isfinite(value) else None

    def _check_geometry(self, record, error, warning):
        data = record.data
        footprint = None
        location = None
        if record.geometry_error:
            error("geometry", _("invalid geometry: %(reason)s") % {"reason": record.geometry_error})
            return None, None
        geometry = record.geometry
        if geometry is not None:
            if isinstance(geometry, Point):
                location = geometry
            elif isinstance(geometry, (Polygon, MultiPolygon)):
                footprint = geometry
            else:
                error("geometry", _("must be a Point (or a Polygon footprint), not %(kind)s")
                      % {"kind": geometry.geom_type})
                return None, None
        if data.get("footprint") and footprint is None:
            try:
                text = data["footprint"]
                footprint = GEOSGeometry(text if not text.startswith("{") else json.dumps(json.loads(text)), srid=4326)
                footprint = flat_2d(footprint)
            except (GEOSException, ValueError, TypeError) as exc:
                error("footprint", _("invalid geometry: %(reason)s") % {"reason": str(exc)[:200]})
                return None, None
        if footprint is not None:
            if isinstance(footprint, Polygon):
                footprint = MultiPolygon(footprint, srid=4326)
            if not isinstance(footprint, MultiPolygon):
                error("footprint", _("must be a Polygon or MultiPolygon"))
                return None, None
        if location is None and (data.get("lat") or data.get("lon")):
            lat, lon = self._number(data.get("lat")), self._number(data.get("lon"))
            if lat is None:
                error("lat", _("“%(value)s” is not a number") % {"value": data.get("lat", "")[:50]})
            if lon is None:
                error("lon", _("“%(value)s” is not a number") % {"value": data.get("lon", "")[:50]})
            if lat is None or lon is None:
                return None, footprint
            location = Point(lon, lat, srid=4326)
        if location is None and footprint is not None and footprint.valid:
            location = footprint.point_on_surface
            location.srid = 4326
            warning("location", _("no point given; placed inside the footprint"))
        if location is None:
            error("location", _("no point: give lat and lon, or a Point geometry"))
            return None, footprint
        return location, footprint

    @staticmethod
    def _count(text, name, error):
        if text == "":
            return None
        cleaned = text.replace(",", "").replace(" ", "").replace("\u066c", "")
        if re.fullmatch(r"-?\d+(\.0+)?", cleaned):
            value = int(float(cleaned))
            if value < 0:
                error(name, _("must not be negative (got %(value)s)") % {"value": text})
                return None
            if value > 2_000_000_000:
                error(name, _("is too large (got %(value)s)") % {"value": text})
                return None
            return value
        error(name, _("“%(value)s” is not a whole number") % {"value": text[:50]})
        return None

    @staticmethod
    def _sources(text, error):
        urls = [part.strip() for part in re.split(r"\s+\|\s+|\n", text) if part.strip()]
        for url in urls:
            try:
                _url(url)
            except ValidationError:
                error("source", _("“%(value)s” is not a web address") % {"value": url[:200]})
        return urls
