"""A one-second cache of public API and OGC answers, in front of most of the middleware.

The "microcaching" of reverse proxies, inside the app so that every
deployment has it: identical anonymous requests within MICROCACHE_SECONDS get
the same answer without reaching the view, the database or the rest of the
middleware. Only answers that declare themselves cacheable by anyone
(Cache-Control: public, no cookie set) are kept, and only for a second: a
CDN may already keep them for a minute. Revalidations with a matching ETag get
304. Each process keeps its own (CACHES["microcache"], in memory).

It sits after the rate limit (cached answers still count) and outside
GZipMiddleware (so the compressed body is kept, and not compressed again).
"""

import re

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re

from clusters.etags import etag_matches

MAX_BYTES = 2 * 1024 * 1024
# What the answers may vary on; anything else (Cookie, *) is not cached.
_KEYED_HEADERS = {"accept", "accept-language", "accept-encoding", "origin"}
_GZIP = re.compile(r"\bgzip\b")
_NOT_REPLAYED = {"content-length", "set-cookie"}


def _key(request) -> str:
    meta = request.META
    accepts_gzip = bool(_GZIP.search(meta.get("HTTP_ACCEPT_ENCODING", "")))
    return "|".join([
        request.scheme, request.get_host(), request.get_full_path(),
        meta.get("HTTP_ACCEPT", ""), meta.get("HTTP_ACCEPT_LANGUAGE", ""), "gzip" if accepts_gzip else "",
    ])


def _cacheable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return False
    directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= _KEYED_HEADERS and len(response.content) <= MAX_BYTES


class MicroCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = re.compile(settings.MICROCACHE_PATHS)

    def __call__(self, request):
        seconds = getattr(settings, "MICROCACHE_SECONDS", 0)
        if (seconds <= 0 or request.method != "GET" or not self.paths.match(request.path)
                or settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META):
            return self.get_response(request)
        cache = caches["microcache"]
        key = _key(request)
        kept = cache.get(key)
        if kept is not None:
            return self._replay(request, *kept)
        # Ask for the whole answer, so that revalidations alone also fill the cache.
        if_none_match = request.META.pop("HTTP_IF_NONE_MATCH", None)
        response = self.get_response(request)
        if if_none_match is not None:
            request.META["HTTP_IF_NONE_MATCH"] = if_none_match
        if _cacheable(response):
            headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_REPLAYED]
            cache.set(key, (response.content, headers), seconds)
            return self._replay(request, response.content, headers)
        if (if_none_match is not None and response.status_code == 200 and not response.streaming
                and etag_matches(request.META.get("HTTP_IF_NONE_MATCH"), response.get("ETag", ""))):
            # Not kept (too big, say), but the client has it: still a 304.
            headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_REPLAYED]
            return self._replay(request, b"", headers)
        return response

    @staticmethod
    def _replay(request, content: bytes, headers):
        etag = next((value for name, value in headers if name.lower() == "etag"), "")
        if etag_matches(request.META.get("HTTP_IF_NONE_MATCH"), etag):
            response = HttpResponseNotModified()
            headers = [(n, v) for n, v in headers if n.lower() not in {"content-type", "content-encoding"}]
        else:
            response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
