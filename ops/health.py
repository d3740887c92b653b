"""/healthz for load balancers and monitoring: does the database answer?

Load balancers and container platforms probe by address (http://10.0.0.7/healthz)
with whatever Host header they like, so /healthz is answered by a middleware
before anything checks the Host against ALLOWED_HOSTS; every other path is
still checked (issue 16, "Operations", item 1).
"""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("ops.health")


@never_cache
@require_safe
def healthz(request):
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("health check: database unavailable: %s", exc)
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class HealthCheckMiddleware:
    """Answers /healthz itself, ahead of CommonMiddleware's Host check; only that exact path."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
