"""import_support: one code path for the command and the admin, all or nothing, row/field/reason."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from clusters.programmes.importing import support_import
from clusters.programmes.models import Status, Support
from tests.support.admin import admin_url

HEADER = "programme,cluster,kind,start_year,end_year,summary_en,summary_ar,source"


def _csv(*rows, header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode()


GOOD = "unido-hayat-dates,siwa-dates,training|equipment,2015,2016,Training,تدريب,https://www.unido.org/x"


@pytest.fixture
def siwa(seeded):
    from clusters.models import Cluster

    cluster = Cluster.objects.filter(slug__contains="date").first() or Cluster.objects.first()
    Cluster.objects.filter(pk=cluster.pk).update(slug="siwa-dates")
    return cluster


def test_each_bad_row_is_named_with_field_and_reason_and_nothing_is_written(siwa):
    before = Support.objects.count()
    content = _csv(
        GOOD,
        "no-such-programme,siwa-dates,,,,,,,",
        "unido-hayat-dates,no-such-cluster,,,,,,,",
        "unido-hayat-dates,damietta-furniture,knitting,,,,,,",
        "unido-hayat-dates,akhmim-handweaving,,2020,2018,,,,",
        "natural-clusters-afdb,tahta-furniture,,,,,,,-3",
        header=HEADER + ",women_reached",
    )
    report = support_import(content, "bad.csv", user=None)
    problems = {(p.row, p.field) for p in report.errors}
    assert problems == {(2, "programme"), (3, "cluster"), (4, "kind"), (5, "end_year"), (6, "women_reached")}
    assert not report.written and Support.objects.count() == before


def test_unknown_column_is_named(siwa):
    report = support_import(_csv(GOOD + ",x", header=HEADER + ",enterprize"), "c.csv", user=None)
    assert [(p.row, p.field) for p in report.errors] == [(None, "enterprize")]


def test_command_dry_run_then_import_as_draft_and_update(siwa, tmp_path, capsys):
    path = tmp_path / "support.csv"
    path.write_bytes(_csv(GOOD))
    call_command("import_support", str(path), "--dry-run", "--json")
    dry = json.loads(capsys.readouterr().out)
    assert dry["summary"]["create"] == 1 and not dry["written"]
    assert not Support.objects.filter(cluster__slug="siwa-dates").exists()
    call_command("import_support", str(path), "--lang", "en")
    support = Support.objects.get(cluster__slug="siwa-dates")
    assert support.status == Status.DRAFT and support.kinds == ["training", "equipment"]
    assert support.start_year == 2015 and support.enterprises_reached is None
    path.write_bytes(_csv(GOOD.replace(",Training,", ",Training of 20 workshops,")))
    call_command("import_support", str(path), "--lang", "en")
    support.refresh_from_db()
    assert support.summary_en == "Training of 20 workshops" and support.version == 2
    assert support.history.count() == 2


def test_command_exits_non_zero_on_problems(siwa, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(_csv("nope,siwa-dates,,,,,,"))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_support", str(path), "--lang", "en")
    assert exit_info.value.code == 1


def test_admin_preview_then_confirm_same_path(siwa, staff_clients):
    client = staff_clients["publisher"]
    upload = SimpleUploadedFile("support.csv", _csv(GOOD), content_type="text/csv")
    response = client.post(admin_url("programmes_support_import"), {"file": upload, "publish": "on"})
    assert response.status_code == 200
    assert response.context["report"].summary["create"] == 1
    assert not Support.objects.filter(cluster__slug="siwa-dates").exists()
    response = client.post(admin_url("programmes_support_import"), {
        "confirm": "1", "filename": "support.csv", "publish": "1", "content": response.context["content"]})
    assert response.status_code == 302
    assert Support.objects.get(cluster__slug="siwa-dates").status == Status.PUBLISHED


def test_admin_preview_lists_problems(siwa, staff_clients):
    upload = SimpleUploadedFile("support.csv", _csv("nope,siwa-dates,,,,,,"), content_type="text/csv")
    response = staff_clients["editor"].post(admin_url("programmes_support_import"), {"file": upload})
    assert b'id="import-errors"' in response.content and "nope".encode() in response.content


def test_editor_cannot_publish_through_import(siwa, staff_clients):
    client = staff_clients["editor"]
    response = client.post(admin_url("programmes_support_import"), {
        "confirm": "1", "filename": "s.csv", "publish": "1", "content": _csv(GOOD).decode()})
    assert response.status_code == 302
    assert Support.objects.get(cluster__slug="siwa-dates").status == Status.DRAFT
