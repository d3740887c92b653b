"""The two feature collections: their names in the reader's language, extents from the data, links."""

import math

from django.utils.translation import gettext as _

from clusters.selectors import cluster_extent, governorate_extent
from clusters.ogc.crs import STORAGE_CRS, SUPPORTED
from clusters.ogc.links import CRS84, GEOJSON, GREGORIAN, HTML, JSON_SCHEMA, href, link, self_links

COLLECTIONS = ("clusters", "governorates")


def collection_title(collection_id: str) -> str:
    return {"clusters": _("Production clusters"), "governorates": _("Governorates")}[collection_id]


def collection_description(collection_id: str) -> str:
    if collection_id == "clusters":
        return _(
            "Egypt's natural production clusters: towns and villages where many small workshops share one trade. "
            "Published records only, one point each; location_precision says how far to trust it."
        )
    return _("The boundaries of Egypt's governorates, with the number of published production clusters in each.")


def _rfc3339(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _outward(bbox) -> list[float]:
    """The box at 6 decimals, rounded outwards so that it still holds every feature."""
    min_x, min_y, max_x, max_y = bbox
    scale = 10**6
    return [
        math.floor(min_x * scale) / scale, math.floor(min_y * scale) / scale,
        math.ceil(max_x * scale) / scale, math.ceil(max_y * scale) / scale,
    ]


def collection_extent(collection_id: str) -> dict | None:
    """Spatial extent from ST_Extent; temporal from updated_at (governorates keep no time, so they have none)."""
    data = cluster_extent() if collection_id == "clusters" else governorate_extent()
    if data["bbox"] is None:
        return None
    extent = {"spatial": {"bbox": [_outward(data["bbox"])], "crs": CRS84}}
    if data.get("first") is not None:
        extent["temporal"] = {"interval": [[_rfc3339(data["first"]), _rfc3339(data["last"])]], "trs": GREGORIAN}
    return extent


def collection_describe(collection_id: str, base_url: str, fmt: str, keep=()) -> dict:
    path = f"/collections/{collection_id}"
    description = {
        "id": collection_id,
        "title": collection_title(collection_id),
        "description": collection_description(collection_id),
        "links": [
            *self_links(base_url, path, fmt, params=keep),
            # No f=json here: GDAL 3.6 reads one feature at this href + "/" + id, which a query would break.
            # Programs that follow it send a JSON Accept header, and JSON is the default anyway.
            {"href": href(base_url, f"{path}/items", keep), "rel": "items", "type": GEOJSON,
             "title": _("The features as GeoJSON")},
            link(base_url, f"{path}/items", "items", HTML, _("The features as HTML"), keep),
            # Relation types compare case-insensitively (RFC 8288); GDAL 3.6 matches this spelling only.
            link(base_url, f"{path}/schema", "describedBy", JSON_SCHEMA, _("The features' properties and their types"), keep),
            # Part 3: what a filter may name; GDAL reads it to decide which -where clauses go to the server.
            link(base_url, f"{path}/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", JSON_SCHEMA,
                 _("The properties a filter may name"), keep),
            # The draft's short relation, the one GDAL 3.6 (Debian 12, QGIS) follows before it sends -where as CQL.
            {"href": href(base_url, f"{path}/queryables", keep), "rel": "queryables", "type": JSON_SCHEMA,
             "title": _("The properties a filter may name")},
        ],
        "itemType": "feature",
        "crs": list(SUPPORTED),
        "storageCrs": STORAGE_CRS,
    }
    extent = collection_extent(collection_id)
    if extent is not None:
        description["extent"] = extent
    return description
