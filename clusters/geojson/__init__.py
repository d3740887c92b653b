"""GeoJSON built inside PostGIS and passed through unparsed: the one builder every adapter uses.

    from clusters.geojson import cluster_feature_collection_sql, cluster_features_json, cluster_export_rows
    from clusters.geojson import governorate_feature_collection_sql, governorate_features_json, FLAT_COLUMNS
    from clusters.geojson import cluster_feature_versioned  # one Feature and its data version, one statement
"""

from clusters.geojson.columns import FLAT_COLUMNS, NESTED_PROPERTIES
from clusters.geojson.features import cluster_export_rows, cluster_feature_collection_sql, cluster_features_json
from clusters.geojson.single import OneFeature, cluster_feature_json, cluster_feature_versioned
from clusters.geojson.governorates import governorate_feature_collection_sql, governorate_features_json

__all__ = [
    "FLAT_COLUMNS", "NESTED_PROPERTIES", "OneFeature", "cluster_export_rows", "cluster_feature_collection_sql",
    "cluster_feature_json", "cluster_feature_versioned", "cluster_features_json", "governorate_feature_collection_sql",
    "governorate_features_json",
]
