"""Writes: receiving a contribution, reviewing it, forgetting contact emails.

The public forms and the admin are thin adapters over these functions.
"""

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusters.contributions.limits import LIMITS, links_check, text_check
from clusters.contributions.models import Contribution
from clusters.editing import cluster_save
from clusters.history_reasons import CONTRIBUTION, history_reason
from clusters.models import Cluster, Governorate, Sector
from clusters.placement import placement_check

logger = logging.getLogger("clusters.contributions")

REVIEW_PERMISSION = "contributions.change_contribution"
_SLUG_MAX = Cluster._meta.get_field("slug").max_length
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"


@dataclass
class ContributionInput:
    """What a visitor sent, already trimmed by the form. Every field optional until the kind says otherwise."""

    kind: str
    language: str = ""
    cluster: Cluster | None = None
    field: str = ""
    message: str = ""
    name: str = ""
    sector: Sector | None = None
    governorate: Governorate | None = None
    place: str = ""
    location: Point | None = None
    products: str = ""
    source_url: str = ""
    contact_email: str = ""


_TEXT_FIELDS = ("message", "name", "place", "products", "source_url", "contact_email")


def contribution_check(data: ContributionInput) -> None:
    """Every rule a contribution meets; raises ValidationError({field: [...]}) naming the field."""
    errors: dict[str, list[str]] = {}
    for name in _TEXT_FIELDS:
        value = getattr(data, name) or ""
        if len(value) > LIMITS[name]:
            errors.setdefault(name, []).append(
                _("Please keep this to %(limit)d characters (it has %(length)d).")
                % {"limit": LIMITS[name], "length": len(value)})
            continue
        try:
            text_check(name, value)
        except ValidationError as error:
            errors.setdefault(name, []).extend(error.message_dict[name])
    if data.kind == Contribution.Kind.CORRECTION:
        if data.cluster is None or data.cluster.status != Cluster.Status.PUBLISHED:
            errors.setdefault("cluster", []).append(_("This cluster is not on the map."))
        if not data.message.strip():
            errors.setdefault("message", []).append(_("Please say what is wrong."))
    elif data.kind == Contribution.Kind.MISSING:
        if not data.name.strip():
            errors.setdefault("name", []).append(_("Please give the cluster's name."))
        if data.sector is None:
            errors.setdefault("sector", []).append(_("Please choose what is made there."))
        if data.location is None and not data.place.strip():
            errors.setdefault("place", []).append(
                _("Please pick the place on the map, or type the village or markaz."))
    else:
        errors.setdefault("kind", []).append(_("Unknown kind of contribution."))
    try:
        links_check(*(getattr(data, name) for name in _TEXT_FIELDS if name != "contact_email"))
    except ValidationError as error:
        errors.setdefault("__all__", []).extend(error.messages)
    if data.location is not None and "location" not in errors:
        # The rule staff edits meet: a point at sea or abroad is refused with the same message.
        try:
            placement = placement_check(data.location, data.governorate)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault("location" if field == "governorate" else field, []).extend(messages)
        else:
            if data.governorate is None:
                data.governorate = placement.governorate
    if data.kind == Contribution.Kind.MISSING and data.governorate is None and "location" not in errors:
        errors.setdefault("governorate", []).append(_("Please choose the governorate."))
    if errors:
        raise ValidationError(errors)


def contribution_submit(data: ContributionInput) -> Contribution:
    """Check and keep a visitor's contribution, then tell staff by email once it is safely saved."""
    contribution_check(data)
    with transaction.atomic():
        contribution = Contribution.objects.create(
            kind=data.kind, language=data.language[:5],
            cluster=data.cluster if data.kind == Contribution.Kind.CORRECTION else None,
            field=data.field, message=data.message, name=data.name, sector=data.sector,
            governorate=data.governorate, place=data.place, location=data.location, products=data.products,
            source_url=data.source_url, contact_email=data.contact_email,
        )
        # After commit: a mail server that fails or hangs can never roll the contribution back.
        transaction.on_commit(lambda: contribution_notify(contribution.pk))
    return contribution


def contribution_notify(contribution_id: int) -> bool:
    """Email CONTRIBUTIONS_NOTIFY_EMAIL about a new contribution; False (and a log line) when it fails."""
    recipient = getattr(settings, "CONTRIBUTIONS_NOTIFY_EMAIL", "")
    if not recipient:
        return False
    try:
        contribution = Contribution.objects.select_related("cluster").get(pk=contribution_id)
        # Staff read these in the portal's default language; the email carries no contact address.
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("New contribution: %(kind)s, %(title)s") % {
                "kind": contribution.get_kind_display(), "title": str(contribution)[:80]}
            body = _("A visitor sent a contribution to the clusters portal. Review it in the staff "
                     "workspace:\n\n%(url)s\n") % {"url": _admin_url(contribution)}
        send_mail(subject, body, None, [recipient], fail_silently=False)
    except Exception:  # noqa: BLE001 - the contribution is saved; a mail problem is only logged
        logger.exception("could not send the email about contribution %s", contribution_id)
        return False
    return True


def _admin_url(contribution: Contribution) -> str:
    path = reverse("admin:contributions_contribution_change", args=[contribution.pk])
    base = getattr(settings, "PORTAL_BASE_URL", "").rstrip("/")
    return base + path


def _require_review(user) -> None:
    if user is None or not user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied(_("Only staff allowed to review contributions may do this."))


def _lock_new(contribution_id: int) -> Contribution:
    contribution = Contribution.objects.select_for_update().get(pk=contribution_id)
    if contribution.status != Contribution.Status.NEW:
        raise ValidationError(_("This contribution was already reviewed (%(status)s).")
                              % {"status": contribution.get_status_display()})
    return contribution


def _close(contribution: Contribution, user, status: str, reason: str = "") -> None:
    contribution.status = status
    contribution.reviewed_by = user
    contribution.reviewed_at = timezone.now()
    contribution.review_reason = reason
    contribution.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_reason", "created_cluster"])


def _is_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    arabic = len(re.findall(f"[{_ARABIC}]", "".join(letters)))
    return arabic * 2 >= len(letters)


def _unique_slug(name: str, contribution_id: int) -> str:
    base = slugify(name)[:_SLUG_MAX - 20].strip("-") or "suggested"
    # An Arabic name slugifies to nothing: the contribution's number keeps it unique and traceable.
    slug = f"{base}-{contribution_id}" if base == "suggested" else base
    counter = 2
    while Cluster.objects.filter(slug=slug).exists():
        slug = f"{base}-{contribution_id}-{counter}"
        counter += 1
    return slug


def contribution_accept_missing(contribution_id: int, user) -> Cluster:
    """Make a draft cluster from a missing-cluster suggestion through the one write path.

    Publishing stays a separate act for a publisher. The draft's history names
    the contribution; its contact email is never copied.
    """
    _require_review(user)
    if not user.has_perm("clusters.add_cluster"):
        raise PermissionDenied(_("Only staff allowed to add clusters may accept a missing cluster."))
    with transaction.atomic():
        contribution = _lock_new(contribution_id)
        if contribution.kind != Contribution.Kind.MISSING:
            raise ValidationError(_("Only a missing-cluster suggestion makes a new cluster."))
        if contribution.sector is None or contribution.governorate is None:
            raise ValidationError(_("The suggestion lacks a sector or governorate; add the cluster by hand."))
        arabic = _is_arabic(contribution.name)
        language = "ar" if arabic else "en"
        location = contribution.location
        precision = Cluster.Precision.APPROXIMATE
        if location is None:
            # Only a place name was given: the governorate's interior stands in until staff place it.
            location = contribution.governorate.boundary.point_on_surface
            precision = Cluster.Precision.GOVERNORATE
        cluster = Cluster(
            slug=_unique_slug(contribution.name, contribution.pk),
            sector=contribution.sector,
            governorate=contribution.governorate,
            location=location,
            location_precision=precision,
            sources=[contribution.source_url] if contribution.source_url else [],
            **{f"name_{language}": contribution.name, f"locality_{language}": contribution.place,
               f"products_{language}": contribution.products},
        )
        # Stored as a code, shown in each reader's language on the history page.
        cluster_save(cluster, user=user, reason=history_reason(CONTRIBUTION, contribution.pk))
        contribution.created_cluster = cluster
        _close(contribution, user, Contribution.Status.ACCEPTED)
    return cluster


def contribution_accept_correction(contribution_id: int, user) -> Contribution:
    """Mark a correction accepted; the reviewer then edits the cluster with the suggestion beside the form."""
    _require_review(user)
    with transaction.atomic():
        contribution = _lock_new(contribution_id)
        if contribution.kind != Contribution.Kind.CORRECTION:
            raise ValidationError(_("Only a correction is accepted this way."))
        if contribution.cluster_id is None:
            raise ValidationError(_("The cluster this correction was about no longer exists."))
        _close(contribution, user, Contribution.Status.ACCEPTED)
    return contribution


def contribution_reject(contribution_id: int, user, reason: str) -> Contribution:
    """Reject with a reason, which staff see later (the visitor is not told: no address is needed)."""
    _require_review(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Please give a reason for rejecting it.")]})
    with transaction.atomic():
        contribution = _lock_new(contribution_id)
        _close(contribution, user, Contribution.Status.REJECTED, reason[:2000])
    return contribution


def contribution_mark_duplicate(contribution_id: int, user, reason: str = "") -> Contribution:
    _require_review(user)
    with transaction.atomic():
        contribution = _lock_new(contribution_id)
        _close(contribution, user, Contribution.Status.DUPLICATE, (reason or "").strip()[:2000])
    return contribution


def contribution_emails_purge(days: int | None = None, now=None) -> int:
    """Blank the contact email of contributions older than `days`; the contributions themselves stay."""
    if days is None:
        days = int(getattr(settings, "CONTRIBUTION_EMAIL_RETENTION_DAYS", 180))
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    return (Contribution.objects.filter(created_at__lt=cutoff).exclude(contact_email="")
            .update(contact_email="", email_deleted_at=now))
