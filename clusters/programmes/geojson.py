"""The programme slugs of each cluster, as SQL pieces for the GeoJSON and export statements (clusters.geojson).

One grouped lookup per statement (`sp`, joined by cluster id) rather than a
subquery per feature: for 10,000 features the correlated subquery cost 1.75 s
of a 2.9 s list, the grouped join a few milliseconds (bench/api_programme_filter.py).
Only public support counts: the row and its programme published (the cluster
is published, or it would not be a feature). Slugs are held to [a-z0-9-] by
CHECK constraints, so they need no escaping.
"""

_SLUGS = """json_agg(p.slug ORDER BY p.slug)::text AS json, string_agg(p.slug, '|' ORDER BY p.slug) AS flat
        FROM programmes_support su JOIN programmes_programme p ON p.id = su.programme_id
        WHERE su.status = 'published' AND p.status = 'published'"""
# A CTE for the WITH clause of clusters.geojson.columns.LOOKUPS.
SUPPORT_LOOKUP = f"""sp AS MATERIALIZED (SELECT su.cluster_id, {_SLUGS} GROUP BY su.cluster_id)"""
# For a statement reading one cluster or one page (clusters.geojson.features): their own support rows only
# (by the cluster_id index), not everyone's grouped, which grows with the table (issue 17, item 2).
SUPPORT_ONE_JOIN = f"LEFT JOIN LATERAL (SELECT {_SLUGS} AND su.cluster_id = c.id) sp ON true"
# The join every cluster statement that reads the pieces below needs.
SUPPORT_JOIN = "LEFT JOIN sp ON sp.cluster_id = c.id"

# A JSON array of slugs, for the nested properties: ["a","b"] or [].
PROGRAMMES_JSON = "coalesce(sp.json, '[]')"
# The slugs joined by "|" (as in support.csv), for flat columns: CSV, GeoPackage, KML, OGC.
PROGRAMMES_TEXT = "coalesce(sp.flat, '')"
