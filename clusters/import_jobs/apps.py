from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportJobsConfig(AppConfig):
    """Imports too big for a web request, checked and written by the background worker."""

    name = "clusters.import_jobs"
    label = "import_jobs"
    verbose_name = _("Import jobs")
    default_auto_field = "django.db.models.BigAutoField"
