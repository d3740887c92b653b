"""Reads behind the API (and the OGC adapter): plain functions over ClusterFilters.

They live beside the API rather than in clusters/selectors.py so that the
map and the API can grow their reads without editing one shared file; every
one starts from clusters.selectors.cluster_published_queryset, so a draft can
never slip into a response, a count or an export.
"""

from django.contrib.gis.geos import Polygon
from django.db.models import Count, Q, Sum

from clusters.api.params import ClusterFilters
from clusters.models import Cluster, Sector
from clusters.selectors import cluster_published_queryset

_PUBLISHED = Cluster.Status.PUBLISHED


def bbox_polygon(bbox) -> Polygon:
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
    if filters.geometry == "footprint":
        condition &= Q(**{f"{prefix}footprint__isnull": False})
    return condition


def cluster_list(filters: ClusterFilters | None = None):
    """Published clusters matching the filters, in the API's stable order (slug)."""
    queryset = cluster_published_queryset()
    if filters is not None:
        queryset = queryset.filter(cluster_filter_q(filters))
    return queryset.order_by("slug")


def cluster_public_detail(slug: str) -> Cluster | None:
    return (
        cluster_published_queryset().select_related("sector", "governorate").filter(slug=slug).first()
    )


def sector_list_with_counts(filters: ClusterFilters | None = None) -> list[dict]:
    """Every sector with cluster_count: published clusters matching the filters."""
    condition = Q(clusters__status=_PUBLISHED) & cluster_filter_q(filters or ClusterFilters(), "clusters__")
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
    return {
        "total": clusters.aggregate(**measures),
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

