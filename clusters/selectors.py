"""Reads. Plain functions named <entity>_<action>; views and admin call these."""

from django.db import connection

from clusters.models import Cluster, DataVersion, Governorate


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
    row = DataVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return row or 0
