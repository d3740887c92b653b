"""Reads for staff: contributions are never read by any public page, API or export."""

from clusters.contributions.models import Contribution


def contribution_new_count() -> int:
    return Contribution.objects.filter(status=Contribution.Status.NEW).count()


def contribution_for_review(contribution_id) -> Contribution | None:
    """One contribution with what the review pages show beside it."""
    if not str(contribution_id).isdigit():
        return None
    return (Contribution.objects.select_related("cluster", "sector", "governorate", "created_cluster", "reviewed_by")
            .filter(pk=int(contribution_id)).first())


def sector_choices():
    """The sectors a visitor may choose for a missing cluster."""
    from clusters.models import Sector

    return Sector.objects.only("pk", "name_ar", "name_en")


def governorate_choices():
    """The governorates, without their heavy boundaries."""
    from clusters.models import Governorate

    return Governorate.objects.only("pk", "name_ar", "name_en", "iso_code")


def cluster_for_correction(slug: str):
    """The published cluster a visitor may report on, or None (drafts are not public, so not reportable)."""
    from clusters.models import Cluster

    if not isinstance(slug, str) or len(slug) > Cluster._meta.get_field("slug").max_length:
        return None
    return (Cluster.objects.select_related("sector", "governorate").defer("governorate__boundary")
            .filter(slug=slug, status=Cluster.Status.PUBLISHED).first())
