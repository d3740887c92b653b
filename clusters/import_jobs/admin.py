from django.contrib import admin

from clusters.import_jobs.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """A read-only list of import jobs, for whoever looks after the worker; staff follow their own on the import page."""

    list_display = ["created_at", "user", "kind", "filename", "status", "checked", "total", "written", "heartbeat_at",
                    "finished_at"]
    list_filter = ["status", "kind"]
    exclude = ["report", "token"]
    readonly_fields = [f.name for f in ImportJob._meta.fields if f.name not in ("report", "token")]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
