"""A big import's page in a real Chromium: it shows the job waiting, then, when the worker has run it,
reloads itself (the static progress script, under the CSP) and shows the report."""

import pytest
from django.contrib.auth.models import User

from tests.import_jobs.conftest import media, run_worker  # noqa: F401  (fixtures)
from tests.support.browser import admin_login

pytestmark = pytest.mark.browser

PASSWORD = "a long browser test password 42"
CSV = ("slug,name_en,name_ar,sector,governorate_iso,lat,lon,location_precision\n"
       + "".join(f"browser-job-{i},Browser job {i},تجربة {i},pottery-ceramics,EG-C,30.0444,31.2357,locality\n"
                 for i in range(5)))


def test_the_job_page_follows_the_worker_and_shows_the_report(
    transactional_db, base_data, live_server, page, settings, run_worker, tmp_path  # noqa: F811
):
    settings.IMPORT_INLINE_MAX_FEATURES = 0  # this small file goes to the worker too
    User.objects.create_superuser("job-watcher", password=PASSWORD)
    admin_login(page, live_server.url, "job-watcher", PASSWORD, "/en/admin/clusters/cluster/import/")
    source = tmp_path / "big.csv"
    source.write_text(CSV, encoding="utf-8")
    page.set_input_files("#id_file", str(source))
    page.click("input[name=_preview]")
    page.wait_for_selector("#import-progress")
    assert "Waiting for the import worker" in page.inner_text("#import-progress")

    run_worker()
    # No reload by the test: the page's own script notices the finished job.
    page.wait_for_selector("#report-heading", timeout=20_000)
    assert "Preview of big.csv" in page.inner_text("#report-heading")
    assert page.locator("input[name=_confirm]").count() == 1
    assert not page.recorder.page_errors
    assert not [e for e in page.recorder.console_errors if "Content Security Policy" in e]
