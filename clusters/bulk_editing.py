"""Writes of many clusters at once: the batched twin of cluster_create and cluster_change (clusters.editing).

Row by row, a big import wrote about 8 clusters a second (three or four
statements and a history row each), so 100,000 rows took hours. These write a
batch in a handful of statements and keep the row path's rules: the publish
permission, no direction-control characters, the version check (a cluster
changed since it was read is refused and named), only the given fields
written, a status that only goes to published and only with publish, one
history row per cluster with the caller's reason. The data-version triggers
are per statement, so ETags still move.

They run inside the caller's transaction and write nothing of their own on an
error: the caller rolls back. Placement is the caller's: every cluster must
already have been placed by clusters.placement.placement_check (the importer's
check does that with the same rule moments before), because checking again
here would cost the ~2 ms a row these exist to save.
"""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from clusters.bulk_copy import copy_insert
from clusters.editing import (
    COMMAND_LINE_REASON, FIELDS_NOT_SAVED, ClusterConflict, publish_permission_check,
)
from clusters.models import Cluster
from clusters.text import bidi_controls_check

_NAMED = ("slug", "name_ar", "name_en", "aliases")
# PostgreSQL's detail of a unique violation: Key (slug)=(some-slug) already exists.
_TAKEN_SLUG = re.compile(r"Key \(slug\)=\((?P<slug>.*)\) already exists")
_ADDED_MEANWHILE = gettext_noop("A cluster with this slug was added by someone else meanwhile.")


class ClusterBatchConflict(ClusterConflict):
    """ClusterConflict for one cluster of a batch, saying which (by its position in the caller's list)."""

    def __init__(self, message, index: int):
        super().__init__(message)
        self.index = index


class ClusterBatchRefused(ValidationError):
    """A cluster of a batch broke a rule; index is its position in the caller's list."""

    def __init__(self, error: ValidationError, index: int):
        super().__init__(error.messages)
        self.index = index


def _reason(user, reason: str | None) -> str:
    # As clusters.editing._history: no person and no reason is the command line.
    return reason or (COMMAND_LINE_REASON if user is None else "")


def _history(clusters: list[Cluster], history_type: str, *, user, reason: str | None, date) -> None:
    """One simple_history row per cluster, as its post_save would write it ("+" created, "~" changed).

    What simple_history's bulk_history_create builds, sent by COPY (clusters.bulk_copy).
    """
    historical = Cluster.history.model
    tracked = [f.attname for f in historical.tracked_fields]
    change_reason = _reason(user, reason)
    rows = [
        historical(history_date=date, history_user=user, history_change_reason=change_reason,
                   history_type=history_type, **{name: getattr(cluster, name) for name in tracked})
        for cluster in clusters
    ]
    copy_insert(historical, rows)


def _bidi_check(values: dict, index: int) -> None:
    try:
        bidi_controls_check({name: values[name] for name in _NAMED if name in values})
    except ValidationError as error:
        raise ClusterBatchRefused(error, index) from error


@transaction.atomic(savepoint=False)
def cluster_create_many(clusters: list[Cluster], *, user, reason: str | None = None, publish: bool = False) -> None:
    """Insert new, already placed clusters: drafts, or published with publish (which needs the permission)."""
    publish_permission_check(user, publish)
    if not clusters:
        return
    taken = set(Cluster.objects.filter(slug__in=[c.slug for c in clusters]).values_list("slug", flat=True))
    status = Cluster.Status.PUBLISHED if publish else Cluster.Status.DRAFT
    for index, cluster in enumerate(clusters):
        if cluster.slug in taken:
            # Created by someone else since the file was checked: refused and named, as a stale update is.
            raise ClusterBatchConflict(_(_ADDED_MEANWHILE), index)
        _bidi_check({name: getattr(cluster, name) for name in _NAMED}, index)
        cluster.status = status
        cluster.version = 1
        cluster.search_text = cluster.build_search_text()
    try:
        copy_insert(Cluster, clusters, with_ids=True)
    except IntegrityError as error:
        # Added by a writer still uncommitted when `taken` was read (another import, most
        # likely): COPY waited for it and then met its slug. Named like the case above.
        index = _taken_index(error, clusters)
        if index is None:
            raise
        raise ClusterBatchConflict(_(_ADDED_MEANWHILE), index) from error
    _history(clusters, "+", user=user, reason=reason, date=timezone.now())


def slug_taken(error: IntegrityError) -> str | None:
    """The slug of a unique violation on the clusters' slug, from PostgreSQL's detail; None for any other."""
    diag = getattr(error.__cause__, "diag", None)
    match = _TAKEN_SLUG.search(getattr(diag, "message_detail", None) or "")
    return match["slug"] if match else None


def _taken_index(error: IntegrityError, clusters: list[Cluster]) -> int | None:
    slug = slug_taken(error)
    return next((i for i, c in enumerate(clusters) if c.slug == slug), None) if slug else None


@transaction.atomic(savepoint=False)
def cluster_change_many(
    changes: list[tuple[int, int, dict]], *, user, reason: str | None = None, publish: bool = False,
    expected_statuses: dict[int, str] | None = None,
) -> list[Cluster]:
    """Write only the given fields of existing clusters: [(cluster_id, expected_version, {field: value})].

    expected_statuses {cluster_id: status}: what the file was checked against.
    Publishing and unpublishing leave the version alone, so without it a
    cluster unpublished meanwhile would be written (and, with publish, published again).

    Every row is locked (in id order, so two batches cannot deadlock) and its
    version compared before anything is written; the first one that moved, in
    the caller's order, is refused (ClusterBatchConflict). The fields a file
    does not change keep what a colleague saved meanwhile: each statement
    writes only the fields its group of clusters changes.
    """
    publish_permission_check(user, publish)
    if not changes:
        return []
    for index, (_id, _version, values) in enumerate(changes):
        _bidi_check(values, index)
    ids = [cluster_id for cluster_id, _version, _values in changes]
    current = {
        c.pk: c for c in Cluster.objects.select_for_update(of=("self",)).select_related("governorate", "sector")
        .defer("governorate__boundary").filter(pk__in=ids).order_by("pk")
    }
    for index, (cluster_id, expected_version, _values) in enumerate(changes):
        cluster = current.get(cluster_id)
        expected_status = (expected_statuses or {}).get(cluster_id)
        if cluster is None or cluster.version != expected_version or (
                expected_status is not None and cluster.status != expected_status):
            raise ClusterBatchConflict(
                _("Someone else saved or deleted this cluster after you opened it. Your changes were not saved: "
                  "reload the page to see the current version, then make your changes again."), index)

    now = timezone.now()
    groups: dict[tuple, list[Cluster]] = {}
    written = []
    for cluster_id, expected_version, values in changes:
        cluster = current[cluster_id]
        fields = [name for name in values if name not in FIELDS_NOT_SAVED]
        for name in fields:
            setattr(cluster, name, values[name])
        if publish and cluster.status != Cluster.Status.PUBLISHED:
            cluster.status = Cluster.Status.PUBLISHED
            fields.append("status")
        cluster.version = expected_version + 1
        cluster.updated_at = now
        cluster.search_text = cluster.build_search_text()
        groups.setdefault(tuple(sorted(fields)), []).append(cluster)
        written.append(cluster)
    for fields, clusters in groups.items():
        Cluster.objects.bulk_update(clusters, [*fields, "version", "updated_at", "search_text"])
    _history(written, "~", user=user, reason=reason, date=now)
    return written
