"""Public API and OGC answers kept per data version, in front of most of the middleware.

The "microcaching" of reverse proxies, inside the app so that every
deployment has it, made exact by the data version (issue 17, item 3): an
answer whose ETag names the data version it was read at ("<version>-<digest>",
clusters.etags) is kept until that version moves. An identical anonymous
request then costs one statement (the current version) and no view, no
build, no compression: a repeated full download at static-file speed, and
never a stale one, since a write moves the version before anyone can read it.
Answers without a versioned ETag are kept MICROCACHE_SECONDS only, as before.

Only answers that declare themselves cacheable by anyone (Cache-Control:
public, no cookie set) are kept. Revalidations with a matching ETag get 304.
Each process keeps its own, the most recently used up to MICROCACHE_MAX_BYTES.

It sits after the rate limit (kept answers still count) and outside the
compression (so the compressed body is kept, and not compressed again).
"""

import re
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re

from clusters.answers import encoding_negotiate
from clusters.etags import data_version, etag_matches

MAX_BYTES = 64 * 1024 * 1024
# What the answers may vary on; anything else (Cookie, *) is not cached.
_KEYED_HEADERS = {"accept", "accept-language", "accept-encoding", "origin"}
_NOT_REPLAYED = {"content-length", "set-cookie"}
_VERSIONED = re.compile(r'^(?:W/)?"(\d+)-')


class _Kept(NamedTuple):
    version: int | None  # None: kept until `expires` instead
    expires: float
    content: bytes
    headers: list


_kept: OrderedDict = OrderedDict()
_size = 0
_lock = threading.Lock()


def microcache_forget() -> None:
    """Drop every kept answer: for tests, whose rolled-back transactions reuse data versions."""
    global _size
    with _lock:
        _kept.clear()
        _size = 0


def _budget() -> int:
    return getattr(settings, "MICROCACHE_MAX_BYTES", MAX_BYTES)


def _get(key: str) -> _Kept | None:
    with _lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
        return kept


def _drop(key: str) -> None:
    global _size
    with _lock:
        kept = _kept.pop(key, None)
        if kept is not None:
            _size -= len(kept.content)


def _put(key: str, kept: _Kept) -> None:
    global _size
    budget = _budget()
    if len(kept.content) > budget // 4:
        return  # one huge answer must not push out everything else
    with _lock:
        old = _kept.pop(key, None)
        _size -= len(old.content) if old is not None else 0
        _kept[key] = kept
        _size += len(kept.content)
        while _size > budget:
            _old_key, dropped = _kept.popitem(last=False)
            _size -= len(dropped.content)


def _key(request) -> str:
    meta = request.META
    return "|".join([
        request.scheme, request.get_host(), request.get_full_path(),
        meta.get("HTTP_ACCEPT", ""), meta.get("HTTP_ACCEPT_LANGUAGE", ""),
        encoding_negotiate(meta.get("HTTP_ACCEPT_ENCODING", "")),
    ])


def _cacheable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return False
    directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= _KEYED_HEADERS


def _current(kept: _Kept) -> bool:
    if kept.version is None:
        return time.monotonic() < kept.expires
    try:
        return data_version() == kept.version
    except (OperationalError, InterfaceError):
        return False  # the view answers, and the outage middleware turns this into a 503


class MicroCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = re.compile(settings.MICROCACHE_PATHS)

    def __call__(self, request):
        seconds = getattr(settings, "MICROCACHE_SECONDS", 0)
        if (seconds <= 0 or request.method != "GET" or not self.paths.match(request.path)
                or settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META):
            return self.get_response(request)
        key = _key(request)
        kept = _get(key)
        if kept is not None:
            if _current(kept):
                return self._replay(request, kept.content, kept.headers)
            _drop(key)
        # Ask for the whole answer, so that revalidations alone also fill the cache.
        if_none_match = request.META.pop("HTTP_IF_NONE_MATCH", None)
        response = self.get_response(request)
        if if_none_match is not None:
            request.META["HTTP_IF_NONE_MATCH"] = if_none_match
        if _cacheable(response):
            headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_REPLAYED]
            versioned = _VERSIONED.match(response.get("ETag", ""))
            _put(key, _Kept(int(versioned.group(1)) if versioned else None, time.monotonic() + seconds,
                            response.content, headers))
            return self._replay(request, response.content, headers)
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
