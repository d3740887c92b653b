"""The thin web adapter: a request in, a handler's Result out as an HttpResponse.

HTML is rendered here, not in the handlers, because base.html needs the
request (its links, the language switcher); the handlers hand over the same
data as their JSON, so both formats always agree.
"""

import functools
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.cache import patch_vary_headers
from django.utils import translation
from django.views.decorators.http import require_http_methods

from clusters.answers import answer_bytes, encoding_negotiate
from clusters.encoding import json_bytes
from clusters.ogc import handlers
from clusters.ogc.openapi import openapi_html_data

_GET_OR_HEAD = require_http_methods(["GET", "HEAD"])


def _base_url(request) -> str:
    return request.build_absolute_uri(_landing_path(get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)).rstrip("/")


@functools.lru_cache(maxsize=16)
def _landing_path(_script_prefix: str, _urlconf, _root_urlconf: str) -> str:
    # Reversed once per URL configuration, not on every request (issue 17); the OGC paths have no language prefix.
    return reverse("ogc:landing")


def _language_links(request) -> list[dict]:
    """base.html's language switcher: on /ogc/ the language is a query parameter, not a path prefix."""
    others = [(name, value) for name, values in request.GET.lists() if name != "lang" for value in values]
    languages = []
    for code, _name in settings.LANGUAGES:
        path = f"{request.path}?{urlencode([*others, ('lang', code)])}"
        languages.append({"code": code, "path": path, "full_path": path})
    return languages


def _render_html(request, template: str, data: dict, language: str, ids: tuple) -> bytes:
    if template == "ogc/api.html":
        data = openapi_html_data(data)
    context = {
        "data": data,
        "service_url": _base_url(request) + "/",
        "collection_id": ids[0] if ids else None,
        # Overrides maps' context processor: its switcher rewrites a /ar/ or /en/ prefix that /ogc/ has not.
        "portal_languages": _language_links(request),
    }
    with translation.override(language):
        return render_to_string(template, context, request).encode("utf-8")


def _answer(request, handler, template: str, *ids) -> HttpResponse:
    result = handler(
        *ids, request.GET, _base_url(request), translation.get_language(),
        accept=request.META.get("HTTP_ACCEPT", "*/*"), if_none_match=request.META.get("HTTP_IF_NONE_MATCH", ""),
    )
    headers = dict(result.headers)
    content_type = headers.pop("Content-Type", None)
    if result.status == 304:
        response = HttpResponseNotModified()
    else:
        body = result.body
        if isinstance(body, dict):
            if content_type.startswith("text/html"):
                if result.status >= 400:
                    template = "ogc/error.html"
                body = _render_html(request, template, body, headers["Content-Language"], ids)
            else:
                body = json_bytes(body)
        coding = ""
        if result.status == 200 and "ETag" in headers and isinstance(result.body, bytes):
            # PostGIS's bytes, compressed once per ETag (clusters.answers): brotli or gzip as the client accepts.
            body, coding = answer_bytes(headers["ETag"], lambda: body,
                                        encoding=encoding_negotiate(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        response = HttpResponse(body, status=result.status, content_type=content_type)
        if coding:
            response["Content-Encoding"] = coding
            headers["ETag"] = f"W/{headers['ETag']}"  # the encoded bytes differ (RFC 9110 8.8.3), as GZipMiddleware marks
    for name, value in headers.items():
        response[name] = value
    if isinstance(result.body, bytes) and result.status == 200:
        patch_vary_headers(response, ("Accept-Encoding",))
    if request.method == "HEAD":
        # The length the GET would have, without the body (RFC 9110 9.3.2).
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response


@_GET_OR_HEAD
def landing(request):
    return _answer(request, handlers.landing_page, "ogc/landing.html")


@_GET_OR_HEAD
def conformance(request):
    return _answer(request, handlers.conformance, "ogc/conformance.html")


@_GET_OR_HEAD
def api(request):
    return _answer(request, handlers.api_definition, "ogc/api.html")


@_GET_OR_HEAD
def collections(request):
    return _answer(request, handlers.collections, "ogc/collections.html")


@_GET_OR_HEAD
def collection(request, collection_id: str):
    return _answer(request, handlers.collection, "ogc/collection.html", collection_id)


@_GET_OR_HEAD
def schema(request, collection_id: str):
    return _answer(request, handlers.schema, "ogc/schema.html", collection_id)


@_GET_OR_HEAD
def queryables(request, collection_id: str):
    return _answer(request, handlers.queryables, "ogc/queryables.html", collection_id)


@_GET_OR_HEAD
def items(request, collection_id: str):
    return _answer(request, handlers.items, "ogc/items.html", collection_id)


@_GET_OR_HEAD
def item(request, collection_id: str, feature_id: str):
    return _answer(request, handlers.item, "ogc/item.html", collection_id, feature_id)


def not_found(request):
    with translation.override(handlers.language_parse({}, translation.get_language())):
        result = handlers.not_found_result(translation.gettext("There is no such path in this API; see /ogc/api."))
    response = HttpResponse(json_bytes(result.body), status=404)
    for name, value in result.headers.items():
        response[name] = value
    return response
