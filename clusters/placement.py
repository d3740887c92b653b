"""The one placement rule: where a cluster's point and footprint may lie.

Every writer calls placement_check (the admin form and cluster service, the
importer, public contributions), so a record refused in one is refused in all,
with the same message.

- The point must lie on Egypt's land: inside the union of the governorates,
  widened by LAND_MARGIN_KM for coasts and the coarse lines of the boundary
  file. A point at sea or abroad is refused.
- A point outside its stated governorate is a warning up to PLACEMENT_WARN_KM
  (the boundaries are coarse: Esna lies 14 km outside the Luxor line), and an
  error beyond, naming the distance and the governorate the point does lie in.
- When swapping latitude and longitude would put the point inside the stated
  governorate (or on land, when none is stated), the error says they look swapped.
- A footprint must be a valid shape, on land, and within FOOTPRINT_MAX_KM of its point.

The geometry is prepared once (PlacementRule) and cached until the governorates
change, so an import checks thousands of points in GEOS without a query each;
only points outside their governorate ask PostGIS for a geodesic distance.
"""

import math
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, Point
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusters.models import Governorate


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def land_margin_km() -> float:
    return _setting("LAND_MARGIN_KM", 5)


def warn_km() -> float:
    return _setting("PLACEMENT_WARN_KM", 25)


def footprint_max_km() -> float:
    return _setting("FOOTPRINT_MAX_KM", 25)


@dataclass
class Placement:
    governorate: Governorate
    filled: bool = False  # the governorate was taken from the point
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (field, message)


def governorate_label(governorate: Governorate) -> str:
    # Messages are read in the staff member's language; so is the place they name.
    if (get_language() or "").startswith("ar"):
        return governorate.name_ar or governorate.name_en
    return governorate.name_en or governorate.name_ar


# The governorates' names and boundaries, hashed: the cache key of the prepared rule.
_SIGNATURE_SQL = (
    "SELECT count(*), md5(coalesce(string_agg("
    "id::text || iso_code || name_ar || name_en || aliases || md5(ST_AsBinary(boundary)), '|' ORDER BY id), '')),"
    " md5(coalesce(string_agg(md5(ST_AsBinary(boundary)), '|' ORDER BY iso_code), ''))"
    " FROM clusters_governorate"
)
# The widened land by its boundaries' hash: widening takes about a second, and
# reloading the same boundaries (new ids, same lines) need not redo it.
_LAND_CACHE: dict[str, GEOSGeometry | None] = {}
# Widened on the sphere, so the margin is kilometres on the ground whatever the latitude.
_LAND_SQL = (
    "SELECT ST_AsBinary(ST_Buffer(ST_Union(boundary)::geography, %s)::geometry) FROM clusters_governorate"
)


class PlacementRule:
    """The governorates and Egypt's widened land, prepared for fast point-in-polygon tests."""

    def __init__(self, signature=None):
        self.signature = signature
        self.governorates = list(Governorate.objects.order_by("id"))
        self._prepared = [(g, g.boundary.prepared) for g in self.governorates]
        land_key = f"{signature[2] if signature else ''}:{land_margin_km()}"
        if signature is None or land_key not in _LAND_CACHE:
            with connection.cursor() as cursor:
                cursor.execute(_LAND_SQL, [land_margin_km() * 1000])
                (wkb,) = cursor.fetchone()
            _LAND_CACHE.clear()
            _LAND_CACHE[land_key] = GEOSGeometry(memoryview(bytes(wkb)), srid=4326) if wkb is not None else None
        self.land = _LAND_CACHE[land_key]
        self._land_prepared = self.land.prepared if self.land is not None else None

    def on_land(self, geometry) -> bool:
        return self._land_prepared is not None and self._land_prepared.covers(geometry)

    def containing(self, point) -> Governorate | None:
        for governorate, prepared in self._prepared:
            if prepared.covers(point):
                return governorate
        return None

    def inside(self, governorate: Governorate, point) -> bool:
        for candidate, prepared in self._prepared:
            if candidate.pk == governorate.pk:
                return prepared.covers(point)
        # A governorate this rule does not know (added since): ask the database.
        return Governorate.objects.filter(pk=governorate.pk, boundary__covers=point).exists()

    def nearest(self, point) -> tuple[Governorate | None, float]:
        """The closest governorate and its geodesic distance in km (0 when inside)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, ST_Distance(boundary::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography)"
                " FROM clusters_governorate ORDER BY boundary <-> ST_SetSRID(ST_MakePoint(%s, %s), 4326),"
                " 2 LIMIT 1",
                [point.x, point.y, point.x, point.y],
            )
            row = cursor.fetchone()
        if row is None:
            return None, math.inf
        by_id = {g.pk: g for g in self.governorates}
        return by_id.get(row[0]) or Governorate.objects.get(pk=row[0]), row[1] / 1000

    @staticmethod
    def distance_km(geometry_a, geometry_b) -> float:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ST_Distance(ST_GeomFromEWKB(%s)::geography, ST_GeomFromEWKB(%s)::geography)",
                [bytes(geometry_a.ewkb), bytes(geometry_b.ewkb)],
            )
            (metres,) = cursor.fetchone()
        return (metres or 0) / 1000

    @staticmethod
    def governorate_distance_km(governorate: Governorate, point) -> float:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ST_Distance(boundary::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography)"
                " FROM clusters_governorate WHERE id = %s",
                [point.x, point.y, governorate.pk],
            )
            row = cursor.fetchone()
        return (row[0] or 0) / 1000 if row else math.inf


_cache = threading.local()


def placement_rule() -> PlacementRule:
    """The prepared rule, rebuilt only when a governorate's name or boundary changed.

    One cheap hashing query per call keeps it right after `load_governorates
    --update`, and in tests that load the governorates afresh.
    """
    with connection.cursor() as cursor:
        cursor.execute(_SIGNATURE_SQL)
        signature = tuple(cursor.fetchone())
    rule = getattr(_cache, "rule", None)
    if rule is None or rule.signature != signature or getattr(_cache, "alias", None) != connection.alias:
        rule = PlacementRule(signature)
        _cache.rule, _cache.alias = rule, connection.alias
    return rule


def _finite(point) -> bool:
    return math.isfinite(point.x) and math.isfinite(point.y)


def _swapped(point) -> Point:
    return Point(point.y, point.x, srid=4326)


def _coordinates(point) -> dict:
    return {"lat": point.y, "lon": point.x}


def point_on_land(location, rule: PlacementRule | None = None) -> bool:
    """Whether the point lies on Egypt's land (the governorates widened by LAND_MARGIN_KM)."""
    if location is None or not _finite(location):
        return False
    return (rule or placement_rule()).on_land(location)


def _check_point(rule, location, governorate) -> Placement:
    if not point_on_land(location, rule):
        swapped = _swapped(location)
        # Egypt is about as wide as it is tall in degrees, so many a point at sea lands
        # somewhere in Egypt swapped: only the stated governorate makes "swapped" likely.
        if governorate is not None:
            looks_swapped = rule.inside(governorate, swapped)
        else:
            looks_swapped = _finite(location) and point_on_land(swapped, rule)
        if looks_swapped:
            where = governorate or rule.containing(swapped) or rule.nearest(swapped)[0]
            raise ValidationError({"location": [_(
                "The point (latitude %(lat).5f, longitude %(lon).5f) is outside Egypt, but with the two "
                "swapped it lies in %(governorate)s: latitude and longitude look swapped."
            ) % {**_coordinates(location), "governorate": governorate_label(where)}]})
        raise ValidationError({"location": [_(
            "The point (latitude %(lat).5f, longitude %(lon).5f) is outside Egypt: at sea or in another "
            "country. Check the latitude and longitude."
        ) % _coordinates(location)]})

    if governorate is None:
        found = rule.containing(location)
        if found is not None:
            return Placement(governorate=found, filled=True)
        # On the widened coast, inside no governorate's line: the nearest one is meant.
        found, km = rule.nearest(location)
        placement = Placement(governorate=found, filled=True)
        placement.warnings.append(("location", _(
            "The point lies %(km).1f km outside %(governorate)s, the nearest governorate. It is accepted, "
            "as the boundaries are coarse: check the point or the governorate."
        ) % {"km": km, "governorate": governorate_label(found)}))
        return placement

    placement = Placement(governorate=governorate)
    if rule.inside(governorate, location):
        return placement
    km = rule.governorate_distance_km(governorate, location)
    if km <= warn_km():
        placement.warnings.append(("location", _(
            "The point lies %(km).1f km outside %(governorate)s. It is accepted, as the boundaries are "
            "coarse: check the point or the governorate."
        ) % {"km": km, "governorate": governorate_label(governorate)}))
        return placement
    if rule.inside(governorate, _swapped(location)):
        raise ValidationError({"location": [_(
            "The point (latitude %(lat).5f, longitude %(lon).5f) lies %(km).1f km outside %(governorate)s, "
            "but with the two swapped it lies inside it: latitude and longitude look swapped."
        ) % {**_coordinates(location), "km": km, "governorate": governorate_label(governorate)}]})
    actual = rule.containing(location) or rule.nearest(location)[0]
    raise ValidationError({"location": [_(
        "The point lies %(km).1f km outside %(governorate)s, in %(actual)s (more than %(limit)s km is refused). "
        "Check the point or the governorate."
    ) % {"km": km, "governorate": governorate_label(governorate), "actual": governorate_label(actual),
         "limit": f"{warn_km():g}"}]})


def _check_footprint(rule, location, footprint) -> None:
    if not footprint.valid:
        raise ValidationError({"footprint": [
            _("The footprint is not a valid shape: %(reason)s.") % {"reason": footprint.valid_reason}
        ]})
    if footprint.srid not in (None, 4326):
        footprint = footprint.transform(4326, clone=True)
    if not rule.on_land(footprint):
        raise ValidationError({"footprint": [_("The footprint reaches outside Egypt. Draw it inside Egypt.")]})
    if not footprint.intersects(location):
        km = rule.distance_km(footprint, location)
        if km > footprint_max_km():
            raise ValidationError({"footprint": [_(
                "The footprint lies %(km).1f km from the cluster's point; it must be within %(limit)s km. "
                "Check the point or the footprint."
            ) % {"km": km, "limit": f"{footprint_max_km():g}"}]})


def placement_check(location, governorate=None, footprint=None, *, rule: PlacementRule | None = None) -> Placement:
    """Check a cluster's place; return its governorate (filled from the point when None) and warnings.

    Raises ValidationError({field: [message]}) when the place is refused. Pass a
    rule from placement_rule() to check many records without re-reading it.
    """
    if location is None:
        raise ValidationError({"location": [_("The cluster needs a point: its latitude and longitude.")]})
    if location.geom_type != "Point":
        raise ValidationError({"location": [_("The cluster's location must be a point.")]})
    if location.srid not in (None, 4326):
        location = location.transform(4326, clone=True)
    rule = rule or placement_rule()
    placement = _check_point(rule, location, governorate)
    if footprint is not None:
        _check_footprint(rule, location, footprint)
    return placement
