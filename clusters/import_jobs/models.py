"""One import of one uploaded file, run by the background worker.

The queue itself is django-tasks' (its DBTaskResult rows); this row is what
staff see: whose file, how far the check has got, and the report at the end.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Kind(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        IMPORT = "import", _("Import")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    # Not a counter: job pages are per user, and their address should not be guessable either.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # The staged upload under MEDIA_ROOT/imports/, by its token (clusters.import_jobs.staging).
    token = models.CharField(max_length=32)
    filename = models.CharField(max_length=200)
    publish = models.BooleanField(default=False)
    language = models.CharField(max_length=10, blank=True)
    checked = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # The write phase's own count: records written of those that change something.
    written = models.PositiveIntegerField(default=0)
    write_total = models.PositiveIntegerField(default=0)
    # Moved by the worker as it goes; a running job whose heartbeat stops has lost its worker.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # A stalled or failed job started again by staff points to the job that took over.
    restarted_as = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    report = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self):
        return f"{self.get_kind_display()} {self.filename} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
