"""The partners' read-only GeoJSON API, /api/v1/ (issue 3).

Layers: params (parsing, no HTTP) -> selectors and sql (reads) -> views (thin) -> urls.

The contract other front ends (the OGC API - Features adapter) build on:

    from clusters.api.params import ParameterError, ClusterFilters, Page, cluster_filters_parse, page_parse
    from clusters.api.selectors import cluster_list, cluster_filter_q
    from clusters.api.sql import cluster_feature_collection_sql, cluster_features_json

    filters = cluster_filters_parse(query)   # any mapping of lists (QueryDict); raises ParameterError
    page = page_parse(query)                 # limit 1..10000 (max_limit=...), offset >= 0
    cluster_list(filters)                    # queryset of published clusters, ordered by slug
    cluster_feature_collection_sql(filters, page, page_url_prefix=..., members={...})  # bytes

ParameterError has .parameter (the query parameter's name) and .message (translated).
"""
