"""Every hostile file through the command line and through the admin import page.

Each must import correctly or be refused with a clear message that writes
nothing; never a traceback, a 500 or a server path in the message. Cases whose
fix has not landed yet are marked xfail (not strict) with the reason.
"""

import io
import re

import pytest
from django.core.management import call_command

from clusters.models import Cluster
from tests.hostile.make_corpus import CORPUS_MAX_BYTES, EITHER, IMPORTS, REFUSED, make_corpus
from tests.import_jobs.conftest import confirm, staged_files, upload

FILES = [
    "formula.csv", "nan.geojson", "point-empty.gpkg", "huge-cell.csv", "cp1256.zip", "3d.geojson",
    "no-geometry.gpkg", "200k-points.zip", "huge.csv", "bidi.csv", "semicolon.csv", "csv-named.geojson",
    "gpkg-named.csv", "spreadsheet.xlsx", "empty.csv", "empty.gpkg", "garbage.csv", "garbage.geojson", "garbage.gpkg", "garbage.zip",
    "garbage-shapefile.zip",
]
# What a message must never show: where the server keeps its files, or Python's insides.
LEAKS = re.compile(r"/tmp/|/vsizip/|cluster-import-|cluster-limits-|Traceback|File \"")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return folder, {case.filename: case for case in make_corpus(folder)}


@pytest.fixture
def case(request, corpus, settings):
    folder, cases = corpus
    found = cases[request.param]
    if found.xfail:
        request.applymarker(pytest.mark.xfail(strict=False, reason=found.xfail))
    settings.IMPORT_MAX_BYTES = CORPUS_MAX_BYTES
    return folder / found.filename, found


def command(path, *options) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_clusters", str(path), "--lang", "en", *options, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue() + err.getvalue()


def check_imported(found, written: bool) -> None:
    if found.expect == REFUSED:
        assert not written, f"{found.name}: imported, but it must be refused"
    if found.expect == IMPORTS:
        assert written, f"{found.name}: refused, but it must import"
    if not written:
        assert not Cluster.objects.exists(), f"{found.name}: refused, yet something was written"
        return
    for slug, fields in found.slugs.items():
        cluster = Cluster.objects.get(slug=slug)
        for name, expected in fields.items():
            actual = cluster.location.y if name == "lat" else getattr(cluster, name)
            assert actual == pytest.approx(expected) if name == "lat" else actual == expected, (name, actual)
    for cluster in Cluster.objects.all():
        assert not BIDI.search(cluster.name_en + cluster.name_ar + cluster.slug), cluster.slug
        assert not cluster.location.hasz


def check_message(found, message: str) -> None:
    assert message.strip(), f"{found.name}: refused without a message"
    assert not LEAKS.search(message), message[:2000]
    if found.message:
        assert found.message in message, message[:2000]


@pytest.mark.parametrize("case", FILES, indirect=True)
def test_the_command_line(base_data, case):
    path, found = case
    code, output = command(path, "--dry-run")
    dry_run_ok = code == 0
    assert not LEAKS.search(output), output[:2000]
    code, output = command(path)
    if dry_run_ok:
        # What the preview passed, the import writes: never a pass then a failure.
        assert code == 0, f"{found.name}: the dry run passed, the import failed: {output[:2000]}"
    if code != 0:
        check_message(found, output)
    check_imported(found, code == 0)


def _page_messages(response) -> str:
    context = response.context
    parts = []
    form = context.get("form")
    if form is not None:
        parts += [str(e) for errors in form.errors.values() for e in errors]
    report = context.get("report") or {}
    parts.append(report.get("file_error") or "")
    parts += [p["message"] for p in context.get("errors") or []]
    return "\n".join(parts)


@pytest.mark.parametrize("case", FILES, indirect=True)
def test_the_admin_page(base_data, case, staff_client, media):
    path, found = case
    response = upload(staff_client, found.filename, path.read_bytes())
    assert response.status_code == 200, response.status_code
    token = response.context.get("token")
    written = False
    if token:
        response = confirm(staff_client, token)
        assert response.status_code == 302 and "/import/" not in response["Location"], (
            f"{found.name}: the preview passed, the import failed: {_page_messages(response)[:2000]}")
        written = True
    else:
        check_message(found, _page_messages(response))
        if found.expect != IMPORTS:
            assert staged_files(media) == []
    check_imported(found, written)
    assert found.expect in (REFUSED, IMPORTS, EITHER)


def test_the_corpus_holds_no_big_committed_files():
    from pathlib import Path

    folder = Path(__file__).parent
    assert all(path.stat().st_size < 1024 * 1024 for path in folder.rglob("*") if path.is_file())

