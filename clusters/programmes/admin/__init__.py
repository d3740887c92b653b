"""Staff workspace for organisations, programmes and support (registered on import)."""

from clusters.programmes.admin.inlines import SupportInlineForCluster
from clusters.programmes.admin.models_admin import OrganisationAdmin, ProgrammeAdmin, SupportAdmin

__all__ = ["OrganisationAdmin", "ProgrammeAdmin", "SupportAdmin", "SupportInlineForCluster"]
