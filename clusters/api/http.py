"""HTTP plumbing of the API views: errors, caching headers, the pages' absolute URLs.

ETags come from the domain (clusters.etags), so the API, OGC and the
microcache compare them by one rule.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from clusters.answers import answer_bytes, encoding_negotiate
from clusters.etags import CACHE_CONTROL, data_version, etag_for, etag_matches
from clusters.filters import ParameterError
from clusters.pages import cluster_page_path_prefix

GEOJSON = "application/geo+json"
JSON = "application/json"
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
    return request.build_absolute_uri(cluster_page_path_prefix(current_language()))


def cached_response(
    request, key, build, *, content_type: str, filename: str | None = None, missing: str | None = None,
    version: int | None = None, shared: bool = False,
) -> HttpResponse:
    """Answer 304 when the client has this version, else call build() for the body bytes.

    With `missing`, build() may return None: a 404 with that message. `version` is the data
    version when the caller has read it already (to count under it), else it is read here.
    With `shared`, the built bytes are kept for the server's other processes too (clusters.answers).

    The data version is read before the body is built: a write in between
    gives a newer body under an older ETag, which the next request refreshes,
    never an old body under a new ETag.
    """
    etag = etag_for(data_version() if version is None else version, key)
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    encoding = encoding_negotiate(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    # "*" asks whether the resource exists at all: when it may not, the body must be read to know.
    wildcard = missing is not None and "*" in (if_none_match or "")
    if wildcard and answer_bytes(etag, build, encoding=encoding)[0] is None:
        return not_found_response(missing)
    if etag_matches(if_none_match, etag):
        response = HttpResponseNotModified()
    else:
        # Built and compressed once per ETag (clusters.answers), brotli or gzip as the client accepts;
        # GZipMiddleware leaves an encoded body alone.
        body, coding = answer_bytes(etag, build, encoding=encoding, shared=shared)
        if body is None and missing is not None:
            return not_found_response(missing)
        response = HttpResponse(body, content_type=content_type)
        if coding:
            response["Content-Encoding"] = coding
            # As GZipMiddleware does: the encoded bytes differ, so the tag is weak (RFC 9110 8.8.3).
            etag = f"W/{etag}"
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ("Accept-Encoding", "Accept-Language"))
    return response
