"""What visitors send: a correction to a published cluster, or a cluster the map lacks.

Nothing here is ever public. The contact email in particular is for staff
only and is blanked after CONTRIBUTION_EMAIL_RETENTION_DAYS (see services).
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.contributions.limits import LIMITS
from clusters.models import Cluster, Governorate, Sector


class Contribution(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        MISSING = "missing", _("Missing cluster")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Duplicate")

    class Field(models.TextChoices):
        # Which part of a cluster a correction is about: optional, a hint for staff.
        NAME = "name", _("Name")
        PLACE = "place", _("Place on the map")
        SECTOR = "sector", _("Sector")
        PRODUCTS = "products", _("Products")
        FIGURES = "figures", _("Enterprises or employment")
        DESCRIPTION = "description", _("Description")
        SOURCES = "sources", _("Sources")
        OTHER = "other", _("Something else")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW,
                              db_index=True)
    # The page language the visitor wrote from, so staff know what to expect.
    language = models.CharField(_("language"), max_length=5, blank=True)

    # A correction: which cluster, which field, what is wrong.
    cluster = models.ForeignKey(Cluster, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="contributions", verbose_name=_("cluster"))
    field = models.CharField(_("about"), max_length=12, choices=Field.choices, blank=True)
    message = models.TextField(_("message"), max_length=LIMITS["message"], blank=True)

    # A missing cluster: what and where.
    name = models.CharField(_("name"), max_length=LIMITS["name"], blank=True)
    sector = models.ForeignKey(Sector, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("sector"))
    governorate = models.ForeignKey(Governorate, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("governorate"))
    place = models.CharField(_("village or markaz"), max_length=LIMITS["place"], blank=True)
    location = models.PointField(_("point picked on the map"), srid=4326, null=True, blank=True)
    products = models.TextField(_("products"), max_length=LIMITS["products"], blank=True)

    # Both kinds.
    source_url = models.URLField(_("source link"), max_length=LIMITS["source_url"], blank=True)
    contact_email = models.EmailField(_("contact email"), max_length=LIMITS["contact_email"], blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    # The review.
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reviewed by"))
    review_reason = models.TextField(_("reason"), blank=True)
    created_cluster = models.ForeignKey(Cluster, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("draft cluster made from it"))
    email_deleted_at = models.DateTimeField(_("contact email deleted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["correction", "missing"]), name="contribution_kind_known"),
            models.CheckConstraint(condition=Q(status__in=["new", "accepted", "rejected", "duplicate"]),
                                   name="contribution_status_known"),
        ]

    def __str__(self):
        if self.kind == self.Kind.MISSING:
            return self.name or str(_("Missing cluster"))
        return str(self.cluster) if self.cluster_id else str(_("Correction"))
