"""The partners' read-only GeoJSON API, /api/v1/ (issue 3).

params (parsing, no HTTP) -> selectors and sql (reads) -> views (thin) -> urls.
"""
