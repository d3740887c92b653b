"""History reasons are stored as codes and rendered in the reader's language; old free text stays."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from clusters.history_reasons import (
    COMMAND_LINE_IMPORT, PUBLISHED, history_reason, history_reason_display, history_reason_reverted,
)


def test_codes_are_language_neutral_and_short():
    with translation.override("ar"):
        assert history_reason(PUBLISHED) == "@published"
        assert history_reason(COMMAND_LINE_IMPORT, "batch.csv") == "@command-line-import batch.csv"
    assert len(history_reason(COMMAND_LINE_IMPORT, "x" * 300)) == 100
    with pytest.raises(ValueError):
        history_reason("no-such-code")


def test_rendering_in_english():
    with translation.override("en"):
        assert history_reason_display("@published") == "Published"
        assert history_reason_display("@unpublished") == "Unpublished"
        assert history_reason_display("@command-line-import batch.csv") == "Imported at the command line from batch.csv"
        assert history_reason_display("@imported") == "Imported from a file"
        assert history_reason_display(history_reason_reverted(datetime(2026, 3, 4, 5, 6, tzinfo=UTC))).startswith(
            "Reverted to the version of ")
        assert history_reason_display("@reverted garbage") == "Reverted to an earlier version"


@pytest.mark.parametrize("stored, shown", [
    (None, ""), ("", ""),
    ("نُشر", "نُشر"), ("command line import (old.csv)", "command line import (old.csv)"),
    ("@not-a-code-we-know", "@not-a-code-we-know"),
])
def test_old_free_text_and_nothing_display_as_they_are(stored, shown):
    assert history_reason_display(stored) == shown
