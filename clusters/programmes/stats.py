"""Who supports the clusters, counted: the programme part of the statistics (page and API alike).

Counts are of clusters, not of support rows: a cluster that two programmes
support counts once under each programme, and once under a kind or a year
however many rows say so. Only public support counts (support_public_queryset).
"""

from django.db.models import Count

from clusters.programmes.models import SupportKind
from clusters.programmes.selectors import support_public_queryset
from clusters.selectors import cluster_list, cluster_stats


def support_stats(clusters) -> dict:
    """Breakdowns of the public support of `clusters` (a queryset of published clusters).

    by_year counts a cluster in every year from its support's start year to
    its end year (the start year alone when no end is given); support with no
    start year is counted in year_unreported instead of being guessed.
    """
    support = support_public_queryset().filter(cluster__in=clusters.order_by().values("pk"))
    by_programme = (
        support.values("programme__slug", "programme__name_ar", "programme__name_en")
        .annotate(cluster_count=Count("cluster", distinct=True)).order_by("programme__slug")
    )
    kinds: dict[str, set[int]] = {}
    years: dict[int, set[int]] = {}
    supported: set[int] = set()
    kind_unreported: set[int] = set()
    year_unreported: set[int] = set()
    for cluster_id, row_kinds, start, end in support.values_list("cluster_id", "kinds", "start_year", "end_year"):
        supported.add(cluster_id)
        for kind in row_kinds or ():
            kinds.setdefault(kind, set()).add(cluster_id)
        if not row_kinds:
            kind_unreported.add(cluster_id)
        if start is None:
            year_unreported.add(cluster_id)
            continue
        for year in range(start, (end if end is not None else start) + 1):
            years.setdefault(year, set()).add(cluster_id)
    order = list(SupportKind.values)
    return {
        "supported_cluster_count": len(supported),
        "by_programme": [
            {"slug": row["programme__slug"], "name_ar": row["programme__name_ar"],
             "name_en": row["programme__name_en"], "cluster_count": row["cluster_count"]}
            for row in by_programme
        ],
        "by_support_kind": [
            {"kind": kind, "cluster_count": len(kinds[kind])} for kind in sorted(kinds, key=order.index)
        ],
        "support_kind_unreported": len(kind_unreported),
        "by_year": [{"year": year, "cluster_count": len(years[year])} for year in sorted(years)],
        "support_year_unreported": len(year_unreported),
    }


def cluster_stats_with_support(filters=None) -> dict:
    """The statistics of the clusters the filters select, with who supports them under "support".

    The one source of the numbers on the statistics page and at /api/v1/stats/.
    """
    return {**cluster_stats(filters), "support": support_stats(cluster_list(filters))}
