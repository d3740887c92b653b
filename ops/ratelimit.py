"""One fixed-window limit per client address on the anonymous API and OGC requests.

A middleware over Django's cache rather than DRF throttling, because the OGC
views are plain Django views and both must share one budget. The counters
live in the "default" cache: with several app processes or machines that
cache must be shared (CACHE_URL) for the limit to be global.
"""

import logging
import math
import re
import time
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from ops.clientip import client_ip

logger = logging.getLogger("ops.ratelimit")


def _is_staff_session(request) -> bool:
    """A logged-in staff member's session? Read straight from the session store:
    the limit runs before SessionMiddleware, so that cached answers still count."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    try:
        store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        return store.get("_auth_user_id") is not None
    except DatabaseError:
        return False


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "RATE_LIMIT_ENABLED", False) and re.match(settings.RATE_LIMIT_PATHS, request.path):
            if not _is_staff_session(request):
                retry_after = self._spend(client_ip(request))
                if retry_after is not None:
                    return self._too_many(request, retry_after)
        return self.get_response(request)

    def _spend(self, address: str) -> int | None:
        """Count one request; the seconds until the window ends if the budget is spent, else None."""
        window = max(1, int(settings.RATE_LIMIT_WINDOW))
        now = time.time()
        start = int(now // window) * window
        key = f"ratelimit:{address}:{start}"
        cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]
        try:
            # add() is a no-op when the key exists; the extra second keeps the
            # key alive until the window has surely ended.
            cache.add(key, 0, timeout=window + 1)
            count = cache.incr(key)
        except Exception:  # noqa: BLE001 - an unreachable cache must not take the API down
            logger.warning("rate limit cache unavailable; request let through", exc_info=True)
            return None
        if count <= settings.RATE_LIMIT_REQUESTS:
            return None
        return max(1, math.ceil(start + window - now))

    @staticmethod
    def _too_many(request, retry_after: int) -> JsonResponse:
        # Before LocaleMiddleware: the language comes from the request itself, as the API's does.
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            message = _("Too many requests. Please wait %(seconds)d seconds before trying again.") % {
                "seconds": retry_after}
        response = JsonResponse({"error": message}, status=429, json_dumps_params={"ensure_ascii": False})
        response["Content-Language"] = language
        response["Retry-After"] = str(retry_after)
        response["Cache-Control"] = "no-store"
        return response
