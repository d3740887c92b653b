"""The staff workspace in Django admin, one module per concern."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from clusters.admin.cluster import ClusterAdmin
from clusters.admin.reference import GovernorateAdmin, SectorAdmin

__all__ = ["ClusterAdmin", "GovernorateAdmin", "SectorAdmin"]

admin.site.site_header = _("Egypt's production clusters: staff workspace")
admin.site.site_title = _("Production clusters staff")
admin.site.index_title = _("Clusters, sectors and governorates")
