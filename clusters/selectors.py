"""Reads. Plain functions named <entity>_<action>; views, OGC handlers, pages and admin call these.

Every public read starts from cluster_published_queryset, so a draft can
never slip into a response, a count or an export.
"""

from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.db import connection
from django.db.models import Count, Max, Min, Q, Sum

from clusters.etags import data_version  # noqa: F401  (kept importable here: older callers and tests)
from clusters.filters import ClusterFilters
from clusters.models import Cluster, Governorate, Sector
from clusters.programmes.selectors import cluster_support_q

_PUBLISHED_STATUS = Cluster.Status.PUBLISHED


def cluster_published_queryset():
    return Cluster.objects.filter(status=_PUBLISHED_STATUS)


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


def bbox_polygon(bbox) -> Polygon | MultiPolygon:
    min_lon, min_lat, max_lon, max_lat = bbox
    if min_lon > max_lon:
        # Across the antimeridian (an OGC bbox may be): the two boxes either side of it.
        polygon = MultiPolygon(Polygon.from_bbox((min_lon, min_lat, 180, max_lat)),
                               Polygon.from_bbox((-180, min_lat, max_lon, max_lat)))
    else:
        polygon = Polygon.from_bbox(bbox)
    polygon.srid = 4326
    return polygon


def cluster_filter_q(filters: ClusterFilters, prefix: str = "") -> Q:
    """The filters as a Q over Cluster fields; `prefix` lets Sector and Governorate count through their relation."""
    condition = Q()
    if filters.sectors:
        condition &= Q(**{f"{prefix}sector__slug__in": filters.sectors})
    if filters.governorates:
        condition &= Q(**{f"{prefix}governorate__iso_code__in": filters.governorates})
    if filters.precisions:
        condition &= Q(**{f"{prefix}location_precision__in": filters.precisions})
    if filters.bbox is not None:
        # The point decides: a cluster is where its point is, in every geometry mode.
        condition &= Q(**{f"{prefix}location__intersects": bbox_polygon(filters.bbox)})
    for term in filters.terms:
        # The ORM escapes %, _ and backslashes in contains; terms are already folded.
        condition &= Q(**{f"{prefix}search_text__contains": term})
    if filters.programme or filters.organisation or filters.supported is not None:
        # EXISTS subqueries inside this same statement (clusters.programmes.selectors).
        condition &= cluster_support_q(programme=filters.programme, organisation=filters.organisation,
                                       supported=filters.supported, prefix=prefix)
    if filters.geometry == "footprint":
        condition &= Q(**{f"{prefix}footprint__isnull": False})
    return condition


def cluster_list(filters: ClusterFilters | None = None):
    """Published clusters matching the filters, in the stable public order (slug)."""
    queryset = cluster_published_queryset()
    if filters is not None:
        queryset = queryset.filter(cluster_filter_q(filters))
    return queryset.order_by("slug")


def cluster_public_detail(slug: str) -> Cluster | None:
    return cluster_published_queryset().select_related("sector", "governorate").filter(slug=slug).first()


def sector_list_with_counts(filters: ClusterFilters | None = None) -> list[dict]:
    """Every sector with cluster_count: published clusters matching the filters."""
    condition = Q(clusters__status=_PUBLISHED_STATUS) & cluster_filter_q(filters or ClusterFilters(), "clusters__")
    rows = Sector.objects.annotate(cluster_count=Count("clusters", filter=condition)).order_by("slug")
    return list(rows.values("slug", "name_ar", "name_en", "color", "cluster_count"))


def cluster_stats(filters: ClusterFilters | None = None) -> dict:
    """Counts by sector and by governorate, with sums of the figures that are reported.

    A *_total covers only the clusters that report the figure (null when none does);
    *_reported says how many do, so that nobody reads a missing figure as zero.
    """
    clusters = cluster_list(filters).order_by()
    measures = {
        "cluster_count": Count("id"),
        "enterprises_total": Sum("enterprises"),
        "enterprises_reported": Count("id", filter=Q(enterprises__isnull=False)),
        "employment_total": Sum("employment"),
        "employment_reported": Count("id", filter=Q(employment__isnull=False)),
    }
    by_sector = clusters.values("sector__slug", "sector__name_ar", "sector__name_en").annotate(**measures)
    by_governorate = clusters.values(
        "governorate__iso_code", "governorate__name_ar", "governorate__name_en"
    ).annotate(**measures)
    by_precision = clusters.values("location_precision").annotate(**measures)
    precision_order = list(Cluster.Precision.values)
    return {
        "total": clusters.aggregate(**measures),
        # Of how many: "26 of 27 governorates", "23 of 24 sectors".
        "coverage": {
            "governorates": by_governorate.count(),
            "governorates_all": Governorate.objects.count(),
            "sectors": by_sector.count(),
            "sectors_all": Sector.objects.count(),
        },
        # How many points are exact (locality) and how many stand in for a place nearby; exact first.
        "by_precision": sorted(
            ({"precision": row.pop("location_precision"), **row} for row in by_precision.order_by()),
            key=lambda row: precision_order.index(row["precision"]),
        ),
        "by_sector": [
            {
                "slug": row.pop("sector__slug"),
                "name_ar": row.pop("sector__name_ar"),
                "name_en": row.pop("sector__name_en"),
                **row,
            }
            for row in by_sector.order_by("sector__slug")
        ],
        "by_governorate": [
            {
                "iso_code": row.pop("governorate__iso_code"),
                "name_ar": row.pop("governorate__name_ar"),
                "name_en": row.pop("governorate__name_en"),
                **row,
            }
            for row in by_governorate.order_by("governorate__iso_code")
        ],
    }


def governorate_list(bbox=None):
    """Every governorate by ISO code, or those whose boundary meets the bbox."""
    queryset = Governorate.objects.order_by("iso_code")
    if bbox is not None:
        queryset = queryset.filter(boundary__intersects=bbox_polygon(bbox))
    return queryset


# Reads for the public map pages (maps/).

_PUBLISHED = Q(clusters__status=_PUBLISHED_STATUS)


def governorate_list_with_published_counts():
    """Every governorate (no boundary) with `published_count`, for the map's filter."""
    return Governorate.objects.defer("boundary").annotate(published_count=Count("clusters", filter=_PUBLISHED))


def cluster_extent() -> dict:
    """Bounding box (ST_Extent of the points) and the first and last updated_at of the published clusters."""
    return cluster_list().order_by().aggregate(bbox=Extent("location"), first=Min("updated_at"), last=Max("updated_at"))


def governorate_extent() -> dict:
    return Governorate.objects.aggregate(bbox=Extent("boundary"))
