"""backup_database into a folder that does not exist yet (issue 16, "Operations", item 2)."""

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_a_missing_folder_is_created(tmp_path):
    target = tmp_path / "backups" / "2026" / "portal.dump"
    call_command("backup_database", str(target))
    assert target.stat().st_size > 0
    assert not list(target.parent.glob("*.partial"))
    assert (target.parent.stat().st_mode & 0o777) == 0o700  # the archive holds password hashes


@pytest.mark.django_db
def test_a_folder_that_cannot_be_made_is_named_not_the_partial_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(CommandError) as refused:
        call_command("backup_database", str(blocker / "portal.dump"))
    message = str(refused.value)
    assert str(blocker) in message
    assert ".partial" not in message
