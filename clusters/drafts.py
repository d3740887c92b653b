"""Staff previewing a cluster on the public site before it is published.

Everyone else gets a 404 for a draft, exactly as for a slug that does not
exist, so the public site never says that a draft is there.
"""

from clusters.models import Cluster

VIEW_PERMISSION = "clusters.view_cluster"


def cluster_preview_allowed(user) -> bool:
    """Whether user may see drafts on the public pages: active staff who may view clusters in the admin."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff and user.has_perm(VIEW_PERMISSION))


def cluster_draft_detail(slug: str, user) -> Cluster | None:
    """The draft with this slug for a user allowed to preview it; None for anyone else or no such draft."""
    if not cluster_preview_allowed(user):
        return None
    return (Cluster.objects.select_related("sector", "governorate")
            .filter(slug=slug).exclude(status=Cluster.Status.PUBLISHED).first())
