"""One write path: the importer writes through the admin's cluster service, with its rules.

History names the user (or "command line import"), publish needs the
permission, only changed fields are written, a cluster changed between the
check and the write is refused and named, and the status never changes
without publish (issue 13 item 4).
"""

from io import StringIO

from django.contrib.auth.models import Group, User
from django.core.management import call_command

from clusters.importing import cluster_import
from clusters.models import Cluster
from clusters.roles import EDITORS, PUBLISHERS, roles_ensure
from tests.importing.helpers import csv_bytes, errors_of, row


def staff(username, group):
    roles_ensure()
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def imported(**changes) -> Cluster:
    assert cluster_import(csv_bytes([row(**changes)]), "a.csv").written
    return Cluster.objects.get(slug="test-cluster")


def run_command(path, *args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_clusters", str(path), "--lang", "en", *args, stdout=out, stderr=err)
    except SystemExit:
        pass
    return out.getvalue(), err.getvalue()


def test_command_line_history_names_the_user(base_data, tmp_path):
    editor = staff("field-editor", EDITORS)
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([row()]))
    run_command(path, "--user", "field-editor")
    assert Cluster.objects.get().history.first().history_user == editor


def test_command_line_history_without_a_user_says_command_line_import(base_data, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([row()]))
    run_command(path)
    record = Cluster.objects.get().history.first()
    from clusters.history_reasons import history_reason_display

    assert record.history_user is None
    assert history_reason_display(record.history_change_reason) == "Imported at the command line from a.csv"


def test_publish_by_a_user_without_the_permission_is_refused_in_the_service(base_data):
    editor = staff("field-editor", EDITORS)
    report = cluster_import(csv_bytes([row()]), "a.csv", publish=True, user=editor)
    assert not report.written and "publish" in report.file_error
    assert not Cluster.objects.exists()
    publisher = staff("chief", PUBLISHERS)
    assert cluster_import(csv_bytes([row()]), "a.csv", publish=True, user=publisher).written
    assert Cluster.objects.get().status == Cluster.Status.PUBLISHED


def test_command_with_publish_and_an_editor_is_refused(base_data, tmp_path):
    staff("field-editor", EDITORS)
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([row()]))
    _out, err = run_command(path, "--publish", "--user", "field-editor")
    assert "publish" in err and not Cluster.objects.exists()


def test_only_the_changed_fields_are_written(base_data):
    cluster = imported(description_en="Kept")
    # A colleague edits the description after the file was written.
    Cluster.objects.filter(pk=cluster.pk).update(description_en="A colleague's newer text")
    # The file still carries the old description and a new name.
    report = cluster_import(csv_bytes([row(name_en="Renamed", description_en="A colleague's newer text")]), "a.csv")
    assert report.written
    cluster.refresh_from_db()
    assert cluster.name_en == "Renamed" and cluster.description_en == "A colleague's newer text"
    assert cluster.history.first().name_en == "Renamed"


def test_a_file_without_a_column_leaves_that_field_alone(base_data):
    cluster = imported(location_precision="district", enterprises="40")
    rows = [{k: v for k, v in row(name_en="Renamed").items() if k != "location_precision"}]
    assert cluster_import(csv_bytes(rows), "a.csv").written
    cluster.refresh_from_db()
    assert cluster.location_precision == "district" and cluster.enterprises == 40


def test_a_cluster_changed_between_check_and_write_is_refused_and_named(base_data):
    cluster = imported()
    Cluster.objects.filter(pk=cluster.pk).update(status=Cluster.Status.PUBLISHED)

    def colleague_unpublishes_and_edits(done, total):
        # Runs after the last record was checked, before anything is written.
        if done == total:
            Cluster.objects.filter(pk=cluster.pk).update(
                status=Cluster.Status.DRAFT, description_en="Editor's change", version=cluster.version + 1)

    report = cluster_import(csv_bytes([row(name_en="From the file")]), "a.csv",
                            progress=colleague_unpublishes_and_edits)
    assert not report.written and "test-cluster" in report.file_error
    cluster.refresh_from_db()
    assert cluster.name_en == "Test cluster" and cluster.description_en == "Editor's change"
    assert cluster.status == Cluster.Status.DRAFT


def test_status_never_changes_without_publish(base_data):
    cluster = imported()
    Cluster.objects.filter(pk=cluster.pk).update(status=Cluster.Status.PUBLISHED)
    # An export's status column says draft: it is read-only and ignored.
    assert cluster_import(csv_bytes([row(name_en="Renamed", status="draft")]), "a.csv").written
    cluster.refresh_from_db()
    assert cluster.status == Cluster.Status.PUBLISHED
    Cluster.objects.filter(pk=cluster.pk).update(status=Cluster.Status.DRAFT)
    assert cluster_import(csv_bytes([row(name_en="Again", status="published")]), "a.csv").written
    cluster.refresh_from_db()
    assert cluster.status == Cluster.Status.DRAFT


def test_bidi_controls_are_refused_in_names(base_data):
    for name, value in [("name_en", "Evil \u202egnp.exe"), ("name_ar", "تجمع \u2067خبيث\u2069")]:
        report = cluster_import(csv_bytes([row(**{name: value})]), "a.csv")
        assert "U+20" in errors_of(report, name)[0]
    assert not Cluster.objects.exists()


def test_the_exports_apostrophe_is_taken_off_and_nothing_else(base_data):
    rows = [row("test-a", name_en="'=HYPERLINK(1)", locality_en="'-2+3", locality_ar="''@cmd"),
            row("test-b", name_en="'Quoted on purpose", locality_en="'", locality_ar="'\tx")]
    assert cluster_import(csv_bytes(rows), "a.csv").written
    a, b = Cluster.objects.get(slug="test-a"), Cluster.objects.get(slug="test-b")
    # "''@cmd" is what an export writes for "'@cmd" (clusters.spreadsheet): one apostrophe comes off.
    assert (a.name_en, a.locality_en, a.locality_ar) == ("=HYPERLINK(1)", "-2+3", "'@cmd")
    assert (b.name_en, b.locality_en, b.locality_ar) == ("'Quoted on purpose", "'", "x")
