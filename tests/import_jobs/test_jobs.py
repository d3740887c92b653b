"""Big imports run as background jobs: the page follows them, a real worker process runs them."""

import csv
import io
import json
import re

import pytest

from clusters.import_jobs.models import ImportJob
from clusters.models import Cluster
from tests.import_jobs.conftest import confirm, import_url, staged_files, upload

pytestmark = pytest.mark.django_db(transaction=True)

COLUMNS = ["slug", "name_en", "name_ar", "sector", "governorate_iso", "lat", "lon", "location_precision"]


def rows_csv(count: int, start: int = 0, bad_every: int = 0) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for i in range(start, start + count):
        writer.writerow({
            "slug": f"job-test-{i}", "name_en": f"Job test {i}", "name_ar": f"تجربة {i}",
            "sector": "no-such-sector" if bad_every and i % bad_every == 0 else "pottery-ceramics",
            "governorate_iso": "EG-C", "lat": "30.0444", "lon": "31.2357", "location_precision": "locality",
        })
    return out.getvalue().encode()


@pytest.fixture
def jobs_always(settings):
    # Every file goes to the worker, however small: the tests stay quick.
    settings.IMPORT_INLINE_MAX_FEATURES = 0


def job_id_of(response) -> str:
    assert response.status_code == 302, response.content[:500]
    match = re.search(r"/import/jobs/([0-9a-f-]{36})/$", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def progress(client, job_id) -> dict:
    response = client.get(import_url("clusters_cluster_import_job_progress", job_id), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_a_big_file_is_previewed_then_imported_by_the_worker(
    base_data, staff, staff_client, jobs_always, run_worker, media
):
    response = upload(staff_client, "big.csv", rows_csv(30), publish="on")
    job_id = job_id_of(response)
    job = ImportJob.objects.get(pk=job_id)
    assert (job.kind, job.status, job.user, job.publish) == ("preview", "queued", staff, True)
    assert len(staged_files(media)) == 2  # the file and its owner, kept for the worker

    page = staff_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert 'id="import-progress"' in html and "import-progress" in html
    assert re.search(r'<script src="[^"]*clusters/admin/import-progress[^"]*\.js" defer>', html)
    assert "<script>" not in html  # the CSP forbids inline script
    assert progress(staff_client, job_id).items() >= {
        "status": "queued", "finished": False, "checked": 0, "total": 0, "message": "Waiting for the import worker…",
        "phase": "check", "value": 0, "max": 0}.items()

    run_worker()
    state = progress(staff_client, job_id)
    assert state["finished"] and state["status"] == "done"
    assert (state["checked"], state["total"]) == (30, 30)
    page = staff_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["created_total"] == 30 and page.context["token"]
    assert "Confirm and import" in page.content.decode()
    assert not Cluster.objects.exists()

    response = confirm(staff_client, page.context["token"], publish="1")
    import_id = job_id_of(response)
    assert import_id != job_id
    # A second click follows the same job rather than starting another.
    assert job_id_of(confirm(staff_client, page.context["token"], publish="1")) == import_id
    run_worker()
    page = staff_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["imported"] and page.context["created_total"] == 30
    assert Cluster.objects.filter(status=Cluster.Status.PUBLISHED).count() == 30
    job = ImportJob.objects.get(pk=import_id)
    assert job.report["written"] and job.report["summary"]["create"] == 30 and job.finished_at
    # The write phase counted on the job row too, not only the check.
    assert (job.written, job.write_total) == (30, 30) and job.heartbeat_at >= job.started_at
    assert staged_files(media) == []


def test_a_job_page_shows_the_first_problems_and_says_how_many_more(
    base_data, staff_client, jobs_always, run_worker, settings
):
    settings.IMPORT_PREVIEW_PROBLEMS = 5
    response = upload(staff_client, "bad.csv", rows_csv(40, bad_every=2))
    job_id = job_id_of(response)
    run_worker()
    page = staff_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    context = page.context
    assert context["errors_total"] == 20 and len(context["errors"]) == 5 and context["errors_more"] == 15
    assert context["token"] is None
    html = page.content.decode()
    assert "… and 15 more errors" in html and "Confirm and import" not in html
    stored = ImportJob.objects.get(pk=job_id).report
    assert len(stored["errors"]) == 5 and stored["totals"]["errors"] == 20
    assert not Cluster.objects.exists()


def test_one_users_job_is_not_anothers(base_data, staff_client, jobs_always, client):
    from django.contrib.auth.models import User

    job_id = job_id_of(upload(staff_client, "big.csv", rows_csv(3)))
    other = User.objects.create_superuser("someone-else", password="a long test password 42")
    client.force_login(other)
    assert client.get(import_url("clusters_cluster_import_job", job_id)).status_code == 404
    response = client.get(import_url("clusters_cluster_import_job_progress", job_id))
    assert response.status_code == 404 and json.loads(response.content)["parameter"] == "job"


def test_a_job_whose_file_is_gone_fails_cleanly(base_data, staff_client, jobs_always, run_worker, media):
    job_id = job_id_of(upload(staff_client, "big.csv", rows_csv(3)))
    for path in (media / "imports").iterdir():
        path.unlink()
    run_worker()
    state = progress(staff_client, job_id)
    assert state["status"] == "failed" and "nothing was written" in state["message"]
    page = staff_client.get(import_url("clusters_cluster_import_job", job_id), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "stopped" in page.content.decode()
