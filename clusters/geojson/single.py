"""One cluster Feature and the data version it belongs to, read in one statement (issue 17, item 1).

A single feature used to cost four round trips (health check aside): the
data version, an existence check, then a body whose lookups grouped every
cluster's programmes to keep one. Here the sector, governorate and programmes
are joined for that one cluster only, and the version comes from the same
snapshot as the body, so the ETag built from it can never name another body.
"""

import functools
import json
from typing import NamedTuple

from clusters.constants import DECIMALS
from clusters.etags import DATA_VERSION_SQL
from clusters.geojson.columns import GOVERNORATES, SECTORS
from clusters.geojson.features import DETAIL_FEATURE, FLAT_POINT_FEATURE, transformed_feature
from clusters.prepared import fetch_row_prepared
from clusters.programmes.geojson import PROGRAMMES_JSON, SUPPORT_ONE_JOIN
from clusters.selectors import cluster_published_queryset

_ONE = f"""FROM clusters_cluster c
    JOIN LATERAL ({SECTORS} WHERE id = c.sector_id) s ON true
    JOIN LATERAL ({GOVERNORATES} WHERE id = c.governorate_id) g ON true
    {SUPPORT_ONE_JOIN}
    WHERE c.id IN (IDS)"""


_SLUG = "\x00slug"  # no slug can hold a NUL byte


@functools.cache
def _published_id_sql() -> tuple[str, tuple]:
    # The ORM's own "published" rule, so that this read and the lists can never disagree; compiled
    # once (it cost a fifth of the request), with a marker where the slug goes.
    return cluster_published_queryset().filter(slug=_SLUG).order_by().values("id").query.sql_with_params()


class OneFeature(NamedTuple):
    version: int
    feature: bytes | None  # None: no published cluster has the slug
    cluster_id: int | None
    supported: bool  # whether any published programme supports it


def cluster_feature_versioned(
    slug: str, *, page_url_prefix: str, flat: bool = False, srid: int | None = None, lat_lon: bool = False,
) -> OneFeature:
    """The data version and the published cluster `slug` as a GeoJSON Feature, from one snapshot.

    Nested (the API's detail, with its footprint as a property) or `flat` (the export columns, as OGC
    serves them), with the point transformed to `srid` (latitude first with `lat_lon`) when given.
    """
    ids_sql, ids_params = _published_id_sql()
    ids_params = tuple(slug if param == _SLUG else param for param in ids_params)
    if srid is not None:
        feature, crs_params = transformed_feature("c.location", flat, lat_lon, DECIMALS if srid == 4326 else 3), (srid,)
    else:
        feature, crs_params = (FLAT_POINT_FEATURE if flat else DETAIL_FEATURE), ()
    sql = f"""SELECT v.version, f.* FROM (SELECT {DATA_VERSION_SQL} AS version) v
        LEFT JOIN LATERAL (SELECT {feature}, c.id, {PROGRAMMES_JSON} <> '[]' {_ONE.replace("IDS", ids_sql)}) f ON true"""
    # Prepared: the same few statements run for every slug, and planning them cost more than running them.
    version, feature_text, cluster_id, supported = fetch_row_prepared(
        sql, (*crs_params, json.dumps(page_url_prefix)[:-1], *ids_params))
    return OneFeature(version, bytes(feature_text) if feature_text is not None else None, cluster_id, bool(supported))


def cluster_feature_json(slug: str, *, page_url_prefix: str) -> tuple[bytes, int, bool] | None:
    """The API's detail Feature, or None when no published cluster has the slug.

    Returns (feature bytes, the cluster's id, whether any published programme supports it), so
    that the caller asks for support records only when there are some.
    """
    one = cluster_feature_versioned(slug, page_url_prefix=page_url_prefix)
    return None if one.feature is None else (one.feature, one.cluster_id, one.supported)
