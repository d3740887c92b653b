"""The cluster history page's wording: values, status labels and reasons in the viewer's language.

simple_history prints values with str(): an empty field showed "None", a status
its raw value ("draft → published"). The helper below renders each value as the
change form would, and the page's template (object_history_list.html beside the
change form) renders the stored reason code (clusters.history_reasons).
"""

from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

from clusters.history_reasons import history_reason_display

# Every save changes these; listing them would hide what someone actually edited.
HISTORY_HIDDEN_FIELDS = ["updated_at", "version"]


def history_value_display(field, value):
    """One field's value as staff read it: empties named, choices by their label."""
    if value is None or value == "" or value == []:
        return _("(empty)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


class ClusterHistoryHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return history_value_display(self.model._meta.get_field(change.field), value)


def history_delta_changes_set(admin, request, historical_records, foreign_keys_are_objs=True):
    """As simple_history's set_history_delta_changes, minus the bookkeeping fields; reasons rendered."""
    previous = None
    for current in historical_records:
        current.reason_display = history_reason_display(current.history_change_reason)
        if previous is not None:
            delta = previous.diff_against(current, excluded_fields=HISTORY_HIDDEN_FIELDS,
                                          foreign_keys_are_objs=foreign_keys_are_objs)
            helper = admin.get_historical_record_context_helper(request, previous)
            previous.history_delta_changes = helper.context_for_delta_changes(delta)
        previous = current
