"""How many contributions one address may send: CONTRIBUTIONS_RATE_LIMIT per CONTRIBUTIONS_RATE_WINDOW seconds.

A fixed window counted in the cache the API's rate limit uses (ops.ratelimit),
so it is as global as that one: with several app processes CACHE_URL must
point at a shared cache. Nothing touches the database, so a flood is refused
for the price of one cache increment.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger("clusters.contributions")


def _key(address: str, start: int) -> str:
    # Hashed: the cache holds no readable visitor addresses.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"contrib-limit:{digest}:{start}"


def contribution_attempt(address: str) -> int | None:
    """Count one attempt from an address; the seconds to wait if over the limit, else None."""
    limit = int(getattr(settings, "CONTRIBUTIONS_RATE_LIMIT", 5))
    if limit <= 0:
        return None
    window = max(1, int(getattr(settings, "CONTRIBUTIONS_RATE_WINDOW", 3600)))
    now = time.time()
    start = int(now // window) * window
    key = _key(address, start)
    cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]
    try:
        cache.add(key, 0, timeout=window + 1)
        count = cache.incr(key)
    except Exception:  # noqa: BLE001 - an unreachable cache must not stop honest reports
        logger.warning("contribution rate limit cache unavailable; attempt let through", exc_info=True)
        return None
    if count <= limit:
        return None
    return max(1, math.ceil(start + window - now))
