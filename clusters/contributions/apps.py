from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    """Visitors' correction reports and missing-cluster suggestions, reviewed by staff."""

    name = "clusters.contributions"
    label = "contributions"
    verbose_name = _("Contributions from visitors")
    default_auto_field = "django.db.models.BigAutoField"
