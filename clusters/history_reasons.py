"""Why a record changed, stored as a code and shown in the reader's language.

simple_history keeps one short text per history row (history_change_reason,
100 characters). Writing a translated sentence there froze it in the language of
whoever made the change, so an Arabic editor's "نُشر" showed in the English
admin. Writers store a code instead (history_reason(...)); the history page
renders it with history_reason_display(...) in the viewer's language.

A stored code is "@code" or "@code argument". Rows written before codes existed
hold free text, which never starts with "@": they display as they are.
"""

from datetime import UTC, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

PREFIX = "@"
MAX_LENGTH = 100  # simple_history's history_change_reason column

PUBLISHED = "published"
UNPUBLISHED = "unpublished"
REVERTED = "reverted"  # argument: the restored version's history_date, ISO 8601
COMMAND_LINE_IMPORT = "command-line-import"  # argument: the file's name, if known
IMPORTED = "imported"  # argument: the file's name, if known
SEED = "seed"  # the seed data, loaded by ./scripts/run
CONTRIBUTION = "contribution"  # argument: the contribution's id
RESTORED = "restored"  # a deleted cluster brought back


def _reverted(argument: str) -> str:
    try:
        moment = datetime.fromisoformat(argument)
    except ValueError:
        return _("Reverted to an earlier version")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    when = formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return _("Reverted to the version of %(date)s") % {"date": when}


def _with_file(argument: str, with_name: str, without_name: str) -> str:
    return with_name % {"file": argument} if argument else without_name


# Each renders its argument (possibly "") in the active language. The contexts
# keep "Published" the history reason apart from "Published" the status.
_RENDER = {
    PUBLISHED: lambda argument: pgettext("history reason", "Published"),
    UNPUBLISHED: lambda argument: pgettext("history reason", "Unpublished"),
    REVERTED: _reverted,
    COMMAND_LINE_IMPORT: lambda argument: _with_file(
        argument, _("Imported at the command line from %(file)s"), _("Imported at the command line")),
    IMPORTED: lambda argument: _with_file(argument, _("Imported from %(file)s"), _("Imported from a file")),
    SEED: lambda argument: _("Loaded from the seed data"),
    CONTRIBUTION: lambda argument: _("Created from visitor contribution #%(id)s") % {"id": argument},
    RESTORED: lambda argument: pgettext("history reason", "Restored after deletion"),
}


def history_reason(code: str, argument: object = "") -> str:
    """The text to store as a history row's reason: a code, with an optional argument."""
    if code not in _RENDER:
        raise ValueError(f"unknown history reason code {code!r}")
    text = f"{PREFIX}{code}"
    argument = str(argument).strip()
    if argument:
        text = f"{text} {argument}"
    # A long file name is cut rather than failing the write it explains.
    return text[:MAX_LENGTH]


def history_reason_reverted(history_date: datetime) -> str:
    """The reason for a revert to the version saved at history_date."""
    return history_reason(REVERTED, history_date.astimezone(UTC).isoformat(timespec="seconds"))


def history_reason_display(stored: str | None) -> str:
    """A stored reason in the active language: codes rendered, old free text as it is, nothing as ""."""
    if not stored:
        return ""
    if not stored.startswith(PREFIX):
        return stored
    code, _space, argument = stored[len(PREFIX):].partition(" ")
    render = _RENDER.get(code)
    return render(argument) if render else stored
