from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    """Who does what where: programmes, the organisations behind them, their support to clusters."""

    name = "clusters.programmes"
    label = "programmes"
    verbose_name = _("Programmes and support")
    default_auto_field = "django.db.models.BigAutoField"
