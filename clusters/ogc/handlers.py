"""The OGC API operations as plain functions, in the pygeoapi way.

Each takes the query parameters (a QueryDict, or a dict of strings or lists),
the service's base URL (e.g. http://host/ogc), the reader's language, and
optionally the Accept and If-None-Match headers; each returns a Result
(status, headers, body). The body is a dict (JSON, or the data of an HTML
page when the Content-Type is text/html) or bytes that PostGIS built and
nothing here parses. The features operations live in clusters.ogc.features,
what they all answer with (Result, ETags) in clusters.ogc.results.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from clusters.filters import ParameterError
from clusters.ogc.collections import COLLECTIONS, collection_describe, collection_title
from clusters.ogc.links import CONFORMANCE, HTML, JSON, JSON_SCHEMA, OPENAPI, kept_params, link, self_links
from clusters.ogc.openapi import openapi_document
from clusters.ogc.schema import collection_schema
from clusters.ogc.features import item_handler, items_handler
from clusters.ogc.filtering import queryables_document
from clusters.ogc.params import UnknownParameter, format_negotiate, language_parse, unknown_parameters_check
from clusters.ogc.results import Context, NotFound, Result, cached as _cached, error_result, not_found_result


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
    return _run(f"items:{collection_id}", items_handler(collection_id), query, base_url, lang, accept, if_none_match)


def item(
    collection_id: str, feature_id: str, query, base_url: str, lang: str, accept: str = "*/*", if_none_match: str = ""
) -> Result:
    if collection_id not in COLLECTIONS:
        return _unknown_collection(query, lang, accept)
    return _run("item", item_handler(collection_id, feature_id), query, base_url, lang, accept, if_none_match)


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
