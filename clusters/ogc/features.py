"""The OGC features operations: a collection's items, a page at a time, and one item (/req/core/fc-*, /req/geojson/*)."""

import functools
import json
import re
from datetime import UTC, datetime
from urllib.parse import urljoin

from django.utils.translation import gettext as _

from clusters.constants import CLUSTER_SLUG_MAX_LENGTH, ISO_PATTERN, SLUG_PATTERN
from clusters.counting import cluster_count
from clusters.encoding import json_bytes
from clusters.etags import data_version, etag_matches
from clusters.filters import parameter_value
from clusters.models import Governorate
from clusters.pages import cluster_page_path_prefix
from clusters.selectors import cluster_list, governorate_list
from clusters.ogc import sql
from clusters.ogc.collections import collection_title
from clusters.ogc.links import GEOJSON, HTML, JSON, link, self_links
from clusters.ogc.crs import bbox_crs_parse, content_crs_header, crs_parse
from clusters.ogc.filtering import filter_q, order_by_args, order_parse, order_sql
from clusters.ogc.params import bbox_ogc_parse, cluster_filters_ogc_parse, datetime_parse, page_ogc_parse
from clusters.ogc.results import HTML_UTF8, Context, NotFound, Result, answer_headers, cached, etag, query_pairs

_SLUG = re.compile(SLUG_PATTERN)
_ISO = re.compile(ISO_PATTERN)
_PAGING = {"f", "limit", "offset"}
# The parameters of a CQL2 filter, which narrows a selection beyond ClusterFilters.
_FILTER_PARAMS = ("filter", "filter-lang", "filter-crs")


def _cluster_selection(query, filters, interval):
    queryset = cluster_list(filters)
    if interval is not None and interval.start is not None:
        queryset = queryset.filter(updated_at__gte=interval.start)
    if interval is not None and interval.end is not None:
        queryset = queryset.filter(updated_at__lt=interval.end)
    return queryset


def _page_url_prefix(base_url: str, language: str) -> str:
    # The public pages live on the same host as the service.
    return urljoin(base_url, cluster_page_path_prefix(language))


def items_handler(collection_id: str):
    def handler(context: Context) -> Result:
        query = context.query
        page = page_ogc_parse(query)
        interval = datetime_parse(query)
        crs = crs_parse(query)
        condition = filter_q(query, collection_id)
        version = data_version()
        if collection_id == "clusters":
            keys = order_parse(query, collection_id)
            filters = cluster_filters_ogc_parse(query)
            # What narrows beyond the filters (datetime, the CQL2 filter as written) and, with the filters and
            # the sort keys, names the whole selection: its SQL is compiled once (issue 17), not per request.
            narrowing = ("ogc", interval, *(parameter_value(query, name) for name in _FILTER_PARAMS))
            shape = (filters, narrowing, tuple(keys or ()))

            @functools.cache
            def selection():
                queryset = _cluster_selection(query, filters, interval)
                queryset = queryset.filter(condition) if condition is not None else queryset
                return queryset.order_by(*order_by_args(keys, collection_id)) if keys else queryset

            prefix = _page_url_prefix(context.base_url, context.lang)

            def features() -> bytes:
                return sql.cluster_items_json(selection, page, page_url_prefix=prefix, crs=crs,
                                              order=order_sql(keys, collection_id), shape=shape)

            def count() -> int:
                # Once per data version and selection, not per request (issue 17, item 2).
                return cluster_count(filters, version, queryset=selection, key=narrowing)
        else:
            # Boundaries keep no time: valid at every instant, so datetime is checked and then selects them all.
            queryset = governorate_list(bbox_crs_parse(query, bbox_ogc_parse))
            queryset = queryset.filter(condition) if condition is not None else queryset

            def features() -> bytes:
                return sql.governorate_items_json(queryset, page, crs=crs)

            count = queryset.count  # 27 boundaries: nothing worth keeping

        def build():
            matched = count()
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

        return cached(context, ("items", collection_id), build, GEOJSON, {"Content-Crs": content_crs_header(crs)},
                       version=version)

    return handler


def _items_links(context: Context, collection_id: str, page, matched: int) -> list[dict]:
    base, path = context.base_url, f"/collections/{collection_id}/items"
    params = query_pairs(context.query, _PAGING)

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


def item_handler(collection_id: str, feature_id: str):
    def handler(context: Context) -> Result:
        if not _feature_id_valid(collection_id, feature_id):
            raise NotFound(_("No feature of this collection has this id."))
        base, path = context.base_url, f"/collections/{collection_id}/items/{feature_id}"
        links = [
            *self_links(base, path, context.fmt, GEOJSON, context.keep),
            link(base, f"/collections/{collection_id}", "collection", JSON, collection_title(collection_id), context.keep),
        ]
        crs = crs_parse(context.query)
        key, extra = ("item", collection_id, feature_id), {"Content-Crs": content_crs_header(crs)}
        if collection_id == "clusters":
            return _cluster_item(context, key, extra, feature_id, links, crs)

        def build():
            body = sql.governorate_item_json(feature_id, links_json=json_bytes(links), crs=crs)
            if body is None:
                raise NotFound(_("No feature of this collection has this id."))
            return _item_body(context, collection_id, body)

        return cached(context, key, build, GEOJSON, extra)

    return handler


def _cluster_item(context: Context, key: tuple, extra: dict, slug: str, links: list, crs) -> Result:
    # An ETag is only ever issued for a feature that exists, and it still does while the version holds:
    # a revalidation needs the version alone. Otherwise one statement reads the version and the body.
    if context.if_none_match:
        tag = etag(context, key, data_version())
        if etag_matches(context.if_none_match, tag):
            return Result(304, answer_headers(context, tag, extra), b"")
    one = sql.cluster_item_versioned(slug, page_url_prefix=_page_url_prefix(context.base_url, context.lang),
                                     links_json=json_bytes(links), crs=crs)
    if one.feature is None:
        raise NotFound(_("No feature of this collection has this id."))
    headers = answer_headers(context, etag(context, key, one.version), extra)
    headers["Content-Type"] = HTML_UTF8 if context.fmt == "html" else GEOJSON
    return Result(200, headers, _item_body(context, "clusters", one.feature))


def _item_body(context: Context, collection_id: str, body: bytes):
    if context.fmt == "html":
        return {**json.loads(body), "title": collection_title(collection_id)}
    return body


def _feature_id_valid(collection_id: str, feature_id: str) -> bool:
    # Checking the shape first keeps odd text (a NUL byte, say) out of the database query.
    if collection_id == "clusters":
        return len(feature_id) <= CLUSTER_SLUG_MAX_LENGTH and bool(_SLUG.match(feature_id))
    return bool(_ISO.match(feature_id)) and Governorate.objects.filter(iso_code=feature_id).exists()
