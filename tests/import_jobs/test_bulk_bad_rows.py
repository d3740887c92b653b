"""A 600-row file (the batched path's size) with hostile rows, through the command line and the admin page.

Each bad row is named by its row, field and reason; nothing is written; no
traceback and no 500.
"""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from clusters.models import Cluster
from tests.import_jobs.conftest import import_url
from tests.importing.helpers import csv_bytes, row

GOOD = 600
BAD = {
    "lat-nan": ({"lat": "NaN"}, "lat"),
    "lon-infinity": ({"lon": "Infinity"}, "lon"),
    "lat-empty": ({"lat": ""}, "lat"),
    "swapped": ({"lat": "31.2357", "lon": "30.0444"}, "location"),
    "at-sea": ({"lat": "32.5", "lon": "32.0", "governorate_iso": ""}, "location"),
    "bidi-name": ({"name_en": "Cluster \u202edlrow"}, "name_en"),
    "bidi-isolate-ar": ({"name_ar": "تجمع \u2067x\u2069"}, "name_ar"),
    "Upper-Case": ({}, "slug"),
    "latin-\u0430": ({}, "slug"),  # a Cyrillic a that looks Latin
    "good-7": ({}, "slug"),  # the same slug twice
}


def hostile_file() -> bytes:
    rows = [row(f"good-{n}", lat=f"{30.0 + n / 20000:.5f}") for n in range(GOOD)]
    for slug, (changes, _field) in BAD.items():
        rows.append(row(slug, **changes))
    return csv_bytes(rows)


def bad_rows_named(errors: list[dict]):
    found = {(e["slug"], e["field"]) for e in errors}
    for slug, (_changes, field) in BAD.items():
        assert any(s == slug and (f == field or field == "location" and f in ("lat", "lon", "governorate_iso"))
                   for s, f in found), (slug, field, sorted(found)[:20])
    numbers = {e["row"] for e in errors}
    assert numbers <= set(range(GOOD + 2, GOOD + 2 + len(BAD))), sorted(numbers)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_the_command_line_names_every_bad_row_and_writes_nothing(base_data, tmp_path):
    path = tmp_path / "hostile.csv"
    path.write_bytes(hostile_file())
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("import_clusters", str(path), "--json", "--lang", "en", stdout=out, stderr=err)
    assert exit.value.code == 1
    report = json.loads(out.getvalue())
    assert not report["written"] and "Traceback" not in err.getvalue()
    bad_rows_named(report["errors"])
    assert not Cluster.objects.exists()


def test_the_admin_page_names_every_bad_row_and_writes_nothing(base_data, staff_client):
    upload = SimpleUploadedFile("hostile.csv", hostile_file())
    response = staff_client.post(import_url(), {"file": upload, "_preview": "Preview"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    for slug in BAD:
        assert slug in page, slug
    assert "Traceback" not in page and 'name="_confirm"' not in page
    assert not Cluster.objects.exists()
