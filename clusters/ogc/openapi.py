"""The OpenAPI 3.0 document of /ogc/ (its service-desc), in the reader's language.

Every path lists exactly the query parameters of params.DECLARED, the table
the handlers enforce: a parameter the document does not declare is a 400, and
one it declares is always accepted (/req/oas30/oas-impl).
"""

from django.conf import settings
from django.utils.translation import gettext as _

from clusters.constants import MAX_LIMIT, MAX_OFFSET, MAX_Q_LENGTH, SLUG_PATTERN
from clusters.geojson import FLAT_COLUMNS
from clusters.ogc.collections import COLLECTIONS, collection_title
from clusters.ogc.links import GEOJSON, HTML, JSON, JSON_SCHEMA, OPENAPI
from clusters.ogc.params import DECLARED, DEFAULT_LIMIT, FORMATS
from clusters.ogc.crs import SUPPORTED
from clusters.ogc.filtering import MAX_FILTER_LENGTH
from clusters.ogc.links import CRS84

_REF = "#/components/"
_NULLABLE_INTEGER = {"type": "integer", "minimum": 0, "nullable": True}
_PROPERTY_TYPES = {"enterprises": _NULLABLE_INTEGER, "employment": _NULLABLE_INTEGER, "lon": {"type": "number"},
                   "lat": {"type": "number"}}


def _list(items: dict) -> dict:
    return {"type": "array", "items": items}


def _parameters() -> dict:
    def query(name: str, schema: dict, description: str, **extra) -> dict:
        return {"name": name, "in": "query", "required": False, "schema": schema, "description": description, **extra}

    comma_list = {"style": "form", "explode": False}
    return {
        "f": query("f", {"type": "string", "enum": list(FORMATS)}, _(
            "The response format: json (GeoJSON for features) or html. Without it, the Accept header decides, "
            "and JSON is the default.")),
        "lang": query("lang", {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]}, _(
            "The language of titles and messages; without it, Accept-Language decides.")),
        "limit": query("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}, _(
            "The most features in one response. A larger value than the maximum is treated as the maximum.")),
        "offset": query("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}, _(
            "How many matching features to skip; the next link carries it.")),
        "bbox": query("bbox", {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 6}, _(
            "minLon,minLat,maxLon,maxLat in WGS 84 degrees (CRS84), or in bbox-crs; a six-number box with heights is taken too. "
            "Only features whose geometry intersects the box."), **comma_list),
        "datetime": query("datetime", {"type": "string"}, _(
            "An RFC 3339 date or date-time, or an interval a/b with “..” for an open end, matched against "
            "updated_at. Governorates keep no time and are always returned.")),
        "sector": query("sector", _list({"type": "string", "pattern": SLUG_PATTERN}), _(
            "Sector slugs, comma-separated; any of them matches. An unknown slug is a 400."), **comma_list),
        "governorate": query("governorate", _list({"type": "string", "pattern": "^EG-[A-Z]{1,3}$"}), _(
            "ISO 3166-2:EG codes, comma-separated, e.g. EG-DT,EG-FYM; any of them matches."), **comma_list),
        "q": query("q", {"type": "string", "maxLength": MAX_Q_LENGTH}, _(
            "Search names, aliases, localities, products and governorate names; every word must match. "
            "Arabic hamza forms, alef maqsura, ta marbuta, tashkeel and tatweel are folded.")),
        "programme": query("programme", {"type": "string", "pattern": SLUG_PATTERN}, _(
            "A published programme's slug: the clusters it supports. An unknown slug is a 400.")),
        "organisation": query("organisation", {"type": "string", "pattern": SLUG_PATTERN}, _(
            "A published organisation's slug: the clusters one of its programmes supports.")),
        **_crs_filter_parameters(query),
        "featureId": {"name": "featureId", "in": "path", "required": True, "schema": {"type": "string"},
                      "description": _("The feature's id: a cluster's slug, or a governorate's ISO 3166-2 code.")},
        "ifNoneMatch": {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
                        "description": _("An ETag from an earlier response: 304 while the data has not changed.")},
    }


def _crs_filter_parameters(query) -> dict:
    """Parts 2 (crs, bbox-crs) and 3 (filter, filter-lang, filter-crs) and sortby."""
    crs = {"type": "string", "format": "uri", "enum": list(SUPPORTED), "default": CRS84}
    return {
        "crs": query("crs", crs, _(
            "The CRS of the geometries in the response; the Content-Crs header names it. EPSG:4326 is latitude "
            "first; the projected ones (3857, 22992 Red Belt, 32636 UTM 36N) are easting first, in metres.")),
        "bbox-crs": query("bbox-crs", crs, _("The CRS of bbox's coordinates, in its axis order.")),
        "filter": query("filter", {"type": "string", "maxLength": MAX_FILTER_LENGTH}, _(
            "A CQL2 filter over the collection's queryables (see its /queryables): comparisons, LIKE, IN, "
            "BETWEEN, IS NULL, AND, OR, NOT and S_INTERSECTS, e.g. sector = 'dairy' AND enterprises > 100. "
            "Any other property, or a malformed filter, is a 400.")),
        # cql-text, the draft's name of the text encoding, is listed for GDAL 3.6 (Debian 12, QGIS): it sends
        # -where clauses to the server only when this enum offers it.
        "filter-lang": query("filter-lang", {"type": "string", "enum": ["cql2-text", "cql2-json", "cql-text"],
                                             "default": "cql2-text"}, _("The encoding of filter.")),
        "filter-crs": query("filter-crs", crs, _("The CRS of the geometries written in filter.")),
        "sortby": query("sortby", _list({"type": "string"}), _(
            "Sort keys, comma-separated; a leading “-” sorts descending, e.g. -enterprises,name_en. "
            "Any queryable but the geometry."), style="form", explode=False),
    }


def _link_schema() -> dict:
    string = {"type": "string"}
    return {"type": "object", "required": ["href", "rel"],
            "properties": {"href": string, "rel": string, "type": string, "title": string, "hreflang": string}}


def _schemas() -> dict:
    links = _list({"$ref": _REF + "schemas/link"})
    cluster_properties = {column[0]: _PROPERTY_TYPES.get(column[0], {"type": "string"}) for column in FLAT_COLUMNS}
    return {
        "link": _link_schema(),
        "exception": {"type": "object", "required": ["code"], "properties": {
            "code": {"type": "string"}, "description": {"type": "string"}, "error": {"type": "string"},
            "parameter": {"type": "string"}}},
        "landingPage": {"type": "object", "required": ["links"], "properties": {
            "title": {"type": "string"}, "description": {"type": "string"}, "links": links}},
        "confClasses": {"type": "object", "required": ["conformsTo"], "properties": {
            "conformsTo": _list({"type": "string"}), "links": links}},
        "collection": {"type": "object", "required": ["id", "links"], "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"}, "links": links,
            "extent": {"type": "object"}, "itemType": {"type": "string"}, "crs": _list({"type": "string"})}},
        "collections": {"type": "object", "required": ["links", "collections"], "properties": {
            "links": links, "collections": _list({"$ref": _REF + "schemas/collection"})}},
        "clusterProperties": {"type": "object", "properties": cluster_properties},
        "governorateProperties": {"type": "object", "properties": {
            "iso_code": {"type": "string"}, "name_ar": {"type": "string"}, "name_en": {"type": "string"},
            "cluster_count": {"type": "integer", "minimum": 0}}},
        "featureGeoJSON": {"type": "object", "required": ["type", "geometry", "properties"], "properties": {
            "type": {"type": "string", "enum": ["Feature"]}, "id": {"type": "string"},
            "geometry": {"type": "object", "description": _("A GeoJSON geometry: Point for clusters, "
                                                            "MultiPolygon for governorates.")},
            "properties": {"type": "object"}, "links": links}},
        "featureCollectionGeoJSON": {"type": "object", "required": ["type", "features"], "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": _list({"$ref": _REF + "schemas/featureGeoJSON"}), "links": links,
            "timeStamp": {"type": "string", "format": "date-time"},
            "numberMatched": {"type": "integer", "minimum": 0}, "numberReturned": {"type": "integer", "minimum": 0}}},
    }


def _ok(schema: str, media_type: str, description: str) -> dict:
    return {"description": description, "content": {
        media_type: {"schema": {"$ref": _REF + "schemas/" + schema}}, HTML: {"schema": {"type": "string"}}}}


def _responses() -> dict:
    exception = {"application/json": {"schema": {"$ref": _REF + "schemas/exception"}}}
    return {
        "NotModified": {"description": _("Not modified: the ETag in If-None-Match is current.")},
        "InvalidParameter": {"description": _("A query parameter that this path does not declare, or an "
                                              "invalid value."), "content": exception},
        # f=html asks for the 404 as a page, as for every other answer.
        "NotFound": {"description": _("No such feature."), "content": {**exception, HTML: {"schema": {"type": "string"}}}},
    }


def _operation(operation_id: str, summary: str, declared: str, ok: dict, tags, extra_parameters=(),
               not_found: bool = False) -> dict:
    parameters = [*extra_parameters, *({"$ref": _REF + "parameters/" + name} for name in DECLARED[declared])]
    parameters.append({"$ref": _REF + "parameters/ifNoneMatch"})
    responses = {"200": ok, "304": {"$ref": _REF + "responses/NotModified"},
                 "400": {"$ref": _REF + "responses/InvalidParameter"}}
    if not_found:
        responses["404"] = {"$ref": _REF + "responses/NotFound"}
    return {"get": {"operationId": operation_id, "summary": summary, "tags": tags, "parameters": parameters,
                    "responses": responses}}


def _paths() -> dict:
    server = [_("Server")]
    paths = {
        "/": _operation("getLandingPage", _("Landing page"), "landing",
                        _ok("landingPage", JSON, _("Links to the API definition, conformance and collections.")), server),
        "/conformance": _operation("getConformance", _("Conformance classes this server implements"), "conformance",
                                   _ok("confClasses", JSON, _("The conformance classes.")), server),
        "/api": _operation("getApiDefinition", _("This API definition"), "api",
                           {"description": _("The OpenAPI 3.0 document."), "content": {
                               OPENAPI: {"schema": {"type": "object"}}, HTML: {"schema": {"type": "string"}}}},
                           server),
        "/collections": _operation("getCollections", _("The feature collections"), "collections",
                                   _ok("collections", JSON, _("Every collection.")), server),
    }
    for cid in COLLECTIONS:
        tags = [collection_title(cid)]
        paths[f"/collections/{cid}"] = _operation(
            f"describe_{cid}", _("Describe the collection: %(title)s") % {"title": collection_title(cid)},
            "collection", _ok("collection", JSON, _("The collection's metadata.")), tags)
        paths[f"/collections/{cid}/queryables"] = _operation(
            f"get_{cid}_queryables", _("Queryables of: %(title)s") % {"title": collection_title(cid)},
            "queryables", {"description": _("A JSON Schema of the properties a filter may name."), "content": {
                JSON_SCHEMA: {"schema": {"type": "object"}}, HTML: {"schema": {"type": "string"}}}}, tags)
        paths[f"/collections/{cid}/schema"] = _operation(
            f"get_{cid}_schema", _("JSON Schema of the features of: %(title)s") % {"title": collection_title(cid)},
            "schema", {"description": _("A JSON Schema of one feature."), "content": {
                JSON_SCHEMA: {"schema": {"type": "object"}}, HTML: {"schema": {"type": "string"}}}}, tags)
        features = _ok("featureCollectionGeoJSON", GEOJSON, _("A page of features."))
        features["content"][GEOJSON]["schema"] = {"allOf": [
            {"$ref": _REF + "schemas/featureCollectionGeoJSON"},
            {"type": "object", "properties": {"features": _list({"type": "object", "properties": {
                "properties": {"$ref": _REF + f"schemas/{cid[:-1]}Properties"}}})}},
        ]}
        paths[f"/collections/{cid}/items"] = _operation(
            f"get_{cid}_features", _("Features of the collection: %(title)s") % {"title": collection_title(cid)},
            f"items:{cid}", features, tags)
        paths[f"/collections/{cid}/items/{{featureId}}"] = _operation(
            f"get_{cid}_feature", _("One feature of the collection: %(title)s") % {"title": collection_title(cid)},
            "item", _ok("featureGeoJSON", GEOJSON, _("The feature.")), tags,
            extra_parameters=[{"$ref": _REF + "parameters/featureId"}], not_found=True)
    return paths


def openapi_document(base_url: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": _("Egypt's production clusters: OGC API - Features"),
            "description": _(
                "Egypt's natural production clusters and governorate boundaries as OGC API - Features "
                "(Part 1: Core, GeoJSON, HTML, OpenAPI 3.0; Part 2: CRS; Part 3: CQL2 filters; sorting). "
                "Read-only; published clusters only."),
            "version": "1.0.0",
        },
        "servers": [{"url": base_url}],
        "tags": [{"name": _("Server")}, *({"name": collection_title(cid)} for cid in COLLECTIONS)],
        "paths": _paths(),
        "components": {"parameters": _parameters(), "schemas": _schemas(), "responses": _responses()},
    }


def openapi_html_data(document: dict) -> dict:
    """The document flattened for the HTML page (the service-doc): every path with its parameters and answers."""
    parameters = document["components"]["parameters"]
    paths = []
    for path, item in document["paths"].items():
        operation = item["get"]
        resolved = [parameters[p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p for p in operation["parameters"]]
        paths.append({
            "path": path,
            "url": document["servers"][0]["url"] + path,
            "summary": operation["summary"],
            "parameters": [
                {"name": p["name"], "in": p["in"], "description": p.get("description", ""),
                 "schema": _schema_text(p["schema"])}
                for p in resolved
            ],
            "responses": list(operation["responses"]),
        })
    return {"info": document["info"], "openapi": document["openapi"], "paths": paths}


def _schema_text(schema: dict) -> str:
    if schema.get("type") == "array":
        return f"{_schema_text(schema['items'])}, …"
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    text = schema.get("type", "")
    if "minimum" in schema or "maximum" in schema:
        text += f" [{schema.get('minimum', '')}..{schema.get('maximum', '')}]"
    return text
