"""Reads. Plain functions named <entity>_<action>; views and admin call these."""

from django.db import connection
from django.db.models import Count, Q

from clusters.models import Cluster, DataChange, DataVersion, Governorate


def cluster_published_queryset():
    return Cluster.objects.filter(status=Cluster.Status.PUBLISHED)


def governorate_distance_km(governorate: Governorate, point) -> float:
    """Geodesic distance from a point to a governorate's boundary, in km."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_Distance(boundary::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography)"
            " FROM clusters_governorate WHERE id = %s",
            [point.x, point.y, governorate.pk],
        )
        (metres,) = cursor.fetchone()
    return (metres or 0) / 1000


def governorate_containing(point) -> Governorate | None:
    return Governorate.objects.filter(boundary__intersects=point).first()


def data_version() -> int:
    """Grows with every committed change to the public data (migration 0004); moving to clusters.etags."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (COALESCE((SELECT version FROM {DataVersion._meta.db_table} WHERE id = 1), 0)"
            f" + (SELECT COALESCE(sum(changes), 0) FROM {DataChange._meta.db_table}))::bigint"
        )
        return cursor.fetchone()[0]


# Reads for the public map pages (maps/).

_PUBLISHED = Q(clusters__status=Cluster.Status.PUBLISHED)


def governorate_list_with_published_counts():
    """Every governorate (no boundary) with `published_count`, for the map's filter."""
    return Governorate.objects.defer("boundary").annotate(published_count=Count("clusters", filter=_PUBLISHED))


def cluster_published_aliases() -> dict[str, str]:
    """{slug: aliases} of the published clusters that have any.

    The API's features leave aliases out, yet its `q` searches them; the map
    gets them this way to search exactly as the API does.
    """
    return dict(cluster_published_queryset().exclude(aliases="").values_list("slug", "aliases"))
