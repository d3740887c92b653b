"""The staff workspace in Django admin, one module per concern."""

from clusters.admin.cluster import ClusterAdmin
from clusters.admin.reference import GovernorateAdmin, SectorAdmin

__all__ = ["ClusterAdmin", "GovernorateAdmin", "SectorAdmin"]
