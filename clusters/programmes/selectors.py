"""Reads for organisations, programmes and support. Public reads never return a draft.

Support is public only when it, its programme and its cluster are all
published; an organisation only when published itself.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from clusters.programmes.models import Organisation, Programme, Status, Support

PUBLISHED = Status.PUBLISHED
SUPPORT_PUBLIC = Q(status=PUBLISHED, programme__status=PUBLISHED, cluster__status=PUBLISHED)


def organisation_public_queryset():
    return Organisation.objects.filter(status=PUBLISHED)


def programme_public_queryset():
    return Programme.objects.filter(status=PUBLISHED)


def support_public_queryset():
    return Support.objects.filter(SUPPORT_PUBLIC)


def _with_public_organisations(queryset):
    return queryset.prefetch_related(
        Prefetch("organisations", queryset=organisation_public_queryset().order_by("name_en"))
    )


def programme_public_list():
    """Published programmes with their published organisations and `cluster_count` of public support."""
    counted = Count("support", filter=Q(support__status=PUBLISHED, support__cluster__status=PUBLISHED))
    return list(_with_public_organisations(programme_public_queryset()).annotate(cluster_count=counted)
                .order_by("name_en"))


def programme_public_detail(slug: str) -> Programme | None:
    return _with_public_organisations(programme_public_queryset()).filter(slug=slug).first()


def support_public_for_programme(programme: Programme) -> list[Support]:
    return list(
        support_public_queryset().filter(programme=programme)
        .select_related("cluster__sector", "cluster__governorate")
        .defer("cluster__governorate__boundary", "cluster__footprint", "cluster__search_text")
        .order_by("cluster__governorate__name_en", "cluster__name_en")
    )


def support_public_for_cluster(cluster) -> list[Support]:
    """The public support of one cluster, each with its programme and the programme's public organisations."""
    if cluster.status != PUBLISHED:
        return []
    return list(
        support_public_queryset().filter(cluster=cluster)
        .select_related("programme")
        .prefetch_related(Prefetch("programme__organisations",
                                   queryset=organisation_public_queryset().order_by("name_en")))
        .order_by("programme__name_en")
    )


def organisation_public_list():
    """Published organisations with `programme_count`, the published programmes they take part in."""
    return list(organisation_public_queryset().annotate(
        programme_count=Count("programmes", filter=Q(programmes__status=PUBLISHED))
    ).order_by("name_en"))


def organisation_public_detail(slug: str) -> Organisation | None:
    return organisation_public_queryset().filter(slug=slug).first()


def programme_public_for_organisation(organisation: Organisation) -> list[Programme]:
    return list(_with_public_organisations(programme_public_queryset().filter(organisations=organisation))
                .order_by("name_en"))


def support_public_rows(programme: str | None = None, organisation: str | None = None):
    """The flat who-what-where table, one dict per public support row, in a stable order."""
    queryset = support_public_queryset()
    if programme:
        queryset = queryset.filter(programme__slug=programme)
    if organisation:
        queryset = queryset.filter(programme__organisations__slug=organisation,
                                   programme__organisations__status=PUBLISHED)
    rows = list(queryset.order_by("cluster__slug", "programme__slug").values(
        "id", "cluster__slug", "cluster__name_ar", "cluster__name_en", "cluster__governorate__iso_code",
        "cluster__governorate__name_ar", "cluster__governorate__name_en", "cluster__sector__slug",
        "cluster__sector__name_ar", "cluster__sector__name_en", "programme_id", "programme__slug",
        "programme__name_ar", "programme__name_en", "kinds", "start_year", "end_year", "summary_ar",
        "summary_en", "enterprises_reached", "people_reached", "women_reached", "sources",
    ).distinct())
    organisations = programme_organisation_slugs({row["programme_id"] for row in rows})
    for row in rows:
        row["organisations"] = organisations.get(row.pop("programme_id"), [])
    return rows


def programme_organisation_slugs(programme_ids) -> dict[int, list[str]]:
    """{programme id: [slugs of its published organisations]}."""
    result: dict[int, list[str]] = {}
    through = Programme.organisations.through.objects.filter(
        programme_id__in=list(programme_ids), organisation__status=PUBLISHED
    ).order_by("organisation__slug").values_list("programme_id", "organisation__slug")
    for programme_id, slug in through:
        result.setdefault(programme_id, []).append(slug)
    return result


def cluster_support_q(*, programme: str | None = None, organisation: str | None = None,
                      supported: bool | None = None, prefix: str = "") -> Q:
    """A filter on clusters by their public support, as EXISTS subqueries: one SQL statement.

    `prefix` is the path from the filtered model to the cluster ("" for
    Cluster itself). The public rule is part of the subquery, so a draft
    programme or draft support never makes a cluster match.
    """
    outer = OuterRef(f"{prefix}pk" if prefix else "pk")
    q = Q()
    if programme:
        q &= Exists(Support.objects.filter(
            cluster_id=outer, status=PUBLISHED, programme__status=PUBLISHED, programme__slug=programme
        ))
    if organisation:
        q &= Exists(Support.objects.filter(
            cluster_id=outer, status=PUBLISHED, programme__status=PUBLISHED,
            programme__organisations__slug=organisation, programme__organisations__status=PUBLISHED,
        ))
    if supported is not None:
        any_support = Exists(Support.objects.filter(cluster_id=outer, status=PUBLISHED,
                                                     programme__status=PUBLISHED))
        q &= any_support if supported else ~any_support
    return q


def programme_slugs_by_cluster(cluster_ids) -> dict[int, list[str]]:
    """{cluster id: [slugs of the published programmes supporting it]}, for exports."""
    result: dict[int, list[str]] = {}
    pairs = (Support.objects.filter(cluster_id__in=list(cluster_ids), status=PUBLISHED,
                                    programme__status=PUBLISHED)
             .order_by("programme__slug").values_list("cluster_id", "programme__slug"))
    for cluster_id, slug in pairs:
        result.setdefault(cluster_id, []).append(slug)
    return result


def programme_choices_public() -> list[dict]:
    """Slug, both names and `organisations` (published slugs) of each published programme, for the map's filter."""
    rows = list(programme_public_queryset().order_by("name_en").values("id", "slug", "name_ar", "name_en"))
    organisations = programme_organisation_slugs(row["id"] for row in rows)
    for row in rows:
        row["organisations"] = organisations.get(row.pop("id"), [])
    return rows


def organisation_choices_public() -> list[dict]:
    """Published organisations with at least one published programme, for the map's filter."""
    return list(organisation_public_queryset().filter(
        Exists(Programme.objects.filter(organisations=OuterRef("pk"), status=PUBLISHED))
    ).order_by("name_en").values("slug", "name_ar", "name_en"))


def support_public_records_for_cluster(cluster) -> list[dict]:
    """A published cluster's public support as plain records, for the API's cluster detail.

    Empty values stay null (never 0): the sources did not report them.
    """
    records = []
    for support in support_public_for_cluster(cluster):
        records.append({
            "programme": support.programme.slug,
            "programme_name_ar": support.programme.name_ar,
            "programme_name_en": support.programme.name_en,
            "organisations": [o.slug for o in support.programme.organisations.all()],
            "kinds": list(support.kinds),
            "start_year": support.start_year,
            "end_year": support.end_year,
            "summary_ar": support.summary_ar,
            "summary_en": support.summary_en,
            "enterprises_reached": support.enterprises_reached,
            "people_reached": support.people_reached,
            "women_reached": support.women_reached,
            "sources": list(support.sources),
        })
    return records
