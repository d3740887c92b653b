"""The OGC API operations as plain functions, in the pygeoapi way.

Each takes the query parameters (a QueryDict, or a dict of strings or lists),
the service's base URL (e.g. http://host/ogc), the reader's language, and
optionally the Accept and If-None-Match headers; each returns a Result
(status, headers, body). The body is a dict (JSON, or the data of an HTML
page when the Content-Type is text/html) or bytes that PostGIS built and
nothing here parses.
"""

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import urljoin

from django.utils import translation
from django.utils.translation import gettext as _

from clusters.constants import CLUSTER_SLUG_MAX_LENGTH, ISO_PATTERN, SLUG_PATTERN
from clusters.encoding import json_bytes
from clusters.etags import CACHE_CONTROL, data_version, etag_for, etag_matches
from clusters.filters import ParameterError
from clusters.models import Governorate
from clusters.pages import cluster_page_path_prefix
from clusters.selectors import cluster_list, governorate_list
from clusters.ogc import sql
from clusters.ogc.collections import COLLECTIONS, collection_describe, collection_title
from clusters.ogc.links import CONFORMANCE, GEOJSON, HTML, JSON, JSON_SCHEMA, OPENAPI, kept_params, link, self_links
from clusters.ogc.openapi import openapi_document
from clusters.ogc.schema import collection_schema
from clusters.ogc.crs import bbox_crs_parse, content_crs_header, crs_parse
from clusters.ogc.filtering import filter_q, order_by_args, order_parse, order_sql, queryables_document
from clusters.ogc.params import (
    bbox_ogc_parse, cluster_filters_ogc_parse, datetime_parse, format_negotiate, language_parse, page_ogc_parse,
    UnknownParameter, unknown_parameters_check,
)

HTML_UTF8 = "text/html; charset=utf-8"
_SLUG = re.compile(SLUG_PATTERN)
_ISO = re.compile(ISO_PATTERN)
VARY = "Accept, Accept-Language"
_PAGING = {"f", "limit", "offset"}


class Result(NamedTuple):
    status: int
    headers: dict
    body: dict | bytes


class NotFound(Exception):
    pass


@dataclass(frozen=True)
class Context:
    query: object
    base_url: str
    lang: str
    fmt: str
    if_none_match: str
    keep: tuple  # (name, value) pairs every link carries: the reader's explicit lang


def _query_pairs(query, skip=frozenset()) -> list[tuple[str, str]]:
    lists = query.lists() if hasattr(query, "lists") else query.items()
    pairs = []
    for name, values in lists:
        if isinstance(values, str):
            values = [values]
        pairs += [(name, value) for value in values if name not in skip]
    return pairs


def error_result(status: int, code: str, description: str, parameter: str | None = None, *,
                 lang: str | None = None, fmt: str = "json") -> Result:
    # OGC's exception shape (code, description), plus the API's "error" and "parameter".
    body = {"code": code, "description": description, "error": description}
    if parameter is not None:
        body["parameter"] = parameter
    headers = {"Content-Type": HTML_UTF8 if fmt == "html" else JSON, "Cache-Control": "no-store"}
    if lang:
        headers["Content-Language"] = lang
    return Result(status, headers, body)


def not_found_result(description: str, *, lang: str | None = None, fmt: str = "json") -> Result:
    """A 404 in the format and language the reader asked for, once they are known."""
    return error_result(404, "NotFound", description, lang=lang, fmt=fmt)


def _run(operation: str, handler, query, base_url: str, lang: str, accept: str, if_none_match: str) -> Result:
    with translation.override(language_parse({}, lang)):
        try:
            unknown_parameters_check(query, operation)
            fmt = format_negotiate(query, accept)
            language = language_parse(query, lang)
            context = Context(
                query=query, base_url=base_url.rstrip("/"), lang=language, fmt=fmt,
                if_none_match=if_none_match or "", keep=tuple(kept_params(query)),
            )
            with translation.override(language):
                return handler(context)
        except ParameterError as error:
            code = "UnknownParameter" if isinstance(error, UnknownParameter) else "InvalidParameterValue"
            return error_result(400, code, error.message, error.parameter)
        except NotFound as missing:
            return not_found_result(str(missing), lang=language, fmt=fmt)


def _cached(context: Context, key: tuple, build, json_type: str = JSON, extra_headers: dict | None = None) -> Result:
    """304 when the client holds this version, else build() the body; the domain's strong ETags."""
    query_key = tuple(sorted(_query_pairs(context.query)))
    etag = etag_for(data_version(), ("ogc", context.base_url, context.lang, context.fmt, query_key, *key))
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Content-Language": context.lang, "Vary": VARY,
               **(extra_headers or {})}
    if etag_matches(context.if_none_match, etag):
        return Result(304, headers, b"")
    body = build()
    headers["Content-Type"] = HTML_UTF8 if context.fmt == "html" else json_type
    return Result(200, headers, body)


# Landing page, conformance, API definition (/req/core/root-*, conformance-*, api-definition-*).

def _landing(context: Context) -> Result:
    base, keep = context.base_url, context.keep

    def build() -> dict:
        return {
            "title": _("Egypt's production clusters"),
            "description": _(
                "Egypt's natural production clusters and governorates, published by MSMEDA "
                "as OGC API - Features for GIS programs such as QGIS, ArcGIS and GDAL."
            ),
            "links": [
                *self_links(base, "/", context.fmt, params=keep),
                link(base, "/api", "service-desc", OPENAPI, _("The API definition (OpenAPI 3.0)"), keep),
                link(base, "/api", "service-doc", HTML, _("The API documentation"), keep),
                link(base, "/conformance", "conformance", JSON, _("Conformance classes"), keep),
                link(base, "/conformance", "conformance", HTML, _("Conformance classes"), keep),
                link(base, "/collections", "data", JSON, _("Collections"), keep),
                link(base, "/collections", "data", HTML, _("Collections"), keep),
            ],
        }

    return _cached(context, ("landing",), build)


def _conformance(context: Context) -> Result:
    return _cached(context, ("conformance",), lambda: {
        "links": self_links(context.base_url, "/conformance", context.fmt, params=context.keep),
        "conformsTo": CONFORMANCE,
    })


def _api(context: Context) -> Result:
    return _cached(context, ("api",), lambda: openapi_document(context.base_url), OPENAPI)


def _collections(context: Context) -> Result:
    return _cached(context, ("collections",), lambda: {
        "links": self_links(context.base_url, "/collections", context.fmt, params=context.keep),
        "collections": [collection_describe(cid, context.base_url, context.fmt, context.keep) for cid in COLLECTIONS],
    })


def _collection(collection_id: str):
    def handler(context: Context) -> Result:
        return _cached(
            context, ("collection", collection_id),
            lambda: collection_describe(collection_id, context.base_url, context.fmt, context.keep),
        )

    return handler


def _schema(collection_id: str):
    def handler(context: Context) -> Result:
        return _cached(
            context, ("schema", collection_id),
            lambda: {**collection_schema(collection_id, context.base_url),
                     "links": self_links(context.base_url, f"/collections/{collection_id}/schema", context.fmt,
                                         JSON_SCHEMA, context.keep)},
            JSON_SCHEMA,
        )

    return handler


def _queryables(collection_id: str, accept: str):
    # application/schema+json, as Part 3 says, unless the client asks for plain JSON alone:
    # GDAL 3.6 (Debian 12, QGIS) refuses any other Content-Type and then filters on its side.
    wants_plain = "application/json" in accept.lower() and "schema+json" not in accept.lower()

    def handler(context: Context) -> Result:
        path = f"/collections/{collection_id}/queryables"
        return _cached(
            context, ("queryables", collection_id),
            lambda: {**queryables_document(collection_id, context.base_url, collection_title(collection_id)),
                     "links": self_links(context.base_url, path, context.fmt, JSON_SCHEMA, context.keep)},
            JSON if wants_plain else JSON_SCHEMA,
        )

    return handler


# Features (/req/core/fc-*, /req/geojson/*).

def _cluster_selection(query, interval):
    queryset = cluster_list(cluster_filters_ogc_parse(query))
    if interval is not None and interval.start is not None:
        queryset = queryset.filter(updated_at__gte=interval.start)
    if interval is not None and interval.end is not None:
        queryset = queryset.filter(updated_at__lt=interval.end)
    return queryset


def _page_url_prefix(base_url: str, language: str) -> str:
    # The public pages live on the same host as the service.
    return urljoin(base_url, cluster_page_path_prefix(language))


def _items(collection_id: str):
    def handler(context: Context) -> Result:
        query = context.query
        page = page_ogc_parse(query)
        interval = datetime_parse(query)
        crs = crs_parse(query)
        condition = filter_q(query, collection_id)
        if collection_id == "clusters":
            keys = order_parse(query, collection_id)
            queryset = _cluster_selection(query, interval)
            queryset = queryset.filter(condition) if condition is not None else queryset
            queryset = queryset.order_by(*order_by_args(keys, collection_id)) if keys else queryset
            prefix = _page_url_prefix(context.base_url, context.lang)

            def features() -> bytes:
                return sql.cluster_items_json(queryset, page, page_url_prefix=prefix, crs=crs,
                                              order=order_sql(keys, collection_id))
        else:
            # Boundaries keep no time: valid at every instant, so datetime is checked and then selects them all.
            queryset = governorate_list(bbox_crs_parse(query, bbox_ogc_parse))
            queryset = queryset.filter(condition) if condition is not None else queryset

            def features() -> bytes:
                return sql.governorate_items_json(queryset, page, crs=crs)

        def build():
            matched = queryset.count()
            returned = max(0, min(page.limit, matched - page.offset))
            members = {
                "type": "FeatureCollection",
                "numberMatched": matched,
                "numberReturned": returned,
                "timeStamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "links": _items_links(context, collection_id, page, matched),
            }
            body = features()
            if context.fmt == "html":
                return {**members, "features": json.loads(body), "title": collection_title(collection_id)}
            # The features stay the bytes PostGIS wrote; only the members around them are encoded here.
            return json_bytes(members)[:-1] + b',"features":' + body + b"}"

        return _cached(context, ("items", collection_id), build, GEOJSON, {"Content-Crs": content_crs_header(crs)})

    return handler


def _items_links(context: Context, collection_id: str, page, matched: int) -> list[dict]:
    base, path = context.base_url, f"/collections/{collection_id}/items"
    params = _query_pairs(context.query, _PAGING)

    def at(offset: int) -> list:
        return [*params, ("limit", page.limit), *([("offset", offset)] if offset else [])]

    links = self_links(base, path, context.fmt, GEOJSON, at(page.offset))
    json_type = HTML if context.fmt == "html" else GEOJSON
    if page.offset + page.limit < matched:
        links.append(link(base, path, "next", json_type, _("Next page"), at(page.offset + page.limit)))
    if page.offset > 0:
        links.append(link(base, path, "prev", json_type, _("Previous page"), at(max(0, page.offset - page.limit))))
    links.append(link(base, f"/collections/{collection_id}", "collection", JSON, collection_title(collection_id), context.keep))
    return links


def _item(collection_id: str, feature_id: str):
    def handler(context: Context) -> Result:
        if not _feature_exists(collection_id, feature_id):
            raise NotFound(_("No feature of this collection has this id."))
        base, path = context.base_url, f"/collections/{collection_id}/items/{feature_id}"
        links = [
            *self_links(base, path, context.fmt, GEOJSON, context.keep),
            link(base, f"/collections/{collection_id}", "collection", JSON, collection_title(collection_id), context.keep),
        ]
        prefix = _page_url_prefix(base, context.lang) if collection_id == "clusters" else None
        crs = crs_parse(context.query)

        def build():
            if collection_id == "clusters":
                body = sql.cluster_item_json(feature_id, page_url_prefix=prefix, links_json=json_bytes(links), crs=crs)
            else:
                body = sql.governorate_item_json(feature_id, links_json=json_bytes(links), crs=crs)
            if body is None:  # gone between the check and the read
                raise NotFound(_("No feature of this collection has this id."))
            if context.fmt == "html":
                return {**json.loads(body), "title": collection_title(collection_id)}
            return body

        return _cached(context, ("item", collection_id, feature_id), build, GEOJSON,
                       {"Content-Crs": content_crs_header(crs)})

    return handler


def _feature_exists(collection_id: str, feature_id: str) -> bool:
    # Checking the shape first keeps odd text (a NUL byte, say) out of the database query.
    if collection_id == "clusters":
        return len(feature_id) <= CLUSTER_SLUG_MAX_LENGTH and bool(_SLUG.match(feature_id)) and cluster_list().filter(slug=feature_id).exists()
    return bool(_ISO.match(feature_id)) and Governorate.objects.filter(iso_code=feature_id).exists()


# The public functions: the web adapter (views.py) and the tests call these.

def landing_page(query, base_url: str, lang: str, accept: str = "*/*", if_none_match: str = "") -> Result:
    return _run("landing", _landing, query, base_url, lang, accept, if_none_match)


def conformance(query, base_url: str, lang: str, accept: str = "*/*", if_none_match: str = "") -> Result:
    return _run("conformance", _conformance, query, base_url, lang, accept, if_none_match)


def api_definition(query, base_url: str, lang: str, accept: str = "*/*", if_none_match: str = "") -> Result:
    return _run("api", _api, query, base_url, lang, accept, if_none_match)


def collections(query, base_url: str, lang: str, accept: str = "*/*", if_none_match: str = "") -> Result:
    return _run("collections", _collections, query, base_url, lang, accept, if_none_match)


def collection(collection_id: str, query, base_url: str, lang: str, accept: str = "*/*", if_none_match: str = "") -> Result:
    if collection_id not in COLLECTIONS:
        return _unknown_collection(query, lang, accept)
    return _run("collection", _collection(collection_id), query, base_url, lang, accept, if_none_match)


def schema(collection_id: str, query, base_url: str, lang: str, accept: str = "*/*", if_none_match: str = "") -> Result:
    if collection_id not in COLLECTIONS:
        return _unknown_collection(query, lang, accept)
    return _run("schema", _schema(collection_id), query, base_url, lang, accept, if_none_match)


def queryables(collection_id: str, query, base_url: str, lang: str, accept: str = "*/*", if_none_match: str = "") -> Result:
    if collection_id not in COLLECTIONS:
        return _unknown_collection(query, lang, accept)
    return _run("queryables", _queryables(collection_id, accept or ""), query, base_url, lang, accept, if_none_match)


def items(collection_id: str, query, base_url: str, lang: str, accept: str = "*/*", if_none_match: str = "") -> Result:
    if collection_id not in COLLECTIONS:
        return _unknown_collection(query, lang, accept)
    return _run(f"items:{collection_id}", _items(collection_id), query, base_url, lang, accept, if_none_match)


def item(
    collection_id: str, feature_id: str, query, base_url: str, lang: str, accept: str = "*/*", if_none_match: str = ""
) -> Result:
    if collection_id not in COLLECTIONS:
        return _unknown_collection(query, lang, accept)
    return _run("item", _item(collection_id, feature_id), query, base_url, lang, accept, if_none_match)


def _unknown_collection(query, lang: str, accept: str) -> Result:
    """The 404 in the `f` and `lang` asked for; a bad `f` or `lang` does not hide that the collection is missing."""
    try:
        language = language_parse(query, lang)
    except ParameterError:
        language = language_parse({}, lang)
    try:
        fmt = format_negotiate(query, accept)
    except ParameterError:
        fmt = "json"
    with translation.override(language):
        return not_found_result(_("There is no collection with this id; see /ogc/collections."), lang=language, fmt=fmt)
