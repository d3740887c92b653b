"""The partners' read-only GeoJSON API, /api/v1/ (issue 3): a thin adapter over the domain.

Layers: the domain's filters (clusters.filters), reads (clusters.selectors),
GeoJSON SQL (clusters.geojson) and ETags (clusters.etags) -> params (the
API's own `format` and `simplify`) -> views (thin) -> urls. Nothing outside
this package imports from it; it imports nothing from clusters.ogc.
"""
