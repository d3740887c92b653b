"""Organisations, their programmes, and each programme's support to one cluster.

Every record carries the clusters' editing rules: a status only publishers
change, a version for the no-lost-update check, and a history. A value the
sources do not give is NULL or empty, shown as "not reported", never as 0.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusters.models import SLUG_PATTERN, Cluster

STATUS_VALUES = ["draft", "published"]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    DONOR = "donor", _("Donor")
    UN_AGENCY = "un-agency", _("UN agency")
    NGO = "ngo", _("Non-governmental organisation")
    PRIVATE = "private", _("Private sector")
    ACADEMIC = "academic", _("Academic")


class SupportKind(models.TextChoices):
    DIAGNOSTIC_STUDY = "diagnostic-study", _("Diagnostic study")
    TECHNICAL_ASSISTANCE = "technical-assistance", _("Technical assistance")
    TRAINING = "training", _("Training")
    EQUIPMENT = "equipment", _("Equipment")
    MARKETING = "marketing", _("Marketing")
    FINANCE = "finance", _("Finance")
    COMMON_FACILITY = "common-facility", _("Common facility")
    EXPORT_PROMOTION = "export-promotion", _("Export promotion")
    POLICY = "policy", _("Policy")
    OTHER = "other", _("Other")


def _sources_field():
    return ArrayField(models.URLField(max_length=2000), verbose_name=_("sources"), default=list, blank=True)


def _year_field(label):
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


class EditedRecord(models.Model):
    """Status, version and stamps, as on clusters (clusters.editing explains the version check)."""

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Organisation(EditedRecord):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [("publish_organisation", _("Can publish and unpublish organisations"))]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_PATTERN), name="organisation_slug_format"),
            models.CheckConstraint(condition=Q(status__in=STATUS_VALUES), name="organisation_status_known"),
            models.CheckConstraint(condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_known"),
        ]

    def __str__(self):
        return self.name_ar or self.name_en


class Programme(EditedRecord):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300)
    organisations = models.ManyToManyField(
        Organisation, related_name="programmes", verbose_name=_("organisations"), blank=True
    )
    start_year = _year_field(_("start year"))
    end_year = _year_field(_("end year"))
    budget_amount = models.DecimalField(_("budget"), max_digits=16, decimal_places=2, null=True, blank=True)
    budget_currency = models.CharField(
        _("budget currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, such as EGP, USD or EUR.")
    )
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    sources = _sources_field()

    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        permissions = [("publish_programme", _("Can publish and unpublish programmes"))]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_PATTERN), name="programme_slug_format"),
            models.CheckConstraint(condition=Q(status__in=STATUS_VALUES), name="programme_status_known"),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="programme_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | Q(budget_amount__gte=0), name="programme_budget_non_negative"
            ),
            # An amount means nothing without its currency; a currency alone is harmless but useless.
            models.CheckConstraint(
                condition=(Q(budget_amount__isnull=True, budget_currency="")
                           | Q(budget_amount__isnull=False, budget_currency__regex=r"^[A-Z]{3}$")),
                name="programme_budget_currency",
            ),
        ]

    def __str__(self):
        return self.name_ar or self.name_en


class Support(EditedRecord):
    """One programme's work in one cluster. Public only when it, its programme and its cluster are published."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="support", verbose_name=_("programme")
    )
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="support", verbose_name=_("cluster"))
    kinds = ArrayField(
        models.CharField(max_length=24, choices=SupportKind.choices), verbose_name=_("kinds of support"),
        default=list, blank=True,
    )
    start_year = _year_field(_("start year"))
    end_year = _year_field(_("end year"))
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    enterprises_reached = models.PositiveIntegerField(_("enterprises reached"), null=True, blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    women_reached = models.PositiveIntegerField(_("women reached"), null=True, blank=True)
    sources = _sources_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme__name_en", "cluster__name_en"]
        verbose_name = _("support")
        verbose_name_plural = _("support")
        permissions = [("publish_support", _("Can publish and unpublish support"))]
        constraints = [
            models.UniqueConstraint(fields=["programme", "cluster"], name="support_one_per_programme_cluster"),
            models.CheckConstraint(condition=Q(status__in=STATUS_VALUES), name="support_status_known"),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="support_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(kinds__contained_by=SupportKind.values), name="support_kinds_known"
            ),
        ]
        indexes = [models.Index(fields=["cluster", "programme"], name="support_cluster_programme")]

    def __str__(self):
        return f"{self.programme} → {self.cluster}"
