"""Writes behind the staff workspace: saving a cluster safely, publishing and unpublishing.

The admin stays thin and calls these; the rules (where a point may be, who may
publish, that no save overwrites a colleague's newer one) live here, so any
other caller gets the same rules.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from clusters.geo import EGYPT_EXTENT, EGYPT_POLYGON, in_egypt
from clusters.models import Cluster, Governorate
from clusters.selectors import governorate_containing, governorate_distance_km

PUBLISH_PERMISSION = "clusters.publish_cluster"
# Status changes only through cluster_publish/cluster_unpublish, and created_at
# never changes: a save writes every other column.
_NOT_SAVED = {"id", "status", "created_at"}


class ClusterConflict(Exception):
    """The cluster changed (or was deleted) after the editor opened it; nothing was saved."""


@dataclass
class Placement:
    governorate: Governorate
    filled: bool = False  # the governorate was taken from the point
    warnings: list[str] = field(default_factory=list)


def cluster_place(location, governorate: Governorate | None, footprint=None) -> Placement:
    """Check where a cluster lies and settle its governorate.

    Outside Egypt is refused. An empty governorate is filled from the point. A
    point outside its chosen governorate is only a warning: the boundaries are
    coarse (Garagos, Qena, falls about 13 km inside Luxor's polygon).
    """
    if location is None:
        raise ValidationError({"location": _("Place the cluster's point on the map.")})
    if not in_egypt(location.x, location.y):
        min_lon, min_lat, max_lon, max_lat = EGYPT_EXTENT
        raise ValidationError({
            "location": _(
                "The point (longitude %(lon).5f, latitude %(lat).5f) is outside Egypt. Move it into Egypt "
                "(longitude %(min_lon)s to %(max_lon)s, latitude %(min_lat)s to %(max_lat)s)."
            ) % {"lon": location.x, "lat": location.y, "min_lon": min_lon, "max_lon": max_lon,
                 "min_lat": min_lat, "max_lat": max_lat}
        })
    if footprint is not None and not footprint.within(EGYPT_POLYGON):
        raise ValidationError({"footprint": _("The footprint reaches outside Egypt. Draw it inside Egypt.")})
    if governorate is None:
        found = governorate_containing(location)
        if found is None:
            raise ValidationError({
                "governorate": _("No governorate's boundary contains this point, so it cannot be filled in. "
                                 "Choose the governorate.")
            })
        return Placement(governorate=found, filled=True)
    placement = Placement(governorate=governorate)
    if not Governorate.objects.filter(pk=governorate.pk, boundary__intersects=location).exists():
        distance = governorate_distance_km(governorate, location)
        placement.warnings.append(
            _("The point lies %(km).1f km outside %(governorate)s. It was saved anyway: check the point "
              "or the governorate.") % {"km": distance, "governorate": governorate}
        )
    return placement


def _can_publish(user) -> bool:
    return user is not None and user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def cluster_save(
    cluster: Cluster, *, user, expected_version: int | None = None, reason: str | None = None
) -> Placement:
    """Create or update a cluster, refusing a save that started from an older version.

    New clusters are always drafts. For an existing one, expected_version is the
    version the editor opened; a conditional UPDATE claims the next version in
    the database, so of two saves from the same version exactly one wins even
    when they run at the same moment, and the loser raises ClusterConflict. The
    status is never written here (publishing is its own, permitted act), so a
    revert or an old form cannot publish or unpublish by the back door.
    """
    placement = cluster_place(cluster.location, cluster.governorate if cluster.governorate_id else None,
                              cluster.footprint)
    cluster.governorate = placement.governorate
    cluster._history_user = user
    if reason:
        cluster._change_reason = reason

    if cluster._state.adding or cluster.pk is None:
        cluster.status = Cluster.Status.DRAFT
        cluster.version = 1
        cluster.save()
        return placement

    if expected_version is None:
        raise ClusterConflict(_("The form did not say which version it was opened at."))
    claimed = Cluster.objects.filter(pk=cluster.pk, version=expected_version).update(version=expected_version + 1)
    if not claimed:
        raise ClusterConflict(
            _("Someone else saved or deleted this cluster after you opened it. Your changes were not saved: "
              "reload the page to see the current version, then make your changes again.")
        )
    # The row is locked by our UPDATE until commit, so this read is the truth.
    cluster.status = Cluster.objects.filter(pk=cluster.pk).values_list("status", flat=True).get()
    cluster.version = expected_version + 1
    cluster.save(update_fields=[
        f.name for f in Cluster._meta.concrete_fields if f.name not in _NOT_SAVED
    ])
    return placement


def cluster_version_current(cluster_id) -> int | None:
    """The version in the database now: what a form opened now starts from."""
    return Cluster.objects.filter(pk=cluster_id).values_list("version", flat=True).first()


def _set_status(clusters, user, status: str, reason: str) -> int:
    if not _can_publish(user):
        raise PermissionDenied(_("Only users allowed to publish clusters may publish or unpublish them."))
    if isinstance(clusters, QuerySet):
        ids = list(clusters.values_list("pk", flat=True))
    else:
        ids = [c.pk for c in clusters]
    changed = 0
    with transaction.atomic():
        # Locked in id order so two publishers working on overlapping selections cannot deadlock.
        for cluster in Cluster.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
            if cluster.status == status:
                continue
            cluster.status = status
            cluster._history_user = user
            cluster._change_reason = reason
            # The version is left alone: saves never write the status, so an editor's
            # open form does not need reloading because a colleague published.
            cluster.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed


def cluster_publish(clusters, user) -> int:
    """Publish the given clusters (a queryset or a list); returns how many changed."""
    return _set_status(clusters, user, Cluster.Status.PUBLISHED, _("Published"))


def cluster_unpublish(clusters, user) -> int:
    """Take the given clusters back to draft, out of the public map and API."""
    return _set_status(clusters, user, Cluster.Status.DRAFT, _("Unpublished"))
