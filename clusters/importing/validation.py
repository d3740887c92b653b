"""Check one record against the rules and turn it into model field values.

Every problem names its field and says why in words staff can act on.
"""

import json
import math
import re
from dataclasses import dataclass, field

from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Point, Polygon
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusters.geo import in_egypt
from clusters.models import SLUG_PATTERN, Cluster

TEXT_LIMITS = {"name_ar": 200, "name_en": 200, "locality_ar": 300, "locality_en": 300}
OPTIONAL_TEXT = ["aliases", "locality_ar", "locality_en", "products_ar", "products_en",
                 "description_ar", "description_en"]
PRECISIONS = [choice.value for choice in Cluster.Precision]
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_url = URLValidator(schemes=["http", "https"])


def _local_name(obj) -> str:
    # Messages are read in the staff member's language; so is the place they name.
    return (obj.name_ar if (get_language() or "").startswith("ar") else obj.name_en) or obj.name_en


@dataclass
class Problem:
    number: int
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


class RecordChecker:
    """Holds what every record is checked against: sectors, governorates, seen slugs."""

    def __init__(self, sectors: dict, governorates: dict):
        self.sectors = sectors  # slug -> Sector
        self.governorates = governorates  # iso_code -> Governorate
        self._prepared = {code: g.boundary.prepared for code, g in governorates.items()}
        self.seen_slugs: dict[str, int] = {}

    def check(self, record) -> CheckedRecord:
        data = record.data
        slug = data.get("slug", "")
        checked = CheckedRecord(number=record.number, slug=slug)

        def error(field_name, message):
            checked.errors.append(Problem(record.number, slug, field_name, message))

        def warning(field_name, message):
            checked.warnings.append(Problem(record.number, slug, field_name, message))

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

        sector = self.sectors.get(data.get("sector", ""))
        if sector is None:
            error("sector", _("unknown sector “%(value)s”") % {"value": data.get("sector", "")})
        values["sector"] = sector

        location, footprint = self._check_geometry(record, error, warning)
        values["location"] = location
        if footprint is not None or "footprint" in data:
            values["footprint"] = footprint
        values["governorate"] = self._check_governorate(data.get("governorate_iso", ""), location, error, warning)

        precision = data.get("location_precision", "")
        if not precision:
            warning("location_precision", _("missing; recorded as “approximate” until someone checks it"))
            precision = Cluster.Precision.APPROXIMATE
        elif precision not in PRECISIONS:
            error("location_precision", _("unknown value “%(value)s”; use one of: %(choices)s")
                  % {"value": precision, "choices": ", ".join(PRECISIONS)})
        values["location_precision"] = precision

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
        if "footprint" in data and data["footprint"] and footprint is None:
            try:
                text = data["footprint"]
                footprint = GEOSGeometry(text if not text.startswith("{") else json.dumps(json.loads(text)), srid=4326)
            except (GEOSException, ValueError) as exc:
                error("footprint", _("invalid geometry: %(reason)s") % {"reason": exc})
                return None, None
        if footprint is not None:
            if isinstance(footprint, Polygon):
                footprint = MultiPolygon(footprint, srid=4326)
            if not isinstance(footprint, MultiPolygon):
                error("footprint", _("must be a Polygon or MultiPolygon"))
                return None, None
            if not footprint.valid:
                error("footprint", _("invalid geometry: %(reason)s") % {"reason": footprint.valid_reason})
                return None, None
        if location is None and (data.get("lat") or data.get("lon")):
            lat, lon = self._number(data.get("lat")), self._number(data.get("lon"))
            if lat is None:
                error("lat", _("“%(value)s” is not a number") % {"value": data.get("lat", "")})
            if lon is None:
                error("lon", _("“%(value)s” is not a number") % {"value": data.get("lon", "")})
            if lat is None or lon is None:
                return None, footprint
            location = Point(lon, lat, srid=4326)
        if location is None and footprint is not None:
            location = footprint.point_on_surface
            location.srid = 4326
            warning("location", _("no point given; placed inside the footprint"))
        if location is None:
            error("location", _("no point: give lat and lon, or a Point geometry"))
            return None, footprint
        lon, lat = location.x, location.y
        if not in_egypt(lon, lat):
            if in_egypt(lat, lon):
                error("location", _("lat %(lat)s, lon %(lon)s lie outside Egypt; lat and lon look swapped")
                      % {"lat": lat, "lon": lon})
            else:
                error("location", _("lat %(lat)s, lon %(lon)s lie outside Egypt") % {"lat": lat, "lon": lon})
            return None, footprint
        return location, footprint

    def _check_governorate(self, code, location, error, warning):
        if not code:
            if location is None:
                error("governorate_iso", _("is empty and there is no point to find it from"))
                return None
            for iso, prepared in self._prepared.items():
                if prepared.contains(location):
                    return self.governorates[iso]
            error("governorate_iso", _("is empty and the point lies in no governorate"))
            return None
        governorate = self.governorates.get(code.upper())
        if governorate is None:
            error("governorate_iso", _("unknown governorate code “%(value)s”") % {"value": code})
            return None
        if location is not None and not self._prepared[governorate.iso_code].contains(location):
            from clusters.selectors import governorate_distance_km

            distance = governorate_distance_km(governorate, location)
            warning("location", _("the point lies %(km).1f km outside %(name)s; check it")
                    % {"km": distance, "name": _local_name(governorate)})
        return governorate

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
        error(name, _("“%(value)s” is not a whole number") % {"value": text})
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
