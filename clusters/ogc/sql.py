"""The OGC collections' GeoJSON, from the domain's one builder (clusters.geojson).

Clusters carry the flat export properties: GIS programs make one column per
top-level property, and the API's nested sector and governorate objects would
arrive as opaque JSON strings. OGC's `datetime`, which ClusterFilters do not
carry, narrows the selection as a queryset, so the filters are written once.
"""

from clusters.filters import ClusterFilters, Page
from clusters.geojson import OneFeature, cluster_feature_versioned, cluster_features_json, governorate_features_json
from clusters.selectors import governorate_list
from clusters.ogc.links import CRS84


def _crs_kwargs(crs) -> dict:
    # CRS84 is how the data is stored: no transform at all.
    return {} if crs is None or crs.uri == CRS84 else {"srid": crs.srid, "lat_lon": crs.lat_lon}


def cluster_items_json(queryset, page: Page, *, page_url_prefix: str, crs=None, order: str | None = None,
                       shape=None) -> bytes:
    """The JSON array of the page of `queryset` (a narrowing of cluster_list, or a function making it) as
    GeoJSON Features, by slug or by `order` (filtering.order_sql), with geometries in `crs` (crs.Crs);
    `shape` names the selection (cluster_features_json)."""
    return cluster_features_json(ClusterFilters(), page, page_url_prefix=page_url_prefix, flat=True, queryset=queryset,
                                 order=order, shape=shape, **_crs_kwargs(crs))


def _with_links(feature: bytes, links_json: bytes) -> bytes:
    # A Feature is one JSON object: its closing brace makes room for one more member.
    return feature[:-1] + b',"links":' + links_json + b"}"


def cluster_item_versioned(slug: str, *, page_url_prefix: str, links_json: bytes, crs=None) -> OneFeature:
    """The data version and the published cluster `slug` as a GeoJSON Feature with `links` (None when
    there is none), from one statement: the flat properties, as the items pages give them."""
    one = cluster_feature_versioned(slug, page_url_prefix=page_url_prefix, flat=True, **_crs_kwargs(crs))
    return one._replace(feature=_with_links(one.feature, links_json)) if one.feature is not None else one


def governorate_items_json(queryset, page: Page, *, crs=None) -> bytes:
    return governorate_features_json(queryset=queryset[page.offset : page.offset + page.limit], **_crs_kwargs(crs))


def governorate_item_json(iso_code: str, *, links_json: bytes, crs=None) -> bytes | None:
    feature = governorate_features_json(
        queryset=governorate_list().filter(iso_code=iso_code), **_crs_kwargs(crs)).strip()[1:-1].strip()
    return _with_links(feature, links_json) if feature else None
