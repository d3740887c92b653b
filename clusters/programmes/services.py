"""Writes for organisations, programmes and support, under the clusters' rules.

- New records are drafts; only publishers publish and unpublish (permission
  checked here, so the admin, the importer and the seed all get the rule).
- A save names the version the editor opened; a conditional UPDATE claims the
  next one, so of two saves from the same version exactly one wins and the
  other raises RecordConflict with nothing written (see clusters.editing).
- The status is never written by a save: publishing is its own act.
- Every write records who made it in the history.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from clusters.editing import ClusterConflict
from clusters.programmes.models import Organisation, Programme, Status, Support

_NOT_SAVED = {"id", "status", "created_at"}


class RecordConflict(ClusterConflict):
    """The record changed (or was deleted) after the editor opened it; nothing was saved.

    A ClusterConflict, so the cluster form, which edits support inline, reports
    a support conflict as it reports its own.
    """


def _conflict_message(model) -> str:
    return _(
        "Someone else saved or deleted this %(record)s after you opened it. Your changes were not saved: "
        "reload the page to see the current version, then make your changes again."
    ) % {"record": model._meta.verbose_name}


def record_version_current(model, pk) -> int | None:
    """The version in the database now: what a form opened now starts from."""
    return model.objects.filter(pk=pk).values_list("version", flat=True).first()


def _record_save(record, *, user, expected_version, reason):
    model = type(record)
    record._history_user = user
    if reason:
        record._change_reason = reason
    if record._state.adding or record.pk is None:
        record.status = Status.DRAFT
        record.version = 1
        record.save()
        return record
    if expected_version is None:
        raise RecordConflict(_("The form did not say which version it was opened at."))
    claimed = model.objects.filter(pk=record.pk, version=expected_version).update(version=expected_version + 1)
    if not claimed:
        raise RecordConflict(_conflict_message(model))
    # Our UPDATE holds the row lock until commit, so this read is the truth.
    record.status = model.objects.filter(pk=record.pk).values_list("status", flat=True).get()
    record.version = expected_version + 1
    record.save(update_fields=[f.name for f in model._meta.concrete_fields if f.name not in _NOT_SAVED])
    return record


@transaction.atomic
def organisation_save(organisation: Organisation, *, user, expected_version=None, reason=None) -> Organisation:
    return _record_save(organisation, user=user, expected_version=expected_version, reason=reason)


@transaction.atomic
def programme_save(programme: Programme, *, user, expected_version=None, reason=None,
                   organisations=None) -> Programme:
    """Save a programme; `organisations`, when given, replaces its organisations."""
    _record_save(programme, user=user, expected_version=expected_version, reason=reason)
    if organisations is not None:
        programme.organisations.set(organisations)
    return programme


@transaction.atomic
def support_save(support: Support, *, user, expected_version=None, reason=None) -> Support:
    return _record_save(support, user=user, expected_version=expected_version, reason=reason)


def _ids(records) -> list:
    if isinstance(records, QuerySet):
        return list(records.values_list("pk", flat=True))
    return [r if isinstance(r, int) else r.pk for r in records]


def _set_status(model, records, user, status: str, reason: str) -> int:
    permission = f"programmes.publish_{model._meta.model_name}"
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(
            _("Only users allowed to publish %(records)s may publish or unpublish them.")
            % {"records": model._meta.verbose_name_plural}
        )
    changed = 0
    with transaction.atomic():
        # Locked in id order so two publishers on overlapping selections cannot deadlock.
        for record in model.objects.select_for_update().filter(pk__in=_ids(records)).order_by("pk"):
            if record.status == status:
                continue
            record.status = status
            record._history_user = user
            record._change_reason = reason
            # The version stays: saves never write the status, so open forms stay valid.
            record.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed


def system_publish(model, records, reason: str) -> int:
    """Publish without a user: for the seed data only, which set-up loads before any staff exists."""
    changed = 0
    with transaction.atomic():
        for record in model.objects.select_for_update().filter(pk__in=_ids(records)).order_by("pk"):
            if record.status != Status.PUBLISHED:
                record.status = Status.PUBLISHED
                record._change_reason = reason
                record.save(update_fields=["status", "updated_at"])
                changed += 1
    return changed


def organisation_publish(organisations, user) -> int:
    return _set_status(Organisation, organisations, user, Status.PUBLISHED, _("Published"))


def organisation_unpublish(organisations, user) -> int:
    return _set_status(Organisation, organisations, user, Status.DRAFT, _("Unpublished"))


def support_publish(support, user) -> int:
    return _set_status(Support, support, user, Status.PUBLISHED, _("Published"))


def support_unpublish(support, user) -> int:
    return _set_status(Support, support, user, Status.DRAFT, _("Unpublished"))


@transaction.atomic
def programme_publish(programmes, user) -> int:
    """Publish programmes together with their draft organisations and support rows.

    A publisher reviews a programme as a whole, so one act makes all of it
    public. Support in a draft cluster stays hidden until that cluster is
    published too. Returns how many programmes changed.
    """
    ids = _ids(programmes)
    changed = _set_status(Programme, ids, user, Status.PUBLISHED, _("Published"))
    organisation_publish(Organisation.objects.filter(programmes__pk__in=ids, status=Status.DRAFT).distinct(), user)
    support_publish(Support.objects.filter(programme_id__in=ids, status=Status.DRAFT), user)
    return changed


def programme_unpublish(programmes, user) -> int:
    """Take programmes back to draft: their support leaves every public page with them."""
    return _set_status(Programme, _ids(programmes), user, Status.DRAFT, _("Unpublished"))
