"""The programme slugs of each cluster, as SQL pieces for the GeoJSON and export statements (clusters.geojson).

A correlated subquery per feature, on the (cluster, programme) index: the
features stay one statement built in PostGIS. Only public support counts:
the row and its programme published (the cluster is published, or it would
not be a feature). Slugs are held to [a-z0-9-] by CHECK constraints, so they
need no escaping.
"""

_PUBLIC_SUPPORT = """FROM programmes_support su JOIN programmes_programme p ON p.id = su.programme_id
        WHERE su.cluster_id = c.id AND su.status = 'published' AND p.status = 'published'"""

# A JSON array of slugs, for the nested properties: ["a","b"] or [].
PROGRAMMES_JSON = f"(SELECT coalesce(json_agg(p.slug ORDER BY p.slug), '[]'::json)::text {_PUBLIC_SUPPORT})"
# The slugs joined by "|" (as in support.csv), for flat columns: CSV, GeoPackage, KML, OGC.
PROGRAMMES_TEXT = f"(SELECT coalesce(string_agg(p.slug, '|' ORDER BY p.slug), '') {_PUBLIC_SUPPORT})"
