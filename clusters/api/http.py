"""HTTP plumbing shared by the API views: errors, ETags, caching headers, page URLs."""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from clusters.api.params import ParameterError
from clusters.selectors import data_version

GEOJSON = "application/geo+json"
JSON = "application/json"
CACHE_CONTROL = "public, max-age=60"
_PLACEHOLDER = "slug-placeholder"
# Arabic messages as UTF-8 text a person can read in curl, not \u escapes.
_READABLE = {"ensure_ascii": False}


def error_response(error: ParameterError) -> JsonResponse:
    return _no_store(JsonResponse(
        {"error": error.message, "parameter": error.parameter}, status=400, json_dumps_params=_READABLE
    ))


def not_found_response(message: str) -> JsonResponse:
    return _no_store(JsonResponse({"error": message}, status=404, json_dumps_params=_READABLE))


def _no_store(response):
    # An error must not be served from a cache after the data or the request is fixed.
    response["Cache-Control"] = "no-store"
    return response


def current_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    language = language.split("-")[0]
    return language if language in codes else settings.LANGUAGE_CODE


def cluster_page_url_prefix(request) -> str:
    """Absolute URL of the public cluster pages, up to the slug: slug + "/" completes it."""
    language = current_language()
    try:
        with translation.override(language):
            path = reverse("maps:cluster_detail", kwargs={"slug": _PLACEHOLDER})
    except NoReverseMatch:
        path = ""
    if path.endswith(f"/{_PLACEHOLDER}/"):
        prefix = path[: -len(_PLACEHOLDER) - 1]
    else:
        # The public page may not be routed yet; its address is agreed with the map.
        prefix = f"/{language}/clusters/"
    return request.build_absolute_uri(prefix)


def etag_for(version: int, key) -> str:
    """A strong ETag: the data version, then a digest of everything the body depends on."""
    digest = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:24]
    return f'"{version}-{digest}"'


def etag_matches(request, etag: str) -> bool:
    """If-None-Match uses the weak comparison (RFC 9110 13.1.2).

    GZipMiddleware turns our strong ETag into W/"..." on compressed responses,
    so a client may send back either form, and a stored answer may hold either.
    """

    def bare(tag: str) -> str:
        tag = tag.strip()
        return tag[2:] if tag.startswith("W/") else tag

    if not etag:
        return False
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    return any(tag.strip() == "*" or bare(tag) == bare(etag) for tag in header.split(","))


def cached_response(request, key, build, *, content_type: str, filename: str | None = None) -> HttpResponse:
    """Answer 304 when the client has this version, else call build() for the body bytes.

    The data version is read before the body is built: a write in between
    gives a newer body under an older ETag, which the next request refreshes,
    never an old body under a new ETag.
    """
    etag = etag_for(data_version(), key)
    if etag_matches(request, etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(build(), content_type=content_type)
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ("Accept-Encoding", "Accept-Language"))
    return response


def json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
