"""Egypt's extent and the geometry checks shared by models, importer and admin."""

from django.contrib.gis.geos import Point, Polygon

# Egypt's land and islands with a small margin (Bir Tawil and Halaib included).
EGYPT_EXTENT = (24.5, 21.5, 37.5, 32.0)  # min lon, min lat, max lon, max lat
EGYPT_POLYGON = Polygon.from_bbox(EGYPT_EXTENT)
EGYPT_POLYGON.srid = 4326
# The model's CHECK constraint holds the extent as text: a geometry object there
# was serialised without its SRID and changed by queries, so makemigrations saw
# a changed constraint on every run.
EGYPT_EWKT = EGYPT_POLYGON.ewkt


def in_egypt(lon: float, lat: float) -> bool:
    min_lon, min_lat, max_lon, max_lat = EGYPT_EXTENT
    return min_lon <= lon <= max_lon and min_lat <= lat <= max_lat


def point(lon: float, lat: float) -> Point:
    return Point(lon, lat, srid=4326)
