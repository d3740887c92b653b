"""Link objects of the OGC responses: absolute hrefs that name their format.

Every href carries `f` (but one: see collections.py), so a link answers in
the type it announces whatever Accept header the client that follows it
sends; an explicit `lang` is carried too, so a reader who chose a language
keeps it while browsing.
"""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
JSON_SCHEMA = "application/schema+json"

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
    # Sorting is not yet a Part of Features; this is the class Records (and pygeoapi, tipg) declare for sortby.
    "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/sorting",
]
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"


def href(base_url: str, path: str, params=()) -> str:
    """base_url + path, with the query `params` (pairs or a dict) in the order given."""
    pairs = list(params.items()) if isinstance(params, dict) else list(params)
    url = base_url + path
    return f"{url}?{urlencode(pairs)}" if pairs else url


def link(base_url: str, path: str, rel: str, media_type: str, title: str, params=()) -> dict:
    fmt = "html" if media_type == HTML else "json"
    return {"href": href(base_url, path, [*params, ("f", fmt)]), "rel": rel, "type": media_type, "title": title}


def self_links(base_url: str, path: str, fmt: str, json_type: str = JSON, params=()) -> list[dict]:
    """self in the format of this response, alternate in the other one (/req/core/*-links)."""
    as_json = (json_type, _("This document as JSON"))
    as_html = (HTML, _("This document as HTML"))
    first, second = (as_html, as_json) if fmt == "html" else (as_json, as_html)
    return [
        link(base_url, path, "self", first[0], first[1], params),
        link(base_url, path, "alternate", second[0], second[1], params),
    ]


def kept_params(query, names=("lang",)) -> list[tuple[str, str]]:
    """The request's own values of `names`, to carry into the links it offers."""
    kept = []
    for name in names:
        values = query.getlist(name) if hasattr(query, "getlist") else query.get(name, [])
        if isinstance(values, str):
            values = [values]
        kept += [(name, value) for value in values if value != ""]
    return kept
