"""Settings for the test suite: the throwaway test cluster, fast hashing."""

import os

import dj_database_url

from clusters_portal import localdb
from clusters_portal.settings import *  # noqa: F401,F403

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("TEST_DATABASE_URL") or localdb.database_url("test"),
        engine="django.contrib.gis.db.backends.postgis",
    )
}
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Playwright's sync API runs an event loop in the test thread, which trips
# Django's async-safety check when the same test then uses the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Several people (or helpers) may run the suite at once on one test cluster.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DB_NAME", "test_clusters_portal")}
# As in production: the hot statements are prepared on the server (clusters.prepared).
DATABASES["default"]["OPTIONS"] = {"prepare_threshold": 5}

# Off for the suite; tests/production turns each on with override_settings.
RATE_LIMIT_ENABLED = False
# Tests expect a write to show at once; tests/production turns it on where it is tested.
MICROCACHE_SECONDS = 0
# django-axes refuses test clients' login() (no request); its own tests enable it.
AXES_ENABLED = False
