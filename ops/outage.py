"""A database that does not answer gives a short 503 in the visitor's language, never a traceback.

The middleware catches what views and templates raise; server_error (the
project's handler500) catches what middleware raises, such as a session
read. Nothing here touches the database, and nothing has to be done for the
portal to recover: Django's connection health checks drop the broken
connection and the next request connects again.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("ops.outage")

RETRY_AFTER_SECONDS = 30
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_JSON_PREFIXES = ("/api/", "/ogc/", "/healthz")

UNAVAILABLE = _(
    "The service is temporarily unavailable because its database is not answering. "
    "Please try again in a few minutes."
)
NOT_SAVED = _("Your changes were NOT saved. Go back and submit them again once the service is available.")


def is_database_outage(exc: BaseException | None) -> bool:
    """Django's wrapped errors, or the driver's own when they escape unwrapped (at connect time)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (OperationalError, InterfaceError)):
            return True
        module = type(exc).__module__
        if module.startswith("psycopg") and type(exc).__name__ in {"OperationalError", "InterfaceError"}:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _wants_json(request) -> bool:
    accept = request.META.get("HTTP_ACCEPT", "")
    if request.path.startswith("/ogc/"):
        # The OGC API has HTML pages too: ?f=html, or a browser asking for HTML.
        wanted = request.GET.get("f", "")
        return wanted != "html" and not (not wanted and "text/html" in accept)
    return request.path.startswith(_JSON_PREFIXES) or "application/json" in accept


def outage_response(request) -> HttpResponse:
    unsaved = request.method not in _SAFE_METHODS
    message = str(UNAVAILABLE)
    not_saved = str(NOT_SAVED)
    if _wants_json(request):
        body = {"error": message}
        if unsaved:
            body["saved"] = False
        response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        language = translation.get_language() or "ar"
        context = {
            "message": message,
            "not_saved": not_saved if unsaved else "",
            "LANGUAGE_CODE": language,
            "RTL": translation.get_language_bidi(),
        }
        try:
            html = render_to_string("ops/unavailable.html", context)
        except Exception:  # noqa: BLE001 - the outage page itself must never fail
            logger.exception("the outage page could not be rendered")
            html = f"<!doctype html><title>503</title><p>{escape(message)} {escape(context['not_saved'])}</p>"
        response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A CDN or browser must not keep the outage once the database is back.
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = translation.get_language() or ""
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.error("database unavailable on %s %s: %s", request.method, request.path, exception)
        return outage_response(request)


def server_error(request, *args, **kwargs):
    """handler500: the outage page when the error came from the database, Django's page otherwise."""
    if is_database_outage(sys.exc_info()[1]):
        return outage_response(request)
    return django_server_error(request, *args, **kwargs)
