from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from clusters.constants import CLUSTER_SLUG_MAX_LENGTH, ISO_PATTERN, SECTOR_SLUG_MAX_LENGTH, SLUG_PATTERN
from clusters.geo import EGYPT_EWKT
from clusters.text import normalize_text



class Governorate(models.Model):
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    aliases = models.TextField(
        _("aliases"), blank=True, help_text=_("Other spellings people search for, one per line.")
    )
    boundary = models.MultiPolygonField(_("boundary"), srid=4326)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("governorate")
        verbose_name_plural = _("governorates")
        constraints = [
            models.CheckConstraint(
                condition=Q(iso_code__regex=ISO_PATTERN), name="governorate_iso_code_format"
            ),
            models.CheckConstraint(condition=Q(boundary__isvalid=True), name="governorate_boundary_valid"),
        ]

    def __str__(self):
        return f"{self.name_ar} / {self.name_en}"


class Sector(models.Model):
    slug = models.SlugField(_("slug"), max_length=SECTOR_SLUG_MAX_LENGTH, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150)
    color = models.CharField(
        _("colour"), max_length=7, default="#555555", help_text=_("Map legend colour, as #rrggbb.")
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_PATTERN), name="sector_slug_format"),
            models.CheckConstraint(condition=Q(color__regex=r"^#[0-9a-fA-F]{6}$"), name="sector_color_format"),
        ]

    def __str__(self):
        return f"{self.name_ar} / {self.name_en}"


class Cluster(models.Model):
    class Status(models.TextChoices):
        # Contexts: "Published" the status and "Published" the history reason read differently in Arabic.
        DRAFT = "draft", pgettext_lazy("cluster status", "Draft")
        PUBLISHED = "published", pgettext_lazy("cluster status", "Published")

    class Precision(models.TextChoices):
        LOCALITY = "locality", _("Town or village centre")
        APPROXIMATE = "approximate", _("Approximate (placed by hand)")
        DISTRICT = "district", _("District seat")
        GOVERNORATE = "governorate", _("Governorate capital")

    slug = models.SlugField(_("slug"), max_length=CLUSTER_SLUG_MAX_LENGTH, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    aliases = models.TextField(
        _("aliases"), blank=True, help_text=_("Other spellings people search for, one per line.")
    )
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("sector"))
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("governorate")
    )
    locality_ar = models.CharField(_("locality (Arabic)"), max_length=300, blank=True)
    locality_en = models.CharField(_("locality (English)"), max_length=300, blank=True)
    location = models.PointField(_("location"), srid=4326)
    footprint = models.MultiPolygonField(_("footprint"), srid=4326, null=True, blank=True)
    location_precision = models.CharField(
        _("location precision"), max_length=12, choices=Precision.choices, default=Precision.LOCALITY
    )
    enterprises = models.PositiveIntegerField(_("enterprises"), null=True, blank=True)
    employment = models.PositiveIntegerField(_("employment"), null=True, blank=True)
    products_ar = models.TextField(_("products (Arabic)"), blank=True)
    products_en = models.TextField(_("products (English)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sources = ArrayField(models.URLField(max_length=2000), verbose_name=_("sources"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Folded text of every searchable field, kept by save(); see clusters.text.
    search_text = models.TextField(editable=False, default="")
    # Optimistic locking: a save that started from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        permissions = [("publish_cluster", _("Can publish and unpublish clusters"))]
        indexes = [models.Index(fields=["status", "sector"]), models.Index(fields=["status", "governorate"])]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_PATTERN), name="cluster_slug_format"),
            models.CheckConstraint(condition=Q(enterprises__gte=0), name="cluster_enterprises_non_negative"),
            models.CheckConstraint(condition=Q(employment__gte=0), name="cluster_employment_non_negative"),
            models.CheckConstraint(
                condition=Q(location__within=EGYPT_EWKT), name="cluster_location_in_egypt"
            ),
            models.CheckConstraint(
                condition=Q(footprint__isnull=True) | Q(footprint__isvalid=True), name="cluster_footprint_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="cluster_status_known"
            ),
            models.CheckConstraint(
                condition=Q(location_precision__in=["locality", "approximate", "district", "governorate"]),
                name="cluster_precision_known",
            ),
        ]

    def __str__(self):
        return self.name_ar or self.name_en

    @property
    def is_approximate(self) -> bool:
        return self.location_precision != self.Precision.LOCALITY

    def build_search_text(self) -> str:
        governorate = self.governorate if self.governorate_id else None
        parts = [
            self.name_ar, self.name_en, self.aliases, self.locality_ar, self.locality_en,
            self.products_ar, self.products_en,
        ]
        # q=خزف should find the pottery clusters although no name says so (issue 11, defect 7).
        if self.sector_id:
            parts += [self.sector.name_ar, self.sector.name_en]
        if governorate is not None:
            parts += [governorate.name_ar, governorate.name_en, governorate.aliases]
        return normalize_text(" \n ".join(p for p in parts if p))

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = list(update_fields) + ["search_text"]
        super().save(*args, **kwargs)


class DataVersion(models.Model):
    """The count of changes folded out of DataChange: the data version is this plus DataChange's rows.

    The API's ETag is that sum (clusters.etags.data_version). Writers never wait
    on this row: only the one transaction that wins an advisory lock folds into it.
    """

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("data version")


class DataChange(models.Model):
    """One row per transaction that wrote public data, counting its statements; kept by a database trigger.

    A trigger catches every write path (admin, importer, bulk updates, raw SQL),
    which a Python signal would not. Each transaction writes only its own row, so
    concurrent writers never wait on each other (one shared counter row made a
    long import block every admin save), and a row counts only once committed,
    so the version never moves ahead of the data a reader can see.
    """

    txid = models.BigIntegerField(primary_key=True)
    changes = models.BigIntegerField(default=1)

    class Meta:
        verbose_name = _("data change")


class KeptAnswer(models.Model):
    """A built (and maybe compressed) answer every server process can reuse, until the data version moves.

    Each process also keeps answers in memory (clusters.answers); this table is
    for the few answers nearly every visitor asks for and that cost most to build
    (the map's whole answer: ~0.7 s at 100,000 clusters), so that with three
    workers it is built once per data version, not once per worker. UNLOGGED
    (migration 0006): a crash empties it, which only costs a rebuild.
    """

    etag = models.CharField(max_length=100)
    encoding = models.CharField(max_length=8, blank=True)
    version = models.BigIntegerField(db_index=True)
    body = models.BinaryField()

    class Meta:
        verbose_name = _("kept answer")
        constraints = [models.UniqueConstraint(fields=["etag", "encoding"], name="kept_answer_etag_encoding")]
