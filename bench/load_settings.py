"""Settings for bench/load.py's gunicorn: production settings, with static files collected aside.

The rate limit is off: fifty clients from one address are the point of the
benchmark, not an abuse. Everything else is as in production.
"""

import os
from pathlib import Path

from clusters_portal.settings import *  # noqa: F401,F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
RATE_LIMIT_ENABLED = False
