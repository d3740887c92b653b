"""Settings for a db_worker started by a test: the test's own database and media folder."""

import json
import os

from clusters_portal.settings_test import *  # noqa: F401,F403
from clusters_portal.settings_test import DATABASES

DATABASES["default"]["NAME"] = os.environ["WORKER_DB_NAME"]
MEDIA_ROOT = os.environ["WORKER_MEDIA_ROOT"]
globals().update(json.loads(os.environ.get("WORKER_OVERRIDES", "{}")))
