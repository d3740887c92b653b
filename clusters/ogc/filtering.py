"""Queryables, `filter` (CQL2) and `sortby` (OGC API - Features Parts 3 and 5's sorting).

The CQL2 text and JSON are parsed and turned into a Django Q by pygeofilter
(geopython's, also pygeoapi's), so every value is a bound parameter of the
ORM's SQL and no CQL2 grammar of our own has to be kept. Before that, the
parsed tree is walked here: it may name only the declared queryables, and
its literals must have their types, so that a filter the database would
refuse is a 400 naming `filter`, never a 500.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.gis.geos import GEOSGeometry
from django.contrib.gis.geos import Polygon
from django.db.models import F, Q
from django.utils.translation import gettext as _

from clusters.filters import ParameterError, parameter_value as _value
from clusters.ogc.crs import crs_parse

MAX_FILTER_LENGTH = 20_000
MAX_SORT_KEYS = 5


@dataclass(frozen=True)
class Queryable:
    lookup: str  # the ORM path
    schema: dict  # its JSON Schema
    column: str | None = None  # its SQL in the GeoJSON statement, for sortby; None: not sortable


def _string(description):
    return {"type": "string", "description": description}


def queryables(collection_id: str) -> dict[str, Queryable]:
    """The properties a filter may name, in the collection's own names (those of its features)."""
    figure = {"type": "integer", "minimum": 0}
    if collection_id == "governorates":
        return {
            "iso_code": Queryable("iso_code", _string(_("The governorate's ISO 3166-2 code."))),
            "name_ar": Queryable("name_ar", _string(_("Arabic name."))),
            "name_en": Queryable("name_en", _string(_("English name."))),
            "geometry": Queryable("boundary", {"format": "geometry-multipolygon", "x-ogc-role": "primary-geometry"}),
        }
    return {
        "slug": Queryable("slug", _string(_("The cluster's stable id, also the feature id.")), "c.slug"),
        "name_ar": Queryable("name_ar", _string(_("Arabic name.")), "c.name_ar"),
        "name_en": Queryable("name_en", _string(_("English name.")), "c.name_en"),
        "sector": Queryable("sector__slug", _string(_("The sector's slug.")), "s.slug"),
        "governorate": Queryable("governorate__iso_code", _string(_("The governorate's ISO 3166-2 code.")), "g.iso_code"),
        "locality_ar": Queryable("locality_ar", _string(_("Locality, in Arabic.")), "c.locality_ar"),
        "locality_en": Queryable("locality_en", _string(_("Locality, in English.")), "c.locality_en"),
        "location_precision": Queryable("location_precision", {
            **_string(_("How far to trust the point.")),
            "enum": ["locality", "approximate", "district", "governorate"]}, "c.location_precision"),
        "enterprises": Queryable("enterprises", {**figure, "description": _("Number of enterprises.")}, "c.enterprises"),
        "employment": Queryable("employment", {**figure, "description": _("Number of workers.")}, "c.employment"),
        "updated_at": Queryable("updated_at", {"type": "string", "format": "date-time",
                                               "description": _("When the record last changed.")}, "c.updated_at"),
        "geometry": Queryable("location", {"format": "geometry-point", "x-ogc-role": "primary-geometry"}),
    }


def queryables_document(collection_id: str, base_url: str, title: str) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url}/collections/{collection_id}/queryables",
        "type": "object",
        "title": title,
        "properties": {name: q.schema for name, q in queryables(collection_id).items()},
        "additionalProperties": False,
        # The draft's list, which GDAL 3.6 (Debian 12, QGIS) reads to decide what -where sends to the server;
        # a JSON Schema reader ignores a keyword it does not know.
        "queryables": [{"id": name, "queryable": name} for name in queryables(collection_id)],
    }


# filter

_LANGUAGES = ("cql2-text", "cql2-json")
# GDAL 3.6 still names the text encoding by its draft name; what it writes is CQL2 text.
_ALIASES = {"cql-text": "cql2-text"}


def _parse(text: str, language: str):
    from pygeofilter.parsers.cql2_json import parse as parse_json
    from pygeofilter.parsers.cql2_text import parse as parse_text

    return parse_text(text) if language == "cql2-text" else parse_json(text)


def _kind(schema: dict) -> str:
    if "x-ogc-role" in schema:
        return "geometry"
    if schema.get("type") == "integer":
        return "integer"
    if schema.get("format") == "date-time":
        return "datetime"
    return "string"


def _literal_fits(value, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "datetime":
        return isinstance(value, (datetime, date))
    if kind == "string":
        return isinstance(value, str)
    return True


def _check(node, fields: dict[str, Queryable]) -> None:
    """Every attribute declared, every literal compared with it of its type; only the operators we offer."""
    from pygeofilter import ast, values

    if isinstance(node, ast.Attribute):
        if node.name not in fields:
            raise ParameterError("filter", _("“%(name)s” is not a queryable of this collection; see its /queryables.")
                                 % {"name": str(node.name)[:100]})
        return
    if _is_bbox(node):
        return
    if isinstance(node, (ast.Function, ast.Arithmetic, ast.TemporalPredicate, ast.ArrayPredicate)):
        raise ParameterError("filter", _("This server does not offer %(what)s in filters.")
                             % {"what": type(node).__name__})
    subs = list(node.get_sub_nodes()) if isinstance(node, ast.Node) else []
    for sub in subs:
        if isinstance(sub, ast.Attribute):
            _check(sub, fields)  # an undeclared name is said as such, before anything else
    attribute = next((sub for sub in subs if isinstance(sub, ast.Attribute)), None)
    if attribute is not None and attribute.name in fields:
        kind = _kind(fields[attribute.name].schema)
        spatial = isinstance(node, (ast.SpatialComparisonPredicate, ast.BBox))
        if (kind == "geometry") != spatial and not isinstance(node, ast.IsNull):
            raise ParameterError("filter", _("“%(name)s” cannot be used with this operator.") % {"name": attribute.name})
        for sub in subs:
            literal = sub
            if isinstance(sub, (ast.Node, values.Geometry, values.Envelope)) or sub is None or _is_bbox(sub):
                continue
            if not _literal_fits(literal, kind):
                raise ParameterError("filter", _("“%(value)s” is not a value of the kind “%(name)s” holds (%(kind)s).")
                                     % {"value": str(literal)[:100], "name": attribute.name, "kind": kind})
    elif isinstance(node, (ast.Comparison, ast.Like, ast.In, ast.Between)):
        raise ParameterError("filter", _("A comparison needs a queryable on its left-hand side."))
    if isinstance(node, ast.Like) and not node.pattern.strip("%"):
        raise ParameterError("filter", _("A LIKE pattern needs more than wildcards."))
    for sub in subs:
        if isinstance(sub, ast.Node):
            _check(sub, fields)


def _is_bbox(node) -> bool:
    """CQL2 text's BBOX(minx, miny, maxx, maxy), which pygeofilter 0.4 leaves as a function call."""
    from pygeofilter import ast

    return (isinstance(node, ast.Function) and node.name.lower() == "bbox" and len(node.arguments) in (4, 6)
            and all(isinstance(a, (int, float)) and not isinstance(a, bool) for a in node.arguments))


def filter_q(query, collection_id: str):
    """The Q of `filter` (or None), in `filter-lang` (cql2-text by default) and `filter-crs` (CRS84 by default)."""
    text = _value(query, "filter")
    language = (_value(query, "filter-lang") or "cql2-text").lower()
    language = _ALIASES.get(language, language)
    if language not in _LANGUAGES:
        raise ParameterError("filter-lang", _("Use one of: %(choices)s.") % {"choices": ", ".join(_LANGUAGES)})
    crs = crs_parse(query, "filter-crs")
    if text is None:
        return None
    if len(text) > MAX_FILTER_LENGTH:
        raise ParameterError("filter", _("The filter is longer than %(max)d characters.") % {"max": MAX_FILTER_LENGTH})
    try:
        tree = _parse(text, language)
    except Exception as error:  # lark's, json's and pygeofilter's own errors: all mean a malformed filter
        reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        raise ParameterError("filter", _("The filter is not valid %(language)s: %(reason)s")
                             % {"language": language.upper(), "reason": reason}) from None
    fields = queryables(collection_id)
    _check(tree, fields)
    return _to_q(tree, fields, crs)


def _to_q(tree, fields, crs):
    from pygeofilter import ast, values
    from pygeofilter.backends.django.evaluate import DjangoFilterEvaluator
    from pygeofilter.backends.evaluator import handle

    class Evaluator(DjangoFilterEvaluator):
        # Geometries in a filter are in filter-crs; the columns are in WGS 84.
        @handle(values.Geometry)
        def geometry(self, node):
            return _stored(GEOSGeometry(super().geometry(node).json, srid=crs.srid), crs)

        @handle(values.Envelope)
        def envelope(self, node):
            # pygeofilter 0.4's CQL2 JSON parser fills Envelope(x1, x2, y1, y2) from the bbox array in its
            # order (minx, miny, maxx, maxy), so the fields hold the corners under other names.
            return _stored(Polygon.from_bbox((node.x1, node.x2, node.y1, node.y2)), crs)

        @handle(ast.Function)
        def function(self, node, *arguments):
            # Only BBOX gets here (_check refuses every other function); six numbers carry heights.
            numbers = node.arguments if len(node.arguments) == 4 else [node.arguments[i] for i in (0, 1, 3, 4)]
            return _stored(Polygon.from_bbox(tuple(numbers)), crs)

        @handle(ast.Not)
        def not_(self, node, sub):
            # CQL2, like SQL, leaves NOT (x <= 500) unknown, so false, where x is null; Django's ~Q would
            # take those rows in. Over one predicate on a queryable, the null rows are kept out here.
            inner = node.sub_node
            attribute = getattr(inner, "lhs", None)
            if isinstance(attribute, ast.Attribute) and not isinstance(inner, ast.IsNull):
                return ~sub & Q(**{f"{fields[attribute.name].lookup}__isnull": False})
            return ~sub

        @handle(ast.BBox)
        def bbox(self, node, lhs):
            box = _stored(Polygon.from_bbox((node.minx, node.miny, node.maxx, node.maxy)), crs)
            return Q(**{f"{lhs.name}__intersects": box})

    mapping = {name: q.lookup for name, q in fields.items()}
    try:
        return Evaluator(mapping, {}).evaluate(tree)
    except ParameterError:
        raise
    except Exception as error:
        raise ParameterError("filter", _("The filter cannot be applied: %(reason)s") % {"reason": str(error)[:200]}) from None


def _stored(geometry, crs):
    """A geometry written in `crs` as the columns hold it: WGS 84, longitude first."""
    if crs.lat_lon:
        # EPSG:4326 writes latitude first.
        shape = json.loads(geometry.json)
        shape["coordinates"] = _swap(shape["coordinates"])
        geometry = GEOSGeometry(json.dumps(shape))
    geometry.srid = crs.srid
    if crs.srid != 4326:
        geometry.transform(4326)
    return geometry


def _swap(coordinates):
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [coordinates[1], coordinates[0], *coordinates[2:]]
    return [_swap(part) for part in coordinates]


# sortby

def order_parse(query, collection_id: str) -> list[tuple[str, bool]]:
    """sortby's keys as (queryable name, descending), e.g. "-enterprises,name_en"; [] when absent."""
    value = _value(query, "sortby")
    if value is None:
        return []
    fields = queryables(collection_id)
    keys = []
    for part in value.split(","):
        part = part.strip()
        descending = part.startswith("-")
        name = part.lstrip("+-").strip()
        if name.upper().endswith(" DESC") or name.upper().endswith(" ASC"):  # sortby's other spelling: "name DESC"
            descending = name.upper().endswith(" DESC")
            name = name.rsplit(" ", 1)[0].strip()
        if name not in fields or fields[name].column is None:
            sortable = ", ".join(n for n, q in fields.items() if q.column)
            raise ParameterError("sortby", _("“%(name)s” is not sortable. Sort by: %(choices)s.")
                                 % {"name": name[:100], "choices": sortable or "—"})
        keys.append((name, descending))
    if len(keys) > MAX_SORT_KEYS:
        raise ParameterError("sortby", _("Give at most %(max)d keys.") % {"max": MAX_SORT_KEYS})
    return keys


def order_by_args(keys, collection_id: str) -> list:
    """The ORM ordering of the sort keys; nulls last either way, and the id last so pages never overlap."""
    fields = queryables(collection_id)
    ordering = [F(fields[name].lookup).desc(nulls_last=True) if descending else F(fields[name].lookup).asc(nulls_last=True)
                for name, descending in keys]
    return ordering + ["slug" if collection_id == "clusters" else "iso_code"]


def order_sql(keys, collection_id: str) -> str | None:
    """The same ordering in the GeoJSON statement's terms (the columns are ours, never the client's text)."""
    if not keys:
        return None
    fields = queryables(collection_id)
    terms = [f"{fields[name].column} {'DESC' if descending else 'ASC'} NULLS LAST" for name, descending in keys]
    return ", ".join(terms + ["c.slug"])
