"""Writes behind the staff workspace: saving a cluster safely, publishing and unpublishing.

The admin and the importer stay thin and call these; the rules (where a point
may be, see clusters.placement; who may publish; that no save overwrites a
colleague's newer one; no direction-control characters in names) live here, so
every writer gets the same rules and the same messages.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from clusters.history_reasons import COMMAND_LINE_IMPORT, PUBLISHED, UNPUBLISHED, history_reason
from clusters.models import Cluster
from clusters.placement import Placement, PlacementRule, placement_check
from clusters.text import bidi_controls_check

PUBLISH_PERMISSION = "clusters.publish_cluster"
# Status changes only through cluster_publish/cluster_unpublish, and created_at
# never changes: a save writes every other column (the batched writes too, clusters.bulk_editing).
FIELDS_NOT_SAVED = frozenset({"id", "status", "created_at"})
PLACE_FIELDS = {"location", "governorate", "footprint"}
# simple_history's reason when no person is behind a write (a command run at the shell).
COMMAND_LINE_REASON = history_reason(COMMAND_LINE_IMPORT)


class ClusterConflict(Exception):
    """The cluster changed (or was deleted) after the editor opened it; nothing was saved."""


def cluster_place(location, governorate, footprint=None, *, rule: PlacementRule | None = None) -> Placement:
    """The placement rule (clusters.placement), under the name the admin form knows."""
    return placement_check(location, governorate, footprint, rule=rule)


def _can_publish(user) -> bool:
    return user is not None and user.has_perm(PUBLISH_PERMISSION)


def publish_permission_check(user, publish: bool) -> None:
    # No user is the command line, run by whoever runs the server; a person needs the permission.
    if publish and user is not None and not _can_publish(user):
        raise PermissionDenied(_("Only users allowed to publish clusters may publish or unpublish them."))


def _history(cluster: Cluster, user, reason: str | None) -> None:
    cluster._history_user = user
    if reason or user is None:
        cluster._change_reason = reason or COMMAND_LINE_REASON


def _claim(cluster_id, expected_version: int | None) -> None:
    """Take the next version in the database, or raise ClusterConflict.

    A conditional UPDATE: of two writers from the same version exactly one wins,
    even at the same moment. The row stays locked until commit.
    """
    if expected_version is None:
        raise ClusterConflict(_("The form did not say which version it was opened at."))
    claimed = Cluster.objects.filter(pk=cluster_id, version=expected_version).update(version=expected_version + 1)
    if not claimed:
        raise ClusterConflict(
            _("Someone else saved or deleted this cluster after you opened it. Your changes were not saved: "
              "reload the page to see the current version, then make your changes again.")
        )


def _restore(cluster: Cluster) -> None:
    """Bring a deleted cluster back under its old id, from a version in its history, as a draft.

    The form opened on a deleted cluster carries no version (there is none in
    the database), which is what tells a restore from a stale save. It comes
    back as a draft: whoever restores it checks it before publishing again.
    Its version carries on from its history, so versions never repeat.
    """
    last = Cluster.history.filter(id=cluster.pk).aggregate(last=Max("version"))["last"] or 0
    cluster.status = Cluster.Status.DRAFT
    cluster.version = last + 1
    try:
        with transaction.atomic():
            cluster.save(force_insert=True)
    except IntegrityError as error:
        # Two restores at once, or its slug given to another cluster since the form was checked.
        raise ClusterConflict(
            _("Someone else restored this cluster, or gave its slug to another one, after you opened this page. "
              "Nothing was saved: reload the page.")
        ) from error


def _place(cluster: Cluster, rule) -> Placement:
    placement = placement_check(
        cluster.location, cluster.governorate if cluster.governorate_id else None, cluster.footprint, rule=rule
    )
    cluster.governorate = placement.governorate
    return placement


@transaction.atomic
def cluster_save(
    cluster: Cluster, *, user, expected_version: int | None = None, reason: str | None = None,
    publish: bool = False, rule: PlacementRule | None = None,
) -> Placement:
    """Create or update a cluster from a whole record (the admin form), refusing a stale save.

    See _save; this one runs in a savepoint, so a caller may catch ClusterConflict and go on.
    """
    return _save(cluster, user=user, expected_version=expected_version, reason=reason, publish=publish, rule=rule)


def _save(
    cluster: Cluster, *, user, expected_version: int | None = None, reason: str | None = None,
    publish: bool = False, rule: PlacementRule | None = None,
) -> Placement:
    """Create or update a cluster from a whole record, refusing a stale save.

    New clusters are drafts unless publish (which needs the permission). For an
    existing one, expected_version is the version the editor opened; the loser
    of two saves from the same version raises ClusterConflict. The status is
    never written here (publishing is its own, permitted act), so a revert or an
    old form cannot publish or unpublish by the back door.
    """
    publish_permission_check(user, publish)
    bidi_controls_check({name: getattr(cluster, name, "") for name in ("slug", "name_ar", "name_en", "aliases")})
    placement = _place(cluster, rule)
    _history(cluster, user, reason)

    if cluster._state.adding or cluster.pk is None:
        cluster.status = Cluster.Status.PUBLISHED if publish else Cluster.Status.DRAFT
        cluster.version = 1
        cluster.save()
        return placement

    if expected_version is None and cluster_version_current(cluster.pk) is None:
        _restore(cluster)
        return placement

    _claim(cluster.pk, expected_version)
    cluster.status = Cluster.objects.filter(pk=cluster.pk).values_list("status", flat=True).get()
    cluster.version = expected_version + 1
    cluster.save(update_fields=[
        f.name for f in Cluster._meta.concrete_fields if f.name not in FIELDS_NOT_SAVED
    ])
    return placement


# cluster_change and cluster_create take no savepoint of their own: an import calls
# them for every row inside its one transaction, where two more statements a row
# cost a third of the time. After an error the caller's transaction can only be
# rolled back, which is what an all-or-nothing import does anyway.
@transaction.atomic(savepoint=False)
def cluster_change(
    cluster_id, changes: dict, *, user, expected_version: int, reason: str | None = None,
    publish: bool = False, rule: PlacementRule | None = None, expected_status: str | None = None,
) -> Placement:
    """Write only the given fields of an existing cluster (an import), refusing a stale write.

    The record is read and locked only if it is still at expected_version (else
    ClusterConflict), so what a colleague changed in the other fields since the
    file was checked survives, and the history row shows the record as it now
    is. The status only ever goes to published, with publish; an import never
    unpublishes. expected_status, when given, is the status the file was
    checked against: publishing and unpublishing leave the version alone, so a
    cluster unpublished meanwhile is refused by it.
    """
    publish_permission_check(user, publish)
    bidi_controls_check(changes)
    # One statement claims and reads: the row stays locked until commit, as _claim's UPDATE would.
    cluster = (
        Cluster.objects.select_for_update(of=("self",)).select_related("governorate")
        .defer("governorate__boundary").filter(pk=cluster_id, version=expected_version).first()
    )
    if cluster is None or (expected_status is not None and cluster.status != expected_status):
        raise ClusterConflict(
            _("Someone else saved or deleted this cluster after you opened it. Your changes were not saved: "
              "reload the page to see the current version, then make your changes again.")
        )
    governorate_before = cluster.governorate_id
    fields = [name for name in changes if name not in FIELDS_NOT_SAVED]
    for name in fields:
        setattr(cluster, name, changes[name])
    if PLACE_FIELDS & set(fields):
        placement = _place(cluster, rule)
        if cluster.governorate_id != governorate_before and "governorate" not in fields:
            fields.append("governorate")
    else:
        placement = Placement(governorate=cluster.governorate)
    if publish and cluster.status != Cluster.Status.PUBLISHED:
        cluster.status = Cluster.Status.PUBLISHED
        fields.append("status")
    cluster.version = expected_version + 1
    _history(cluster, user, reason)
    cluster.save(update_fields=fields + ["version", "updated_at"])
    return placement


@transaction.atomic(savepoint=False)
def cluster_create(
    cluster: Cluster, *, user, reason: str | None = None, publish: bool = False, rule: PlacementRule | None = None
) -> Placement:
    """Add a new cluster: a draft, or published with publish (which needs the permission)."""
    if cluster.pk is not None and not cluster._state.adding:
        raise ValueError("cluster_create is for new clusters")
    return _save(cluster, user=user, reason=reason, publish=publish, rule=rule)


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
    return _set_status(clusters, user, Cluster.Status.PUBLISHED, history_reason(PUBLISHED))


def cluster_unpublish(clusters, user) -> int:
    """Take the given clusters back to draft, out of the public map and API."""
    return _set_status(clusters, user, Cluster.Status.DRAFT, history_reason(UNPUBLISHED))
