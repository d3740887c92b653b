"""The import's write phase: every checked record, in one transaction, or nothing.

A small file goes row by row through the admin's cluster service
(clusters.editing). From IMPORT_BULK_FROM_ROWS records on, it goes in batches
of IMPORT_BULK_BATCH_ROWS through clusters.bulk_editing, which keeps the same
rules in a few statements a batch: row by row, 100,000 records took hours.
Either way the transaction is one, so a refusal anywhere writes nothing, and
the refusal names the cluster.
"""

from collections.abc import Callable
from itertools import islice

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from clusters.bulk_editing import (
    ClusterBatchConflict, ClusterBatchRefused, cluster_change_many, cluster_create_many, slug_taken,
)
from clusters.editing import ClusterConflict, cluster_change, cluster_create
from clusters.models import Cluster

CREATE, UPDATE = "create", "update"
# Row by row, how often the write phase reports how far it has got.
ROW_PROGRESS_EVERY = 500


def bulk_from_rows() -> int:
    return int(getattr(settings, "IMPORT_BULK_FROM_ROWS", 500))


def bulk_batch_rows() -> int:
    return max(1, int(getattr(settings, "IMPORT_BULK_BATCH_ROWS", 1000)))


def _conflict_message(slug: str) -> str:
    return _(
        "The cluster “%(slug)s” was changed or deleted by someone else while the file was being checked, "
        "so nothing was written. Import the file again to check it against the current data."
    ) % {"slug": slug}


def _added_message(slug: str) -> str:
    return _(
        "A cluster with the slug “%(slug)s” was added by someone else while the file was being checked, "
        "so nothing was written. Import the file again to check it against the current data."
    ) % {"slug": slug}


def _refused_message(slug: str, error: ValidationError) -> str:
    return _("The cluster “%(slug)s” was refused, so nothing was written: %(reason)s") % {
        "slug": slug, "reason": " ".join(error.messages)}


def _rows(plans, *, user, publish, rule, reason, progress) -> None:
    written = 0
    for plan in _lock_order(plans):
        try:
            if plan.action == CREATE:
                cluster_create(Cluster(**plan.values), user=user, reason=reason, publish=publish, rule=rule)
            else:
                cluster_change(plan.cluster_id, plan.values, user=user, expected_version=plan.version,
                               reason=reason, publish=publish, rule=rule, expected_status=plan.status)
        except ClusterConflict as error:
            raise _Named(_conflict_message(plan.slug)) from error
        except IntegrityError as error:
            # Its slug committed by another writer this INSERT waited for.
            if plan.action == CREATE and slug_taken(error) == plan.slug:
                raise _Named(_added_message(plan.slug)) from error
            raise
        except ValidationError as error:
            raise _Named(_refused_message(plan.slug, error)) from error
        written += 1
        if progress and (written % ROW_PROGRESS_EVERY == 0 or written == len(plans)):
            progress(written, len(plans))


def _batches(plans, size):
    iterator = iter(plans)
    while batch := list(islice(iterator, size)):
        yield batch


def _lock_order(plans) -> list:
    """Updates by cluster id, then new clusters by slug: the order every import takes its locks in.

    Each batch locks its rows in id order, but batches follow the file: two
    imports of one file in different row orders each held rows the other
    needed next, and PostgreSQL aborted one with a bare "deadlock detected".
    In one global order the second waits for the first, then is refused by
    the version check (or the slug taken) and named.
    """
    updates = sorted((p for p in plans if p.action == UPDATE), key=lambda p: p.cluster_id)
    creates = sorted((p for p in plans if p.action == CREATE), key=lambda p: p.slug)
    return updates + creates


def _bulk(plans, *, user, publish, reason, progress) -> None:
    written = 0
    for batch in _batches(_lock_order(plans), bulk_batch_rows()):
        creates = [p for p in batch if p.action == CREATE]
        updates = [p for p in batch if p.action == UPDATE]
        # Updates first: a stale cluster in the batch is found before its new rows go in.
        for group, write, conflict in (
            (updates, lambda g: cluster_change_many(
                [(p.cluster_id, p.version, p.values) for p in g], user=user, reason=reason, publish=publish,
                expected_statuses={p.cluster_id: p.status for p in g}), _conflict_message),
            (creates, lambda g: cluster_create_many([Cluster(**p.values) for p in g],
                                                    user=user, reason=reason, publish=publish), _added_message),
        ):
            try:
                write(group)
            except ClusterBatchConflict as error:
                raise _Named(conflict(group[error.index].slug)) from error
            except ClusterBatchRefused as error:
                raise _Named(_refused_message(group[error.index].slug, error)) from error
        written += len(batch)
        if progress:
            progress(written, len(plans))


class _Named(Exception):
    """A refusal already worded for the report, naming the cluster."""


def import_plans_write(
    plans, *, user, publish: bool, rule, reason: str, progress: Callable[[int, int], None] | None = None,
) -> str | None:
    """Write the plans that change something, all or nothing; None, or the reason nothing was written.

    progress(written, total) is called as the writing goes (from inside the
    transaction: a caller that shows it elsewhere must write it on a connection
    of its own).
    """
    plans = [p for p in plans if p.action in (CREATE, UPDATE)]
    try:
        with transaction.atomic():
            if len(plans) >= bulk_from_rows():
                _bulk(plans, user=user, publish=publish, reason=reason, progress=progress)
            else:
                _rows(plans, user=user, publish=publish, rule=rule, reason=reason, progress=progress)
    except _Named as refusal:
        return str(refusal)
    except PermissionDenied as error:
        return str(error)
    except DatabaseError as error:
        return _("The database refused the import, so nothing was written: %(reason)s") % {
            "reason": str(error).splitlines()[0][:300] if str(error) else error.__class__.__name__
        }
    return None
