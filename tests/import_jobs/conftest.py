"""Staff clients, the admin import page, and a real background worker for the import-job tests."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent.parent


def import_url(name: str = "clusters_cluster_import", *args) -> str:
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def staff(db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("importer", password="a long test password 42")


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def upload(client, name: str, content: bytes, **fields):
    data = {"file": SimpleUploadedFile(name, content), "_preview": "Preview", **fields}
    return client.post(import_url(), data, HTTP_ACCEPT_LANGUAGE="en")


def confirm(client, token, publish="0"):
    return client.post(import_url(), {"token": token, "publish": publish, "_confirm": "Confirm"},
                       HTTP_ACCEPT_LANGUAGE="en")


def staged_files(media_root) -> list[str]:
    folder = Path(media_root) / "imports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def run_worker(media):
    """Run django-tasks' db_worker as its own process over the queued jobs, as ./scripts/run does.

    --batch: it takes every queued task, then exits. It sees the test database
    (and this test's MEDIA_ROOT) through tests/import_jobs/worker_settings.py.
    """

    def run(timeout: float = 300) -> subprocess.CompletedProcess:
        from django.conf import settings

        # The test's own import settings (limits, preview size) hold in the worker too.
        overrides = {name: getattr(settings, name) for name in dir(settings) if name.startswith("IMPORT_")}
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.import_jobs.worker_settings",
            "WORKER_DB_NAME": connection.settings_dict["NAME"],
            "WORKER_MEDIA_ROOT": str(media),
            "WORKER_OVERRIDES": json.dumps(overrides),
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay",
             "--interval", "0"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    return run
